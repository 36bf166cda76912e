// One triggering case per rule of the matrix: the compose input, and the document path the finding
// must be located at. rules.test.ts checks that every code in RULES has a case here.
import * as path from "path";
import type { DocPath } from "../../../provider/src/compose/types";
import type { Mode } from "../../../provider/src/plan/modes";
import { type FixtureSpec, type ServiceSpec, goodService, tempTree, workerService } from "./fixtures";

export interface RuleCase {
    spec: FixtureSpec;
    /** Where the diagnostic must point. */
    at: DocPath;
    mode?: Mode;
}

const MiB = 2 ** 20;
const S = 1e9;

/** Build contexts on disk: `app` has a Dockerfile, `nodf` has none, `alt` has docker/Dockerfile.prod. */
export const BUILD_ROOT = tempTree(["app/Dockerfile", "nodf/", "alt/docker/Dockerfile.prod", "outside.Dockerfile"]);

const web = (extra: ServiceSpec = {}): FixtureSpec => ({ services: { web: goodService(extra) } });
const worker = (extra: ServiceSpec = {}): FixtureSpec => ({ services: { w: workerService(extra) } });
const built = (build: Record<string, unknown>, extra: ServiceSpec = {}): FixtureSpec => ({
    workingDir: BUILD_ROOT,
    services: { w: workerService({ image: undefined, build: { context: path.join(BUILD_ROOT, "app"), ...build }, ...extra }) },
});
const W = (...p: DocPath): DocPath => ["services", "w", ...p];
const DATA = { type: "volume" as const, source: "data", target: "/data" };
const WEB = (...p: DocPath): DocPath => ["services", "web", ...p];

const ignored = (field: string, value: unknown): RuleCase => ({ spec: worker({ [field]: value } as ServiceSpec), at: W(field) });
const buildField = (field: string, value: unknown): RuleCase => ({ spec: built({ [field]: value }), at: W("build", field) });

export const RULE_CASES: Record<string, RuleCase> = {
    // ----- rejected fields -----
    "hostname-unsupported": { spec: worker({ hostname: "api.local" }), at: W("hostname") },
    "dns-unsupported": { spec: worker({ dns: ["8.8.8.8"] }), at: W("dns") },
    "dns-search-unsupported": { spec: worker({ dns_search: ["corp.local"] }), at: W("dns_search") },
    "devices-unsupported": { spec: worker({ devices: [{ source: "/dev/fuse" }] }), at: W("devices") },
    "device-cgroup-rules-unsupported": { spec: worker({ device_cgroup_rules: ["c 1:3 mr"] }), at: W("device_cgroup_rules") },
    "group-add-unsupported": { spec: worker({ group_add: ["mail"] }), at: W("group_add") },
    "privileged-unsupported": { spec: worker({ privileged: true }), at: W("privileged") },
    "cap-add-unsupported": { spec: worker({ cap_add: ["SYS_PTRACE", "NET_ADMIN"] }), at: W("cap_add") },
    "capability-unknown": { spec: worker({ cap_drop: ["NET_RAWW"] }), at: W("cap_drop") },
    "ulimit-ignored": { spec: worker({ ulimits: { nofiles: { soft: 1, hard: 2 } } }), at: W("ulimits", "nofiles") },
    "ulimit-invalid": { spec: worker({ ulimits: { nofile: { soft: 4096, hard: 1024 } } }), at: W("ulimits", "nofile") },
    "tmpfs-read-only": { spec: worker({ read_only: true, tmpfs: ["/tmp"] }), at: W("tmpfs") },
    "no-services": { spec: { services: {} }, at: ["services"] },
    "limit-below-reservation": {
        spec: worker({ deploy: { resources: { limits: { memory: 100 * MiB }, reservations: { memory: 2048 * MiB } } } }),
        at: W("deploy", "resources", "limits", "memory"),
    },
    "network-internal-egress": {
        spec: { services: { w: workerService({ networks: { back: null } }) }, networks: { back: { internal: true } } },
        at: ["networks", "back", "internal"],
    },
    "network-mode-unsupported": { spec: worker({ network_mode: "host" }), at: W("network_mode") },
    "platform-unsupported": { spec: worker({ platform: "windows/amd64" }), at: W("platform") },
    "provider-unsupported": { spec: worker({ image: undefined, provider: { type: "awesomecloud" } }), at: W("provider", "type") },
    "image-missing": { spec: worker({ image: undefined }), at: W() },
    "gpus-unsupported": { spec: worker({ other: { gpus: "some" } }), at: W("gpus") },
    // ----- ignored fields -----
    "container-name-ignored": ignored("container_name", "my-web"),
    "links-ignored": ignored("links", ["db"]),
    "external-links-ignored": ignored("external_links", ["redis_1"]),
    "dns-opt-ignored": ignored("dns_opt", ["use-vc"]),
    "ipc-ignored": ignored("ipc", "host"),
    "uts-ignored": ignored("uts", "host"),
    "pid-ignored": ignored("pid", "host"),
    "isolation-ignored": ignored("isolation", "default"),
    "mac-address-ignored": ignored("mac_address", "02:42:ac:11:65:43"),
    "logging-ignored": ignored("logging", { driver: "syslog" }),
    "cgroup-parent-ignored": ignored("cgroup_parent", "m-executor"),
    "security-opt-ignored": ignored("security_opt", ["no-new-privileges:true"]),
    "storage-opt-ignored": ignored("storage_opt", { size: "20G" }),
    "stop-signal-ignored": ignored("stop_signal", "SIGUSR1"),
    "shm-size-ignored": ignored("shm_size", 64 * MiB),
    "tmpfs-ignored": ignored("tmpfs", ["/run"]),
    "sysctls-ignored": ignored("sysctls", { "net.core.somaxconn": "1024" }),
    "extra-hosts-ignored": ignored("extra_hosts", ["somehost=162.242.195.82"]),
    "annotations-ignored": ignored("annotations", { "com.example.foo": "bar" }),
    "volumes-from-ignored": ignored("volumes_from", ["other"]),
    "configs-ignored": { spec: worker({ configs: [{ source: "nginx_conf", target: "/etc/nginx/nginx.conf" }] }), at: W("configs") },
    "network-address-ignored": { spec: worker({ networks: { back: { ipv4_address: "172.16.238.10" } } }), at: W("networks", "back", "ipv4_address") },
    "field-ignored": { spec: worker({ other: { oom_score_adj: 500 } }), at: W("oom_score_adj") },
    "network-mode-ignored": { spec: worker({ network_mode: "bridge" }), at: W("network_mode") },
    "restart-ignored": { spec: worker({ restart: "on-failure:3" }), at: W("restart") },
    "restart-no-job": { spec: worker({ restart: "no" }), at: W("restart") },
    "resources-folded": { spec: worker({ deploy: undefined, mem_limit: 256 * MiB }), at: W("mem_limit") },
    "gpus-as-devices": { spec: worker({ other: { gpus: "all" } }), at: W("gpus") },
    "domainname-needs-ingress": { spec: worker({ domainname: "app.example.com" }), at: W("domainname") },
    // ----- names -----
    "service-name-invalid": { spec: { services: { "api.v1": workerService() } }, at: ["services", "api.v1"] },
    "service-name-collision": { spec: { services: { my_api: workerService(), "my-api": workerService() } }, at: ["services", "my-api"] },
    "policy-admin-like": { spec: worker({ extensions: { "x-defang-policies": ["arn:aws:iam::123456789012:policy/app", "arn:aws:iam::aws:policy/AdministratorAccess"] } }), at: W("x-defang-policies", 1) },
    "parameter-name-collision": { spec: worker({ environment: { "API.KEY-1": "a", "API KEY-1": "b", "API_KEY-1": "c" } }), at: W("environment", "API_KEY-1") },
    "image-reference-invalid": { spec: worker({ image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/*:latest" }), at: W("image") },
    // ----- extensions -----
    "extension-invalid": { spec: worker({ image: "postgres:16", extensions: { "x-defang-postgres": { "allow-downtime": "yes" } } }), at: W("x-defang-postgres", "allow-downtime") },
    "extension-unknown": { spec: worker({ extensions: { "x-aws-role": "foo" } }), at: W("x-aws-role") },
    "defang-extension-unknown": { spec: worker({ extensions: { "x-defang-postgress": true } }), at: W("x-defang-postgress") },
    "defang-extension-unsupported": { spec: worker({ extensions: { "x-defang-aliases": { cluster: "urn:pulumi:x" } } }), at: W("x-defang-aliases") },
    "defang-extension-misplaced": { spec: { services: { w: workerService() }, extensions: { "x-defang-llm": true } }, at: ["x-defang-llm"] },
    // ----- ports -----
    "port-target-invalid": { spec: web({ ports: [{ mode: "ingress", target: 70000, protocol: "tcp" }] }), at: WEB("ports", 0, "target") },
    "port-duplicate": {
        spec: web({ ports: [{ mode: "ingress", target: 80, protocol: "tcp" }, { mode: "host", target: 80, protocol: "tcp" }] }),
        at: WEB("ports", 1),
    },
    "port-host-ip-unsupported": { spec: web({ ports: [{ mode: "ingress", target: 80, protocol: "tcp", host_ip: "127.0.0.1" }] }), at: WEB("ports", 0, "host_ip") },
    "port-protocol-invalid": { spec: web({ ports: [{ mode: "ingress", target: 80, protocol: "sctp" }] }), at: WEB("ports", 0, "protocol") },
    "port-mode-invalid": { spec: web({ ports: [{ mode: "global" as "host", target: 80, protocol: "tcp" }] }), at: WEB("ports", 0, "mode") },
    "port-app-protocol-invalid": { spec: web({ ports: [{ mode: "ingress", target: 80, protocol: "tcp", app_protocol: "websocket" }] }), at: WEB("ports", 0, "app_protocol") },
    "port-listener-invalid": { spec: web({ ports: [{ mode: "ingress", target: 80, protocol: "tcp", app_protocol: "http", extensions: { "x-defang-listener": "tcp" } }] }), at: WEB("ports", 0, "x-defang-listener") },
    "port-extension-unknown": { spec: web({ ports: [{ mode: "ingress", target: 80, protocol: "tcp", app_protocol: "http", extensions: { "x-defang-listner": "http" } }] }), at: WEB("ports", 0, "x-defang-listner") },
    "defang-aws-option-unsupported": { spec: { services: { w: workerService() }, extensions: { "x-defang-aws": { vpcID: "vpc-0123456789abcdef0" } } }, at: ["x-defang-aws", "vpcID"] },
    "port-published-ignored": { spec: web({ ports: [{ mode: "ingress", target: 80, protocol: "tcp", published: "8080", app_protocol: "http" }] }), at: WEB("ports", 0, "published") },
    "port-protocol-normalized": { spec: web({ ports: [{ mode: "ingress", target: 80, protocol: "grpc" }] }), at: WEB("ports", 0, "protocol") },
    "port-udp-host": { spec: web({ ports: [{ mode: "ingress", target: 80, protocol: "tcp", app_protocol: "http" }, { mode: "ingress", target: 53, protocol: "udp" }] }), at: WEB("ports", 1) },
    "port-app-protocol-http": { spec: web({ ports: [{ mode: "ingress", target: 80, protocol: "tcp" }] }), at: WEB("ports", 0) },
    // ----- healthcheck -----
    "healthcheck-whole-seconds": { spec: web({ healthcheck: { test: ["CMD", "curl", "http://localhost/"], interval: 30 * S, timeout: 1.5 * S } }), at: WEB("healthcheck", "timeout") },
    "healthcheck-timeout-interval": { spec: web({ healthcheck: { test: ["CMD", "curl", "http://localhost/"], interval: 10 * S, timeout: 10 * S } }), at: WEB("healthcheck", "timeout") },
    "healthcheck-start-interval-ignored": {
        spec: web({ healthcheck: { test: ["CMD", "curl", "http://localhost/"], start_interval: 2 * S } }),
        at: WEB("healthcheck", "start_interval"),
    },
    "healthcheck-ingress-missing": { spec: web({ healthcheck: undefined }), at: WEB("ports", 0) },
    "healthcheck-ingress-not-http": { spec: web({ healthcheck: { test: ["CMD-SHELL", "pgrep nginx"] } }), at: WEB("healthcheck", "test") },
    // ----- deploy -----
    "deploy-mode-unsupported": { spec: worker({ deploy: { mode: "global", resources: { reservations: { memory: 256 * MiB } } } }), at: W("deploy", "mode") },
    "deploy-update-config-unsupported": { spec: worker({ deploy: { update_config: { parallelism: 2 }, resources: { reservations: { memory: 256 * MiB } } } }), at: W("deploy", "update_config") },
    "deploy-rollback-config-unsupported": { spec: worker({ deploy: { rollback_config: { parallelism: 1 }, resources: { reservations: { memory: 256 * MiB } } } }), at: W("deploy", "rollback_config") },
    "deploy-restart-policy-unsupported": {
        spec: worker({ deploy: { restart_policy: { condition: "on-failure" }, resources: { reservations: { memory: 256 * MiB } } } }),
        at: W("deploy", "restart_policy"),
    },
    "deploy-endpoint-mode-unsupported": { spec: worker({ deploy: { endpoint_mode: "dnsrr", resources: { reservations: { memory: 256 * MiB } } } }), at: W("deploy", "endpoint_mode") },
    "deploy-labels-ignored": { spec: worker({ deploy: { labels: { a: "b" }, resources: { reservations: { memory: 256 * MiB } } } }), at: W("deploy", "labels") },
    "deploy-placement-ignored": {
        spec: worker({ deploy: { placement: { constraints: ["node.role==manager"] }, resources: { reservations: { memory: 256 * MiB } } } }),
        at: W("deploy", "placement"),
    },
    "deploy-limits-as-reservations": { spec: worker({ deploy: { resources: { limits: { cpus: 1, memory: 1024 * MiB } } } }), at: W("deploy", "resources", "limits") },
    "cpus-negative": { spec: worker({ deploy: { resources: { reservations: { cpus: -1, memory: 256 * MiB } } } }), at: W("deploy", "resources", "reservations", "cpus") },
    "memory-reservation-missing": { spec: worker({ deploy: undefined }), at: W() },
    "gpu-device-unsupported": {
        spec: worker({ deploy: { resources: { reservations: { memory: 256 * MiB, devices: [{ capabilities: ["tpu"], driver: "google" }] } } } }),
        at: W("deploy", "resources", "reservations", "devices", 0),
    },
    "gpu-count-all": {
        spec: worker({ deploy: { resources: { reservations: { memory: 256 * MiB, devices: [{ capabilities: ["gpu"], count: -1 }] } } } }),
        at: W("deploy", "resources", "reservations", "devices", 0, "count"),
    },
    "ha-single-replica": { spec: worker({ deploy: { replicas: 1, resources: { reservations: { memory: 256 * MiB } } } }), at: W("deploy", "replicas"), mode: "high_availability" },
    "autoscaling-affordable": { spec: worker({ extensions: { "x-defang-autoscaling": true } }), at: W("x-defang-autoscaling"), mode: "affordable" },
    // ----- build -----
    "build-ssh-unsupported": buildField("ssh", ["default"]),
    "build-extra-hosts-unsupported": buildField("extra_hosts", ["a=1.2.3.4"]),
    "build-network-unsupported": buildField("network", "host"),
    "build-secrets-unsupported": buildField("secrets", [{ source: "npmrc" }]),
    "build-tags-unsupported": buildField("tags", ["me/app:1"]),
    "build-privileged-unsupported": buildField("privileged", true),
    "build-dockerfile-inline-unsupported": buildField("dockerfile_inline", "FROM scratch"),
    "build-additional-contexts-unsupported": buildField("additional_contexts", { base: "../base" }),
    "build-labels-ignored": buildField("labels", { a: "b" }),
    "build-cache-from-ignored": buildField("cache_from", ["me/app:cache"]),
    "build-cache-to-ignored": buildField("cache_to", ["type=local,dest=/tmp"]),
    "build-no-cache-ignored": buildField("no_cache", true),
    "build-isolation-ignored": buildField("isolation", "default"),
    "build-ulimits-ignored": buildField("ulimits", { nofile: { soft: 1, hard: 2 } }),
    "build-platforms-unsupported": buildField("platforms", ["linux/amd64", "linux/arm64"]),
    "build-context-missing": { spec: built({ context: path.join(BUILD_ROOT, "nope") }), at: W("build", "context") },
    "dockerfile-outside-context": { spec: built({ dockerfile: "../outside.Dockerfile" }), at: W("build", "dockerfile") },
    "dockerfile-missing": { spec: built({ context: path.join(BUILD_ROOT, "alt"), dockerfile: "docker/Dockerfile.dev" }), at: W("build", "dockerfile") },
    "dockerfile-default-missing": { spec: built({ context: path.join(BUILD_ROOT, "nodf") }), at: W("build", "context") },
    "build-arg-empty": { spec: built({ args: { VERSION: null } }), at: W("build", "args", "VERSION") },
    "build-and-image": { spec: built({}, { image: "me/app:1" }), at: W("image") },
    // ----- secrets and environment -----
    "secret-name-invalid": { spec: worker({ secrets: [{ source: "db-password" }] }), at: W("secrets", 0) },
    "secret-name-override": {
        spec: { services: { w: workerService({ secrets: [{ source: "db_password" }] }) }, secrets: { db_password: { name: "prod_db_password", external: true } } },
        at: ["secrets", "db_password", "name"],
    },
    "secret-not-external": {
        spec: { services: { w: workerService({ secrets: [{ source: "db_password" }] }) }, secrets: { db_password: { file: "./db_password.txt" } } },
        at: ["secrets", "db_password", "file"],
    },
    "secrets-as-environment": { spec: worker({ secrets: [{ source: "API_TOKEN" }] }), at: W("secrets") },
    "environment-literal-secret": { spec: worker({ environment: { DB_PASSWORD: "hunter2" } }), at: W("environment", "DB_PASSWORD") },
    "command-literal-secret": { spec: worker({ command: ["run", "--key", "AKIAIOSFODNN7EXAMPLE"] }), at: W("command", 2) },
    "label-literal-secret": { spec: worker({ labels: { "com.example.url": "postgres://app:s3cr3t@db/app" } }), at: W("labels", "com.example.url") },
    "build-arg-literal-secret": { spec: built({ args: { NPM_TOKEN: "npm_abcdefghijklmnopqrstuvwxyz0123456789" } }), at: W("build", "args", "NPM_TOKEN") },
    // ----- volumes -----
    "volume-efs": { spec: { services: { w: workerService({ volumes: [DATA] }) }, volumes: { data: {} } }, at: W("volumes", 0) },
    "volume-not-persisted": { spec: worker({ volumes: [{ type: "volume", target: "/cache" }] }), at: W("volumes", 0) },
    "volume-bind-ignored": { spec: worker({ volumes: [{ type: "bind", source: "/work/app/conf", target: "/etc/app" }] }), at: W("volumes", 0) },
    "volume-host-path": { spec: worker({ volumes: [{ type: "bind", source: "/etc/localtime", target: "/etc/localtime", read_only: true }] }), at: W("volumes", 0) },
    "volume-docker-socket": { spec: worker({ volumes: [{ type: "bind", source: "/var/run/docker.sock", target: "/var/run/docker.sock" }] }), at: W("volumes", 0) },
    "volume-option-unsupported": {
        spec: { services: { w: workerService({ volumes: [{ ...DATA, volume: { subpath: "uploads" } }] }) }, volumes: { data: {} } },
        at: W("volumes", 0, "volume", "subpath"),
    },
    "volume-driver-unsupported": { spec: { services: { w: workerService({ volumes: [DATA] }) }, volumes: { data: { driver: "local", driver_opts: { type: "nfs" } } } }, at: ["volumes", "data", "driver_opts"] },
    "volume-external-unsupported": { spec: { services: { w: workerService({ volumes: [DATA] }) }, volumes: { data: { external: true } } }, at: ["volumes", "data", "external"] },
    "volume-owner-conflict": {
        spec: { services: { a: workerService({ volumes: [DATA] }), w: workerService({ user: "999:999", volumes: [DATA] }) }, volumes: { data: {} } },
        at: W("user"),
    },
    "volume-database": { spec: { services: { w: workerService({ image: "mysql:8", volumes: [{ ...DATA, target: "/var/lib/mysql" }] }) }, volumes: { data: {} } }, at: W("volumes", 0) },
    // ----- object storage (x-defang-s3) -----
    "s3-stand-in": { spec: { services: { w: workerService({ image: "minio/minio", command: ["server", "/data"], extensions: { "x-defang-s3": true } }), app: workerService({ depends_on: { w: { condition: "service_started", required: true } } }) } }, at: W("x-defang-s3") },
    "s3-ingress-port": {
        spec: worker({ image: "minio/minio", ports: [{ mode: "ingress", target: 9000, protocol: "tcp" }], extensions: { "x-defang-s3": true } }),
        at: W("ports", 0),
    },
    "s3-bucket-name-invalid": { spec: worker({ image: "minio/minio", extensions: { "x-defang-s3": { bucket: "My_Bucket" } } }), at: W("x-defang-s3", "bucket") },
    "s3-no-clients": { spec: worker({ image: "minio/minio", extensions: { "x-defang-s3": true } }), at: W("x-defang-s3") },
    // ----- static sites (x-defang-static-files) -----
    "static-files-folder-relative": { spec: worker({ extensions: { "x-defang-static-files": "dist" } }), at: W("x-defang-static-files") },
    "static-files-no-image": { spec: worker({ image: undefined, extensions: { "x-defang-static-files": "/srv" } }), at: W("x-defang-static-files") },
    "static-files-redirect-invalid": { spec: worker({ extensions: { "x-defang-static-files": { folder: "/srv", redirects: ["/old"] } } }), at: W("x-defang-static-files", "redirects", 0) },
    "static-files-no-container": { spec: worker({ extensions: { "x-defang-static-files": "/srv" } }), at: W("x-defang-static-files") },
    // ----- managed stores -----
    "stateful-image-unmanaged": { spec: worker({ image: "mysql:8" }), at: W("image") },
    "managed-image-mismatch": { spec: worker({ image: "mysql:8", extensions: { "x-defang-postgres": true } }), at: W("image") },
    "managed-store-conflict": { spec: worker({ image: "redis:7", extensions: { "x-defang-postgres": true, "x-defang-redis": true } }), at: W("x-defang-redis") },
    "store-port-added": { spec: worker({ image: "postgres:16", extensions: { "x-defang-postgres": true } }), at: W("image") },
    "store-port-host": { spec: worker({ image: "redis:7", ports: [{ mode: "ingress", target: 6379, protocol: "tcp" }], extensions: { "x-defang-redis": true } }), at: W("ports", 0) },
    // ----- LLM / models -----
    "llm-gateway-port": { spec: worker({ image: "ghcr.io/berriai/litellm:main-stable", extensions: { "x-defang-llm": true } }), at: W("image") },
    "model-gateway": { spec: { services: { app: workerService() }, models: { llm: { model: "chat-default" } } }, at: ["models", "llm", "model"] },
    "model-not-bedrock": { spec: { services: { app: workerService() }, models: { llm: { model: "ai/smollm2" } } }, at: ["models", "llm", "model"] },
    "model-name-missing": { spec: { services: { app: workerService() }, models: { llm: { model: "" } } }, at: ["models", "llm", "model"] },
    "model-name-conflict": { spec: { services: { llm: workerService() }, models: { llm: { model: "chat-default" } } }, at: ["models", "llm"] },
    "model-option-ignored": { spec: { services: { app: workerService() }, models: { llm: { model: "chat-default", context_size: 4096 } } }, at: ["models", "llm", "context_size"] },
    "model-env-kept": {
        spec: {
            services: {
                app: workerService({ depends_on: { llm: { condition: "service_started", required: true } }, environment: { LLM_URL: "http://llm/api/v1/" } }),
                llm: { provider: { type: "model", options: { model: "chat-default" } }, extensions: { "x-defang-llm": true } },
            },
        },
        at: ["services", "app", "environment", "LLM_URL"],
    },
};
