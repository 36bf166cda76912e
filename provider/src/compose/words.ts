// Wording shared by diagnostics: where something is, what type it is, what the user probably meant.

/** "service 'web'", "'ports[0]' of service 'web'", "network 'front'", "the top level". */
export function describePath(path: ReadonlyArray<string | number>): string {
    if (path.length === 0) return "the top level";
    const kinds: Record<string, string> = { services: "service", networks: "network", volumes: "volume", secrets: "secret", configs: "config", models: "model" };
    const [section, name, ...rest] = path;
    const kind = kinds[String(section)];
    if (kind && name !== undefined) {
        const owner = `${kind} '${name}'`;
        return rest.length === 0 ? owner : `'${dotted(rest)}' of ${owner}`;
    }
    return `'${dotted(path)}'`;
}

export function dotted(path: ReadonlyArray<string | number>): string {
    let s = "";
    for (const p of path) s += typeof p === "number" ? `[${p}]` : s ? `.${p}` : p;
    return s;
}

export function typeName(t: string): string {
    switch (t) {
        case "object": return "a mapping";
        case "array": return "a list";
        case "string": return "a string";
        case "number": return "a number";
        case "integer": return "an integer";
        case "boolean": return "a boolean";
        case "null": return "empty";
        default: return t;
    }
}

/** A value as the user wrote it, short: `2.5`, `.nan`, `"two"`, `true`, `an empty value`, `a mapping`. */
export function shownValue(v: unknown): string {
    if (v === null || v === undefined) return "an empty value";
    if (typeof v === "number") return Number.isNaN(v) ? ".nan" : Number.isFinite(v) ? String(v) : v > 0 ? ".inf" : "-.inf";
    if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
    if (typeof v === "boolean") return String(v);
    return typeName(Array.isArray(v) ? "array" : typeof v);
}

/** The closest candidate by edit distance, when it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDist = Infinity;
    for (const c of candidates) {
        const d = editDistance(word.toLowerCase(), c.toLowerCase());
        if (d < bestDist) {
            best = c;
            bestDist = d;
        }
    }
    const limit = Math.max(2, Math.floor(word.length / 3));
    return best !== undefined && bestDist <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
    const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diag = prev[0];
        prev[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = prev[j];
            prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
            diag = tmp;
        }
    }
    return prev[b.length];
}
