import { strict as assert } from "assert";
import { planDeployment } from "../../provider/src/plan";
import type { PlanOptions } from "../../provider/src/plan/types";
import { FakeSources, host, ingress, opts, project, svc } from "./fixtures";

const web = svc("web", { image: "nginx", ports: [ingress(80)] });
const api = svc("api", { image: "api:1", ports: [host(8080)] });

function plan(more: Partial<PlanOptions> = {}, mode: PlanOptions["mode"] = "affordable", services = [web, api]) {
    return planDeployment(project(services), opts(mode, more));
}

describe("plan/network", () => {
    it("creates 10.0.0.0/16 with /20 subnets at fixed slots", () => {
        const n = plan().plan!.network;
        assert.equal(n.cidrBlock, "10.0.0.0/16");
        assert.deepEqual(n.publicSubnetCidrs, ["10.0.0.0/20", "10.0.16.0/20"]);
        assert.deepEqual(n.privateSubnetCidrs, ["10.0.128.0/20", "10.0.144.0/20"]);
        assert.equal(n.s3GatewayEndpoint, true);
    });

    it("follows the mode: AZs 2/2/3, NAT none/single/per-az, flow logs off/on/on", () => {
        const rows = (["affordable", "balanced", "high_availability"] as const).map((m) => {
            const n = plan({}, m).plan!.network;
            return [n.availabilityZones, n.natGateways, n.flowLogs];
        });
        assert.deepEqual(rows, [
            [2, "none", false],
            [2, "single", true],
            [3, "per-az", true],
        ]);
    });

    it("adds an AZ without renumbering the existing subnets (affordable → high_availability)", () => {
        const a = plan({}, "affordable").plan!.network;
        const h = plan({}, "high_availability").plan!.network;
        assert.deepEqual(h.publicSubnetCidrs.slice(0, 2), a.publicSubnetCidrs);
        assert.deepEqual(h.privateSubnetCidrs.slice(0, 2), a.privateSubnetCidrs);
        assert.equal(h.privateSubnetCidrs[2], "10.0.160.0/20");
    });

    it("uses a given CIDR block and scales the subnets with it", () => {
        const n = plan({ network: { cidrBlock: "172.20.0.0/20" } }, "high_availability").plan!.network;
        assert.deepEqual(n.publicSubnetCidrs, ["172.20.0.0/24", "172.20.1.0/24", "172.20.2.0/24"]);
        assert.deepEqual(n.privateSubnetCidrs, ["172.20.8.0/24", "172.20.9.0/24", "172.20.10.0/24"]);
    });

    it("rejects CIDR blocks that are malformed, too small, too large or unaligned", () => {
        for (const [cidr, hint] of [
            ["10.0.0.0", /10\.20\.0\.0\/16/],
            ["10.0.0.0/8", /\/16 at most/],
            ["10.0.0.0/24", /\/22/],
            ["300.0.0.0/16", /10\.20/],
            ["10.0.1.0/16", /10\.0\.0\.0\/16/],
        ] as const) {
            const r = plan({ network: { cidrBlock: cidr } });
            assert.equal(r.plan, undefined, cidr);
            const d = r.diagnostics.find((x) => x.code === "vpc-cidr-invalid");
            assert.ok(d, cidr);
            assert.match(d.hint ?? "", hint, cidr);
        }
    });

    it("warns about a CIDR outside the private ranges", () => {
        const r = plan({ network: { cidrBlock: "8.8.0.0/16" } });
        assert.ok(r.plan);
        assert.ok(r.diagnostics.some((d) => d.code === "vpc-cidr-public" && d.severity === "warning"));
    });

    it("clamps the AZ count to the region's zones with a warning, and names the zones", () => {
        const r = plan({ availableZones: ["eu-x-1a", "eu-x-1b"] }, "high_availability");
        assert.equal(r.plan!.network.availabilityZones, 2);
        assert.deepEqual(r.plan!.network.zones, ["eu-x-1a", "eu-x-1b"]);
        const d = r.diagnostics.find((x) => x.code === "az-clamped");
        assert.ok(d && d.severity === "warning");
        assert.match(d.message, /3 availability zones; the region has 2/);
        const fine = plan({ availableZones: ["a", "b", "c", "d"] }, "high_availability");
        assert.deepEqual(fine.plan!.network.zones, ["a", "b", "c"]);
        assert.ok(!fine.diagnostics.some((x) => x.code === "az-clamped"));
    });

    it("takes an explicit AZ count, and refuses fewer than 2", () => {
        assert.equal(plan({ network: { availabilityZoneCount: 4 } }).plan!.network.availabilityZones, 4);
        assert.ok(plan({ network: { availabilityZoneCount: 1 } }).diagnostics.some((d) => d.code === "az-count-invalid"));
        assert.ok(plan({ availableZones: ["only-a"] }).diagnostics.some((d) => d.code === "az-too-few"));
    });

    it("adopts an existing VPC: nothing network-wide planned, no search domain, a warning about bare names", () => {
        const adopt = { vpcId: "vpc-1", publicSubnetIds: ["subnet-a", "subnet-b"], privateSubnetIds: ["subnet-c", "subnet-d"] };
        const r = plan({ network: { adopt } }, "balanced");
        const p = r.plan!;
        assert.deepEqual(p.network.adopt, adopt);
        assert.deepEqual([p.network.publicSubnetCidrs, p.network.privateSubnetCidrs, p.network.natGateways], [[], [], "none"]);
        assert.equal(p.dns.searchDomain, false);
        assert.equal(p.services[0].subnets, "private");
        const d = r.diagnostics.find((x) => x.code === "no-search-domain");
        assert.ok(d);
        assert.match(d.hint ?? "", /api\.shop\.internal:8080/);
    });

    it("puts tasks in public subnets with public IPs when the adopted VPC has no private subnets, and says so", () => {
        const r = plan({ network: { adopt: { vpcId: "vpc-1", publicSubnetIds: ["a", "b"], privateSubnetIds: [] } } }, "high_availability");
        assert.deepEqual([r.plan!.services[0].subnets, r.plan!.services[0].assignPublicIp], ["public", true]);
        assert.ok(r.diagnostics.some((d) => d.code === "adopt-no-private-subnets"));
    });

    it("places tasks by mode: public with IP in affordable, private otherwise", () => {
        const rows = (["affordable", "balanced", "high_availability"] as const).map((m) => {
            const s = plan({}, m).plan!.services[0];
            return [s.subnets, s.assignPublicIp];
        });
        assert.deepEqual(rows, [
            ["public", true],
            ["private", false],
            ["private", false],
        ]);
    });

    it("refuses, at its networks key, a service whose tasks would need more than 5 security groups", () => {
        const joined = (names: string[]) => svc("hub", { image: "hub:1", networks: Object.fromEntries(names.map((n) => [n, {}])) });
        const sources = new FakeSources().set(["services", "hub", "networks"], 12, 5);
        const three = planDeployment(project([joined(["a", "b", "c"])], { sources }), opts("balanced"));
        assert.deepEqual(three.plan!.services[0].networks, ["a", "b", "c"]);
        const four = planDeployment(project([joined(["a", "b", "c", "d"])], { sources }), opts("balanced"));
        const d = four.diagnostics.find((x) => x.code === "networks-too-many");
        assert.ok(d);
        assert.deepEqual([d.severity, d.line, d.column, four.plan], ["error", 12, 5, undefined]);
        assert.match(d.message, /hub joins 4 networks \(a, b, c, d\): its tasks would need 6 security groups/);
        assert.match(d.hint ?? "", /at most 3 networks per service/);
    });
});
