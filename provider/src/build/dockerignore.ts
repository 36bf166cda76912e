// `.dockerignore` with Docker's semantics (the moby pattern matcher's behaviour, written from its
// documentation and observed behaviour): one pattern per line, `#` comment lines, surrounding
// whitespace trimmed, `!` re-includes, patterns are cleaned paths relative to the context (a leading
// `/` means nothing more), `*` and `?` stay within one path segment, `**` spans any number of
// segments (zero included), `[…]` classes, `\` escapes. A pattern that matches a directory matches
// everything below it, and the last pattern that applies to a path decides. Pure: no I/O.
import * as path from "path";

export interface IgnorePattern {
    /** The cleaned pattern as written (without `!`). */
    text: string;
    /** A `!` pattern: paths it matches are sent after all. */
    negated: boolean;
    /** 1-based line in the ignore file. */
    line: number;
    regex: RegExp;
}

export class IgnoreSyntaxError extends Error {
    constructor(
        message: string,
        readonly line: number,
    ) {
        super(message);
        this.name = "IgnoreSyntaxError";
    }
}

/** Parses the text of a `.dockerignore`; throws IgnoreSyntaxError for a pattern Docker would reject. */
export function parseDockerignore(text: string): IgnorePattern[] {
    const patterns: IgnorePattern[] = [];
    text.replace(/^\uFEFF/, "")
        .split(/\r?\n/)
        .forEach((raw, index) => {
            // A comment is a line starting with `#` before any trimming (as Docker reads it).
            if (raw.startsWith("#")) return;
            let pattern = raw.trim();
            if (pattern === "") return;
            const negated = pattern.startsWith("!");
            if (negated) pattern = pattern.slice(1).trim();
            if (pattern === "") return;
            pattern = cleanPattern(pattern);
            patterns.push({ text: pattern, negated, line: index + 1, regex: compilePattern(pattern, index + 1) });
        });
    return patterns;
}

/** Go's filepath.Clean on a slash path, then no leading `/` (patterns are relative to the context). */
function cleanPattern(pattern: string): string {
    let cleaned = path.posix.normalize(pattern);
    if (cleaned.length > 1 && cleaned.endsWith("/")) cleaned = cleaned.slice(0, -1);
    if (cleaned.length > 1 && cleaned.startsWith("/")) cleaned = cleaned.slice(1);
    return cleaned;
}

const REGEX_SPECIAL = new Set([".", "+", "(", ")", "|", "{", "}", "$", "^"]);

/** The pattern as an anchored regular expression over slash-separated relative paths. */
export function compilePattern(pattern: string, line = 0): RegExp {
    let out = "";
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === "*") {
            if (pattern[i + 1] === "*") {
                i++;
                if (pattern[i + 1] === "/") i++;
                // `**` at the end takes everything; elsewhere it is "any directories, or none".
                out += i + 1 >= pattern.length ? ".*" : "(?:.*/)?";
            } else {
                out += "[^/]*";
            }
        } else if (c === "?") {
            out += "[^/]";
        } else if (c === "\\") {
            const next = pattern[i + 1];
            if (next === undefined) out += "\\\\";
            else {
                out += escapeChar(next);
                i++;
            }
        } else if (c === "[") {
            const end = classEnd(pattern, i);
            if (end < 0) throw new IgnoreSyntaxError(`bad pattern ${JSON.stringify(pattern)}: "[" without a closing "]"`, line);
            out += pattern.slice(i, end + 1).replace(/\\(.)/g, (_m, ch: string) => escapeChar(ch));
            i = end;
        } else {
            out += escapeChar(c);
        }
    }
    try {
        return new RegExp(`^${out}$`, "s");
    } catch (err) {
        throw new IgnoreSyntaxError(`bad pattern ${JSON.stringify(pattern)}: ${(err as Error).message}`, line);
    }
}

function escapeChar(c: string): string {
    return REGEX_SPECIAL.has(c) || c === "\\" || c === "*" || c === "?" || c === "[" || c === "]" ? `\\${c}` : c;
}

/** Index of the `]` closing the class that opens at `start` (a `]` right after `[` or `[^` is literal). */
function classEnd(pattern: string, start: number): number {
    let i = start + 1;
    if (pattern[i] === "^") i++;
    if (pattern[i] === "]") i++;
    for (; i < pattern.length; i++) {
        if (pattern[i] === "\\") i++;
        else if (pattern[i] === "]") return i;
    }
    return -1;
}

/** Matches context-relative slash paths against an ignore file's patterns. */
export class IgnoreMatcher {
    private readonly hasNegations: boolean;

    constructor(readonly patterns: IgnorePattern[]) {
        this.hasNegations = patterns.some((p) => p.negated);
    }

    /** True when `rel` (a file or directory) is left out of the context. */
    ignores(rel: string): boolean {
        const parents = ancestors(rel);
        let ignored = false;
        for (const p of this.patterns) {
            // A pattern can only change the verdict: skip excludes once excluded, re-includes until then.
            if (p.negated !== ignored) continue;
            if (p.regex.test(rel) || parents.some((a) => p.regex.test(a))) ignored = !p.negated;
        }
        return ignored;
    }

    /**
     * True when nothing below the ignored directory `dir` can be re-included by a `!` pattern, so the
     * walk may skip it (node_modules, .git…) instead of visiting every file.
     */
    prunes(dir: string): boolean {
        if (!this.hasNegations) return true;
        const dirSegments = dir.split("/");
        return this.patterns.filter((p) => p.negated).every((p) => !mayReachBelow(p.text, dirSegments));
    }
}

/** Could `pattern` match `dir` itself (then it applies to all below) or a path under it? */
function mayReachBelow(pattern: string, dirSegments: string[]): boolean {
    const segments = pattern.split("/");
    for (let i = 0; i < dirSegments.length; i++) {
        if (i >= segments.length) return true;
        if (segments[i].includes("**")) return true;
        if (!compilePattern(segments[i]).test(dirSegments[i])) return false;
    }
    return true;
}

/** `a/b/c` → [`a`, `a/b`]. */
function ancestors(rel: string): string[] {
    const parts = rel.split("/");
    const out: string[] = [];
    for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join("/"));
    return out;
}
