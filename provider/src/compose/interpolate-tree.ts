// Interpolate every string value of one parsed document (keys are left alone, like compose-go).
//
// The Defang rule (see interpolate.ts): inside `services.<name>.environment`, a value that still
// holds unresolved references becomes a ConfigTemplate (config read from SSM at deploy time);
// anywhere else an unresolved reference becomes "" with an `unset-variable` warning at the value.
// The list form of `environment` is turned into a mapping first so each value can hold a template.
import { Diagnostics } from "./diag";
import { TemplatePart, interpolate, needsInterpolation, partsToString, refsOf } from "./interpolate";
import { Loc, OverrideTag, RawMap, RawSeq, isMap, isSeq, newMap, setEntryLocs, valueLoc, entryLocs, assign } from "./tree";
import type { Variables } from "./variables";

/** An environment value still holding unresolved references (a leaf of the raw tree until binding). */
export class EnvTemplate {
    constructor(readonly parts: TemplatePart[]) {}
}

export function interpolateDoc(doc: RawMap, vars: Variables, diags: Diagnostics): void {
    const done = new Set<unknown>();
    const services = unwrap(doc.services);
    if (isMap(services)) {
        for (const name of Object.keys(services)) {
            const svc = unwrap(services[name]);
            if (isMap(svc) && svc.environment !== undefined) {
                const env = svc.environment;
                const mapped = envMapping(unwrap(env), vars, diags);
                svc.environment = env instanceof OverrideTag ? new OverrideTag(mapped, env.loc) : mapped;
                done.add(mapped);
            }
        }
    }
    walk(doc, vars, diags, done);
}

function unwrap(v: unknown): unknown {
    return v instanceof OverrideTag ? v.value : v;
}

function walk(container: RawMap | RawSeq, vars: Variables, diags: Diagnostics, done: Set<unknown>): void {
    if (done.has(container)) return;
    const keys: Array<string | number> = isSeq(container) ? container.map((_, i) => i) : Object.keys(container);
    for (const k of keys) {
        const v = isSeq(container) ? container[k as number] : container[k as string];
        if (typeof v === "string") {
            if (needsInterpolation(v)) setValue(container, k, plain(v, vars, diags, valueLoc(container, k)));
        } else if (isMap(v) || isSeq(v)) {
            walk(v, vars, diags, done);
        } else if (v instanceof OverrideTag && (isMap(v.value) || isSeq(v.value))) {
            walk(v.value, vars, diags, done);
        } else if (v instanceof OverrideTag && typeof v.value === "string") {
            setValue(container, k, new OverrideTag(plain(v.value, vars, diags, valueLoc(container, k)), v.loc));
        }
    }
}

function setValue(container: RawMap | RawSeq, k: string | number, value: unknown): void {
    if (isSeq(container)) container[k as number] = value;
    else assign(container, k as string, value);
}

/** Interpolate a value outside `environment`: unresolved references become "" with a warning. */
function plain(s: string, vars: Variables, diags: Diagnostics, loc: Loc | undefined): string {
    const parts = run(s, vars, diags, loc);
    for (const name of refsOf(parts)) {
        diags.warn("unset-variable", `variable ${name} is not set; using an empty string`, loc,
            `define ${name} in the environment you pass, or in the .env file next to the compose file; \${${name}:-default} gives a default`);
    }
    return partsToString(parts);
}

function run(s: string, vars: Variables, diags: Diagnostics, loc: Loc | undefined): TemplatePart[] {
    const r = interpolate(s, vars.lookup);
    if (r.error) {
        if (r.error.startsWith("required variable")) {
            diags.error("required-variable", r.error, loc, "set this variable in the environment you pass or in the .env file");
        } else {
            diags.error("invalid-interpolation", `invalid interpolation in ${JSON.stringify(s)}`, loc, "write $$ for a literal '$'; a variable reference is $NAME or ${NAME}");
        }
    }
    return r.parts;
}

/** `environment` as a mapping whose values are strings, ConfigTemplates or null (bare keys). */
function envMapping(env: unknown, vars: Variables, diags: Diagnostics): unknown {
    if (isSeq(env)) {
        const out = newMap(env);
        env.forEach((item, i) => {
            if (typeof item !== "string") return;
            const locs = entryLocs(env, i);
            const eq = item.indexOf("=");
            const rawKey = eq < 0 ? item : item.slice(0, eq);
            const key = needsInterpolation(rawKey) ? plain(rawKey, vars, diags, locs?.value) : rawKey;
            assign(out, key, eq < 0 ? null : envValue(item.slice(eq + 1), vars, diags, locs?.value));
            setEntryLocs(out, key, { key: locs?.value, value: locs?.value });
        });
        return out;
    }
    if (isMap(env)) {
        for (const key of Object.keys(env)) {
            const v = env[key];
            if (typeof v === "string") env[key] = envValue(v, vars, diags, valueLoc(env, key));
            else if (typeof v === "number" || typeof v === "boolean") env[key] = String(v);
        }
    }
    return env;
}

function envValue(s: string, vars: Variables, diags: Diagnostics, loc: Loc | undefined): string | EnvTemplate {
    if (!needsInterpolation(s)) return s;
    const parts = run(s, vars, diags, loc);
    if (parts.every((p) => typeof p === "string")) return partsToString(parts);
    return new EnvTemplate(parts);
}
