// The worked baselines of reference/aws.md §2, reproduced to the cent in us-east-1.
import { strict as assert } from "assert";
import { estimateResources, parseUsage, type PlannedResource } from "../../provider/src/estimate";
import { alb, component, docdb, fargate, nat, postgres, redis, zone } from "./fixtures";

const total = (resources: PlannedResource[], usageYaml?: string) =>
    estimateResources([component(), ...resources], { region: "us-east-1", usage: usageYaml ? parseUsage(usageYaml).usage : undefined, serviceNames: ["web", "db", "cache", "mongo"] }).total;

describe("estimate: reference/aws.md §2 baselines (us-east-1, 730 h)", () => {
    it("Fargate 0.25 vCPU / 0.5 GB x86 on demand: $9.01", () => {
        assert.equal(total(fargate({ service: "web", cpu: 256, memory: 512 })), 9.01);
    });
    it("the same task on Fargate Spot @ 70 %: $2.70", () => {
        assert.equal(total(fargate({ service: "web", cpu: 256, memory: 512, strategy: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }] })), 2.7);
    });
    it("the same task on ARM: $7.21", () => {
        assert.equal(total(fargate({ service: "web", cpu: 256, memory: 512, arm: true })), 7.21);
    });
    it("Fargate 1 vCPU / 2 GB x86: $36.04", () => {
        assert.equal(total(fargate({ service: "web", cpu: 1024, memory: 2048 })), 36.04);
    });
    it("idle ALB $16.43 + 2 public IPv4 $7.30 = $23.73", () => {
        const e = estimateResources(alb(2), { region: "us-east-1" });
        assert.deepEqual(e.lines.map((l) => l.monthly), [16.43, 7.3]);
        assert.equal(e.total, 23.73);
    });
    it("NAT gateway in 1 AZ with its EIP: $36.50; three AZs: $109.50", () => {
        assert.equal(total(nat(1)), 36.5);
        assert.equal(total(nat(3)), 109.5);
    });
    it("RDS PostgreSQL db.t4g.micro, 20 GB gp3: $13.98 Single-AZ, $27.96 Multi-AZ", () => {
        assert.equal(total(postgres("db")), 13.98);
        assert.equal(total(postgres("db", { multiAz: true })), 27.96);
    });
    it("ElastiCache cache.t4g.micro single node: Redis $11.68, Valkey $9.34", () => {
        assert.equal(total(redis("cache")), 11.68);
        assert.equal(total(redis("cache", { engine: "valkey" })), 9.34);
    });
    it("DocumentDB 1 × db.t3.medium + 10 GB: $57.94", () => {
        assert.equal(total(docdb("mongo", 1), "documentdb:\n  storageGB: 10\n"), 57.94);
    });
    it("a Route 53 hosted zone, and the Cloud Map namespace's private zone: $0.50 each", () => {
        assert.equal(total([zone("route53")]), 0.5);
        assert.equal(total([zone("cloudmap")]), 0.5);
    });
});
