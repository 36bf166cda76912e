// ECS services on Fargate: vCPU and GB per task × tasks × 730 h, ARM or x86, ephemeral storage above
// the free 20 GB, a public IPv4 per task that has one, and Fargate Spot as an estimated discount on
// the share of tasks the capacity-provider strategy puts on Spot (the base goes first, on its provider).
import type { EstimateLine, PlannedResource } from "../types";
import { managedInstancesLines } from "./ec2";
import { fmt, HOURS_PER_MONTH, line, list, num, obj, str, type PriceContext, type PricerResult } from "./context";

const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const CLUSTER = "aws:ecs/cluster:Cluster";
const CLUSTER_PROVIDERS = "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders";
const SCALING_TARGET = "aws:appautoscaling/target:Target";
const CAPACITY_PROVIDER = "aws:ecs/capacityProvider:CapacityProvider";
const FREE_EPHEMERAL_GIB = 20;

interface StrategyItem {
    capacityProvider: string;
    base: number;
    weight: number;
}

export function priceEcsService(r: PlannedResource, ctx: PriceContext): PricerResult {
    const strategy = strategyOf(r, ctx);
    const launchType = str(r.inputs.launchType);
    if (str(r.inputs.schedulingStrategy) === "DAEMON" || launchType === "EC2" || launchType === "EXTERNAL") {
        return { unpriced: "free", detail: "runs on EC2 capacity, priced with that capacity" };
    }
    const ec2 = strategy.filter((s) => s.capacityProvider !== "FARGATE" && s.capacityProvider !== "FARGATE_SPOT");
    if (ec2.length) {
        const cp = ctx.graph.resolve(ec2[0].capacityProvider, CAPACITY_PROVIDER);
        if (cp && obj(cp.inputs.managedInstancesProvider)) return managedInstancesLines(r, cp, taskCount(r, ctx), ctx);
        return { unpriced: "free", detail: "runs on an EC2 Auto Scaling group capacity provider, priced with its instances" };
    }
    const taskDef = ctx.graph.resolve(r.inputs.taskDefinition, TASK_DEFINITION, r);
    if (!taskDef) throw new Error(`cannot find the task definition of ECS service '${r.name}' (taskDefinition: ${String(r.inputs.taskDefinition)})`);
    const size = taskSize(taskDef);
    const tasks = taskCount(r, ctx);
    const split = splitTasks(tasks, strategy.length ? strategy : [{ capacityProvider: "FARGATE", base: 0, weight: 1 }]);
    const spotTasks = split.get("FARGATE_SPOT") ?? 0;
    const arch = size.arm ? "arm64" : "x86";
    const archLabel = size.arm ? "Linux/ARM" : "Linux/x86";
    const vcpuRate = ctx.prices.usd(`fargate.${arch}.vcpu-hour`, `Fargate ${archLabel} vCPU`);
    const gbRate = ctx.prices.usd(`fargate.${arch}.gb-hour`, `Fargate ${archLabel} memory`);
    const taskWord = (n: number) => `${fmt(n)} task${n === 1 ? "" : "s"}`;
    const service = ctx.graph.serviceOf(r) ?? ctx.graph.serviceOf(taskDef);
    const lines: EstimateLine[] = [
        line(r, ctx, {
            service,
            description: `Fargate vCPU, ${archLabel}: ${fmt(size.vcpu)} vCPU × ${taskWord(tasks)} × ${HOURS_PER_MONTH} h`,
            quantity: size.vcpu * tasks * HOURS_PER_MONTH,
            unit: "vCPU-hours",
            unitPrice: vcpuRate,
        }),
        line(r, ctx, {
            service,
            description: `Fargate memory, ${archLabel}: ${fmt(size.gb)} GB × ${taskWord(tasks)} × ${HOURS_PER_MONTH} h`,
            quantity: size.gb * tasks * HOURS_PER_MONTH,
            unit: "GB-hours",
            unitPrice: gbRate,
        }),
    ];
    if (size.ephemeralGiB > FREE_EPHEMERAL_GIB) {
        const extra = size.ephemeralGiB - FREE_EPHEMERAL_GIB;
        lines.push(line(r, ctx, {
            service,
            description: `Fargate ephemeral storage above the free 20 GB: ${fmt(extra)} GB × ${taskWord(tasks)} × ${HOURS_PER_MONTH} h`,
            quantity: extra * tasks * HOURS_PER_MONTH,
            unit: "GB-hours",
            unitPrice: ctx.prices.usd("fargate.ephemeral.gb-hour", "Fargate ephemeral storage"),
        }));
    }
    if (spotTasks > 0 && tasks > 0) {
        const pct = Math.round(ctx.spotDiscount * 100);
        const share = spotTasks === tasks ? "all tasks" : `${fmt(spotTasks)} of ${taskWord(tasks)}`;
        lines.push(line(r, ctx, {
            service,
            description: `Fargate Spot discount on vCPU (estimate @ ${pct}%, ${share} on Spot)`,
            quantity: size.vcpu * spotTasks * HOURS_PER_MONTH,
            unit: "vCPU-hours",
            unitPrice: -vcpuRate * ctx.spotDiscount,
            estimated: true,
        }));
        lines.push(line(r, ctx, {
            service,
            description: `Fargate Spot discount on memory (estimate @ ${pct}%, ${share} on Spot)`,
            quantity: size.gb * spotTasks * HOURS_PER_MONTH,
            unit: "GB-hours",
            unitPrice: -gbRate * ctx.spotDiscount,
            estimated: true,
        }));
        ctx.notes.add(`Fargate Spot has no list price: its discount is an estimate (${pct}% off on-demand; set spotDiscount in the usage file to change it).`);
    }
    const network = obj(r.inputs.networkConfiguration);
    if (network?.assignPublicIp === true || network?.assignPublicIp === "ENABLED") {
        lines.push(line(r, ctx, {
            service,
            description: `Public IPv4 address per task: ${taskWord(tasks)} × ${HOURS_PER_MONTH} h`,
            quantity: tasks * HOURS_PER_MONTH,
            unit: "IP-hours",
            unitPrice: ctx.prices.usd("ipv4.hour", "public IPv4 address"),
        }));
    }
    return lines;
}

interface TaskSize {
    vcpu: number;
    gb: number;
    arm: boolean;
    ephemeralGiB: number;
}

function taskSize(td: PlannedResource): TaskSize {
    const cpu = num(td.inputs.cpu);
    const memory = num(td.inputs.memory);
    if (cpu === undefined || memory === undefined) {
        throw new Error(`task definition '${td.name}' has no task-level cpu/memory, which Fargate requires`);
    }
    const platform = obj(td.inputs.runtimePlatform);
    const os = str(platform?.operatingSystemFamily);
    if (os && os !== "LINUX") throw new Error(`task definition '${td.name}' runs ${os}; only Linux Fargate is priced`);
    return {
        vcpu: cpu / 1024,
        gb: memory / 1024,
        arm: str(platform?.cpuArchitecture) === "ARM64",
        ephemeralGiB: num(obj(td.inputs.ephemeralStorage)?.sizeInGib) ?? 0,
    };
}

/** Desired count, raised to the autoscaling minimum; the maximum is noted, not priced. */
function taskCount(r: PlannedResource, ctx: PriceContext): number {
    let tasks = num(r.inputs.desiredCount) ?? 0;
    for (const t of ctx.graph.ofType(SCALING_TARGET)) {
        if (str(t.inputs.scalableDimension) !== "ecs:service:DesiredCount") continue;
        if (ctx.graph.resolve(t.inputs.resourceId, r.type) !== r) continue;
        const min = num(t.inputs.minCapacity) ?? 0;
        const max = num(t.inputs.maxCapacity) ?? min;
        tasks = Math.max(tasks, min);
        if (max > tasks) ctx.notes.add("Autoscaling services are priced at their desired (minimum) task count; scaling out adds the same cost per extra task.");
    }
    return tasks;
}

function strategyOf(r: PlannedResource, ctx: PriceContext): StrategyItem[] {
    const own = parseStrategy(r.inputs.capacityProviderStrategies);
    if (own.length || str(r.inputs.launchType)) return own;
    // No strategy and no launch type: the cluster's default strategy applies.
    const cluster = ctx.graph.resolve(r.inputs.cluster, CLUSTER, r);
    for (const cp of ctx.graph.ofType(CLUSTER_PROVIDERS)) {
        if (cluster && ctx.graph.resolve(cp.inputs.clusterName, CLUSTER, cp) !== cluster) continue;
        const dflt = parseStrategy(cp.inputs.defaultCapacityProviderStrategies);
        if (dflt.length) return dflt;
    }
    return [];
}

function parseStrategy(v: unknown): StrategyItem[] {
    return list(v)
        .map(obj)
        .filter((s): s is Record<string, unknown> => !!s && !!str(s.capacityProvider))
        .map((s) => ({ capacityProvider: str(s.capacityProvider)!, base: num(s.base) ?? 0, weight: num(s.weight) ?? 0 }));
}

/** ECS placement: each provider's base first (in order), the rest by weight. */
export function splitTasks(tasks: number, strategy: StrategyItem[]): Map<string, number> {
    const out = new Map<string, number>();
    const add = (p: string, n: number) => out.set(p, (out.get(p) ?? 0) + n);
    let remaining = tasks;
    for (const s of strategy) {
        const take = Math.min(s.base, remaining);
        if (take > 0) add(s.capacityProvider, take);
        remaining -= take;
    }
    const total = strategy.reduce((a, s) => a + s.weight, 0);
    if (remaining > 0) {
        if (total > 0) for (const s of strategy) add(s.capacityProvider, (remaining * s.weight) / total);
        else add(strategy[0].capacityProvider, remaining);
    }
    return out;
}
