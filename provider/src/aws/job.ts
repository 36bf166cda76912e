// One-off jobs (`restart: "no"`): the component's side of defang:index:TaskRun (implemented by this
// package's plugin, see resources/task-run.ts; internal: not in schema.json, so no SDK exposes it).
// Each job gets one TaskRun over its task definition, on the job's own network, security groups and
// log group, after everything its task needs to start (roles and their policies, the egress rule,
// the cluster's capacity providers) and what it depends on (services, other jobs, managed stores).
// The services that depend on the job take the TaskRun as a dependency, so they roll out after it.
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ServicePlan } from "../plan/types";
import { TASK_RUN_TOKEN, type TaskRunInputs } from "../resources/task-run-spec";
import { pluginVersion } from "./build-image";
import { serviceChildName } from "./context";
import { Context, child } from "./core";
import type { GpuCapacity } from "./gpu";
import { capacityStrategy } from "./service";

type Plain = Omit<TaskRunInputs, "capacityProviderStrategy" | "securityGroupIds">;
export type TaskRunArgs = { [K in keyof Plain]: pulumi.Input<NonNullable<Plain[K]>> | undefined } & {
    capacityProviderStrategy?: pulumi.Input<aws.types.input.ecs.ServiceCapacityProviderStrategy[]>;
    securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
};

export class TaskRun extends pulumi.CustomResource {
    /** The task that ran to success. */
    declare readonly taskArn: pulumi.Output<string>;
    declare readonly exitCode: pulumi.Output<number>;
    declare readonly startedAt: pulumi.Output<string | undefined>;
    declare readonly stoppedAt: pulumi.Output<string | undefined>;

    constructor(name: string, args: TaskRunArgs, opts: pulumi.CustomResourceOptions = {}) {
        // The plugin of this very package implements the token: ask for its version.
        super(TASK_RUN_TOKEN, name, { ...args, taskArn: undefined, exitCode: undefined, startedAt: undefined, stoppedAt: undefined }, { version: pluginVersion(), ...opts });
    }
}

export interface JobRunInputs {
    taskDefinitionArn: pulumi.Input<string>;
    subnetIds: pulumi.Input<string[]>;
    securityGroupIds: pulumi.Input<string>[];
    logGroupName: pulumi.Input<string>;
    gpu?: GpuCapacity;
    /** What the task needs before it can start, and what the job depends on. */
    dependsOn: pulumi.Resource[];
}

export function createJobRun(ctx: Context, job: ServicePlan, inputs: JobRunInputs): TaskRun {
    const onFargate = !(job.compute === "gpu" && inputs.gpu);
    return new TaskRun(
        serviceChildName(ctx, job.name, "run"),
        {
            region: ctx.account.region,
            clusterArn: ctx.clusterArn,
            taskDefinitionArn: inputs.taskDefinitionArn,
            service: job.name,
            containerName: job.container.name,
            subnetIds: inputs.subnetIds,
            securityGroupIds: inputs.securityGroupIds,
            // Fargate only: EC2 (GPU) tasks cannot take a public IP.
            assignPublicIp: onFargate ? job.assignPublicIp : false,
            capacityProviderStrategy: capacityStrategy(job, inputs.gpu),
            logGroupName: inputs.logGroupName,
            // The awslogs stream prefix of the container definition (aws/containers.ts).
            logStreamPrefix: job.label,
            // Absent from a hand-written plan: the resource's default (30 minutes).
            timeoutMinutes: job.job?.timeoutMinutes,
        },
        child(ctx, { dependsOn: inputs.dependsOn }),
    );
}
