// Hand-built ComposeProjects for plan tests (the shape loadForDeploy returns after Defang's rules),
// with a source map whose locations tests can set and assert.
import type { ComposeProject, ConfigTemplate, DocPath, ServiceConfig, SourceLocation, SourceMap } from "../../provider/src/compose/types";
import type { PlanOptions } from "../../provider/src/plan/types";

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;
export const S = 1e9;

/** A source map that knows the locations given, and answers a path with its nearest located ancestor. */
export class FakeSources implements SourceMap {
    private readonly at = new Map<string, SourceLocation>();
    constructor(private readonly file = "compose.yaml") {}

    set(path: DocPath, line: number, column = 5): this {
        this.at.set(path.join("\u0000"), { file: this.file, line, column });
        return this;
    }

    locate(path: DocPath): SourceLocation | undefined {
        for (let n = path.length; n >= 0; n--) {
            const hit = this.at.get(path.slice(0, n).join("\u0000"));
            if (hit) return hit;
        }
        return { file: this.file, line: 1, column: 1 };
    }
}

export function svc(name: string, fields: Partial<ServiceConfig> = {}): ServiceConfig {
    return { name, environment: {}, ...fields };
}

export function project(services: ServiceConfig[], fields: Partial<ComposeProject> = {}): ComposeProject {
    const all: Record<string, ServiceConfig> = {};
    for (const s of services) all[s.name] = s;
    return { name: "shop", workingDir: "/app", files: ["/app/compose.yaml"], services: all, sources: new FakeSources(), ...fields };
}

/** `KEY:` with no value (a bare config reference). */
export function bare(key: string): ConfigTemplate {
    return { kind: "config", bare: true, parts: [{ ref: key }] };
}

/** A value built from text and `${NAME}` references. */
export function tpl(...parts: Array<string | { ref: string }>): ConfigTemplate {
    return { kind: "config", parts };
}

export function opts(mode: PlanOptions["mode"] = "affordable", more: Partial<PlanOptions> = {}): PlanOptions {
    return { mode, stack: "prod", ...more };
}

export const ingress = (target: number, app_protocol = "http") => ({ mode: "ingress" as const, target, protocol: "tcp", app_protocol });
export const host = (target: number, protocol = "tcp") => ({ mode: "host" as const, target, protocol });

export function resources(cpus?: number, memory?: number, limits?: { cpus?: number; memory?: number }) {
    const reservations: { cpus?: number; memory?: number } = {};
    if (cpus !== undefined) reservations.cpus = cpus;
    if (memory !== undefined) reservations.memory = memory;
    return { resources: { reservations, ...(limits ? { limits } : {}) } };
}

export const curl = (url: string) => ({ test: ["CMD", "curl", "-f", url] });
