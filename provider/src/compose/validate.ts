// Validation against the Compose specification JSON schema (compiled once, lazily, with Ajv2020),
// with errors turned into located Diagnostics in plain words:
//   unknown key 'hostnme' in service 'web'   (hint: did you mean 'hostname'?)
//   'services.web.healthcheck.interval' must be a string (got a number)
import Ajv2020, { ErrorObject, ValidateFunction } from "ajv/dist/2020";
import { createHash } from "crypto";
import type { Diagnostic } from "./types";
import { Loc, RawMap, isMap, isSeq, keyLoc, locatePath } from "./tree";
import { closest, describePath, shownValue, typeName } from "./words";
// A JSON import (not a runtime require) so the build copies the schema next to the compiled code.
import COMPOSE_SCHEMA from "./schema/compose-spec.json";

/** Ajv's options for the compose schema (scripts/compile-compose-schema.js generates the build's validator with them). */
export const AJV_OPTIONS = { allowUnionTypes: true, strictTypes: false, allErrors: true, verbose: true } as const;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
    compiled ??= precompiled() ?? new Ajv2020(AJV_OPTIONS).compile(COMPOSE_SCHEMA as object);
    return compiled;
}

/**
 * The validator the build generated (Ajv's standalone code, schema/compose-spec.validate.js next to
 * the compiled code), when it was made from this schema with these options: loading it takes
 * milliseconds where compiling the schema takes a fifth of a second of every command. Absent when
 * running from source (tests), or stale: then the schema is compiled here.
 */
export function precompiled(): ValidateFunction | undefined {
    try {
        const generated = require("./schema/compose-spec.validate") as ValidateFunction & { digest?: string };
        return generated.digest === schemaDigest() ? generated : undefined;
    } catch {
        return undefined;
    }
}

/** What the generated validator must have been made from: the schema and Ajv's options. */
export function schemaDigest(): string {
    return createHash("sha256").update(JSON.stringify([COMPOSE_SCHEMA, AJV_OPTIONS])).digest("hex");
}

/**
 * Which errors to report. One document of several (an override file, an extended service) may be
 * partial: a required key may come from another file, and a null value keeps what another file
 * set. Those two are checked once everything is merged, like compose-go (which validates the merged
 * model): documents get "local" (everything else), the merged model gets "merged".
 */
export type SchemaCheck = "local" | "merged";

/** Validate a document (already stripped of `!reset`/`!override` markers, null sections fixed). */
export function validateSchema(doc: RawMap, fallback: Loc, check: SchemaCheck): Diagnostic[] {
    const validate = validator();
    if (validate(doc)) return [];
    const mergedOnly = (e: AjvError) =>
        e.keyword === "required" || (e.keyword === "type" && valueAt(doc, resolve(doc, pointer(e.instancePath))) === null);
    return simplify(validate.errors ?? [])
        .filter((e) => (check === "merged") === mergedOnly(e))
        .map((e) => toDiagnostic(e, doc, fallback));
}

type AjvError = ErrorObject & { parentSchema?: { properties?: Record<string, unknown>; patternProperties?: Record<string, unknown> } };

/**
 * Ajv reports every failed branch of a `oneOf`. Keep what matters: when some branch had the right
 * type, its errors; when none did, one "must be a string or a mapping" error.
 */
function simplify(errors: ErrorObject[]): AjvError[] {
    const out: AjvError[] = [];
    for (const e of errors) {
        if (e.keyword !== "oneOf" && e.keyword !== "anyOf") {
            out.push(e);
            continue;
        }
        const branch: AjvError[] = [];
        while (out.length > 0 && under(out[out.length - 1].instancePath, e.instancePath)) branch.unshift(out.pop()!);
        const mismatches = branch.filter((b) => b.keyword === "type" && b.instancePath === e.instancePath);
        const real = branch.filter((b) => !mismatches.includes(b));
        if (real.length > 0) out.push(...real);
        else if (mismatches.length > 0) {
            const types = [...new Set(mismatches.flatMap((m) => asList(m.params.type)))];
            out.push({ ...mismatches[0], params: { type: types } });
        } else out.push(e);
    }
    const seen = new Set<string>();
    return out.filter((e) => {
        const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

function under(path: string, parent: string): boolean {
    return path === parent || path.startsWith(parent + "/");
}

function asList(t: unknown): string[] {
    return Array.isArray(t) ? t.map(String) : [String(t)];
}

function pointer(instancePath: string): Array<string | number> {
    if (!instancePath) return [];
    return instancePath.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function resolve(doc: unknown, path: Array<string | number>): Array<string | number> {
    // JSON pointers carry array indexes as strings; give them back their number type.
    const out: Array<string | number> = [];
    let cur = doc;
    for (const p of path) {
        const key = isSeq(cur) ? Number(p) : p;
        out.push(key);
        cur = isSeq(cur) ? cur[key as number] : isMap(cur) ? cur[key as string] : undefined;
    }
    return out;
}

function toDiagnostic(e: AjvError, doc: RawMap, fallback: Loc): Diagnostic {
    const path = resolve(doc, pointer(e.instancePath));
    const where = describePath(path);
    let loc = locatePath(doc, path) ?? fallback;
    let message: string;
    let hint: string | undefined;
    let code = "schema";
    switch (e.keyword) {
        case "additionalProperties": {
            const key = String(e.params.additionalProperty);
            const parent = valueAt(doc, path);
            loc = keyLoc(parent, key) ?? loc;
            const known = Object.keys(e.parentSchema?.properties ?? {});
            if (known.length === 0 && e.parentSchema?.patternProperties) {
                code = "invalid-name";
                message = `invalid name '${key}' in ${where}`;
                hint = "names may only contain letters, digits, '.', '_' and '-'";
            } else {
                code = "unknown-key";
                message = `unknown key '${key}' in ${where}`;
                const guess = closest(key, known);
                hint = guess
                    ? `did you mean '${guess}'? (custom keys must start with 'x-')`
                    : `remove it, or prefix it with 'x-' to keep it as an extension`;
            }
            break;
        }
        case "type": {
            const value = valueAt(doc, path);
            code = "wrong-type";
            const expected = asList(e.params.type).map(typeName);
            message = `${where} must be ${joinOr(expected)} (got ${gotType(value)})`;
            hint = typeHint(expected);
            break;
        }
        case "enum": {
            code = "invalid-value";
            const allowed = (e.params.allowedValues as unknown[]).map(String);
            message = `${where} must be one of ${allowed.map((v) => `'${v}'`).join(", ")} (got ${shownValue(valueAt(doc, path))})`;
            const guess = closest(String(valueAt(doc, path)), allowed);
            hint = guess ? `did you mean '${guess}'?` : `use one of ${allowed.map((v) => `'${v}'`).join(", ")}`;
            break;
        }
        case "required": {
            code = "missing-key";
            const missing = String(e.params.missingProperty);
            message = `${where} is missing the required key '${missing}'`;
            hint = REQUIRED_HINTS[missing] ?? `add '${missing}:' to it`;
            break;
        }
        case "uniqueItems":
            code = "duplicate-item";
            {
                const [first, second] = [Number(e.params.i), Number(e.params.j)].sort((a, b) => a - b);
                loc = locatePath(doc, [...path, second]) ?? loc;
                message = `${where} has duplicate items (#${first + 1} and #${second + 1})`;
            }
            hint = "remove the duplicate";
            break;
        case "oneOf":
            code = "invalid-value";
            message = `${where} matches more than one allowed form`;
            hint = "write it in exactly one of the forms the compose specification allows (short string or long mapping)";
            break;
        case "minimum":
        case "maximum":
        case "exclusiveMinimum":
        case "exclusiveMaximum":
            code = "invalid-value";
            message = `${where} ${e.message ?? "is out of range"} (got ${shownValue(valueAt(doc, path))})`;
            hint = `use a value that ${(e.message ?? "is in range").replace(/^must be/, "is")}`;
            break;
        default:
            code = "invalid-value";
            message = `${where} ${e.message ?? "is invalid"} (got ${shownValue(valueAt(doc, path))})`;
            hint = "see the compose specification (https://compose-spec.io) for the allowed values";
    }
    return { severity: "error", code, message, hint, file: loc.file, line: loc.line, column: loc.column };
}

function valueAt(doc: unknown, path: Array<string | number>): unknown {
    let cur = doc;
    for (const p of path) cur = isSeq(cur) ? cur[p as number] : isMap(cur) ? cur[p as string] : undefined;
    return cur;
}

function jsonType(v: unknown): string {
    if (v === null || v === undefined) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v;
}

function joinOr(items: string[]): string {
    const uniq = [...new Set(items)];
    if (uniq.length <= 1) return uniq[0] ?? "valid";
    return `${uniq.slice(0, -1).join(", ")} or ${uniq[uniq.length - 1]}`;
}

function typeHint(expected: string[]): string {
    if (expected.some((t) => t.includes("mapping"))) return "write it as a mapping of keys to values (key: value)";
    if (expected.some((t) => t.includes("list"))) return "write it as a list (- item)";
    if (expected.includes("an integer")) return "write a whole number, e.g. 2 (or a quoted string holding one)";
    if (expected.includes("a number")) return "write a number, e.g. 0.5";
    if (expected.includes("a boolean")) return "write true or false";
    if (expected.every((t) => t.includes("string"))) return "quote the value to make it a string";
    return `write ${joinOr(expected)} here`;
}

/** Hints for the keys the compose specification requires. */
const REQUIRED_HINTS: Record<string, string> = {
    condition: "add 'condition: service_started' (or service_healthy, service_completed_successfully)",
    service: "add 'service: NAME' naming the service to extend",
    path: "add 'path: FILE' naming the file",
    target: "add 'target: PORT' (or 'target: /path' for a volume or secret)",
    type: "add 'type:' (volume, bind, tmpfs, npipe or cluster)",
    capabilities: "add 'capabilities: [gpu]' to the device request",
};

/** What was found: a scalar as written (`2.5`, `"x"`, `true`), else its kind (`a mapping`). */
function gotType(v: unknown): string {
    return typeof v === "number" || typeof v === "boolean" || typeof v === "string" ? shownValue(v) : typeName(jsonType(v));
}

