// Per compose service: a task definition (awsvpc, Fargate or GPU capacity) and an ECS service
// with the plan's capacity strategy, rollout settings, networking and load balancer/DNS wiring.
// One-off jobs (`restart: "no"`) get a task definition and no ECS service: aws/job.ts runs them
// once per deploy.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GPU_CAPACITY_PROVIDER, type ServicePlan, taskContainers } from "../plan/types";
import { holdsLiteralSecret } from "../plan/container";
import type { GpuCapacity } from "./gpu";
import { taskFamily as familyName } from "../plan/naming";
import { serviceChildName } from "./context";
import { Context, child, tagged } from "./core";
import { ContainerInputs, containerDefinitionsJson } from "./containers";

export interface TaskInputs extends ContainerInputs {
    executionRoleArn: pulumi.Input<string>;
    taskRoleArn: pulumi.Input<string>;
    gpu?: GpuCapacity;
    /** EFS volumes of the task (aws/volumes.ts). */
    volumes?: pulumi.Input<aws.types.input.ecs.TaskDefinitionVolume[]>;
}

export function taskFamily(ctx: Pick<Context, "plan">, service: ServicePlan): string {
    return familyName(ctx.plan, service.name);
}

export function createTaskDefinition(ctx: Context, service: ServicePlan, inputs: TaskInputs): aws.ecs.TaskDefinition {
    const onGpu = service.compute === "gpu" && inputs.gpu !== undefined;
    return new aws.ecs.TaskDefinition(
        serviceChildName(ctx, service.name, "task"),
        {
            family: taskFamily(ctx, service),
            networkMode: "awsvpc",
            requiresCompatibilities: onGpu ? inputs.gpu!.requiresCompatibilities : ["FARGATE"],
            cpu: String(service.cpu),
            memory: String(service.memory),
            runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: service.cpuArchitecture },
            executionRoleArn: inputs.executionRoleArn,
            taskRoleArn: inputs.taskRoleArn,
            // A literal secret in a command or label (warned at its line) stays out of Pulumi state in plaintext.
            containerDefinitions: taskContainers(service).some(holdsLiteralSecret) ? pulumi.secret(containerDefinitionsJson(service, inputs)) : containerDefinitionsJson(service, inputs),
            ...(service.ephemeralStorageGiB ? { ephemeralStorage: { sizeInGib: service.ephemeralStorageGiB } } : {}),
            ...(inputs.volumes ? { volumes: inputs.volumes } : {}),
            tags: tagged(ctx, undefined, { "defang:service": service.name }),
        },
        child(ctx),
    );
}

export interface EcsServiceInputs {
    taskDefinition: aws.ecs.TaskDefinition;
    subnetIds: pulumi.Input<string[]>;
    securityGroupIds: pulumi.Input<string>[];
    /** Per ingress port: its target group, and for a traffic-shifting rollout the alternate group, the rule ECS shifts and the role it assumes. */
    targets: Array<{ targetGroup: aws.lb.TargetGroup; port: number; shifting?: { alternate: aws.lb.TargetGroup; rule: aws.lb.ListenerRule; roleArn: pulumi.Input<string> } }>;
    discovery?: aws.servicediscovery.Service;
    gpu?: GpuCapacity;
    /** Listeners/rules (a target group must be attached first), the cluster's capacity providers, the deployment alarms and the rollout role. */
    dependsOn: pulumi.Resource[];
}

export function capacityStrategy(service: ServicePlan, gpu: GpuCapacity | undefined): aws.types.input.ecs.ServiceCapacityProviderStrategy[] {
    return service.capacity.map((c) => ({
        capacityProvider: c.capacityProvider === GPU_CAPACITY_PROVIDER && gpu ? gpu.capacityProviderName : c.capacityProvider,
        weight: c.weight,
        ...(c.base !== undefined ? { base: c.base } : {}),
    }));
}

/**
 * The service, rolled out as the plan says. With the ECS deployment controller and `waitForSteadyState`,
 * the AWS provider follows the rollout's ECS service deployment and fails the create or update when ECS
 * ends it ROLLBACK_SUCCESSFUL (circuit breaker or a deployment alarm), STOPPED or ROLLBACK_FAILED, with
 * ECS's reason (terraform-provider-aws PR #43434); customTimeouts give it the rollout's bake times.
 */
export function createEcsService(ctx: Context, service: ServicePlan, inputs: EcsServiceInputs): aws.ecs.Service {
    const onFargate = !(service.compute === "gpu" && inputs.gpu);
    const d = service.deployment;
    const timeout = `${d.timeoutMinutes}m`;
    return new aws.ecs.Service(
        serviceChildName(ctx, service.name, "service"),
        {
            name: service.ecsServiceName,
            cluster: ctx.clusterArn,
            taskDefinition: inputs.taskDefinition.arn,
            desiredCount: service.replicas,
            capacityProviderStrategies: capacityStrategy(service, inputs.gpu),
            ...(onFargate ? { platformVersion: "LATEST" } : {}),
            deploymentController: { type: d.controller },
            deploymentCircuitBreaker: { enable: d.circuitBreaker.enable, rollback: d.circuitBreaker.rollback },
            deploymentMinimumHealthyPercent: d.minimumHealthyPercent,
            deploymentMaximumPercent: d.maximumPercent,
            deploymentConfiguration: deploymentConfiguration(service),
            ...(d.alarms.names.length > 0 ? { alarms: { alarmNames: d.alarms.names, enable: d.alarms.enable, rollback: d.alarms.rollback } } : {}),
            networkConfiguration: {
                subnets: inputs.subnetIds,
                securityGroups: inputs.securityGroupIds,
                // Fargate only: EC2 (GPU) tasks cannot take a public IP.
                assignPublicIp: onFargate ? service.assignPublicIp : false,
            },
            loadBalancers: inputs.targets.map((t) => ({
                targetGroupArn: t.targetGroup.arn,
                containerName: service.container.name,
                containerPort: t.port,
                ...(t.shifting ? { advancedConfiguration: { alternateTargetGroupArn: t.shifting.alternate.arn, productionListenerRule: t.shifting.rule.arn, roleArn: t.shifting.roleArn } } : {}),
            })),
            ...(inputs.discovery ? { serviceRegistries: { registryArn: inputs.discovery.arn } } : {}),
            // ECS only honours a grace period for services behind a load balancer.
            ...(inputs.targets.length > 0 && d.healthCheckGracePeriodSeconds !== undefined ? { healthCheckGracePeriodSeconds: d.healthCheckGracePeriodSeconds } : {}),
            waitForSteadyState: d.waitForSteadyState,
            propagateTags: "SERVICE",
            enableEcsManagedTags: true,
            enableExecuteCommand: false,
            tags: tagged(ctx, undefined, { "defang:service": service.name }),
        },
        child(ctx, {
            dependsOn: inputs.dependsOn,
            customTimeouts: { create: timeout, update: timeout },
            // Autoscaling owns the task count once it is on.
            ...(service.autoscaling ? { ignoreChanges: ["desiredCount"] } : {}),
        }),
    );
}

/** The ECS deployment strategy: rolling, or a native traffic-shifting one with its bake times (minutes, as strings). */
export function deploymentConfiguration(service: ServicePlan): aws.types.input.ecs.ServiceDeploymentConfiguration {
    const d = service.deployment;
    const strategy = { rolling: "ROLLING", canary: "CANARY", linear: "LINEAR", "blue-green": "BLUE_GREEN" }[d.strategy];
    if (d.strategy === "rolling") return { strategy };
    return {
        strategy,
        bakeTimeInMinutes: String(d.bakeMinutes ?? 0),
        ...(d.canary ? { canaryConfiguration: { canaryPercent: d.canary.percent, canaryBakeTimeInMinutes: String(d.canary.bakeMinutes) } } : {}),
        ...(d.linear ? { linearConfiguration: { stepPercent: d.linear.stepPercent, stepBakeTimeInMinutes: String(d.linear.stepBakeMinutes) } } : {}),
    };
}
