// Physical names the aws layer derives itself (the plan names the load balancer, target groups,
// repositories and stores). IAM names are account-wide (not regional), so they carry a hash of the
// project, stack and region: two stacks or two regions of one app never collide.
import { createHash } from "crypto";
import type { DeploymentPlan } from "../plan/types";

export function shortHash(text: string, length = 6): string {
    return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** `<prefix>-<hash>` within `max` characters, from `[A-Za-z0-9+=,.@_-]` (IAM's alphabet). */
export function boundedName(parts: string[], unique: string, max: number): string {
    const hash = shortHash(unique);
    const base = parts
        .join("-")
        .replace(/[^A-Za-z0-9+=,.@_-]/g, "-")
        .replace(/-+/g, "-")
        .replace(/^-|-$/g, "");
    return `${base.slice(0, max - hash.length - 1).replace(/-$/, "")}-${hash}`;
}

/** IAM role name (≤ 64): `<project>-<stack>-<what>-<hash of project/stack/region/what>`. */
export function roleName(plan: Pick<DeploymentPlan, "project" | "stack">, region: string, what: string): string {
    return boundedName([plan.project, plan.stack, what], `${plan.project}/${plan.stack}/${region}/${what}`, 64);
}

/** CloudWatch log group prefix of the project: `/Defang/<project>/<stack>/` (services are under `ecs/`). */
export function logGroupPrefix(plan: Pick<DeploymentPlan, "project" | "stack">): string {
    return `/Defang/${plan.project}/${plan.stack}/`;
}

/** SSM parameter name for a config name or a derived parameter (plan may give a full path or a leaf). */
export function parameterName(plan: Pick<DeploymentPlan, "config">, nameOrPath: string): string {
    return nameOrPath.startsWith("/") ? nameOrPath : `${plan.config.prefix}${nameOrPath}`;
}

/** `arn:<partition>:ssm:<region>:<account>:parameter/<path>` */
export function parameterArn(partition: string, region: string, account: string, name: string): string {
    return `arn:${partition}:ssm:${region}:${account}:parameter${name.startsWith("/") ? "" : "/"}${name}`;
}
