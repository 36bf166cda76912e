// x-defang-autoscaling → Application Auto Scaling target on the ECS service's desired count + a CPU
// target-tracking policy. Application Auto Scaling uses its service-linked role (no role created here).
// The ECS service must ignore changes to `desiredCount`, or every deploy would undo the scaling.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ServicePlan } from "../plan/types";
import { scalingPolicyName } from "../plan/naming";
import { type AwsContext, serviceChildName } from "./context";

export interface ServiceAutoscaling {
    target: aws.appautoscaling.Target;
    policy: aws.appautoscaling.Policy;
}

export function createAutoscaling(
    ctx: AwsContext,
    service: ServicePlan,
    ecs: { clusterName: pulumi.Output<string>; serviceName: pulumi.Output<string> },
): ServiceAutoscaling | undefined {
    const scaling = service.autoscaling;
    if (!scaling) return undefined;
    const target = new aws.appautoscaling.Target(
        serviceChildName(ctx, service.name, "scaling"),
        {
            serviceNamespace: "ecs",
            scalableDimension: "ecs:service:DesiredCount",
            resourceId: pulumi.interpolate`service/${ecs.clusterName}/${ecs.serviceName}`,
            minCapacity: scaling.min,
            maxCapacity: scaling.max,
            tags: ctx.tags,
        },
        { parent: ctx.parent },
    );
    const policy = new aws.appautoscaling.Policy(
        serviceChildName(ctx, service.name, "scaling-cpu"),
        {
            name: scalingPolicyName(ctx.plan, service.name, "cpu"),
            policyType: "TargetTrackingScaling",
            serviceNamespace: target.serviceNamespace,
            scalableDimension: target.scalableDimension,
            resourceId: target.resourceId,
            targetTrackingScalingPolicyConfiguration: {
                predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
                targetValue: scaling.targetCpuPercent,
                scaleInCooldown: scaling.scaleInCooldownSeconds,
                scaleOutCooldown: scaling.scaleOutCooldownSeconds,
            },
        },
        { parent: ctx.parent },
    );
    return { target, policy };
}
