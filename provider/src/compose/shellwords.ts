// Split a command string into argv the way compose-go does (mattn/go-shellwords, no env or
// backtick expansion): spaces separate words, quotes group, backslash escapes. Like go-shellwords,
// parsing stops at an unquoted `;`, `&`, `|`, `<` or `>`; we report where, so the caller can warn
// that the rest of the line is dropped (docker compose drops it silently).

export interface ShellSplit {
    args: string[];
    /** Index where parsing stopped at a shell operator, when it did. */
    stoppedAt?: number;
    error?: string;
}

export function splitShellWords(line: string): ShellSplit {
    const args: string[] = [];
    let buf = "";
    let got = false;
    let escaped = false;
    let single = false;
    let double = false;
    let dollarParen = false;
    let stoppedAt: number | undefined;
    const chars = Array.from(line);
    let i = -1;
    for (const r of chars) {
        i++;
        if (escaped) {
            escaped = false;
            buf += r === "t" ? "\t" : r === "n" ? "\n" : r;
            got = true;
            continue;
        }
        if (r === "\\") {
            if (single) buf += r;
            else escaped = true;
            continue;
        }
        if (r === " " || r === "\t" || r === "\r" || r === "\n") {
            if (single || double || dollarParen) buf += r;
            else if (got) {
                args.push(buf);
                buf = "";
                got = false;
            }
            continue;
        }
        if (r === ")" && !single && !double) {
            if (!dollarParen) return { args, error: "unbalanced ')' in command" };
            dollarParen = false;
        } else if (r === "(" && !single && !double) {
            if (!dollarParen && buf.endsWith("$") && !buf.endsWith("\\$")) {
                dollarParen = true;
                buf += "(";
                continue;
            }
            return { args, error: "unquoted '(' in command" };
        } else if (r === '"' && !single && !dollarParen) {
            if (double) got = true;
            double = !double;
            continue;
        } else if (r === "'" && !double && !dollarParen) {
            if (single) got = true;
            single = !single;
            continue;
        } else if (";&|<>".includes(r) && !single && !double && !dollarParen) {
            stoppedAt = i;
            break;
        }
        got = true;
        buf += r;
    }
    if (got) args.push(buf);
    if (escaped || single || double || dollarParen) return { args, error: "unterminated quote or escape in command" };
    return stoppedAt === undefined ? { args } : { args, stoppedAt };
}
