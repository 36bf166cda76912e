// Text that must fit a terminal: words wrapped to a width, a word longer than the width cut.
// Shared by the estimate table and the other reports the CLI prints.

/** `text` as lines of at most `width` characters (breaking at spaces; longer words are cut). */
export function wrap(text: string, width: number): string[] {
    const w = Math.max(1, width);
    const lines: string[] = [];
    let current = "";
    for (const word of text.split(/\s+/).filter(Boolean)) {
        for (let rest = word; rest.length > 0; ) {
            const room = current ? w - current.length - 1 : w;
            if (rest.length <= room) {
                current = current ? `${current} ${rest}` : rest;
                rest = "";
            } else if (current) {
                lines.push(current);
                current = "";
            } else {
                lines.push(rest.slice(0, w));
                rest = rest.slice(w);
            }
        }
    }
    if (current || lines.length === 0) lines.push(current);
    return lines;
}

/** A paragraph wrapped to `width`, its first line after `first`, the others after `rest` (same length). */
export function hanging(text: string, width: number, first: string, rest = " ".repeat(first.length)): string[] {
    return wrap(text, width - first.length).map((l, i) => `${i === 0 ? first : rest}${l}`);
}
