// GPU capacity with our own Auto Scaling group: the ECS GPU-optimized Amazon Linux 2023 AMI (public SSM
// parameter, read at each deploy), a launch template (IMDSv2 only, encrypted root volume, tasks blocked
// from the instance role), a mixed-instances ASG over the plan's instance types (Spot or on-demand,
// instance refresh when the template changes), and a capacity provider with managed scaling, managed
// draining and termination protection. Tasks use
// `requiresCompatibilities: ["EC2"]`; the capacity provider must be associated with the cluster.
import { tagged } from "./core";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { autoScalingGroupName, launchTemplateName } from "../plan/naming";
import type { GpuCapacityPlan } from "../plan/types";
import { type AwsContext, childName, renamedFrom } from "./context";
import type { GpuCapacity } from "./gpu";
import { GPU_ROOT_VOLUME_GIB, capacityProviderName, hostSecurityGroup, hostSubnets, instanceRole } from "./gpu-hosts";

/** Fallback when the plan names no AMI parameter: the ECS GPU-optimized Amazon Linux 2023 AMI. */
export const GPU_AMI_PARAMETER = "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id";
export const EC2_INSTANCE_POLICY = "service-role/AmazonEC2ContainerServiceforEC2Role";

export function createAutoScalingGroupCapacity(ctx: AwsContext, plan: GpuCapacityPlan): GpuCapacity {
    const parent = ctx.parent;
    const ami = aws.ssm.getParameterOutput({ name: plan.amiParameter || GPU_AMI_PARAMETER }, { parent });
    const { profile } = instanceRole(ctx, EC2_INSTANCE_POLICY);
    const sg = hostSecurityGroup(ctx);
    const subnets = hostSubnets(ctx, plan);
    const userData = pulumi.interpolate`#!/bin/bash
cat >> /etc/ecs/ecs.config <<'EOF'
ECS_CLUSTER=${ctx.clusterName}
ECS_ENABLE_GPU_SUPPORT=true
ECS_AWSVPC_BLOCK_IMDS=true
ECS_ENABLE_SPOT_INSTANCE_DRAINING=true
EOF
`.apply((script) => Buffer.from(script).toString("base64"));

    const template = new aws.ec2.LaunchTemplate(
        // The launch template, the group and the capacity provider were all "gpu" (three types, one name).
        renamedFrom(ctx, childName(ctx, "gpu-launch-template"), childName(ctx, "gpu")),
        {
            name: launchTemplateName(ctx.plan, "gpu"),
            description: "ECS GPU hosts",
            imageId: ami.value,
            iamInstanceProfile: { arn: profile.arn },
            userData,
            updateDefaultVersion: true,
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
            networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: String(subnets.public), securityGroups: [sg.id], deleteOnTermination: "true" }],
            blockDeviceMappings: [
                { deviceName: "/dev/xvda", ebs: { volumeSize: GPU_ROOT_VOLUME_GIB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
            ],
            tagSpecifications: [{ resourceType: "instance", tags: tagged(ctx, childName(ctx, "gpu")) }],
            tags: ctx.tags,
        },
        { parent },
    );
    const group = new aws.autoscaling.Group(
        renamedFrom(ctx, childName(ctx, "gpu-hosts-group"), childName(ctx, "gpu")),
        {
            name: autoScalingGroupName(ctx.plan, "gpu"),
            vpcZoneIdentifiers: subnets.ids,
            minSize: plan.minSize,
            maxSize: plan.maxSize,
            // ECS managed termination protection needs new instances protected from scale-in.
            protectFromScaleIn: true,
            // Protected instances would otherwise keep `pulumi destroy` waiting forever.
            forceDelete: true,
            // Spot: start a replacement as soon as AWS signals a rebalance risk, before the interruption.
            capacityRebalance: plan.spot,
            // A new launch template version (a new GPU AMI at the next deploy) replaces the hosts, one
            // half at a time; ECS drains each host's tasks first (managed draining).
            instanceRefresh: {
                strategy: "Rolling",
                preferences: { minHealthyPercentage: 50, scaleInProtectedInstances: "Refresh", standbyInstances: "Terminate" },
            },
            mixedInstancesPolicy: {
                instancesDistribution: {
                    onDemandBaseCapacity: 0,
                    onDemandPercentageAboveBaseCapacity: plan.spot ? 0 : 100,
                    spotAllocationStrategy: "price-capacity-optimized",
                },
                launchTemplate: {
                    // The exact version, so the group changes (and refreshes) when the template does.
                    launchTemplateSpecification: { launchTemplateId: template.id, version: template.latestVersion.apply(String) },
                    overrides: plan.instanceTypes.map((instanceType) => ({ instanceType })),
                },
            },
            tags: [
                { key: "AmazonECSManaged", value: "true", propagateAtLaunch: true },
                ...Object.entries(ctx.tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
            ],
        },
        // ECS managed scaling owns the desired capacity.
        { parent, ignoreChanges: ["desiredCapacity"] },
    );
    const provider = new aws.ecs.CapacityProvider(
        childName(ctx, "gpu"),
        {
            name: capacityProviderName(ctx, plan),
            autoScalingGroupProvider: {
                autoScalingGroupArn: group.arn,
                managedTerminationProtection: "ENABLED",
                managedDraining: "ENABLED",
                managedScaling: { status: "ENABLED", targetCapacity: 100, minimumScalingStepSize: 1, maximumScalingStepSize: 10 },
            },
            tags: ctx.tags,
        },
        { parent },
    );
    return {
        capacityProviderName: provider.name,
        requiresCompatibilities: ["EC2"],
        requiresClusterAssociation: true,
        hostGroup: sg,
    };
}
