// EC2 GPU capacity for services that reserve GPUs (Fargate has none). The plan picks the strategy:
// - "managed-instances" (preferred): ECS Managed Instances, ECS owns the hosts (AMI, patching,
//   scaling, draining) and chooses instance types from GPU requirements — nothing for us to keep current.
// - "auto-scaling-group": our launch template + ASG + capacity provider with managed scaling, for
//   regions or accounts without Managed Instances.
// The task definitions (engineer of service.ts) set `requiresCompatibilities` from the result and give
// the GPU container `resourceRequirements: [{ type: "GPU", value }]`.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { GpuCapacityPlan } from "../plan/types";
import type { AwsContext } from "./context";
import { createAutoScalingGroupCapacity } from "./gpu-auto-scaling-group";
import { warnGpuQuota } from "./gpu-hosts";
import { createManagedInstancesCapacity } from "./gpu-managed-instances";

export interface GpuCapacity {
    /** Capacity provider the GPU services' strategy names. */
    capacityProviderName: pulumi.Output<string>;
    /** Task definition `requiresCompatibilities` for GPU tasks (EC2 or MANAGED_INSTANCES). */
    requiresCompatibilities: string[];
    /**
     * True when the capacity provider must be listed in the cluster's capacity providers
     * (`aws.ecs.ClusterCapacityProviders`) before a service may use it: Auto Scaling group providers.
     * Managed Instances providers are created inside their cluster (`cluster` input) and need no listing.
     */
    requiresClusterAssociation: boolean;
    /** The hosts' own group: on EC2 the container agent mounts EFS volumes from the host, so NFS must admit it. */
    hostGroup?: aws.ec2.SecurityGroup;
}

export function createGpuCapacity(ctx: AwsContext, plan: GpuCapacityPlan | undefined): GpuCapacity | undefined {
    if (!plan) return undefined;
    warnGpuQuota(ctx, plan);
    switch (plan.strategy) {
        case "managed-instances":
            return createManagedInstancesCapacity(ctx, plan);
        case "auto-scaling-group":
            return createAutoScalingGroupCapacity(ctx, plan);
    }
}
