// One ECS cluster per project with the Fargate (and, when planned, GPU) capacity providers.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GPU_CAPACITY_PROVIDER } from "../plan/types";
import { childName } from "./context";
import { BaseContext, child, displayPrefix, tagged } from "./core";

export function createCluster(ctx: BaseContext): aws.ecs.Cluster {
    return new aws.ecs.Cluster(
        childName(ctx, "cluster"),
        {
            name: ctx.plan.cluster.name,
            settings: [{ name: "containerInsights", value: ctx.plan.cluster.containerInsights ? "enabled" : "disabled" }],
            tags: tagged(ctx, displayPrefix(ctx.plan)),
        },
        // A stack deployed before cluster names carried a hash keeps its cluster (a new name would replace
        // it, and every service with it).
        child(ctx, { ignoreChanges: ["name"] }),
    );
}

/**
 * Associates the capacity providers with the cluster. A service's capacity provider strategy is
 * rejected until this exists, so services depend on the returned resource.
 */
export function attachCapacityProviders(
    ctx: BaseContext,
    cluster: aws.ecs.Cluster,
    extraProviders: pulumi.Input<string>[] = [],
): aws.ecs.ClusterCapacityProviders {
    // The plan names GPU capacity by a placeholder; the real provider (when it needs listing) comes in extraProviders.
    const planned = ctx.plan.cluster.capacityProviders.filter((p) => p !== GPU_CAPACITY_PROVIDER);
    const first = planned[0] ?? "FARGATE";
    return new aws.ecs.ClusterCapacityProviders(
        childName(ctx, "cluster-capacity"),
        {
            clusterName: cluster.name,
            capacityProviders: [...planned, ...extraProviders],
            defaultCapacityProviderStrategies: [{ capacityProvider: first, weight: 1 }],
        },
        child(ctx),
    );
}
