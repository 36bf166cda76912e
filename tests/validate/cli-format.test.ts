// `validate` output and exit codes, with the loader replaced by a fixture (no YAML involved).
import * as assert from "assert";
import { UsageError } from "../../provider/src/cli/args";
import { runValidate, type ValidateDeps } from "../../provider/src/cli/commands/validate";
import { applyDefangRules, type LoadOptions, type LoadResult } from "../../provider/src/compose";
import type { Mode } from "../../provider/src/plan/modes";
import { FILE, fixture, goodService, workerService } from "../compose/defang/fixtures";

interface Run {
    code: number;
    out: string;
    err: string;
    seen?: LoadOptions & { mode: Mode };
}

async function validate(argv: string[], project = fixture({ services: { web: goodService({ hostname: "x" }), w: workerService({ container_name: "w" }) } }).project): Promise<Run> {
    const run: Run = { code: -1, out: "", err: "" };
    const deps: ValidateDeps = {
        cwd: "/work/app",
        stdout: (s) => (run.out += s),
        stderr: (s) => (run.err += s),
        load: (opts): LoadResult => {
            run.seen = opts;
            return applyDefangRules(project, opts);
        },
    };
    run.code = await runValidate(argv, deps);
    return run;
}

describe("validate (output)", () => {
    it("prints file:line:col: severity: message [code] with the hint indented, relative to the cwd", async () => {
        const r = await validate([]);
        assert.strictEqual(r.code, 1);
        const lines = r.out.trimEnd().split("\n");
        assert.match(lines[0], /^compose\.yaml:\d+:\d+: error: service "web": `hostname` is not supported.* \[hostname-unsupported\]$/);
        assert.match(lines[1], /^ {4}hint: remove `hostname`/);
        assert.ok(lines.some((l) => /^compose\.yaml:\d+:\d+: warning: service "w": `container_name` is ignored.*\[container-name-ignored\]$/.test(l)), r.out);
        assert.match(r.err, /1 error, 1 warning in 2 services/);
    });

    it("prints the findings in file order, whatever order the checks ran in", async () => {
        // The extension check runs first for every service; the output must still follow the file.
        const f = fixture({ services: { a: workerService({ links: ["b"] }), b: workerService({ hostname: "b" }), c: workerService({ extensions: { "x-defang-frob": 1 } }) } });
        const r = await validate([], f.project);
        const lines = r.out.split("\n").filter((l) => l.startsWith("compose.yaml:")).map((l) => Number(l.split(":")[1]));
        assert.strictEqual(lines.length, 3);
        assert.deepStrictEqual(lines, [...lines].sort((x, y) => x - y));
    });

    it("prints a JSON array with every field, and hides infos unless --verbose", async () => {
        const project = fixture({ services: { web: goodService({ ports: [{ mode: "ingress", target: 80, protocol: "tcp" }] }) } }).project;
        const quiet = await validate(["--json"], project);
        assert.strictEqual(quiet.code, 0);
        assert.deepStrictEqual(JSON.parse(quiet.out), []);
        const verbose = await validate(["--json", "--verbose"], project);
        const [d] = JSON.parse(verbose.out);
        assert.deepStrictEqual(Object.keys(d), ["file", "line", "column", "severity", "code", "message", "hint"]);
        assert.strictEqual(d.code, "port-app-protocol-http");
        assert.strictEqual(d.file, "compose.yaml");
        assert.strictEqual(d.hint, null);
    });

    it("exits 0 with warnings only", async () => {
        const r = await validate([], fixture({ services: { w: workerService({ links: ["db"] }) } }).project);
        assert.strictEqual(r.code, 0);
        assert.match(r.out, /\[links-ignored\]/);
    });

    it("passes files (absolute), profiles, env files, project name and the mode to the loader", async () => {
        const r = await validate(["-f", "a.yaml", "--file", "/x/b.yaml", "--profile", "dev", "--env-file", "prod.env", "-p", "shop", "--mode", "ha"]);
        assert.deepStrictEqual(r.seen, {
            workingDir: "/work/app",
            mode: "high_availability",
            files: ["/work/app/a.yaml", "/x/b.yaml"],
            envFiles: ["/work/app/prod.env"],
            profiles: ["dev"],
            projectName: "shop",
        });
    });

    it("keeps absolute paths that are shorter than the relative ones", async () => {
        const project = fixture({ services: { w: workerService({ hostname: "h" }) } }).project;
        const run: Run = { code: -1, out: "", err: "" };
        await runValidate([], { cwd: "/very/deep/elsewhere/dir", stdout: (s) => (run.out += s), stderr: () => {}, load: (o) => applyDefangRules(project, o) });
        assert.ok(run.out.startsWith(`${FILE}:`), run.out);
    });

    it("rejects a bad mode or option as a usage error (exit 2 in main)", async () => {
        await assert.rejects(validate(["--mode", "turbo"]), UsageError);
        await assert.rejects(validate(["--frobnicate"]), UsageError);
    });

    it("exits 1 when the loader could not produce a project", async () => {
        const run: Run = { code: -1, out: "", err: "" };
        const code = await runValidate([], {
            cwd: "/w",
            stdout: (s) => (run.out += s),
            stderr: (s) => (run.err += s),
            load: () => ({ diagnostics: [{ severity: "error", code: "yaml-syntax", message: "bad", file: "/w/compose.yaml", line: 3, column: 7 }] }),
        });
        assert.strictEqual(code, 1);
        assert.strictEqual(run.out, "compose.yaml:3:7: error: bad [yaml-syntax]\n");
    });

    it("--rules lists every rule", async () => {
        const r = await validate(["--rules", "--json"]);
        const rules = JSON.parse(r.out);
        assert.ok(rules.some((x: { code: string }) => x.code === "hostname-unsupported"));
        const text = await validate(["--rules"]);
        assert.strictEqual(text.out.trimEnd().split("\n").length, rules.length + 1);
    });
});
