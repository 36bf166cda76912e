// Units the compose format uses: Go durations (`1m30s`, plus go-str2duration's `d` and `w`) and
// docker byte sizes (go-units RAMInBytes: `512m`, `2g`, `792Mb`, binary multiples).

const DURATION_UNITS: Record<string, number> = {
    ns: 1,
    us: 1e3,
    "µs": 1e3,
    "μs": 1e3,
    ms: 1e6,
    s: 1e9,
    m: 60e9,
    h: 3600e9,
    d: 86400e9,
    w: 7 * 86400e9,
};

/** Parse a Go duration into nanoseconds; undefined when invalid. */
export function parseDuration(s: string): number | undefined {
    let rest = s.trim();
    if (rest === "") return undefined;
    let sign = 1;
    if (rest[0] === "-" || rest[0] === "+") {
        if (rest[0] === "-") sign = -1;
        rest = rest.slice(1);
    }
    if (rest === "0") return 0;
    if (rest === "") return undefined;
    let total = 0;
    const re = /^([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h|d|w)/;
    while (rest.length > 0) {
        const m = re.exec(rest);
        if (!m || m[1] === "" || m[1] === ".") return undefined;
        total += parseFloat(m[1]) * DURATION_UNITS[m[2]];
        rest = rest.slice(m[0].length);
    }
    return sign * Math.round(total);
}

/** Format nanoseconds like Go's time.Duration.String(): "10s", "1m30s", "1h0m0s", "500ms", "0s". */
export function formatDuration(ns: number): string {
    if (ns === 0) return "0s";
    const neg = ns < 0;
    let d = Math.abs(Math.round(ns));
    let out: string;
    if (d < 1e9) {
        const [unit, div] = d < 1e3 ? ["ns", 1] : d < 1e6 ? ["µs", 1e3] : ["ms", 1e6];
        out = trimFraction(d / div) + unit;
    } else {
        const h = Math.floor(d / 3600e9);
        d -= h * 3600e9;
        const m = Math.floor(d / 60e9);
        d -= m * 60e9;
        const s = trimFraction(d / 1e9) + "s";
        out = h > 0 ? `${h}h${m}m${s}` : m > 0 ? `${m}m${s}` : s;
    }
    return neg ? "-" + out : out;
}

function trimFraction(x: number): string {
    // Up to 9 decimals (nanosecond precision), no trailing zeros.
    return x.toFixed(9).replace(/\.?0+$/, "");
}

const BYTE_UNITS: Record<string, number> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** Parse a byte size like docker's RAMInBytes; undefined when invalid. */
export function parseBytes(v: string | number): number | undefined {
    const bytes = typeof v === "number" ? v : parseByteText(v);
    // Past 2^53 bytes (8 PiB) the number is no longer exact, and nothing real is that big.
    return bytes !== undefined && Number.isFinite(bytes) && Math.abs(bytes) <= Number.MAX_SAFE_INTEGER ? Math.trunc(bytes) : undefined;
}

function parseByteText(v: string): number | undefined {
    // Like docker's go-units: the number must parse as one decimal ("1.5.5M" does not).
    const m = /^(\d+(?:\.\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(v.trim());
    return m ? parseFloat(m[1]) * BYTE_UNITS[(m[2] ?? "").toLowerCase()] : undefined;
}
