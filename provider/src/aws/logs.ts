// One CloudWatch log group per service, retention by mode. Names are predictable
// (`/defang/<project>/<stack>/<service>`) so `aws logs tail` and tooling find them, and so the
// execution role can be scoped to this project's groups with one ARN pattern.
import * as aws from "@pulumi/aws";
import type { ServicePlan } from "../plan/types";
import { childName } from "./context";
import { BaseContext, child, tagged } from "./core";
import { logGroupPrefix } from "./names";

export function logGroupName(ctx: Pick<BaseContext, "plan">, service: Pick<ServicePlan, "name">): string {
    return `${logGroupPrefix(ctx.plan)}${service.name}`;
}

/** ARN pattern of every log group of the project (for the execution role). */
export function projectLogGroupsArn(ctx: Pick<BaseContext, "plan" | "account">): string {
    const { partition, region, accountId } = ctx.account;
    return `arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupPrefix(ctx.plan)}*`;
}

export function createLogGroup(ctx: BaseContext, service: ServicePlan): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(
        childName(ctx, service.name, "logs"),
        { name: logGroupName(ctx, service), retentionInDays: service.logRetentionDays, tags: tagged(ctx, undefined, { "defang:service": service.name }) },
        child(ctx),
    );
}
