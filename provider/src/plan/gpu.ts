// GPU services: detection, per-task GPU count, and the EC2 capacity they run on.
//
// Strategy: an Auto Scaling group of ECS GPU-optimized AMI hosts behind an ECS capacity provider with
// managed scaling — not ECS Managed Instances. Why:
//  - Managed Instances capacity providers are created asynchronously; associating one with the cluster
//    in the same deploy fails until it is ACTIVE (pulumi/pulumi-aws#6061, the same bug in the Terraform
//    provider #45693, still open) — a first `pulumi up` that fails is not acceptable for a one-switch tool.
//  - An ASG names its instance types, so the plan (and the estimate) know exactly what runs and costs;
//    Spot uses a mixed-instances policy over several g4dn/g6/g5 types (capacity-optimized), on-demand in HA.
//  - It is the path ECS has supported for years (GPU AMI from a public SSM parameter, resolved at each
//    deploy, so a new AMI rolls in with an instance refresh); Managed Instances can replace it once the
//    provider bug is fixed — only `strategy` changes.
import type { ServiceConfig } from "../compose/types";
import { type GpuInstance, gpuInstancesIn } from "./catalogs";
import { type PlanContext, servicePath } from "./context";
import type { GpuCapacityPlan } from "./types";

export const GPU_AMI_PARAMETER = "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id";
/** Share of host memory ECS can give tasks (the agent, OS and driver keep the rest). */
const USABLE_MEMORY = 0.9;
/** Spot candidates: a few types so an interruption can be refilled from another pool. */
const CANDIDATES = 3;

/**
 * GPUs a service reserves: per device request `count` (`all`/-1 counts as 1, like Defang), else its
 * device ids, else 1; plus swarm-style `generic_resources` of kind gpu(s). 0 = no GPU.
 */
export function gpuCount(svc: ServiceConfig): number {
    let total = 0;
    const reservations = svc.deploy?.resources?.reservations;
    for (const g of reservations?.generic_resources ?? []) {
        const spec = g.discrete_resource_spec;
        if (spec && /^(nvidia[.-])?gpus?$/i.test(spec.kind) && spec.value > 0) total += spec.value;
    }
    for (const d of reservations?.devices ?? []) {
        if (!(d.capabilities ?? []).some((c) => c.toLowerCase() === "gpu")) continue;
        if (d.count !== undefined && d.count > 0) total += d.count;
        else if (d.count === undefined && d.device_ids && d.device_ids.length > 0) total += d.device_ids.length;
        else total += 1;
    }
    return total;
}

export interface GpuTask {
    service: string;
    gpus: number;
    cpu: number;
    memory: number;
    /** Tasks that may run at once: replicas (or the autoscaling maximum), plus a rollout's extra copies. */
    peakTasks: number;
}

function fits(inst: GpuInstance, t: { gpus: number; cpu: number; memory: number }): boolean {
    return inst.gpus >= t.gpus && inst.vcpus * 1024 >= t.cpu && inst.memoryGiB * 1024 * USABLE_MEMORY >= t.memory;
}

function tasksPerInstance(inst: GpuInstance, t: GpuTask): number {
    return Math.max(1, Math.min(Math.floor(inst.gpus / t.gpus), Math.floor((inst.vcpus * 1024) / t.cpu), Math.floor((inst.memoryGiB * 1024 * USABLE_MEMORY) / t.memory)));
}

export function planGpuCapacity(ctx: PlanContext, tasks: GpuTask[], paths: Map<string, Array<string | number>>): GpuCapacityPlan | undefined {
    if (tasks.length === 0) return undefined;
    const need = {
        gpus: Math.max(...tasks.map((t) => t.gpus)),
        cpu: Math.max(...tasks.map((t) => t.cpu)),
        memory: Math.max(...tasks.map((t) => t.memory)),
    };
    const offered = gpuInstancesIn(ctx.options.region);
    const fitting = offered.filter((i) => fits(i, need)).sort((a, b) => a.hourly - b.hourly || (a.name < b.name ? -1 : 1));
    if (fitting.length === 0) {
        const biggest = [...offered].sort((a, b) => b.gpus - a.gpus || b.memoryGiB - a.memoryGiB)[0];
        const culprit = tasks.find((t) => !offered.some((i) => fits(i, t))) ?? tasks[0];
        ctx.error(
            "gpu-too-large",
            paths.get(culprit.service),
            `service ${culprit.service} asks for ${culprit.gpus} GPU(s), ${culprit.cpu / 1024} vCPU and ${culprit.memory} MiB; no single g4dn/g5/g6 host has that`,
            `The largest host planned is ${biggest.name} (${biggest.gpus} GPUs, ${biggest.vcpus} vCPU, ${biggest.memoryGiB} GiB); reserve at most that per task and scale out with replicas.`,
        );
        return undefined;
    }
    const cheapest = fitting[0];
    const candidates = fitting.filter((i) => i.gpus === cheapest.gpus).slice(0, CANDIDATES);
    const maxSize = tasks.reduce((n, t) => n + Math.ceil(t.peakTasks / tasksPerInstance(cheapest, t)), 0);
    return {
        strategy: "auto-scaling-group",
        instanceTypes: candidates.map((i) => i.name),
        gpusPerInstance: cheapest.gpus,
        requirements: { vcpus: Math.ceil(need.cpu / 1024), memoryMiB: need.memory, gpus: need.gpus, manufacturer: "nvidia" },
        amiParameter: GPU_AMI_PARAMETER,
        spot: ctx.settings.gpuSpot,
        // Managed scaling starts hosts when GPU tasks are pending and stops idle ones.
        minSize: 0,
        maxSize: Math.max(1, maxSize),
        services: tasks.map((t) => t.service),
    };
}

export function gpuPath(svc: ServiceConfig): Array<string | number> {
    return servicePath(svc.name, "deploy", "resources", "reservations", "devices") as Array<string | number>;
}
