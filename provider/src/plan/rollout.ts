// How each ECS service rolls out. Every service: the ECS deployment controller, the circuit breaker
// with rollback, deployment alarms with rollback (plan/alarms.ts fills their names) and a deploy that
// waits for the rollout — with those, the AWS provider follows the ECS service deployment and fails
// `pulumi up` when ECS rolls it back (terraform-provider-aws PR #43434, in @pulumi/aws 7.x). Services
// behind the load balancer use the mode's native strategy (a canary in high_availability), or the one
// their `x-defang-rollout` asks for; the others, and `x-defang-rollout: rolling`, roll tasks in place.
import type { ServiceConfig } from "../compose/types";
import { type PlanContext, servicePath } from "./context";
import { rolloutOptions } from "./extensions";
import type { RolloutSettings } from "./modes";
import type { RolloutPlan } from "./types";

export type Strategy = RolloutSettings["strategy"];

/** Minutes `pulumi up` gives a rolling deploy (tasks start, pass health checks, alarms bake) before failing. */
export const ROLLING_TIMEOUT_MINUTES = 30;

/** The strategy a service asks for (its `x-defang-rollout`, else the mode's), before the load balancer has its say. */
export function requestedStrategy(ctx: PlanContext, svc: ServiceConfig): { strategy: Strategy; explicit: boolean } {
    const asked = rolloutOptions(svc).strategy;
    return asked ? { strategy: asked, explicit: true } : { strategy: ctx.settings.rollout.strategy, explicit: false };
}

/**
 * The final strategy: native strategies need a load balancer route ECS can shift (`native` from
 * plan/loadbalancer.ts), else the service rolls — a located warning when `x-defang-rollout` asked otherwise.
 */
export function planRollout(ctx: PlanContext, svc: ServiceConfig, native: { behindLoadBalancer: boolean; shiftable: boolean }): RolloutPlan {
    const { settings } = ctx;
    const { strategy: wanted, explicit } = requestedStrategy(ctx, svc);
    let strategy: Strategy = wanted;
    if (wanted !== "rolling" && !(native.behindLoadBalancer && native.shiftable)) {
        strategy = "rolling";
        if (explicit) {
            const why = native.behindLoadBalancer
                ? "one of its ingress ports is routed by several listener rules (more than 5 host names), and ECS shifts traffic through a single rule per port"
                : "it has no ingress port, and ECS shifts traffic through the load balancer";
            ctx.warn(
                "rollout-rolling-only",
                servicePath(svc.name, "x-defang-rollout"),
                `service ${svc.name} asks for a ${wanted} rollout, but ${why}: it rolls out task by task`,
                "Remove x-defang-rollout (or write rolling), or route the port through one rule (at most 5 host names).",
            );
        }
    }
    const alarmsOn = rolloutOptions(svc).alarms !== false;
    const plan: RolloutPlan = {
        controller: "ECS",
        strategy,
        minimumHealthyPercent: settings.minimumHealthyPercent,
        maximumPercent: settings.maximumPercent,
        circuitBreaker: { enable: true, rollback: true },
        alarms: { names: [], enable: alarmsOn, rollback: alarmsOn },
        waitForSteadyState: settings.waitForSteadyState,
        timeoutMinutes: ROLLING_TIMEOUT_MINUTES,
    };
    const r = settings.rollout;
    if (strategy === "rolling") return plan;
    plan.bakeMinutes = r.bakeMinutes;
    let shifting = 0;
    if (strategy === "canary") {
        plan.canary = { percent: r.canaryPercent, bakeMinutes: r.canaryBakeMinutes };
        shifting = r.canaryBakeMinutes;
    } else if (strategy === "linear") {
        plan.linear = { stepPercent: r.linearStepPercent, stepBakeMinutes: r.linearStepBakeMinutes };
        shifting = Math.ceil(100 / r.linearStepPercent) * r.linearStepBakeMinutes;
    }
    plan.timeoutMinutes = ROLLING_TIMEOUT_MINUTES + shifting + r.bakeMinutes;
    return plan;
}
