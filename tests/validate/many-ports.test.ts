// Bounded work: 3,000 ports on one service validate fast (the budget is 5 s; the test allows 10 s for a
// loaded machine) and end in a located finding, not a hang.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../support/shared";

const CLI = path.join(REPO_ROOT, "bin/provider/src/cli/main.js");

describe("validate: 3,000 ports", function () {
    this.timeout(60_000);
    it("finishes within the budget with located findings", () => {
        if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first`);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-ports-"));
        try {
            const ports = Array.from({ length: 3000 }, (_, i) => `      - {target: ${10000 + i}, mode: host}`);
            fs.writeFileSync(path.join(dir, "compose.yaml"), ["services:", "  app:", "    image: ghcr.io/acme/app:1", "    ports:", ...ports].join("\n") + "\n");
            const start = Date.now();
            const r = spawnSync(process.execPath, [CLI, "validate", "--json"], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 28 });
            const ms = Date.now() - start;
            assert.ok(ms < 10_000, `${ms} ms`);
            const findings = JSON.parse(r.stdout) as Array<{ file: string; line: number; code: string }>;
            for (const f of findings) assert.ok(f.file && f.line > 0, JSON.stringify(f));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
