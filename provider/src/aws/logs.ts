// One CloudWatch log group per service, retention by mode, named by the plan
// (`/Defang/<project>/<stack>/ecs/<service>`, the prefix Defang's tooling tails): predictable for
// `aws logs tail`, and the execution role is scoped to the project's groups by one ARN pattern.
import * as path from "path";
import * as aws from "@pulumi/aws";
import type { ServicePlan } from "../plan/types";
import { serviceChildName } from "./context";
import { BaseContext, child, tagged } from "./core";

/** ARN patterns covering every service log group of the project (their folders + `/*`), for the execution role. */
export function serviceLogGroupArns(ctx: Pick<BaseContext, "plan" | "account">): string[] {
    const { partition, region, accountId } = ctx.account;
    const folders = [...new Set(ctx.plan.services.map((s) => path.posix.dirname(s.logGroupName)))].sort();
    return folders.map((f) => `arn:${partition}:logs:${region}:${accountId}:log-group:${f.replace(/\/$/, "")}/*`);
}

export function createLogGroup(ctx: BaseContext, service: ServicePlan): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(
        serviceChildName(ctx, service.name, "logs"),
        { name: service.logGroupName, retentionInDays: service.logRetentionDays, tags: tagged(ctx, undefined, { "defang:service": service.name }) },
        child(ctx),
    );
}
