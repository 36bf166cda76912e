// Short syntax → long syntax, one document at a time (after interpolation, before merging), like
// compose-go's transform.Canonical: lists of KEY=VALUE become mappings, `build: ./dir` becomes
// `{context}`, ports and volumes their long form, etc. Relative paths are made absolute against the
// document's base directory (the project directory, an include's project_directory, or the file an
// `extends` points to). Defaults that merging must not see (depends_on conditions, port modes of the
// long syntax, the Dockerfile name) are applied later, once every file is merged.
import * as path from "path";
import { Diagnostics } from "./diag";
import { PortError, parsePortSpec } from "./ports";
import {
    OverrideTag, RawMap, RawSeq, ResetTag, assign, entryLoc, entryLocs, isMap, isSeq, newMap, newSeq, pushFrom,
    setEntryLocs, valueLoc,
} from "./tree";
import { VolumeError, parseVolumeSpec } from "./volumes";

export interface CanonicalContext {
    /** Relative paths are resolved against this directory. */
    baseDir: string;
    homeDir: string;
    diags: Diagnostics;
}

export function canonicalizeDoc(doc: RawMap, ctx: CanonicalContext): void {
    for (const section of ["services", "networks", "volumes", "secrets", "configs", "models"]) {
        if (doc[section] === null) doc[section] = newMap();
    }
    const services = doc.services;
    if (isMap(services)) {
        for (const name of Object.keys(services)) {
            if (services[name] === null) services[name] = newMap();
            const svc = services[name];
            if (isMap(svc)) canonicalService(svc, ctx);
        }
    }
    for (const section of ["networks", "volumes", "secrets", "configs"]) {
        const resources = doc[section];
        if (!isMap(resources)) continue;
        for (const name of Object.keys(resources)) {
            if (resources[name] === null) resources[name] = newMap();
            const r = resources[name];
            if (isMap(r)) canonicalResource(r, section, ctx);
        }
    }
    if (isSeq(doc.include)) {
        doc.include = mapSeq(doc.include, (item) => {
            if (typeof item === "string") return { path: [item] };
            if (isMap(item) && typeof item.path === "string") item.path = oneItemList(item.path, item, "path");
            if (isMap(item) && typeof item.env_file === "string") item.env_file = oneItemList(item.env_file, item, "env_file");
            return item;
        });
    }
}

/** Apply `fn` to a field, looking through `!override` (a `!reset` is left for the merge). */
function field(m: RawMap, key: string, fn: (v: unknown) => unknown): void {
    if (!Object.prototype.hasOwnProperty.call(m, key)) return;
    const v = m[key];
    if (v instanceof ResetTag || v === undefined) return;
    if (v instanceof OverrideTag) {
        m[key] = new OverrideTag(fn(v.value), v.loc);
        return;
    }
    assign(m, key, fn(v));
}

function canonicalService(svc: RawMap, ctx: CanonicalContext): void {
    field(svc, "build", (b) => canonicalBuild(b, ctx));
    field(svc, "environment", (e) => keyValueMap(e));
    for (const k of ["labels", "annotations", "sysctls"]) field(svc, k, (v) => keyValueMap(v));
    field(svc, "env_file", (v) => envFiles(v, svc, ctx));
    field(svc, "label_file", (v) => mapSeq(stringList(v, svc, "label_file"), (f) => (typeof f === "string" ? absPath(f, ctx) : f)));
    for (const k of ["dns", "dns_search", "dns_opt", "tmpfs"]) field(svc, k, (v) => (typeof v === "string" ? oneItemList(v, svc, k) : v));
    // compose-go omits empty dns entries (`dns: ${UNSET}` means no dns).
    field(svc, "dns", (v) => (isSeq(v) ? filterSeq(v, (x) => x !== "" && x !== null) : v));
    field(svc, "depends_on", (v) => dependsOn(v));
    field(svc, "networks", (v) => listToNullMap(v));
    field(svc, "ports", (v) => ports(v, ctx));
    field(svc, "expose", (v) => (isSeq(v) ? mapSeq(v, (e) => (typeof e === "number" ? String(e) : e)) : v));
    field(svc, "volumes", (v) => serviceVolumes(v, ctx));
    field(svc, "secrets", (v) => fileRefs(v));
    field(svc, "configs", (v) => fileRefs(v));
    field(svc, "devices", (v) => devices(v));
    field(svc, "extends", (v) => (typeof v === "string" ? { service: v } : v));
    field(svc, "extra_hosts", (v) => extraHosts(v));
    const deploy = svc.deploy;
    if (isMap(deploy)) field(deploy, "labels", (v) => keyValueMap(v));
}

function canonicalBuild(b: unknown, ctx: CanonicalContext): unknown {
    const build = typeof b === "string" ? { context: b } : b;
    if (!isMap(build)) return build;
    if (typeof build.context === "string") build.context = contextPath(build.context, ctx);
    for (const k of ["args", "labels"]) field(build, k, (v) => keyValueMap(v));
    field(build, "additional_contexts", (v) => {
        const m = keyValueMap(v);
        if (isMap(m)) for (const name of Object.keys(m)) if (typeof m[name] === "string") m[name] = contextPath(m[name] as string, ctx);
        return m;
    });
    field(build, "ssh", (v) => sshList(v));
    field(build, "secrets", (v) => fileRefs(v));
    field(build, "extra_hosts", (v) => extraHosts(v));
    for (const k of ["cache_from", "cache_to", "tags", "platforms", "no_cache_filter"]) {
        field(build, k, (v) => (typeof v === "string" ? oneItemList(v, build, k) : v));
    }
    return build;
}

function canonicalResource(r: RawMap, section: string, ctx: CanonicalContext): void {
    const ext = r.external;
    if (isMap(ext)) {
        // Deprecated `external: {name: x}` → `name: x`, `external: true`.
        if (typeof ext.name === "string") {
            if (typeof r.name === "string" && r.name !== ext.name) {
                ctx.diags.error("conflicting-name", `${section} entry uses both 'external.name' and 'name'`, entryLoc(r, "external"), "keep only 'name' (external.name is deprecated)");
            } else {
                assign(r, "name", ext.name);
                setEntryLocs(r, "name", entryLocs(r, "external") ?? {});
            }
        }
        r.external = true;
    }
    if (section === "secrets" || section === "configs") {
        if (typeof r.file === "string") r.file = absPath(r.file, ctx);
    }
    for (const k of ["labels"]) field(r, k, (v) => keyValueMap(v));
}

// --- helpers --------------------------------------------------------------------------------------

function mapSeq(seq: RawSeq, fn: (item: unknown, i: number) => unknown): RawSeq {
    const out = newSeq(seq);
    seq.forEach((item, i) => pushFrom(out, fn(item, i), seq, i));
    return out;
}

function filterSeq(seq: RawSeq, keep: (item: unknown) => boolean): RawSeq {
    const out = newSeq(seq);
    seq.forEach((item, i) => {
        if (keep(item)) pushFrom(out, item, seq, i);
    });
    return out;
}

function oneItemList(v: string, owner: RawMap, key: string): RawSeq {
    const out = newSeq();
    out.push(v);
    setEntryLocs(out, 0, { value: valueLoc(owner, key) });
    return out;
}

function stringList(v: unknown, owner: RawMap, key: string): RawSeq {
    if (typeof v === "string") return oneItemList(v, owner, key);
    return isSeq(v) ? v : [];
}

/** Like Go's filepath.Join: absolute, cleaned, no trailing separator; `~` is the home directory. */
export function absPath(p: string, ctx: { baseDir: string; homeDir: string }): string {
    if (p.startsWith("~")) return path.resolve(ctx.homeDir, "./" + p.slice(1));
    return path.resolve(ctx.baseDir, p);
}

function contextPath(p: string, ctx: CanonicalContext): string {
    if (p.includes("://") || p.startsWith("service:")) return p;
    if (["https://", "http://", "git://", "ssh://", "github.com/", "git@"].some((prefix) => p.startsWith(prefix))) return p;
    return absPath(p, ctx);
}

/** A list of KEY=VALUE strings, or a mapping, as a mapping of strings (null for a key alone). */
export function keyValueMap(v: unknown): unknown {
    if (isSeq(v)) {
        const out = newMap(v);
        v.forEach((item, i) => {
            if (typeof item !== "string") return;
            const eq = item.indexOf("=");
            const key = eq < 0 ? item : item.slice(0, eq);
            assign(out, key, eq < 0 ? null : item.slice(eq + 1));
            const loc = entryLocs(v, i)?.value;
            setEntryLocs(out, key, { key: loc, value: loc });
        });
        return out;
    }
    if (isMap(v)) {
        for (const k of Object.keys(v)) {
            const x = v[k];
            if (typeof x === "number" || typeof x === "boolean") v[k] = String(x);
        }
    }
    return v;
}

function listToNullMap(v: unknown): unknown {
    if (!isSeq(v)) return v;
    const out = newMap(v);
    v.forEach((item, i) => {
        if (typeof item !== "string") return;
        assign(out, item, null);
        setEntryLocs(out, item, { key: entryLocs(v, i)?.value, value: entryLocs(v, i)?.value });
    });
    return out;
}

function dependsOn(v: unknown): unknown {
    if (!isSeq(v)) return v;
    const out = newMap(v);
    v.forEach((item, i) => {
        if (typeof item !== "string") return;
        assign(out, item, { condition: "service_started", required: true });
        setEntryLocs(out, item, { key: entryLocs(v, i)?.value, value: entryLocs(v, i)?.value });
    });
    return out;
}

function envFiles(v: unknown, owner: RawMap, ctx: CanonicalContext): unknown {
    // The one-file form keeps its location, so a missing file is reported where it is named.
    const list = typeof v === "string" ? oneItemList(v, owner, "env_file") : v;
    if (!isSeq(list)) return v;
    return mapSeq(list, (item) => {
        if (typeof item === "string") return { path: absPath(item, ctx) };
        if (isMap(item) && typeof item.path === "string") item.path = absPath(item.path, ctx);
        return item;
    });
}

function ports(v: unknown, ctx: CanonicalContext): unknown {
    if (!isSeq(v)) return v;
    const out = newSeq(v);
    v.forEach((item, i) => {
        if (typeof item === "number" || typeof item === "string") {
            try {
                for (const spec of parsePortSpec(String(item))) pushFrom(out, spec, v, i);
            } catch (err) {
                if (!(err instanceof PortError)) throw err;
                ctx.diags.error("invalid-port", `invalid port ${JSON.stringify(String(item))}: ${err.message}`, valueLoc(v, i),
                    "use [host_ip:][published:]target[/protocol], e.g. \"8080:80\" or \"127.0.0.1:5432:5432/tcp\"");
            }
            return;
        }
        if (isMap(item)) {
            if (typeof item.published === "number") item.published = String(item.published);
        }
        pushFrom(out, item, v, i);
    });
    return out;
}

function serviceVolumes(v: unknown, ctx: CanonicalContext): unknown {
    if (!isSeq(v)) return v;
    const out = newSeq(v);
    v.forEach((item, i) => {
        if (typeof item === "string") {
            try {
                const spec = parseVolumeSpec(item);
                if (spec.type === "bind" && spec.source !== undefined) spec.source = bindSource(spec.source, ctx);
                pushFrom(out, spec, v, i);
            } catch (err) {
                if (!(err instanceof VolumeError)) throw err;
                ctx.diags.error("invalid-volume", `invalid volume ${JSON.stringify(item)}: ${err.message}`, valueLoc(v, i),
                    "use [source:]target[:ro], e.g. \"data:/var/lib/data\" or \"./config:/etc/app:ro\"");
            }
            return;
        }
        if (isMap(item) && item.type === "bind" && typeof item.source === "string") item.source = bindSource(item.source, ctx);
        pushFrom(out, item, v, i);
    });
    return out;
}

function bindSource(source: string, ctx: CanonicalContext): string {
    // Windows paths are left as written; everything else is relative to the base directory.
    if (/^[a-zA-Z]:[\\/]/.test(source) || source.startsWith("\\\\")) return source;
    return absPath(source, ctx);
}

function fileRefs(v: unknown): unknown {
    if (!isSeq(v)) return v;
    return mapSeq(v, (item) => (typeof item === "string" ? { source: item } : item));
}

function devices(v: unknown): unknown {
    if (!isSeq(v)) return v;
    return mapSeq(v, (item) => {
        if (typeof item !== "string") return item;
        const [source, target, permissions] = item.split(":");
        const d: RawMap = { source };
        d.target = target ?? source;
        if (permissions !== undefined) d.permissions = permissions;
        else d.permissions = "rwm";
        return d;
    });
}

function sshList(v: unknown): unknown {
    if (typeof v === "string") return [v];
    if (isMap(v)) return Object.keys(v).map((k) => (v[k] === null || v[k] === undefined ? k : `${k}=${String(v[k])}`));
    return v;
}

/** extra_hosts as `host=ip` strings (compose-go's HostsList form). */
function extraHosts(v: unknown): unknown {
    if (isMap(v)) {
        const out: string[] = [];
        for (const host of Object.keys(v)) {
            const ips = isSeq(v[host]) ? (v[host] as unknown[]) : [v[host]];
            for (const ip of ips) out.push(`${host}=${String(ip)}`);
        }
        return out;
    }
    if (!isSeq(v)) return v;
    return mapSeq(v, (item) => {
        if (typeof item !== "string") return item;
        if (item.includes("=")) return item;
        const i = item.indexOf(":");
        return i < 0 ? item : `${item.slice(0, i)}=${item.slice(i + 1)}`;
    });
}
