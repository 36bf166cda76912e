// Output through pipes: the built CLI, spawned with stdout and stderr as pipes, writes all of a large
// output (more than 1 MiB, far past the 64 KiB a pipe buffers) and keeps its exit code, 0 or 1.
// Before the fix, the process exited before stdout drained and `plan --json | jq` got a cut document.
import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../support/shared";

const CLI = path.join(REPO_ROOT, "bin/provider/src/cli/main.js");

/** `n` services with long names; private (host) ports plan cleanly, ingress ones exceed one load balancer. */
function bigApp(n: number, mode: "host" | "ingress"): string {
    const lines = ["name: big", "services:"];
    for (let i = 0; i < n; i++) {
        lines.push(`  a-service-with-a-deliberately-long-name-${i}:`, `    image: ghcr.io/acme/svc${i}:1.0`, `    ports: [{target: ${8000 + i}, mode: ${mode}}]`);
    }
    return lines.join("\n") + "\n";
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on("data", (b: Buffer) => out.push(b));
        child.stderr.on("data", (b: Buffer) => err.push(b));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
    });
}

describe("CLI output through pipes (complete, exit code kept)", function () {
    this.timeout(120_000);
    let dir: string;
    before(function () {
        if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first`);
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-pipes-"));
        fs.writeFileSync(path.join(dir, "ok.yaml"), bigApp(300, "host"));
        fs.writeFileSync(path.join(dir, "bad.yaml"), bigApp(800, "ingress"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("plan --json of a 300-service app: > 1 MiB, parses as JSON, exit 0", async () => {
        const r = await run(["plan", "--json", "-f", path.join(dir, "ok.yaml")]);
        assert.equal(r.code, 0, r.stderr.slice(-2000));
        assert.ok(r.stdout.length > 1024 * 1024, `only ${r.stdout.length} bytes`);
        const plan = JSON.parse(r.stdout);
        assert.ok(plan.resources.length > 300);
    });

    it("render of the same app: every service printed, exit 0", async () => {
        const r = await run(["render", "--format", "json", "-f", path.join(dir, "ok.yaml")]);
        assert.equal(r.code, 0, r.stderr.slice(-2000));
        assert.equal(Object.keys(JSON.parse(r.stdout).services).length, 300);
    });

    it("validate --json of an app with errors: > 1 MiB of findings, parses as JSON, exit 1", async () => {
        const r = await run(["validate", "--json", "-f", path.join(dir, "bad.yaml")]);
        assert.equal(r.code, 1, r.stderr.slice(-2000));
        assert.ok(r.stdout.length > 1024 * 1024, `only ${r.stdout.length} bytes`);
        const findings = JSON.parse(r.stdout) as Array<{ severity: string }>;
        assert.ok(findings.some((f) => f.severity === "error"));
    });
});
