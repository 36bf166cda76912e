// x-defang-autoscaling → target tracking between min and max tasks: min = replicas, max = 2 × replicas,
// average CPU 85 % (Defang's numbers), each overridable with the object form { min, max, cpu (or target),
// memory, requests }. Every metric given gets its own target-tracking policy (Application Auto Scaling
// scales out when any asks, in when all allow); requests are per task per minute on the first ingress port.
import type { ServiceConfig } from "../compose/types";
import { RANGES } from "./aws-limits";
import { type PlanContext, servicePath } from "./context";
import { autoscalingOptions } from "./extensions";
import type { AutoscalingPlan, ServicePlan } from "./types";

export const DEFAULT_TARGET_CPU = 85;
/** Scale out fast, scale in slowly: a spike is answered within a minute, a dip does not flap tasks. */
export const SCALE_OUT_COOLDOWN = 60;
export const SCALE_IN_COOLDOWN = 300;
/** ECS tasks per service (plan/aws-limits.ts). */
const MAX_TASKS = RANGES.tasksPerService.max;

export function planAutoscaling(
    ctx: PlanContext,
    svc: ServiceConfig,
    replicas: number,
    kind: ServicePlan["kind"],
    /** Target group key of the service's first ingress port, when it has one. */
    firstTargetGroup?: string,
): AutoscalingPlan | undefined {
    const opts = autoscalingOptions(svc);
    if (!opts) return undefined;
    const path = servicePath(svc.name, "x-defang-autoscaling");
    if (kind === "job") {
        ctx.warn("autoscaling-job", path, `service ${svc.name} runs once per deploy (restart: "no"); x-defang-autoscaling is ignored`, "Remove x-defang-autoscaling, or drop restart: \"no\" to run it as a service.");
        return undefined;
    }
    const base = Math.max(1, replicas);
    const min = opts.min ?? base;
    const max = opts.max ?? Math.max(2 * base, min);
    let ok = true;
    if (!Number.isInteger(min) || min < 1 || !Number.isInteger(max) || max > MAX_TASKS || max < min) {
        ctx.error(
            "autoscaling-range",
            path,
            `service ${svc.name}: x-defang-autoscaling needs whole numbers with 1 ≤ min ≤ max ≤ ${MAX_TASKS} (got min ${min}, max ${max})`,
            "Write x-defang-autoscaling: true for min = replicas and max = 2 × replicas, or give min and max explicitly.",
        );
        ok = false;
    }
    const cpu = opts.target ?? (opts.memory === undefined && opts.requests === undefined ? DEFAULT_TARGET_CPU : undefined);
    for (const [what, value] of [["CPU", cpu], ["memory", opts.memory]] as const) {
        if (value !== undefined && !(value > 0 && value <= 100)) {
            ctx.error("autoscaling-target", path, `service ${svc.name}: the ${what} target must be a percentage above 0 and at most 100 (got ${value})`, `Use e.g. ${what === "CPU" ? "cpu" : "memory"}: ${DEFAULT_TARGET_CPU}.`);
            ok = false;
        }
    }
    if (opts.requests !== undefined && !(Number.isInteger(opts.requests) && opts.requests > 0)) {
        ctx.error("autoscaling-target", path, `service ${svc.name}: the requests target must be a whole number of requests per task per minute (got ${opts.requests})`, "Use e.g. requests: 1000.");
        ok = false;
    }
    if (opts.requests !== undefined && firstTargetGroup === undefined) {
        ctx.error(
            "autoscaling-requests-no-ingress",
            path,
            `service ${svc.name}: x-defang-autoscaling scales on requests, but ${svc.name} has no ingress port, so the load balancer counts none of its requests`,
            "Scale on cpu or memory instead, or give the service an ingress port.",
        );
        ok = false;
    }
    if (!ok) return undefined;
    // Autoscaling in affordable mode is warned about by the Defang rules (autoscaling-affordable).
    const plan: AutoscalingPlan = { min, max, scaleInCooldownSeconds: SCALE_IN_COOLDOWN, scaleOutCooldownSeconds: SCALE_OUT_COOLDOWN };
    if (cpu !== undefined) plan.targetCpuPercent = cpu;
    if (opts.memory !== undefined) plan.targetMemoryPercent = opts.memory;
    if (opts.requests !== undefined && firstTargetGroup !== undefined) plan.targetRequestsPerTarget = { value: opts.requests, targetGroup: firstTargetGroup };
    return plan;
}
