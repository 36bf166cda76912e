import * as assert from "node:assert/strict";
import { createAutoscaling } from "../../provider/src/aws/autoscaling";
import { bedrockStatements } from "../../provider/src/aws/llm";
import * as pulumi from "@pulumi/pulumi";
import { MODES, planFor, servicePlan } from "./fixtures";
import { FIXED, ofType, one, resolve, runAws } from "./harness";

type Statement = { Sid: string; Effect: string; Action: string | string[]; Resource: string | string[]; Condition?: Record<string, Record<string, unknown>> };

const INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];

describe("aws-stores: x-defang-llm → Bedrock statements for the task role", () => {
    async function statements(region = "us-east-1", partition = "aws"): Promise<Statement[]> {
        const run = await runAws(planFor("balanced"), async (ctx) => {
            const scoped = { ...ctx, region: pulumi.output(region), partition: pulumi.output(partition) };
            return (await resolve(bedrockStatements(scoped))) as Statement[];
        });
        return run.result;
    }

    it("invokes in-region foundation models and this account's inference profiles, nothing wider", async () => {
        const [invoke] = await statements();
        assert.deepEqual(invoke, {
            Sid: "InvokeModelsAndProfiles",
            Effect: "Allow",
            Action: INVOKE,
            Resource: [
                "arn:aws:bedrock:us-east-1::foundation-model/*",
                "arn:aws:bedrock:us-east-1:123456789012:inference-profile/*",
                "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/*",
            ],
        });
    });

    it("lets `us.`/`global.` inference profiles reach the model in other regions only through this account's profiles", async () => {
        const cross = (await statements())[1];
        assert.deepEqual(cross, {
            Sid: "InvokeModelsThroughProfiles",
            Effect: "Allow",
            Action: INVOKE,
            Resource: "arn:aws:bedrock:*::foundation-model/*",
            Condition: {
                StringLike: {
                    "bedrock:InferenceProfileArn": [
                        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/*",
                        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/*",
                    ],
                },
            },
        });
    });

    it("grants only the read calls a gateway makes to list models, with `*` only where IAM has no resource", async () => {
        const all = await statements();
        assert.deepEqual(all[2], {
            Sid: "DescribeModelsAndProfiles",
            Effect: "Allow",
            Action: ["bedrock:GetFoundationModel", "bedrock:GetInferenceProfile"],
            Resource: [
                "arn:aws:bedrock:us-east-1::foundation-model/*",
                "arn:aws:bedrock:us-east-1:123456789012:inference-profile/*",
                "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/*",
            ],
        });
        assert.deepEqual(all[3], { Sid: "ListModelsAndProfiles", Effect: "Allow", Action: ["bedrock:ListFoundationModels", "bedrock:ListInferenceProfiles"], Resource: "*" });
        assert.equal(all.length, 4);
        const actions = all.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
        for (const a of actions) {
            assert.match(a, /^bedrock:(Invoke|List|Get)[A-Za-z]+$/, `${a}: no wildcard, no write`);
        }
        assert.ok(all.every((s) => s.Effect === "Allow"));
        // IAM-01: never `*` on `*`; `*` resources only for the list calls.
        for (const s of all) {
            if (s.Resource === "*") assert.deepEqual(s.Action, ["bedrock:ListFoundationModels", "bedrock:ListInferenceProfiles"]);
        }
    });

    it("follows the partition and region", async () => {
        const [invoke] = await statements("cn-north-1", "aws-cn");
        assert.deepEqual(invoke.Resource, [
            "arn:aws-cn:bedrock:cn-north-1::foundation-model/*",
            "arn:aws-cn:bedrock:cn-north-1:123456789012:inference-profile/*",
            "arn:aws-cn:bedrock:cn-north-1:123456789012:application-inference-profile/*",
        ]);
    });
});

describe("aws-stores: x-defang-autoscaling → Application Auto Scaling on CPU", () => {
    const scaling = { min: 2, max: 4, targetCpuPercent: 85, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60 };

    for (const mode of MODES) {
        it(`${mode}: a target on the service's desired count within the plan's bounds, and a CPU target-tracking policy`, async () => {
            const service = servicePlan("web", mode, { autoscaling: scaling });
            const run = await runAws(planFor(mode, { services: [service] }), (ctx) =>
                createAutoscaling(ctx, service, { clusterName: pulumi.output(FIXED.clusterName), serviceName: pulumi.output("app-web-svc") }),
            );
            const target = one(run, "aws:appautoscaling/target:Target");
            assert.deepEqual(
                { ...target.inputs, tags: undefined },
                {
                    serviceNamespace: "ecs",
                    scalableDimension: "ecs:service:DesiredCount",
                    resourceId: "service/app-dev/app-web-svc",
                    minCapacity: 2,
                    maxCapacity: 4,
                    tags: undefined,
                },
            );
            const policy = one(run, "aws:appautoscaling/policy:Policy").inputs;
            assert.equal(policy.policyType, "TargetTrackingScaling");
            assert.equal(policy.resourceId, "service/app-dev/app-web-svc");
            assert.equal(policy.scalableDimension, "ecs:service:DesiredCount");
            assert.equal(policy.serviceNamespace, "ecs");
            assert.deepEqual(policy.targetTrackingScalingPolicyConfiguration, {
                predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
                targetValue: 85,
                scaleInCooldown: 300,
                scaleOutCooldown: 60,
            });
            assert.ok(run.result);
        });
    }

    it("creates nothing for a service without autoscaling", async () => {
        const service = servicePlan("worker", "balanced");
        const run = await runAws(planFor("balanced", { services: [service] }), (ctx) =>
            createAutoscaling(ctx, service, { clusterName: pulumi.output(FIXED.clusterName), serviceName: pulumi.output("x") }),
        );
        assert.equal(run.result, undefined);
        assert.equal(ofType(run, "aws:appautoscaling/target:Target").length + ofType(run, "aws:appautoscaling/policy:Policy").length, 0);
    });
});
