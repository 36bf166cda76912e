// How every command shows findings: in file order like a compiler, paths relative to the working
// directory when shorter, infos (fixups applied) only on request.
import { formatDiagnostic, relativeDiagnostic, type Diagnostic } from "../compose";

export function shownDiagnostics(diagnostics: readonly Diagnostic[], cwd: string, verbose = false): Diagnostic[] {
    return diagnostics
        .filter((d) => verbose || d.severity !== "info")
        .map((d) => relativeDiagnostic(d, cwd))
        .sort(byLocation);
}

/** Writes the shown findings, one formatted finding (with its hint line) each. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], write: (s: string) => void, cwd: string, verbose = false): void {
    for (const d of shownDiagnostics(diagnostics, cwd, verbose)) write(formatDiagnostic(d) + "\n");
}

/** In file order (stable: findings at one place keep their order). */
function byLocation(a: Diagnostic, b: Diagnostic): number {
    return (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
