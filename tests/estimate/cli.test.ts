// The estimate command: options, the table, --json whose lines sum to the total, exit codes. The
// offline plan is injected here (fixtures); corpus.test.ts runs the real one.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runEstimate, type EstimateDeps, type RunOfflinePlan } from "../../provider/src/cli/commands/estimate";
import { UsageError } from "../../provider/src/cli/args";
import { relativeDiagnostic } from "../../provider/src/compose";
import { alb, component, fargate, postgres } from "./fixtures";

function harness(plan: Partial<Awaited<ReturnType<RunOfflinePlan>>> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const calls: Parameters<RunOfflinePlan>[0][] = [];
    const deps: EstimateDeps = {
        runOfflinePlan: async (opts) => {
            calls.push(opts);
            return { project: "app", mode: opts.mode, region: opts.region ?? "us-east-1", resources: [component(), ...fargate({ service: "web", cpu: 512, memory: 1024, desired: 2 }), ...alb(2), ...postgres("db")], outputs: { services: { web: {} }, databases: { db: {} } }, diagnostics: [], ...plan };
        },
        stdout: (s) => out.push(s),
        stderr: (s) => err.push(s),
    };
    return { deps, out: () => out.join(""), err: () => err.join(""), calls };
}

describe("pulumi-defang estimate (CLI)", () => {
    it("prints JSON whose lines sum to the total, with the agreed keys", async () => {
        const h = harness();
        assert.equal(await runEstimate(["--json", "--mode", "balanced", "--region", "us-east-1"], h.deps), 0);
        const doc = JSON.parse(h.out());
        for (const k of ["mode", "region", "currency", "total", "lines"]) assert.ok(k in doc, k);
        assert.equal(doc.mode, "balanced");
        assert.equal(doc.currency, "USD");
        const cents = doc.lines.reduce((c: number, l: { monthly: number }) => c + Math.round(l.monthly * 100), 0);
        assert.equal(cents, Math.round(doc.total * 100));
        for (const l of doc.lines) assert.deepEqual(Object.keys(l), ["service", "type", "name", "description", "quantity", "unit", "unitPrice", "monthly"]);
        assert.equal(doc.total, 36.04 + 23.73 + 13.98);
    });

    it("prints a table grouped by service and resource, figures right-aligned, with subtotals, the total and notes", async () => {
        const h = harness();
        assert.equal(await runEstimate(["--mode", "ha"], h.deps), 0);
        const text = h.out();
        assert.match(text, /mode high_availability/);
        const lines = text.split("\n");
        const header = lines.find((l) => l.startsWith("SERVICE / RESOURCE / LINE"))!;
        const monthlyCol = header.indexOf("MONTHLY") + "MONTHLY".length;
        for (const l of lines.filter((x) => /\$\d+\.\d\d$/.test(x))) assert.equal(l.length, monthlyCol, `right-aligned: ${l}`);
        // Each service opens its block with its subtotal; each resource (type and logical name) heads its lines.
        assert.match(text, /^db\s+\$13\.98$/m);
        assert.match(text, /^web\s+\$36\.04$/m);
        assert.match(text, /^\(shared infrastructure\)\s+\$23\.73$/m);
        assert.match(text, /^ {2}ecs\/service app-web-service$/m);
        assert.match(text, /^ {4}Fargate vCPU, Linux\/x86: 0\.5 vCPU × 2 tasks × 730 h\s+730 vCPU-hours\s+\$0\.04048\s+\$29\.55$/m);
        assert.match(text, /^TOTAL per month \(\+ usage\)\s+\$73\.75$/m);
        assert.match(text, /taxes/);
        assert.match(text, /prices\/us-east-1\.json/);
        for (const l of lines) assert.ok([...l].length <= 100, `${[...l].length} columns: ${l}`);
    });

    it("fits 100 columns whatever the names and figures: long text wraps, nothing is cut", async () => {
        const long = "a-very-long-compose-service-name-that-goes-on-and-on-well-past-any-column-budget";
        const plan = {
            project: long,
            resources: [component(), ...fargate({ service: long, cpu: 4096, memory: 30720, desired: 250_000 }), ...alb(3), ...postgres(long, { instanceClass: "db.r6g.16xlarge", multiAz: true, gb: 65_536 })],
            outputs: { services: { [long]: {} }, databases: { [long]: {} } },
        };
        const [table, json] = [harness(plan), harness(plan)];
        assert.equal(await runEstimate(["--mode", "ha"], table.deps), 0);
        assert.equal(await runEstimate(["--mode", "ha", "--json"], json.deps), 0);
        const text = table.out();
        for (const l of text.split("\n")) assert.ok([...l].length <= 100, `${[...l].length} columns: ${l}`);
        // Every figure of the JSON is in the table, and the resource of every line is named there.
        const flat = text.replace(/\s+/g, "");
        for (const l of JSON.parse(json.out()).lines) {
            assert.ok(flat.includes(`$${l.monthly.toLocaleString("en-US", { minimumFractionDigits: 2 })}`), `${l.description}: ${l.monthly}`);
            assert.ok(flat.includes(l.name.replace(/\s+/g, "")), `resource ${l.name}`);
        }
    });

    it("passes files, profiles, env files and the region through to the offline plan", async () => {
        const h = harness();
        await runEstimate(["-f", "a.yaml", "-f", "b.yaml", "--profile", "x", "--env-file", ".env.prod", "--region", "us-east-1"], h.deps);
        assert.deepEqual(h.calls[0].files, ["a.yaml", "b.yaml"]);
        assert.deepEqual(h.calls[0].profiles, ["x"]);
        assert.deepEqual(h.calls[0].envFiles, [".env.prod"]);
        assert.equal(h.calls[0].mode, "affordable");
    });

    it("leaves env files unset when none is given, so the .env beside the compose file is read as by plan", async () => {
        const h = harness();
        await runEstimate(["--region", "us-east-1"], h.deps);
        assert.equal(h.calls[0].envFiles, undefined);
        assert.equal(h.calls[0].profiles, undefined);
    });

    it("rejects an unknown region or mode as a usage error naming the choices", async () => {
        const h = harness();
        await assert.rejects(runEstimate(["--region", "xx-nowhere-1"], h.deps), (e: Error) => e instanceof UsageError && /supported regions: .*us-east-1/.test(e.message));
        await assert.rejects(runEstimate(["--mode", "cheapest"], h.deps), (e: Error) => e instanceof UsageError && /affordable, balanced, high_availability/.test(e.message));
        assert.equal(h.calls.length, 0);
    });

    it("reads a usage file and reports its errors with file, line and column", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "estimate-"));
        const good = path.join(dir, "usage.yaml");
        fs.writeFileSync(good, "logs:\n  ingestedGB: 10\n");
        const h = harness();
        assert.equal(await runEstimate(["--json", "--usage", good], h.deps), 0);
        assert.ok(JSON.parse(h.out()).lines.some((l: { description: string; monthly: number }) => /Logs ingestion/.test(l.description) && l.monthly === 5));

        const bad = path.join(dir, "bad.yaml");
        fs.writeFileSync(bad, "logs:\n  ingestedGB: -3\nnat: 1\n");
        const h2 = harness();
        assert.equal(await runEstimate(["--usage", bad], h2.deps), 1);
        // Shown as every finding is: relative to the working directory when shorter (a checkout under the temp directory).
        const shown = relativeDiagnostic({ severity: "error", code: "usage-value", message: "", file: bad }, process.cwd()).file!;
        assert.match(h2.err(), new RegExp(`${shown.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2:15: error: 'logs.ingestedGB' must be a number`));
        assert.match(h2.err(), /:3:1: error: unknown usage key 'nat' \[usage-unknown-key\]/);
        assert.equal(h2.calls.length, 0);
    });

    it("exits 1 with the plan's errors, and 1 with a clear message for a missing price", async () => {
        const h = harness({ diagnostics: [{ severity: "error", code: "X", message: "bad compose", file: "compose.yaml", line: 3, column: 5 }] });
        assert.equal(await runEstimate([], h.deps), 1);
        assert.match(h.err(), /compose.yaml:3:5: error: bad compose/);
        const h2 = harness({ resources: [component(), ...postgres("db", { instanceClass: "db.z1.mega" })] });
        assert.equal(await runEstimate([], h2.deps), 1);
        assert.match(h2.err(), /no price for RDS PostgreSQL db\.z1\.mega \(Single-AZ\) in us-east-1/);
    });
});
