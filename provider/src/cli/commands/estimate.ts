// `pulumi-defang estimate`: the monthly cost of exactly the resource graph `plan` shows, priced
// offline from the versioned price data (provider/src/estimate/prices/<region>.json).
import type { Command } from "./index";
import { optFlag, optString, parseArgs, requireFiles, UsageError } from "../args";
import { COMPOSE_OPTIONS, composeInputs, modeOption, regionOption } from "../common-options";
import { hasErrors } from "../../compose";
import { printDiagnostics } from "../diagnostics";
import { estimateResources, loadUsageFile, MissingPriceError, supportedRegions, type Usage } from "../../estimate";
import { toJson, toTable } from "../../estimate/format";
import type { OfflinePlanOptions, OfflinePlanResult } from "../../offline/plan";

/** The offline plan's entry point (provider/src/offline/plan.ts), injectable for tests. */
export type RunOfflinePlan = (opts: OfflinePlanOptions) => Promise<OfflinePlanResult>;

const USAGE = `Usage: pulumi-defang estimate [options]

Prices, offline, every resource 'pulumi-defang plan' shows for the compose application: fixed
monthly costs (730 h) from versioned price data, plus usage-driven costs from an optional usage file.

Options:
  -f, --file FILE        Compose file (repeatable; merged in order). Default: compose.yaml discovery.
      --mode MODE        affordable (default), balanced or high_availability (Defang's aliases work).
      --region REGION    AWS region to price (default: $AWS_REGION, else us-east-1). Supported: ${supportedRegions().join(", ")}.
      --usage FILE       YAML/JSON usage file (LCUs, NAT GB, log GB, Bedrock tokens…); every figure defaults to 0.
      --profile NAME     Activate a compose profile (repeatable).
      --env-file FILE    Interpolation variables (repeatable).
  -p, --project-name N   Project name (default: compose name:, else the directory).
      --json             Print {"mode","region","currency","total","lines":[…]} (lines sum to total).
  -h, --help             This help.

Exit codes: 0 estimated, 1 the compose app or usage file has errors (or a price is missing), 2 bad options.`;

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
            requireFiles(opts.files ?? [], process.cwd(), "-f");
            requireFiles(opts.envFiles ?? [], process.cwd(), "--env-file");
            return (require("../../offline/plan") as typeof import("../../offline/plan")).runOfflinePlan(opts);
        },
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
    };
}

export async function runEstimate(argv: string[], deps: EstimateDeps = defaultDeps()): Promise<number> {
    const args = parseArgs(argv, [
        ...COMPOSE_OPTIONS,
        { name: "mode", value: true },
        { name: "region", value: true },
        { name: "usage", value: true },
        { name: "json" },
    ]);
    const mode = modeOption(args);
    const region = regionOption(args, "us-east-1");
    if (!supportedRegions().includes(region)) throw new UsageError(`no price data for region '${region}'; supported regions: ${supportedRegions().join(", ")}`);

    let usage: Usage | undefined;
    const usageFile = optString(args, "usage");
    if (usageFile) {
        const loaded = loadUsageFile(usageFile);
        printDiagnostics(loaded.diagnostics, deps.stderr, process.cwd());
        if (hasErrors(loaded.diagnostics)) return 1;
        usage = loaded.usage;
    }

    const plan = await deps.runOfflinePlan({ ...composeInputs(args), mode, region });
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

/** Compose services and managed stores, the names lines are attributed to (from the component's outputs). */
export function serviceNamesOf(outputs: Record<string, unknown>): string[] {
    const names: string[] = [];
    for (const key of ["services", "databases", "endpoints", "privateEndpoints"]) {
        const v = outputs[key];
        if (v && typeof v === "object" && !Array.isArray(v)) names.push(...Object.keys(v));
    }
    return [...new Set(names)];
}

export const estimateCommand: Command = {
    name: "estimate",
    summary: "Monthly cost of the planned AWS resources, offline (per mode and region)",
    usage: USAGE,
    run: (argv) => runEstimate(argv),
};
