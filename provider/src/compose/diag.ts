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

/** The start of a file, for problems that have no better position. */
export function fileStart(file: string): Loc {
    return { file, line: 1, column: 1 };
}
