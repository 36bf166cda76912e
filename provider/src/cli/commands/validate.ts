// `pulumi-defang validate`: load the compose application like docker compose, apply Defang's rules and
// fixups, and print every finding as `file:line:col: severity: message [code]` (or JSON).
import * as path from "path";
import type { Command } from "./index";
import { optFlag, parseArgs, requireComposeFiles } from "../args";
import { COMPOSE_OPTIONS, composeInputs, MODE_OPTION, modeOption, REGION_OPTION, regionOption, STACK_OPTION, stackOption, USAGE_LINES } from "../common-options";
import { dedupeDiagnostics, formatDiagnostic, hasErrors, loadForDeploy, type Diagnostic, type LoadOptions, type LoadResult } from "../../compose";
import { diagnosticJson, shownDiagnostics } from "../diagnostics";
import type { Mode } from "../../plan/modes";
import { planDeployment } from "../../plan";
import { RULES } from "../../compose/defang";

const USAGE = `Usage: pulumi-defang validate [options]

Loads the compose application (like 'docker compose config'), then checks it against Defang's
rules for AWS: every compose field is accepted, warned about (the message says what happens to it)
or rejected (the hint says what to do instead). The deployment is planned too (offline, no AWS
calls), so what the planner refuses — sizes Fargate cannot run, clashing names — shows here.

Options:
${USAGE_LINES.compose}
${USAGE_LINES.mode}
${USAGE_LINES.region}
${USAGE_LINES.stack}
      --json             Print a JSON array of {file, line, column, severity, code, message, hint}.
      --verbose          Also print the fixups applied (info findings).
      --rules            Print the rule table (severity, code, field; all fields with --json)
                         instead of validating.
  -h, --help             This help.

Exit codes: 0 no errors (warnings allowed), 1 errors, 2 bad options.`;

export interface ValidateDeps {
    load: (opts: LoadOptions & { mode: Mode }) => LoadResult;
    cwd: string;
    stdout: (s: string) => void;
    stderr: (s: string) => void;
}

function defaultDeps(): ValidateDeps {
    return {
        load: (opts) => {
            requireComposeFiles(opts);
            return loadForDeploy(opts);
        },
        cwd: process.cwd(),
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
    };
}

export async function runValidate(argv: string[], deps: ValidateDeps = defaultDeps()): Promise<number> {
    const args = parseArgs(argv, [
        ...COMPOSE_OPTIONS,
        MODE_OPTION,
        REGION_OPTION,
        STACK_OPTION,
        { name: "json" },
        { name: "verbose" },
        { name: "rules" },
    ]);
    const json = optFlag(args, "json");
    if (optFlag(args, "rules")) {
        deps.stdout(json ? JSON.stringify(RULES, null, 2) + "\n" : rulesTable());
        return 0;
    }
    const [mode, region, stack] = [modeOption(args), regionOption(args), stackOption(args)];

    const resolve = (f: string) => path.resolve(deps.cwd, f);
    const { files, envFiles, ...rest } = composeInputs(args);
    const result = deps.load({
        workingDir: deps.cwd,
        mode,
        ...rest,
        ...(files ? { files: files.map(resolve) } : {}),
        ...(envFiles ? { envFiles: envFiles.map(resolve) } : {}),
    });

    const { diagnostics, config } = checkLoaded(result, { mode, stack, region });
    const verbose = optFlag(args, "verbose");
    const shown = shownDiagnostics(diagnostics, deps.cwd, verbose);
    if (json) {
        deps.stdout(JSON.stringify(shown.map(diagnosticJson), null, 2) + "\n");
    } else {
        for (const d of shown) deps.stdout(formatDiagnostic(d) + "\n");
        deps.stderr(summary(diagnostics, result.project) + "\n");
        // Config references are not errors (their values live in SSM or the component's input), but a
        // deploy without them fails: name them once, up front.
        if (config.length > 0 && !hasErrors(diagnostics)) {
            deps.stderr(`config read at deploy time: ${config.join(", ")} (SSM /Defang/${result.project!.name}/<stack>/<NAME>, or the component's config input)\n`);
        }
    }
    return hasErrors(diagnostics) || !result.project ? 1 : 0;
}

/**
 * A loaded app checked as far as `pulumi up` would get without AWS: what the planner would refuse (a
 * task too large for Fargate, two names for one DNS label…) is part of "will this deploy?", so it is
 * reported here rather than first at `plan` or `pulumi up`. Also names the config values the deploy reads.
 */
export function checkLoaded(result: LoadResult, options: { mode: Mode; stack: string; region: string }): { diagnostics: Diagnostic[]; config: string[] } {
    if (!result.project || hasErrors(result.diagnostics)) return { diagnostics: result.diagnostics, config: [] };
    const planned = planDeployment(result.project, options);
    return { diagnostics: dedupeDiagnostics([...result.diagnostics, ...planned.diagnostics]), config: planned.plan?.config.required ?? [] };
}

function summary(diagnostics: Diagnostic[], project: LoadResult["project"]): string {
    const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
    const [errors, warnings] = [count("error"), count("warning")];
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
    const services = project ? ` in ${plural(Object.keys(project.services).length, "service")}` : "";
    return errors || warnings ? `${plural(errors, "error")}, ${plural(warnings, "warning")}${services}` : `no problems found${services}`;
}

function rulesTable(): string {
    const rows = RULES.map((r) => `${r.severity.padEnd(8)} ${r.code.padEnd(38)} ${r.field}`);
    return ["severity code                                   field", ...rows].join("\n") + "\n";
}

export const validateCommand: Command = {
    name: "validate",
    summary: "Check a compose application against Defang's rules for AWS",
    usage: USAGE,
    run: (argv) => runValidate(argv),
};
