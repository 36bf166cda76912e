// Merging compose documents (several -f files, an extended service into its base) with compose-go's
// override rules (override/merge.go):
//   - mappings merge key by key, scalars are replaced, sequences are appended;
//   - `command`, `entrypoint`, `healthcheck.test`, `profiles`, `ulimits.*` are replaced whole;
//   - KEY=VALUE mappings (environment, labels, build.args, …) merge by key, a later null included;
//   - `logging` options merge only when the driver is the same;
//   - an override's `null` keeps the base value; `!reset` removes it; `!override` replaces it.
// Sequences with an identity (ports, volumes, secrets, configs, expose) are de-duplicated afterwards
// by `enforceUnicity`, the later entry taking the earlier one's place.
import { portKey } from "./ports";
import {
    OverrideTag, RawMap, RawSeq, ResetTag, assign, entryLocs, has, isMap, isSeq, newMap, newSeq,
    pushFrom, setEntryLocs,
} from "./tree";

type Path = ReadonlyArray<string>;

const REPLACED = ["command", "entrypoint", "profiles", "healthcheck.test"];
const KEY_VALUE = ["environment", "labels", "annotations", "sysctls", "build.args", "build.labels", "build.additional_contexts", "deploy.labels"];
const DEDUPED = ["extra_hosts", "build.extra_hosts"];

/** Merge `over` into `base` (mutated and returned). Both are canonical documents. */
export function mergeDocs(base: RawMap, over: RawMap): RawMap {
    return mergeMaps(base, over, []);
}

/** Merge a service definition over its `extends` base (both canonical service mappings). */
export function mergeService(base: RawMap, over: RawMap): RawMap {
    return mergeMaps(base, over, ["services", "*"]);
}

function rule(path: Path): string | undefined {
    const p = path.length >= 2 && path[0] === "services" ? path.slice(2).join(".") : undefined;
    if (p !== undefined) {
        if (REPLACED.includes(p) || (path.length === 4 && path[2] === "ulimits")) return "replace";
        if (KEY_VALUE.includes(p)) return "keyvalue";
        if (p === "logging") return "logging";
        if (DEDUPED.includes(p)) return "dedupe";
        return undefined;
    }
    if (path.length === 3 && (path[0] === "networks" || path[0] === "volumes" || path[0] === "secrets" || path[0] === "configs") && path[2] === "labels") return "keyvalue";
    return undefined;
}

function mergeMaps(base: RawMap, over: RawMap, path: Path): RawMap {
    for (const key of Object.keys(over)) {
        const o = over[key];
        const next = [...path, key];
        if (o instanceof ResetTag) {
            delete base[key];
            continue;
        }
        if (!has(base, key) || o instanceof OverrideTag) {
            assign(base, key, stripTags(o instanceof OverrideTag ? o.value : o));
            setEntryLocs(base, key, entryLocs(over, key) ?? {});
            continue;
        }
        const merged = mergeValue(base[key], o, next);
        if (merged !== base[key]) {
            assign(base, key, merged);
            if (!isMap(merged) && !isSeq(merged)) setEntryLocs(base, key, entryLocs(over, key) ?? {});
        }
    }
    return base;
}

function mergeValue(b: unknown, o: unknown, path: Path): unknown {
    switch (rule(path)) {
        case "replace":
            return o === null ? b : stripTags(o);
        case "keyvalue":
            if (isMap(b) && isMap(o)) {
                for (const k of Object.keys(o)) {
                    if (o[k] instanceof ResetTag) delete b[k];
                    else {
                        assign(b, k, stripTags(o[k] instanceof OverrideTag ? (o[k] as OverrideTag).value : o[k]));
                        setEntryLocs(b, k, entryLocs(o, k) ?? {});
                    }
                }
                return b;
            }
            return o === null ? b : stripTags(o);
        case "logging":
            if (isMap(b) && isMap(o) && typeof b.driver === "string" && typeof o.driver === "string" && b.driver !== o.driver) return stripTags(o);
            break;
        case "dedupe":
            if (isSeq(b) && isSeq(o)) {
                const out = b;
                o.forEach((item, i) => {
                    if (!out.some((x) => x === item)) pushFrom(out, stripTags(item), o, i);
                });
                return out;
            }
            break;
    }
    if (o === null || o === undefined) return b;
    if (isMap(b) && isMap(o)) return mergeMaps(b, o, path);
    if (isSeq(b) && isSeq(o)) {
        o.forEach((item, i) => {
            if (!(item instanceof ResetTag)) pushFrom(b, stripTags(item), o, i);
        });
        return b;
    }
    return stripTags(o);
}

/** Remove `!reset` entries and unwrap `!override` values (a document merged onto nothing). */
export function stripTags(v: unknown): unknown {
    if (v instanceof OverrideTag) return stripTags(v.value);
    if (isMap(v)) {
        for (const k of Object.keys(v)) {
            if (v[k] instanceof ResetTag) delete v[k];
            else v[k] = stripTags(v[k]);
        }
        return v;
    }
    if (isSeq(v)) {
        const out = newSeq(v);
        v.forEach((item, i) => {
            if (!(item instanceof ResetTag)) pushFrom(out, stripTags(item), v, i);
        });
        return out;
    }
    return v;
}

// --- unicity ---------------------------------------------------------------------------------------

type Indexer = (item: unknown) => string | undefined;

const INDEXERS: Record<string, Indexer> = {
    ports: (p) => (isMap(p) ? portKey(p) : typeof p === "string" ? p : undefined),
    volumes: (v) => (isMap(v) && typeof v.target === "string" ? v.target : undefined),
    expose: (e) => (typeof e === "string" || typeof e === "number" ? String(e) : undefined),
    secrets: mountIndexer("/run/secrets"),
    configs: mountIndexer(""),
};

function mountIndexer(dir: string): Indexer {
    return (m) => {
        if (typeof m === "string") return `${dir}/${m}`;
        if (isMap(m)) return typeof m.target === "string" ? m.target : `${dir}/${String(m.source)}`;
        return undefined;
    };
}

/** De-duplicate the identity-keyed sequences of every service; a later entry replaces an earlier one. */
export function enforceUnicity(doc: RawMap): void {
    const services = doc.services;
    if (!isMap(services)) return;
    for (const name of Object.keys(services)) {
        const svc = services[name];
        if (!isMap(svc)) continue;
        for (const [key, indexer] of Object.entries(INDEXERS)) {
            const seq = svc[key];
            if (isSeq(seq)) svc[key] = unique(seq, indexer);
        }
    }
}

function unique(seq: RawSeq, indexer: Indexer): RawSeq {
    const out = newSeq(seq);
    const index = new Map<string, number>();
    seq.forEach((item, i) => {
        const key = indexer(item);
        const at = key === undefined ? undefined : index.get(key);
        if (at === undefined) {
            pushFrom(out, item, seq, i);
            if (key !== undefined) index.set(key, out.length - 1);
        } else {
            out[at] = item;
            setEntryLocs(out, at, entryLocs(seq, i) ?? {});
        }
    });
    return out;
}

export { newMap };
