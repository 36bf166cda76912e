// `validate` over the shared corpus: every compose file loads without an internal failure, every
// Defang-stage finding is a rule of the matrix and is located; every Defang sample deploys (exit 0)
// once its build contexts exist.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadForDeploy, loadProject } from "../../provider/src/compose";
import { RULE_BY_CODE } from "../../provider/src/compose/defang/rules";
import { CORPUS, corpusComposeFiles } from "../compose/defang/corpus";
import { validateIn } from "./run";
import { createReferencedFiles } from "../support/samples";

const files = corpusComposeFiles();
const rel = (f: string) => path.relative(CORPUS, f);

describe("validate over the corpus", function () {
    before(function () {
        if (!files.length) this.skip();
    });

    it("finds the corpus", () => assert.ok(files.length > 150, `${files.length} files`));

    for (const file of files) {
        it(rel(file), () => {
            const opts = { files: [file], workingDir: path.dirname(file), mode: "balanced" as const };
            const loaded = loadProject(opts);
            const result = loadForDeploy(opts);
            const loaderCodes = new Set(loaded.diagnostics.map((d) => d.code));
            for (const d of result.diagnostics) {
                assert.ok(RULE_BY_CODE.has(d.code) || loaderCodes.has(d.code), `unknown code ${d.code}: ${d.message}`);
                if (RULE_BY_CODE.has(d.code)) assert.ok(d.file && d.line && d.column, `not located: ${JSON.stringify(d)}`);
            }
            if (loaded.project && !loaded.diagnostics.some((d) => d.severity === "error")) {
                // A schema-valid file reaches the Defang stage: its findings are rules of the matrix.
                const defang = result.diagnostics.slice(loaded.diagnostics.length);
                for (const d of defang) assert.ok(RULE_BY_CODE.has(d.code), `${d.code} is not a rule`);
                assert.ok(result.project, "the Defang stage returns a project");
            }
        });
    }
});

describe("validate on the Defang samples (contexts created)", function () {
    const samples = files.filter((f) => rel(f).startsWith("defang-samples/") && path.basename(f) === "compose.yaml");
    let tmp: string;
    before(function () {
        if (!samples.length) this.skip();
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "defang-samples-"));
    });
    after(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

    it("has the 53 samples", () => assert.strictEqual(samples.length, 53));

    for (const file of samples) {
        const sample = path.basename(path.dirname(file));
        it(`${sample} exits 0`, async () => {
            const dir = path.join(tmp, sample);
            fs.mkdirSync(dir, { recursive: true });
            fs.copyFileSync(file, path.join(dir, "compose.yaml"));
            createReferencedFiles(dir, fs.readFileSync(file, "utf8"));
            const r = await validateIn(dir, ["-f", "compose.yaml"]);
            const errors = r.out.split("\n").filter((l) => / error: /.test(l));
            assert.deepStrictEqual(errors, []);
            assert.strictEqual(r.code, 0, r.out + r.err);
        });
    }
});
