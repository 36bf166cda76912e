// Sidecars: a compose service with `network_mode: "service:<host>"` shares the host's network
// namespace, so it runs as another container of the host's task (one ENI, one security group, reached
// at the host's names and by its own name as an alias). Its size adds to the task's, its `depends_on`
// between containers of the task become ECS container dependencies, and the rest of what it asks
// (environment, secrets, Bedrock, policies, health check) goes with it into the host's task.
// What a shared network namespace makes impossible is refused at the line that asks for it.
import type { ServiceConfig } from "../compose/types";
import { QUOTAS, checkQuota } from "./aws-limits";
import { planContainer } from "./container";
import { type PlanContext, servicePath } from "./context";
import { autoscalingOptions, objectStore, rolloutOptions, staticFiles, storeKind } from "./extensions";
import { gpuCount } from "./gpu";
import { isJob } from "./jobs";
import type { ServicePorts } from "./ports";
import type { WiredEnvironment } from "./secrets";
import type { ContainerPlan } from "./types";
import { own } from "../by-name";

const PREFIX = "service:";

/** The host a service is a sidecar of (`network_mode: "service:<host>"`), if any. */
export function sidecarHost(svc: ServiceConfig): string | undefined {
    const mode = svc.network_mode;
    return mode?.startsWith(PREFIX) ? mode.slice(PREFIX.length) : undefined;
}

export interface Sidecars {
    /** Host service → its sidecars, in name order. */
    byHost: Map<string, ServiceConfig[]>;
    /** Sidecar → host. */
    hostOf: Map<string, string>;
}

/** Groups the sidecars by host; every combination a shared network namespace cannot honour is an error. */
export function groupSidecars(ctx: PlanContext, containers: ServiceConfig[]): Sidecars {
    const byName = new Map(containers.map((s) => [s.name, s]));
    const byHost = new Map<string, ServiceConfig[]>();
    const hostOf = new Map<string, string>();
    for (const svc of containers) {
        const hostName = sidecarHost(svc);
        if (hostName === undefined) continue;
        const at = servicePath(svc.name, "network_mode");
        const host = byName.get(hostName);
        const other = own(ctx.project.services, hostName);
        if (!host) {
            const why = !other ? "no such service is deployed (is it behind an inactive profile?)" : storeKind(other) ? "it is a managed store, not a container" : staticFiles(other) ? "it publishes static files, not a container" : objectStore(other) ? "it is an S3 bucket (x-defang-s3), not a container" : "it is not a container";
            ctx.error("sidecar-host-invalid", at, `service ${svc.name} shares the network of ${hostName}, but ${why}`, `Point network_mode at a service that runs a container, or remove network_mode.`);
            continue;
        }
        if (sidecarHost(host) !== undefined) {
            ctx.error(
                "sidecar-chain",
                at,
                `service ${svc.name} shares the network of ${hostName}, which itself shares the network of ${sidecarHost(host)}: one task has one network, so sidecars cannot chain`,
                `Write network_mode: "service:${sidecarHost(host)}" to put ${svc.name} in the same task directly.`,
            );
            continue;
        }
        if (isJob(host)) {
            ctx.error(
                "sidecar-of-job",
                at,
                `service ${svc.name} shares the network of ${hostName}, a one-off job (restart: "no"): a job's task exits when the job does, so a long-running sidecar would never let it finish`,
                `Run ${svc.name} as a service of its own (remove network_mode), or remove restart: "no" from ${hostName}.`,
            );
            continue;
        }
        if (!checkSidecar(ctx, svc, hostName)) continue;
        hostOf.set(svc.name, hostName);
        byHost.set(hostName, [...(byHost.get(hostName) ?? []), svc].sort((a, b) => (a.name < b.name ? -1 : 1)));
    }
    for (const [host, sidecars] of byHost) checkContainerCount(ctx, host, sidecars);
    return { byHost, hostOf };
}

/** The host's container and its sidecars within ECS's containers per task definition. */
function checkContainerCount(ctx: PlanContext, host: string, sidecars: ServiceConfig[]): void {
    const max = QUOTAS.containersPerTask.max;
    if (checkQuota("containersPerTask", 1 + sidecars.length) === undefined) return;
    ctx.error(
        "aws-quota-exceeded",
        servicePath(sidecars[max - 1].name, "network_mode"),
        `${sidecars.length} services share the network of ${host} (${sidecars.slice(max - 1).map((s) => s.name).join(", ")} past the ${max - 1} that fit): its task would hold ${1 + sidecars.length} containers; ECS allows ${max} per task definition`,
        `Keep at most ${max - 1} sidecars per service: run ${sidecars.slice(max - 1).map((s) => s.name).join(", ")} as services of their own (remove network_mode).`,
    );
}

/** What a container sharing another's task cannot have: its own ports, a GPU or a build (errors); its own scaling (warnings). */
function checkSidecar(ctx: PlanContext, svc: ServiceConfig, host: string): boolean {
    let ok = true;
    for (const key of ["ports", "expose"] as const) {
        if ((svc[key] ?? []).length === 0) continue;
        ctx.error(
            "sidecar-ports",
            servicePath(svc.name, key),
            `service ${svc.name} shares the network of ${host}, so it cannot have ${key} of its own: both containers listen on ${host}'s one network interface`,
            `Move the ${key} entries to ${host} (other services then reach ${svc.name}'s port at ${host}, or at ${svc.name}, which stays a name for that task).`,
        );
        ok = false;
    }
    if (gpuCount(svc) > 0) {
        ctx.error("sidecar-gpu", servicePath(svc.name, "deploy", "resources", "reservations", "devices"), `service ${svc.name} is a sidecar of ${host} and reserves a GPU; GPUs are given to a task's service container only`, `Reserve the GPU on ${host}, or run ${svc.name} as a service of its own.`);
        ok = false;
    }
    if (svc.build && !own(ctx.options.images, svc.name)) {
        ctx.error(
            "sidecar-build",
            servicePath(svc.name, "build"),
            `service ${svc.name} is a sidecar of ${host} and is built from source; sidecars run prebuilt images only`,
            `Give ${svc.name} an image (build and push it yourself), or pass images: { ${svc.name}: "<image>" } to the component.`,
        );
        ok = false;
    }
    const ignored: Array<[Array<string | number>, boolean]> = [
        [["deploy", "replicas"], svc.deploy?.replicas !== undefined || svc.scale !== undefined],
        [["x-defang-autoscaling"], autoscalingOptions(svc) !== undefined],
        [["x-defang-rollout"], Object.keys(rolloutOptions(svc)).length > 0],
        [["domainname"], svc.domainname !== undefined],
    ];
    for (const [path, set] of ignored) {
        if (!set) continue;
        ctx.warn(
            "sidecar-option-ignored",
            servicePath(svc.name, ...path),
            `service ${svc.name} runs in ${host}'s tasks, so its ${path.join(".")} is ignored: ${host}'s applies to the whole task`,
            `Remove ${path.join(".")} from ${svc.name}, or set it on ${host}.`,
        );
    }
    return ok;
}

const CONDITION: Record<string, NonNullable<ContainerPlan["dependsOn"]>[number]["condition"]> = {
    service_started: "START",
    service_healthy: "HEALTHY",
    service_completed_successfully: "SUCCESS",
};

/** ECS container dependencies of `svc` on the other containers of its task (`inTask`: name → container). */
export function containerDependencies(ctx: PlanContext, svc: ServiceConfig, inTask: Map<string, ContainerPlan>): ContainerPlan["dependsOn"] {
    const out: NonNullable<ContainerPlan["dependsOn"]> = [];
    for (const [name, dep] of Object.entries(svc.depends_on ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
        const target = inTask.get(name);
        if (!target || name === svc.name) continue;
        let condition = CONDITION[dep.condition] ?? "START";
        if (condition === "HEALTHY" && !target.healthCheck) {
            ctx.warn(
                "sidecar-depends-healthy",
                servicePath(svc.name, "depends_on", name),
                `service ${svc.name} waits for ${name} to be healthy, but ${name} has no healthcheck: ECS would wait forever, so ${svc.name} starts once ${name} has started`,
                `Give ${name} a healthcheck, or write condition: service_started.`,
            );
            condition = "START";
        }
        if (condition === "SUCCESS" && target.essential !== false) {
            ctx.warn(
                "sidecar-depends-healthy",
                servicePath(svc.name, "depends_on", name),
                `service ${svc.name} waits for ${name} to complete, but ${name} runs for as long as the task: ${svc.name} starts once ${name} has started`,
                `Give ${name} restart: "no" if it is an init container that exits, or write condition: service_started.`,
            );
            condition = "START";
        }
        out.push({ containerName: target.name, condition });
    }
    return out.length > 0 ? out : undefined;
}

/** A sidecar's container: its image, environment and secrets, no ports; non-essential when it is meant to exit. */
export function sidecarContainer(ctx: PlanContext, svc: ServiceConfig, env: WiredEnvironment, image: string, taskMemory: number): ContainerPlan {
    const noPorts: ServicePorts = { ingress: [], privatePorts: [], portMappings: [] };
    const c = planContainer(ctx, svc, env, noPorts, taskMemory);
    c.image = image;
    c.service = svc.name;
    if (isJob(svc)) c.essential = false;
    return c;
}
