// How every command shows findings: in file order like a compiler, paths relative to the working
// directory when shorter, infos (fixups applied) only on request.
import { formatDiagnostic, relativeDiagnostic, type Diagnostic } from "../compose";

/** The findings to show, in file order; paths relative to `cwd` when shorter (kept as they are without one). */
export function shownDiagnostics(diagnostics: readonly Diagnostic[], cwd: string | undefined, verbose = false): Diagnostic[] {
    return diagnostics
        .filter((d) => verbose || d.severity !== "info")
        .map((d) => relativeDiagnostic(d, cwd))
        .sort(byLocation);
}

/** A finding as JSON (`validate --json`, the MCP tools): every field present, null when unknown. */
export function diagnosticJson(d: Diagnostic) {
    return {
        file: d.file ?? null,
        line: d.line ?? null,
        column: d.column ?? null,
        severity: d.severity,
        code: d.code,
        message: d.message,
        hint: d.hint ?? null,
    };
}

/** Writes the shown findings, one formatted finding (with its hint line) each. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], write: (s: string) => void, cwd: string, verbose = false): void {
    for (const d of shownDiagnostics(diagnostics, cwd, verbose)) write(formatDiagnostic(d) + "\n");
}

/** In file order (stable: findings at one place keep their order). */
function byLocation(a: Diagnostic, b: Diagnostic): number {
    return (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
