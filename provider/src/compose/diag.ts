// Building located diagnostics.
import type { Diagnostic, Severity } from "./types";
import type { Loc } from "./tree";

export class Diagnostics {
    readonly list: Diagnostic[] = [];

    add(severity: Severity, code: string, message: string, loc: Loc | undefined, hint?: string): void {
        const d: Diagnostic = { severity, code, message };
        if (hint) d.hint = hint;
        if (loc) {
            d.file = loc.file;
            d.line = loc.line;
            d.column = loc.column;
        }
        this.list.push(d);
    }

    error(code: string, message: string, loc: Loc | undefined, hint?: string): void {
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
