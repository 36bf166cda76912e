// What both GPU strategies share: host sizing from the GPU services, the subnets and security group of
// the hosts, their IAM role, a deterministic capacity provider name, and the quota warning.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { capacityProviderName as providerName, iamInstanceProfileName, iamRoleName, securityGroupName } from "../plan/naming";
import type { GpuCapacityPlan, ServicePlan } from "../plan/types";
import { namingScope, tagged } from "./core";
import { type AwsContext, childName, renamedFrom } from "./context";
import { warn } from "./stores-warnings";

/** Root volume of a GPU host: CUDA images are commonly 5–15 GB, models often more. */
export const GPU_ROOT_VOLUME_GIB = 100;

/** The plan's GPU services (their task plans decide the hosts' subnets). */
export function gpuServices(ctx: AwsContext, plan: GpuCapacityPlan): ServicePlan[] {
    const names = new Set(plan.services);
    return ctx.plan.services.filter((s) => names.has(s.name) || s.compute === "gpu");
}

/** Hosts go where the GPU services' tasks go (public subnets only when the mode has no NAT). */
export function hostSubnets(ctx: AwsContext, plan: GpuCapacityPlan): { ids: pulumi.Output<string[]>; public: boolean } {
    const isPublic = gpuServices(ctx, plan).some((s) => s.subnets === "public");
    return { ids: isPublic ? ctx.publicSubnetIds : ctx.privateSubnetIds, public: isPublic };
}

/**
 * Security group of the GPU hosts themselves (tasks use awsvpc and carry their service's SG): no
 * ingress at all; egress so the ECS agent can reach ECS, ECR and CloudWatch.
 */
export function hostSecurityGroup(ctx: AwsContext): aws.ec2.SecurityGroup {
    const sg = new aws.ec2.SecurityGroup(
        childName(ctx, "gpu-hosts"),
        {
            name: securityGroupName(ctx.plan, "gpu-hosts"),
            vpcId: ctx.vpcId,
            description: "GPU container hosts: no inbound, outbound for the ECS agent",
            revokeRulesOnDelete: true,
            tags: tagged(ctx, childName(ctx, "gpu-hosts")),
        },
        { parent: ctx.parent },
    );
    new aws.vpc.SecurityGroupEgressRule(
        childName(ctx, "gpu-hosts-egress"),
        { securityGroupId: sg.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "ECS agent, image pulls, logs", tags: ctx.tags },
        { parent: ctx.parent },
    );
    return sg;
}

/**
 * A role EC2 instances assume, with exactly one AWS managed policy attached. `namePrefix`: for roles a
 * managed policy lets ECS pass by name prefix only (Managed Instances: `ecsInstanceRole`).
 */
export function instanceRole(ctx: AwsContext, managedPolicy: string, namePrefix = ""): { role: aws.iam.Role; profile: aws.iam.InstanceProfile } {
    const role = new aws.iam.Role(
        childName(ctx, "gpu-instance"),
        {
            name: iamRoleName(namingScope(ctx), "gpu-instance", namePrefix),
            description: "ECS container instances for GPU services",
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
            tags: ctx.tags,
        },
        { parent: ctx.parent },
    );
    new aws.iam.RolePolicyAttachment(
        childName(ctx, "gpu-instance-policy"),
        { role: role.name, policyArn: pulumi.interpolate`arn:${ctx.partition}:iam::aws:policy/${managedPolicy}` },
        { parent: ctx.parent },
    );
    const profile = new aws.iam.InstanceProfile(
        // "-profile": the role above is "gpu-instance" already.
        renamedFrom(ctx, childName(ctx, "gpu-instance-profile"), childName(ctx, "gpu-instance")),
        { name: iamInstanceProfileName(namingScope(ctx), "gpu-instance", namePrefix), role: role.name, tags: ctx.tags },
        { parent: ctx.parent },
    );
    return { role, profile };
}

/**
 * Capacity provider name: deterministic, never starting with the reserved `aws`/`ecs`/`fargate`, and
 * with a hash of the inputs that force a replacement, so a replacement never collides with the old one.
 */
export function capacityProviderName(ctx: AwsContext, plan: GpuCapacityPlan): string {
    // Managed Instances replace the provider when Spot changes; an ASG provider never changes (and an
    // ASG serves one provider only, so a replacement could not even be created beside the old one).
    return providerName(ctx.plan, "gpu", [plan.strategy, plan.strategy === "managed-instances" ? plan.spot : null]);
}

/** New accounts have 0 vCPU of G/VT quota (Spot and often on-demand): say so before the deploy hangs. */
export function warnGpuQuota(ctx: AwsContext, plan: GpuCapacityPlan): void {
    const purchase = plan.spot ? "Spot" : "On-Demand";
    const quota = plan.spot ? "All G and VT Spot Instance Requests" : "Running On-Demand G and VT instances";
    const vcpus = Math.max(4, plan.requirements.vcpus) * Math.max(1, plan.maxSize);
    warn(
        ctx,
        "gpu-quota",
        `GPU services (${plan.services.join(", ")}) run on ${purchase} ${plan.instanceTypes.join("/") || "GPU"} instances; ` +
            `new AWS accounts often have a quota of 0 vCPUs for them, and the GPU tasks then stay PENDING`,
        `Check the EC2 Service Quota "${quota}" in this region and request at least ${vcpus} vCPUs.`,
    );
}
