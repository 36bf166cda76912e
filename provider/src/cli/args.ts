// A small, strict option parser shared by the commands: repeated flags, --flag=value, no surprises.
import * as fs from "fs";
import * as path from "path";

/** A bad command line: exit 2 with the command's usage. */
export class UsageError extends Error {}

/** An input the command line names that cannot be read (a missing file): exit 1 with this one line. */
export class InputError extends Error {}

export interface OptionSpec {
    /** Long name without dashes, e.g. "file". */
    name: string;
    short?: string;
    /** Takes a value; otherwise a boolean switch. */
    value?: boolean;
    /** May be given several times (values collected in order). */
    repeat?: boolean;
    /** Allowed values. */
    choices?: readonly string[];
}

export interface ParsedArgs {
    options: Record<string, string | boolean | string[] | undefined>;
    positionals: string[];
}

export function parseArgs(argv: string[], specs: OptionSpec[], maxPositionals = 0): ParsedArgs {
    const options: ParsedArgs["options"] = {};
    const positionals: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (!arg.startsWith("-") || arg === "-") {
            positionals.push(arg);
            continue;
        }
        const [flag, inline] = arg.startsWith("--") ? splitOnce(arg.slice(2), "=") : [arg.slice(1), undefined];
        const spec = specs.find((s) => (arg.startsWith("--") ? s.name === flag : s.short === flag));
        if (!spec) throw new UsageError(`unknown option '${arg}'`);
        let value: string | boolean = true;
        if (spec.value) {
            const next = inline ?? argv[++i];
            if (next === undefined) throw new UsageError(`option '--${spec.name}' needs a value`);
            if (spec.choices && !spec.choices.includes(next)) {
                throw new UsageError(`option '--${spec.name}' must be one of ${spec.choices.join(", ")} (got '${next}')`);
            }
            value = next;
        } else if (inline !== undefined) {
            throw new UsageError(`option '--${spec.name}' takes no value`);
        }
        if (spec.repeat) {
            const list = (options[spec.name] as string[] | undefined) ?? [];
            list.push(value as string);
            options[spec.name] = list;
        } else {
            if (options[spec.name] !== undefined) throw new UsageError(`option '--${spec.name}' given twice`);
            options[spec.name] = value;
        }
    }
    if (positionals.length > maxPositionals) throw new UsageError(`unexpected argument '${positionals[maxPositionals]}'`);
    return { options, positionals };
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
    const i = s.indexOf(sep);
    return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

export function optString(p: ParsedArgs, name: string): string | undefined {
    const v = p.options[name];
    return typeof v === "string" ? v : undefined;
}

export function optList(p: ParsedArgs, name: string): string[] {
    const v = p.options[name];
    return Array.isArray(v) ? v : [];
}

export function optFlag(p: ParsedArgs, name: string): boolean {
    return p.options[name] === true;
}

/** Files named on the command line must exist: a missing one is one line and exit 1, like any unreadable input. */
export function requireFiles(files: string[], cwd: string, option: string, what = "file"): void {
    for (const f of files) {
        let ok = false;
        try {
            ok = fs.statSync(path.resolve(cwd, f)).isFile();
        } catch {
            ok = false;
        }
        if (!ok) {
            const rel = path.relative(cwd, path.resolve(cwd, f));
            throw new InputError(`${rel.length < f.length ? rel : f}: no such ${what} (${option})`);
        }
    }
}

/** The compose and env files of a command line must exist (see requireFiles). */
export function requireComposeFiles(opts: { files?: string[]; envFiles?: string[] }, cwd = process.cwd()): void {
    requireFiles(opts.files ?? [], cwd, "-f", "compose file");
    requireFiles(opts.envFiles ?? [], cwd, "--env-file", "env file");
}
