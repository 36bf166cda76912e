// defang:index:TaskRun against a moto server: RunTask with the job's network and capacity, DescribeTasks
// until the task stops, StopTask at the deadline or on cancel, the log tail from moto's CloudWatch.
// moto's tasks always stop with exit code 0 and never fail to start, and its RunTask never reports
// placement failures, so those answers are stubbed (DescribeTasks, RunTask) on the way to moto; every
// other call reaches it.
import { strict as assert } from "assert";
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateClusterCommand, DescribeTasksCommand, ECSClient, ListTasksCommand, RegisterTaskDefinitionCommand, type Task } from "@aws-sdk/client-ecs";
import { type TaskRunClients, TaskRunHandler, defaultClients } from "../../provider/src/resources/task-run";
import { type TaskRunInputs, type TaskRunOutputs, logStreamOf } from "../../provider/src/resources/task-run-spec";
import { type Moto, useMoto } from "../support/moto";

const REGION = "us-east-1";
const GROUP = "/Defang/shop/dev/ecs/migrate";

interface Recorded {
    clients: TaskRunClients;
    sent: Array<{ name: string; input: Record<string, any> }>;
}

type Stub = (command: { constructor: { name: string }; input: Record<string, any> }, real: (c: unknown) => Promise<any>) => Promise<any> | undefined;

/** Real moto-backed clients; every command is recorded; `stub` may answer a command instead of moto. */
function recordedClients(moto: Moto, stub?: Stub): Recorded {
    const sent: Recorded["sent"] = [];
    const config = moto.client(REGION);
    const wrap = <C extends { send(command: any): Promise<any> }>(client: C): C => {
        const real = (c: unknown) => client.send(c as any);
        return {
            send: async (command: { constructor: { name: string }; input: Record<string, any> }) => {
                sent.push({ name: command.constructor.name, input: command.input });
                return (await stub?.(command, real)) ?? real(command);
            },
        } as unknown as C;
    };
    return { sent, clients: { ecs: wrap(new ECSClient(config)), logs: wrap(new CloudWatchLogsClient(config)) } };
}

const names = (r: Recorded) => r.sent.map((c) => c.name.replace(/Command$/, ""));
const fast = { sleep: async () => undefined, pollMs: { first: 1, max: 1 }, retryDelayMs: 1 };

/** A default subnet of moto's EC2 (no EC2 client in this package: one query-protocol call). */
async function defaultSubnet(moto: Moto): Promise<string> {
    const response = await fetch(moto.endpoint, {
        method: "POST",
        headers: {
            "content-type": "application/x-www-form-urlencoded",
            authorization: `AWS4-HMAC-SHA256 Credential=testing/20260101/${REGION}/ec2/aws4_request, SignedHeaders=host, Signature=0`,
        },
        body: new URLSearchParams({ Action: "DescribeSubnets", Version: "2016-11-15" }),
    });
    const id = /<subnetId>(subnet-[0-9a-f]+)<\/subnetId>/.exec(await response.text())?.[1];
    if (!id) throw new Error("moto answered no default subnet");
    return id;
}

describe("resources/task-run against moto", function () {
    let moto: Moto;
    let ecs: ECSClient;
    let logs: CloudWatchLogsClient;
    let base: TaskRunInputs;

    before(async function () {
        moto = await useMoto(this);
    });

    beforeEach(async () => {
        await moto.reset();
        ecs = new ECSClient(moto.client(REGION));
        logs = new CloudWatchLogsClient(moto.client(REGION));
        const cluster = (await ecs.send(new CreateClusterCommand({ clusterName: "shop-dev" }))).cluster!;
        const task = await ecs.send(
            new RegisterTaskDefinitionCommand({
                family: "shop-dev-migrate",
                networkMode: "awsvpc",
                requiresCompatibilities: ["FARGATE"],
                cpu: "256",
                memory: "512",
                // moto sums container memory to place tasks, so this container names one.
                containerDefinitions: [{ name: "migrate", image: "public.ecr.aws/docker/library/alpine:3.20", essential: true, memory: 512, command: ["./migrate.sh"] }],
            }),
        );
        await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
        base = {
            region: REGION,
            clusterArn: cluster.clusterArn!,
            taskDefinitionArn: task.taskDefinition!.taskDefinitionArn!,
            service: "migrate",
            containerName: "migrate",
            subnetIds: [await defaultSubnet(moto)],
            securityGroupIds: ["sg-0123456789abcdef0"],
            assignPublicIp: false,
            capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1 }],
            logGroupName: GROUP,
            logStreamPrefix: "migrate",
            timeoutMinutes: 30,
        };
    });

    /** What the task printed: `count` lines in its container's stream. */
    const writeLog = async (taskArn: string, count: number) => {
        const stream = logStreamOf(base, taskArn);
        await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: stream }));
        const start = Date.now() - 60_000;
        await logs.send(
            new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, logEvents: Array.from({ length: count }, (_, i) => ({ timestamp: start + i, message: `migration ${i + 1}\n` })) }),
        );
    };

    /** A DescribeTasks stub that answers with moto's task, stopped as `stopped` says. */
    const stoppedAs =
        (stopped: (attempt: number) => Partial<Task> & { container?: Record<string, unknown> }, onRun?: (taskArn: string) => Promise<void>): Stub =>
        async (command, real) => {
            if (command.constructor.name === "RunTaskCommand" && onRun) {
                const out = await real(command);
                await onRun(out.tasks[0].taskArn);
                return out;
            }
            if (command.constructor.name !== "DescribeTasksCommand") return undefined;
            const out = await real(command);
            const task = out.tasks[0] as Task;
            const { container, ...rest } = stopped(++describes);
            return { ...out, tasks: [{ ...task, lastStatus: "STOPPED", ...rest, containers: task.containers!.map((c) => ({ ...c, ...container })) }] };
        };
    let describes = 0;
    beforeEach(() => (describes = 0));

    it("runs the task once with the job's network and capacity, waits until it stops, and outputs it", async () => {
        const r = recordedClients(moto);
        const handler = new TaskRunHandler({ clients: () => r.clients, ...fast });
        const result = await handler.create(base);

        const run = r.sent.find((c) => c.name === "RunTaskCommand")!;
        assert.deepEqual(run.input, {
            cluster: base.clusterArn,
            taskDefinition: base.taskDefinitionArn,
            count: 1,
            startedBy: "defang",
            propagateTags: "TASK_DEFINITION",
            enableECSManagedTags: true,
            networkConfiguration: { awsvpcConfiguration: { subnets: base.subnetIds, securityGroups: base.securityGroupIds, assignPublicIp: "DISABLED" } },
            capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1 }],
        });
        // moto's task steps RUNNING → DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED, one step per DescribeTasks.
        assert.deepEqual(names(r), ["RunTask", "DescribeTasks", "DescribeTasks", "DescribeTasks", "DescribeTasks"]);

        const listed = await ecs.send(new ListTasksCommand({ cluster: base.clusterArn, startedBy: "defang" }));
        assert.deepEqual(listed.taskArns, [result.id]);
        assert.match(result.id, /^arn:aws:ecs:us-east-1:123456789012:task\/shop-dev\/[0-9a-f-]+$/);
        assert.deepEqual(result.outs, { ...base, taskArn: result.id, exitCode: 0 });
    });

    it("reaches moto through AWS_ENDPOINT_URL with the default clients (the SDK's own endpoint and credential chain)", async () => {
        const saved = { ...process.env };
        Object.assign(process.env, moto.env);
        try {
            const result = await new TaskRunHandler({ clients: defaultClients, ...fast }).create(base);
            assert.equal((result.outs as TaskRunOutputs).exitCode, 0);
        } finally {
            for (const k of Object.keys(moto.env)) {
                if (saved[k] === undefined) delete process.env[k];
                else process.env[k] = saved[k];
            }
        }
    });

    it("fails with the exit code, ECS's reasons and the last 50 lines of the container's log", async () => {
        let taskArn = "";
        const r = recordedClients(
            moto,
            stoppedAs(
                () => ({ stopCode: "EssentialContainerExited", stoppedReason: "Essential container in task exited", container: { exitCode: 1 } }),
                async (arn) => writeLog((taskArn = arn), 60),
            ),
        );
        const failed = await new TaskRunHandler({ clients: () => r.clients, ...fast }).create(base).then(
            () => assert.fail("expected the job to fail"),
            (err: Error) => err,
        );
        const lines = failed.message.split("\n");
        assert.equal(failed.name, "JobFailed");
        assert.equal(lines[0], 'job "migrate" failed: exit code 1 (Essential container in task exited)');
        assert.equal(lines[1], `  task ${taskArn} (cluster ${base.clusterArn}, region us-east-1)`);
        assert.equal(lines[2], `  last 50 lines of its log (${GROUP} ${logStreamOf(base, taskArn)}):`);
        assert.deepEqual(lines.slice(3), Array.from({ length: 50 }, (_, i) => `    migration ${i + 11}`));
        assert.equal(names(r).filter((n) => n === "RunTask").length, 1, "a job that ran and failed is not run again");
    });

    it("runs again a task that stopped before its container ran (secrets or IAM not ready yet), then succeeds", async () => {
        const r = recordedClients(moto, async (command, real) => {
            if (command.constructor.name !== "DescribeTasksCommand" || describes++ > 0) return undefined;
            const out = await real(command);
            const task = out.tasks[0] as Task;
            const container = { ...task.containers![0], exitCode: undefined, reason: "ResourceInitializationError: unable to pull secrets or registry auth" };
            return { ...out, tasks: [{ ...task, lastStatus: "STOPPED", stopCode: "TaskFailedToStart", stoppedReason: "Task failed to start", containers: [container] }] };
        });
        const result = await new TaskRunHandler({ clients: () => r.clients, ...fast }).create(base);
        assert.equal(names(r).filter((n) => n === "RunTask").length, 2);
        assert.equal((result.outs as TaskRunOutputs).exitCode, 0);
        const listed = await ecs.send(new ListTasksCommand({ cluster: base.clusterArn, startedBy: "defang" }));
        assert.equal(listed.taskArns!.length, 2);
        assert.ok(listed.taskArns!.includes(result.id));
    });

    it("gives up after three tasks that never ran, saying why and that there is no log", async () => {
        const r = recordedClients(
            moto,
            stoppedAs(() => ({ stopCode: "TaskFailedToStart", stoppedReason: "CannotPullContainerError: pull image manifest has been retried 5 time(s)", container: { exitCode: undefined } })),
        );
        await assert.rejects(
            new TaskRunHandler({ clients: () => r.clients, ...fast }).create(base),
            (err: Error) => {
                const lines = err.message.split("\n");
                assert.equal(lines[0], 'job "migrate" did not run: its task stopped before the container exited (CannotPullContainerError: pull image manifest has been retried 5 time(s))');
                assert.match(lines[1], /, attempt 3 of 3\)$/);
                assert.match(lines[2], /^ {2}it wrote no log \(\/Defang\/shop\/dev\/ecs\/migrate migrate\/migrate\/[0-9a-f-]+ does not exist\)$/);
                return true;
            },
        );
        assert.equal(names(r).filter((n) => n === "RunTask").length, 3);
    });

    it("stops a task still running at the timeout and fails the deploy (fake clock)", async () => {
        let now = 0;
        const r = recordedClients(moto);
        const handler = new TaskRunHandler({ clients: () => r.clients, ...fast, now: () => now, sleep: async () => void (now += 4 * 60_000) });
        let taskArn = "";
        await assert.rejects(handler.create({ ...base, timeoutMinutes: 5 }), (err: Error) => {
            const lines = err.message.split("\n");
            assert.equal(lines[0], 'job "migrate" did not finish within 5 minutes and was stopped');
            taskArn = /task (\S+) /.exec(lines[1])![1];
            assert.match(lines[2], /it wrote no log/);
            return true;
        });
        // Polled at 0 and 4 minutes (still running), then at 8 past the deadline: stopped.
        assert.deepEqual(names(r), ["RunTask", "DescribeTasks", "DescribeTasks", "DescribeTasks", "StopTask", "GetLogEvents"]);
        assert.equal(r.sent.find((c) => c.name === "StopTaskCommand")!.input.reason, "defang: job exceeded its 5-minute timeout");
        const stopped = (await ecs.send(new DescribeTasksCommand({ cluster: base.clusterArn, tasks: [taskArn] }))).tasks![0];
        assert.equal(stopped.lastStatus, "STOPPED");
        assert.equal(stopped.stoppedReason, "defang: job exceeded its 5-minute timeout");
    });

    it("fails with ECS's placement failures and a hint when RunTask places no task", async () => {
        const r = recordedClients(moto, async (command) =>
            command.constructor.name === "RunTaskCommand" ? { tasks: [], failures: [{ arn: "arn:aws:ecs:us-east-1:123456789012:container-instance/x", reason: "RESOURCE:GPU" }] } : undefined,
        );
        const { capacityProviderStrategy: _, ...ec2 } = base;
        await assert.rejects(new TaskRunHandler({ clients: () => r.clients, ...fast }).create({ ...ec2, launchType: "EC2" }), (err: Error) => {
            const lines = err.message.split("\n");
            assert.equal(lines[0], 'job "migrate" could not start: ECS placed no task: RESOURCE:GPU');
            assert.equal(lines[1], `  cluster ${base.clusterArn}, task definition ${base.taskDefinitionArn}`);
            assert.match(lines[2], /^ {2}hint: the cluster's EC2 capacity has no host with room for this task/);
            return true;
        });
        assert.deepEqual(names(r), ["RunTask"]);
    });

    it("retries RunTask while ECS cannot assume a just-created role, and fails at once on other refusals", async () => {
        let refusals = 0;
        const r = recordedClients(moto, async (command) => {
            if (command.constructor.name !== "RunTaskCommand" || refusals >= 2) return undefined;
            refusals++;
            throw Object.assign(new Error("ECS was unable to assume the role 'arn:aws:iam::123456789012:role/shop-dev-execution' that was provided for this task."), { name: "InvalidParameterException" });
        });
        const result = await new TaskRunHandler({ clients: () => r.clients, ...fast }).create(base);
        assert.equal(names(r).filter((n) => n === "RunTask").length, 3);
        assert.equal((result.outs as TaskRunOutputs).exitCode, 0);

        const wrong = recordedClients(moto);
        await assert.rejects(
            new TaskRunHandler({ clients: () => wrong.clients, ...fast }).create({ ...base, clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/missing" }),
            /^JobFailed: job "migrate" could not start: ECS refused to run task definition arn:aws:ecs:us-east-1:123456789012:task-definition\/shop-dev-migrate:\d+: .*[Cc]luster/,
        );
        assert.deepEqual(names(wrong), ["RunTask"]);
    });

    it("stops its running task when the engine cancels the deployment", async () => {
        let handler: TaskRunHandler | undefined;
        const r = recordedClients(moto);
        let cancelled = false;
        handler = new TaskRunHandler({
            clients: () => r.clients,
            ...fast,
            sleep: async () => {
                if (!cancelled) {
                    cancelled = true;
                    await handler!.cancel();
                }
            },
        });
        await handler.create(base);
        const stop = r.sent.find((c) => c.name === "StopTaskCommand")!;
        assert.equal(stop.input.reason, "defang: the deployment was cancelled");
        const task = (await ecs.send(new DescribeTasksCommand({ cluster: base.clusterArn, tasks: [stop.input.task] }))).tasks![0];
        assert.equal(task.stoppedReason, "defang: the deployment was cancelled");
    });

    it("does not run the job on an update that changes no trigger", async () => {
        const r = recordedClients(moto);
        const handler = new TaskRunHandler({ clients: () => r.clients, ...fast });
        const olds: TaskRunOutputs = { ...base, taskArn: "arn:aws:ecs:us-east-1:123456789012:task/shop-dev/old", exitCode: 0 };
        const same = await handler.update("id", olds, { ...base, timeoutMinutes: 60 });
        assert.deepEqual(names(r), []);
        assert.deepEqual(same.outs, { ...olds, timeoutMinutes: 60 });
        const rerun = await handler.update("id", olds, { ...base, taskDefinitionArn: base.taskDefinitionArn });
        assert.deepEqual(names(r), []);
        assert.equal((rerun.outs as TaskRunOutputs).taskArn, olds.taskArn);
        const changed = await handler.update("id", olds, { ...base, securityGroupIds: ["sg-0123456789abcdef1"] });
        assert.equal(names(r)[0], "RunTask");
        assert.notEqual((changed.outs as TaskRunOutputs).taskArn, olds.taskArn);
    });
});
