// x-defang-llm → the task role may call Amazon Bedrock, nothing more.
// PLACEHOLDER with the agreed signature; implemented by the AI work (issue 4).
import * as pulumi from "@pulumi/pulumi";
import type { AwsContext } from "./context";

/** IAM policy statements granting Bedrock model invocation (for a task role's inline policy). */
export function bedrockStatements(_ctx: AwsContext): pulumi.Output<Array<Record<string, unknown>>> {
    throw new Error("Bedrock access is not implemented yet");
}
