// The security rules of reference/security-rules.md as pure functions over a resource graph (type
// token + resolved inputs, as the offline engine captures them): no cloud access, same verdicts in
// tests and in tools.
import type { Mode } from "../plan/modes";

export type Severity = "Critical" | "High" | "Med" | "Low" | "Info";

/** One resource of the graph (runOfflinePlan().resources or the test harness's captures). */
export interface PolicyResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    /** Provider id, when known (the offline engine gives one): lets rules follow references by id. */
    id?: string;
}

export interface Violation {
    rule: string;
    severity: Severity;
    resource: string;
    type: string;
    message: string;
    /** False when the rule is advisory in this mode (reported, not failing). */
    mandatory: boolean;
}

export interface Rule {
    id: string;
    severity: Severity;
    /** Modes where the rule is mandatory; in the others it is advisory. Empty: advisory everywhere. */
    modes: Mode[];
    check(graph: Graph): Array<{ resource: PolicyResource; message: string }>;
}

export const ALL_MODES: Mode[] = ["affordable", "balanced", "high_availability"];
export const PRODUCTION: Mode[] = ["balanced", "high_availability"];

/** The graph with lookups the rules share. */
export class Graph {
    private readonly byId = new Map<string, PolicyResource>();

    constructor(readonly resources: PolicyResource[]) {
        for (const r of resources) if (r.id) this.byId.set(r.id, r);
    }

    ofType(...types: string[]): PolicyResource[] {
        return this.resources.filter((r) => types.includes(r.type));
    }

    byIdOf(id: unknown): PolicyResource | undefined {
        return typeof id === "string" ? this.byId.get(id) : undefined;
    }
}

export function str(v: unknown): string | undefined {
    return typeof v === "string" ? v : undefined;
}

export function list(v: unknown): unknown[] {
    return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

export function obj(v: unknown): Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Parses a JSON input (policy documents, container definitions); undefined when not JSON. */
export function parseJson(v: unknown): unknown {
    if (typeof v !== "string") return typeof v === "object" ? v : undefined;
    try {
        return JSON.parse(v);
    } catch {
        return undefined;
    }
}
