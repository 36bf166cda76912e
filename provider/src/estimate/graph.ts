// The offline plan's resources as a graph: find resources by type, follow references (an input that
// holds another resource's mock id or ARN) and attribute each resource to its compose service.
import type { PlannedResource } from "./types";

/** Component resources that only group children (never billed). */
const COMPONENT_PREFIXES = ["defang:", "pulumi:"];

export class ResourceGraph {
    private readonly byType = new Map<string, PlannedResource[]>();
    /** Compose service (and managed store) names, longest first, for name-based attribution. */
    private readonly services: string[];
    /** Logical names of the defang components (children are named `${component}-${service}-${what}`). */
    private readonly components: string[];

    constructor(
        readonly resources: readonly PlannedResource[],
        serviceNames: Iterable<string> = [],
    ) {
        for (const r of resources) {
            const list = this.byType.get(r.type) ?? [];
            list.push(r);
            this.byType.set(r.type, list);
        }
        this.services = [...new Set(serviceNames)].sort((a, b) => b.length - a.length);
        this.components = resources.filter((r) => r.type.startsWith("defang:")).map((r) => r.name);
    }

    ofType(type: string): PlannedResource[] {
        return this.byType.get(type) ?? [];
    }

    /**
     * The resource of `type` that `ref` (an id, ARN or name taken from another resource's inputs)
     * points at. Matching is by the handles a mock id or ARN is built from (logical name, physical
     * name, family, identifier); the longest handle found in `ref` wins. When nothing matches and
     * `near` is given, a single candidate sharing its parent (or the only candidate) is used.
     */
    resolve(ref: unknown, type: string, near?: PlannedResource): PlannedResource | undefined {
        const candidates = this.ofType(type);
        if (typeof ref === "string" && ref) {
            let best: { r: PlannedResource; score: number } | undefined;
            for (const c of candidates) {
                for (const h of handles(c)) {
                    if (h.length > (best?.score ?? 0) && containsToken(ref, h)) best = { r: c, score: h.length };
                }
            }
            if (best) return best.r;
        }
        if (near) {
            const siblings = candidates.filter((c) => c.parent !== undefined && c.parent === near.parent);
            if (siblings.length === 1) return siblings[0];
        }
        return candidates.length === 1 ? candidates[0] : undefined;
    }

    /** The compose service a resource belongs to, or null for shared infrastructure. */
    serviceOf(r: PlannedResource): string | null {
        const tags = r.inputs.tags as Record<string, unknown> | undefined;
        for (const key of ["defang:service", "defang-service"]) {
            const v = tags?.[key];
            if (typeof v === "string" && v) return v;
        }
        for (const component of this.components) {
            if (!r.name.startsWith(component + "-")) continue;
            const rest = r.name.slice(component.length + 1);
            // `<component>-<service>/<what>` (aws/context.ts); `<service>-<what>` in graphs planned before.
            const scoped = rest.includes("/") ? rest.slice(0, rest.indexOf("/")) : undefined;
            const hit = this.services.find((s) => s === scoped) ?? this.services.find((s) => rest === s || rest.startsWith(s + "-"));
            if (hit) return hit;
        }
        if (this.components.length === 0) {
            const hit = this.services.find((s) => r.name === s || r.name.startsWith(s + "-") || r.name.includes(`-${s}-`));
            if (hit) return hit;
        }
        return null;
    }

    static isComponent(type: string): boolean {
        return COMPONENT_PREFIXES.some((p) => type.startsWith(p));
    }
}

function handles(r: PlannedResource): string[] {
    const out = [r.name];
    if (r.id && r.id.length >= 2) out.push(r.id);
    for (const key of ["name", "family", "identifier", "clusterIdentifier", "replicationGroupId", "clusterId", "namePrefix"]) {
        const v = r.inputs[key];
        if (typeof v === "string" && v.length >= 2) out.push(v);
    }
    return out;
}

/** `needle` occurs in `hay` bounded by non-name characters (so `web` does not match `web2`). */
function containsToken(hay: string, needle: string): boolean {
    if (hay === needle) return true;
    let i = hay.indexOf(needle);
    while (i >= 0) {
        const before = i === 0 ? "" : hay[i - 1];
        const after = hay[i + needle.length] ?? "";
        if (!/[A-Za-z0-9_-]/.test(before) && !/[A-Za-z0-9_]/.test(after)) return true;
        i = hay.indexOf(needle, i + 1);
    }
    return false;
}

/** Compose services and managed stores, the names lines are attributed to (from the component's outputs). */
export function serviceNamesOf(outputs: Record<string, unknown>): string[] {
    const names: string[] = [];
    for (const key of ["services", "databases", "endpoints", "privateEndpoints"]) {
        const v = outputs[key];
        if (v && typeof v === "object" && !Array.isArray(v)) names.push(...Object.keys(v));
    }
    return [...new Set(names)];
}
