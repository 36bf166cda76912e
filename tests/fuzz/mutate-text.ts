// Text-level mutations: what only exists in the YAML text (tabs, BOM, CRLF, anchors and merge keys,
// duplicate keys, truncation, deep flow nesting, stray characters).
import type { Rng } from "./rng";

export type TextMutation = (text: string, rng: Rng) => [string, string] | undefined;

const lines = (t: string) => t.split("\n");

const tabIndent: TextMutation = (text, rng) => {
    const ls = lines(text);
    const idx = ls.map((l, i) => (/^ +\S/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) return undefined;
    const i = rng.pick(idx);
    ls[i] = ls[i].replace(/^ +/, (m) => (rng.chance(0.5) ? "\t" : m.slice(0, -1) + "\t"));
    return [ls.join("\n"), `tab indent on line ${i + 1}`];
};

const bom: TextMutation = (text) => ["\uFEFF" + text, "byte-order mark"];

const crlf: TextMutation = (text) => [text.replace(/\r?\n/g, "\r\n"), "CRLF line endings"];

const duplicateLine: TextMutation = (text, rng) => {
    const ls = lines(text);
    const idx = ls.map((l, i) => (/^\s*[\w.-]+:/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) return undefined;
    const i = rng.pick(idx);
    ls.splice(i + 1, 0, ls[i]);
    return [ls.join("\n"), `duplicate line ${i + 1} (duplicate key)`];
};

const truncate: TextMutation = (text, rng) => {
    const at = rng.int(text.length + 1);
    return [text.slice(0, at), `truncate at ${at}`];
};

/** An anchored x- block merged into a service with `<<:`, in the forms real files use (and broken ones). */
const anchorMerge: TextMutation = (text, rng) => {
    const ls = lines(text);
    const s = ls.findIndex((l) => /^services:\s*$/.test(l));
    const svc = s >= 0 ? ls.findIndex((l, i) => i > s && /^ {2}[^\s#][^:]*:\s*$/.test(l)) : -1;
    if (svc < 0) return undefined;
    const variant = rng.int(6);
    const block = [
        "x-common: &common\n  restart: unless-stopped\n  environment:\n    LOG_LEVEL: info\n  deploy:\n    resources:\n      reservations:\n        memory: 256M\n",
        "x-env: &env\n  A: \"1\"\nx-res: &res\n  cpus: \"0.5\"\n",
    ];
    const merges = ["    <<: *common", "    <<: [*common, *common]", "    <<: *nope", "    <<: 5", "    <<: *common\n    <<: *common", "    environment:\n      <<: *env\n      B: \"2\""];
    ls.splice(svc + 1, 0, merges[variant]);
    const out = (variant === 5 ? block[1] : block[0]) + ls.join("\n");
    return [out, `anchor + merge key variant ${variant}`];
};

/** Exponential alias expansion ("billion laughs"). */
const aliasBomb: TextMutation = () => {
    let t = "x-l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (let i = 1; i < 9; i++) t += `x-l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(", ")}]\n`;
    return [t, "alias bomb"];
};

const deepFlow: TextMutation = (text, rng) => {
    const n = rng.pick([100, 1000, 5000]);
    const open = rng.chance(0.5) ? "[" : "{a: ";
    const close = open === "[" ? "]" : "}";
    return [`x-deep: ${open.repeat(n)}1${close.repeat(n)}\n` + text, `flow nesting ${n} deep`];
};

const SNIPPETS = ["\u0000", "\u0007", "\u2028", "é", "\u200b", "\"", "'", "{", "[", "&a", "*a", "!!binary", "!reset", "!override", "!!str", "%YAML 1.1\n", "---\n", "...\n", "? ", "|", ">-", "#", "@", "`"];

const strayChars: TextMutation = (text, rng) => {
    const at = rng.int(text.length + 1);
    const s = rng.pick(SNIPPETS);
    return [text.slice(0, at) + s + text.slice(at), `insert ${JSON.stringify(s)} at ${at}`];
};

const multiDoc: TextMutation = (text, rng) => {
    const extra = rng.pick(["---\nservices: {}\n", "---\n", "---\nservices:\n  extra:\n    image: nginx\n", "---\n- a\n", "---\nname: Other Name\n"]);
    return [text + (text.endsWith("\n") ? "" : "\n") + extra, `extra document ${JSON.stringify(extra)}`];
};

const emptyish: TextMutation = (_text, rng) => {
    const t = rng.pick(["", "# only a comment\n", "---\n", "\n\n", "null\n", "[]\n", "services:\n", "services: null\n", "services: []\n", "version: '3'\n"]);
    return [t, `replace file by ${JSON.stringify(t)}`];
};

export const TEXT_MUTATIONS: Array<[string, TextMutation, number]> = [
    ["tabIndent", tabIndent, 2],
    ["bom", bom, 1],
    ["crlf", crlf, 1],
    ["duplicateLine", duplicateLine, 2],
    ["truncate", truncate, 1],
    ["anchorMerge", anchorMerge, 3],
    ["aliasBomb", aliasBomb, 1],
    ["deepFlow", deepFlow, 1],
    ["strayChars", strayChars, 2],
    ["multiDoc", multiDoc, 1],
    ["emptyish", emptyish, 1],
];

/** Odd `.env` files (interpolation variables). */
export const DOTENVS = [
    "A=${\nexport B=1\nC='unterminated\n=x\n",
    "\uFEFFPORT=8080\r\nDB_PASSWORD=\r\n",
    "X=${Y:?Y is required}\n",
    "NAME=with space\nQUOTED=\"a\\nb\"\nMULTI=\"line1\nline2\"\n",
    "COMPOSE_PROJECT_NAME=Bad Name!\n",
    "1BAD=x\nGOOD=1\n",
    "IMAGE=\nPORT=abc\n",
];
