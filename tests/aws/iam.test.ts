import { strict as assert } from "assert";
import type { Expansion } from "../support/pulumi";
import { expandPlan, json } from "../support/pulumi";
import { acceptancePlan, builtImage, deploymentPlan, service } from "./fixtures";
import { ROLE, ROLE_POLICY, Statement, TASK, statements } from "./helpers";

type Run = Expansion<unknown>;
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

function allStatements(run: Run): Statement[] {
    return run.ofType(ROLE_POLICY).flatMap(statements);
}

const asList = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

describe("aws/iam: execution role and task roles", function () {
    let run: Run;
    before(async () => {
        run = await expandPlan(acceptancePlan("balanced"));
    });

    it("lets only this account's ECS tasks assume the roles", () => {
        for (const role of run.ofType(ROLE).filter((r) => !r.name.includes("flow"))) {
            const doc = json(role.inputs.assumeRolePolicy);
            assert.deepEqual(doc.Statement, [
                {
                    Effect: "Allow",
                    Principal: { Service: "ecs-tasks.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
                },
            ]);
        }
    });

    it("names roles within IAM's 64 characters, unique per project, stack and region", async () => {
        const names = run.ofType(ROLE).map((r) => String(r.inputs.name));
        for (const n of names) assert.ok(n.length <= 64 && /^[A-Za-z0-9+=,.@_-]+$/.test(n), n);
        assert.match(run.named("app-execution-role").inputs.name as string, /^shop-dev-execution-[0-9a-f]{8}$/);
        const west = await expandPlan(acceptancePlan("balanced"), {}, { region: "us-west-2" });
        assert.notEqual(west.named("app-execution-role").inputs.name, run.named("app-execution-role").inputs.name);
        const long = deploymentPlan("balanced", [service("balanced", { name: "a-very-long-service-name-that-keeps-going-and-going-forever" })]);
        long.project = "an-equally-long-project-name-for-good-measure";
        const r = await expandPlan(long);
        for (const role of r.ofType(ROLE)) assert.ok(String(role.inputs.name).length <= 64, String(role.inputs.name));
    });

    it("gives the execution role exactly: its log groups, this project's parameters, KMS only through SSM", () => {
        assert.deepEqual(statements(run.named("app-execution-role-policy")), [
            {
                Sid: "WriteServiceLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: "arn:aws:logs:us-east-1:123456789012:log-group:/Defang/shop/dev/ecs/*",
            },
            { Sid: "ReadProjectConfig", Effect: "Allow", Action: "ssm:GetParameters", Resource: "arn:aws:ssm:us-east-1:123456789012:parameter/Defang/shop/dev/*" },
            {
                Sid: "DecryptProjectConfig",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: "arn:aws:kms:us-east-1:123456789012:key/*",
                Condition: { StringEquals: { "kms:ViaService": "ssm.us-east-1.amazonaws.com" } },
            },
        ]);
    });

    it("never allows Action \"*\", SSM reads on every parameter, or \"*\" resources beyond ECR login", async () => {
        const withEcr = deploymentPlan("balanced", [service("balanced", { name: "built", image: builtImage("built") })]);
        const runs = [run, await expandPlan(withEcr, { contexts: { built: { contextHash: "c0ffee" } } })];
        for (const r of runs) {
            for (const s of allStatements(r)) {
                assert.ok(!asList(s.Action).includes("*"), JSON.stringify(s));
                if (asList(s.Action).some((a) => a.startsWith("ssm:"))) assert.ok(!asList(s.Resource).includes("*"), JSON.stringify(s));
                if (asList(s.Resource).includes("*")) assert.deepEqual(s.Action, "ecr:GetAuthorizationToken");
            }
        }
    });

    it("pulls from ECR only the repositories the project uses", async () => {
        const plan = deploymentPlan("balanced", [
            service("balanced", { name: "built", image: builtImage("built") }),
            service("balanced", { name: "given" }),
            service("balanced", { name: "hub", image: { kind: "image", image: "nginx:1.27" } }),
        ]);
        const r = await expandPlan(plan, { images: { given: "210987654321.dkr.ecr.eu-west-1.amazonaws.com/team/api:1.2.3" }, contexts: { built: { contextHash: "c0ffee" } } });
        const byId = Object.fromEntries(statements(r.named("app-execution-role-policy")).map((s) => [s.Sid, s]));
        assert.deepEqual(byId.EcrLogin, { Sid: "EcrLogin", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" });
        assert.deepEqual(byId.EcrPull.Resource, ["arn:aws:ecr:eu-west-1:210987654321:repository/team/api", "arn:aws:ecr:us-east-1:123456789012:repository/shop-dev/built"]);
        assert.deepEqual(byId.EcrPull.Action, ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]);
        // Without ECR images and secrets: logs only.
        const bare = await expandPlan(deploymentPlan("balanced", [service("balanced", { name: "hub" })]));
        assert.deepEqual(statements(bare.named("app-execution-role-policy")).map((s) => s.Sid), ["WriteServiceLogs"]);
    });

    it("gives each service its own task role with no permissions unless the compose file asks", () => {
        const task = (svc: string) => run.one(TASK, `${svc}/task`);
        for (const svc of ["web", "postgres"]) {
            const role = run.named(`app-${svc}/task-role`);
            assert.equal(task(svc).inputs.taskRoleArn, `arn:aws:iam::123456789012:role/${role.inputs.name}`);
            assert.notEqual(task(svc).inputs.taskRoleArn, task(svc).inputs.executionRoleArn);
        }
        assert.deepEqual(run.ofType(ROLE_POLICY).map((p) => p.name).sort(), ["app-execution-role-policy", "app-vpc-flow-logs-policy"]);
        assert.equal(run.ofType(ATTACHMENT).length, 0);
    });

    it("adds Bedrock statements for x-defang-llm and attaches x-defang-policies (names resolved in the account)", async () => {
        const plan = deploymentPlan("balanced", [
            service("balanced", { name: "llm", taskRole: { bedrock: true, policies: ["team/read-reports", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] } }),
        ]);
        const r = await expandPlan(plan);
        const bedrock = statements(r.named("app-llm/bedrock-policy"));
        assert.equal(r.named("app-llm/bedrock-policy").inputs.role, r.named("app-llm/task-role").inputs.name);
        assert.ok(bedrock.some((s) => asList(s.Action).includes("bedrock:InvokeModel")));
        for (const s of bedrock) assert.ok(!asList(s.Action).some((a) => a === "*" || a === "bedrock:*"), JSON.stringify(s));
        assert.deepEqual(r.ofType(ATTACHMENT).map((a) => a.inputs.policyArn).sort(), [
            "arn:aws:iam::123456789012:policy/team/read-reports",
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        ]);
        for (const a of r.ofType(ATTACHMENT)) assert.equal(a.inputs.role, r.named("app-llm/task-role").inputs.name);
    });
});
