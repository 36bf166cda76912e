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
    /** The placeholders by their first MIN_LENGTH characters, with their lengths longest first (thousands of ARNs share `arn:aws:`). */
    private readonly byPrefix = new Map<string, { values: Set<string>; lengths: number[] }>();
    /**
     * A bit per hash of each placeholder's four-character blocks at offsets 0 to 3. Every occurrence
     * (8 characters or more) covers one block that starts at a multiple of 4, so `find` hashes only
     * those and looks closer at the four starts before a block whose bit is set.
     */
    private readonly blocks = new Uint32Array(BLOCK_BITS / 32);
    /** How many placeholders `mark` has wrapped so far (a legend is due when any). */
    marked = 0;

    constructor(values: Iterable<string>) {
        for (const v of new Set(values)) {
            if (v.length < MIN_LENGTH) continue;
            for (let offset = 0; offset < BLOCK; offset++) {
                const h = blockHash(v, offset);
                this.blocks[h >>> 5] |= 1 << (h & 31);
            }
            const key = v.slice(0, MIN_LENGTH);
            const bucket = this.byPrefix.get(key) ?? { values: new Set<string>(), lengths: [] };
            bucket.values.add(v);
            if (!bucket.lengths.includes(v.length)) bucket.lengths.push(v.length);
            this.byPrefix.set(key, bucket);
        }
        for (const bucket of this.byPrefix.values()) bucket.lengths.sort((a, b) => b - a);
    }

    get size(): number {
        return this.byPrefix.size;
    }

    /** The placeholder occurrences in `s`, left to right, without overlaps (the longest wins at a position). */
    find(s: string): Array<{ start: number; end: number }> {
        const hits: Array<{ start: number; end: number }> = [];
        if (this.byPrefix.size === 0) return hits;
        let from = 0; // the next start allowed: occurrences do not overlap
        for (let block = 0; block + BLOCK <= s.length; block += BLOCK) {
            const h = blockHash(s, block);
            if ((this.blocks[h >>> 5] & (1 << (h & 31))) === 0) continue;
            for (let i = Math.max(from, block - BLOCK + 1); i <= block && i + MIN_LENGTH <= s.length; i++) {
                const bucket = this.byPrefix.get(s.slice(i, i + MIN_LENGTH));
                const length = bucket?.lengths.find((n) => i + n <= s.length && bucket.values.has(s.slice(i, i + n)));
                if (length === undefined) continue;
                hits.push({ start: i, end: i + length });
                from = i + length;
                break;
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
    paths(value: unknown): string[] {
        const found: string[] = [];
        const steps: Array<string | number> = []; // the path is spelled only for a hit
        const walk = (v: unknown): void => {
            if (typeof v === "string") {
                if (this.contains(v)) found.push(spell(steps));
            } else if (Array.isArray(v)) {
                for (let i = 0; i < v.length; i++) {
                    steps.push(i);
                    walk(v[i]);
                    steps.pop();
                }
            } else if (v && typeof v === "object") {
                for (const [k, child] of Object.entries(v)) {
                    steps.push(k);
                    walk(child);
                    steps.pop();
                }
            }
        };
        walk(value);
        return found;
    }
}

const BLOCK = 4; // an occurrence of MIN_LENGTH (>= 2 * BLOCK - 1) holds an aligned block at an offset below BLOCK
const BLOCK_BITS = 1 << 16;

/** A hash of `s`'s four characters at `i`, below BLOCK_BITS. */
function blockHash(s: string, i: number): number {
    const h = Math.imul(s.charCodeAt(i), 0x01000193) ^ Math.imul(s.charCodeAt(i + 1), 0x5bd1e995) ^ Math.imul(s.charCodeAt(i + 2), 0x27d4eb2d) ^ s.charCodeAt(i + 3);
    return (h ^ (h >>> 16)) & (BLOCK_BITS - 1);
}

/** Path steps spelled `a.b[0]["defang:tag"]`. */
function spell(steps: Array<string | number>): string {
    return steps.map((step, i) => (typeof step === "number" ? `[${step}]` : pathKey(step, i === 0))).join("");
}

/** A key as a path step: `.key` for identifiers (no dot first), `["key"]` otherwise. */
function pathKey(key: string, first: boolean): string {
    if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return first ? key : `.${key}`;
    return `[${JSON.stringify(key)}]`;
}
