// The first-deploy time model on small graphs: each resource's time from the data file (variants by
// input), start = the latest finish among its dependencies, the bounding chain, readiness of services,
// stores and jobs, and the data file itself (every figure sourced).
import { strict as assert } from "assert";
import { clock, deployTime, provisioningTime, PROVISIONING_TIMES, type TimedResource } from "../../provider/src/estimate/deploy-time";

const dep = (r: TimedResource) => ({ type: r.type, name: r.name });
const res = (type: string, name: string, inputs: Record<string, unknown> = {}, deps: TimedResource[] = []): TimedResource => ({ type, name, parent: "app", inputs, dependencies: deps.map(dep) });

describe("estimate/deploy-time: provisioning times", () => {
    it("takes each type's figure from the data file, with the variants its inputs select", () => {
        const secs = (type: string, inputs: Record<string, unknown> = {}) => provisioningTime({ type, name: "x", inputs }).seconds;
        assert.equal(secs("aws:rds/instance:Instance", { multiAz: false }), 300);
        assert.equal(secs("aws:rds/instance:Instance", { multiAz: true }), 900);
        assert.equal(secs("aws:ecs/service:Service", { waitForSteadyState: true }), 90);
        assert.equal(secs("aws:ecs/service:Service", { waitForSteadyState: false }), 2);
        assert.equal(secs("aws:elasticache/replicationGroup:ReplicationGroup", { numCacheClusters: 1 }), 300);
        assert.equal(secs("aws:elasticache/replicationGroup:ReplicationGroup", { numCacheClusters: 3 }), 480);
        assert.equal(secs("aws:ec2/natGateway:NatGateway"), 110);
        assert.equal(secs("aws:lb/loadBalancer:LoadBalancer"), 150);
        assert.equal(secs("aws:acm/certificateValidation:CertificateValidation"), 180);
        assert.equal(provisioningTime({ type: "aws:made/up:Thing", name: "x", inputs: {} }).source, "default");
    });

    it("cites a known source for every figure and lists each type once per variant", () => {
        const seen = new Set<string>();
        for (const t of PROVISIONING_TIMES.times) {
            assert.ok(t.source in PROVISIONING_TIMES.sources, `${t.types[0]}: source ${t.source}`);
            assert.ok(t.evidence.length > 5 && t.seconds >= 0, t.types[0]);
            for (const type of t.types) {
                const key = `${type} ${JSON.stringify(t.when ?? {})}`;
                assert.ok(!seen.has(key), `${key} listed twice`);
                seen.add(key);
            }
        }
        assert.ok(PROVISIONING_TIMES.default.source in PROVISIONING_TIMES.sources);
    });
});

describe("estimate/deploy-time: the critical path", () => {
    // vpc → subnet → db (RDS, 300 s) ; vpc → subnet → task → service (90 s) ; lb (150 s) → listener → service
    const vpc = res("aws:ec2/vpc:Vpc", "app-vpc");
    const subnet = res("aws:ec2/subnet:Subnet", "app-private-a", {}, [vpc]);
    const db = res("aws:rds/instance:Instance", "app-db-postgres", { multiAz: false }, [subnet]);
    const lb = res("aws:lb/loadBalancer:LoadBalancer", "app-lb", {}, [subnet]);
    const listener = res("aws:lb/listener:Listener", "app-http", {}, [lb]);
    const task = res("aws:ecs/taskDefinition:TaskDefinition", "app-web-task");
    const web = res("aws:ecs/service:Service", "app-web-service", { waitForSteadyState: true, tags: { "defang:service": "web" } }, [task, subnet, listener]);

    it("starts each resource when its slowest dependency is done and reports the chain that bounds the deploy", () => {
        const dt = deployTime([res("defang:index:Project", "app"), vpc, subnet, db, lb, listener, task, web], ["web", "db"]);
        assert.equal(dt.total, 5 + 3 + 300);
        assert.deepEqual(dt.chain.map((s) => [s.name, s.start, s.seconds]), [["app-vpc", 0, 5], ["app-private-a", 5, 3], ["app-db-postgres", 8, 300]]);
        const [service] = dt.services;
        assert.equal(service.name, "web");
        assert.equal(service.ready, 5 + 3 + 150 + 2 + 90);
        assert.deepEqual(service.chain.map((s) => s.name), ["app-vpc", "app-private-a", "app-lb", "app-http", "app-web-service"]);
        assert.deepEqual(service.waitsForStores, []);
        assert.deepEqual(dt.stores.map((s) => [s.name, s.ready]), [["db", 308]]);
    });

    it("says when a service waits for a store, and through which job", () => {
        const run = res("defang:index:TaskRun", "app-migrate-run", {}, [db]);
        const gated = res("aws:ecs/service:Service", "app-web-service", { waitForSteadyState: true }, [task, run]);
        const direct = res("aws:ecs/service:Service", "app-api-service", { waitForSteadyState: true }, [task, db]);
        const dt = deployTime([res("defang:index:Project", "app"), vpc, subnet, db, task, run, gated, direct], ["web", "api", "db", "migrate"]);
        const by = Object.fromEntries(dt.services.map((s) => [s.name, s]));
        assert.deepEqual([by.web.waitsForStores, by.web.waitsForJobs], [["db"], ["migrate"]]);
        assert.deepEqual([by.api.waitsForStores, by.api.waitsForJobs], [["db"], []]);
        assert.equal(by.web.ready, 308 + 90 + 90);
        assert.deepEqual(dt.jobs.map((j) => [j.name, j.waitsForStores]), [["migrate", ["db"]]]);
        assert.ok(dt.assumptions.some((a) => /one-off task/.test(a)), "the job's time is an assumption and says so");
    });

    it("survives a cycle and an unknown type (counted at the default, and named)", () => {
        const a: TimedResource = { type: "aws:made/up:Thing", name: "a", inputs: {}, dependencies: [{ type: "aws:made/up:Thing", name: "b" }] };
        const b: TimedResource = { type: "aws:made/up:Thing", name: "b", inputs: {}, dependencies: [{ type: "aws:made/up:Thing", name: "a" }] };
        const dt = deployTime([a, b]);
        assert.ok(dt.total > 0 && dt.total <= 2 * PROVISIONING_TIMES.default.seconds);
        assert.deepEqual(dt.defaulted, ["aws:made/up:Thing"]);
    });

    it("prints times as m:ss (h:mm:ss from an hour)", () => {
        assert.deepEqual([clock(0), clock(65), clock(900), clock(3725)], ["0:00", "1:05", "15:00", "1:02:05"]);
    });
});
