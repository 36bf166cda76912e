// The cheap half of defang:index:TaskRun (what the engine calls in every preview): input checks and
// the rule for when a one-off job runs again.
import { strict as assert } from "assert";
import * as path from "path";
import { DefangProvider } from "../../provider/src/provider";
import { customResourceTypes } from "../../provider/src/resources";
import { TASK_RUN_TOKEN, checkTaskRun, diffTaskRun, logStreamOf, taskId } from "../../provider/src/resources/task-run-spec";
import { runTaskRequest } from "../../provider/src/resources/task-run";
import { UNKNOWN, typeOfUrn } from "../../provider/src/resources/wire";
import { REPO_ROOT } from "../support/shared";

const BASE = {
    region: "us-east-1",
    clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/shop-dev",
    taskDefinitionArn: "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-dev-migrate:7",
    service: "migrate",
    containerName: "migrate",
    subnetIds: ["subnet-a", "subnet-b"],
    securityGroupIds: ["sg-own", "sg-apps"],
    assignPublicIp: false,
    capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1 }],
    logGroupName: "/Defang/shop/dev/ecs/migrate",
    logStreamPrefix: "migrate",
    timeoutMinutes: 30,
};
const URN = `urn:pulumi:dev::shop::defang:index:Project$${TASK_RUN_TOKEN}::app-migrate-run`;

describe("resources/task-run-spec: check and diff", () => {
    it("accepts complete inputs, unknown values and a launch type instead of a strategy", () => {
        assert.deepEqual(checkTaskRun(BASE).failures, []);
        assert.deepEqual(checkTaskRun({ ...BASE, taskDefinitionArn: UNKNOWN, subnetIds: UNKNOWN, securityGroupIds: [UNKNOWN, "sg-apps"] }).failures, []);
        assert.deepEqual(checkTaskRun({ ...BASE, capacityProviderStrategy: [{ capacityProvider: UNKNOWN, weight: 1 }] }).failures, []);
        const { capacityProviderStrategy: _, ...noStrategy } = BASE;
        assert.deepEqual(checkTaskRun({ ...noStrategy, launchType: "EC2" }).failures, []);
        assert.deepEqual(checkTaskRun({ ...BASE, timeoutMinutes: undefined }).failures, []);
    });

    it("names every bad property with a reason", () => {
        const { failures } = checkTaskRun({
            ...BASE,
            clusterArn: "",
            containerName: 3,
            subnetIds: [],
            securityGroupIds: ["a", "b", "c", "d", "e", "f"],
            assignPublicIp: "no",
            timeoutMinutes: 0,
        });
        assert.deepEqual(
            failures.map((f) => f.property),
            ["clusterArn", "containerName", "subnetIds", "securityGroupIds", "assignPublicIp", "timeoutMinutes"],
        );
        assert.match(failures[3].reason, /at most 5 security groups/);
        assert.match(failures[5].reason, /from 1 to 1440/);
    });

    it("wants exactly one of a capacity strategy (with some weight) and a launch type", () => {
        const { capacityProviderStrategy: _, ...noStrategy } = BASE;
        assert.deepEqual(checkTaskRun(noStrategy).failures, [{ property: "capacityProviderStrategy", reason: "give a capacityProviderStrategy or a launchType" }]);
        assert.match(checkTaskRun({ ...BASE, launchType: "FARGATE" }).failures[0].reason, /not both/);
        assert.equal(checkTaskRun({ ...noStrategy, launchType: "EXTERNAL" }).failures[0].property, "launchType");
        for (const bad of [[{ capacityProvider: "FARGATE", weight: 0 }], [{ capacityProvider: "", weight: 1 }], [{ capacityProvider: "FARGATE", weight: 1.5 }], "FARGATE"]) {
            assert.equal(checkTaskRun({ ...BASE, capacityProviderStrategy: bad }).failures[0]?.property, "capacityProviderStrategy", JSON.stringify(bad));
        }
        assert.deepEqual(checkTaskRun({ ...BASE, capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 0, base: 1 }, { capacityProvider: "FARGATE_SPOT", weight: 1 }] }).failures, []);
    });

    it("runs again (update, never replace) for a new task definition revision, cluster, region or network, and only then", () => {
        const same = diffTaskRun(BASE, {
            ...BASE,
            timeoutMinutes: 90,
            capacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
            logGroupName: "/other",
            logStreamPrefix: "x",
            subnetIds: ["subnet-b", "subnet-a"],
            securityGroupIds: ["sg-apps", "sg-own"],
        });
        assert.deepEqual(same, { changes: false, replaces: [], changed: [] });
        const triggers: Record<string, unknown> = {
            taskDefinitionArn: "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-dev-migrate:8",
            clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/other",
            region: "eu-west-1",
            subnetIds: ["subnet-a", "subnet-c"],
            securityGroupIds: ["sg-own"],
            assignPublicIp: true,
        };
        for (const [key, value] of Object.entries(triggers)) {
            const d = diffTaskRun(BASE, { ...BASE, [key]: value });
            assert.deepEqual([d.changes, d.replaces, d.changed], [true, [], [key]], key);
        }
        assert.deepEqual(diffTaskRun(BASE, { ...BASE, taskDefinitionArn: UNKNOWN }).changed, ["taskDefinitionArn"]);
        assert.deepEqual(diffTaskRun(BASE, { ...BASE, securityGroupIds: ["sg-own", UNKNOWN] }).changed, ["securityGroupIds"]);
    });

    it("derives the task id and the container's awslogs stream from the task ARN", () => {
        const arn = "arn:aws:ecs:us-east-1:123456789012:task/shop-dev/0123456789abcdef0123456789abcdef";
        assert.equal(taskId(arn), "0123456789abcdef0123456789abcdef");
        assert.equal(logStreamOf(BASE, arn), "migrate/migrate/0123456789abcdef0123456789abcdef");
    });

    it("asks ECS for one task with the task definition's tags, on the strategy or the launch type", () => {
        const request = runTaskRequest(BASE);
        assert.deepEqual(request, {
            cluster: BASE.clusterArn,
            taskDefinition: BASE.taskDefinitionArn,
            count: 1,
            startedBy: "defang",
            propagateTags: "TASK_DEFINITION",
            enableECSManagedTags: true,
            networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-a", "subnet-b"], securityGroups: ["sg-own", "sg-apps"], assignPublicIp: "DISABLED" } },
            capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1 }],
        });
        const { capacityProviderStrategy: _, ...noStrategy } = BASE;
        const ec2 = runTaskRequest({ ...noStrategy, launchType: "EC2", assignPublicIp: true });
        assert.equal(ec2.launchType, "EC2");
        assert.equal("capacityProviderStrategy" in ec2, false);
        assert.equal(ec2.networkConfiguration.awsvpcConfiguration.assignPublicIp, "ENABLED");
    });
});

describe("provider: the TaskRun custom resource by type token", () => {
    const plugin = new DefangProvider(REPO_ROOT);

    it("is registered and routed by its token", async () => {
        assert.equal(typeOfUrn(URN), TASK_RUN_TOKEN);
        assert.ok(customResourceTypes().includes(TASK_RUN_TOKEN));
        const checked = await plugin.check(URN, {}, { ...BASE, service: "" });
        assert.deepEqual(checked.failures, [{ property: "service", reason: "service must be a non-empty string" }]);
        const diff = await plugin.diff("id", URN, BASE, { ...BASE, taskDefinitionArn: `${BASE.taskDefinitionArn}0` });
        assert.deepEqual([diff.changes, diff.replaces], [true, []]);
        const same = await plugin.diff("id", URN, BASE, { ...BASE, timeoutMinutes: 45 });
        assert.equal(same.changes, false);
        await plugin.delete("id", URN, BASE);
    });

    it("keeps the internal token out of schema.json (no SDK exposes it)", () => {
        const schema = require(path.join(REPO_ROOT, "schema.json")) as { resources: Record<string, unknown> };
        assert.equal(TASK_RUN_TOKEN in schema.resources, false);
    });
});
