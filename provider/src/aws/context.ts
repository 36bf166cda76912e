// What every aws/ module receives: where to attach children, and the shared infrastructure the
// component built before it. CONTRACT between aws/ modules (additive changes only).
import * as pulumi from "@pulumi/pulumi";
import type { DeploymentPlan } from "../plan/types";

export interface AwsContext {
    /** The component: every child is created with `{ parent }`. */
    parent: pulumi.ComponentResource;
    /** The component's logical name; children are named `${name}-${service}-${what}`. */
    name: string;
    plan: DeploymentPlan;
    /** Tags for every taggable resource. */
    tags: Record<string, string>;
    region: pulumi.Output<string>;
    accountId: pulumi.Output<string>;
    partition: pulumi.Output<string>;
    vpcId: pulumi.Output<string>;
    publicSubnetIds: pulumi.Output<string[]>;
    privateSubnetIds: pulumi.Output<string[]>;
    /** Route 53 private zone of the Cloud Map namespace `<project>.internal`. */
    privateZoneId: pulumi.Output<string>;
    /** Marker security group attached to every app task; managed stores admit their port from it only. */
    appsSecurityGroupId: pulumi.Output<string>;
    clusterArn: pulumi.Output<string>;
    clusterName: pulumi.Output<string>;
    /** Values of the component's `config` input (Pulumi secrets), by config name. */
    config: Record<string, pulumi.Input<string>>;
    /** True while running offline (`pulumi-defang plan/estimate`): no AWS behind the invokes. */
    offline: boolean;
}

/** `${ctx.name}-${parts…}`: the logical name of a child resource. */
export function childName(ctx: Pick<AwsContext, "name">, ...parts: string[]): string {
    return [ctx.name, ...parts].join("-");
}
