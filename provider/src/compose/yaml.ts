// YAML → raw compose tree, keeping the file, line and column of every key and value.
//
// We walk the `yaml` package's document nodes ourselves (rather than `toJS`) so that locations
// survive: anchors/aliases are expanded into fresh copies (later merges mutate in place), `<<` merge
// keys follow YAML 1.1 (explicit keys win, earlier merge sources win over later ones), `!reset` /
// `!override` become marker objects, keys become strings, and plain integers with a leading zero are
// octal as in go-yaml (compose-go reads `mode: 0440` as 288).
import * as YAML from "yaml";
import type { Diagnostic } from "./types";
import {
    Loc, OverrideTag, RawMap, RawSeq, ResetTag, assign, entryLocs, has, isMap, newMap, newSeq,
    setEntryLocs, setSelfLoc,
} from "./tree";

export interface ParsedFile {
    file: string;
    /** One entry per non-empty YAML document. `null` for an explicitly empty document. */
    docs: unknown[];
    diagnostics: Diagnostic[];
}

/** Most values copied out of anchors per file (protects against "billion laughs" documents). */
const MAX_ALIAS_NODES = 10_000;
/** Deepest nesting accepted: far beyond any compose file, well within what every later pass can recurse. */
const MAX_DEPTH = 256;
/** What the text pre-check lets through to the parser (an overestimate of the depth; the parser overflows near 900). */
const MAX_TEXT_NESTING = 512;

export function parseYaml(text: string, file: string): ParsedFile {
    const lineCounter = new YAML.LineCounter();
    const diagnostics: Diagnostic[] = [];
    // The parser recurses per level and would overflow at a depth that depends on the caller's stack.
    const deep = deepestNesting(text);
    if (deep) return { file, docs: [], diagnostics: [tooDeep({ file, ...deep })] };
    let docs: YAML.Document.Parsed[];
    try {
        docs = YAML.parseAllDocuments(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: true }) as YAML.Document.Parsed[];
        if (!Array.isArray(docs)) docs = [docs];
    } catch (err) {
        diagnostics.push({ severity: "error", code: "yaml-syntax", message: `cannot parse YAML: ${(err as Error).message}`, file, line: 1, column: 1, hint: "fix the YAML syntax of this file" });
        return { file, docs: [], diagnostics };
    }
    const out: unknown[] = [];
    for (const doc of docs) {
        if (doc.errors.length > 0) {
            for (const e of doc.errors) diagnostics.push(yamlError(e, file));
            continue;
        }
        // `---` followed by nothing is an empty document: skipped, like compose-go does.
        if (doc.contents === null) continue;
        const conv = new Converter(doc, file, lineCounter);
        try {
            out.push(conv.node(doc.contents));
        } catch (err) {
            if (err instanceof ConvertError) diagnostics.push({ severity: "error", code: "yaml-syntax", message: err.message, file, line: err.loc.line, column: err.loc.column, hint: err.hint });
            else if (err instanceof RangeError) diagnostics.push(tooDeep({ file, line: 1, column: 1 }));
            else throw err;
        }
    }
    return { file, docs: out, diagnostics };
}

function yamlError(e: YAML.YAMLError, file: string): Diagnostic {
    const [line, column] = e.linePos?.[0] ? [e.linePos[0].line, e.linePos[0].col] : [1, 1];
    // The parser recurses per nesting level and reports its own stack overflow as a YAML error.
    if (/Maximum call stack/.test(e.message)) return tooDeep({ file, line, column });
    // prettyErrors appends " at line L, column C:" and a source excerpt; keep the first sentence.
    const message = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    return {
        severity: "error", code: "yaml-syntax", message: `invalid YAML: ${message}`,
        hint: yamlHint(e.code, message), file, line, column,
    };
}

/**
 * Where the text first nests deeper than the parser can safely go, counting a level per column of
 * indentation (and per `- ` / `? ` before a line's content) plus one per open flow bracket. An
 * overestimate of the real depth, so it never rejects a file the converter's limit would accept.
 */
function deepestNesting(text: string): { line: number; column: number } | undefined {
    let flow = 0;
    const lines = text.split(/\r?\n/);
    for (let n = 0; n < lines.length; n++) {
        const l = lines[n];
        let i = 0;
        while (i < l.length && (l[i] === " " || ((l[i] === "-" || l[i] === "?") && (i + 1 === l.length || l[i + 1] === " ")))) i++;
        if (i + flow > MAX_TEXT_NESTING) return { line: n + 1, column: Math.max(1, MAX_TEXT_NESTING - flow) };
        let quote: string | undefined;
        for (let c = i; c < l.length; c++) {
            const ch = l[c];
            if (quote) {
                if (ch === quote) quote = undefined;
                else if (ch === "\\" && quote === '"') c++;
            } else if (ch === '"' || ch === "'") quote = ch;
            else if (ch === "#" && (c === 0 || l[c - 1] === " " || l[c - 1] === "\t")) break;
            else if (ch === "[" || ch === "{") {
                if (i + ++flow > MAX_TEXT_NESTING) return { line: n + 1, column: c + 1 };
            } else if ((ch === "]" || ch === "}") && flow > 0) flow--;
        }
    }
    return undefined;
}

const TOO_DEEP = "invalid YAML: values nest too deeply here (hundreds of levels of lists, mappings or indentation)";
const TOO_DEEP_HINT = "flatten this value: a compose file needs a handful of levels, not hundreds";

function tooDeep(loc: Loc): Diagnostic {
    return { severity: "error", code: "yaml-syntax", message: TOO_DEEP, hint: TOO_DEEP_HINT, ...loc };
}

function yamlHint(code: string, message: string): string {
    switch (code) {
        case "DUPLICATE_KEY": return "remove or rename one of the duplicated keys";
        case "TAB_AS_INDENT": return "indent with spaces, not tabs";
        case "BAD_INDENT":
            return /^Flow (sequence|map)/.test(message)
                ? `indent the lines inside the ${message.startsWith("Flow map") ? "{ }" : "[ ]"} further than their key, and close it with ${message.startsWith("Flow map") ? "}" : "]"}`
                : "check the indentation: items of one mapping must start at the same column";
        case "MULTILINE_IMPLICIT_KEY": return "a key must fit on one line: close a quote opened on this line, or add the ':' missing after the key";
        case "BLOCK_AS_IMPLICIT_KEY": return "put a nested mapping or list on its own, further indented lines; quote a value that contains ': '";
        case "MISSING_CHAR":
            if (/quote/.test(message)) return "close the quote that was opened";
            if (/followed by map values/.test(message)) return "add ':' after the key (`key: value`), or make the line a list item (`- value`)";
            if (/Sequence item/.test(message)) return "start every item of a list with '- '";
            return "add the missing character at this position";
        case "UNEXPECTED_TOKEN":
            if (/flow-(seq|map)-end/.test(message)) return "remove the extra closing bracket, or open the list with [ / the mapping with {";
            return "check this line's indentation and the line before it (a missing ':' or a stray character)";
        case "BAD_SCALAR_START": return "quote the value: it starts with a character YAML reserves";
        case "BLOCK_IN_FLOW": return "inside [ ] or { }, write the items inline (a, b) rather than as indented lines";
        case "KEY_OVER_1024_CHARS": return "keep keys shorter than 1024 characters";
        default: return "fix the YAML syntax at this position";
    }
}

class ConvertError extends Error {
    constructor(message: string, readonly loc: Loc, readonly hint?: string) {
        super(message);
    }
}

class Converter {
    private aliasNodes = 0;
    /** Where the alias being expanded is written (the place to report an expansion that grows too big). */
    private outerAlias: Loc | undefined;
    private readonly resolving = new Set<YAML.Node>();

    constructor(private readonly doc: YAML.Document.Parsed, private readonly file: string, private readonly lc: YAML.LineCounter) {}

    loc(node: YAML.Node | YAML.Pair | null | undefined): Loc | undefined {
        const range = node && "range" in node ? node.range : undefined;
        if (!range) return undefined;
        const p = this.lc.linePos(range[0]);
        return { file: this.file, line: p.line, column: p.col };
    }

    private depth = 0;

    node(n: unknown): unknown {
        if (n === null || n === undefined) return null;
        if (this.depth >= MAX_DEPTH) throw new ConvertError(TOO_DEEP, this.loc(n as YAML.Node) ?? { file: this.file, line: 1, column: 1 }, TOO_DEEP_HINT);
        // Every node copied out of an anchor counts, so nested aliases cannot multiply the work.
        if (this.resolving.size > 0 && ++this.aliasNodes > MAX_ALIAS_NODES) {
            throw new ConvertError("invalid YAML: aliases expand to too many values", this.outerAlias ?? { file: this.file, line: 1, column: 1 },
                "simplify the anchors and aliases of this file (aliases of aliases multiply)");
        }
        this.depth++;
        try {
            return this.tagged(n);
        } finally {
            this.depth--;
        }
    }

    private tagged(n: unknown): unknown {
        if (YAML.isAlias(n)) return this.alias(n);
        const tag = YAML.isNode(n) ? n.tag : undefined;
        if (tag === "!reset") return new ResetTag(this.loc(n as YAML.Node));
        if (tag === "!override") return new OverrideTag(this.untagged(n), this.loc(n as YAML.Node));
        return this.untagged(n);
    }

    private untagged(n: unknown): unknown {
        if (YAML.isAlias(n)) return this.alias(n);
        if (YAML.isMap(n)) return this.map(n);
        if (YAML.isSeq(n)) return this.seq(n);
        if (YAML.isScalar(n)) return scalarValue(n);
        return null;
    }

    private alias(a: YAML.Alias): unknown {
        const target = a.resolve(this.doc);
        if (!target) {
            throw new ConvertError(`invalid YAML: unknown alias *${a.source}`, this.loc(a) ?? { file: this.file, line: 1, column: 1 }, `define the anchor &${a.source} before using it`);
        }
        if (this.resolving.has(target)) {
            throw new ConvertError(`invalid YAML: alias *${a.source} refers to itself`, this.loc(a) ?? { file: this.file, line: 1, column: 1 },
                `an anchored value cannot contain an alias to its own anchor &${a.source}`);
        }
        const outermost = this.resolving.size === 0;
        if (outermost) this.outerAlias = this.loc(a);
        this.resolving.add(target);
        try {
            return this.node(target);
        } finally {
            this.resolving.delete(target);
            if (outermost) this.outerAlias = undefined;
        }
    }

    private map(m: YAML.YAMLMap): RawMap {
        const out = newMap();
        setSelfLoc(out, this.loc(m));
        const merged: RawMap[] = [];
        for (const pair of m.items) {
            if (isMergeKey(pair.key)) {
                const v = pair.value;
                const sources = YAML.isSeq(v) ? v.items : [v];
                for (const s of sources) {
                    const src = this.node(s);
                    if (!isMap(src)) {
                        throw new ConvertError("invalid YAML: a merge key (<<) must refer to a mapping or a list of mappings", this.loc(pair.key as YAML.Node) ?? this.loc(m)!,
                            "merge an anchored mapping, e.g. '<<: *defaults' where 'x-defaults: &defaults' is a mapping");
                    }
                    merged.push(src);
                }
                continue;
            }
            const key = keyString(pair.key);
            const value = this.node(pair.value);
            assign(out, key, value);
            setEntryLocs(out, key, { key: this.loc(pair.key as YAML.Node), value: this.loc(pair.value as YAML.Node) ?? this.loc(pair.key as YAML.Node) });
        }
        // YAML 1.1 merge: keys of the mapping itself win; among merge sources, the first one wins.
        for (const src of merged) {
            for (const k of Object.keys(src)) {
                if (has(out, k)) continue;
                assign(out, k, src[k]);
                const locs = entryLocs(src, k);
                if (locs) setEntryLocs(out, k, locs);
            }
        }
        return out;
    }

    private seq(s: YAML.YAMLSeq): RawSeq {
        const out = newSeq();
        setSelfLoc(out, this.loc(s));
        s.items.forEach((item, i) => {
            out.push(this.node(item));
            setEntryLocs(out, i, { value: this.loc(item as YAML.Node) ?? this.loc(s) });
        });
        return out;
    }
}

function isMergeKey(key: unknown): boolean {
    return YAML.isScalar(key) && (typeof key.value === "symbol" || (key.value === "<<" && key.type === "PLAIN"));
}

function keyString(key: unknown): string {
    if (key === null || key === undefined) return "";
    if (YAML.isScalar(key)) {
        if (key.value === null) return key.source ?? "";
        // A plain key keeps its spelling (`1.0:` stays "1.0", `true:` becomes "true").
        if (key.type === "PLAIN" && typeof key.source === "string") return key.source;
        return String(key.value);
    }
    return String((key as { toString(): string }).toString());
}

const GO_OCTAL = /^[-+]?0[0-7]+$/;

function scalarValue(s: YAML.Scalar): unknown {
    const v = s.value;
    if (s.type === "PLAIN" && typeof v === "number" && typeof s.source === "string" && GO_OCTAL.test(s.source)) {
        // go-yaml (compose-go) reads a leading-zero integer as octal: `0440` is 288.
        return parseInt(s.source, 8);
    }
    if (typeof v === "bigint") return Number(v);
    if (v instanceof Date) return s.source ?? v.toISOString();
    if (typeof v === "symbol") return "<<";
    return v ?? null;
}
