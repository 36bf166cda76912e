// `pulumi-defang plan`: runs the real component offline (Pulumi's mock monitor, plausible AWS
// answers, no credentials) and prints every resource it would create, as a tree or as JSON, or the
// expected first-deploy time and the chain of waits that bounds it (--critical-path).
import type { Command } from "./index";
import { optFlag, parseArgs, requireComposeFiles } from "../args";
import { COMPOSE_OPTIONS, composeInputs, MODE_OPTION, modeOption, REGION_OPTION, regionOption, STACK_OPTION, stackOption, USAGE_LINES } from "../common-options";
import { hasErrors } from "../../compose";
import { printDiagnostics } from "../diagnostics";
import { deployTimeJson, renderDeployTime } from "../deploy-time-output";
import { planJson, renderTree } from "../plan-output";
import { deployTime } from "../../estimate/deploy-time";
import { serviceNamesOf } from "../../estimate/graph";
import type { OfflinePlanOptions, OfflinePlanResult } from "../../offline/plan";

const USAGE = `Usage: pulumi-defang plan [options]

Shows, without AWS credentials, every resource 'defang.Project' would create for the compose
application: the real component runs under Pulumi's mock engine (account 123456789012, the
region's availability zones, a public hosted zone for every registrable domain). Secrets print as "[secret]";
values the mock engine makes up where AWS assigns them at deploy (ids, ARNs, DNS names) are
placeholders, marked <like-this> in the tree and listed in --json.

Options:
${USAGE_LINES.compose}
${USAGE_LINES.mode}
${USAGE_LINES.region}
${USAGE_LINES.stack}
      --json             Print {"project","mode","region","stack","resources":[{"type","name",
                         "parent","inputs","dependencies":[{"type","name","via"}],"placeholders"}],
                         "outputs","outputPlaceholders"}; placeholders are the paths (a.b[0]) of the
                         values that hold one.
      --critical-path    Print the expected first-deploy time instead: each resource's typical
                         creation time (reference/aws.md §4) along its dependencies, the chain
                         that bounds it, and when each service, store and job is ready (JSON with
                         --json).
      --check            Also check the graph against the security rules (security-rules.md):
                         violations go to stderr; those mandatory in the mode fail the command.
  -h, --help             This help.

Diagnostics go to stderr. Exit codes: 0 planned, 1 the compose app has errors or a file is missing
(or --check found a mandatory violation), 2 bad options.`;

export interface PlanDeps {
    runOfflinePlan(opts: OfflinePlanOptions): Promise<OfflinePlanResult>;
    stdout(s: string): void;
    stderr(s: string): void;
}

function defaultDeps(): PlanDeps {
    return {
        // Loaded lazily: only this path needs the component and the mock engine.
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        runOfflinePlan: (opts) => {
            requireComposeFiles(opts);
            return (require("../../offline/plan") as typeof import("../../offline/plan")).runOfflinePlan(opts);
        },
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
    };
}

export async function runPlan(argv: string[], deps: PlanDeps = defaultDeps()): Promise<number> {
    const args = parseArgs(argv, [...COMPOSE_OPTIONS, MODE_OPTION, REGION_OPTION, STACK_OPTION, { name: "json" }, { name: "critical-path" }, { name: "check" }]);
    const [mode, region, stack] = [modeOption(args), regionOption(args), stackOption(args)];
    const result = await deps.runOfflinePlan({ ...composeInputs(args), mode, region, stack });
    printDiagnostics(result.diagnostics, deps.stderr, process.cwd());
    if (hasErrors(result.diagnostics)) return 1;

    let failed = false;
    if (optFlag(args, "check")) {
        // Loaded on demand: only --check needs the rules.
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const policy = require("../../policy") as typeof import("../../policy");
        const violations = policy.checkPolicies(result.revealed?.() ?? result.resources, mode);
        for (const v of violations) deps.stderr(`${v.mandatory ? "violation" : "advisory"}: ${policy.formatViolation(v)}\n`);
        failed = violations.some((v) => v.mandatory);
    }

    const json = optFlag(args, "json");
    if (optFlag(args, "critical-path")) {
        const dt = deployTime(result.resources, serviceNamesOf(result.outputs));
        const what = { project: result.project, mode: result.mode, region: result.region, stack };
        deps.stdout(json ? JSON.stringify({ ...what, ...deployTimeJson(dt) }, null, 2) + "\n" : renderDeployTime(dt, what));
    } else {
        deps.stdout(json ? JSON.stringify(planJson(result, stack), null, 2) + "\n" : renderTree(result, stack));
    }
    return failed ? 1 : 0;
}

export const planCommand: Command = {
    name: "plan",
    summary: "Show every AWS resource the component would create (offline, no credentials)",
    usage: USAGE,
    run: (argv) => runPlan(argv),
};
