// `deploy` rules (Swarm-only options are refused, as Defang does), resource folding, GPU reservations
// and the checks that depend on the deployment mode.
import type { DeviceRequest, Resource, ServiceConfig } from "../types";
import { MODE_TABLE, type Mode } from "../../plan/modes";
import type { ServiceReporter } from "./report";

const SWARM_ONLY = [
    ["update_config", "deploy-update-config-unsupported"],
    ["rollback_config", "deploy-rollback-config-unsupported"],
    ["restart_policy", "deploy-restart-policy-unsupported"],
    ["endpoint_mode", "deploy-endpoint-mode-unsupported"],
] as const;

/** NVIDIA capabilities that may accompany `gpu` in a device request. */
const GPU_CAPABILITIES = new Set(["gpu", "compute", "utility", "graphics", "video", "display"]);

/**
 * Fold the service-level resource keys into `deploy.resources` (compose treats them as the same
 * setting), `gpus` into a GPU device reservation, and limits into reservations when there are none.
 * Runs before the checks so they see one place for every resource.
 */
export function foldResources(svc: ServiceConfig, r: ServiceReporter): void {
    const other = svc.other ?? {};
    const fold = (field: string, target: string, set: (res: Resource) => void, has: (res: Resource) => boolean, kind: "limits" | "reservations") => {
        const resources = ((svc.deploy ??= {}).resources ??= {});
        const res = (resources[kind] ??= {});
        if (!has(res)) {
            set(res);
            r.report("resources-folded", [field], { field, target });
        }
    };
    if (svc.mem_limit !== undefined) fold("mem_limit", "limits.memory", (res) => (res.memory = svc.mem_limit), (res) => res.memory !== undefined, "limits");
    if (svc.mem_reservation !== undefined) {
        fold("mem_reservation", "reservations.memory", (res) => (res.memory = svc.mem_reservation), (res) => res.memory !== undefined, "reservations");
    }
    const cpus = typeof other.cpus === "string" ? Number(other.cpus) : other.cpus;
    if (typeof cpus === "number" && Number.isFinite(cpus)) {
        fold("cpus", "limits.cpus", (res) => (res.cpus = cpus), (res) => res.cpus !== undefined, "limits");
    }
    if (other.gpus !== undefined) foldGpus(svc, other.gpus, r);

    const resources = svc.deploy?.resources;
    if (resources?.limits && !hasSize(resources.reservations) && hasSize(resources.limits)) {
        resources.reservations = { ...resources.reservations };
        if (resources.limits.cpus !== undefined) resources.reservations.cpus = resources.limits.cpus;
        if (resources.limits.memory !== undefined) resources.reservations.memory = resources.limits.memory;
        r.report("deploy-limits-as-reservations", ["deploy", "resources", "limits"]);
    }
}

function hasSize(res: Resource | undefined): boolean {
    return res?.cpus !== undefined || res?.memory !== undefined;
}

/** `gpus: all` or `gpus: [{driver, count, device_ids, capabilities}]` → a device reservation. */
function foldGpus(svc: ServiceConfig, gpus: unknown, r: ServiceReporter): void {
    const entries = gpus === "all" ? [{ count: "all" }] : gpus;
    if (!Array.isArray(entries) || !entries.every((e) => typeof e === "object" && e !== null)) {
        r.report("gpus-unsupported", ["gpus"], { reason: "expected `all` or a list of device requests" });
        return;
    }
    const devices: DeviceRequest[] = [];
    for (const e of entries as Array<Record<string, unknown>>) {
        const count = e.count === "all" || e.count === -1 ? -1 : Number(e.count ?? 1);
        if (!Number.isInteger(count) || count === 0 || count < -1) {
            r.report("gpus-unsupported", ["gpus"], { reason: `count ${JSON.stringify(e.count)} is not a number of GPUs` });
            return;
        }
        const d: DeviceRequest = { capabilities: (e.capabilities as string[] | undefined) ?? ["gpu"], count };
        if (typeof e.driver === "string") d.driver = e.driver;
        if (Array.isArray(e.device_ids)) d.device_ids = e.device_ids as string[];
        devices.push(d);
    }
    const reservations = (((svc.deploy ??= {}).resources ??= {}).reservations ??= {});
    reservations.devices = [...(reservations.devices ?? []), ...devices];
    r.report("gpus-as-devices", ["gpus"]);
}

export function checkDeploy(svc: ServiceConfig, r: ServiceReporter): void {
    const deploy = svc.deploy;
    if (!deploy) return;
    if (deploy.mode !== undefined && deploy.mode !== "replicated") r.report("deploy-mode-unsupported", ["deploy", "mode"], { value: deploy.mode || '""' });
    for (const [field, code] of SWARM_ONLY) if (deploy[field] !== undefined) r.report(code, ["deploy", field]);
    if (deploy.labels && Object.keys(deploy.labels).length) r.report("deploy-labels-ignored", ["deploy", "labels"]);
    const placement = deploy.placement;
    if (placement && (placement.constraints?.length || placement.preferences?.length || placement.max_replicas_per_node)) {
        r.report("deploy-placement-ignored", ["deploy", "placement"]);
    }
    for (const kind of ["limits", "reservations"] as const) {
        const cpus = deploy.resources?.[kind]?.cpus;
        if (cpus !== undefined && cpus < 0) r.report("cpus-negative", ["deploy", "resources", kind, "cpus"], { value: cpus });
    }
    checkLimitsAboveReservations(svc, r);
    checkDevices(svc, r);
}

/** Docker refuses a limit below the reservation; on ECS the limit would silently not be set. */
function checkLimitsAboveReservations(svc: ServiceConfig, r: ServiceReporter): void {
    const { limits, reservations } = svc.deploy?.resources ?? {};
    const MiB = 2 ** 20;
    for (const [field, unit, scale] of [["memory", "MiB", MiB], ["cpus", "vCPU", 1]] as const) {
        const limit = limits?.[field];
        const reservation = reservations?.[field];
        if (limit === undefined || reservation === undefined || limit <= 0 || limit >= reservation) continue;
        const show = (n: number) => `${Math.round((n / scale) * 100) / 100} ${unit}`;
        r.report("limit-below-reservation", ["deploy", "resources", "limits", field], { field, limit: show(limit), reservation: show(reservation) });
    }
}

function checkDevices(svc: ServiceConfig, r: ServiceReporter): void {
    const devices = svc.deploy?.resources?.reservations?.devices ?? [];
    devices.forEach((d, i) => {
        const path = ["deploy", "resources", "reservations", "devices", i];
        const caps = (d.capabilities ?? []).map((c) => c.toLowerCase());
        const driver = d.driver?.toLowerCase();
        if (!caps.includes("gpu") || caps.some((c) => !GPU_CAPABILITIES.has(c)) || (driver && driver !== "nvidia")) {
            const detail = `{capabilities: [${caps.join(", ")}]${d.driver ? `, driver: ${d.driver}` : ""}}`;
            r.report("gpu-device-unsupported", path, { detail });
            return;
        }
        if (d.count === -1) {
            r.report("gpu-count-all", [...path, "count"]);
            d.count = 1;
        }
    });
}

export function checkMemoryReservation(svc: ServiceConfig, isStore: boolean, r: ServiceReporter): void {
    if (svc.defang?.staticFiles) return;
    const what = isStore ? "instance class" : "task size (0.25 vCPU, 512 MiB)";
    if (!svc.deploy?.resources?.reservations?.memory) r.report("memory-reservation-missing", ["deploy", "resources", "reservations"], { what });
}

export interface ModeCheckContext {
    mode: Mode;
    /** A managed store, a one-off job, a model gateway or static files: no replica advice. */
    notAService: boolean;
}

export function checkMode(svc: ServiceConfig, ctx: ModeCheckContext, r: ServiceReporter): void {
    if (svc.defang?.autoscaling && !MODE_TABLE[ctx.mode].autoscalingRecommended) r.report("autoscaling-affordable", ["x-defang-autoscaling"]);
    if (ctx.mode !== "high_availability" || ctx.notAService || svc.defang?.autoscaling) return;
    const replicas = svc.deploy?.replicas ?? svc.scale ?? 1;
    if (replicas < 2) r.report("ha-single-replica", svc.deploy?.replicas !== undefined ? ["deploy", "replicas"] : [], { replicas });
}
