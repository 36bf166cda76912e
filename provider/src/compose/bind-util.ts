// Helpers shared by the binders (bind.ts, bind-resources.ts).
import type { ConfigTemplate, Extensions } from "./types";
import { EnvTemplate } from "./interpolate-tree";
import { RawMap, entryLoc, selfLoc } from "./tree";

export function bareConfig(key: string): ConfigTemplate {
    return { kind: "config", bare: true, parts: [{ ref: key }] };
}

export function configTemplate(t: EnvTemplate): ConfigTemplate {
    return { kind: "config", parts: t.parts.map((p) => (typeof p === "string" ? p : { ref: p.ref })) };
}

export function extensions(m: RawMap): Extensions | undefined {
    let out: Extensions | undefined;
    for (const k of Object.keys(m)) if (k.startsWith("x-")) (out ??= {})[k] = m[k];
    return out;
}

export function others(m: RawMap, known: Set<string>): Record<string, unknown> | undefined {
    let out: Record<string, unknown> | undefined;
    for (const k of Object.keys(m)) if (!known.has(k) && !k.startsWith("x-")) (out ??= {})[k] = m[k];
    return out;
}

export function dropUndefined<T extends object>(o: T): T {
    for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
    return o;
}

export function reorder<T extends object>(o: T, order: string[]): T {
    const out = {} as Record<string, unknown>;
    for (const k of order) if ((o as Record<string, unknown>)[k] !== undefined) out[k] = (o as Record<string, unknown>)[k];
    return out as T;
}

/** Where a mapping is: its first entry, else (empty) the mapping itself. */
export function entryLocAny(m: RawMap) {
    return entryLoc(m, Object.keys(m)[0] ?? "") ?? selfLoc(m);
}

/** A file mode: a number is taken as is, a string is octal (compose-go). Returned as "0440". */
export function fileMode(v: unknown): string | undefined {
    const n = fileModeNumber(v);
    return n === undefined ? undefined : "0" + n.toString(8);
}

export function fileModeNumber(v: unknown): number | undefined {
    if (typeof v === "number" && Number.isInteger(v) && v >= 0) return v;
    if (typeof v === "string") {
        const s = v.trim().replace(/^0o/i, "");
        if (/^[0-7]+$/.test(s)) return parseInt(s, 8);
    }
    return undefined;
}
