// One mutant of a seed compose file: 1–3 weighted mutations, structural (on the parsed document,
// then printed back as YAML) or textual (on the YAML text), sometimes with an odd `.env` beside it.
import * as YAML from "yaml";
import { Rng } from "./rng";
import { TREE_MUTATIONS } from "./mutate-tree";
import { DOTENVS, TEXT_MUTATIONS } from "./mutate-text";
import { SECURITY_MUTATIONS, type Planted, type SecurityContext } from "./mutate-security";
import { PENDING_INVARIANTS } from "./invariants";

/** How often a mutant also gets one of issue 11's security mutations. */
export const SECURITY_CHANCE = 0.12;
/** Generators of large inputs run only once their bound is implemented (until then they only cost CI time). */
const HEAVY = new Set(["dotenvBomb", "hugeWork"]);

export interface Mutant {
    text: string;
    /** What was done, in order (names the mutant in a failure report). */
    ops: string[];
    /** Files to write beside the compose file. */
    extraFiles: Record<string, string>;
    /** Files of the seed's directory to delete. */
    removeFiles: string[];
    /** Create the build contexts and env files the mutant names (false when a missing file is the point). */
    createReferenced: boolean;
    /** What the security mutations planted (tests/fuzz/invariants.ts checks each). */
    planted: Planted[];
}

function weighted<T>(rng: Rng, items: Array<[string, T, number]>): [string, T] {
    const total = items.reduce((n, [, , w]) => n + w, 0);
    let r = rng.next() * total;
    for (const [name, item, w] of items) {
        if ((r -= w) < 0) return [name, item];
    }
    const [name, item] = items[items.length - 1];
    return [name, item];
}

function parseSeed(text: string): unknown {
    try {
        const doc = YAML.parseDocument(text, { merge: true, uniqueKeys: false });
        return doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: -1 });
    } catch {
        return undefined;
    }
}

export function mutate(seedText: string, fileName: string, rng: Rng): Mutant {
    const cx: SecurityContext = { rng, fileName, extraFiles: {}, removeFiles: [], keepMissing: false, planted: [] };
    const ops: string[] = [];
    const doc = parseSeed(seedText);
    const textOps: Array<[string, (typeof TEXT_MUTATIONS)[number][1]]> = [];
    let changedTree = false;
    const count = 1 + rng.int(3);
    for (let i = 0; i < count; i++) {
        if (doc !== undefined && rng.chance(0.7)) {
            const [name, m] = weighted(rng, TREE_MUTATIONS);
            const what = m(doc, cx);
            if (what) {
                ops.push(`${name}: ${what}`);
                changedTree = true;
            }
        } else {
            textOps.push(weighted(rng, TEXT_MUTATIONS));
        }
    }
    if (doc !== undefined && rng.chance(SECURITY_CHANCE)) {
        const usable = SECURITY_MUTATIONS.filter(([name, , , invariant]) => !HEAVY.has(name) || !PENDING_INVARIANTS.includes(invariant)).map(([name, m, w]): [string, (typeof SECURITY_MUTATIONS)[number][1], number] => [name, m, w]);
        const [name, m] = weighted(rng, usable);
        const what = m(doc, cx);
        if (what) {
            ops.push(`${name}: ${what}`);
            changedTree = true;
        }
    }
    let text = changedTree ? print(doc) ?? seedText : seedText;
    for (const [name, m] of textOps) {
        const r = m(text, rng);
        if (!r) continue;
        text = r[0];
        ops.push(`${name}: ${r[1]}`);
    }
    if (rng.chance(0.1) && cx.extraFiles[".env"] === undefined) {
        cx.extraFiles[".env"] = rng.pick(DOTENVS);
        ops.push(`dotenv: ${JSON.stringify(cx.extraFiles[".env"])}`);
    }
    // A text mutation may have broken what was planted (a truncated file reports yaml-syntax first):
    // then only the "never" invariants still hold.
    if (ops.length > 0 && textOps.length > 0) cx.planted = cx.planted.filter((p) => p.invariant === "secret-never-printed" || p.invariant === "bounded-work");
    if (ops.length === 0) ops.push("none (seed as is)");
    return { text, ops, extraFiles: cx.extraFiles, removeFiles: cx.removeFiles, createReferenced: !cx.keepMissing, planted: cx.planted };
}

/** The document as YAML (block style; flow style when too deep for the printer). */
function print(doc: unknown): string | undefined {
    for (const flowLevel of [undefined, 8]) {
        try {
            return YAML.stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false, ...(flowLevel ? { flowLevel } : {}) });
        } catch {
            // too deep for block style: try flow style below that level
        }
    }
    return undefined;
}
