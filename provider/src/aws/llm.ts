// x-defang-llm → the task role may call Amazon Bedrock, nothing more: invoke models of this region
// (directly, or through this account's inference profiles, which may route to other regions), and the
// read-only list/get calls an OpenAI-compatible gateway (LiteLLM, openai-access-gateway) makes to
// discover models. No model management, no fine-tuning, no agents, no Marketplace subscriptions.
import * as pulumi from "@pulumi/pulumi";
import type { AwsContext } from "./context";

export const BEDROCK_INVOKE_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];
/** Actions with no resource-level permissions (the service authorization reference lists none). */
export const BEDROCK_LIST_ACTIONS = ["bedrock:ListFoundationModels", "bedrock:ListInferenceProfiles"];

/** IAM policy statements granting Bedrock model invocation (for a task role's inline policy). */
export function bedrockStatements(ctx: AwsContext): pulumi.Output<Array<Record<string, unknown>>> {
    return pulumi.all([ctx.partition, ctx.region, ctx.accountId]).apply(([partition, region, account]): Array<Record<string, unknown>> => {
        const inRegionModels = `arn:${partition}:bedrock:${region}::foundation-model/*`;
        // `us.`/`eu.`/`apac.`/`global.` model ids are system inference profiles of this region and account.
        const profiles = [
            `arn:${partition}:bedrock:${region}:${account}:inference-profile/*`,
            `arn:${partition}:bedrock:${region}:${account}:application-inference-profile/*`,
        ];
        return [
            {
                Sid: "InvokeModelsAndProfiles",
                Effect: "Allow",
                Action: BEDROCK_INVOKE_ACTIONS,
                Resource: [inRegionModels, ...profiles],
            },
            {
                // A profile routes to the same model in other regions; IAM checks that model ARN too.
                // Allowed only when the call came through one of this account's profiles here.
                Sid: "InvokeModelsThroughProfiles",
                Effect: "Allow",
                Action: BEDROCK_INVOKE_ACTIONS,
                Resource: `arn:${partition}:bedrock:*::foundation-model/*`,
                Condition: { StringLike: { "bedrock:InferenceProfileArn": profiles } },
            },
            {
                Sid: "DescribeModelsAndProfiles",
                Effect: "Allow",
                Action: ["bedrock:GetFoundationModel", "bedrock:GetInferenceProfile"],
                Resource: [inRegionModels, ...profiles],
            },
            {
                Sid: "ListModelsAndProfiles",
                Effect: "Allow",
                Action: BEDROCK_LIST_ACTIONS,
                Resource: "*",
            },
        ];
    });
}
