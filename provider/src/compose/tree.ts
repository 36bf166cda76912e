// The raw compose tree: plain JSON-like values (objects, arrays, strings, numbers, booleans, null)
// as parsed from YAML, plus location side tables so every value can be traced back to its file,
// line and column after merges, includes and extends.
//
// Locations live in a WeakMap keyed by the container (object or array): for each entry we keep the
// location of its key (maps only) and of its value. Whoever moves an entry from one container to
// another copies its locations with `moveEntry`/`setEntry`, so nothing is lost on the way.
import type { SourceLocation } from "./types";

export type Loc = SourceLocation;
export type RawMap = Record<string, unknown>;
export type RawSeq = unknown[];

interface EntryLocs {
    key?: Loc;
    value?: Loc;
}

interface ContainerInfo {
    self?: Loc;
    entries: Map<string | number, EntryLocs>;
}

const INFO = new WeakMap<object, ContainerInfo>();

/** `!reset` in YAML: removes the inherited value (override files, extends). */
export class ResetTag {
    constructor(readonly loc?: Loc) {}
}

/** `!override` in YAML: replaces the inherited value instead of merging with it. */
export class OverrideTag {
    constructor(readonly value: unknown, readonly loc?: Loc) {}
}

export function isMap(v: unknown): v is RawMap {
    return typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

export function isSeq(v: unknown): v is RawSeq {
    return Array.isArray(v);
}

export function isContainer(v: unknown): v is RawMap | RawSeq {
    return isMap(v) || isSeq(v);
}

function info(container: object): ContainerInfo {
    let i = INFO.get(container);
    if (!i) {
        i = { entries: new Map() };
        INFO.set(container, i);
    }
    return i;
}

export function setSelfLoc(container: object, loc: Loc | undefined): void {
    if (loc) info(container).self = loc;
}

export function selfLoc(container: unknown): Loc | undefined {
    return typeof container === "object" && container !== null ? INFO.get(container)?.self : undefined;
}

export function setEntryLocs(container: object, key: string | number, locs: EntryLocs): void {
    if (!locs.key && !locs.value) return;
    info(container).entries.set(key, { ...locs });
}

export function entryLocs(container: unknown, key: string | number): EntryLocs | undefined {
    if (typeof container !== "object" || container === null) return undefined;
    return INFO.get(container)?.entries.get(key);
}

/** Location of the key of a map entry (falls back to the value). */
export function keyLoc(container: unknown, key: string | number): Loc | undefined {
    const e = entryLocs(container, key);
    return e?.key ?? e?.value ?? childSelf(container, key);
}

/**
 * Best location for an entry: for a scalar its value, for a collection the key that introduces it
 * (the line a user recognises, `web:`), else the collection's first line.
 */
export function entryLoc(container: unknown, key: string | number): Loc | undefined {
    const e = entryLocs(container, key);
    const child = getChild(container, key);
    if (isContainer(child)) return e?.key ?? e?.value ?? selfLoc(child);
    return e?.value ?? e?.key ?? selfLoc(child);
}

/** Location of an entry's value. */
export function valueLoc(container: unknown, key: string | number): Loc | undefined {
    const e = entryLocs(container, key);
    return e?.value ?? childSelf(container, key) ?? e?.key;
}

function childSelf(container: unknown, key: string | number): Loc | undefined {
    return selfLoc(getChild(container, key));
}

function getChild(container: unknown, key: string | number): unknown {
    if (isSeq(container) && typeof key === "number") return container[key];
    if (isMap(container) && typeof key === "string") return Object.prototype.hasOwnProperty.call(container, key) ? container[key] : undefined;
    return undefined;
}

/** Assign `map[key] = value` safely (a key named `__proto__` stays an own property). */
export function assign(map: RawMap, key: string, value: unknown): void {
    if (key === "__proto__") Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
    else map[key] = value;
}

export function has(map: RawMap, key: string): boolean {
    return Object.prototype.hasOwnProperty.call(map, key);
}

/** Set an entry with explicit locations. */
export function setEntry(container: RawMap | RawSeq, key: string | number, value: unknown, locs?: EntryLocs): void {
    if (isSeq(container)) container[key as number] = value;
    else assign(container, key as string, value);
    if (locs) setEntryLocs(container, key, locs);
}

/** Copy `from[fromKey]` into `to[toKey]` together with its locations. */
export function moveEntry(from: unknown, fromKey: string | number, to: RawMap | RawSeq, toKey: string | number, value?: unknown): void {
    const v = value !== undefined ? value : getChild(from, fromKey);
    setEntry(to, toKey, v, entryLocs(from, fromKey));
}

/** Push onto a sequence, carrying the locations of `from[fromKey]`. */
export function pushFrom(to: RawSeq, value: unknown, from: unknown, fromKey: string | number): void {
    to.push(value);
    const locs = entryLocs(from, fromKey);
    if (locs) setEntryLocs(to, to.length - 1, locs);
}

/** A new map carrying the self location of `like`. */
export function newMap(like?: unknown): RawMap {
    const m: RawMap = {};
    setSelfLoc(m, selfLoc(like));
    return m;
}

export function newSeq(like?: unknown): RawSeq {
    const s: RawSeq = [];
    setSelfLoc(s, selfLoc(like));
    return s;
}

/** Deep copy, locations included. Leaf objects that are not plain maps (markers, templates) are shared. */
export function deepClone<T>(v: T): T {
    if (isSeq(v)) {
        const out = newSeq(v);
        v.forEach((item, i) => pushFrom(out, deepClone(item), v, i));
        return out as T;
    }
    if (isMap(v)) {
        const out = newMap(v);
        for (const k of Object.keys(v)) moveEntry(v, k, out, k, deepClone(v[k]));
        return out as T;
    }
    if (v instanceof OverrideTag) return new OverrideTag(deepClone(v.value), v.loc) as T;
    return v;
}

/** Follow a path through the raw tree. */
export function getPath(root: unknown, path: ReadonlyArray<string | number>): unknown {
    let cur: unknown = root;
    for (const p of path) {
        cur = getChild(cur, p);
        if (cur === undefined) return undefined;
    }
    return cur;
}

/**
 * Location of the nearest node on `path` that has one. Understands the short forms a path in the
 * normalized model may cross: an `environment` / `labels` list (`KEY=value` items) looked up by key.
 */
export function locatePath(root: unknown, path: ReadonlyArray<string | number>): Loc | undefined {
    let cur: unknown = root;
    let best = selfLoc(root);
    for (const p of path) {
        let key: string | number = p;
        if (isSeq(cur) && typeof p === "string") {
            const i = cur.findIndex((item) => typeof item === "string" && (item === p || item.startsWith(p + "=")));
            if (i < 0) return best;
            key = i;
        } else if (isMap(cur) && typeof p === "number") {
            key = String(p);
        }
        const loc = entryLoc(cur, key);
        if (loc) best = loc;
        const next = getChild(cur, key);
        if (next === undefined) return best;
        cur = next;
    }
    return best;
}
