// Typed reads of raw values, with compose-go's casts (numbers and booleans may be written as strings,
// units are parsed) and a located diagnostic when a value cannot be read.
import { Diagnostics } from "./diag";
import { RawMap, RawSeq, isMap, isSeq, valueLoc } from "./tree";
import { parseBytes, parseDuration } from "./units";
import { describePath, shownValue } from "./words";

/** A decimal number as Go's strconv.ParseFloat reads it in compose files (no hex, no "Infinity"). */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** The path from `root` down to `target` (identity), found on demand: errors are rare. */
function pathTo(root: unknown, target: unknown): Array<string | number> | undefined {
    if (root === target) return [];
    const entries: Array<[string | number, unknown]> = isSeq(root) ? root.map((v, i) => [i, v]) : isMap(root) ? Object.entries(root) : [];
    for (const [k, v] of entries) {
        if (typeof v !== "object" || v === null) continue;
        const sub = pathTo(v, target);
        if (sub) return [k, ...sub];
    }
    return undefined;
}

type Container = RawMap | RawSeq;

export class Caster {
    /** The object whose values are being read (to name the field in messages), and its path. */
    root: { value: unknown; path: Array<string | number> } = { value: undefined, path: [] };

    constructor(readonly diags: Diagnostics) {}

    private bad(c: Container, k: string | number, what: string, hint: string): undefined {
        const v = isSeq(c) ? c[k as number] : (c as RawMap)[k as string];
        const where = describePath([...this.root.path, ...(pathTo(this.root.value, c) ?? []), k]);
        this.diags.error("invalid-value", `${where} must be ${what} (got ${shownValue(v)})`, valueLoc(c, k), hint);
        return undefined;
    }

    get(c: Container, k: string | number): unknown {
        return isSeq(c) ? c[k as number] : (c as RawMap)[k as string];
    }

    str(c: Container, k: string | number): string | undefined {
        const v = this.get(c, k);
        if (v === undefined || v === null) return undefined;
        if (typeof v === "string") return v;
        if (typeof v === "number" || typeof v === "boolean") return String(v);
        return this.bad(c, k, "a string", "write a single value here (quote it to keep it a string)");
    }

    int(c: Container, k: string | number): number | undefined {
        const v = this.get(c, k);
        if (v === undefined || v === null) return undefined;
        const n = typeof v === "number" ? v : typeof v === "string" && /^[-+]?\d+$/.test(v.trim()) ? parseInt(v, 10) : undefined;
        if (n !== undefined && Number.isSafeInteger(n)) return n;
        if (n !== undefined && Number.isInteger(n)) return this.bad(c, k, "an integer of at most 15 digits", "use a smaller number");
        return this.bad(c, k, "an integer", "write a whole number, e.g. 3");
    }

    float(c: Container, k: string | number): number | undefined {
        const v = this.get(c, k);
        if (v === undefined || v === null) return undefined;
        const n = typeof v === "number" ? v : typeof v === "string" && DECIMAL.test(v.trim()) ? Number(v) : undefined;
        if (n !== undefined && Number.isFinite(n)) return n;
        return this.bad(c, k, "a number", "write a decimal number, e.g. 0.5");
    }

    bool(c: Container, k: string | number): boolean | undefined {
        const v = this.get(c, k);
        if (v === undefined || v === null) return undefined;
        if (typeof v === "boolean") return v;
        if (typeof v === "string") {
            const s = v.toLowerCase();
            if (s === "true") return true;
            if (s === "false") return false;
            if (["y", "yes", "on"].includes(s) || ["n", "no", "off"].includes(s)) {
                const b = ["y", "yes", "on"].includes(s);
                this.diags.warn("yaml11-boolean", `'${String(k)}' uses '${v}' for a boolean; read as ${b}`, valueLoc(c, k), `write ${b}`);
                return b;
            }
        }
        return this.bad(c, k, "a boolean (true or false)", "write true or false");
    }

    bytes(c: Container, k: string | number): number | undefined {
        const v = this.get(c, k);
        if (v === undefined || v === null) return undefined;
        const n = typeof v === "number" || typeof v === "string" ? parseBytes(v) : undefined;
        if (n === undefined) return this.bad(c, k, "a byte size of at most 8 PiB", "use a number of bytes or a size such as 512m or 2g");
        return n;
    }

    duration(c: Container, k: string | number): number | undefined {
        const v = this.get(c, k);
        if (v === undefined || v === null) return undefined;
        const n = typeof v === "string" ? parseDuration(v) : typeof v === "number" && v === 0 ? 0 : undefined;
        if (n === undefined) return this.bad(c, k, "a duration", "use Go duration syntax such as 10s, 1m30s or 500ms");
        return n;
    }

    strList(c: Container, k: string | number): string[] | undefined {
        const v = this.get(c, k);
        if (v === undefined || v === null) return undefined;
        if (typeof v === "string") return [v];
        if (!isSeq(v)) return this.bad(c, k, "a list of strings", "write a list (- item), or a single string");
        const out: string[] = [];
        v.forEach((_, i) => {
            const s = this.str(v, i);
            if (s !== undefined) out.push(s);
        });
        return out;
    }

    /** A mapping of strings; `nullAs` decides what a key without value becomes. */
    strMap(c: Container, k: string | number, nullAs: "drop" | "empty" = "empty"): Record<string, string> | undefined {
        const v = this.get(c, k);
        if (v === undefined || v === null) return undefined;
        if (!isMap(v)) return this.bad(c, k, "a mapping", "write it as a mapping of keys to values (key: value)");
        const out: Record<string, string> = {};
        for (const key of Object.keys(v)) {
            if (v[key] === null || v[key] === undefined) {
                if (nullAs === "empty") out[key] = "";
                continue;
            }
            const s = this.str(v, key);
            if (s !== undefined) out[key] = s;
        }
        return out;
    }
}
