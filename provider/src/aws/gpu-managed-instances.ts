// GPU capacity with ECS Managed Instances: ECS picks, launches, patches and drains the GPU hosts
// itself from attribute-based instance requirements. No AMI, no Auto Scaling group, no user data to
// keep current; Spot or on-demand is one field. Tasks register with `requiresCompatibilities:
// ["MANAGED_INSTANCES"]`. The capacity provider belongs to the cluster (no cluster association needed).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { iamRoleName } from "../plan/naming";
import type { GpuCapacityPlan } from "../plan/types";
import { namingScope } from "./core";
import { type AwsContext, childName } from "./context";
import type { GpuCapacity } from "./gpu";
import { GPU_ROOT_VOLUME_GIB, capacityProviderName, hostSecurityGroup, hostSubnets, instanceRole } from "./gpu-hosts";

/** AWS managed policies for Managed Instances. */
export const MI_INFRASTRUCTURE_POLICY = "AmazonECSInfrastructureRolePolicyForManagedInstances";
export const MI_INSTANCE_POLICY = "AmazonECSInstanceRolePolicyForManagedInstances";
/** The infrastructure policy may pass only roles named `ecsInstanceRole*` to EC2. */
export const MI_INSTANCE_ROLE_PREFIX = "ecsInstanceRole-";

export function createManagedInstancesCapacity(ctx: AwsContext, plan: GpuCapacityPlan): GpuCapacity {
    const parent = ctx.parent;
    const infrastructure = new aws.iam.Role(
        childName(ctx, "gpu-infrastructure"),
        {
            name: iamRoleName(namingScope(ctx), "gpu-infrastructure"),
            description: "Lets ECS launch and manage the GPU Managed Instances of this project",
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
            tags: ctx.tags,
        },
        { parent },
    );
    const infrastructurePolicy = new aws.iam.RolePolicyAttachment(
        childName(ctx, "gpu-infrastructure-policy"),
        { role: infrastructure.name, policyArn: pulumi.interpolate`arn:${ctx.partition}:iam::aws:policy/${MI_INFRASTRUCTURE_POLICY}` },
        { parent },
    );
    const { profile } = instanceRole(ctx, MI_INSTANCE_POLICY, MI_INSTANCE_ROLE_PREFIX);
    const sg = hostSecurityGroup(ctx);
    const subnets = hostSubnets(ctx, plan);
    const need = plan.requirements;

    const provider = new aws.ecs.CapacityProvider(
        childName(ctx, "gpu"),
        {
            name: capacityProviderName(ctx, plan),
            cluster: ctx.clusterName,
            managedInstancesProvider: {
                infrastructureRoleArn: infrastructure.arn,
                propagateTags: "CAPACITY_PROVIDER",
                instanceLaunchTemplate: {
                    ec2InstanceProfileArn: profile.arn,
                    capacityOptionType: plan.spot ? "SPOT" : "ON_DEMAND",
                    monitoring: "BASIC",
                    networkConfiguration: { subnets: subnets.ids, securityGroups: [sg.id] },
                    storageConfiguration: { storageSizeGib: GPU_ROOT_VOLUME_GIB },
                    instanceRequirements: {
                        acceleratorTypes: ["gpu"],
                        acceleratorManufacturers: [need.manufacturer],
                        acceleratorCount: { min: need.gpus },
                        vcpuCount: { min: need.vcpus },
                        memoryMib: { min: need.memoryMiB },
                        allowedInstanceTypes: plan.instanceTypes.length > 0 ? plan.instanceTypes : undefined,
                        burstablePerformance: "excluded",
                    },
                },
            },
            tags: ctx.tags,
        },
        // ECS checks the role's permissions when the provider is created.
        { parent, dependsOn: [infrastructurePolicy] },
    );
    return {
        capacityProviderName: provider.name,
        requiresCompatibilities: ["MANAGED_INSTANCES"],
        requiresClusterAssociation: false,
        hostGroup: sg,
    };
}
