// One-off jobs: compose services with `restart: "no"` (Defang's "release tasks": migrations, seeding).
// Each deploy runs a job once, after what it depends on, and fails if the job fails; services that
// depend on a job start only after it succeeded. Defang's docs gate a service on a job with the short
// form `depends_on: [migrate]` (condition service_started), so every condition on a job gates:
// `service_completed_successfully` is what it means, `service_started` reads the same in a deploy
// (a job "started" is useless to wait for), and `service_healthy` is warned (a job has no health).
import type { ServiceConfig } from "../compose/types";
import { envText, parseUrl } from "./clients";
import { type PlanContext, servicePath } from "./context";
import { objectStore, staticFiles, storeKind } from "./extensions";
import type { CapacityProviderItem, ServicePlan } from "./types";
import { own } from "../by-name";

/** A job still running after this long is stopped and fails the deploy. */
export const JOB_TIMEOUT_MINUTES = 30;

/**
 * Jobs run on on-demand Fargate in every mode: a Spot reclaim in the middle of a migration fails the
 * deploy and may leave it half applied, and a job's few task-minutes per deploy make Spot's saving nil.
 */
export const JOB_CAPACITY: CapacityProviderItem[] = [{ capacityProvider: "FARGATE", weight: 1 }];

/** `restart: "no"` makes a service a one-off job. */
export function isJob(svc: ServiceConfig): boolean {
    return (svc.restart ?? "").trim() === "no";
}

/** A compose service the plan runs as a job (a container, not a managed store or static files). */
function runsAsJob(svc: ServiceConfig | undefined): boolean {
    return svc !== undefined && isJob(svc) && storeKind(svc) === undefined && !staticFiles(svc);
}

/** The jobs that must have run successfully before this service (or job) starts, by name; warns what a job cannot honour. */
export function jobsBefore(ctx: PlanContext, svc: ServiceConfig): string[] {
    const jobs: string[] = [];
    for (const [name, dep] of Object.entries(svc.depends_on ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
        const target = own(ctx.project.services, name);
        if (!runsAsJob(target)) {
            if (target && dep.condition === "service_completed_successfully" && storeKind(target) === undefined && !staticFiles(target) && !objectStore(target)) {
                ctx.warn(
                    "depends-completed-service",
                    servicePath(svc.name, "depends_on", name),
                    `service ${svc.name} waits for ${name} to complete successfully, but ${name} is a long-running service (no restart: "no"): it never completes; ${svc.name} starts once ${name} is deployed`,
                    `Give ${name} restart: "no" if it is a one-off job, or use condition: service_started (or service_healthy).`,
                );
            }
            continue;
        }
        jobs.push(name);
        if (dep.condition === "service_healthy") {
            ctx.warn(
                "job-depends-healthy",
                servicePath(svc.name, "depends_on", name),
                `service ${svc.name} waits for job ${name} to be healthy, but a one-off job has no health: ${svc.name} starts once ${name} has run successfully`,
                "Write condition: service_completed_successfully.",
            );
        }
    }
    return jobs;
}

/** How each deploy runs the job: its timeout and the managed stores it waits for. */
export function planJob(ctx: PlanContext, svc: ServiceConfig): NonNullable<ServicePlan["job"]> {
    const replicas = svc.deploy?.replicas ?? svc.scale;
    if (replicas !== undefined && replicas > 1) {
        ctx.warn(
            "job-replicas",
            // The loader copies `scale` into deploy.replicas; point at what the file says.
            servicePath(svc.name, ...(svc.scale !== undefined ? ["scale"] : ["deploy", "replicas"])),
            `service ${svc.name} is a one-off job (restart: "no"): each deploy runs it once, in one task, so ${replicas} replicas are ignored`,
            "Remove the replicas, or drop restart: \"no\" to run it as a long-running service.",
        );
    }
    // A job does not retry: it waits until the databases it uses accept connections (services need not),
    // those it depends on and those its environment points at (a migration often has only DATABASE_URL).
    const used = new Set([...Object.keys(svc.depends_on ?? {}), ...hostsInEnvironment(svc)]);
    const stores = Object.keys(ctx.project.services)
        .filter((name) => {
            const target = ctx.project.services[name];
            return used.has(name.toLowerCase()) || used.has(name) ? storeKind(target) !== undefined && !staticFiles(target) : false;
        })
        .sort();
    return { timeoutMinutes: JOB_TIMEOUT_MINUTES, stores };
}

/** Host names the service's environment names: each value's URL host (`postgres://u:p@db:5432/x` → db), else a bare `host[:port]` value. */
function hostsInEnvironment(svc: ServiceConfig): string[] {
    return Object.values(svc.environment ?? {}).flatMap((value) => {
        const text = envText(value).trim();
        const url = parseUrl(text);
        if (url) return url.host.split(",").map((h) => h.replace(/:\d*$/, ""));
        const bare = /^([a-z0-9][a-z0-9_.-]*)(:\d+)?$/i.exec(text);
        return bare ? [bare[1].toLowerCase()] : [];
    });
}
