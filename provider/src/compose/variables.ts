// The variables used for interpolation: the caller's map first, then env files (`--env-file`, or
// `.env` beside the first compose file). Never the shell environment (Defang semantics).
import * as fs from "fs";
import * as path from "path";
import { Diagnostics, fileStart } from "./diag";
import { isFile } from "./fs-checks";
import { DotenvValue, TOO_LARGE, parseDotenv } from "./dotenv";
import type { VariableValue } from "./interpolate";
import type { Loc } from "./tree";

export class Variables {
    private readonly values = new Map<string, DotenvValue>();

    /** Characters interpolated so far, shared by clones: the per-project cap (MAX_INTERPOLATED_TOTAL). */
    readonly usage: { chars: number; reported: boolean };

    /**
     * `secret`: names the caller gave as secrets (their values never enter the compose model). They
     * read as a bare reference, so in a service's `environment` they stay config references (SSM
     * SecureString), and an env file cannot supply a plaintext value for them.
     */
    constructor(initial?: Iterable<[string, DotenvValue]>, readonly secret: ReadonlySet<string> = new Set(), usage?: { chars: number; reported: boolean }) {
        if (initial) for (const [k, v] of initial) this.values.set(k, v);
        this.usage = usage ?? { chars: 0, reported: false };
    }

    isSecret(name: string): boolean {
        return this.secret.has(name);
    }

    get(name: string): VariableValue {
        // Set, but only as a reference: `${S:-default}` keeps the secret (never the default), and the
        // reference is resolved from SSM in environment or refused elsewhere.
        if (this.secret.has(name)) return [{ ref: name }];
        return this.values.get(name);
    }

    has(name: string): boolean {
        return this.values.has(name);
    }

    /** Set unless already defined (earlier sources win). */
    setDefault(name: string, value: DotenvValue): void {
        if (!this.values.has(name)) this.values.set(name, value);
    }

    set(name: string, value: DotenvValue): void {
        this.values.set(name, value);
    }

    clone(): Variables {
        return new Variables(this.values, this.secret, this.usage);
    }

    readonly lookup = (name: string): VariableValue => this.get(name);
}

/**
 * Build the interpolation variables. Explicit env files must exist; the default `.env` is optional.
 * Later env files override earlier ones; the caller's map overrides them all.
 */
export function buildVariables(
    environment: Record<string, string> | undefined,
    envFiles: string[] | undefined,
    defaultEnvFile: string | undefined,
    diags: Diagnostics,
    secretNames: readonly string[] = [],
): Variables {
    const caller = new Variables(Object.entries(environment ?? {}), new Set(secretNames));
    const files = envFiles ?? (defaultEnvFile && isFile(defaultEnvFile) ? [defaultEnvFile] : []);
    const fromFiles = new Map<string, DotenvValue>();
    for (const f of files) {
        const vars = readEnvFile(f, (n) => caller.get(n) ?? fromFiles.get(n), diags, envFiles !== undefined);
        for (const [k, v] of vars) fromFiles.set(k, v);
    }
    const out = caller.clone();
    for (const [k, v] of fromFiles) out.setDefault(k, v);
    return out;
}

/** Read a dotenv file; a missing required file or a syntax error is a located diagnostic. */
export function readEnvFile(
    file: string,
    lookup: (name: string) => VariableValue,
    diags: Diagnostics,
    required = true,
    namedAt?: Loc,
): Map<string, DotenvValue> {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        if (required) diags.error("env-file-not-found", `env file ${file} not found`, namedAt, "create the file, or remove it from the list of env files");
        return new Map();
    }
    const r = parseDotenv(text, lookup);
    if (r.error) {
        if (r.error.code === TOO_LARGE) {
            diags.error(TOO_LARGE, `env file value: ${r.error.message}`, { file, line: r.error.line, column: 1 },
                "variables that reference each other several times grow exponentially: reference each once, or put large data in a file the image reads");
        } else {
            diags.error("env-file-syntax", `invalid env file: ${r.error.message}`, { file, line: r.error.line, column: r.error.column }, envFileHint(r.error.message));
        }
    }
    return r.vars;
}

export function defaultEnvFile(workingDir: string): string {
    return path.join(workingDir, ".env");
}

export { fileStart };

function envFileHint(message: string): string {
    if (/^required variable/.test(message)) return "define that variable on an earlier line of this file, or in the environment you pass";
    if (/template|interpolation/i.test(message)) return "write $$ for a literal '$'; a variable reference is $NAME or ${NAME}";
    return "use KEY=value lines; quote values that contain spaces or '#'";
}
