// Variable interpolation in compose files: a pure function, no I/O.
//
// Syntax and semantics are compose-go's (template/template.go), case for case:
//   $$                 a literal `$`
//   $NAME, ${NAME}     the value of NAME (names: [_a-zA-Z][_a-zA-Z0-9]*)
//   ${NAME:-default}   default when NAME is unset or empty      ${NAME-default}  … when unset
//   ${NAME:+other}     `other` when NAME is set and non-empty    ${NAME+other}    … when set
//   ${NAME:?message}   error when NAME is unset or empty         ${NAME?message}  … when unset
// Defaults, replacements and messages are themselves interpolated (`${A:-${B}}`), braces inside them
// are balanced (`${X:-{"a":1}}`), and the operator is the one right after the name. `${`, `${}`,
// `${ x}`, `${x }`, `${x!}` are invalid; a lone `$` or `$}` stays as written.
//
// Defang semantics (what the caller does with the result, see interpolate-tree.ts):
//   - Only the caller's variables are used (the component's `environment`, then env files); the
//     shell environment never is.
//   - A plain reference whose variable is unset (`$NAME`, `${NAME}`) is returned as a `{ref: NAME}`
//     part instead of being blanked. In a service's `environment`, such a value becomes a config
//     reference (a ConfigTemplate read from SSM at deploy time); anywhere else it becomes "" and a
//     warning `unset-variable`.
//   - Operators decide at load time: `${NAME:-d}` with NAME unset gives `d`, `${NAME:+x}` gives "",
//     `${NAME:?msg}` is an error located at the value.

export interface ConfigRef {
    ref: string;
}

export type TemplatePart = string | ConfigRef;

/** A variable's value: a string, a template still holding references, or undefined when unset. */
export type VariableValue = string | TemplatePart[] | undefined;

export type Lookup = (name: string) => VariableValue;

export interface InterpolationResult {
    /** Literal text and unresolved references, adjacent strings joined. */
    parts: TemplatePart[];
    /** The first error, e.g. `required variable X is missing a value: msg` or `Invalid template: "${"`. */
    error?: string;
    /** The value grew past MAX_INTERPOLATED_VALUE (variables that double each other); `parts` is cut. */
    tooLarge?: boolean;
}

/** Like the YAML alias cap: variables referencing each other twice per line double at every line. */
export const MAX_INTERPOLATED_VALUE = 1024 * 1024;
/** All interpolated values of one project together. */
export const MAX_INTERPOLATED_TOTAL = 16 * 1024 * 1024;

/** Characters of a part list (a reference counts as its `${NAME}`). */
export function partsLength(parts: readonly TemplatePart[]): number {
    let n = 0;
    for (const p of parts) n += typeof p === "string" ? p.length : p.ref.length + 3;
    return n;
}

/** Interpolate `template`; unresolved plain references are kept as `{ref}` parts. */
export function interpolate(template: string, lookup: Lookup): InterpolationResult {
    const state: State = { lookup };
    const parts = substitute(template, state);
    return { parts: joinParts(parts), error: state.error, tooLarge: state.tooLarge };
}

/** compose-go's Substitute: unresolved references become "". Throws on an invalid template. */
export function substituteString(template: string, lookup: Lookup): string {
    const r = interpolate(template, lookup);
    if (r.error) throw new Error(r.error);
    return partsToString(r.parts);
}

export function partsToString(parts: readonly TemplatePart[]): string {
    return parts.map((p) => (typeof p === "string" ? p : "")).join("");
}

export function refsOf(parts: readonly TemplatePart[]): string[] {
    const names: string[] = [];
    for (const p of parts) if (typeof p !== "string" && !names.includes(p.ref)) names.push(p.ref);
    return names;
}

/** True when `s` contains something interpolation would change (a `$` followed by `$`, a name or `{`). */
export function needsInterpolation(s: string): boolean {
    return /\$[$_a-zA-Z{]/.test(s);
}

interface State {
    lookup: Lookup;
    error?: string;
    tooLarge?: boolean;
}

const NAME_START = /[_a-zA-Z]/;
const NAME_CHAR = /[_a-zA-Z0-9]/;
const OPERATORS = [":?", ":-", ":+", "?", "-", "+"] as const;
type Operator = (typeof OPERATORS)[number];

function fail(state: State, message: string): void {
    if (state.error === undefined) state.error = message;
}

function substitute(template: string, state: State): TemplatePart[] {
    const out: TemplatePart[] = [];
    let i = 0;
    let size = 0;
    let counted = 0;
    while (i < template.length) {
        // Checked as the value grows, so a doubling chain stops at the cap instead of exhausting memory.
        for (; counted < out.length; counted++) size += partsLength([out[counted]]);
        if (size > MAX_INTERPOLATED_VALUE) {
            state.tooLarge = true;
            fail(state, `the interpolated value grows past ${MAX_INTERPOLATED_VALUE} characters (1 MiB)`);
            return out;
        }
        const j = template.indexOf("$", i);
        if (j < 0) {
            out.push(template.slice(i));
            break;
        }
        if (j > i) out.push(template.slice(i, j));
        const c = template[j + 1];
        if (c === "$") {
            out.push("$");
            i = j + 2;
        } else if (c !== undefined && NAME_START.test(c)) {
            const end = nameEnd(template, j + 1);
            out.push(...valueParts(template.slice(j + 1, end), state));
            i = end;
        } else if (c === "{") {
            i = braced(template, j, state, out);
        } else {
            out.push("$");
            i = j + 1;
        }
    }
    for (; counted < out.length; counted++) size += partsLength([out[counted]]);
    if (size > MAX_INTERPOLATED_VALUE) {
        state.tooLarge = true;
        fail(state, `the interpolated value grows past ${MAX_INTERPOLATED_VALUE} characters (1 MiB)`);
    }
    return out;
}

function nameEnd(s: string, from: number): number {
    let k = from;
    if (k < s.length && NAME_START.test(s[k])) {
        k++;
        while (k < s.length && NAME_CHAR.test(s[k])) k++;
    }
    return k;
}

/** Handles `${…}` starting at `start` (the `$`); returns the index to continue from. */
function braced(template: string, start: number, state: State, out: TemplatePart[]): number {
    const invalid = (): number => {
        fail(state, `Invalid template: ${JSON.stringify(template)}`);
        return start + 2;
    };
    const nameStart = start + 2;
    const k = nameEnd(template, nameStart);
    if (k === nameStart) return invalid();
    const name = template.slice(nameStart, k);
    if (template[k] === "}") {
        out.push(...valueParts(name, state));
        return k + 1;
    }
    const op = OPERATORS.find((o) => template.startsWith(o, k));
    if (!op) return invalid();
    const opEnd = k + op.length;
    // Like compose-go's pattern `(.*)}`: the content runs to the last `}` of the line, then is cut at
    // the first balanced closing brace; what follows it is interpolated as ordinary text.
    let lineEnd = template.indexOf("\n", opEnd);
    if (lineEnd < 0) lineEnd = template.length;
    const last = template.lastIndexOf("}", lineEnd - 1);
    if (last < opEnd) return invalid();
    const region = template.slice(start, last + 1);
    const close = firstBraceClosingIndex(region);
    const sub = close > -1 ? region.slice(0, close + 1) : region;
    const content = sub.slice(op.length + (k - start), -1);
    out.push(...applyOperator(name, op, content, state));
    return start + sub.length;
}

/** compose-go's getFirstBraceClosingIndex, quirks included (a `{` skips the character after it). */
function firstBraceClosingIndex(s: string): number {
    let open = 0;
    for (let i = 0; i < s.length; i++) {
        if (s[i] === "}") {
            open--;
            if (open === 0) return i;
        }
        if (s[i] === "{") {
            open++;
            i++;
        }
    }
    return -1;
}

function applyOperator(name: string, op: Operator, content: string, state: State): TemplatePart[] {
    // compose-go interpolates the default / message before looking at the variable.
    const nested = substitute(content, state);
    const value = state.lookup(name);
    const isSet = value !== undefined;
    const nonEmpty = isSet && !isEmpty(value);
    switch (op) {
        case ":-": return nonEmpty ? asParts(value) : nested;
        case "-": return isSet ? asParts(value) : nested;
        case ":+": return nonEmpty ? nested : asParts(value ?? "");
        case "+": return isSet ? nested : [""];
        case ":?":
        case "?": {
            if (op === ":?" ? nonEmpty : isSet) return asParts(value);
            const message = partsToString(nested);
            fail(state, message ? `required variable ${name} is missing a value: ${message}` : `required variable ${name} is missing a value`);
            return [""];
        }
    }
}

function valueParts(name: string, state: State): TemplatePart[] {
    const value = state.lookup(name);
    return value === undefined ? [{ ref: name }] : asParts(value);
}

function asParts(value: string | TemplatePart[] | undefined): TemplatePart[] {
    if (value === undefined) return [""];
    return typeof value === "string" ? [value] : value;
}

function isEmpty(value: string | TemplatePart[]): boolean {
    return typeof value === "string" ? value === "" : value.every((p) => p === "");
}

function joinParts(parts: TemplatePart[]): TemplatePart[] {
    const out: TemplatePart[] = [];
    for (const p of parts) {
        if (typeof p === "string") {
            if (p === "") continue;
            const last = out[out.length - 1];
            if (typeof last === "string") out[out.length - 1] = last + p;
            else out.push(p);
        } else {
            out.push({ ref: p.ref });
        }
    }
    return out;
}
