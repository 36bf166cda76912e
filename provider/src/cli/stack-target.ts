// What `config` and `logs` act on: a deployed stack of a compose project. The project's name, its
// services and the config names it needs come from the compose file (the same load and plan as the
// component); the stack and region from options, so the SSM paths and log groups match the deploy's.
import { hasErrors, loadForDeploy, type Diagnostic } from "../compose";
import { planDeployment } from "../plan";
import type { DeploymentPlan } from "../plan/types";
import type { OptionSpec, ParsedArgs } from "./args";
import { COMPOSE_OPTIONS, composeInputs, regionOption, stackOption } from "./common-options";

export const TARGET_OPTIONS: OptionSpec[] = [...COMPOSE_OPTIONS, { name: "stack", short: "s", value: true }, { name: "region", value: true }];

export const TARGET_USAGE = `  -f, --file FILE        Compose file (repeatable). Default: compose.yaml discovery.
      --env-file FILE    Interpolation variables (repeatable), as for plan.
      --profile NAME     Activate a compose profile (repeatable).
  -p, --project-name N   Project name (default: compose name:, else the directory).
  -s, --stack NAME       The Pulumi stack the project is deployed as (required: it is part of every path).
      --region REGION    AWS region (default: $AWS_REGION, else $AWS_DEFAULT_REGION).`;

export interface StackTarget {
    plan: DeploymentPlan;
    region: string;
    diagnostics: Diagnostic[];
}

/** The plan of the stack the options name; undefined (with diagnostics) when the compose app has errors. */
export function loadTarget(args: ParsedArgs): StackTarget | { plan?: undefined; diagnostics: Diagnostic[] } {
    const stack = stackOption(args);
    const region = regionOption(args);
    const loaded = loadForDeploy({ ...composeInputs(args), mode: "affordable" });
    if (!loaded.project || hasErrors(loaded.diagnostics)) return { diagnostics: loaded.diagnostics };
    // Config names and log groups do not depend on the mode.
    const planned = planDeployment(loaded.project, { mode: "affordable", stack, region });
    const diagnostics = [...loaded.diagnostics, ...planned.diagnostics];
    if (!planned.plan || hasErrors(planned.diagnostics)) return { diagnostics };
    return { plan: planned.plan, region, diagnostics };
}

/** An AWS SDK failure as one line a user can act on (credentials, permissions, region). */
export function awsErrorLine(err: unknown): string | undefined {
    const e = err as { name?: string; message?: string; $metadata?: unknown };
    if (!e || typeof e !== "object" || !("$metadata" in e || /Credentials|Region/.test(e.name ?? ""))) return undefined;
    const hint = /Credentials/.test(e.name ?? "") || /credential/i.test(e.message ?? "")
        ? " (configure AWS credentials: AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or an SSO login)"
        : /AccessDenied|UnauthorizedOperation/.test(e.name ?? "")
          ? " (the caller's IAM policy must allow it on the project's resources)"
          : "";
    return `AWS ${e.name ?? "error"}: ${e.message ?? ""}${hint}`;
}
