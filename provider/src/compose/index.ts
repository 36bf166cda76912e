// Public entry points of the compose layer. Nothing here imports @pulumi/*.
//
//   loadProject(opts)          compose semantics: discover/parse/merge/include/extends/interpolate/
//                              validate (JSON schema)/normalize/profiles → ComposeProject + diagnostics
//   applyDefangRules(p, opts)  Defang semantics: the rule matrix (error / warning / ignored) and the
//                              fixups Defang applies before deploying → ComposeProject + diagnostics
//   loadForDeploy(opts)        both, in that order: what `validate`, `plan` and the component use
import * as path from "path";
import type { ComposeProject, Diagnostic } from "./types";
import type { Mode } from "../plan/modes";
import { loadComposeProject } from "./loader";
export { composeProjectName } from "./loader";
import { checkDefangRules } from "./defang";

export * from "./types";
export { dedupeDiagnostics } from "./diag";

export interface LoadOptions {
    /** Compose files, merged in order like `docker compose -f a -f b`. Default: discovery in `workingDir`. */
    files?: string[];
    /** Inline compose documents (the component's `composeYaml` input), used instead of `files`. */
    inline?: Array<{ filename: string; text: string }>;
    /** Directory for discovery and for relative paths of inline documents. Default: process.cwd(). */
    workingDir?: string;
    /** Overrides `name:` and the directory name. */
    projectName?: string;
    /** Interpolation variables given by the caller; they win over `.env`. The shell environment is NOT used (Defang semantics). */
    environment?: Record<string, string>;
    /** Env files for interpolation (like --env-file). Default: `.env` beside the first compose file, when it exists. */
    envFiles?: string[];
    /** Active profiles. */
    profiles?: string[];
    /**
     * Skip compose-go's normalization and consistency checks (implicit default network, resource
     * names, Dockerfile default, implicit and undefined dependencies, cycles) — what
     * `docker compose config --no-normalize` shows. Default false.
     */
    skipNormalization?: boolean;
    /**
     * Allow env files, label files, includes, extends sources and build contexts outside the project
     * directory (the first compose file's directory, or `workingDir`). Default false: a located error.
     */
    allowFilesOutsideProject?: boolean;
    /**
     * Names of interpolation variables the caller holds as secrets (the component's `environment`
     * values given as Pulumi secrets). Their values are not given here: in a service's `environment`
     * a reference stays a config reference (SSM SecureString); anywhere else it is an error.
     */
    secretVariables?: string[];
}

export interface LoadResult {
    /** Absent when an error made loading impossible. */
    project?: ComposeProject;
    diagnostics: Diagnostic[];
}

export interface DefangRuleOptions {
    mode: Mode;
}

export function loadProject(opts: LoadOptions): LoadResult {
    return loadComposeProject(opts);
}

export function applyDefangRules(project: ComposeProject, opts: DefangRuleOptions): LoadResult {
    return checkDefangRules(project, opts);
}

/** The profile Defang always activates (its CLI forces it), so `profiles: [defang]` services deploy. */
export const DEFANG_PROFILE = "defang";

/** Load with compose semantics (plus Defang's `defang` profile), then apply Defang's rules and fixups. */
export function loadForDeploy(opts: LoadOptions & DefangRuleOptions): LoadResult {
    const profiles = opts.profiles ?? [];
    const loaded = loadProject({ ...opts, profiles: profiles.includes(DEFANG_PROFILE) ? profiles : [...profiles, DEFANG_PROFILE] });
    if (!loaded.project || hasErrors(loaded.diagnostics)) return loaded;
    const checked = applyDefangRules(loaded.project, opts);
    return { project: checked.project, diagnostics: [...loaded.diagnostics, ...checked.diagnostics] };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
    return diagnostics.some((d) => d.severity === "error");
}

/** `file:line:col: severity: message [code]` (hint on a second, indented line). */
export function formatDiagnostic(d: Diagnostic): string {
    const where = d.file ? `${printable(d.file)}:${d.line ?? 1}:${d.column ?? 1}: ` : "";
    return `${where}${d.severity}: ${formatFinding({ ...d, file: undefined })}`;
}

/** `file:line:col: message [code]` and the hint line: for readers that state the severity themselves (the Pulumi engine). */
export function formatFinding(d: Diagnostic): string {
    const where = d.file ? `${printable(d.file)}:${d.line ?? 1}:${d.column ?? 1}: ` : "";
    const hint = d.hint ? `\n    hint: ${printable(d.hint)}` : "";
    return `${where}${printable(d.message)} [${d.code}]${hint}`;
}

/**
 * Control characters a compose file put in a name or path (NUL, ESC starting a terminal escape sequence,
 * CSI) written as `\u001b`, so a finding cannot rewrite the reader's terminal; new lines and tabs stay.
 */
function printable(text: string): string {
    return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The diagnostic with its file relative to `cwd` when that is shorter (as it is without a `cwd`). */
export function relativeDiagnostic(d: Diagnostic, cwd: string | undefined): Diagnostic {
    if (!cwd || !d.file || !path.isAbsolute(d.file)) return d;
    const rel = path.relative(cwd, d.file);
    return rel.length < d.file.length ? { ...d, file: rel } : d;
}
