// Task sizes. Fargate accepts only certain CPU/memory pairs (reference/aws.md §6, the AWS table —
// not Defang's, which has 4 GiB steps at 16 vCPU); compose reservations (limits as a fallback) are
// rounded up to the smallest valid pair. GPU tasks run on EC2 and are sized freely.
import type { Resource, ServiceConfig } from "../compose/types";
import { FARGATE_TASK_SIZES } from "./aws-limits";
import { type PlanContext, servicePath } from "./context";

const MiB = 1024 * 1024;

/** Valid task memory (MiB) per Fargate CPU tier (Linux): the table's (plan/aws-limits.ts). */
export const FARGATE_SIZES = FARGATE_TASK_SIZES;

export const FARGATE_MAX = { cpu: 16384, memory: 122880 };
/** Nothing reserved: 0.25 vCPU / 512 MiB. */
export const FARGATE_DEFAULT = { cpu: 256, memory: 512 };
/** GPU tasks with nothing reserved: enough for a model server's host side. */
export const GPU_TASK_DEFAULT = { cpu: 1024, memory: 4096 };

/** Smallest valid Fargate pair ≥ the request (CPU units, MiB), or undefined when none exists. */
export function fitFargate(cpuUnits: number, memoryMiB: number): { cpu: number; memory: number } | undefined {
    for (const tier of FARGATE_SIZES) {
        if (tier.cpu < cpuUnits) continue;
        const memory = tier.memory.find((m) => m >= memoryMiB);
        if (memory !== undefined) return { cpu: tier.cpu, memory };
    }
    return undefined;
}

export interface ResourceRequest {
    /** vCPUs asked for (reservation, else limit); undefined when neither is set. */
    cpus?: number;
    /** MiB asked for (reservation, else limit). */
    memoryMiB?: number;
    /** MiB of the reservation and of the limit, as set. */
    reservationMiB?: number;
    limitMiB?: number;
    /** Where the numbers came from (for error locations). */
    path: Array<string | number>;
}

/** The compose request: `deploy.resources.reservations`, else `limits`, else `mem_reservation` / `mem_limit`. */
export function resourceRequest(svc: ServiceConfig): ResourceRequest {
    const res: Resource | undefined = svc.deploy?.resources?.reservations;
    const lim: Resource | undefined = svc.deploy?.resources?.limits;
    const reservationBytes = res?.memory ?? svc.mem_reservation;
    const limitBytes = lim?.memory ?? svc.mem_limit;
    const reservationMiB = reservationBytes !== undefined ? toMiB(reservationBytes) : undefined;
    const limitMiB = limitBytes !== undefined ? toMiB(limitBytes) : undefined;
    const which = res?.cpus !== undefined || res?.memory !== undefined ? "reservations" : "limits";
    const path = svc.deploy?.resources ? ["deploy", "resources", which] : ["deploy"];
    return { cpus: res?.cpus ?? lim?.cpus, memoryMiB: reservationMiB ?? limitMiB, reservationMiB, limitMiB, path };
}

function toMiB(bytes: number): number {
    return bytes > 0 ? Math.ceil(bytes / MiB) : bytes;
}

/** Fargate task size for a service, or undefined after reporting why it cannot exist. */
export function fargateSize(ctx: PlanContext, svc: ServiceConfig): { cpu: number; memory: number } | undefined {
    const req = resourceRequest(svc);
    if (!validRequest(ctx, svc, req)) return undefined;
    const cpuUnits = req.cpus !== undefined ? Math.ceil(req.cpus * 1024) : FARGATE_DEFAULT.cpu;
    const memory = req.memoryMiB ?? FARGATE_DEFAULT.memory;
    const fit = fitFargate(cpuUnits, memory);
    if (!fit) {
        ctx.error(
            "fargate-too-large",
            servicePath(svc.name, ...req.path),
            `service ${svc.name} asks for ${describe(req)}, more than one Fargate task can have`,
            `Fargate tasks have at most 16 vCPU and 120 GiB (122880 MiB) of memory; reserve at most cpus: 16 and memory: 120G, ` +
                `or split the work across replicas.`,
        );
    }
    return fit;
}

/** EC2 (GPU) task size: the request itself, rounded up to whole CPU units and MiB. */
export function ec2Size(ctx: PlanContext, svc: ServiceConfig): { cpu: number; memory: number } | undefined {
    const req = resourceRequest(svc);
    if (!validRequest(ctx, svc, req)) return undefined;
    return {
        cpu: req.cpus !== undefined ? Math.ceil(req.cpus * 1024) : GPU_TASK_DEFAULT.cpu,
        memory: req.memoryMiB ?? GPU_TASK_DEFAULT.memory,
    };
}

function validRequest(ctx: PlanContext, svc: ServiceConfig, req: ResourceRequest): boolean {
    let ok = true;
    if (req.cpus !== undefined && !(req.cpus > 0)) {
        ctx.error(
            "cpus-not-positive",
            servicePath(svc.name, ...req.path, "cpus"),
            `service ${svc.name}: cpus must be greater than 0 (got ${req.cpus})`,
            `Reserve a positive number of CPUs, e.g. cpus: "0.25", or remove the key to get the default 0.25 vCPU.`,
        );
        ok = false;
    }
    if (req.memoryMiB !== undefined && !(req.memoryMiB > 0)) {
        ctx.error(
            "memory-not-positive",
            servicePath(svc.name, ...req.path, "memory"),
            `service ${svc.name}: memory must be greater than 0`,
            `Reserve a positive amount of memory, e.g. memory: 512M, or remove the key to get the default 512 MiB.`,
        );
        ok = false;
    }
    return ok;
}

function describe(req: ResourceRequest): string {
    const parts: string[] = [];
    if (req.cpus !== undefined) parts.push(`${req.cpus} vCPU`);
    if (req.memoryMiB !== undefined) parts.push(`${req.memoryMiB} MiB`);
    return parts.join(" and ");
}
