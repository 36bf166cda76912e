// SSM parameter names and ARNs under the project's config path. Physical names of resources come from
// plan/naming.ts (one function per resource kind, checked against plan/aws-limits.ts).
import type { DeploymentPlan } from "../plan/types";

/** SSM parameter name for a config name or a derived parameter (plan may give a full path or a leaf). */
export function parameterName(plan: Pick<DeploymentPlan, "config">, nameOrPath: string): string {
    return nameOrPath.startsWith("/") ? nameOrPath : `${plan.config.prefix}${nameOrPath}`;
}

/** `arn:<partition>:ssm:<region>:<account>:parameter/<path>` */
export function parameterArn(partition: string, region: string, account: string, name: string): string {
    return `arn:${partition}:ssm:${region}:${account}:parameter${name.startsWith("/") ? "" : "/"}${name}`;
}
