// Build args that look secret (plan: image.secretArgs): each value is written to an SSM SecureString
// that the CodeBuild project reads as a PARAMETER_STORE variable, so no such value is a plaintext
// input of the project (BLD-01) nor of the ImageBuild, which only needs to know when it changes.
import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { BuildImage } from "./build-spec";
import { serviceChildName } from "./context";
import { BaseContext, child, tagged } from "./core";

export function createBuildArgParameters(ctx: BaseContext, service: string, image: BuildImage): aws.ssm.Parameter[] {
    return Object.entries(image.secretArgs ?? {}).map(
        ([arg, name]) =>
            new aws.ssm.Parameter(
                serviceChildName(ctx, service, "build-arg", arg),
                {
                    name,
                    type: "SecureString",
                    value: pulumi.secret(image.args[arg]),
                    tier: "Intelligent-Tiering",
                    description: `Build arg ${arg} of service ${service} (looks secret: read by CodeBuild from Parameter Store)`,
                    tags: tagged(ctx),
                },
                child(ctx),
            ),
    );
}

/**
 * The args the ImageBuild hashes into the image tag: a secret-looking value is replaced by a digest of
 * it, so changing it still rebuilds while the value stays out of the resource's inputs and state.
 */
export function buildArgInputs(image: BuildImage): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(image.args)) {
        out[k] = image.secretArgs?.[k] !== undefined ? `sha256:${createHash("sha256").update(`defang-build-arg\0${v}`).digest("hex")}` : v;
    }
    return out;
}
