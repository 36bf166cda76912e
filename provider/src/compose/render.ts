// Print a ComposeProject the way `docker compose config` does (compose-go's Project marshalling).
//   json: compose-go's JSON form — `command`/`entrypoint` always present (null when unset),
//         `ipam` always present on networks, x-* extensions only at the top level;
//   yaml: the same content as YAML — x-* extensions kept at every level, empty `ipam` omitted.
// Units go back to compose-go's printed forms (durations "1m30s", byte sizes as strings of bytes),
// config references print as `${NAME}` (a bare one as null), and a literal `$` prints as `$$`, so
// the output loads again to the same project.
import * as YAML from "yaml";
import type {
    BuildConfig, ComposeProject, DeployConfig, EnvValue, HealthCheck, NetworkConfig, Resource, ServiceConfig, ServiceVolume,
    UpdateConfig,
} from "./types";
import { isConfigTemplate } from "./types";
import { formatDuration } from "./units";

export type RenderFormat = "json" | "yaml";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

export function renderProject(project: ComposeProject, format: RenderFormat): string {
    const doc = projectDocument(project, format);
    if (format === "json") return JSON.stringify(doc, null, 2) + "\n";
    // YAML 1.1 quoting: values like no, on, 0440 or 12:30 stay strings for every YAML parser.
    return YAML.stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false, version: "1.1" });
}

/** The plain object `render` prints (exported for tests). */
export function projectDocument(project: ComposeProject, format: RenderFormat): Obj {
    const yaml = format === "yaml";
    const out: Obj = { name: esc(project.name) };
    const services: Obj = {};
    for (const [name, s] of Object.entries(project.services)) services[name] = service(s, yaml);
    out.services = services;
    const nets = project.networks;
    if (nets && Object.keys(nets).length > 0) out.networks = mapValues(nets, (n) => network(n, yaml));
    for (const section of ["volumes", "secrets", "configs", "models"] as const) {
        const r = project[section] as Record<string, object> | undefined;
        if (r && Object.keys(r).length > 0) out[section] = mapValues(r, (v) => resource(v as Record<string, unknown>, yaml));
    }
    for (const [k, v] of Object.entries(project.extensions ?? {})) out[k] = plain(v);
    return out;
}

function service(s: ServiceConfig, yaml: boolean): Obj {
    const o: Obj = {};
    const put = (k: string, v: Json | undefined) => {
        if (v !== undefined) o[k] = v;
    };
    put("profiles", list(s.profiles));
    put("annotations", strMap(s.annotations));
    if (s.build) put("build", build(s.build, yaml));
    put("cap_add", list(s.cap_add));
    put("cap_drop", list(s.cap_drop));
    put("cgroup_parent", str(s.cgroup_parent));
    if (!yaml) o.command = s.command ? s.command.map(esc) : null;
    else put("command", s.command ? s.command.map(esc) : undefined);
    put("configs", s.configs?.map((f) => plain(f)));
    put("container_name", str(s.container_name));
    if (s.depends_on && Object.keys(s.depends_on).length > 0) {
        put("depends_on", mapValues(s.depends_on, (d) => withExt({ condition: d.condition, required: d.required, ...(d.restart ? { restart: true } : {}) }, d.extensions, yaml)));
    }
    if (s.deploy) put("deploy", deploy(s.deploy, yaml));
    put("device_cgroup_rules", list(s.device_cgroup_rules));
    put("devices", s.devices?.map((d) => plain(d)));
    put("dns", list(s.dns));
    put("dns_opt", list(s.dns_opt));
    put("dns_search", list(s.dns_search));
    put("domainname", str(s.domainname));
    if (!yaml) o.entrypoint = s.entrypoint ? s.entrypoint.map(esc) : null;
    else put("entrypoint", s.entrypoint ? s.entrypoint.map(esc) : undefined);
    if (Object.keys(s.environment).length > 0) put("environment", mapValues(s.environment, envValue));
    put("env_file", s.env_file?.map((e) => plain(e)));
    put("expose", list(s.expose));
    put("external_links", list(s.external_links));
    put("extra_hosts", list(s.extra_hosts));
    put("group_add", list(s.group_add));
    put("hostname", str(s.hostname));
    if (s.healthcheck) put("healthcheck", healthcheck(s.healthcheck, yaml));
    put("image", str(s.image));
    put("init", s.init);
    put("ipc", str(s.ipc));
    put("isolation", str(s.isolation));
    put("labels", strMap(s.labels));
    put("label_file", list(s.label_file));
    put("links", list(s.links));
    if (s.logging) put("logging", plain(s.logging));
    put("mac_address", str(s.mac_address));
    put("mem_limit", bytes(s.mem_limit));
    put("mem_reservation", bytes(s.mem_reservation));
    put("network_mode", str(s.network_mode));
    if (s.networks && Object.keys(s.networks).length > 0) put("networks", mapValues(s.networks, (n) => (n === null ? null : plain(n))));
    put("pid", str(s.pid));
    put("platform", str(s.platform));
    if (s.ports && s.ports.length > 0) {
        put("ports", s.ports.map((p) => withExt({
            ...(p.name !== undefined ? { name: esc(p.name) } : {}),
            mode: p.mode,
            ...(p.host_ip !== undefined ? { host_ip: p.host_ip } : {}),
            target: p.target,
            ...(p.published !== undefined ? { published: esc(p.published) } : {}),
            protocol: p.protocol,
            ...(p.app_protocol !== undefined ? { app_protocol: p.app_protocol } : {}),
        }, p.extensions, yaml)));
    }
    put("privileged", s.privileged);
    if (s.provider) put("provider", plain(s.provider));
    put("pull_policy", str(s.pull_policy));
    put("read_only", s.read_only);
    put("restart", str(s.restart));
    put("scale", s.scale);
    put("secrets", s.secrets?.map((f) => plain(f)));
    put("security_opt", list(s.security_opt));
    put("shm_size", bytes(s.shm_size));
    put("stdin_open", s.stdin_open);
    put("stop_grace_period", duration(s.stop_grace_period));
    put("stop_signal", str(s.stop_signal));
    put("storage_opt", strMap(s.storage_opt));
    put("sysctls", strMap(s.sysctls));
    put("tmpfs", list(s.tmpfs));
    put("tty", s.tty);
    if (s.ulimits) put("ulimits", mapValues(s.ulimits, (u) => (u.single !== undefined ? u.single : plain({ soft: u.soft, hard: u.hard }))));
    put("user", str(s.user));
    put("uts", str(s.uts));
    if (s.volumes && s.volumes.length > 0) put("volumes", s.volumes.map((v) => volume(v, yaml)));
    put("volumes_from", list(s.volumes_from));
    put("working_dir", str(s.working_dir));
    for (const [k, v] of Object.entries(s.other ?? {})) put(k, plain(v));
    if (yaml) for (const [k, v] of Object.entries(s.extensions ?? {})) put(k, plain(v));
    return o;
}

function build(b: BuildConfig, yaml: boolean): Obj {
    const o: Obj = { context: esc(b.context) };
    const put = (k: string, v: Json | undefined) => {
        if (v !== undefined) o[k] = v;
    };
    put("dockerfile", str(b.dockerfile));
    put("dockerfile_inline", str(b.dockerfile_inline));
    if (b.args) put("args", mapValues(b.args, (v) => (v === null ? null : esc(v))));
    put("ssh", list(b.ssh));
    put("labels", strMap(b.labels));
    put("cache_from", list(b.cache_from));
    put("cache_to", list(b.cache_to));
    put("no_cache", b.no_cache);
    if (b.additional_contexts) put("additional_contexts", strMap(b.additional_contexts));
    put("network", str(b.network));
    put("target", str(b.target));
    put("shm_size", bytes(b.shm_size));
    put("extra_hosts", list(b.extra_hosts));
    put("isolation", str(b.isolation));
    put("privileged", b.privileged);
    put("secrets", b.secrets?.map((f) => plain(f)));
    put("tags", list(b.tags));
    if (b.ulimits) put("ulimits", mapValues(b.ulimits, (u) => (u.single !== undefined ? u.single : plain({ soft: u.soft, hard: u.hard }))));
    put("platforms", list(b.platforms));
    for (const [k, v] of Object.entries(b.other ?? {})) put(k, plain(v));
    return withExt(o, b.extensions, yaml);
}

function deploy(d: DeployConfig, yaml: boolean): Obj {
    const o: Obj = {};
    const put = (k: string, v: Json | undefined) => {
        if (v !== undefined) o[k] = v;
    };
    put("mode", str(d.mode));
    put("replicas", d.replicas);
    put("labels", strMap(d.labels));
    if (d.update_config) put("update_config", update(d.update_config));
    if (d.rollback_config) put("rollback_config", update(d.rollback_config));
    if (d.resources) {
        const r: Obj = {};
        if (d.resources.limits) r.limits = resourceObj(d.resources.limits);
        if (d.resources.reservations) r.reservations = resourceObj(d.resources.reservations);
        o.resources = r;
    }
    if (d.restart_policy) {
        const p = d.restart_policy;
        o.restart_policy = plain({ condition: p.condition, delay: duration(p.delay), max_attempts: p.max_attempts, window: duration(p.window) });
    }
    if (d.placement) put("placement", plain(d.placement));
    put("endpoint_mode", str(d.endpoint_mode));
    return withExt(o, d.extensions, yaml);
}

function update(u: UpdateConfig): Obj {
    return plain({
        parallelism: u.parallelism, delay: duration(u.delay), failure_action: u.failure_action,
        monitor: duration(u.monitor), max_failure_ratio: u.max_failure_ratio, order: u.order,
    }) as Obj;
}

function resourceObj(r: Resource): Obj {
    // compose-go prints a device count of -1 as "all".
    const devices = r.devices?.map((d) => (d.count === -1 ? { ...d, count: "all" } : d));
    return plain({ cpus: r.cpus, memory: bytes(r.memory), pids: r.pids, devices, generic_resources: r.generic_resources }) as Obj;
}

function healthcheck(h: HealthCheck, yaml: boolean): Obj {
    const o = plain({
        test: h.test,
        timeout: duration(h.timeout),
        interval: duration(h.interval),
        retries: h.retries,
        start_period: duration(h.start_period),
        start_interval: duration(h.start_interval),
        disable: h.disable ? true : undefined,
    }) as Obj;
    return withExt(o, h.extensions, yaml);
}

function volume(v: ServiceVolume, yaml: boolean): Obj {
    const o: Obj = {};
    for (const [k, val] of Object.entries(v)) {
        if (k === "extensions" || val === undefined) continue;
        if (k === "bind") {
            const b = { ...(val as NonNullable<ServiceVolume["bind"]>) };
            // compose-go's create_host_path is "opt-out": printed only when false.
            if (b.create_host_path === true) delete b.create_host_path;
            o.bind = plain(b);
        } else if (k === "tmpfs") {
            const t = val as NonNullable<ServiceVolume["tmpfs"]>;
            o.tmpfs = plain({ size: bytes(t.size), mode: t.mode });
        } else o[k] = plain(val);
    }
    return withExt(o, v.extensions, yaml);
}

function network(n: NetworkConfig, yaml: boolean): Obj {
    const o: Obj = {};
    for (const [k, v] of Object.entries(n)) {
        if (k === "extensions" || k === "ipam" || v === undefined) continue;
        o[k] = plain(v);
    }
    const ipam = n.ipam ? (plain(n.ipam) as Obj) : {};
    if (!yaml || Object.keys(ipam).length > 0) o.ipam = ipam;
    return withExt(o, n.extensions, yaml);
}

function resource(r: Record<string, unknown>, yaml: boolean): Obj {
    const o: Obj = {};
    for (const [k, v] of Object.entries(r)) {
        if (k === "extensions" || v === undefined) continue;
        // Content read from a variable stays out of the output (it may be a secret).
        if (k === "content" && r.environment !== undefined) continue;
        o[k] = plain(v);
    }
    return withExt(o, r.extensions as Record<string, unknown> | undefined, yaml);
}

// --- values ------------------------------------------------------------------------------------

function envValue(v: EnvValue): Json {
    if (!isConfigTemplate(v)) return esc(v);
    if (v.bare) return null;
    return v.parts.map((p) => (typeof p === "string" ? esc(p) : `\${${p.ref}}`)).join("");
}

function withExt(o: Obj, ext: Record<string, unknown> | undefined, yaml: boolean): Obj {
    if (yaml && ext) for (const [k, v] of Object.entries(ext)) o[k] = plain(v);
    return o;
}

/** A literal `$` is written `$$` so the output interpolates back to the same value. */
function esc(s: string): string {
    return s.replace(/\$/g, "$$$$");
}

function str(s: string | undefined): Json | undefined {
    return s === undefined ? undefined : esc(s);
}

function list(l: string[] | undefined): Json | undefined {
    return l === undefined ? undefined : l.map(esc);
}

function strMap(m: Record<string, string> | undefined): Json | undefined {
    return m === undefined ? undefined : mapValues(m, esc);
}

function bytes(n: number | undefined): Json | undefined {
    return n === undefined ? undefined : String(n);
}

function duration(n: number | undefined): string | undefined {
    return n === undefined ? undefined : formatDuration(n);
}

function mapValues<T>(m: Record<string, T>, fn: (v: T) => Json): Obj {
    const o: Obj = {};
    for (const [k, v] of Object.entries(m)) o[k] = fn(v);
    return o;
}

/** Deep copy into JSON values: undefined dropped, strings escaped. */
function plain(v: unknown): Json {
    if (v === null || v === undefined) return null;
    if (typeof v === "string") return esc(v);
    if (typeof v === "number" || typeof v === "boolean") return v;
    if (Array.isArray(v)) return v.map(plain);
    if (typeof v === "object") {
        const o: Obj = {};
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) o[k] = plain(x);
        return o;
    }
    return String(v);
}
