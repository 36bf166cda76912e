// x-defang-autoscaling → Application Auto Scaling target on the ECS service's desired count + one
// target-tracking policy per metric the plan names: average CPU, average memory, requests per target.
// Application Auto Scaling uses its service-linked role (no role created here). The ECS service must
// ignore changes to `desiredCount`, or every deploy would undo the scaling.
//
// Requests per target on a port rolled out blue/green, canary or linear: its traffic moves between two
// target groups, and the predefined ALBRequestCountPerTarget follows one only (after a rollout it would
// see no requests and scale in). Those ports track the larger RequestCountPerTarget of the two groups.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { scalingPolicyName } from "../plan/naming";
import type { AutoscalingPlan, ServicePlan } from "../plan/types";
import { type AwsContext, serviceChildName } from "./context";

export interface ServiceAutoscaling {
    target: aws.appautoscaling.Target;
    policies: aws.appautoscaling.Policy[];
}

/** What the requests policy needs from the load balancer: ARN suffixes of it and of the port's target group(s). */
export interface RequestsTarget {
    loadBalancerSuffix: pulumi.Output<string>;
    targetGroupSuffix: pulumi.Output<string>;
    alternateSuffix?: pulumi.Output<string>;
}

type TrackingConfig = aws.types.input.appautoscaling.PolicyTargetTrackingScalingPolicyConfiguration;

export function createAutoscaling(
    ctx: AwsContext,
    service: ServicePlan,
    ecs: { clusterName: pulumi.Output<string>; serviceName: pulumi.Output<string> },
    requests?: RequestsTarget,
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
    const policies = trackedMetrics(scaling, requests).map(
        ([what, config]) =>
            new aws.appautoscaling.Policy(
                serviceChildName(ctx, service.name, `scaling-${what}`),
                {
                    name: scalingPolicyName(ctx.plan, service.name, what),
                    policyType: "TargetTrackingScaling",
                    serviceNamespace: target.serviceNamespace,
                    scalableDimension: target.scalableDimension,
                    resourceId: target.resourceId,
                    targetTrackingScalingPolicyConfiguration: { ...config, scaleInCooldown: scaling.scaleInCooldownSeconds, scaleOutCooldown: scaling.scaleOutCooldownSeconds },
                },
                { parent: ctx.parent },
            ),
    );
    return { target, policies };
}

/** One policy per metric: `cpu`, `memory`, `requests` (the logical name suffixes). */
function trackedMetrics(scaling: AutoscalingPlan, requests: RequestsTarget | undefined): Array<[string, TrackingConfig]> {
    const out: Array<[string, TrackingConfig]> = [];
    if (scaling.targetCpuPercent !== undefined) {
        out.push(["cpu", { predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" }, targetValue: scaling.targetCpuPercent }]);
    }
    if (scaling.targetMemoryPercent !== undefined) {
        out.push(["memory", { predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageMemoryUtilization" }, targetValue: scaling.targetMemoryPercent }]);
    }
    const perTarget = scaling.targetRequestsPerTarget;
    if (perTarget && requests) out.push(["requests", requestsConfig(perTarget.value, requests)]);
    return out;
}

function requestsConfig(value: number, r: RequestsTarget): TrackingConfig {
    if (!r.alternateSuffix) {
        return {
            predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: pulumi.interpolate`${r.loadBalancerSuffix}/${r.targetGroupSuffix}` },
            targetValue: value,
        };
    }
    const perTarget = (id: string, group: pulumi.Output<string>) => ({
        id,
        returnData: false,
        metricStat: {
            metric: {
                namespace: "AWS/ApplicationELB",
                metricName: "RequestCountPerTarget",
                dimensions: [{ name: "TargetGroup", value: group }],
            },
            stat: "Sum",
        },
    });
    return {
        customizedMetricSpecification: {
            metrics: [
                perTarget("primary", r.targetGroupSuffix),
                perTarget("alternate", r.alternateSuffix),
                { id: "requests", expression: "MAX([FILL(primary, 0), FILL(alternate, 0)])", label: "requests per target (either target group)", returnData: true },
            ],
        },
        targetValue: value,
    };
}
