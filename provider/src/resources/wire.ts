// Property values as the engine sends them to a provider's CRUD methods (the Node provider server
// turns the gRPC Struct into plain JavaScript but keeps the engine's special objects): secrets and
// output values arrive wrapped in signature objects, unknowns (preview) as a sentinel string.
// Custom resources validate and compare plain values, so they unwrap these first.

/** The engine's placeholder for a value not known yet (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/** Unwraps secrets and output values, recursively; unknown outputs become UNKNOWN. */
export function plain(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(plain);
    if (value === null || typeof value !== "object") return value;
    const record = value as Record<string, unknown>;
    if (record[SIG] === SECRET_SIG) return plain(record.value);
    if (record[SIG] === OUTPUT_SIG) return "value" in record ? plain(record.value) : UNKNOWN;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) out[k] = plain(v);
    return out;
}

/** True when the value or anything inside it is not known yet. */
export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    return value !== null && typeof value === "object" && Object.values(value).some(containsUnknown);
}

/** The resource type of a URN (`urn:pulumi:<stack>::<project>::<parent$…$type>::<name>`). */
export function typeOfUrn(urn: string): string {
    const qualified = urn.split("::")[2] ?? "";
    return qualified.split("$").pop() ?? "";
}

// ----- what the custom resources' check and diff share -----

export interface CheckFailure {
    property: string;
    reason: string;
}

/** A failure for each of `keys` that is known and not a non-empty string. */
export function nonEmptyStrings(inputs: Record<string, unknown>, keys: readonly string[]): CheckFailure[] {
    return keys.filter((key) => inputs[key] !== UNKNOWN && (typeof inputs[key] !== "string" || inputs[key] === "")).map((key) => ({ property: key, reason: `${key} must be a non-empty string` }));
}

/** A failure when `timeoutMinutes` is given, known and not a whole number of minutes from `min` to `max`. */
export function timeoutFailures(inputs: Record<string, unknown>, min: number, max: number): CheckFailure[] {
    const t = inputs.timeoutMinutes;
    if (t === undefined || t === UNKNOWN || (typeof t === "number" && Number.isInteger(t) && t >= min && t <= max)) return [];
    return [{ property: "timeoutMinutes", reason: `timeoutMinutes must be a whole number of minutes from ${min} to ${max}` }];
}

/** The triggers whose new value is not known yet or differs from the old one (map key order ignored). */
export function changedTriggers(olds: unknown, news: unknown, triggers: readonly string[]): string[] {
    const before = plain(olds) as Record<string, unknown>;
    const after = plain(news) as Record<string, unknown>;
    return triggers.filter((key) => containsUnknown(after[key]) || canonical(before[key]) !== canonical(after[key]));
}

/** Object keys sorted, `undefined` and `{}` alike for maps: a comparison that ignores key order. */
function canonical(value: unknown): string {
    if (value === undefined || value === null) return "";
    if (typeof value !== "object") return JSON.stringify(value);
    if (Array.isArray(value)) return JSON.stringify(value.map(canonical));
    const keys = Object.keys(value).sort();
    if (keys.length === 0) return "";
    return JSON.stringify(keys.map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
}
