// `pulumi-defang estimate`: the monthly cost of exactly the resource graph `plan` shows, priced
// offline from the versioned price data (provider/src/estimate/prices/<region>.json).
import type { Command } from "./index";
import { optFlag, optString, parseArgs, requireComposeFiles, UsageError } from "../args";
import { COMPOSE_OPTIONS, composeInputs, MODE_OPTION, modeOption, REGION_OPTION, regionOption, STACK_OPTION, stackOption, USAGE_LINES } from "../common-options";
import { hasErrors } from "../../compose";
import { printDiagnostics } from "../diagnostics";
import { estimateResources, loadUsageFile, MissingPriceError, supportedRegions, type Usage } from "../../estimate";
import { toJson, toTable } from "../../estimate/format";
import { serviceNamesOf } from "../../estimate/graph";
import type { OfflinePlanOptions, OfflinePlanResult } from "../../offline/plan";

export { serviceNamesOf };

/** The offline plan's entry point (provider/src/offline/plan.ts), injectable for tests. */
export type RunOfflinePlan = (opts: OfflinePlanOptions) => Promise<OfflinePlanResult>;

const USAGE = `Usage: pulumi-defang estimate [options]

Prices, offline, every resource 'pulumi-defang plan' shows for the compose application: fixed
monthly costs (730 h) from versioned price data, plus usage-driven costs from an optional usage
file. The table fits 100 columns.

Options:
${USAGE_LINES.compose}
${USAGE_LINES.mode}
${USAGE_LINES.region}
                         Priced regions: ${supportedRegions().join(", ")}.
${USAGE_LINES.stack}
      --usage FILE       YAML/JSON usage file (LCUs, NAT GB, log GB, Bedrock tokens…); every
                         figure defaults to 0.
      --json             Print {"mode","region","currency","total","lines":[...]}: the lines sum to
                         the total; each names the resource it prices ("type", "name").
  -h, --help             This help.

Exit codes: 0 estimated, 1 the compose app or usage file has errors, a file is missing or a price
is, 2 bad options.`;

export interface EstimateDeps {
    runOfflinePlan: RunOfflinePlan;
    stdout: (s: string) => void;
    stderr: (s: string) => void;
}

function defaultDeps(): EstimateDeps {
    return {
        // Loaded on use: the component and @pulumi/aws are heavy, and the other commands never need them.
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        runOfflinePlan: (opts) => {
            requireComposeFiles(opts);
            return (require("../../offline/plan") as typeof import("../../offline/plan")).runOfflinePlan(opts);
        },
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
    };
}

export async function runEstimate(argv: string[], deps: EstimateDeps = defaultDeps()): Promise<number> {
    const args = parseArgs(argv, [
        ...COMPOSE_OPTIONS,
        MODE_OPTION,
        REGION_OPTION,
        STACK_OPTION,
        { name: "usage", value: true },
        { name: "json" },
    ]);
    const [mode, region, stack] = [modeOption(args), regionOption(args), stackOption(args)];
    if (!supportedRegions().includes(region)) throw new UsageError(`no price data for region '${region}'; supported regions: ${supportedRegions().join(", ")}`);

    let usage: Usage | undefined;
    const usageFile = optString(args, "usage");
    if (usageFile) {
        const loaded = loadUsageFile(usageFile);
        printDiagnostics(loaded.diagnostics, deps.stderr, process.cwd());
        if (hasErrors(loaded.diagnostics)) return 1;
        usage = loaded.usage;
    }

    const plan = await deps.runOfflinePlan({ ...composeInputs(args), mode, region, stack });
    printDiagnostics(plan.diagnostics, deps.stderr, process.cwd());
    if (hasErrors(plan.diagnostics)) return 1;

    let estimate;
    try {
        estimate = estimateResources(plan.resources, { region, mode: plan.mode, project: plan.project, usage, serviceNames: serviceNamesOf(plan.outputs) });
    } catch (err) {
        if (err instanceof MissingPriceError) {
            deps.stderr(`pulumi-defang estimate: ${err.message}\n`);
            return 1;
        }
        throw err;
    }
    deps.stdout(optFlag(args, "json") ? JSON.stringify(toJson(estimate), null, 2) + "\n" : toTable(estimate));
    return 0;
}

export const estimateCommand: Command = {
    name: "estimate",
    summary: "Monthly cost of the planned AWS resources, offline (per mode and region)",
    usage: USAGE,
    run: (argv) => runEstimate(argv),
};
