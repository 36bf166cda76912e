import { strict as assert } from "assert";
import { planDeployment } from "../../provider/src/plan";
import { FARGATE_SIZES, fitFargate } from "../../provider/src/plan/sizing";
import { FakeSources, GiB, MiB, opts, project, resources, svc } from "./fixtures";

function size(fields: Parameters<typeof svc>[1]) {
    const r = planDeployment(project([svc("app", { image: "nginx", ...fields })]), opts());
    return { plan: r.plan?.services[0], diagnostics: r.diagnostics };
}

describe("plan/sizing: the Fargate table", () => {
    it("holds exactly AWS's valid pairs (aws.md §6)", () => {
        const counts = FARGATE_SIZES.map((t) => [t.cpu, t.memory.length, t.memory[0], t.memory[t.memory.length - 1]]);
        assert.deepEqual(counts, [
            [256, 3, 512, 2048],
            [512, 4, 1024, 4096],
            [1024, 7, 2048, 8192],
            [2048, 13, 4096, 16384],
            [4096, 23, 8192, 30720],
            [8192, 12, 16384, 61440],
            [16384, 12, 32768, 122880],
        ]);
        assert.equal(FARGATE_SIZES[5].memory[1] - FARGATE_SIZES[5].memory[0], 4096);
        assert.equal(FARGATE_SIZES[6].memory[1] - FARGATE_SIZES[6].memory[0], 8192);
    });

    it("rounds up to the smallest CPU tier, then the smallest memory, moving up a tier when memory does not fit", () => {
        const cases: Array<[number, number, [number, number] | undefined]> = [
            [256, 512, [256, 512]],
            [256, 513, [256, 1024]],
            [256, 2048, [256, 2048]],
            [256, 2049, [512, 3072]],
            [257, 512, [512, 1024]],
            [512, 4096, [512, 4096]],
            [512, 4097, [1024, 5120]],
            [1024, 8193, [2048, 9216]],
            [4096, 30721, [8192, 32768]],
            [8192, 16385, [8192, 20480]],
            [8192, 61441, [16384, 65536]],
            [16384, 40000, [16384, 40960]],
            [16384, 122880, [16384, 122880]],
            [16384, 122881, undefined],
            [16385, 512, undefined],
        ];
        for (const [cpu, mem, want] of cases) {
            const got = fitFargate(cpu, mem);
            assert.deepEqual(got ? [got.cpu, got.memory] : undefined, want, `${cpu}/${mem}`);
        }
    });
});

describe("plan/sizing: compose reservations", () => {
    it("defaults to 0.25 vCPU / 512 MiB", () => {
        const { plan } = size({});
        assert.deepEqual([plan?.cpu, plan?.memory], [256, 512]);
    });

    it("sizes the typical sample (0.5 vCPU, 512M) to 512 / 1024", () => {
        const { plan } = size({ deploy: resources(0.5, 512 * MiB) });
        assert.deepEqual([plan?.cpu, plan?.memory], [512, 1024]);
        assert.equal(plan?.container.memoryReservation, 512);
    });

    it("prefers reservations, falls back to limits, then mem_reservation / mem_limit", () => {
        assert.deepEqual(pick(size({ deploy: resources(1, 3 * GiB, { cpus: 4, memory: 8 * GiB }) })), [1024, 3072]);
        assert.deepEqual(pick(size({ deploy: { resources: { limits: { cpus: 2, memory: 6 * GiB } } } })), [2048, 6144]);
        assert.deepEqual(pick(size({ mem_reservation: 700 * MiB })), [256, 1024]);
        assert.deepEqual(pick(size({ mem_limit: 3 * GiB })), [512, 3072]);
    });

    it("only memory given picks the smallest CPU tier that holds it", () => {
        assert.deepEqual(pick(size({ deploy: resources(undefined, 4 * GiB) })), [512, 4096]);
        assert.deepEqual(pick(size({ deploy: resources(undefined, 5 * GiB) })), [1024, 5120]);
    });

    it("keeps a memory limit as the container's hard limit when it fits the task", () => {
        const { plan } = size({ deploy: resources(0.5, 1 * GiB, { memory: 2 * GiB }) });
        assert.deepEqual([plan?.memory, plan?.container.memoryReservation, plan?.container.memoryLimit], [1024, 1024, undefined]);
        const fits = size({ deploy: resources(0.5, 512 * MiB, { memory: 1 * GiB }) });
        assert.deepEqual([fits.plan?.memory, fits.plan?.container.memoryReservation, fits.plan?.container.memoryLimit], [1024, 512, 1024]);
    });

    it("rejects a size no Fargate task has, at the reservation, with the maximum in the hint", () => {
        const sources = new FakeSources().set(["services", "app", "deploy", "resources", "reservations"], 12, 9);
        const r = planDeployment(project([svc("app", { image: "nginx", deploy: resources(32, 64 * GiB) })], { sources }), opts());
        assert.equal(r.plan, undefined);
        const d = r.diagnostics.find((x) => x.code === "fargate-too-large");
        assert.ok(d);
        assert.deepEqual([d.severity, d.file, d.line, d.column], ["error", "compose.yaml", 12, 9]);
        assert.match(d.message, /32 vCPU/);
        assert.match(d.hint ?? "", /16 vCPU and 120 GiB/);
        assert.ok(size({ deploy: resources(2, 121 * GiB) }).diagnostics.some((x) => x.code === "fargate-too-large"));
    });

    it("rejects non-positive cpus and memory", () => {
        assert.deepEqual(codes(size({ deploy: resources(0, 512 * MiB) })), ["cpus-not-positive"]);
        assert.deepEqual(codes(size({ deploy: resources(-1) })), ["cpus-not-positive"]);
        assert.deepEqual(codes(size({ deploy: resources(0.5, 0) })), ["memory-not-positive"]);
    });
});

function pick(r: ReturnType<typeof size>): [number | undefined, number | undefined] {
    return [r.plan?.cpu, r.plan?.memory];
}

function codes(r: ReturnType<typeof size>): string[] {
    return r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
}
