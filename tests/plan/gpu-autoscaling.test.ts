import { strict as assert } from "assert";
import { planDeployment } from "../../provider/src/plan";
import { GPU_AMI_PARAMETER, gpuCount } from "../../provider/src/plan/gpu";
import { GPU_CAPACITY_PROVIDER } from "../../provider/src/plan/types";
import { FakeSources, GiB, MiB, curl, ingress, opts, project, resources, svc } from "./fixtures";

type Mode = "affordable" | "balanced" | "high_availability";

const gpuSvc = (name: string, gpus: number | undefined, cpus = 1, mem = 2 * GiB, more = {}) =>
    svc(name, {
        image: "model:1",
        ports: [ingress(5000)],
        healthcheck: curl("http://localhost:5000/"),
        deploy: { resources: { reservations: { cpus, memory: mem, devices: [{ capabilities: ["gpu"], ...(gpus === undefined ? {} : { count: gpus }) }] } } },
        ...more,
    });

describe("plan/gpu", () => {
    it("counts reserved GPUs (all/-1 as 1, device ids, default 1)", () => {
        const dev = (d: object) => svc("x", { deploy: { resources: { reservations: { devices: [d] } } } });
        assert.deepEqual(
            [dev({ capabilities: ["gpu"] }), dev({ capabilities: ["gpu"], count: -1 }), dev({ capabilities: ["gpu"], count: 2 }), dev({ capabilities: ["gpu"], device_ids: ["0", "1", "2"] }), dev({ capabilities: ["tpu"] })].map(gpuCount),
            [1, 1, 2, 3, 0],
        );
        const generic = svc("x", { deploy: { resources: { reservations: { generic_resources: [{ discrete_resource_spec: { kind: "gpus", value: 2 } }] } } } });
        assert.equal(gpuCount(generic), 2);
    });

    it("runs a GPU service on EC2 capacity in private subnets, sized freely, on the cheapest fitting host", () => {
        const p = planDeployment(project([gpuSvc("app", undefined)]), opts("affordable")).plan!;
        const s = p.services[0];
        assert.deepEqual([s.compute, s.cpu, s.memory, s.gpu, s.subnets, s.assignPublicIp], ["gpu", 1024, 2048, { count: 1 }, "private", false]);
        assert.deepEqual(s.capacity, [{ capacityProvider: GPU_CAPACITY_PROVIDER, weight: 1 }]);
        assert.deepEqual(p.cluster.capacityProviders, ["FARGATE", "FARGATE_SPOT", GPU_CAPACITY_PROVIDER]);
        assert.deepEqual(p.gpu, {
            strategy: "auto-scaling-group",
            instanceTypes: ["g4dn.xlarge", "g4dn.2xlarge", "g6.xlarge"],
            gpusPerInstance: 1,
            requirements: { vcpus: 1, memoryMiB: 2048, gpus: 1, manufacturer: "nvidia" },
            amiParameter: GPU_AMI_PARAMETER,
            spot: true,
            minSize: 0,
            maxSize: 1,
            services: ["app"],
        });
    });

    it("adds a NAT gateway in affordable so GPU tasks (no public IP on EC2) can pull images", () => {
        assert.equal(planDeployment(project([gpuSvc("app", 1)]), opts("affordable")).plan!.network.natGateways, "single");
        assert.equal(planDeployment(project([svc("web", { image: "w" })]), opts("affordable")).plan!.network.natGateways, "none");
    });

    it("uses Spot in affordable and balanced, on-demand in high_availability, with room for rolling updates", () => {
        const rows = (["affordable", "balanced", "high_availability"] as Mode[]).map((m) => {
            const g = planDeployment(project([gpuSvc("app", 1, 1, 2 * GiB, { deploy: { replicas: 2, resources: { reservations: { cpus: 1, memory: 2 * GiB, devices: [{ capabilities: ["gpu"] }] } } } })]), opts(m)).plan!.gpu!;
            return [g.spot, g.maxSize];
        });
        assert.deepEqual(rows, [
            [true, 2],
            [true, 4],
            [false, 4],
        ]);
    });

    it("picks hosts by GPU count, CPUs and memory", () => {
        const types = (gpus: number, cpus: number, mem: number) => planDeployment(project([gpuSvc("m", gpus, cpus, mem)]), opts()).plan!.gpu!.instanceTypes[0];
        assert.equal(types(4, 8, 64 * GiB), "g4dn.12xlarge");
        assert.equal(types(1, 6, 8 * GiB), "g4dn.2xlarge");
        assert.equal(types(1, 2, 60 * GiB), "g6.8xlarge");
        assert.equal(types(8, 8, 64 * GiB), "g6.48xlarge");
    });

    it("refuses a task no host can carry, at its devices reservation", () => {
        const sources = new FakeSources().set(["services", "m", "deploy", "resources", "reservations", "devices"], 14, 11);
        const r = planDeployment(project([gpuSvc("m", 16)], { sources }), opts());
        const d = r.diagnostics.find((x) => x.code === "gpu-too-large");
        assert.ok(d);
        assert.deepEqual([d.line, d.column, r.plan], [14, 11, undefined]);
        assert.match(d.hint ?? "", /g6\.48xlarge|g5\.48xlarge/);
    });

    it("refuses arm64 GPU services (the planned GPU hosts are x86_64)", () => {
        const r = planDeployment(project([gpuSvc("m", 1, 1, 2 * GiB, { platform: "linux/arm64" })]), opts());
        assert.ok(r.diagnostics.some((d) => d.code === "gpu-arm64"));
    });
});

describe("plan/autoscaling", () => {
    const scaled = (value: unknown, replicas = 2, mode: Mode = "balanced", more = {}) => {
        const sources = new FakeSources().set(["services", "web", "x-defang-autoscaling"], 9, 5);
        const r = planDeployment(
            project([svc("web", { image: "w", deploy: { replicas, ...resources(0.5, 512 * MiB) }, extensions: { "x-defang-autoscaling": value }, ...more })], { sources }),
            opts(mode),
        );
        return { r, s: r.plan?.services[0] };
    };

    it("true → min = replicas, max = 2 × replicas, 85 % CPU, sensible cooldowns", () => {
        assert.deepEqual(scaled(true).s!.autoscaling, { min: 2, max: 4, targetCpuPercent: 85, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60 });
        assert.deepEqual(scaled(true, 1).s!.autoscaling, { min: 1, max: 2, targetCpuPercent: 85, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60 });
        assert.equal(scaled(false).s!.autoscaling, undefined);
    });

    it("the object form overrides min, max and target; replicas follow min", () => {
        const { s } = scaled({ min: 3, max: 10, target: 60 });
        assert.deepEqual([s!.autoscaling!.min, s!.autoscaling!.max, s!.autoscaling!.targetCpuPercent, s!.replicas], [3, 10, 60, 3]);
        assert.deepEqual([scaled({ max: 6 }).s!.autoscaling!.min, scaled({ max: 6 }).s!.autoscaling!.max], [2, 6]);
    });

    it("rejects impossible ranges and targets at the extension", () => {
        for (const bad of [{ min: 5, max: 2 }, { min: 0 }, { max: 9999 }, { target: 150 }, { target: 0 }]) {
            const d = scaled(bad).r.diagnostics.find((x) => x.severity === "error");
            assert.ok(d, JSON.stringify(bad));
            assert.match(d.code, /^autoscaling-(range|target)$/);
            assert.deepEqual([d.line, d.column], [9, 5]);
        }
    });

    it("plans it in every mode (the Defang rules warn in affordable), and ignores it on one-off jobs", () => {
        assert.ok(scaled(true, 1, "affordable").s!.autoscaling);
        const job = scaled(true, 1, "balanced", { restart: "no" });
        assert.equal(job.s!.autoscaling, undefined);
        assert.ok(job.r.diagnostics.some((d) => d.code === "autoscaling-job"));
    });
});
