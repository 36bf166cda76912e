// The estimate command: options, the table, --json whose lines sum to the total, exit codes. The
// offline plan is injected here (fixtures); corpus.test.ts runs the real one.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runEstimate, type EstimateDeps, type RunOfflinePlan } from "../../provider/src/cli/commands/estimate";
import { UsageError } from "../../provider/src/cli/args";
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

    it("prints an aligned table grouped by service, with subtotals, the total and notes", async () => {
        const h = harness();
        assert.equal(await runEstimate(["--mode", "ha"], h.deps), 0);
        const text = h.out();
        assert.match(text, /mode high_availability/);
        const lines = text.split("\n");
        const header = lines.find((l) => l.startsWith("SERVICE"))!;
        const monthlyCol = header.indexOf("MONTHLY") + "MONTHLY".length;
        for (const l of lines.filter((x) => /\$\d+\.\d\d$/.test(x) && !x.startsWith("TOTAL"))) assert.equal(l.length, monthlyCol, `right-aligned: ${l}`);
        assert.match(text, /^db\s/m);
        assert.match(text, /^web\s/m);
        assert.match(text, /^\(shared\)\s/m);
        assert.match(text, /subtotal web\s+\$36\.04/);
        assert.match(text, /^TOTAL\s+\$73\.75 per month \(\+ usage\)$/m);
        assert.match(text, /taxes/);
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
        assert.match(h2.err(), new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2:15: error: 'logs.ingestedGB' must be a number`));
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
