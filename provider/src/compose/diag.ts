// Building located diagnostics.
import { diagnosticAt, type Diagnostic, type Severity } from "./types";
import type { Loc } from "./tree";

export class Diagnostics {
    readonly list: Diagnostic[] = [];

    add(severity: Severity, code: string, message: string, loc: Loc | undefined, hint?: string): void {
        this.list.push(diagnosticAt(severity, code, message, loc, hint));
    }

    error(code: string, message: string, loc: Loc | undefined, hint: string): void {
        this.add("error", code, message, loc, hint);
    }

    warn(code: string, message: string, loc: Loc | undefined, hint?: string): void {
        this.add("warning", code, message, loc, hint);
    }

    push(...ds: Diagnostic[]): void {
        this.list.push(...ds);
    }

    get errorCount(): number {
        return this.list.filter((d) => d.severity === "error").length;
    }
}

/** Each finding once, in first-seen order (a file read twice, or a check run by two layers, reports it once). */
export function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
    const seen = new Set<string>();
    return diagnostics.filter((d) => {
        const key = `${d.severity}|${d.code}|${d.message}|${d.file}|${d.line}|${d.column}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/** The start of a file, for problems that have no better position. */
export function fileStart(file: string): Loc {
    return { file, line: 1, column: 1 };
}
