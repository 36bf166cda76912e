// The estimate over the real offline plan (runOfflinePlan, the same path as `pulumi-defang plan`):
// every resource type any Defang sample produces in any mode is priced or classified free/usage;
// nothing needs a price the data lacks; lines sum to the total; the table fits 100 columns (also with
// every usage figure given); and for apps with a managed store the modes cost more as they promise
// more (affordable < balanced < high_availability).
import { strict as assert } from "assert";
import { runOfflinePlan } from "../../provider/src/offline/plan";
import { estimateResources, parseUsage, sumCents, type Estimate, type Usage } from "../../provider/src/estimate";
import { serviceNamesOf } from "../../provider/src/cli/commands/estimate";
import { TABLE_WIDTH, toTable } from "../../provider/src/estimate/format";
import { MODES, type Mode } from "../../provider/src/plan/modes";
import { plannedSample, sampleNames, sampleText } from "../support/planned-samples";

const STORE = /x-defang-(postgres|redis|mongodb)/;
const samples = sampleNames();

/** Every usage figure above zero, so the table shows every usage-driven line too. */
const FULL_USAGE: Usage = parseUsage(`
loadBalancer: { lcuPerHour: 1.5 }
natGateway: { processedGB: 1234.5 }
logs: { ingestedGB: 25, storedGB: 120 }
dns: { queriesMillions: 12.5 }
internetEgressGB: 2048
ecr: { storageGB: 35 }
bedrock: [{ model: us.anthropic.claude-3-5-haiku-20241022-v1:0, inputTokens: 123456789, outputTokens: 9876543 }]
`).usage;

async function estimate(sample: string, mode: Mode, usage?: Usage): Promise<Estimate> {
    const plan = await plannedSample(sample, mode);
    const errors = plan.diagnostics.filter((d) => d.severity === "error");
    assert.deepEqual(errors.map((d) => `${d.code}: ${d.message}`), [], `${sample} (${mode}) does not plan`);
    return estimateResources(plan.resources, { region: "us-east-1", mode, project: plan.project, usage, serviceNames: serviceNamesOf(plan.outputs) });
}

function assertFits(e: Estimate, what: string): void {
    for (const line of toTable(e).split("\n")) assert.ok([...line].length <= TABLE_WIDTH, `${what}: ${[...line].length} columns: ${line}`);
}

describe("estimate: every Defang sample in every mode (offline plan)", function () {
    this.timeout(600_000);
    const unknown = new Map<string, string>();
    const types = new Set<string>();
    let estimated = 0;

    it("finds the corpus", () => assert.ok(samples.length >= 40, `${samples.length} samples`));

    for (const sample of samples) {
        it(sample, async () => {
            const totals: number[] = [];
            for (const mode of MODES) {
                const e = await estimate(sample, mode);
                estimated++;
                for (const l of e.lines) types.add(l.type);
                for (const u of e.unpriced.filter((x) => x.reason === "unknown")) unknown.set(u.type, `${sample} (${mode})`);
                assert.equal(e.total, sumCents(e.lines));
                assert.ok(e.total > 0, `${sample} ${mode}: something costs money`);
                for (const l of e.lines) assert.ok(Number.isFinite(l.monthly) && l.quantity >= 0, `${sample}: ${l.description}`);
                for (const l of e.lines.filter((x) => /^aws:(ecs\/service|rds|elasticache|docdb)/.test(x.type))) {
                    assert.ok(l.service, `${sample} (${mode}): '${l.description}' belongs to a compose service`);
                }
                assertFits(e, `${sample} (${mode})`);
                assertFits(await estimate(sample, mode, FULL_USAGE), `${sample} (${mode}, every usage figure)`);
                totals.push(e.total);
            }
            if (STORE.test(sampleText(sample))) {
                assert.ok(totals[0] < totals[1] && totals[1] < totals[2], `${sample}: ${totals.join(" < ")}`);
            }
        });
    }

    it("met no resource type that is neither priced nor classified free or usage-only", () => {
        assert.equal(estimated, samples.length * MODES.length, "every sample estimated in every mode");
        for (const t of ["aws:ecs/service:Service", "aws:lb/loadBalancer:LoadBalancer", "aws:rds/instance:Instance", "aws:elasticache/replicationGroup:ReplicationGroup", "aws:docdb/clusterInstance:ClusterInstance", "aws:ec2/natGateway:NatGateway"]) {
            assert.ok(types.has(t), `the corpus exercised the pricing of ${t}`);
        }
        assert.deepEqual([...unknown.entries()].map(([t, where]) => `${t} in ${where}`), []);
    });
});

describe("estimate: a web service (2 × 0.5 vCPU / 1 GiB, ingress) + x-defang-postgres, us-east-1", function () {
    this.timeout(120_000);
    const COMPOSE = `
services:
  web:
    image: nginx:1.27
    ports:
      - target: 80
        mode: ingress
    deploy:
      replicas: 2
      resources:
        reservations:
          cpus: "0.5"
          memory: 1G
    depends_on: [db]
  db:
    image: postgres:16
    x-defang-postgres: true
    ports:
      - target: 5432
        mode: host
`;
    const byMode: Partial<Record<Mode, Estimate>> = {};

    before(async () => {
        for (const mode of MODES) {
            const plan = await runOfflinePlan({ composeYaml: COMPOSE, mode, region: "us-east-1", projectName: "shop", environment: {} });
            assert.deepEqual(plan.diagnostics.filter((d) => d.severity === "error"), []);
            byMode[mode] = estimateResources(plan.resources, { region: "us-east-1", mode, project: plan.project, serviceNames: serviceNamesOf(plan.outputs) });
        }
        if (process.env.ESTIMATE_REPORT) {
            for (const mode of MODES) {
                const e = byMode[mode]!;
                const split = new Map<string, number>();
                for (const l of e.lines) split.set(l.service ?? "(shared)", (split.get(l.service ?? "(shared)") ?? 0) + l.monthly);
                process.stdout.write(`\n${mode}: $${e.total.toFixed(2)} ${JSON.stringify(Object.fromEntries([...split].map(([k, v]) => [k, Math.round(v * 100) / 100])))}\n`);
                for (const l of e.lines) process.stdout.write(`   ${(l.service ?? "(shared)").padEnd(9)} ${l.monthly.toFixed(2).padStart(8)}  ${l.description}\n`);
            }
        }
    });

    it("costs more in each mode that promises more", () => {
        const [a, b, h] = MODES.map((m) => byMode[m]!.total);
        assert.ok(a < b && b < h, `${a} < ${b} < ${h}`);
    });

    it("prices two tasks of 0.5 vCPU / 1 GB for web, and the database for db, in every mode", () => {
        for (const mode of MODES) {
            const e = byMode[mode]!;
            const web = e.lines.filter((l) => l.service === "web");
            assert.ok(web.some((l) => /0\.5 vCPU × 2 tasks/.test(l.description)), `${mode}: ${web.map((l) => l.description).join("; ")}`);
            assert.ok(e.lines.some((l) => l.service === "db" && /^RDS PostgreSQL/.test(l.description)), mode);
            assert.ok(e.lines.some((l) => /Application Load Balancer/.test(l.description)), mode);
        }
    });

    it("shows the mode's trade-offs: Spot in affordable, NAT from balanced, Multi-AZ in high_availability", () => {
        const has = (m: Mode, re: RegExp) => byMode[m]!.lines.some((l) => re.test(l.description));
        assert.ok(has("affordable", /Spot discount/) && !has("affordable", /NAT gateway/));
        assert.ok(has("balanced", /NAT gateway/) && has("balanced", /1 of 2 tasks on Spot/));
        assert.ok(!has("high_availability", /Spot/) && has("high_availability", /Multi-AZ/));
    });
});
