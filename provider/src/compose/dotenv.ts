// Env files (`.env`, `--env-file`, a service's `env_file`) with compose-go's dotenv syntax:
//   KEY=value, KEY: value, `export KEY=value`, `# comments`, ` #` inline comments on unquoted values,
//   'single quotes' (literal), "double quotes" (escapes \n \r \t \" \\ \$ …, may span lines),
//   ${VAR} interpolation in unquoted and double-quoted values (earlier keys of the file, then the
//   caller's variables), and a bare `KEY` line that inherits KEY from the caller's variables.
// Error messages never quote the file's text (an env file holds secrets): only the line, the column
// and the key when one was read.
import { Lookup, MAX_INTERPOLATED_TOTAL, TemplatePart, VariableValue, interpolate, partsLength } from "./interpolate";

/** The code of a value that interpolation would grow past its cap. */
export const TOO_LARGE = "interpolation-too-large";

export type DotenvValue = string | TemplatePart[];

export interface DotenvResult {
    /** Values in file order. A value still holding unresolved `${NAME}` references is a part list. */
    vars: Map<string, DotenvValue>;
    error?: { line: number; column: number; message: string; code?: string };
}

class DotenvError extends Error {
    constructor(readonly line: number, message: string, readonly column = 1, readonly code?: string) {
        super(message);
    }
}

const SPACE = new Set(["\t", "\v", "\f", "\r", " ", "\u0085", "\u00a0"]);
const UNICODE_SPACE = /\s/;

export function parseDotenv(text: string, lookup: Lookup = () => undefined): DotenvResult {
    const p = new Parser(text, lookup);
    try {
        p.parse();
        return { vars: p.vars };
    } catch (err) {
        if (err instanceof DotenvError) return { vars: p.vars, error: { line: err.line, column: err.column, message: err.message, code: err.code } };
        throw err;
    }
}

class Parser {
    readonly vars = new Map<string, DotenvValue>();
    private line = 1;
    private pos = 0;
    /** Characters of all interpolated values so far. */
    private total = 0;
    /** The key being read, for error messages (never the value). */
    private key = "";

    constructor(private readonly src: string, private readonly lookup: Lookup) {}

    parse(): void {
        while (this.statementStart()) this.statement();
    }

    /** Skips whitespace and comment lines; false at the end of the input. */
    private statementStart(): boolean {
        for (;;) {
            while (this.pos < this.src.length && UNICODE_SPACE.test(this.src[this.pos])) {
                if (this.src[this.pos] === "\n") this.line++;
                this.pos++;
            }
            if (this.pos >= this.src.length) return false;
            if (this.src[this.pos] !== "#") return true;
            const nl = this.src.indexOf("\n", this.pos);
            if (nl < 0) return false;
            this.pos = nl;
        }
    }

    private statement(): void {
        if (/^export\s+/.test(this.src.slice(this.pos, this.pos + 12))) {
            this.pos += "export".length;
            this.skipSpaces();
        }
        const start = this.pos;
        let end = -1;
        let inherited = false;
        for (let i = this.pos; i < this.src.length; i++) {
            const ch = this.src[i];
            if (SPACE.has(ch)) continue;
            if (ch === "=" || ch === ":" || ch === "\n") {
                end = i;
                inherited = ch === "\n";
                break;
            }
            if (!/[_.\-[\]\p{L}\p{N}]/u.test(ch)) {
                throw new DotenvError(this.line, "unexpected character in a variable name (expected KEY=value)", this.column(i));
            }
        }
        if (end < 0) {
            // The last line has a key without `=`: compose-go treats it as inherited too.
            end = this.src.length;
            inherited = true;
        }
        const key = this.src.slice(start, end).replace(/\s+$/u, "");
        this.pos = Math.min(end + 1, this.src.length);
        if (key.includes(" ")) throw new DotenvError(this.line, "key cannot contain a space", this.column(start));
        this.key = key;
        if (inherited) {
            this.line++;
            const v = this.lookup(key);
            if (v !== undefined) this.vars.set(key, v);
            return;
        }
        this.skipSpaces();
        this.vars.set(key, this.value());
    }

    /** 1-based column of a position, on its line. */
    private column(pos: number): number {
        return pos - this.src.lastIndexOf("\n", pos - 1);
    }

    private skipSpaces(): void {
        while (this.pos < this.src.length && SPACE.has(this.src[this.pos])) this.pos++;
    }

    private value(): DotenvValue {
        const quote = this.src[this.pos];
        if (quote !== "'" && quote !== '"') {
            let nl = this.src.indexOf("\n", this.pos);
            if (nl < 0) nl = this.src.length;
            let raw = this.src.slice(this.pos, nl);
            this.pos = nl;
            const hash = raw.indexOf(" #");
            if (hash >= 0) raw = raw.slice(0, hash);
            return this.expand(raw.replace(/\s+$/u, ""));
        }
        const startLine = this.line;
        const startColumn = this.column(this.pos);
        let chars = "";
        let escaped = false;
        for (let i = this.pos + 1; i < this.src.length; i++) {
            const ch = this.src[i];
            if (ch === "\n") this.line++;
            if (escaped) {
                escaped = false;
                if (ch !== quote) chars += "\\";
                chars += ch;
                continue;
            }
            if (ch === "\\") escaped = true;
            else if (ch === quote) {
                this.pos = i + 1;
                return quote === '"' ? this.expand(expandEscapes(chars)) : chars;
            } else chars += ch;
        }
        throw new DotenvError(startLine, `unterminated quoted value of ${this.key}`, startColumn);
    }

    private expand(value: string): DotenvValue {
        const r = interpolate(value, (name): VariableValue => this.lookup(name) ?? this.vars.get(name));
        if (r.tooLarge) throw new DotenvError(this.line, r.error ?? "", 1, TOO_LARGE);
        // The interpolator's "Invalid template" quotes the value: name the key instead.
        if (r.error) throw new DotenvError(this.line, /^Invalid template/.test(r.error) ? `invalid interpolation in the value of ${this.key}` : r.error);
        // A file of many values each just under the cap: bounded for the file as a whole too.
        this.total += partsLength(r.parts);
        if (this.total > MAX_INTERPOLATED_TOTAL) throw new DotenvError(this.line, `the file's values grow past ${MAX_INTERPOLATED_TOTAL} characters (16 MiB) when interpolated`, 1, TOO_LARGE);
        if (r.parts.every((p) => typeof p === "string")) return r.parts.join("");
        return r.parts;
    }
}

const ESCAPES: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", '"': '"', "\\": "\\" };

/** Shell-style escapes of double-quoted values; `\$` stays a literal dollar (`$$` for the interpolator). */
function expandEscapes(s: string): string {
    return s.replace(/\\(?:[abcfnrtv$"\\]|0[0-9]{0,3})/g, (m) => {
        const c = m[1];
        if (c === "$") return "$$";
        // `\0ddd` is an octal byte; anything shorter is left as written (like Go's UnquoteChar).
        if (c === "0") return /^\\0[0-7]{3}$/.test(m) ? String.fromCharCode(parseInt(m.slice(2), 8)) : m;
        return ESCAPES[c] ?? m;
    });
}
