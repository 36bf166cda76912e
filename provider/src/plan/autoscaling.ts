// x-defang-autoscaling → target tracking on average CPU: min = replicas, max = 2 × replicas, 85 %
// (Defang's numbers), each overridable with the object form { min, max, target }.
import type { ServiceConfig } from "../compose/types";
import { RANGES } from "./aws-limits";
import { type PlanContext, servicePath } from "./context";
import { autoscalingOptions } from "./extensions";
import type { ServicePlan } from "./types";

export const DEFAULT_TARGET_CPU = 85;
/** Scale out fast, scale in slowly: a spike is answered within a minute, a dip does not flap tasks. */
export const SCALE_OUT_COOLDOWN = 60;
export const SCALE_IN_COOLDOWN = 300;
/** ECS tasks per service (plan/aws-limits.ts). */
const MAX_TASKS = RANGES.tasksPerService.max;

export function planAutoscaling(ctx: PlanContext, svc: ServiceConfig, replicas: number, kind: ServicePlan["kind"]): ServicePlan["autoscaling"] {
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
    const target = opts.target ?? DEFAULT_TARGET_CPU;
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
    if (!(target > 0 && target <= 100)) {
        ctx.error("autoscaling-target", path, `service ${svc.name}: the CPU target must be a percentage above 0 and at most 100 (got ${target})`, `Use e.g. target: ${DEFAULT_TARGET_CPU}.`);
        ok = false;
    }
    if (!ok) return undefined;
    // Autoscaling in affordable mode is warned about by the Defang rules (autoscaling-affordable).
    return { min, max, targetCpuPercent: target, scaleInCooldownSeconds: SCALE_IN_COOLDOWN, scaleOutCooldownSeconds: SCALE_OUT_COOLDOWN };
}
