// Placeholders: the values the offline engine invents where AWS would assign them at deploy (ids,
// ARNs, DNS names, IP addresses, the account 123456789012). `plan` marks every value that contains one,
// so a mock load balancer name is never read as the app's real address. Pure: no Pulumi import.

/** Shortest invented value worth tracking: shorter strings (`ISSUED`, `1`) are enums or counters, not ids. */
const MIN_LENGTH = 8;

/**
 * The strings of a mock answer that were invented: not copied from the registration's inputs (a
 * physical name given as `name` stays real), at least MIN_LENGTH long and holding a digit (ids,
 * ARNs, hashes and addresses do; enums such as `available` or `Standard` do not).
 */
export function inventedStrings(answer: unknown, inputs: unknown): string[] {
    const given = stringsOf(inputs);
    return stringsOf(answer).filter((s) => s.length >= MIN_LENGTH && /\d/.test(s) && !given.some((g) => g.includes(s)));
}

/** Every string leaf of a JSON-like value (object keys excluded). */
export function stringsOf(value: unknown, out: string[] = []): string[] {
    if (typeof value === "string") out.push(value);
    else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
    else if (value && typeof value === "object") for (const v of Object.values(value)) stringsOf(v, out);
    return out;
}

/** Finds the placeholders inside strings: a prefix index over the invented values, longest match first. */
export class PlaceholderIndex {
    private readonly byPrefix = new Map<string, string[]>();
    /** How many placeholders `mark` has wrapped so far (a legend is due when any). */
    marked = 0;

    constructor(values: Iterable<string>) {
        for (const v of new Set(values)) {
            if (v.length < MIN_LENGTH) continue;
            const key = v.slice(0, MIN_LENGTH);
            const list = this.byPrefix.get(key);
            if (list) list.push(v);
            else this.byPrefix.set(key, [v]);
        }
        for (const list of this.byPrefix.values()) list.sort((a, b) => b.length - a.length);
    }

    get size(): number {
        return this.byPrefix.size;
    }

    /** The placeholder occurrences in `s`, left to right, without overlaps (the longest wins at a position). */
    find(s: string): Array<{ start: number; end: number }> {
        const hits: Array<{ start: number; end: number }> = [];
        if (this.byPrefix.size === 0) return hits;
        for (let i = 0; i + MIN_LENGTH <= s.length; ) {
            const match = this.byPrefix.get(s.slice(i, i + MIN_LENGTH))?.find((v) => s.startsWith(v, i));
            if (match) {
                hits.push({ start: i, end: i + match.length });
                i += match.length;
            } else {
                i++;
            }
        }
        return hits;
    }

    contains(s: string): boolean {
        return this.find(s).length > 0;
    }

    /** `s` with each placeholder wrapped in angle brackets: `arn:aws:iam::<123456789012>:role/x`. */
    mark(s: string): string {
        let out = "";
        let at = 0;
        for (const { start, end } of this.find(s)) {
            this.marked++;
            out += `${s.slice(at, start)}<${s.slice(start, end)}>`;
            at = end;
        }
        return out + s.slice(at);
    }

    /**
     * Paths (`a.b[0]`, `tags["defang:service"]`) of the string leaves of `value` that hold a
     * placeholder, in document order.
     */
    paths(value: unknown, prefix = ""): string[] {
        if (typeof value === "string") return this.contains(value) ? [prefix] : [];
        if (Array.isArray(value)) return value.flatMap((v, i) => this.paths(v, `${prefix}[${i}]`));
        if (value && typeof value === "object") {
            return Object.entries(value).flatMap(([k, v]) => this.paths(v, prefix + pathKey(k, prefix === "")));
        }
        return [];
    }
}

/** A key as a path step: `.key` for identifiers (no dot first), `["key"]` otherwise. */
function pathKey(key: string, first: boolean): string {
    if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return first ? key : `.${key}`;
    return `[${JSON.stringify(key)}]`;
}
