import * as assert from "node:assert/strict";
import { createGpuCapacity } from "../../provider/src/aws/gpu";
import { capacityProviderName } from "../../provider/src/aws/gpu-hosts";
import { MODE_TABLE } from "../../provider/src/plan/modes";
import { MODES, gpuPlan, planFor, servicePlan } from "./fixtures";
import { FIXED, fixtureContext, ofType, one, resolve, runAws } from "./harness";

const CP = "aws:ecs/capacityProvider:CapacityProvider";
const ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

function gpuProject(mode: (typeof MODES)[number], strategy: "managed-instances" | "auto-scaling-group" = "managed-instances") {
    const infer = servicePlan("infer", mode, { compute: "gpu", gpu: { count: 1 }, cpu: 4096, memory: 16384 });
    const gpu = gpuPlan(mode, { strategy });
    return { plan: planFor(mode, { services: [servicePlan("web", mode), infer], gpu }), gpu };
}

function trust(role: { inputs: Record<string, unknown> }): unknown {
    return JSON.parse(role.inputs.assumeRolePolicy as string);
}

describe("aws-stores: GPU capacity with ECS Managed Instances", () => {
    for (const mode of MODES) {
        const spot = MODE_TABLE[mode].gpuSpot;

        it(`${mode}: a capacity provider in the cluster asking for NVIDIA GPU instances, ${spot ? "Spot" : "on-demand"}`, async () => {
            const { plan, gpu } = gpuProject(mode);
            const run = await runAws(plan, (ctx) => createGpuCapacity(ctx, gpu));
            const cp = one(run, CP).inputs;
            assert.equal(cp.cluster, FIXED.clusterName);
            assert.equal(cp.autoScalingGroupProvider, undefined);
            const mi = cp.managedInstancesProvider as Record<string, any>;
            const lt = mi.instanceLaunchTemplate;
            assert.equal(lt.capacityOptionType, spot ? "SPOT" : "ON_DEMAND");
            assert.equal(mode === "high_availability", lt.capacityOptionType === "ON_DEMAND");
            assert.deepEqual(lt.instanceRequirements, {
                acceleratorTypes: ["gpu"],
                acceleratorManufacturers: ["nvidia"],
                acceleratorCount: { min: 1 },
                vcpuCount: { min: 4 },
                memoryMib: { min: 16384 },
                allowedInstanceTypes: ["g4dn.xlarge", "g5.xlarge", "g6.xlarge"],
                burstablePerformance: "excluded",
            });
            assert.deepEqual(lt.storageConfiguration, { storageSizeGib: 100 });
            const sg = one(run, "aws:ec2/securityGroup:SecurityGroup");
            assert.deepEqual(lt.networkConfiguration, {
                subnets: MODE_TABLE[mode].servicesInPublicSubnets ? FIXED.publicSubnetIds : FIXED.privateSubnetIds,
                securityGroups: [sg.id],
            });
            const profile = one(run, "aws:iam/instanceProfile:InstanceProfile");
            assert.equal(lt.ec2InstanceProfileArn, `arn:aws:iam::123456789012:instance-profile/${profile.id}`);
            assert.equal(mi.propagateTags, "CAPACITY_PROVIDER");
            assert.deepEqual(run.result!.requiresCompatibilities, ["MANAGED_INSTANCES"]);
            assert.equal(run.result!.requiresClusterAssociation, false);
            assert.equal(await resolve(run.result!.capacityProviderName), cp.name);
        });
    }

    it("roles: ECS assumes the infrastructure role, EC2 the instance role (named ecsInstanceRole-*), each with one AWS managed policy", async () => {
        const { plan, gpu } = gpuProject("balanced");
        const run = await runAws(plan, (ctx) => createGpuCapacity(ctx, gpu));
        const roles = ofType(run, "aws:iam/role:Role");
        assert.equal(roles.length, 2);
        const infra = roles.find((r) => r.name === "app-gpu-infrastructure")!;
        const instance = roles.find((r) => r.name === "app-gpu-instance")!;
        assert.deepEqual(trust(infra), { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" }, Action: "sts:AssumeRole" }] });
        assert.deepEqual(trust(instance), { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
        // The managed infrastructure policy passes only roles named ecsInstanceRole* to EC2.
        assert.match(String(instance.inputs.name), /^ecsInstanceRole-app-dev-gpu-instance-[0-9a-f]{8}$/);
        const attachments = ofType(run, ATTACH).map((a) => [a.inputs.role, a.inputs.policyArn]).sort();
        assert.deepEqual(attachments, [
            [infra.id, "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForManagedInstances"],
            [instance.id, "arn:aws:iam::aws:policy/AmazonECSInstanceRolePolicyForManagedInstances"],
        ].sort());
        assert.equal(ofType(run, "aws:iam/rolePolicy:RolePolicy").length, 0, "no inline permissions");
        assert.equal(one(run, "aws:iam/instanceProfile:InstanceProfile").inputs.role, instance.id);
    });

    it("hosts admit nothing inbound", async () => {
        const { plan, gpu } = gpuProject("high_availability");
        const run = await runAws(plan, (ctx) => createGpuCapacity(ctx, gpu));
        const sg = one(run, "aws:ec2/securityGroup:SecurityGroup");
        assert.equal(sg.inputs.ingress, undefined);
        assert.equal(ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").length, 0);
        const egress = one(run, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").inputs;
        assert.equal(egress.securityGroupId, sg.id);
    });

    it("warns about the GPU vCPU quota new accounts start at 0, naming the right one", async () => {
        for (const mode of ["balanced", "high_availability"] as const) {
            const { plan, gpu } = gpuProject(mode);
            const run = await runAws(plan, (ctx) => createGpuCapacity(ctx, gpu));
            assert.equal(run.warnings.length, 1);
            assert.match(run.warnings[0], /GPU services \(infer\)/);
            assert.match(run.warnings[0], /\[gpu-quota\]/);
            assert.match(run.warnings[0], mode === "high_availability" ? /"Running On-Demand G and VT instances"/ : /"All G and VT Spot Instance Requests"/);
            assert.match(run.warnings[0], /at least 8 vCPUs/);
        }
    });

    it("no GPU plan, no capacity", async () => {
        const run = await runAws(planFor("balanced"), (ctx) => createGpuCapacity(ctx, undefined));
        assert.equal(run.result, undefined);
        assert.equal(run.resources.filter((r) => r.custom).length, 0);
    });

    it("the capacity provider name is deterministic, valid, and changes with the inputs that replace it", async () => {
        const { plan } = gpuProject("balanced");
        await runAws(plan, (ctx) => {
            const spot = capacityProviderName(ctx, gpuPlan("balanced"));
            assert.equal(spot, capacityProviderName(fixtureContext(plan), gpuPlan("balanced")));
            assert.notEqual(spot, capacityProviderName(ctx, gpuPlan("high_availability")), "Managed Instances: Spot ↔ on-demand replaces");
            const asg = (mode: "balanced" | "high_availability") => capacityProviderName(ctx, gpuPlan(mode, { strategy: "auto-scaling-group" }));
            assert.equal(asg("balanced"), asg("high_availability"), "ASG: a mode change updates the group, the provider stays");
            assert.notEqual(asg("balanced"), spot);
            assert.match(spot, /^app-dev-gpu-[0-9a-f]{8}$/);
            const ecsNamed = capacityProviderName({ ...ctx, plan: { ...plan, project: "ecs.demo" } }, gpuPlan("balanced"));
            assert.match(ecsNamed, /^x-ecs-demo-dev-gpu-[0-9a-f]{8}$/, "never starts with a reserved prefix; only [A-Za-z0-9_-]");
        });
    });
});

describe("aws-stores: GPU capacity with an Auto Scaling group", () => {
    for (const mode of MODES) {
        const spot = MODE_TABLE[mode].gpuSpot;

        it(`${mode}: GPU-optimized AMI, IMDSv2, encrypted root, ${spot ? "Spot" : "on-demand"} mixed instances, managed scaling`, async () => {
            const { plan, gpu } = gpuProject(mode, "auto-scaling-group");
            const run = await runAws(plan, (ctx) => createGpuCapacity(ctx, gpu));
            const ami = run.invokes.find((i) => i.token === "aws:ssm/getParameter:getParameter");
            assert.deepEqual(ami?.inputs, { name: "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id" });
            const lt = one(run, "aws:ec2/launchTemplate:LaunchTemplate").inputs as Record<string, any>;
            assert.match(lt.imageId, /^ami-[0-9a-f]{17}$/);
            assert.deepEqual(lt.metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 });
            assert.deepEqual(lt.blockDeviceMappings, [{ deviceName: "/dev/xvda", ebs: { volumeSize: 100, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }]);
            const sg = one(run, "aws:ec2/securityGroup:SecurityGroup");
            const isPublic = MODE_TABLE[mode].servicesInPublicSubnets;
            assert.deepEqual(lt.networkInterfaces, [{ deviceIndex: 0, associatePublicIpAddress: String(isPublic), securityGroups: [sg.id], deleteOnTermination: "true" }]);
            const userData = Buffer.from(lt.userData, "base64").toString();
            assert.match(userData, /^ECS_CLUSTER=app-dev$/m);
            assert.match(userData, /^ECS_ENABLE_GPU_SUPPORT=true$/m);
            assert.match(userData, /^ECS_AWSVPC_BLOCK_IMDS=true$/m, "tasks cannot borrow the instance role");

            const asg = one(run, "aws:autoscaling/group:Group").inputs as Record<string, any>;
            assert.deepEqual(asg.vpcZoneIdentifiers, isPublic ? FIXED.publicSubnetIds : FIXED.privateSubnetIds);
            assert.equal(asg.protectFromScaleIn, true);
            assert.equal(asg.forceDelete, true, "a destroy never waits on protected hosts");
            assert.equal(asg.capacityRebalance, spot);
            assert.deepEqual(asg.instanceRefresh, {
                strategy: "Rolling",
                preferences: { minHealthyPercentage: 50, scaleInProtectedInstances: "Refresh", standbyInstances: "Terminate" },
            });
            const template = one(run, "aws:ec2/launchTemplate:LaunchTemplate");
            assert.deepEqual(asg.mixedInstancesPolicy.launchTemplate.launchTemplateSpecification, { launchTemplateId: template.id, version: "1" });
            assert.equal(asg.mixedInstancesPolicy.instancesDistribution.onDemandPercentageAboveBaseCapacity, spot ? 0 : 100);
            assert.deepEqual(asg.mixedInstancesPolicy.launchTemplate.overrides, [{ instanceType: "g4dn.xlarge" }, { instanceType: "g5.xlarge" }, { instanceType: "g6.xlarge" }]);
            assert.ok(asg.tags.some((t: Record<string, unknown>) => t.key === "AmazonECSManaged" && t.value === "true" && t.propagateAtLaunch === true));

            const cp = one(run, CP).inputs as Record<string, any>;
            assert.equal(cp.cluster, undefined, "ASG providers are associated through the cluster's capacity providers");
            assert.equal(cp.autoScalingGroupProvider.managedTerminationProtection, "ENABLED");
            assert.equal(cp.autoScalingGroupProvider.managedScaling.status, "ENABLED");
            assert.equal(cp.autoScalingGroupProvider.managedScaling.targetCapacity, 100);
            assert.deepEqual(run.result!.requiresCompatibilities, ["EC2"]);
            assert.equal(run.result!.requiresClusterAssociation, true);
            assert.deepEqual(
                ofType(run, ATTACH).map((a) => a.inputs.policyArn),
                ["arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"],
            );
        });
    }
});
