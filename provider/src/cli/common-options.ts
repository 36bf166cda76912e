// Options several commands share, parsed, checked and defaulted one way, with one help text: which
// compose project (-f, --env-file, --profile, -p), the mode, the region and the stack. Every command
// that uses a setting resolves it here, so `plan`, `estimate`, `config`, `logs` and the MCP tools
// agree on what a bare invocation means.
import { MODES, parseMode, type Mode } from "../plan/modes";
import { optFlag, optList, optString, UsageError, type OptionSpec, type ParsedArgs } from "./args";

/** What a setting is when neither an option nor the environment names it. */
export const DEFAULTS = { mode: "affordable" as Mode, region: "us-east-1", stack: "dev" };

export const COMPOSE_OPTIONS: OptionSpec[] = [
    { name: "file", short: "f", value: true, repeat: true },
    { name: "env-file", value: true, repeat: true },
    { name: "profile", value: true, repeat: true },
    { name: "project-name", short: "p", value: true },
    { name: "allow-files-outside-project" },
];
export const MODE_OPTION: OptionSpec = { name: "mode", value: true };
export const REGION_OPTION: OptionSpec = { name: "region", value: true };
export const STACK_OPTION: OptionSpec = { name: "stack", short: "s", value: true };

/** Help lines of the shared options (aligned for a 25-column option column). */
export const USAGE_LINES = {
    compose: `  -f, --file FILE        Compose file, repeatable (merged in order); default: compose.yaml lookup.
      --env-file FILE    Interpolation variables, repeatable; default: the compose file's .env.
      --profile NAME     Activate a compose profile (repeatable; '*' activates all).
  -p, --project-name N   Project name (default: COMPOSE_PROJECT_NAME of the env files, else the
                         compose file's name:, else its directory).
      --allow-files-outside-project
                         Allow env/label files, includes, extends and build contexts outside the
                         project directory (refused by default: file-outside-project).`,
    mode: `      --mode MODE        affordable (default), balanced or high_availability; Defang's aliases work.`,
    region: `      --region REGION    AWS region; default $AWS_REGION, else $AWS_DEFAULT_REGION, else ${DEFAULTS.region}.`,
    stack: `  -s, --stack NAME       Pulumi stack: part of the paths /Defang/<project>/<stack>/ and of resource
                         names (default ${DEFAULTS.stack}).`,
};

export interface ComposeInputs {
    files?: string[];
    /** Absent unless given: the loader then reads the `.env` beside the compose file (an empty list would not). */
    envFiles?: string[];
    profiles?: string[];
    projectName?: string;
    /** `--allow-files-outside-project`: present only when given. */
    allowFilesOutsideProject?: boolean;
}

/** The compose inputs of COMPOSE_OPTIONS; options not given stay absent so the loader's defaults apply. */
export function composeInputs(args: ParsedArgs): ComposeInputs {
    const list = (name: string) => {
        const values = optList(args, name);
        return values.length > 0 ? values : undefined;
    };
    const inputs: ComposeInputs = {};
    const files = list("file");
    const envFiles = list("env-file");
    const profiles = list("profile");
    const projectName = optString(args, "project-name");
    if (files) inputs.files = files;
    if (envFiles) inputs.envFiles = envFiles;
    if (profiles) inputs.profiles = profiles;
    if (projectName) inputs.projectName = projectName;
    if (optFlag(args, "allow-files-outside-project")) inputs.allowFilesOutsideProject = true;
    return inputs;
}

/** `--mode`, else affordable (Defang's aliases work). */
export function modeOption(args: ParsedArgs): Mode {
    return checkMode(optString(args, "mode"));
}

/** `--region`, else $AWS_REGION, else $AWS_DEFAULT_REGION, else us-east-1. */
export function regionOption(args: ParsedArgs): string {
    return checkRegion(optString(args, "region"));
}

/** `--stack`, else dev. */
export function stackOption(args: ParsedArgs): string {
    return checkStack(optString(args, "stack"));
}

/** The mode a caller named (or the default); a usage error naming the choices otherwise. */
export function checkMode(text: string | undefined): Mode {
    const mode = parseMode(text ?? DEFAULTS.mode);
    if (!mode) throw new UsageError(`unknown mode '${text}'; use one of ${MODES.join(", ")}`);
    return mode;
}

/** The region a caller named, else the environment's, else the default; a usage error when not a region name. */
export function checkRegion(text: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
    const region = text ?? (env.AWS_REGION || undefined) ?? (env.AWS_DEFAULT_REGION || undefined) ?? DEFAULTS.region;
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new UsageError(`'${region}' is not an AWS region name (e.g. us-east-1)`);
    return region;
}

/** The stack a caller named (or the default); a usage error when not a stack name. */
export function checkStack(text: string | undefined): string {
    const stack = text ?? DEFAULTS.stack;
    if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new UsageError(`stack name '${stack}' may contain only letters, digits, '_', '.' and '-'`);
    return stack;
}
