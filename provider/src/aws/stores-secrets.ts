// Credentials of managed stores: a config value (component input or SSM) or a generated password
// kept as an SSM SecureString. Values are always Pulumi secrets; only parameter names are outputs.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { StorePlanBase } from "../plan/types";
import { type AwsContext, serviceChildName } from "./context";

export type CredentialSource = { kind: "config"; name: string } | { kind: "generated"; parameter: string };

export interface StoreCredential {
    /** The value, always a Pulumi secret. */
    value: pulumi.Output<string>;
    /** Full SSM parameter name holding it. */
    parameterName: pulumi.Output<string>;
}

/** Generated passwords: 32 letters and digits (~190 bits). Valid for RDS, DocumentDB and ElastiCache AUTH,
 * and safe to paste unescaped into a connection URL (`postgres://user:${PASSWORD}@db/...`). */
export const GENERATED_LENGTH = 32;

/** Full parameter name: plan names are either absolute or relative to the project's config prefix. */
export function parameterPath(ctx: AwsContext, name: string): string {
    return name.startsWith("/") ? name : `${ctx.plan.config.prefix}${name}`;
}

/**
 * The credential `what` ("password", "auth-token", "username") of a store.
 * Config: the component's `config` input when given, else the SSM parameter read (decrypted) at deploy.
 * Generated: a RandomPassword written to the SecureString parameter the plan names.
 */
export function storeCredential(ctx: AwsContext, store: StorePlanBase, what: string, source: CredentialSource): StoreCredential {
    if (source.kind === "config") {
        const parameterName = parameterPath(ctx, source.name);
        const given = ctx.config[source.name];
        const value = given !== undefined ? pulumi.output(given) : readConfigParameter(ctx, store, source.name, parameterName);
        return { value: pulumi.secret(value), parameterName: pulumi.output(parameterName) };
    }
    const generated = new random.RandomPassword(
        serviceChildName(ctx, store.name, what),
        { length: GENERATED_LENGTH, special: false, upper: true, lower: true, numeric: true, minUpper: 2, minLower: 2, minNumeric: 2 },
        { parent: ctx.parent, additionalSecretOutputs: ["result"] },
    );
    const parameter = new aws.ssm.Parameter(
        serviceChildName(ctx, store.name, what, "parameter"),
        {
            name: parameterPath(ctx, source.parameter),
            type: "SecureString",
            tier: "Standard",
            value: pulumi.secret(generated.result),
            description: `Generated ${what} of the managed store for compose service ${store.name}`,
            tags: ctx.tags,
        },
        // The credential of a retained store must survive with it.
        { parent: ctx.parent, retainOnDelete: store.protect },
    );
    return { value: pulumi.secret(generated.result), parameterName: parameter.name };
}

/** Reads a config value from SSM at deploy time; a missing value is a clear error, not an AWS trace. */
function readConfigParameter(ctx: AwsContext, store: StorePlanBase, configName: string, parameterName: string): pulumi.Output<string> {
    const read = aws.ssm
        .getParameter({ name: parameterName, withDecryption: true }, { parent: ctx.parent })
        .then((p) => p.value)
        .catch((err: unknown) => {
            const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
            throw new pulumi.RunError(
                `service ${store.name}: config ${configName} could not be read from SSM parameter ${parameterName} (${reason}). ` +
                    `Set it first (\`defang config set ${configName}\`, or \`aws ssm put-parameter --type SecureString --name ${parameterName}\`), ` +
                    `or pass it in the component's \`config\` input.`,
            );
        });
    return pulumi.output(read);
}
