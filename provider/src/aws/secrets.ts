// Config and secrets: every config reference reaches containers as an ECS `secrets` entry whose
// `valueFrom` is an SSM SecureString under `/Defang/<project>/<stack>/`. ECS reads it at task start,
// so no value is ever in a task definition. Values passed in the `config` input are written by the
// component (as Pulumi secrets); values mixing text and references are resolved here into a
// SecureString of their own.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type DeploymentPlan, type SecretSource, taskContainers } from "../plan/types";
import type { StoreOutputs } from "./stores";
import { childName, renamedFrom } from "./context";
import { BaseContext, child, tagged } from "./core";
import { parameterArn, parameterName } from "./names";

export interface ConfigParameters {
    /** ARN for an ECS secret; carries a dependency on the parameter when the component writes it. */
    valueFrom(source: SecretSource): pulumi.Output<string>;
}

export interface ExistingConfig {
    /** Config names that already exist in SSM under the project's prefix, with their values when read. */
    values: Record<string, string | undefined>;
}

/** Every template secret of the plan, once per parameter. */
export function templateSecrets(plan: DeploymentPlan): Array<Extract<SecretSource, { kind: "template" }>> {
    const seen = new Map<string, Extract<SecretSource, { kind: "template" }>>();
    for (const c of plan.services.flatMap(taskContainers)) {
        for (const { source } of c.secrets) if (source.kind === "template" && !seen.has(source.parameter)) seen.set(source.parameter, source);
    }
    return [...seen.values()];
}

/** Required config names that are neither in the `config` input nor in SSM. */
export function missingConfig(plan: DeploymentPlan, provided: Record<string, unknown>, existing: ExistingConfig): string[] {
    return plan.config.required.filter((n) => !(n in provided) && !(n in existing.values));
}

export function missingConfigMessage(plan: DeploymentPlan, missing: string[], region: string): string {
    const example = missing[0];
    return [
        `${missing.length === 1 ? "config value" : `${missing.length} config values`} missing for ${plan.project} (stack ${plan.stack}): ${missing.join(", ")}`,
        `The compose file references ${missing.length === 1 ? "it" : "them"} (environment entries without a value, or \${NAME}). Set each one either:`,
        `  - in the component's \`config\` input (e.g. config: { ${example}: pulumi.secret("...") } or \`pulumi config set --secret\` in your program), or`,
        `  - in SSM Parameter Store: aws ssm put-parameter --region ${region} --type SecureString --name ${plan.config.prefix}${example} --value '...'`,
    ].join("\n");
}

export function createConfigParameters(
    ctx: BaseContext,
    config: Record<string, pulumi.Input<string>>,
    existing: ExistingConfig,
    stores: Record<string, StoreOutputs>,
): ConfigParameters {
    const { partition, region, accountId } = ctx.account;
    const arnOf = (name: string) => parameterArn(partition, region, accountId, name);
    const written = new Map<string, pulumi.Output<string>>();

    for (const name of ctx.plan.config.provided) {
        const value = config[name];
        if (value === undefined) continue;
        const param = new aws.ssm.Parameter(
            childName(ctx, "config", name),
            {
                name: parameterName(ctx.plan, name),
                type: "SecureString",
                value: pulumi.secret(value),
                // Standard (free) up to 4 KB; larger values move to the advanced tier automatically.
                tier: "Intelligent-Tiering",
                description: `Config ${name} of ${ctx.plan.project} (${ctx.plan.stack}), set through Pulumi`,
                tags: tagged(ctx),
            },
            child(ctx),
        );
        written.set(name, param.arn);
    }

    const derived = new Map(ctx.plan.config.derived.map((d) => [d.parameter, d.description]));
    const templates = new Map<string, pulumi.Output<string>>();
    for (const t of templateSecrets(ctx.plan)) {
        const value = pulumi.secret(
            pulumi
                .all(t.parts.map((p) => (typeof p === "string" ? p : (config[p.ref] ?? existing.values[p.ref] ?? `<${p.ref} not set>`))))
                .apply((parts) => parts.join("")),
        );
        const name = parameterName(ctx.plan, t.parameter);
        const relative = (name.startsWith(ctx.plan.config.prefix) ? name.slice(ctx.plan.config.prefix.length) : name).replace(/^\/+/, "");
        const param = new aws.ssm.Parameter(
            // `svc/KEY` keeps its `/` (as `:`): with `-` in its place `a-b/c` and `a/b-c` would share one name.
            renamedFrom(ctx, childName(ctx, "derived", relative), childName(ctx, "derived", relative.replace(/\//g, "-"))),
            {
                name,
                type: "SecureString",
                value,
                tier: "Intelligent-Tiering",
                description: derived.get(t.parameter) ?? `Value of ${ctx.plan.project} (${ctx.plan.stack}) built from config ${t.parts.filter((p) => typeof p !== "string").map((p) => (p as { ref: string }).ref).join(", ")}`,
                tags: tagged(ctx),
            },
            child(ctx),
        );
        templates.set(t.parameter, param.arn);
    }

    return {
        valueFrom(source: SecretSource): pulumi.Output<string> {
            switch (source.kind) {
                case "config":
                    return written.get(source.name) ?? pulumi.output(arnOf(parameterName(ctx.plan, source.name)));
                case "template":
                    return templates.get(source.parameter) ?? pulumi.output(arnOf(parameterName(ctx.plan, source.parameter)));
                case "store": {
                    // The store module writes this parameter; wait for it so tasks never start before it exists.
                    const store = stores[source.store];
                    const ready = store ? store.passwordParameter : pulumi.output("");
                    return ready.apply(() => arnOf(parameterName(ctx.plan, source.parameter)));
                }
            }
        },
    };
}
