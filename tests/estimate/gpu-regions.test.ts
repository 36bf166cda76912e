// Every GPU instance type the planner can choose, in every region the estimate offers, has a price:
// the planner's choices over a grid of GPU / CPU / memory reservations are collected per region, and
// for each type chosen first (the one the estimate prices) an app reserving that much is planned
// offline and estimated end to end.
import { strict as assert } from "assert";
import { serviceNamesOf } from "../../provider/src/cli/commands/estimate";
import type { ComposeProject, ServiceConfig } from "../../provider/src/compose/types";
import { PriceBook, estimateResources, supportedRegions } from "../../provider/src/estimate";
import { runOfflinePlan } from "../../provider/src/offline/plan";
import { planDeployment } from "../../provider/src/plan";
import { gpuInstancesIn } from "../../provider/src/plan/catalogs";

const GiB = 1024 ** 3;

interface Request {
    gpus: number;
    cpus: number;
    memoryGiB: number;
}

function gpuService(r: Request): ServiceConfig {
    return {
        name: "llm",
        image: "vllm/vllm-openai:v0.6.0",
        environment: {},
        deploy: { resources: { reservations: { cpus: r.cpus, memory: r.memoryGiB * GiB, devices: [{ capabilities: ["gpu"], count: r.gpus }] } } },
    };
}

/** The GPU types (candidates, first one priced) the planner picks for a request in a region, or undefined when nothing fits. */
function choice(region: string, r: Request): string[] | undefined {
    const project = { name: "gpu", workingDir: "/", files: [], services: { llm: gpuService(r) }, sources: { locate: () => undefined } } as unknown as ComposeProject;
    return planDeployment(project, { mode: "balanced", stack: "dev", region }).plan?.gpu?.instanceTypes;
}

/** Requests covering every shape of the catalog: each offered type's own size, and a step below it. */
function requests(region: string): Request[] {
    return gpuInstancesIn(region).flatMap((i) => [
        { gpus: i.gpus, cpus: i.vcpus, memoryGiB: Math.floor(i.memoryGiB * 0.9) },
        { gpus: i.gpus, cpus: Math.max(1, i.vcpus / 2), memoryGiB: Math.max(1, Math.floor(i.memoryGiB * 0.45)) },
    ]);
}

describe("estimate: every GPU type the planner chooses is priced in every region", function () {
    this.timeout(600_000);

    for (const region of supportedRegions()) {
        it(`${region}: every candidate type of every plan has a price, and each first choice estimates end to end`, async () => {
            const book = PriceBook.forRegion(region);
            const firstChoice = new Map<string, Request>();
            for (const r of requests(region)) {
                const types = choice(region, r);
                if (!types) continue;
                for (const t of types) assert.ok(book.has(`ec2.${t}.hour`), `${region}: the planner may launch ${t}, which has no price`);
                if (!firstChoice.has(types[0])) firstChoice.set(types[0], r);
            }
            // The 16 GiB request of the issue: more than a g4dn.xlarge holds.
            assert.ok(choice(region, { gpus: 1, cpus: 1, memoryGiB: 16 }), "a 16 GiB GPU service plans");
            assert.ok(firstChoice.size >= 5, `${region}: ${[...firstChoice.keys()].join(", ")}`);
            for (const [type, r] of firstChoice) {
                const yaml = `name: gpu\nservices:\n  llm:\n    image: vllm/vllm-openai:v0.6.0\n    deploy:\n      resources:\n        reservations:\n          cpus: "${r.cpus}"\n          memory: ${r.memoryGiB}G\n          devices:\n            - capabilities: [gpu]\n              count: ${r.gpus}\n`;
                const plan = await runOfflinePlan({ composeYaml: yaml, mode: "balanced", region, stack: "dev", environment: {} });
                assert.deepEqual(plan.diagnostics.filter((d) => d.severity === "error").map((d) => d.message), [], `${region} ${type}`);
                const e = estimateResources(plan.resources, { region, mode: "balanced", project: plan.project, serviceNames: serviceNamesOf(plan.outputs) });
                const host = e.lines.find((l) => l.description.startsWith(`EC2 ${type}`));
                assert.ok(host, `${region}: the estimate prices the ${type} host (${e.lines.map((l) => l.description).join("; ")})`);
                assert.equal(host.unitPrice, book.usd(`ec2.${type}.hour`, type));
                assert.ok(host.monthly > 0);
            }
        });
    }
});
