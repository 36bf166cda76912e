// Interpolate every string value of one parsed document (keys are left alone, like compose-go).
//
// The Defang rule (see interpolate.ts): inside `services.<name>.environment`, a value that still
// holds unresolved references becomes a ConfigTemplate (config read from SSM at deploy time);
// anywhere else an unresolved reference becomes "" with an `unset-variable` warning at the value
// (no warning in top-level x- blocks: the YAML templates are reported where they are used).
// The list form of `environment` is turned into a mapping first so each value can hold a template.
import { Diagnostics } from "./diag";
import { MAX_INTERPOLATED_TOTAL, TemplatePart, interpolate, needsInterpolation, partsLength, partsToString, refsOf } from "./interpolate";
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
    // Top-level x- blocks are templates merged elsewhere (`<<: *defaults`): each place that uses one
    // reports its own unresolved variables (or keeps them as config references), so the block is
    // interpolated quietly.
    for (const key of Object.keys(doc)) {
        const block = unwrap(doc[key]);
        if (key.startsWith("x-") && (isMap(block) || isSeq(block))) {
            walk(block, vars, diags, done, true);
            done.add(block);
        }
    }
    walk(doc, vars, diags, done);
}

function unwrap(v: unknown): unknown {
    return v instanceof OverrideTag ? v.value : v;
}

function walk(container: RawMap | RawSeq, vars: Variables, diags: Diagnostics, done: Set<unknown>, quiet = false): void {
    if (done.has(container)) return;
    const keys: Array<string | number> = isSeq(container) ? container.map((_, i) => i) : Object.keys(container);
    const value = (s: string, loc: Loc | undefined) => (quiet ? template(s, vars, diags, loc) : plain(s, vars, diags, loc));
    for (const k of keys) {
        const v = isSeq(container) ? container[k as number] : container[k as string];
        if (typeof v === "string") {
            if (needsInterpolation(v)) setValue(container, k, value(v, valueLoc(container, k)));
        } else if (isMap(v) || isSeq(v)) {
            walk(v, vars, diags, done, quiet);
        } else if (v instanceof OverrideTag && (isMap(v.value) || isSeq(v.value))) {
            walk(v.value, vars, diags, done, quiet);
        } else if (v instanceof OverrideTag && typeof v.value === "string") {
            setValue(container, k, new OverrideTag(value(v.value, valueLoc(container, k)), v.loc));
        }
    }
}

/** Interpolate a value of an x- block like any other, without the unset-variable warning. */
function template(s: string, vars: Variables, diags: Diagnostics, loc: Loc | undefined): string {
    return partsToString(run(s, vars, diags, loc));
}

function setValue(container: RawMap | RawSeq, k: string | number, value: unknown): void {
    if (isSeq(container)) container[k as number] = value;
    else assign(container, k as string, value);
}

/** Interpolate a value outside `environment`: unresolved references become "" with a warning. */
function plain(s: string, vars: Variables, diags: Diagnostics, loc: Loc | undefined): string {
    const parts = run(s, vars, diags, loc);
    for (const name of refsOf(parts)) {
        if (vars.isSecret(name)) {
            // A secret can only travel as an ECS secret: no other field can carry one.
            diags.error("secret-variable-outside-environment", `variable ${name} was given as a secret and cannot be used here: only a service's environment can carry a secret`, loc,
                `use \${${name}} only in a service's environment (it is injected from an SSM SecureString), or pass ${name} as a plain value if it is not secret`);
            continue;
        }
        diags.warn("unset-variable", `variable ${name} is not set; using an empty string`, loc,
            `define ${name} in the environment you pass, or in the .env file next to the compose file; \${${name}:-default} gives a default`);
    }
    return partsToString(parts);
}

const TOO_LARGE_HINT = "variables that reference each other several times grow exponentially: reference each once, or put large data in a file the image reads";

function run(s: string, vars: Variables, diags: Diagnostics, loc: Loc | undefined): TemplatePart[] {
    const r = interpolate(s, vars.lookup);
    if (r.tooLarge) {
        diags.error("interpolation-too-large", r.error ?? "the interpolated value is too large", loc, TOO_LARGE_HINT);
        return [];
    }
    // All values of the project together: many values each under the cap still end here.
    vars.usage.chars += partsLength(r.parts);
    if (vars.usage.chars > MAX_INTERPOLATED_TOTAL) {
        if (!vars.usage.reported) diags.error("interpolation-too-large", `the project's interpolated values grow past ${MAX_INTERPOLATED_TOTAL} characters (16 MiB)`, loc, TOO_LARGE_HINT);
        vars.usage.reported = true;
        return [];
    }
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
