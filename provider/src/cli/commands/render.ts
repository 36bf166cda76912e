// `pulumi-defang render`: print the normalized compose project like `docker compose config`.
import type { Command } from "./index";
import { optFlag, optString, parseArgs, requireComposeFiles } from "../args";
import { COMPOSE_OPTIONS, composeInputs, USAGE_LINES } from "../common-options";
import { hasErrors, loadProject, type LoadOptions, type LoadResult } from "../../compose";
import { printDiagnostics } from "../diagnostics";
import { renderProject, type RenderFormat } from "../../compose/render";

const USAGE = `Usage: pulumi-defang render [options]

Loads the compose application with docker compose's rules (discovery, -f merging, include,
extends, interpolation, profiles, JSON-schema validation) and prints the normalized project, like
'docker compose config'. Config references print as \${NAME} (a bare one as null); a literal '$'
prints as '$$'. Diagnostics go to stderr.

Options:
${USAGE_LINES.compose}
      --format FORMAT    json or yaml (default yaml).
      --no-normalize     Skip normalization (default network, resource names, Dockerfile default).
  -h, --help             This help.

Exit codes: 0 printed (warnings allowed), 1 the compose files have errors, 2 bad options.`;

export interface RenderDeps {
    load: (opts: LoadOptions) => LoadResult;
    cwd: string;
    environment: Record<string, string>;
    stdout: (s: string) => void;
    stderr: (s: string) => void;
}

function defaultDeps(): RenderDeps {
    return {
        load: (opts) => {
            requireComposeFiles(opts);
            return loadProject(opts);
        },
        cwd: process.cwd(),
        // Interpolation never reads the shell; the variables come from .env / --env-file.
        environment: {},
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
    };
}

export async function runRender(argv: string[], deps: RenderDeps = defaultDeps()): Promise<number> {
    const args = parseArgs(argv, [
        ...COMPOSE_OPTIONS,
        { name: "format", value: true, choices: ["json", "yaml"] },
        { name: "no-normalize" },
    ]);
    const result = deps.load({
        ...composeInputs(args),
        workingDir: deps.cwd,
        environment: deps.environment,
        skipNormalization: optFlag(args, "no-normalize"),
    });
    printDiagnostics(result.diagnostics, deps.stderr, deps.cwd);
    if (!result.project || hasErrors(result.diagnostics)) return 1;
    deps.stdout(renderProject(result.project, (optString(args, "format") ?? "yaml") as RenderFormat));
    return 0;
}

export const renderCommand: Command = {
    name: "render",
    summary: "Print the normalized compose project (like docker compose config)",
    usage: USAGE,
    run: (argv) => runRender(argv),
};
