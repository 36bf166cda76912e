// Canonical raw tree → the typed model of types.ts. Every key the model types is converted (casts,
// units, defaults that are compose-go's); x-* keys go to `extensions`; any other key the schema
// accepted goes to `other`, verbatim, so nothing is lost.
import type {
    BuildConfig, DeployConfig, DeviceRequest, EnvFileEntry, EnvValue, FileReference,
    HealthCheck, ModelConfig, NetworkConfig, Resource, SecretOrConfigObject, ServiceConfig, ServiceDependency,
    ServiceNetwork, ServicePort, ServiceVolume, Ulimit, UpdateConfig, VolumeConfig, DependsOnCondition, ServiceProvider,
} from "./types";
import { Caster } from "./cast";
import { Diagnostics } from "./diag";
import { EnvTemplate } from "./interpolate-tree";
import { bareConfig, configTemplate, dropUndefined, entryLocAny, extensions, fileMode, fileModeNumber, others, reorder } from "./bind-util";
import { bindModel, bindNetwork, bindSecretOrConfig, bindVolume } from "./bind-resources";
import { splitShellWords } from "./shellwords";
import { RawMap, entryLoc, isMap, isSeq, valueLoc } from "./tree";
import { cleanTarget } from "./volumes";
import { describePath, shownValue } from "./words";

export class Binder {
    readonly c: Caster;

    constructor(private readonly diags: Diagnostics) {
        this.c = new Caster(diags);
    }

    service(name: string, raw: RawMap): ServiceConfig {
        const c = this.c;
        c.root = { value: raw, path: ["services", name] };
        const s: ServiceConfig = { name, environment: {} };
        const handled = new Set<string>(["environment"]);
        const take = (key: string, fn: () => void) => {
            handled.add(key);
            if (raw[key] !== undefined) fn();
        };
        take("profiles", () => (s.profiles = c.strList(raw, "profiles")));
        take("annotations", () => (s.annotations = c.strMap(raw, "annotations")));
        take("build", () => (s.build = this.build(raw)));
        take("cap_add", () => (s.cap_add = c.strList(raw, "cap_add")));
        take("cap_drop", () => (s.cap_drop = c.strList(raw, "cap_drop")));
        take("cgroup_parent", () => (s.cgroup_parent = c.str(raw, "cgroup_parent")));
        take("command", () => (s.command = this.shellCommand(raw, "command")));
        take("configs", () => (s.configs = this.fileRefs(raw, "configs")));
        take("container_name", () => (s.container_name = c.str(raw, "container_name")));
        take("depends_on", () => (s.depends_on = this.dependsOn(raw)));
        take("deploy", () => (s.deploy = this.deploy(raw)));
        take("device_cgroup_rules", () => (s.device_cgroup_rules = c.strList(raw, "device_cgroup_rules")));
        take("devices", () => (s.devices = this.devices(raw)));
        take("dns", () => (s.dns = c.strList(raw, "dns")));
        take("dns_opt", () => (s.dns_opt = c.strList(raw, "dns_opt")));
        take("dns_search", () => (s.dns_search = c.strList(raw, "dns_search")));
        take("domainname", () => (s.domainname = c.str(raw, "domainname")));
        take("entrypoint", () => (s.entrypoint = this.shellCommand(raw, "entrypoint")));
        s.environment = this.environment(raw);
        take("env_file", () => (s.env_file = this.envFiles(raw)));
        take("expose", () => (s.expose = c.strList(raw, "expose")));
        take("external_links", () => (s.external_links = c.strList(raw, "external_links")));
        take("extra_hosts", () => (s.extra_hosts = c.strList(raw, "extra_hosts")));
        take("group_add", () => (s.group_add = c.strList(raw, "group_add")));
        take("healthcheck", () => (s.healthcheck = this.healthcheck(raw)));
        take("hostname", () => (s.hostname = c.str(raw, "hostname")));
        take("image", () => (s.image = c.str(raw, "image")));
        take("init", () => (s.init = c.bool(raw, "init")));
        take("ipc", () => (s.ipc = c.str(raw, "ipc")));
        take("isolation", () => (s.isolation = c.str(raw, "isolation")));
        take("labels", () => (s.labels = c.strMap(raw, "labels")));
        take("label_file", () => (s.label_file = c.strList(raw, "label_file")));
        take("links", () => (s.links = c.strList(raw, "links")));
        take("logging", () => (s.logging = this.logging(raw)));
        take("mac_address", () => (s.mac_address = c.str(raw, "mac_address")));
        take("mem_limit", () => (s.mem_limit = c.bytes(raw, "mem_limit")));
        take("mem_reservation", () => (s.mem_reservation = c.bytes(raw, "mem_reservation")));
        take("network_mode", () => (s.network_mode = c.str(raw, "network_mode")));
        take("networks", () => (s.networks = this.serviceNetworks(raw)));
        take("pid", () => (s.pid = c.str(raw, "pid")));
        take("platform", () => (s.platform = c.str(raw, "platform")));
        take("ports", () => (s.ports = this.ports(raw)));
        take("privileged", () => (s.privileged = c.bool(raw, "privileged")));
        take("provider", () => (s.provider = this.provider(raw)));
        take("pull_policy", () => (s.pull_policy = c.str(raw, "pull_policy")));
        take("read_only", () => (s.read_only = c.bool(raw, "read_only")));
        take("restart", () => (s.restart = c.str(raw, "restart")));
        take("scale", () => (s.scale = c.int(raw, "scale")));
        take("secrets", () => (s.secrets = this.fileRefs(raw, "secrets")));
        take("security_opt", () => (s.security_opt = c.strList(raw, "security_opt")));
        take("shm_size", () => (s.shm_size = c.bytes(raw, "shm_size")));
        take("stdin_open", () => (s.stdin_open = c.bool(raw, "stdin_open")));
        take("stop_grace_period", () => (s.stop_grace_period = c.duration(raw, "stop_grace_period")));
        take("stop_signal", () => (s.stop_signal = c.str(raw, "stop_signal")));
        take("storage_opt", () => (s.storage_opt = c.strMap(raw, "storage_opt")));
        take("sysctls", () => (s.sysctls = c.strMap(raw, "sysctls")));
        take("tmpfs", () => (s.tmpfs = c.strList(raw, "tmpfs")));
        take("tty", () => (s.tty = c.bool(raw, "tty")));
        take("ulimits", () => (s.ulimits = this.ulimits(raw, "ulimits")));
        take("user", () => (s.user = c.str(raw, "user")));
        take("uts", () => (s.uts = c.str(raw, "uts")));
        take("volumes", () => (s.volumes = this.volumes(raw)));
        take("volumes_from", () => (s.volumes_from = c.strList(raw, "volumes_from")));
        take("working_dir", () => (s.working_dir = c.str(raw, "working_dir")));
        for (const key of Object.keys(raw)) {
            if (handled.has(key) || key === "extends") continue;
            if (key.startsWith("x-")) (s.extensions ??= {})[key] = raw[key];
            else (s.other ??= {})[key] = raw[key];
        }
        for (const k of Object.keys(s) as Array<keyof ServiceConfig>) if (s[k] === undefined) delete s[k];
        return s;
    }

    // --- service fields --------------------------------------------------------------------------

    private environment(raw: RawMap): Record<string, EnvValue> {
        const env = raw.environment;
        const out: Record<string, EnvValue> = {};
        if (!isMap(env)) return out;
        for (const key of Object.keys(env)) {
            const v = env[key];
            if (key === "") {
                this.diags.error("invalid-environment", "an environment entry has no variable name", entryLoc(env, key), "write NAME=value (or just NAME to read it from config)");
                continue;
            }
            if (key !== key.trim()) {
                this.diags.error("invalid-environment", `environment variable ${JSON.stringify(key)} has leading or trailing spaces`, entryLoc(env, key),
                    "write KEY=value without spaces around '='");
                continue;
            }
            if (v === null || v === undefined) out[key] = bareConfig(key);
            else if (v instanceof EnvTemplate) out[key] = configTemplate(v);
            else if (typeof v === "string") out[key] = v;
            else if (typeof v === "number" || typeof v === "boolean") out[key] = String(v);
            else {
                this.diags.error("invalid-value", `environment variable '${key}' must be a string, number, boolean or null (got ${shownValue(v)})`, valueLoc(env, key),
                    "write one value per variable; to pass structured data, quote it as a string (e.g. a JSON text)");
            }
        }
        return out;
    }

    private shellCommand(raw: RawMap, key: string): string[] | null | undefined {
        const v = raw[key];
        if (v === null) return null;
        if (typeof v === "string") {
            const split = splitShellWords(v);
            if (split.error) {
                this.diags.error("invalid-command", `'${key}' cannot be split into arguments: ${split.error}`, valueLoc(raw, key),
                    `write it as a list, e.g. ${key}: ["sh", "-c", "…"]`);
                return undefined;
            }
            if (split.stoppedAt !== undefined) {
                this.diags.warn("command-truncated", `'${key}' stops at '${Array.from(v)[split.stoppedAt]}': only ${JSON.stringify(split.args)} runs (compose does not run a shell)`,
                    valueLoc(raw, key), `to run a shell command line, write ${key}: ["sh", "-c", ${JSON.stringify(v)}]`);
            }
            return split.args;
        }
        return this.c.strList(raw, key);
    }

    private build(raw: RawMap): BuildConfig | undefined {
        const b = raw.build;
        if (!isMap(b)) return undefined;
        const c = this.c;
        const out: BuildConfig = { context: c.str(b, "context") ?? "." };
        const set = <K extends keyof BuildConfig>(k: K, v: BuildConfig[K] | undefined) => {
            if (v !== undefined) out[k] = v;
        };
        set("dockerfile", c.str(b, "dockerfile"));
        set("dockerfile_inline", c.str(b, "dockerfile_inline"));
        if (isMap(b.args)) {
            const args: Record<string, string | null> = {};
            for (const k of Object.keys(b.args)) args[k] = b.args[k] === null ? null : c.str(b.args, k) ?? null;
            out.args = args;
        }
        set("ssh", c.strList(b, "ssh"));
        set("labels", c.strMap(b, "labels"));
        set("cache_from", c.strList(b, "cache_from"));
        set("cache_to", c.strList(b, "cache_to"));
        set("no_cache", c.bool(b, "no_cache"));
        set("additional_contexts", c.strMap(b, "additional_contexts"));
        set("network", c.str(b, "network"));
        set("target", c.str(b, "target"));
        set("shm_size", c.bytes(b, "shm_size"));
        set("extra_hosts", c.strList(b, "extra_hosts"));
        set("isolation", c.str(b, "isolation"));
        set("privileged", c.bool(b, "privileged"));
        if (b.secrets !== undefined) set("secrets", this.fileRefs(b, "secrets"));
        set("tags", c.strList(b, "tags"));
        if (b.ulimits !== undefined) set("ulimits", this.ulimits(b, "ulimits"));
        set("platforms", c.strList(b, "platforms"));
        const known = new Set(["context", "dockerfile", "dockerfile_inline", "args", "ssh", "labels", "cache_from", "cache_to", "no_cache",
            "additional_contexts", "network", "target", "shm_size", "extra_hosts", "isolation", "privileged", "secrets", "tags", "ulimits", "platforms"]);
        const ext = extensions(b);
        if (ext) out.extensions = ext;
        const other = others(b, known);
        if (other) out.other = other;
        return out;
    }

    private fileRefs(raw: RawMap, key: string): FileReference[] {
        const list = raw[key];
        const out: FileReference[] = [];
        if (!isSeq(list)) return out;
        list.forEach((item, i) => {
            if (typeof item === "string") {
                out.push({ source: item });
                return;
            }
            if (!isMap(item)) return;
            const ref: FileReference = { source: this.c.str(item, "source") ?? "" };
            const target = this.c.str(item, "target");
            if (target !== undefined) ref.target = target;
            const uid = this.c.str(item, "uid");
            if (uid !== undefined) ref.uid = uid;
            const gid = this.c.str(item, "gid");
            if (gid !== undefined) ref.gid = gid;
            if (item.mode !== undefined && item.mode !== null) {
                const mode = fileMode(item.mode);
                if (mode === undefined) {
                    this.diags.error("invalid-value", `${describePath([...this.c.root.path, key, i, "mode"])} must be a file mode (got ${shownValue(item.mode)})`, valueLoc(item, "mode"),
                        "write an octal mode such as 0440 (a quoted string or a number with a leading 0)");
                } else ref.mode = mode;
            }
            out.push(ref);
        });
        return out;
    }

    private dependsOn(raw: RawMap): Record<string, ServiceDependency> {
        const d = raw.depends_on;
        const out: Record<string, ServiceDependency> = {};
        if (!isMap(d)) return out;
        for (const name of Object.keys(d)) {
            const e = isMap(d[name]) ? (d[name] as RawMap) : {};
            const condition = (this.c.str(e, "condition") ?? "service_started") as DependsOnCondition;
            const dep: ServiceDependency = { condition, required: this.c.bool(e, "required") ?? true };
            const restart = this.c.bool(e, "restart");
            if (restart !== undefined) dep.restart = restart;
            const ext = extensions(e);
            if (ext) dep.extensions = ext;
            out[name] = dep;
        }
        return out;
    }

    private deploy(raw: RawMap): DeployConfig | undefined {
        const d = raw.deploy;
        if (!isMap(d)) return undefined;
        const c = this.c;
        const out: DeployConfig = {};
        const mode = c.str(d, "mode");
        if (mode !== undefined) out.mode = mode;
        const replicas = c.int(d, "replicas");
        if (replicas !== undefined) out.replicas = replicas;
        const labels = c.strMap(d, "labels");
        if (labels) out.labels = labels;
        if (isMap(d.update_config)) out.update_config = this.updateConfig(d.update_config);
        if (isMap(d.rollback_config)) out.rollback_config = this.updateConfig(d.rollback_config);
        if (isMap(d.resources)) {
            const r = d.resources;
            out.resources = {};
            if (isMap(r.limits)) out.resources.limits = this.resource(r.limits);
            if (isMap(r.reservations)) out.resources.reservations = this.resource(r.reservations);
        }
        if (isMap(d.restart_policy)) {
            const p = d.restart_policy;
            out.restart_policy = dropUndefined({
                condition: c.str(p, "condition"),
                delay: c.duration(p, "delay"),
                max_attempts: c.int(p, "max_attempts"),
                window: c.duration(p, "window"),
            });
        }
        if (isMap(d.placement)) {
            const p = d.placement;
            const placement: NonNullable<DeployConfig["placement"]> = {};
            const constraints = c.strList(p, "constraints");
            if (constraints) placement.constraints = constraints;
            if (isSeq(p.preferences)) placement.preferences = p.preferences.filter(isMap).map((x) => dropUndefined({ spread: this.c.str(x, "spread") }));
            const max = c.int(p, "max_replicas_per_node");
            if (max !== undefined) placement.max_replicas_per_node = max;
            out.placement = placement;
        }
        const endpoint = c.str(d, "endpoint_mode");
        if (endpoint !== undefined) out.endpoint_mode = endpoint;
        const ext = extensions(d);
        if (ext) out.extensions = ext;
        return out;
    }

    private updateConfig(u: RawMap): UpdateConfig {
        const c = this.c;
        return dropUndefined({
            parallelism: c.int(u, "parallelism"),
            delay: c.duration(u, "delay"),
            failure_action: c.str(u, "failure_action"),
            monitor: c.duration(u, "monitor"),
            max_failure_ratio: c.float(u, "max_failure_ratio"),
            order: c.str(u, "order"),
        });
    }

    private resource(r: RawMap): Resource {
        const c = this.c;
        const out: Resource = {};
        const cpus = c.float(r, "cpus");
        if (cpus !== undefined) out.cpus = cpus;
        const memory = c.bytes(r, "memory");
        if (memory !== undefined) out.memory = memory;
        const pids = c.int(r, "pids");
        if (pids !== undefined) out.pids = pids;
        if (isSeq(r.devices)) {
            const devices = r.devices;
            out.devices = [];
            devices.forEach((d) => {
                if (!isMap(d)) return;
                const dev: DeviceRequest = {};
                const caps = c.strList(d, "capabilities");
                if (caps) dev.capabilities = caps;
                const driver = c.str(d, "driver");
                if (driver !== undefined) dev.driver = driver;
                if (d.count !== undefined && d.count !== null) {
                    if (d.count === "all" || d.count === -1) dev.count = -1;
                    else {
                        const n = c.int(d, "count");
                        if (n !== undefined) dev.count = n;
                    }
                }
                const ids = c.strList(d, "device_ids");
                if (ids) dev.device_ids = ids;
                const options = c.strMap(d, "options");
                if (options) dev.options = options;
                out.devices!.push(dev);
            });
        }
        if (isSeq(r.generic_resources)) {
            out.generic_resources = r.generic_resources.filter(isMap).map((g) => {
                const spec = isMap(g.discrete_resource_spec) ? g.discrete_resource_spec : undefined;
                if (!spec) return {};
                return { discrete_resource_spec: { kind: c.str(spec, "kind") ?? "", value: c.int(spec, "value") ?? 0 } };
            });
        }
        return out;
    }

    private devices(raw: RawMap): ServiceConfig["devices"] {
        const list = raw.devices;
        if (!isSeq(list)) return [];
        return list.filter(isMap).map((d) => dropUndefined({ source: this.c.str(d, "source") ?? "", target: this.c.str(d, "target"), permissions: this.c.str(d, "permissions") }));
    }

    private envFiles(raw: RawMap): EnvFileEntry[] {
        const list = raw.env_file;
        if (!isSeq(list)) return [];
        return list.filter(isMap).map((e) => {
            const entry: EnvFileEntry = { path: this.c.str(e, "path") ?? "" };
            const required = this.c.bool(e, "required");
            if (required === false) entry.required = false;
            const format = this.c.str(e, "format");
            if (format !== undefined) entry.format = format;
            return entry;
        });
    }

    private healthcheck(raw: RawMap): HealthCheck | undefined {
        const h = raw.healthcheck;
        if (!isMap(h)) return undefined;
        const c = this.c;
        const out: HealthCheck = {};
        const disable = c.bool(h, "disable");
        if (h.test !== undefined && h.test !== null) {
            if (typeof h.test === "string") out.test = ["CMD-SHELL", h.test];
            else {
                const test = c.strList(h, "test");
                if (test) {
                    if (test.length > 0 && !["NONE", "CMD", "CMD-SHELL"].includes(test[0])) {
                        this.diags.error("invalid-healthcheck", `${describePath([...this.c.root.path, "healthcheck", "test"])} must start with NONE, CMD or CMD-SHELL (got ${JSON.stringify(test[0])})`, valueLoc(h, "test"),
                            `write test: ["CMD", ${JSON.stringify(test[0])}, …] or test: "a shell command"`);
                    }
                    out.test = test;
                }
            }
        }
        if (disable) {
            if (out.test && !(out.test.length === 1 && out.test[0] === "NONE")) {
                this.diags.error("invalid-healthcheck", `${describePath([...this.c.root.path, "healthcheck"])} has both 'disable: true' and a 'test'`, valueLoc(h, "disable"),
                    "remove 'test' to turn the healthcheck off, or remove 'disable: true' to keep it");
            }
            out.test = ["NONE"];
        }
        const set = <K extends keyof HealthCheck>(k: K, v: HealthCheck[K] | undefined) => {
            if (v !== undefined) out[k] = v;
        };
        set("timeout", c.duration(h, "timeout"));
        set("interval", c.duration(h, "interval"));
        set("retries", c.int(h, "retries"));
        set("start_period", c.duration(h, "start_period"));
        set("start_interval", c.duration(h, "start_interval"));
        if (disable !== undefined) out.disable = disable;
        const ext = extensions(h);
        if (ext) out.extensions = ext;
        return out;
    }

    private logging(raw: RawMap): ServiceConfig["logging"] {
        const l = raw.logging;
        if (!isMap(l)) return undefined;
        return dropUndefined({ driver: this.c.str(l, "driver"), options: this.c.strMap(l, "options") });
    }

    private serviceNetworks(raw: RawMap): Record<string, ServiceNetwork | null> {
        const n = raw.networks;
        const out: Record<string, ServiceNetwork | null> = {};
        if (!isMap(n)) return out;
        for (const name of Object.keys(n)) {
            const v = n[name];
            if (!isMap(v)) {
                out[name] = null;
                continue;
            }
            out[name] = dropUndefined({
                aliases: this.c.strList(v, "aliases"),
                ipv4_address: this.c.str(v, "ipv4_address"),
                ipv6_address: this.c.str(v, "ipv6_address"),
                mac_address: this.c.str(v, "mac_address"),
                priority: this.c.int(v, "priority"),
            });
        }
        return out;
    }

    private ports(raw: RawMap): ServicePort[] {
        const list = raw.ports;
        if (!isSeq(list)) return [];
        const out: ServicePort[] = [];
        list.forEach((p, i) => {
            if (!isMap(p)) return;
            const target = this.c.int(p, "target");
            if (target === undefined) {
                if (p.target === undefined) this.diags.error("invalid-port", "a port needs a 'target' (the container port)", entryLoc(list, i) ?? entryLocAny(p), "add target: PORT");
                return;
            }
            const port: ServicePort = { mode: (this.c.str(p, "mode") ?? "ingress") as ServicePort["mode"], target, protocol: this.c.str(p, "protocol") ?? "tcp" };
            const name = this.c.str(p, "name");
            if (name !== undefined) port.name = name;
            const hostIp = this.c.str(p, "host_ip");
            if (hostIp !== undefined) port.host_ip = hostIp;
            const published = this.c.str(p, "published");
            if (published !== undefined && published !== "") port.published = published;
            const app = this.c.str(p, "app_protocol");
            if (app !== undefined) port.app_protocol = app;
            const ext = extensions(p);
            if (ext) port.extensions = ext;
            out.push(reorder(port, ["name", "mode", "host_ip", "target", "published", "protocol", "app_protocol", "extensions"]));
        });
        return out;
    }

    private provider(raw: RawMap): ServiceProvider | undefined {
        const p = raw.provider;
        if (!isMap(p)) return undefined;
        const out: ServiceProvider = { type: this.c.str(p, "type") ?? "" };
        if (isMap(p.options)) {
            const opts: Record<string, string | string[]> = {};
            for (const k of Object.keys(p.options)) {
                const v = p.options[k];
                if (isSeq(v)) opts[k] = this.c.strList(p.options, k) ?? [];
                else {
                    const s = this.c.str(p.options, k);
                    if (s !== undefined) opts[k] = s;
                }
            }
            out.options = opts;
        }
        return out;
    }

    private ulimits(raw: RawMap, key: string): Record<string, Ulimit> {
        const u = raw[key];
        const out: Record<string, Ulimit> = {};
        if (!isMap(u)) return out;
        for (const name of Object.keys(u)) {
            const v = u[name];
            if (isMap(v)) out[name] = dropUndefined({ soft: this.c.int(v, "soft"), hard: this.c.int(v, "hard") });
            else {
                const single = this.c.int(u, name);
                if (single !== undefined) out[name] = { single };
            }
        }
        return out;
    }

    private volumes(raw: RawMap): ServiceVolume[] {
        const list = raw.volumes;
        if (!isSeq(list)) return [];
        const out: ServiceVolume[] = [];
        list.forEach((v) => {
            if (!isMap(v)) return;
            const c = this.c;
            const vol: ServiceVolume = { type: (c.str(v, "type") ?? "volume") as ServiceVolume["type"], target: cleanTarget(c.str(v, "target") ?? "") };
            const source = c.str(v, "source");
            if (source !== undefined && source !== "") vol.source = source;
            const ro = c.bool(v, "read_only");
            if (ro) vol.read_only = true;
            const consistency = c.str(v, "consistency");
            if (consistency !== undefined) vol.consistency = consistency;
            // create_host_path defaults to true (compose-go's "opt-out" field).
            if (isMap(v.bind)) vol.bind = dropUndefined({ propagation: c.str(v.bind, "propagation"), create_host_path: c.bool(v.bind, "create_host_path") ?? true, selinux: c.str(v.bind, "selinux") });
            if (isMap(v.volume)) vol.volume = dropUndefined({ nocopy: c.bool(v.volume, "nocopy"), subpath: c.str(v.volume, "subpath") });
            if (isMap(v.tmpfs)) {
                const mode = v.tmpfs.mode === undefined ? undefined : fileModeNumber(v.tmpfs.mode);
                vol.tmpfs = dropUndefined({ size: c.bytes(v.tmpfs, "size"), mode });
            }
            const ext = extensions(v);
            if (ext) vol.extensions = ext;
            const other = others(v, new Set(["type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs"]));
            if (other) Object.assign(vol, other);
            out.push(vol);
        });
        return out;
    }

    network(raw: RawMap, where: Array<string | number> = []): NetworkConfig {
        return bindNetwork(this.c, raw, where);
    }

    volume(raw: RawMap, where: Array<string | number> = []): VolumeConfig {
        return bindVolume(this.c, raw, where);
    }

    secretOrConfig(raw: RawMap, where: Array<string | number> = []): SecretOrConfigObject {
        return bindSecretOrConfig(this.c, raw, where);
    }

    model(raw: RawMap, where: Array<string | number> = []): ModelConfig {
        return bindModel(this.c, raw, where);
    }
}
