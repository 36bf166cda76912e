// What every planning step shares: the project, the options, the mode's settings and one list of
// diagnostics. User mistakes become diagnostics located at the compose line that caused them.
import { diagnosticAt, type ComposeProject, type Diagnostic, type DocPath, type Severity } from "../compose/types";
import type { PlanCode } from "./codes";
import { MODE_TABLE, type ModeSettings } from "./modes";
import type { NamingScope } from "./naming";
import type { PlanOptions } from "./types";

export class PlanContext {
    readonly settings: ModeSettings;
    readonly diagnostics: Diagnostic[] = [];

    constructor(
        readonly project: ComposeProject,
        readonly options: PlanOptions,
    ) {
        this.settings = MODE_TABLE[options.mode];
    }

    error(code: PlanCode, path: DocPath | undefined, message: string, hint: string): void {
        this.report("error", code, path, message, hint);
    }

    warn(code: PlanCode, path: DocPath | undefined, message: string, hint: string): void {
        this.report("warning", code, path, message, hint);
    }

    info(code: PlanCode, path: DocPath | undefined, message: string, hint?: string): void {
        this.report("info", code, path, message, hint);
    }

    /** Whose resources the plan names (plan/naming.ts). */
    get naming(): NamingScope {
        return { project: this.project.name, stack: this.options.stack, pulumiProject: this.options.pulumiProject, region: this.options.region };
    }

    hasErrors(): boolean {
        return this.diagnostics.some((d) => d.severity === "error");
    }

    private report(severity: Severity, code: PlanCode, path: DocPath | undefined, message: string, hint?: string): void {
        const where = path ? this.project.sources.locate(path) : undefined;
        this.diagnostics.push(diagnosticAt(severity, code, message, where, hint));
    }
}

/** Path of a service in the compose document. */
export function servicePath(name: string, ...rest: Array<string | number>): DocPath {
    return ["services", name, ...rest];
}
