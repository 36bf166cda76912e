// The plugin's implementation of defang:index:TaskRun (see task-run-spec.ts): with the AWS SDK's
// default credential chain and the region input (AWS_ENDPOINT_URL is honoured, so tests run it
// against moto), create/update
//   1. RunTask once (startedBy `defang`, tags from the task definition); a role ECS cannot assume
//      yet (IAM propagation) is retried for a while, placement `failures` fail with ECS's reason;
//   2. poll DescribeTasks (backoff up to 15 s) until the task stops; past the timeout, StopTask and fail;
//   3. a task that stopped before its container ran (TaskFailedToStart: secrets, image pull, network
//      not ready yet) or that Spot took back is run again, up to 3 tasks in all;
//   4. exit code 0 of the essential container → outputs; anything else fails the deploy with the
//      exit code, ECS's reasons and the last lines of the container's CloudWatch log stream.
// Delete does nothing: a job's effects (a migrated schema) are the user's data.
import { timing, type Timing } from "./timing";
import { CloudWatchLogsClient, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeTasksCommand, ECSClient, type Failure, RunTaskCommand, StopTaskCommand, type Task } from "@aws-sdk/client-ecs";
import type { CustomResourceHandler } from "./index";
import { DEFAULT_TIMEOUT_MINUTES, type TaskRunInputs, type TaskRunOutputs, checkTaskRun, diffTaskRun, logStreamOf } from "./task-run-spec";
import { plain } from "./wire";

export interface TaskRunClients {
    ecs: Pick<ECSClient, "send">;
    logs: Pick<CloudWatchLogsClient, "send">;
}

export interface TaskRunOptions extends Partial<Timing> {
    clients?: (region: string) => TaskRunClients;
}

/** Tasks run per deploy at most: the first plus retries of tasks whose container never ran. */
const MAX_TASKS = 3;
/** RunTask calls refused because ECS cannot assume a fresh role yet (IAM propagation). */
const MAX_ROLE_RETRIES = 6;
const LOG_TAIL_LINES = 50;
/** ECS answers these while a just-created role or policy propagates through IAM. */
const ROLE_NOT_READY = /unable to assume|not authorized to perform: sts:AssumeRole|role .*(does not exist|is invalid)/i;

export function defaultClients(region: string): TaskRunClients {
    return { ecs: new ECSClient({ region }), logs: new CloudWatchLogsClient({ region }) };
}

/** A failed job; its message is the whole story the user reads in `pulumi up`. */
export class JobFailed extends Error {
    constructor(message: string) {
        super(message);
        this.name = "JobFailed";
    }
}

export class TaskRunHandler implements CustomResourceHandler {
    private readonly clients: (region: string) => TaskRunClients;
    private readonly sleep: Timing["sleep"];
    private readonly now: Timing["now"];
    private readonly pollMs: Timing["pollMs"];
    private readonly retryDelayMs: number;
    /** Tasks in progress (ARN → how to stop them), stopped if the engine cancels the deployment. */
    private readonly running = new Map<string, { ecs: Pick<ECSClient, "send">; cluster: string }>();

    constructor(options: TaskRunOptions = {}) {
        this.clients = options.clients ?? defaultClients;
        ({ sleep: this.sleep, now: this.now, pollMs: this.pollMs, retryDelayMs: this.retryDelayMs } = timing(options));
    }

    async check(_olds: unknown, news: unknown) {
        return checkTaskRun(news);
    }

    async diff(_id: string, olds: unknown, news: unknown) {
        const { changes, replaces } = diffTaskRun(olds, news);
        return { changes, replaces };
    }

    async create(inputs: unknown) {
        const outs = await this.run(plain(inputs) as TaskRunInputs);
        return { id: outs.taskArn, outs };
    }

    async update(_id: string, olds: unknown, news: unknown) {
        const after = plain(news) as TaskRunInputs;
        // The engine calls update for any difference; only a trigger runs the job again.
        if (!diffTaskRun(olds, after).changes) return { outs: { ...(plain(olds) as TaskRunOutputs), ...after } };
        return { outs: await this.run(after) };
    }

    async read(id: string, props: unknown) {
        return { id, props: plain(props) };
    }

    async delete(): Promise<void> {
        // Nothing to remove: see the file comment.
    }

    async cancel(): Promise<void> {
        await Promise.all(
            [...this.running].map(([task, { ecs, cluster }]) => ecs.send(new StopTaskCommand({ cluster, task, reason: "defang: the deployment was cancelled" })).catch(() => undefined)),
        );
    }

    /** Runs the job to success, or throws JobFailed with what the user needs to fix it. */
    async run(inputs: TaskRunInputs): Promise<TaskRunOutputs> {
        const clients = this.clients(inputs.region);
        const minutes = inputs.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES;
        const deadline = this.now() + minutes * 60_000;
        for (let attempt = 1; ; attempt++) {
            const taskArn = await this.start(clients, inputs);
            const task = await this.waitForStop(clients, inputs, taskArn, deadline, minutes);
            const container = essentialContainer(task, inputs.containerName);
            if (container?.exitCode === 0) {
                return {
                    ...inputs,
                    taskArn,
                    exitCode: 0,
                    ...(task.startedAt ? { startedAt: new Date(task.startedAt).toISOString() } : {}),
                    ...(task.stoppedAt ? { stoppedAt: new Date(task.stoppedAt).toISOString() } : {}),
                };
            }
            const neverRan = container?.exitCode === undefined && (task.stopCode === "TaskFailedToStart" || task.stopCode === "SpotInterruption");
            if (neverRan && attempt < MAX_TASKS && this.now() < deadline) {
                await this.sleep(this.retryDelayMs * attempt);
                continue;
            }
            throw new JobFailed(await this.failureMessage(clients, inputs, task, taskArn, attempt));
        }
    }

    /** RunTask; retried while ECS cannot assume a role that was just created. */
    private async start(clients: TaskRunClients, inputs: TaskRunInputs): Promise<string> {
        const who = `job "${inputs.service}"`;
        for (let attempt = 1; ; attempt++) {
            let tasks: Task[] | undefined;
            let failures: Failure[] | undefined;
            try {
                ({ tasks, failures } = await clients.ecs.send(new RunTaskCommand(runTaskRequest(inputs))));
            } catch (err) {
                const message = (err as Error).message;
                if (ROLE_NOT_READY.test(message) && attempt < MAX_ROLE_RETRIES) {
                    await this.sleep(this.retryDelayMs * attempt);
                    continue;
                }
                throw new JobFailed(`${who} could not start: ECS refused to run task definition ${inputs.taskDefinitionArn}: ${message}`);
            }
            const arn = tasks?.[0]?.taskArn;
            if (arn) {
                this.running.set(arn, { ecs: clients.ecs, cluster: inputs.clusterArn });
                return arn;
            }
            const reasons = (failures ?? []).map((f) => [f.reason, f.detail].filter(Boolean).join(": ")).filter((r) => r.length > 0);
            throw new JobFailed(
                [
                    `${who} could not start: ECS placed no task${reasons.length > 0 ? `: ${reasons.join("; ")}` : ""}`,
                    `  cluster ${inputs.clusterArn}, task definition ${inputs.taskDefinitionArn}`,
                    `  hint: ${placementHint(reasons.join(" "), inputs)}`,
                ].join("\n"),
            );
        }
    }

    /** Polls until the task stops; stops it at the deadline. */
    private async waitForStop(clients: TaskRunClients, inputs: TaskRunInputs, taskArn: string, deadline: number, minutes: number): Promise<Task> {
        const who = `job "${inputs.service}"`;
        try {
            for (let wait = this.pollMs.first; ; wait = Math.min(Math.round(wait * 1.5), this.pollMs.max)) {
                const found = await clients.ecs.send(new DescribeTasksCommand({ cluster: inputs.clusterArn, tasks: [taskArn] }));
                const task = found.tasks?.find((t) => t.taskArn === taskArn) ?? found.tasks?.[0];
                if (!task) {
                    const why = found.failures?.map((f) => f.reason).join("; ") || "no answer";
                    throw new JobFailed(`${who}: ECS no longer knows task ${taskArn} (${why})`);
                }
                if (task.lastStatus === "STOPPED") return task;
                if (this.now() >= deadline) {
                    await this.stop(clients, inputs, taskArn, `defang: job exceeded its ${minutes}-minute timeout`);
                    const lines = [`${who} did not finish within ${minutes} minutes and was stopped`, `  task ${taskArn} (cluster ${inputs.clusterArn}, region ${inputs.region})`];
                    lines.push(...(await this.logTail(clients, inputs, taskArn)));
                    throw new JobFailed(lines.join("\n"));
                }
                await this.sleep(wait);
            }
        } catch (err) {
            // Never leave a task running behind a deploy that gave up on it.
            if (!(err instanceof JobFailed)) {
                await this.stop(clients, inputs, taskArn, "defang: the deployment stopped watching this job");
                throw new JobFailed(`${who}: watching task ${taskArn} failed: ${(err as Error).message}`);
            }
            throw err;
        } finally {
            this.running.delete(taskArn);
        }
    }

    private async stop(clients: TaskRunClients, inputs: TaskRunInputs, taskArn: string, reason: string): Promise<void> {
        await clients.ecs.send(new StopTaskCommand({ cluster: inputs.clusterArn, task: taskArn, reason })).catch(() => undefined);
    }

    private async failureMessage(clients: TaskRunClients, inputs: TaskRunInputs, task: Task, taskArn: string, attempts: number): Promise<string> {
        const container = essentialContainer(task, inputs.containerName);
        const reasons = [task.stoppedReason, container?.reason].filter((r): r is string => !!r && r.length > 0);
        const why = reasons.length > 0 ? ` (${reasons.join("; ")})` : "";
        const head =
            container?.exitCode !== undefined
                ? `job "${inputs.service}" failed: exit code ${container.exitCode}${why}`
                : `job "${inputs.service}" did not run: its task stopped before the container exited${why}`;
        const lines = [head, `  task ${taskArn} (cluster ${inputs.clusterArn}, region ${inputs.region}${attempts > 1 ? `, attempt ${attempts} of ${MAX_TASKS}` : ""})`];
        lines.push(...(await this.logTail(clients, inputs, taskArn)));
        return lines.join("\n");
    }

    /** The last lines the container logged, indented, under a heading; or why there are none. */
    private async logTail(clients: TaskRunClients, inputs: TaskRunInputs, taskArn: string): Promise<string[]> {
        const stream = logStreamOf(inputs, taskArn);
        try {
            const events = await clients.logs.send(
                new GetLogEventsCommand({ logGroupName: inputs.logGroupName, logStreamName: stream, startFromHead: false, limit: LOG_TAIL_LINES }),
            );
            const tail = (events.events ?? []).flatMap((e) => (e.message ?? "").replace(/\n$/, "").split("\n")).slice(-LOG_TAIL_LINES);
            if (tail.length === 0) return [`  its log stream ${inputs.logGroupName} ${stream} is empty`];
            return [`  last ${tail.length} lines of its log (${inputs.logGroupName} ${stream}):`, ...tail.map((l) => `    ${l}`)];
        } catch (err) {
            if ((err as Error).name === "ResourceNotFoundException") return [`  it wrote no log (${inputs.logGroupName} ${stream} does not exist)`];
            return [`  its log ${inputs.logGroupName} ${stream} could not be read: ${(err as Error).message}`];
        }
    }
}

/** The RunTask request of a job: one task, awsvpc networking, the task definition's tags. */
export function runTaskRequest(inputs: TaskRunInputs) {
    const strategy = inputs.capacityProviderStrategy ?? [];
    return {
        cluster: inputs.clusterArn,
        taskDefinition: inputs.taskDefinitionArn,
        count: 1,
        startedBy: "defang",
        propagateTags: "TASK_DEFINITION" as const,
        enableECSManagedTags: true,
        networkConfiguration: {
            awsvpcConfiguration: { subnets: inputs.subnetIds, securityGroups: inputs.securityGroupIds, assignPublicIp: inputs.assignPublicIp ? ("ENABLED" as const) : ("DISABLED" as const) },
        },
        ...(strategy.length > 0 ? { capacityProviderStrategy: strategy.map((c) => ({ capacityProvider: c.capacityProvider, weight: c.weight, ...(c.base !== undefined ? { base: c.base } : {}) })) } : {}),
        ...(strategy.length === 0 && inputs.launchType ? { launchType: inputs.launchType } : {}),
    };
}

/** The container named by the inputs, else the task's only (or first) container. */
function essentialContainer(task: Task, name: string) {
    return task.containers?.find((c) => c.name === name) ?? task.containers?.[0];
}

function placementHint(reasons: string, inputs: TaskRunInputs): string {
    if (/RESOURCE:GPU|RESOURCE:(CPU|MEMORY)/.test(reasons)) return "the cluster's EC2 capacity has no host with room for this task; wait for the capacity provider to scale out, or lower the job's reservations";
    if (/capacity provider/i.test(reasons)) return `check that the cluster has the capacity providers ${(inputs.capacityProviderStrategy ?? []).map((c) => c.capacityProvider).join(", ") || inputs.launchType}`;
    return "run `pulumi up` again; if it persists, check the ECS console's events for this cluster";
}
