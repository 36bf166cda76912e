// The typed, normalized compose model: what every later layer (plan, aws, estimate, cli) reads.
//
// Shape: keys follow the compose specification (snake_case), so `render` can print this model like
// `docker compose config`. Values are normalized the way compose-go normalizes them (long syntax
// everywhere), except that units are parsed into numbers for the layers that compute with them:
//   - byte sizes (`512M`, `1g`)      → number of bytes          (type `Bytes`)
//   - durations (`1m30s`, `10s`)     → number of nanoseconds    (type `Duration`, like Go's time.Duration)
//   - cpus (`'0.5'`)                 → number of CPUs
// `render` turns them back into compose-go's printed forms ("52428800", "1m30s").
//
// Nothing in provider/src/compose/ may import @pulumi/*.

/** Number of bytes. */
export type Bytes = number;
/** Duration in nanoseconds (Go's time.Duration). */
export type Duration = number;

export type Severity = "error" | "warning" | "info";

/** A position in a source file. Lines and columns are 1-based. */
export interface SourceLocation {
    file: string;
    line: number;
    column: number;
}

/**
 * One finding about the user's compose application. `code` is stable (documented in the README and
 * tested); `message` says what is wrong, `hint` what to do instead.
 */
export interface Diagnostic {
    severity: Severity;
    code: string;
    message: string;
    hint?: string;
    file?: string;
    line?: number;
    column?: number;
}

/** A Diagnostic at `where` (when known); the one way every layer builds them. */
export function diagnosticAt(
    severity: Severity,
    code: string,
    message: string,
    where: SourceLocation | undefined,
    hint?: string,
): Diagnostic {
    const d: Diagnostic = { severity, code, message };
    if (hint) d.hint = hint;
    if (where) {
        d.file = where.file;
        d.line = where.line;
        d.column = where.column;
    }
    return d;
}

/** A path into the compose document, e.g. ["services", "web", "ports", 0, "target"]. */
export type DocPath = ReadonlyArray<string | number>;

/**
 * Where each part of the merged document came from. `locate` returns the location of the nearest
 * node on the path that has one (so a location is always as precise as the loader could keep it).
 */
export interface SourceMap {
    locate(path: DocPath): SourceLocation | undefined;
}

// ---------------------------------------------------------------------------------------------
// Environment values and config references (Defang semantics)
// ---------------------------------------------------------------------------------------------

/** A reference to a config value (an SSM parameter `/Defang/<project>/<stack>/<name>` at deploy time). */
export interface ConfigRefPart {
    ref: string;
}

/**
 * An environment value that still depends on config at deploy time. Produced when:
 *  - the key has no value and the variable is not defined for interpolation (`- SECRET_KEY`,
 *    `SECRET_KEY:` / `SECRET_KEY: null`) → `bare: true`, parts `[{ref: "SECRET_KEY"}]`;
 *  - the value, after interpolation, still contains unresolved `${NAME}` / `$NAME` references
 *    (`${DB_PASSWORD}`, or mixed text like `postgres://u:${PW}@db:5432/app`). Literal text parts are
 *    already interpolated (and `$$` already turned into `$`).
 */
export interface ConfigTemplate {
    kind: "config";
    bare?: boolean;
    parts: Array<string | ConfigRefPart>;
}

export type EnvValue = string | ConfigTemplate;

export function isConfigTemplate(v: unknown): v is ConfigTemplate {
    return typeof v === "object" && v !== null && (v as ConfigTemplate).kind === "config";
}

/** The config names a value needs, in order of first use. */
export function configNames(v: EnvValue): string[] {
    if (!isConfigTemplate(v)) return [];
    const names: string[] = [];
    for (const p of v.parts) if (typeof p !== "string" && !names.includes(p.ref)) names.push(p.ref);
    return names;
}

/** True when the value is exactly one config reference and nothing else (a plain ECS secret). */
export function isPureConfigRef(v: EnvValue): v is ConfigTemplate {
    return isConfigTemplate(v) && v.parts.length === 1 && typeof v.parts[0] !== "string";
}

// ---------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------

export type PortMode = "ingress" | "host";

export interface ServicePort {
    name?: string;
    mode: PortMode;
    host_ip?: string;
    target: number;
    /** compose-go keeps `published` as a string (it may be a range "8000-8010"). */
    published?: string;
    protocol: string; // tcp | udp (compose); Defang also accepts http, http2, grpc here
    app_protocol?: string; // http | http2 | grpc | …
    extensions?: Extensions;
}

export interface BuildConfig {
    context: string; // absolute path or a URL
    dockerfile?: string;
    dockerfile_inline?: string;
    args?: Record<string, string | null>;
    ssh?: string[];
    labels?: Record<string, string>;
    cache_from?: string[];
    cache_to?: string[];
    no_cache?: boolean;
    additional_contexts?: Record<string, string>;
    network?: string;
    target?: string;
    shm_size?: Bytes;
    extra_hosts?: string[];
    isolation?: string;
    privileged?: boolean;
    secrets?: FileReference[];
    tags?: string[];
    ulimits?: Record<string, Ulimit>;
    platforms?: string[];
    extensions?: Extensions;
    /** Other build keys the schema accepts that this model does not type (kept verbatim). */
    other?: Record<string, unknown>;
}

export interface Ulimit {
    single?: number;
    soft?: number;
    hard?: number;
}

export interface HealthCheck {
    /** Normalized: ["NONE"] | ["CMD", ...] | ["CMD-SHELL", "cmd"]. `disable: true` becomes ["NONE"]. */
    test?: string[];
    timeout?: Duration;
    interval?: Duration;
    retries?: number;
    start_period?: Duration;
    start_interval?: Duration;
    disable?: boolean;
    extensions?: Extensions;
}

export interface DeviceRequest {
    capabilities?: string[];
    driver?: string;
    /** -1 means `all`. */
    count?: number;
    device_ids?: string[];
    options?: Record<string, string>;
}

export interface Resource {
    cpus?: number;
    memory?: Bytes;
    pids?: number;
    devices?: DeviceRequest[];
    generic_resources?: Array<{ discrete_resource_spec?: { kind: string; value: number } }>;
}

export interface UpdateConfig {
    parallelism?: number;
    delay?: Duration;
    failure_action?: string;
    monitor?: Duration;
    max_failure_ratio?: number;
    order?: string;
}

export interface DeployConfig {
    mode?: string;
    replicas?: number;
    labels?: Record<string, string>;
    update_config?: UpdateConfig;
    rollback_config?: UpdateConfig;
    resources?: { limits?: Resource; reservations?: Resource };
    restart_policy?: { condition?: string; delay?: Duration; max_attempts?: number; window?: Duration };
    placement?: { constraints?: string[]; preferences?: Array<{ spread?: string }>; max_replicas_per_node?: number };
    endpoint_mode?: string;
    extensions?: Extensions;
}

export type DependsOnCondition = "service_started" | "service_healthy" | "service_completed_successfully";

export interface ServiceDependency {
    condition: DependsOnCondition;
    required: boolean;
    restart?: boolean;
    extensions?: Extensions;
}

export interface ServiceNetwork {
    aliases?: string[];
    ipv4_address?: string;
    ipv6_address?: string;
    mac_address?: string;
    priority?: number;
}

export interface ServiceVolume {
    type: "volume" | "bind" | "tmpfs" | "npipe" | "cluster" | "image";
    source?: string;
    target: string;
    read_only?: boolean;
    consistency?: string;
    bind?: { propagation?: string; create_host_path?: boolean; selinux?: string };
    volume?: { nocopy?: boolean; subpath?: string };
    tmpfs?: { size?: Bytes; mode?: number };
    extensions?: Extensions;
}

export interface FileReference {
    source: string;
    target?: string;
    uid?: string;
    gid?: string;
    /** File mode as an octal string, like compose-go prints it ("0440"). */
    mode?: string;
}

export interface EnvFileEntry {
    path: string;
    required?: boolean;
    format?: string;
}

/** `provider:` services (compose "provider services"; Defang maps `type: model` to an LLM gateway). */
export interface ServiceProvider {
    type: string;
    options?: Record<string, string | string[]>;
}

/** Typed view of the Defang extensions on a service (parsed from `extensions`; not rendered). */
export interface DefangServiceExtensions {
    postgres?: ManagedStoreOptions;
    redis?: ManagedStoreOptions;
    mongodb?: ManagedStoreOptions;
    llm?: boolean | Record<string, unknown>;
    autoscaling?: AutoscalingOptions;
    staticFiles?: { folder: string; redirects?: string[] };
    /** x-defang-s3: a private S3 bucket replaces the service; `bucket` names an existing one to use instead. */
    s3?: { bucket?: string };
    policies?: string[];
    /** x-defang-dns-role: IAM role ARN assumed to manage records in a public zone of another account. */
    dnsRole?: string;
    /** x-defang-rollout (pulumi-defang): the ECS deployment strategy, and whether alarms roll a rollout back. */
    rollout?: { strategy?: "rolling" | "canary" | "linear" | "blue-green"; alarms?: boolean };
}

export interface ManagedStoreOptions {
    allowDowntime?: boolean;
    fromSnapshot?: string;
}

export interface AutoscalingOptions {
    min?: number;
    max?: number;
    /** Target average CPU utilization, percent (`target` or `cpu`). */
    target?: number;
    /** Target average memory utilization, percent. */
    memory?: number;
    /** Target requests per task per minute (through the load balancer). */
    requests?: number;
}

export type Extensions = Record<string, unknown>;

export interface ServiceConfig {
    name: string;
    profiles?: string[];
    annotations?: Record<string, string>;
    build?: BuildConfig;
    cap_add?: string[];
    cap_drop?: string[];
    cgroup_parent?: string;
    command?: string[] | null;
    configs?: FileReference[];
    container_name?: string;
    depends_on?: Record<string, ServiceDependency>;
    deploy?: DeployConfig;
    device_cgroup_rules?: string[];
    devices?: Array<{ source: string; target?: string; permissions?: string }>;
    dns?: string[];
    dns_opt?: string[];
    dns_search?: string[];
    domainname?: string;
    entrypoint?: string[] | null;
    environment: Record<string, EnvValue>;
    env_file?: EnvFileEntry[];
    expose?: string[];
    external_links?: string[];
    extra_hosts?: string[];
    group_add?: string[];
    healthcheck?: HealthCheck;
    hostname?: string;
    image?: string;
    init?: boolean;
    ipc?: string;
    isolation?: string;
    labels?: Record<string, string>;
    label_file?: string[];
    links?: string[];
    logging?: { driver?: string; options?: Record<string, string> };
    mac_address?: string;
    mem_limit?: Bytes;
    mem_reservation?: Bytes;
    network_mode?: string;
    /** `null` entry = joined with no options (compose-go prints null). */
    networks?: Record<string, ServiceNetwork | null>;
    pid?: string;
    platform?: string;
    ports?: ServicePort[];
    privileged?: boolean;
    provider?: ServiceProvider;
    pull_policy?: string;
    read_only?: boolean;
    restart?: string;
    scale?: number;
    secrets?: FileReference[];
    security_opt?: string[];
    shm_size?: Bytes;
    stdin_open?: boolean;
    stop_grace_period?: Duration;
    stop_signal?: string;
    storage_opt?: Record<string, string>;
    sysctls?: Record<string, string>;
    tmpfs?: string[];
    tty?: boolean;
    ulimits?: Record<string, Ulimit>;
    user?: string;
    uts?: string;
    volumes?: ServiceVolume[];
    volumes_from?: string[];
    working_dir?: string;
    /** Every `x-*` key of the service, verbatim (rendered inline). */
    extensions?: Extensions;
    /** Typed view of `x-defang-*` (filled by the Defang stage; never rendered). */
    defang?: DefangServiceExtensions;
    /**
     * Any other key the schema accepts that this model does not type (kept so `render` loses nothing).
     */
    other?: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Top-level resources
// ---------------------------------------------------------------------------------------------

export interface NetworkConfig {
    name?: string;
    driver?: string;
    driver_opts?: Record<string, string>;
    ipam?: { driver?: string; config?: Array<Record<string, unknown>>; options?: Record<string, string> };
    external?: boolean;
    internal?: boolean;
    attachable?: boolean;
    enable_ipv6?: boolean;
    labels?: Record<string, string>;
    extensions?: Extensions;
}

export interface VolumeConfig {
    name?: string;
    driver?: string;
    driver_opts?: Record<string, string>;
    external?: boolean;
    labels?: Record<string, string>;
    extensions?: Extensions;
}

export interface SecretOrConfigObject {
    name?: string;
    file?: string;
    environment?: string;
    content?: string;
    external?: boolean;
    labels?: Record<string, string>;
    driver?: string;
    template_driver?: string;
    extensions?: Extensions;
}

export interface ModelConfig {
    name?: string;
    model: string;
    context_size?: number;
    runtime_flags?: string[];
    extensions?: Extensions;
}

export interface ComposeProject {
    /** Normalized project name: lower case, [a-z0-9_-], no leading `_`/`-`. */
    name: string;
    /** Directory of the first compose file; relative paths were resolved against it. */
    workingDir: string;
    /** The compose files that were read, in order (includes and extends sources too). */
    files: string[];
    /** Active services, in document order. Disabled (profile) services are in `disabledServices`. */
    services: Record<string, ServiceConfig>;
    disabledServices?: Record<string, ServiceConfig>;
    networks?: Record<string, NetworkConfig>;
    volumes?: Record<string, VolumeConfig>;
    secrets?: Record<string, SecretOrConfigObject>;
    configs?: Record<string, SecretOrConfigObject>;
    models?: Record<string, ModelConfig>;
    /** Top-level `x-*` keys, verbatim. */
    extensions?: Extensions;
    /** Where each value came from (file, line, column). */
    sources: SourceMap;
}
