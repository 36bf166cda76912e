// Options several commands share, parsed and checked one way: which compose project (-f, --env-file,
// --profile, -p), the mode, the region and the stack.
import { MODES, parseMode, type Mode } from "../plan/modes";
import { optList, optString, UsageError, type OptionSpec, type ParsedArgs } from "./args";

export const COMPOSE_OPTIONS: OptionSpec[] = [
    { name: "file", short: "f", value: true, repeat: true },
    { name: "env-file", value: true, repeat: true },
    { name: "profile", value: true, repeat: true },
    { name: "project-name", short: "p", value: true },
];

export interface ComposeInputs {
    files?: string[];
    /** Absent unless given: the loader then reads the `.env` beside the compose file (an empty list would not). */
    envFiles?: string[];
    profiles?: string[];
    projectName?: string;
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
    return inputs;
}

/** `--mode` (default affordable; Defang's aliases work). */
export function modeOption(args: ParsedArgs): Mode {
    const text = optString(args, "mode") ?? "affordable";
    const mode = parseMode(text);
    if (!mode) throw new UsageError(`unknown mode '${text}'; use one of ${MODES.join(", ")}`);
    return mode;
}

/** `--region`, else $AWS_REGION, else $AWS_DEFAULT_REGION, else `fallback`; a usage error when none or not a region name. */
export function regionOption(args: ParsedArgs, fallback?: string): string {
    const region = optString(args, "region") ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? fallback;
    if (!region) throw new UsageError("no region: pass --region or set AWS_REGION");
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new UsageError(`'${region}' is not an AWS region name (e.g. us-east-1)`);
    return region;
}

/** `--stack`, else `fallback`; a usage error when none or not a stack name. */
export function stackOption(args: ParsedArgs, fallback?: string): string {
    const stack = optString(args, "stack") ?? fallback;
    if (!stack) throw new UsageError("--stack is required: config and logs live under /Defang/<project>/<stack>/");
    if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new UsageError(`stack name '${stack}' may contain only letters, digits, '_', '.' and '-'`);
    return stack;
}
