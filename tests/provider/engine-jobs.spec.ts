// A one-off job through the real Pulumi engine (opt-in, with engine.spec.ts: `make test_engine`).
// A Node.js SDK program deploys a web service and a migration (`restart: "no"`) that the web service
// waits for; the component registers defang:index:TaskRun, which the engine sends back to our plugin's
// CRUD methods; its ECS calls go to moto (AWS_ENDPOINT_URL), the other AWS resources to the stand-in
// aws plugin. The app adopts moto's default VPC so that moto can place the task in a real subnet, and
// the cluster and task definition the stand-in reports are registered in moto under the same ARNs.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CreateClusterCommand, ECSClient, ListTasksCommand, RegisterTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import type { Stack } from "@pulumi/pulumi/automation";
import { defangSdk, engineStack, requireEngine } from "./engine-harness";
import { clusterName, taskFamily } from "../../provider/src/plan/naming";
import { type Moto, useMoto } from "../support/moto";

const COMPOSE = `
services:
  web:
    image: nginx:1.27
    ports:
      - target: 80
        mode: ingress
    depends_on:
      migrate:
        condition: service_completed_successfully
    deploy:
      resources:
        reservations:
          memory: 512M
  migrate:
    image: public.ecr.aws/docker/library/alpine:3.20
    command: ["sh", "-c", "echo migrating"]
    restart: "no"
    deploy:
      resources:
        reservations:
          memory: 512M
`;

interface StateResource {
    urn: string;
    type: string;
    inputs?: Record<string, any>;
    outputs?: Record<string, any>;
    dependencies?: string[];
}

/** Subnets of moto's default VPC (no EC2 client in this package: one query-protocol call). */
async function defaultNetwork(moto: Moto): Promise<{ vpcId: string; subnetIds: string[] }> {
    const response = await fetch(moto.endpoint, {
        method: "POST",
        headers: {
            "content-type": "application/x-www-form-urlencoded",
            authorization: "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0",
        },
        body: new URLSearchParams({ Action: "DescribeSubnets", Version: "2016-11-15" }),
    });
    const text = await response.text();
    const subnetIds = [...text.matchAll(/<subnetId>(subnet-[0-9a-f]+)<\/subnetId>/g)].map((m) => m[1]).slice(0, 2);
    const vpcId = /<vpcId>(vpc-[0-9a-f]+)<\/vpcId>/.exec(text)?.[1];
    if (!vpcId || subnetIds.length < 2) throw new Error("moto answered no default VPC");
    return { vpcId, subnetIds };
}

describe("engine: a one-off job through pulumi up", function () {
    this.timeout(900_000);
    let moto: Moto;
    let home: string;
    let stack: Stack;
    let ecs: ECSClient;

    const state = async () => ((await stack.exportStack()).deployment as { resources: StateResource[] }).resources;
    // The component's names for this program (plan/naming.ts): hashed over the Pulumi project too.
    const scope = { project: "shop", stack: "dev", pulumiProject: "engine-jobs-test", region: "us-east-1" };
    const family = taskFamily(scope, "migrate");
    const cluster = clusterName(scope);
    const defangTasks = async () => (await ecs.send(new ListTasksCommand({ cluster, startedBy: "defang" }))).taskArns ?? [];

    before(async function () {
        requireEngine();
        moto = await useMoto(this);
        await moto.reset();
        ecs = new ECSClient(moto.client("us-east-1"));
        // The stand-in reports task definition revision 1 of the family the component names.
        await ecs.send(
            new RegisterTaskDefinitionCommand({
                family,
                networkMode: "awsvpc",
                requiresCompatibilities: ["FARGATE"],
                cpu: "256",
                memory: "512",
                containerDefinitions: [{ name: "migrate", image: "public.ecr.aws/docker/library/alpine:3.20", essential: true, memory: 512 }],
            }),
        );
        const network = await defaultNetwork(moto);

        home = fs.mkdtempSync(path.join(os.tmpdir(), "defang-engine-jobs-"));
        const defang = defangSdk();
        const program = async () => {
            const project = new defang.Project("shop", {
                composeYaml: COMPOSE,
                projectName: "shop",
                network: { vpcId: network.vpcId, publicSubnetIds: network.subnetIds, privateSubnetIds: network.subnetIds },
            });
            return { services: project.services };
        };
        ({ stack } = await engineStack(home, "engine-jobs-test", program, moto.env));
    });

    after(() => home && fs.rmSync(home, { recursive: true, force: true }));

    it("fails the update when the job cannot run, and does not roll out the service that waits for it", async () => {
        // No cluster in moto yet: ECS refuses the task.
        await assert.rejects(stack.up(), new RegExp(`job "migrate" could not start: ECS refused to run task definition arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:1`));
        const types = (await state()).map((r) => r.type);
        assert.ok(types.includes("aws:ecs/taskDefinition:TaskDefinition"));
        assert.ok(!types.includes("defang:index:TaskRun"), "a failed job leaves no TaskRun");
        assert.ok(!types.includes("aws:ecs/service:Service"), "the web service waits for the job");
    });

    it("runs the job once, then rolls out the service that waits for it", async () => {
        await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
        const up = await stack.up();
        assert.equal(up.summary.result, "succeeded");
        const resources = await state();
        const run = resources.find((r) => r.type === "defang:index:TaskRun")!;
        const tasks = await defangTasks();
        assert.equal(tasks.length, 1);
        assert.equal(run.outputs!.taskArn, tasks[0]);
        assert.equal(run.outputs!.exitCode, 0);
        assert.equal(run.inputs!.taskDefinitionArn, `arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:1`);
        const web = resources.find((r) => r.type === "aws:ecs/service:Service")!;
        assert.ok(web.dependencies!.includes(run.urn), "the web service depends on the job's run");
    });

    it("does not run the job again on an update that does not change it", async () => {
        const preview = await stack.preview();
        assert.equal(preview.changeSummary.update ?? 0, 0, JSON.stringify(preview.changeSummary));
        const up = await stack.up();
        assert.equal(up.summary.result, "succeeded");
        assert.equal((await defangTasks()).length, 1);
    });
});
