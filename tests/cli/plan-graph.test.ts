// `plan`'s graph for people and machines: each resource's dependencies (explicit and through inputs),
// placeholders marked in the tree and listed in --json, and --critical-path. On every Defang sample in
// every mode (the shared planned graphs): dependencies resolve and form no cycle, application services
// never wait for a managed store (one-off jobs do, by design), the critical path adds up, and
// placeholders mark the values AWS assigns and no value the plan decides.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan } from "../../provider/src/cli/commands/plan";
import { planJson } from "../../provider/src/cli/plan-output";
import { deployTime, JOB_TYPE, provisioningTime, SERVICE_TYPE, STORE_TYPES } from "../../provider/src/estimate/deploy-time";
import { serviceNamesOf } from "../../provider/src/estimate/graph";
import { PlaceholderIndex, inventedStrings } from "../../provider/src/offline/placeholders";
import { runOfflinePlan, type OfflinePlanResult, type OfflineResource } from "../../provider/src/offline/plan";
import { MODES } from "../../provider/src/plan/modes";
import { plannedSample, sampleNames } from "../support/planned-samples";

const RELEASE_JOBS = path.join(__dirname, "..", "plan", "compose", "release-jobs", "compose.yaml");

const APP = `
name: shop
services:
  web:
    image: ghcr.io/acme/web:1.0
    ports:
      - target: 8080
        mode: ingress
    depends_on:
      db:
        condition: service_healthy
    environment:
      DATABASE_URL: postgres://shop:\${DB_PASSWORD}@db:5432/shop
    deploy:
      resources:
        reservations:
          memory: 512M
  db:
    image: postgres:16
    x-defang-postgres: true
    environment:
      POSTGRES_PASSWORD: \${DB_PASSWORD}
    ports:
      - mode: host
        target: 5432
`;

async function cli(argv: string[], compose = APP): Promise<{ code: number; out: string; err: string }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-graph-"));
    const file = path.join(dir, "compose.yaml");
    fs.writeFileSync(file, compose);
    let out = "";
    let err = "";
    const code = await runPlan(["-f", file, ...argv], { runOfflinePlan, stdout: (s) => (out += s), stderr: (s) => (err += s) });
    fs.rmSync(dir, { recursive: true, force: true });
    return { code, out, err };
}

const key = (r: { type: string; name: string }) => `${r.type} ${r.name}`;

/** Everything `r` waits for, transitively; `through` decides which resources pass their own waits on. */
function ancestors(plan: OfflinePlanResult, r: OfflineResource, through: (x: OfflineResource) => boolean = () => true): OfflineResource[] {
    const byKey = new Map(plan.resources.map((x) => [key(x), x]));
    const seen = new Map<string, OfflineResource>();
    const visit = (x: OfflineResource) => {
        for (const d of x.dependencies ?? []) {
            const dep = byKey.get(key(d))!;
            if (seen.has(key(dep))) continue;
            seen.set(key(dep), dep);
            if (through(dep)) visit(dep);
        }
    };
    visit(r);
    return [...seen.values()];
}

/** A value at a path of planJson's syntax (`a.b[0]`, `tags["defang:service"]`). */
function at(value: unknown, p: string): unknown {
    const steps = [...p.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)].map((m) => m[1] ?? (m[2] !== undefined ? Number(m[2]) : JSON.parse(`"${m[3]}"`)));
    return steps.reduce<unknown>((v, s) => (v as Record<string | number, unknown>)?.[s], value);
}

describe("plan: dependencies, placeholders and the critical path of every Defang sample in every mode", function () {
    this.timeout(900_000);
    const samples = sampleNames();
    let storesSeen = 0;

    it("finds the samples", () => assert.ok(samples.length >= 50, `${samples.length} samples`));

    for (const sample of samples) {
        it(sample, async () => {
            for (const mode of MODES) {
                const plan = await plannedSample(sample, mode);
                const where = `${sample} (${mode})`;
                const keys = new Set(plan.resources.map(key));

                // Dependencies name resources of the plan, each with what carries it, and form no cycle.
                for (const r of plan.resources) {
                    for (const d of r.dependencies ?? []) {
                        assert.ok(keys.has(key(d)), `${where}: ${r.name} depends on ${key(d)}, not in the plan`);
                        assert.ok(d.via.length > 0 && (d.via.join() === "dependsOn" || d.via.every((v) => v in r.inputs || v === "dependsOn")), `${where}: ${r.name} ← ${d.name} via ${d.via}`);
                    }
                    assert.ok(!ancestors(plan, r).some((a) => key(a) === key(r)), `${where}: ${r.name} waits for itself`);
                }
                assert.ok(plan.resources.filter((r) => r.type === SERVICE_TYPE).every((s) => (s.dependencies ?? []).some((d) => d.type === "aws:ecs/taskDefinition:TaskDefinition" && d.via.includes("taskDefinition"))), `${where}: services wait for their task definitions`);

                // Application services never wait for a managed store, except through a one-off job.
                for (const s of plan.resources.filter((r) => r.type === SERVICE_TYPE)) {
                    const waits = ancestors(plan, s, (x) => x.type !== JOB_TYPE).filter((a) => STORE_TYPES.has(a.type));
                    assert.deepEqual(waits.map((w) => w.name), [], `${where}: ${s.name} waits for a managed store`);
                }
                const dt = deployTime(plan.resources, serviceNamesOf(plan.outputs));
                for (const s of dt.services) assert.ok(s.waitsForStores.length === 0 || s.waitsForJobs.length > 0, `${where}: ${s.name} waits for ${s.waitsForStores}`);
                if (dt.stores.length > 0) storesSeen++;

                // The critical path adds up: contiguous from 0, each step its type's time, ending at the total.
                assert.ok(dt.chain.length > 0);
                assert.equal(dt.chain[0].start, 0, where);
                dt.chain.forEach((step, i) => {
                    if (i > 0) assert.equal(step.start, dt.chain[i - 1].finish, `${where}: step ${i}`);
                    const r = plan.resources.find((x) => key(x) === key(step))!;
                    assert.equal(step.seconds, provisioningTime(r).seconds);
                });
                assert.equal(dt.chain[dt.chain.length - 1].finish, dt.total);
                for (const x of [...dt.services, ...dt.stores, ...dt.jobs]) assert.ok(x.ready <= dt.total);

                // Placeholders: the load balancer's address and ids are marked; what the plan decides is not.
                const json = planJson(plan, "dev");
                const endpoints = (plan.outputs.endpoints ?? {}) as Record<string, string>;
                for (const [svc, url] of Object.entries(endpoints)) {
                    const p = /^[A-Za-z_$][\w$]*$/.test(svc) ? `endpoints.${svc}` : `endpoints[${JSON.stringify(svc)}]`;
                    if (url.includes(".elb.amazonaws.com")) assert.ok(json.outputPlaceholders.includes(p), `${where}: endpoint of ${svc}`);
                }
                assert.ok(!json.outputPlaceholders.some((p) => p.startsWith("privateEndpoints")), `${where}: private names are decided by the plan`);
                for (const r of json.resources) {
                    for (const p of r.placeholders ?? []) assert.equal(typeof at(r.inputs, p), "string", `${where}: ${r.name} ${p}`);
                    const marked = new Set(r.placeholders ?? []);
                    for (const p of ["cidrBlock", "description", "family", "retentionInDays"]) assert.ok(!marked.has(p), `${where}: ${r.name}.${p} is the plan's own value`);
                    if (r.type === "aws:cloudwatch/logGroup:LogGroup" || r.type === "aws:ssm/parameter:Parameter") assert.ok(!marked.has("name"), `${where}: ${r.name}.name`);
                    assert.ok(![...marked].some((p) => p.startsWith("tags")), `${where}: ${r.name} tags`);
                    if (r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" && typeof r.inputs.referencedSecurityGroupId === "string") {
                        assert.ok(marked.has("referencedSecurityGroupId"), `${where}: ${r.name} refers to a security group by its mock id`);
                    }
                }
            }
        });
    }

    it("met managed stores in the corpus (so the services' independence from them was tested)", () => assert.ok(storesSeen >= 10, `${storesSeen} plans with stores`));
});

describe("pulumi-defang plan: dependencies and placeholders", function () {
    this.timeout(120_000);

    it("--json lists each resource's dependencies with the inputs that carry them, or dependsOn", async () => {
        const { code, out } = await cli(["--json", "--mode", "balanced"]);
        assert.equal(code, 0);
        const doc = JSON.parse(out);
        const web = doc.resources.find((r: OfflineResource) => r.name === "shop-web/service");
        const via = Object.fromEntries(web.dependencies.map((d: { name: string; via: string[] }) => [d.name, d.via]));
        assert.deepEqual(via["shop-web/task"], ["taskDefinition"]);
        assert.deepEqual(via["shop-cluster"], ["cluster"]);
        assert.deepEqual(via["shop-http"], ["dependsOn"], "the listener: an explicit dependsOn, no input");
        assert.ok(via["shop-web/sg"].includes("networkConfiguration"));
        assert.ok(!Object.keys(via).some((n) => /db-postgres|db-dns/.test(n)), `web depends_on db, yet never waits for the database: ${Object.keys(via)}`);
        const record = doc.resources.find((r: OfflineResource) => r.name === "shop-db/dns");
        assert.ok(record.dependencies.some((d: { name: string; via: string[] }) => d.name === "shop-db/postgres" && d.via.includes("records")), "the store's DNS name waits for the store");
        for (const r of doc.resources) assert.deepEqual(r.dependencies, [...r.dependencies].sort((a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)));
    });

    it("--json lists the paths of placeholder values, per resource and in the outputs", async () => {
        const { out } = await cli(["--json", "--mode", "balanced"]);
        const doc = JSON.parse(out);
        const rule = doc.resources.find((r: OfflineResource) => r.name === "shop-db/from-apps");
        assert.deepEqual(rule.placeholders, ["referencedSecurityGroupId", "securityGroupId"]);
        assert.match(rule.inputs.referencedSecurityGroupId, /^sg-[0-9a-f]{17}$/, "the value itself is kept, for tools that follow references");
        const service = doc.resources.find((r: OfflineResource) => r.name === "shop-web/service");
        assert.ok(service.placeholders.includes("cluster") && service.placeholders.includes("networkConfiguration.subnets[0]"), service.placeholders);
        assert.ok(!("placeholders" in doc.resources.find((r: OfflineResource) => r.type === "aws:ec2/vpc:Vpc")), "a VPC's inputs are all the plan's");
        for (const p of ["endpoints.web", "loadBalancerDnsName", "vpcId", "clusterArn", "privateSubnetIds[0]"]) assert.ok(doc.outputPlaceholders.includes(p), p);
        assert.ok(!doc.outputPlaceholders.includes("privateEndpoints.web"));
    });

    it("the tree marks placeholders <like-this> (only the invented part) and says what the marks mean", async () => {
        const { code, out } = await cli(["--mode", "balanced"]);
        assert.equal(code, 0);
        const lines = out.split("\n");
        assert.match(lines[1], /^<\.\.\.> marks a placeholder: .*AWS assigns one at deploy/);
        assert.match(out, /^ {2}web {2}http:\/\/<shop-dev-[0-9a-f]{8}-\d+\.us-east-1\.elb\.amazonaws\.com>$/m);
        assert.match(out, /shop-db\/from-apps {2}.*referencedSecurityGroupId=<sg-[0-9a-f]{17}>$/m);
        assert.match(out, /shop-db\/dns {2}name=db\.shop\.internal type=CNAME records=<shop-dev-db-[0-9a-f]{8}\./m);
        assert.match(out, /shop-web\/logs {2}name=\/Defang\/shop\/dev\/ecs\/web retentionInDays=\d+$/m, "the plan's own values are not marked");
    });

    it("marks only what the engine invented: never a value given in the inputs, never an enum", () => {
        const invented = inventedStrings({ id: "sg-0123456789abcdef0", state: { name: "shop-web", status: "ISSUED", arn: "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0" } }, { name: "shop-web" });
        assert.deepEqual(invented.sort(), ["arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0", "sg-0123456789abcdef0"]);
        const index = new PlaceholderIndex(["123456789012", "arn:aws:iam::123456789012:role/x-1a2b3c4"]);
        assert.equal(index.mark("arn:aws:iam::123456789012:role/x-1a2b3c4"), "<arn:aws:iam::123456789012:role/x-1a2b3c4>", "the longest placeholder wins");
        assert.equal(index.mark("arn:aws:ssm:us-east-1:123456789012:parameter/Defang/shop/dev/*"), "arn:aws:ssm:us-east-1:<123456789012>:parameter/Defang/shop/dev/*");
        assert.deepEqual(index.paths({ a: { b: ["x", "123456789012"] }, "defang:tag": "123456789012", n: 123456789012 }), ["a.b[1]", '["defang:tag"]']);
    });

    it("finds what a position-by-position scan finds, at every offset and overlap (the index skips by blocks)", () => {
        // A small alphabet makes near-misses, overlaps and adjacent occurrences common.
        let seed = 7;
        const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
        const text = (n: number) => Array.from({ length: n }, () => "ab1:-"[rand(5)]).join("");
        for (let round = 0; round < 300; round++) {
            const values = Array.from({ length: 1 + rand(6) }, () => text(8 + rand(10)));
            const index = new PlaceholderIndex(values);
            const longestFirst = [...new Set(values)].sort((a, b) => b.length - a.length);
            const s = Array.from({ length: 1 + rand(8) }, () => (rand(2) ? values[rand(values.length)] : text(rand(12)))).join("");
            const expected: Array<{ start: number; end: number }> = [];
            for (let i = 0; i < s.length; ) {
                const v = longestFirst.find((x) => s.startsWith(x, i));
                if (v) {
                    expected.push({ start: i, end: i + v.length });
                    i += v.length;
                } else i++;
            }
            assert.deepEqual(index.find(s), expected, `values ${JSON.stringify(values)} in ${JSON.stringify(s)}`);
        }
    });
});

describe("pulumi-defang plan --critical-path", function () {
    this.timeout(120_000);

    it("prints the expected first-deploy time, the chain that bounds it, and that the web service does not wait for its database", async () => {
        const { code, out } = await cli(["--critical-path", "--mode", "high_availability"]);
        assert.equal(code, 0);
        const [head] = out.split("\n");
        assert.match(head, /^Expected first deploy of shop \(high_availability, us-east-1, stack dev\): \d+:\d\d \(m:ss\)$/);
        // Multi-AZ RDS (15 min in reference/aws.md §4) bounds it; the service is ready long before.
        assert.match(out, /^ +0:11 +\+15:00 {2}aws:rds\/instance:Instance {2}shop-db\/postgres$/m);
        assert.match(out, /^ {2}web +\d+:\d\d {2}waits for no managed store; via /m);
        assert.match(out, /^ {2}db +15:11 {2}aws:rds\/instance:Instance shop-db\/postgres$/m);
        assert.match(out, /provisioning-times\.json/);
        for (const line of out.split("\n")) assert.ok([...line].length <= 100, line);
    });

    it("shows one-off jobs waiting for the stores they migrate, and the services gated on them, in JSON", async () => {
        const { code, out } = await cli(["--critical-path", "--json", "--mode", "balanced"], fs.readFileSync(RELEASE_JOBS, "utf8"));
        assert.equal(code, 0);
        const doc = JSON.parse(out);
        assert.deepEqual(Object.keys(doc), ["project", "mode", "region", "stack", "totalSeconds", "chain", "services", "stores", "jobs", "assumptions", "defaulted", "source"]);
        const names = (list: Array<{ name: string }>) => list.map((x) => x.name);
        assert.deepEqual(names(doc.jobs), ["migrate", "seed"]);
        for (const job of doc.jobs) assert.deepEqual(job.waitsForStores, ["db"], job.name);
        for (const s of doc.services) {
            assert.deepEqual([s.waitsForStores, s.waitsForJobs], [["db"], ["migrate"]], `${s.name} waits for the database only through its migration`);
            assert.ok(s.chain.some((step: { name: string }) => step.name === "shop-migrate/run"));
        }
        assert.equal(doc.totalSeconds, doc.chain.reduce((t: number, s: { seconds: number }) => t + s.seconds, 0));
        assert.ok(doc.assumptions.some((a: string) => /one-off task/.test(a)));
    });
});
