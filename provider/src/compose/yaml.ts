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

/** Most expanded alias nodes accepted per file (protects against "billion laughs" documents). */
const MAX_ALIAS_NODES = 100_000;

export function parseYaml(text: string, file: string): ParsedFile {
    const lineCounter = new YAML.LineCounter();
    const diagnostics: Diagnostic[] = [];
    let docs: YAML.Document.Parsed[];
    try {
        docs = YAML.parseAllDocuments(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: true }) as YAML.Document.Parsed[];
        if (!Array.isArray(docs)) docs = [docs];
    } catch (err) {
        diagnostics.push({ severity: "error", code: "yaml-syntax", message: `cannot parse YAML: ${(err as Error).message}`, file, line: 1, column: 1 });
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
            else throw err;
        }
    }
    return { file, docs: out, diagnostics };
}

function yamlError(e: YAML.YAMLError, file: string): Diagnostic {
    const [line, column] = e.linePos?.[0] ? [e.linePos[0].line, e.linePos[0].col] : [1, 1];
    // prettyErrors appends " at line L, column C:" and a source excerpt; keep the first sentence.
    const message = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    return {
        severity: "error", code: "yaml-syntax", message: `invalid YAML: ${message}`,
        hint: yamlHint(e.code), file, line, column,
    };
}

function yamlHint(code: string): string {
    switch (code) {
        case "DUPLICATE_KEY": return "remove or rename one of the duplicated keys";
        case "TAB_AS_INDENT": return "indent with spaces, not tabs";
        case "BAD_INDENT":
        case "BLOCK_AS_IMPLICIT_KEY":
        case "MULTILINE_IMPLICIT_KEY": return "check the indentation: items of one mapping must start at the same column";
        case "MISSING_CHAR": return "close the quote or bracket that was opened";
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
    private readonly resolving = new Set<YAML.Node>();

    constructor(private readonly doc: YAML.Document.Parsed, private readonly file: string, private readonly lc: YAML.LineCounter) {}

    loc(node: YAML.Node | YAML.Pair | null | undefined): Loc | undefined {
        const range = node && "range" in node ? node.range : undefined;
        if (!range) return undefined;
        const p = this.lc.linePos(range[0]);
        return { file: this.file, line: p.line, column: p.col };
    }

    node(n: unknown): unknown {
        if (n === null || n === undefined) return null;
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
            throw new ConvertError(`invalid YAML: alias *${a.source} refers to itself`, this.loc(a) ?? { file: this.file, line: 1, column: 1 });
        }
        if (++this.aliasNodes > MAX_ALIAS_NODES) {
            throw new ConvertError("invalid YAML: too many alias expansions", this.loc(a) ?? { file: this.file, line: 1, column: 1 }, "simplify the anchors and aliases of this file");
        }
        this.resolving.add(target);
        try {
            return this.node(target);
        } finally {
            this.resolving.delete(target);
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
                        throw new ConvertError("invalid YAML: a merge key (<<) must refer to a mapping or a list of mappings", this.loc(pair.key as YAML.Node) ?? this.loc(m)!);
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
