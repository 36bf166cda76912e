// x-defang-autoscaling → Application Auto Scaling target + CPU target-tracking policy.
// PLACEHOLDER with the agreed signature; implemented by the autoscaling work (issue 4).
import * as pulumi from "@pulumi/pulumi";
import type { ServicePlan } from "../plan/types";
import type { AwsContext } from "./context";

export function createAutoscaling(
    _ctx: AwsContext,
    service: ServicePlan,
    _ecs: { clusterName: pulumi.Output<string>; serviceName: pulumi.Output<string> },
): void {
    if (service.autoscaling) throw new Error("autoscaling is not implemented yet");
}
