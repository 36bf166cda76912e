// The long runner's reproduction aids: --from N gives mutant N of the full sequence, and a crash keeps
// the running mutant with its stack and ops.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { campaign, type CurrentMutant } from "./campaign";
import { recordCrash } from "./crash";
import { mutate } from "./mutate";
import { Rng } from "./rng";
import { corpusSeeds } from "./sources";

describe("fuzz runner: --from and the crash record", function () {
    this.timeout(60_000);

    it("--from N runs mutant N of the seeded sequence, the same one a full run makes", async () => {
        const seeds = corpusSeeds();
        const rng = new Rng(7);
        const expected: string[][] = [];
        for (let i = 0; i < 6; i++) {
            const seed = rng.pick(seeds);
            expected.push(mutate(fs.readFileSync(seed.file, "utf8"), path.basename(seed.file), rng).ops);
        }
        const seen: CurrentMutant[] = [];
        const result = await campaign({ seed: 7, count: 1, from: 5, seeds, planModes: () => [], onMutant: (m) => seen.push(m) });
        assert.equal(result.mutants, 1);
        assert.deepEqual(seen.map((m) => [m.index, m.ops]), [[5, expected[5]]]);
    });

    it("a crash writes the mutant, its ops and the stack to FAILURE.json", () => {
        const into = fs.mkdtempSync(path.join(os.tmpdir(), "fuzz-crash-"));
        const current: CurrentMutant = { index: 12, seed: "a/compose.yaml", ops: ["renameService: x"], fileName: "compose.yaml", text: "services: {}\n", extraFiles: { ".env": "A=1\n" }, dir: path.join(into, "gone") };
        const dest = recordCrash(into, current, "unhandled rejection", new Error("dependsOn was passed a value that was not a Resource"));
        assert.equal(dest, path.join(into, "mutant-12"));
        assert.equal(fs.readFileSync(path.join(dest, "compose.yaml"), "utf8"), "services: {}\n");
        assert.equal(fs.readFileSync(path.join(dest, ".env"), "utf8"), "A=1\n");
        const failure = JSON.parse(fs.readFileSync(path.join(dest, "FAILURE.json"), "utf8"));
        assert.deepEqual([failure.index, failure.seed, failure.ops, failure.crash.kind], [12, "a/compose.yaml", ["renameService: x"], "unhandled rejection"]);
        assert.match(failure.crash.stack, /not a Resource\n\s+at /);
    });
});
