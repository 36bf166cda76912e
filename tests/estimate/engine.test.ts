// How the engine prices what the baselines do not cover: capacity-provider splits, per-task public
// IPs, ephemeral storage, autoscaling minimums, usage lines, unknown types, unknown regions.
import { strict as assert } from "assert";
import { estimateResources, MissingPriceError, parseUsage, sumCents, UnknownRegionError, type PlannedResource } from "../../provider/src/estimate";
import { splitTasks } from "../../provider/src/estimate/pricers/fargate";
import { alb, component, docdb, fargate, freeStuff, nat, postgres } from "./fixtures";

const SERVICES = ["web", "api", "db"];
const run = (resources: PlannedResource[], usageYaml?: string) =>
    estimateResources([component(), ...resources], { region: "us-east-1", serviceNames: SERVICES, usage: usageYaml ? parseUsage(usageYaml).usage : undefined });

describe("estimate: engine", () => {
    it("splits tasks like ECS: each base first, the rest by weight", () => {
        const balanced = [{ capacityProvider: "FARGATE", base: 1, weight: 0 }, { capacityProvider: "FARGATE_SPOT", base: 0, weight: 1 }];
        assert.deepEqual([...splitTasks(3, balanced)], [["FARGATE", 1], ["FARGATE_SPOT", 2]]);
        assert.deepEqual([...splitTasks(1, balanced)], [["FARGATE", 1]]);
        assert.deepEqual([...splitTasks(4, [{ capacityProvider: "FARGATE", base: 0, weight: 1 }, { capacityProvider: "FARGATE_SPOT", base: 0, weight: 3 }])], [["FARGATE", 1], ["FARGATE_SPOT", 3]]);
    });

    it("prices an on-demand base on demand and only the rest with the Spot discount", () => {
        const e = run(fargate({ service: "web", cpu: 512, memory: 1024, desired: 2, strategy: [{ capacityProvider: "FARGATE", base: 1, weight: 0 }, { capacityProvider: "FARGATE_SPOT", weight: 1 }] }));
        const spot = e.lines.filter((l) => l.estimated);
        assert.equal(spot.length, 2);
        assert.ok(spot.every((l) => l.monthly < 0 && /1 of 2 tasks/.test(l.description) && /estimate/.test(l.description)));
        // 2 × (0.5 × 29.5504 + 1 × 3.24485) = 2 × 18.02 on demand; 1 task at 70 % off: −(10.34 + 2.27)
        assert.equal(e.total, 23.43);
        assert.ok(e.notes.some((n) => /Spot has no list price/.test(n)));
    });

    it("uses the spot discount from the usage file", () => {
        const e = run(fargate({ service: "web", cpu: 256, memory: 512, strategy: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }] }), "spotDiscount: 0.5\n");
        assert.equal(e.total, 4.51); // 9.01 − 3.69 − 0.81
    });

    it("charges a public IPv4 per task that has one, per replica", () => {
        const e = run(fargate({ service: "web", cpu: 256, memory: 512, desired: 3, publicIp: true }));
        const ip = e.lines.find((l) => l.unit === "IP-hours")!;
        assert.equal(ip.quantity, 3 * 730);
        assert.equal(ip.monthly, 10.95);
        assert.equal(ip.service, "web");
    });

    it("charges ephemeral storage above the free 20 GB only", () => {
        const e = run(fargate({ service: "web", cpu: 256, memory: 512, ephemeralGiB: 30 }));
        const eph = e.lines.find((l) => /ephemeral/.test(l.description))!;
        assert.equal(eph.quantity, 10 * 730);
        assert.equal(eph.monthly, 0.81);
        assert.equal(run(fargate({ service: "web", cpu: 256, memory: 512, ephemeralGiB: 20 })).lines.some((l) => /ephemeral/.test(l.description)), false);
    });

    it("raises the task count to the autoscaling minimum", () => {
        const [td, svc] = fargate({ service: "web", cpu: 256, memory: 512, desired: 1 });
        const target: PlannedResource = { type: "aws:appautoscaling/target:Target", name: "app-web-scaling", inputs: { scalableDimension: "ecs:service:DesiredCount", resourceId: "service/app-cluster-1a2b3c4/app-web-service-9f8e7d6", minCapacity: 2, maxCapacity: 6 } };
        const e = run([td, svc, target]);
        assert.equal(e.total, 18.02);
        assert.ok(e.notes.some((n) => /Autoscaling/.test(n)));
    });

    it("attributes lines to compose services and shared infrastructure", () => {
        const e = run([...fargate({ service: "web", cpu: 256, memory: 512 }), ...postgres("db"), ...alb(2)]);
        assert.deepEqual([...new Set(e.lines.map((l) => l.service))], ["db", "web", null]);
    });

    it("lists free and usage-only resources explicitly, and no line for them", () => {
        const e = run([...freeStuff(), ...fargate({ service: "web", cpu: 256, memory: 512 })]);
        const reasons = Object.fromEntries(e.unpriced.map((u) => [u.type, u.reason]));
        assert.equal(reasons["aws:ec2/vpc:Vpc"], "free");
        assert.equal(reasons["aws:ssm/parameter:Parameter"], "free");
        assert.equal(reasons["aws:cloudwatch/logGroup:LogGroup"], "usage");
        assert.equal(reasons["aws:ecs/taskDefinition:TaskDefinition"], "free");
        assert.ok(e.notes.some((n) => /logs\.ingestedGB/.test(n)), "asks for log usage");
    });

    it("marks a resource type nobody classified as unknown", () => {
        const e = run([{ type: "aws:sqs/queue:Queue", name: "app-jobs", inputs: {} }]);
        assert.deepEqual(e.unpriced.filter((u) => u.reason === "unknown").map((u) => u.type), ["aws:sqs/queue:Queue"]);
        assert.ok(e.notes.some((n) => /aws:sqs\/queue:Queue/.test(n)));
    });

    it("prices usage: LCUs from traffic, NAT GB, logs, egress, Bedrock tokens", () => {
        const usage = [
            "loadBalancer: { newConnectionsPerSecond: 50, processedGBPerHour: 0.5 }",
            "natGateway: { processedGB: 100 }",
            "logs: { ingestedGB: 10, storedGB: 20 }",
            "internetEgressGB: 50",
            "bedrock:",
            "  - { model: my-model, inputTokens: 2000000, outputTokens: 500000, inputPricePerMillion: 0.25, outputPricePerMillion: 1.25 }",
        ].join("\n");
        const e = run([...alb(2), ...nat(1)], usage);
        const by = (re: RegExp) => e.lines.find((l) => re.test(l.description))!.monthly;
        assert.equal(by(/capacity units/), 11.68); // max(50/25, 0.5/1) = 2 LCU × 730 h × $0.008
        assert.equal(by(/NAT data processed/), 4.5);
        assert.equal(by(/Logs ingestion/), 5);
        assert.equal(by(/Logs storage/), 0.6);
        assert.equal(by(/Data transfer out/), 4.5);
        assert.equal(by(/my-model input/), 0.5);
        assert.equal(by(/my-model output/), 0.63);
        assert.ok(!e.notes.some((n) => /Usage-driven costs not included/.test(n) && /NAT/.test(n)));
    });

    it("prices Bedrock tokens from the price data, cross-region inference profiles at the model's price", () => {
        const e = run([], "bedrock:\n  - { model: us.anthropic.claude-3-5-haiku-20241022-v1:0, inputTokens: 10000000, outputTokens: 1000000 }\n");
        assert.deepEqual(e.lines.map((l) => l.monthly), [8, 4]);
        assert.throws(() => run([], "bedrock:\n  - { model: acme.unknown-v1, inputTokens: 5 }\n"), /inputPricePerMillion/);
    });

    it("keeps the total exactly the sum of the rounded lines", () => {
        const e = run([...fargate({ service: "web", cpu: 512, memory: 1024, desired: 3, strategy: [{ capacityProvider: "FARGATE", base: 1, weight: 0 }, { capacityProvider: "FARGATE_SPOT", weight: 1 }] }), ...alb(3), ...nat(3), ...postgres("db", { multiAz: true, gb: 37 })]);
        assert.equal(e.total, sumCents(e.lines));
        for (const l of e.lines) assert.equal(Math.round(l.monthly * 100), l.monthly * 100);
    });

    it("prices other regions from their own data, deriving Multi-AZ figures they have no row for", () => {
        const graph = [...alb(2), ...nat(1), ...postgres("db", { instanceClass: "db.m6g.large", multiAz: true, gb: 20, storageType: "gp3" })];
        const at = (region: string) => estimateResources([component(), ...graph], { region, serviceNames: SERVICES });
        const price = (region: string, unit: string) => at(region).lines.find((l) => l.unit === unit)!.unitPrice;
        assert.deepEqual(["us-east-1", "us-west-2", "eu-west-1"].map((r) => price(r, "hours")), [0.0225, 0.0225, 0.0252]); // ALB hour
        assert.equal(at("eu-west-1").lines.find((l) => /NAT gateway: 730 h/.test(l.description))!.unitPrice, 0.048);
        // db.m6g.large has no Multi-AZ row outside us-east-1: twice the Single-AZ price, said in a note.
        const eu = at("eu-west-1");
        assert.equal(eu.lines.find((l) => l.unit === "instance-hours")!.unitPrice, 0.176 * 2);
        assert.ok(eu.notes.some((n) => /twice the Single-AZ price/.test(n)));
        // us-west-2 has only a Single-AZ gp3 row: the Multi-AZ storage is derived too.
        assert.equal(at("us-west-2").lines.find((l) => l.unit === "GB-months")!.unitPrice, 0.23);
    });

    it("refuses a figure a region leaves unpriced, with the reason and where it is priced", () => {
        assert.throws(
            () => estimateResources([component(), ...docdb("docs", 1, "db.t4g.medium")], { region: "eu-west-1", serviceNames: SERVICES }),
            (err: Error) => err instanceof MissingPriceError && /DocumentDB db\.t4g\.medium in eu-west-1/.test(err.message) && /no public source/.test(err.message) && /estimate in us-east-1/.test(err.message),
        );
    });

    it("refuses an unknown region, naming the supported ones", () => {
        assert.throws(() => estimateResources([], { region: "mars-north-1" }), (err: Error) => err instanceof UnknownRegionError && /mars-north-1/.test(err.message) && /eu-west-1, us-east-1, us-west-2/.test(err.message));
    });

    it("refuses to guess a price the data does not have", () => {
        assert.throws(() => run(postgres("db", { instanceClass: "db.x9.huge" })), (err: Error) => err instanceof MissingPriceError && /db\.x9\.huge/.test(err.message) && /us-east-1/.test(err.message));
    });
});
