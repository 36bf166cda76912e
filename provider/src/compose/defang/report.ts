// Turns a rule code + a document path into a located Diagnostic. Only codes of the rule table can be
// reported, and every {placeholder} of the template must be given: both are programming errors that
// the per-rule tests catch.
import { diagnosticAt, type Diagnostic, type DocPath, type SourceMap } from "../types";
import { RULE_BY_CODE } from "./rules";

export type Vars = Record<string, string | number>;

export class Reporter {
    readonly diagnostics: Diagnostic[] = [];

    constructor(private readonly sources: SourceMap) {}

    /** Report `code` at `path`; `service` (when given) prefixes the message. */
    report(code: string, path: DocPath, vars: Vars = {}, service?: string): Diagnostic {
        const rule = RULE_BY_CODE.get(code);
        if (!rule) throw new Error(`unknown Defang rule code '${code}'`);
        const where = this.sources.locate(path);
        const message = fill(rule.message, vars, code);
        const text = service !== undefined ? `service "${service}": ${message}` : message;
        const d = diagnosticAt(rule.severity, code, text, where, rule.hint ? fill(rule.hint, vars, code) : undefined);
        this.diagnostics.push(d);
        return d;
    }

    /** A reporter bound to one service: paths are relative to `services.<name>`. */
    forService(name: string, root: DocPath = ["services", name]): ServiceReporter {
        return {
            name,
            root,
            report: (code, path, vars) => this.report(code, [...root, ...path], vars, name),
        };
    }
}

export interface ServiceReporter {
    name: string;
    /** Where the service is in the document (`["models", name]` for a gateway made from a model). */
    root: DocPath;
    report(code: string, path: DocPath, vars?: Vars): Diagnostic;
}

function fill(template: string, vars: Vars, code: string): string {
    return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
        const v = vars[key];
        if (v === undefined) throw new Error(`rule '${code}' needs a value for {${key}}`);
        return String(v);
    });
}
