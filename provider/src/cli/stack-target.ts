// What `config` and `logs` act on: a deployed stack of a compose project. The project's name, its
// services and the config names it needs come from the compose file (the same load and plan as the
// component); the stack and region from options, so the SSM paths and log groups match the deploy's.
import { hasErrors, loadForDeploy, type Diagnostic } from "../compose";
import { planDeployment } from "../plan";
import type { DeploymentPlan } from "../plan/types";
import { optString, requireComposeFiles, type OptionSpec, type ParsedArgs } from "./args";
import { COMPOSE_OPTIONS, composeInputs, DEFAULTS, REGION_OPTION, regionOption, STACK_OPTION, stackOption, USAGE_LINES } from "./common-options";

export const TARGET_OPTIONS: OptionSpec[] = [...COMPOSE_OPTIONS, STACK_OPTION, REGION_OPTION];

export const TARGET_USAGE = [USAGE_LINES.compose, USAGE_LINES.stack, USAGE_LINES.region].join("\n");

export interface StackTarget {
    plan: DeploymentPlan;
    region: string;
    diagnostics: Diagnostic[];
}

/** The plan of the stack the options name; undefined (with diagnostics) when the compose app has errors. */
export function loadTarget(args: ParsedArgs, note: (s: string) => void = () => undefined): StackTarget | { plan?: undefined; diagnostics: Diagnostic[] } {
    const stack = stackOption(args);
    const region = regionOption(args);
    const inputs = composeInputs(args);
    requireComposeFiles(inputs);
    // These commands act on a deployed stack: say which one a bare command line chose.
    const defaulted = [
        optString(args, "stack") === undefined && `stack ${DEFAULTS.stack}`,
        optString(args, "region") === undefined && !process.env.AWS_REGION && !process.env.AWS_DEFAULT_REGION && `region ${region}`,
    ].filter(Boolean);
    if (defaulted.length > 0) note(`using ${defaulted.join(" and ")} (the defaults; --stack and --region choose others)\n`);
    const loaded = loadForDeploy({ ...inputs, mode: DEFAULTS.mode });
    if (!loaded.project || hasErrors(loaded.diagnostics)) return { diagnostics: loaded.diagnostics };
    // Config names and log groups do not depend on the mode.
    const planned = planDeployment(loaded.project, { mode: DEFAULTS.mode, stack, region });
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
