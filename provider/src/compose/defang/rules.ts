// The Defang rule matrix as data: every finding the Defang stage can report, with its stable code.
// The README lists this table and the tests iterate it (one test per code), so a rule that is not
// here cannot be reported (Reporter only accepts these codes).
//
// Severities: error = the deployment is refused; warning = deployed, but something the user wrote
// is ignored or changed (the message says what happens); info = a fixup we applied (shown with
// `validate --verbose`). Templates use {placeholders}; the service name is prefixed by the Reporter.
import type { Severity } from "../types";

export interface RuleSpec {
    code: string;
    /** The compose field or condition the rule is about (README column). */
    field: string;
    severity: Severity;
    message: string;
    hint?: string;
}

const CONFIG_HINT = "declare it without a value (`- {key}`) so it is read from config at deploy time (SSM /Defang/<project>/<stack>/{key}, or the component's `config` input)";

/** Fields that Fargate cannot honour and that Defang refuses. */
const REJECTED_FIELDS: RuleSpec[] = [
    {
        code: "hostname-unsupported",
        field: "hostname",
        severity: "error",
        message: "`hostname` is not supported: other services reach this one by its service name",
        hint: "remove `hostname`; use `domainname` for a public name, or `networks.<name>.aliases` for extra private names",
    },
    {
        code: "dns-unsupported",
        field: "dns",
        severity: "error",
        message: "`dns` is not supported: tasks use the VPC resolver",
        hint: "remove `dns`; service names and public names resolve without it",
    },
    {
        code: "dns-search-unsupported",
        field: "dns_search",
        severity: "error",
        message: "`dns_search` is not supported: the VPC's search domain is the project's private zone",
        hint: "remove `dns_search`; bare service names (`http://api:8080`) already resolve",
    },
    {
        code: "devices-unsupported",
        field: "devices",
        severity: "error",
        message: "`devices` is not supported: host devices cannot be mapped into cloud tasks",
        hint: "remove `devices`; for GPUs use `deploy.resources.reservations.devices: [{capabilities: [gpu]}]`",
    },
    {
        code: "device-cgroup-rules-unsupported",
        field: "device_cgroup_rules",
        severity: "error",
        message: "`device_cgroup_rules` is not supported on Fargate",
        hint: "remove `device_cgroup_rules`",
    },
    {
        code: "group-add-unsupported",
        field: "group_add",
        severity: "error",
        message: "`group_add` is not supported on ECS",
        hint: "add the user to the groups in the Dockerfile (`RUN usermod -aG ...`) and remove `group_add`",
    },
    {
        code: "privileged-unsupported",
        field: "privileged",
        severity: "error",
        message: "`privileged: true` is not allowed on Fargate",
        hint: "remove `privileged`; grant only the capability you need with `cap_add: [SYS_PTRACE]` (the only one Fargate adds)",
    },
    {
        code: "cap-add-unsupported",
        field: "cap_add",
        severity: "error",
        message: "`cap_add: {caps}` is not allowed: Fargate adds only SYS_PTRACE to the capabilities Docker grants by default",
        hint: "remove {caps} from `cap_add` (capabilities Docker grants by default, such as NET_BIND_SERVICE or CHOWN, may stay)",
    },
    {
        code: "capability-unknown",
        field: "cap_add / cap_drop",
        severity: "error",
        message: "`{field}` names {caps}, which is not a Linux capability ECS knows",
        hint: "use capability names such as NET_RAW, CHOWN or ALL (with or without the CAP_ prefix)",
    },
    {
        code: "limit-below-reservation",
        field: "deploy.resources.limits",
        severity: "error",
        message: "`deploy.resources.limits.{field}` ({limit}) is below `reservations.{field}` ({reservation}): a container cannot be limited below what it reserves",
        hint: "raise the limit to at least the reservation, or lower the reservation",
    },
    {
        code: "no-services",
        field: "services",
        severity: "error",
        message: "there is nothing to deploy: {why}",
        hint: "add a service under `services:`, or activate the profile of the services to deploy (--profile, or the component's `profiles` input)",
    },
    {
        code: "tmpfs-read-only",
        field: "tmpfs + read_only",
        severity: "warning",
        message: "`tmpfs: {paths}` is ignored (Fargate has no tmpfs mounts) and `read_only: true` makes the root file system read-only: writes to {paths} will fail",
        hint: "remove `read_only: true`, or keep it only if the app never writes to {paths}",
    },
    {
        code: "ulimit-ignored",
        field: "ulimits",
        severity: "warning",
        message: "`ulimits.{name}` is ignored: ECS sets only core, cpu, data, fsize, locks, memlock, msgqueue, nice, nofile, nproc, rss, rtprio, rttime, sigpending and stack",
        hint: "remove `ulimits.{name}` to silence this warning",
    },
    {
        code: "ulimit-invalid",
        field: "ulimits",
        severity: "error",
        message: "`ulimits.{name}`: the soft limit {soft} is above the hard limit {hard}",
        hint: "make `soft` at most `hard`",
    },
    {
        code: "network-mode-unsupported",
        field: "network_mode",
        severity: "error",
        message: "`network_mode: {value}` is not supported: every task gets its own network interface (awsvpc)",
        hint: "remove `network_mode`; to share a network with another service, put both on the same `networks:` entry",
    },
    {
        code: "platform-unsupported",
        field: "platform",
        severity: "error",
        message: "`platform: {value}` is not supported: tasks run on linux/amd64 or linux/arm64",
        hint: "use `platform: linux/amd64` or `platform: linux/arm64` (Graviton)",
    },
    {
        code: "provider-unsupported",
        field: "provider.type",
        severity: "error",
        message: "provider services of type `{value}` are not supported (only `model`)",
        hint: "run it as a regular service with an `image`, or use `provider: {type: model}` for an LLM",
    },
    {
        code: "image-missing",
        field: "image / build",
        severity: "error",
        message: "the service has neither `image` nor `build`",
        hint: "add `image: <name>` or `build: <context directory>`",
    },
    {
        code: "gpus-unsupported",
        field: "gpus",
        severity: "error",
        message: "`gpus` could not be read: {reason}",
        hint: "use `deploy.resources.reservations.devices: [{capabilities: [gpu], count: 1}]`",
    },
];

/** Fields that mean nothing on ECS: accepted by compose, ignored by us, said so. */
const IGNORED_FIELDS: Array<[field: string, reason: string]> = [
    ["container_name", "ECS names the tasks; other services reach this one by its service name"],
    ["links", "services reach each other by service name through private DNS"],
    ["external_links", "there are no containers outside the project to link to"],
    ["dns_opt", "tasks use the VPC resolver"],
    ["ipc", "Fargate tasks cannot share IPC namespaces"],
    ["uts", "Fargate tasks cannot share UTS namespaces"],
    ["pid", "Fargate tasks cannot share process namespaces"],
    ["isolation", "Linux tasks on Fargate have no isolation modes"],
    ["mac_address", "Fargate assigns the network interface"],
    ["logging", "container logs always go to the service's CloudWatch log group"],
    ["cgroup_parent", "Fargate manages cgroups"],
    ["security_opt", "Fargate does not accept Docker security options"],
    ["storage_opt", "Fargate does not accept storage driver options"],
    ["stop_signal", "ECS stops containers with SIGTERM (set STOPSIGNAL in the Dockerfile instead)"],
    ["shm_size", "Fargate does not support a custom /dev/shm size"],
    ["tmpfs", "Fargate does not support tmpfs mounts"],
    ["sysctls", "kernel parameters are not set on Fargate tasks"],
    ["extra_hosts", "Fargate's awsvpc network mode has no /etc/hosts entries; use DNS names"],
    ["annotations", "ECS has no container annotations (use `labels`, which become Docker labels)"],
    ["volumes_from", "tasks do not share volumes with other services"],
    ["configs", "files cannot be mounted into Fargate tasks (copy them into the image, or pass the value in `environment`)"],
];

export const IGNORED_FIELD_NAMES = IGNORED_FIELDS.map(([f]) => f);

/** Build options Defang refuses (they need a builder we do not run). */
const BUILD_REJECTED: Array<[field: string, why: string]> = [
    ["ssh", "the cloud builder has no SSH agent"],
    ["extra_hosts", "the cloud builder cannot add /etc/hosts entries"],
    ["network", "the cloud builder uses its own network"],
    ["secrets", "build secrets are not passed to the cloud builder"],
    ["tags", "the image is tagged and pushed to the project's own repository"],
    ["privileged", "the cloud builder does not run privileged builds"],
    ["dockerfile_inline", "the cloud builder needs a Dockerfile in the build context"],
    ["additional_contexts", "only one build context is uploaded"],
];

/** Build options we accept and ignore (cache and metadata). */
const BUILD_IGNORED: Array<[field: string, why: string]> = [
    ["labels", "image labels are not set by the cloud builder"],
    ["cache_from", "the cloud builder manages its own layer cache"],
    ["cache_to", "the cloud builder manages its own layer cache"],
    ["no_cache", "the cloud builder manages its own layer cache"],
    ["isolation", "Linux builds have no isolation modes"],
    ["ulimits", "the cloud builder uses its own limits"],
];

export const BUILD_REJECTED_FIELDS = BUILD_REJECTED.map(([f]) => f);
export const BUILD_IGNORED_FIELDS = BUILD_IGNORED.map(([f]) => f);

export const RULES: readonly RuleSpec[] = [
    // ----- fields -----
    ...REJECTED_FIELDS,
    ...IGNORED_FIELDS.map(([field, reason]): RuleSpec => ({
        code: `${field.replace(/_/g, "-")}-ignored`,
        field,
        severity: "warning",
        message: `\`${field}\` is ignored: ${reason}`,
        hint: `remove \`${field}\` to silence this warning`,
    })),
    {
        code: "field-ignored",
        field: "any other service key",
        severity: "warning",
        message: "`{field}` is ignored: it has no equivalent on ECS",
        hint: "remove `{field}` to silence this warning",
    },
    {
        code: "network-address-ignored",
        field: "networks.<name>.ipv4_address / ipv6_address / mac_address",
        severity: "warning",
        message: "`networks.{network}.{field}` is ignored: Fargate assigns each task its own address",
        hint: "remove it; other services reach this one by its service name",
    },
    {
        code: "network-mode-ignored",
        field: "network_mode: bridge",
        severity: "warning",
        message: "`network_mode: {value}` is ignored: every task gets its own network interface (awsvpc)",
        hint: "remove `network_mode`",
    },
    {
        code: "restart-ignored",
        field: "restart",
        severity: "warning",
        message: "`restart: {value}` is ignored: ECS replaces a service's tasks whenever they stop",
        hint: "use `restart: unless-stopped` (the default) for a service, or `restart: \"no\"` for a job that runs once per deployment",
    },
    {
        code: "restart-no-job",
        field: "restart: \"no\"",
        severity: "info",
        message: "`restart: \"no\"` makes this a one-off job: it runs once per deployment instead of as a long-running service",
    },
    {
        code: "resources-folded",
        field: "cpus / mem_limit / mem_reservation",
        severity: "info",
        message: "`{field}` is used as `deploy.resources.{target}`",
    },
    {
        code: "gpus-as-devices",
        field: "gpus",
        severity: "info",
        message: "`gpus` is used as `deploy.resources.reservations.devices` (GPU capacity)",
    },
    {
        code: "domainname-needs-ingress",
        field: "domainname",
        severity: "error",
        message: "`domainname: {value}` needs an ingress port to route to",
        hint: "add a port with `mode: ingress` (e.g. `- target: 8080`), or remove `domainname`",
    },
    // ----- names -----
    {
        code: "service-name-invalid",
        field: "service name",
        severity: "error",
        message: "service name \"{name}\" cannot be a DNS label (\"{label}\")",
        hint: "use 1-63 letters, digits, `-` or `_`, starting and ending with a letter or digit",
    },
    {
        code: "service-name-collision",
        field: "service name",
        severity: "error",
        message: "services \"{name}\" and \"{other}\" both get the private DNS name \"{label}\"",
        hint: "rename one of them (names are lower-cased and `_` becomes `-`)",
    },
    // ----- extensions -----
    {
        code: "extension-invalid",
        field: "x-defang-*",
        severity: "error",
        message: "{detail}",
        hint: "{accepted}",
    },
    {
        code: "extension-unknown",
        field: "x-* (service)",
        severity: "warning",
        message: "unsupported compose extension `{key}` is ignored",
        hint: "remove it, or move shared YAML anchors to a top-level `x-` key",
    },
    {
        code: "defang-extension-unknown",
        field: "x-defang-* (unknown)",
        severity: "error",
        message: "unknown Defang extension `{key}`",
        hint: "{suggestion}",
    },
    {
        code: "defang-extension-unsupported",
        field: "x-defang-aliases",
        severity: "error",
        message: "Defang extension `{key}` is not supported by pulumi-defang yet",
        hint: "{suggestion}",
    },
    {
        code: "defang-extension-misplaced",
        field: "top-level x-defang-*",
        severity: "error",
        message: "`{key}` belongs on a service, not at the top level of the compose file",
        hint: "move `{key}` under the service it applies to",
    },
    // ----- ports -----
    {
        code: "port-target-invalid",
        field: "ports[].target",
        severity: "error",
        message: "port target {value} is out of range",
        hint: "use a container port between 1 and 65535",
    },
    {
        code: "port-duplicate",
        field: "ports[].target",
        severity: "error",
        message: "port {value}/{protocol} is listed twice",
        hint: "remove the duplicate entry",
    },
    {
        code: "port-host-ip-unsupported",
        field: "ports[].host_ip",
        severity: "error",
        message: "port {value}: `host_ip` ({hostIp}) is not supported: tasks have no host interface to bind",
        hint: "remove `{hostIp}:` from the port (services listen on every interface of their task); to keep the port private to the project's services, write it as `{target: {value}, mode: host}`",
    },
    {
        code: "port-protocol-invalid",
        field: "ports[].protocol",
        severity: "error",
        message: "port {value}: protocol `{protocol}` is not supported",
        hint: "use one of tcp, udp, http, http2, grpc",
    },
    {
        code: "port-mode-invalid",
        field: "ports[].mode",
        severity: "error",
        message: "port {value}: mode `{mode}` is not supported",
        hint: "use `mode: ingress` (public, through the load balancer) or `mode: host` (private, other services only)",
    },
    {
        code: "port-app-protocol-invalid",
        field: "ports[].app_protocol",
        severity: "error",
        message: "port {value}: app_protocol `{appProtocol}` is not supported",
        hint: "use http, http2 or grpc (or leave it out for http)",
    },
    {
        code: "port-published-ignored",
        field: "ports[].published",
        severity: "warning",
        message: "port {value}: `published: {published}` is ignored: {reason}",
        hint: "remove `published` (or make it equal to the target)",
    },
    {
        code: "port-protocol-normalized",
        field: "ports[].protocol: http|http2|grpc",
        severity: "info",
        message: "port {value}: protocol `{protocol}` is read as `protocol: tcp` + `app_protocol: {protocol}`",
    },
    {
        code: "port-udp-host",
        field: "ports[] udp ingress",
        severity: "info",
        message: "port {value}/udp cannot go through the load balancer: it becomes a host port (private)",
    },
    {
        code: "port-app-protocol-http",
        field: "ports[] ingress without app_protocol",
        severity: "info",
        message: "ingress port {value} is served as HTTP by the load balancer (`app_protocol: http`)",
    },
    // ----- healthcheck -----
    {
        code: "healthcheck-whole-seconds",
        field: "healthcheck.interval / timeout",
        severity: "warning",
        message: "healthcheck {field} {value} is rounded to {rounded}s: ECS counts whole seconds",
        hint: "use whole seconds (e.g. `{rounded}s`)",
    },
    {
        code: "healthcheck-timeout-interval",
        field: "healthcheck.timeout ≥ interval",
        severity: "error",
        message: "healthcheck timeout ({timeout}s) must be positive and shorter than the interval ({interval}s)",
        hint: "e.g. `interval: 30s` and `timeout: 5s`",
    },
    {
        code: "healthcheck-start-interval-ignored",
        field: "healthcheck.start_interval",
        severity: "warning",
        message: "healthcheck `start_interval` is ignored: ECS checks at the same interval during the start period",
        hint: "remove `start_interval`",
    },
    {
        code: "healthcheck-ingress-missing",
        field: "ingress port without healthcheck",
        severity: "warning",
        message: "no healthcheck: the load balancer checks GET / on port {port} and expects a 2xx/3xx answer",
        hint: "add `healthcheck: {test: [CMD, curl, -f, http://localhost:{port}/health]}` with your health path",
    },
    {
        code: "healthcheck-ingress-not-http",
        field: "healthcheck of an ingress service",
        severity: "warning",
        message: "the healthcheck does not call http://localhost: the load balancer checks GET / on port {port}",
        hint: "make the test request a local URL, e.g. `[CMD, curl, -f, http://localhost:{port}/health]`; its path is used by the load balancer",
    },
    // ----- deploy -----
    {
        code: "deploy-mode-unsupported",
        field: "deploy.mode",
        severity: "error",
        message: "`deploy.mode: {value}` is not supported (only `replicated`)",
        hint: "remove `deploy.mode` and set `deploy.replicas`",
    },
    {
        code: "deploy-update-config-unsupported",
        field: "deploy.update_config",
        severity: "error",
        message: "`deploy.update_config` is not supported: rolling updates follow the deployment mode",
        hint: "remove it; `high_availability` and `balanced` roll tasks over without downtime",
    },
    {
        code: "deploy-rollback-config-unsupported",
        field: "deploy.rollback_config",
        severity: "error",
        message: "`deploy.rollback_config` is not supported: failed deployments roll back automatically (circuit breaker)",
        hint: "remove `deploy.rollback_config`",
    },
    {
        code: "deploy-restart-policy-unsupported",
        field: "deploy.restart_policy",
        severity: "error",
        message: "`deploy.restart_policy` is not supported: ECS replaces stopped tasks",
        hint: "remove it; use `restart: \"no\"` for a job that runs once per deployment",
    },
    {
        code: "deploy-endpoint-mode-unsupported",
        field: "deploy.endpoint_mode",
        severity: "error",
        message: "`deploy.endpoint_mode` is not supported: services are reached through private DNS",
        hint: "remove `deploy.endpoint_mode`",
    },
    {
        code: "deploy-labels-ignored",
        field: "deploy.labels",
        severity: "warning",
        message: "`deploy.labels` is ignored: ECS services have no labels",
        hint: "use service `labels` (Docker labels on the container) instead",
    },
    {
        code: "deploy-placement-ignored",
        field: "deploy.placement",
        severity: "warning",
        message: "`deploy.placement` is ignored: Fargate places tasks across availability zones",
        hint: "remove `deploy.placement`",
    },
    {
        code: "deploy-limits-as-reservations",
        field: "deploy.resources.limits without reservations",
        severity: "info",
        message: "`deploy.resources.limits` is also used as the reservation (task size)",
    },
    {
        code: "cpus-negative",
        field: "deploy.resources.*.cpus",
        severity: "error",
        message: "cpus must not be negative (got {value})",
        hint: "use a positive number of vCPUs, e.g. `cpus: \"0.5\"`",
    },
    {
        code: "memory-reservation-missing",
        field: "deploy.resources.reservations.memory",
        severity: "warning",
        message: "no memory reservation: the smallest {what} is used",
        hint: "set `deploy.resources.reservations.memory` (e.g. `512M`) to avoid out-of-memory restarts",
    },
    {
        code: "gpu-device-unsupported",
        field: "deploy.resources.reservations.devices",
        severity: "error",
        message: "device reservation {detail} is not supported: only NVIDIA GPUs can be reserved",
        hint: "use `devices: [{capabilities: [gpu], count: 1}]` (driver `nvidia` or none)",
    },
    {
        code: "gpu-count-all",
        field: "devices[].count: all",
        severity: "info",
        message: "GPU `count: all` reserves 1 GPU per task",
    },
    // ----- mode -----
    {
        code: "ha-single-replica",
        field: "mode high_availability, replicas < 2",
        severity: "warning",
        message: "runs {replicas} task(s) in high_availability mode: one task failure or AZ outage takes it down",
        hint: "set `deploy.replicas: 2` (or more), or add `x-defang-autoscaling`",
    },
    {
        code: "autoscaling-affordable",
        field: "x-defang-autoscaling in affordable",
        severity: "warning",
        message: "`x-defang-autoscaling` in affordable mode: scaling out on Spot capacity may be interrupted",
        hint: "deploy with mode `balanced` or `high_availability` for autoscaling",
    },
    // ----- build -----
    ...BUILD_REJECTED.map(([field, why]): RuleSpec => ({
        code: `build-${field.replace(/_/g, "-")}-unsupported`,
        field: `build.${field}`,
        severity: "error",
        message: `\`build.${field}\` is not supported: ${why}`,
        hint: `remove \`build.${field}\``,
    })),
    ...BUILD_IGNORED.map(([field, why]): RuleSpec => ({
        code: `build-${field.replace(/_/g, "-")}-ignored`,
        field: `build.${field}`,
        severity: "warning",
        message: `\`build.${field}\` is ignored: ${why}`,
        hint: `remove \`build.${field}\` to silence this warning`,
    })),
    {
        code: "build-platforms-unsupported",
        field: "build.platforms",
        severity: "error",
        message: "`build.platforms` lists {value}: one image is built for one platform",
        hint: "keep one platform (linux/amd64 or linux/arm64), or set `platform:` on the service",
    },
    {
        code: "build-context-missing",
        field: "build.context",
        severity: "error",
        message: "build context {value} does not exist",
        hint: "point `build.context` at the directory holding the sources (relative to the compose file)",
    },
    {
        code: "dockerfile-outside-context",
        field: "build.dockerfile",
        severity: "error",
        message: "dockerfile {value} must be a relative path inside the build context",
        hint: "move the Dockerfile into the context and name it relative to it (e.g. `dockerfile: docker/Dockerfile`)",
    },
    {
        code: "dockerfile-missing",
        field: "build.dockerfile",
        severity: "error",
        message: "dockerfile {value} does not exist in the build context",
        hint: "fix the `dockerfile` path (it is relative to `build.context`)",
    },
    {
        code: "dockerfile-default-missing",
        field: "build without a Dockerfile",
        severity: "warning",
        message: "build context {value} has no Dockerfile: an image must be supplied for this service",
        hint: "add a Dockerfile to the context, or pass a prebuilt image for it (the component's `images` input)",
    },
    {
        code: "build-arg-empty",
        field: "build.args",
        severity: "warning",
        message: "build arg {key} has no value and is not passed to the build",
        hint: "give it a value (`{key}: value`) or remove it",
    },
    {
        code: "build-and-image",
        field: "build + image",
        severity: "warning",
        message: "both `build` and `image: {value}` are set: the published image is deployed and `build` is ignored",
        hint: "remove `image` to build from source (or remove `build` to silence this warning)",
    },
    // ----- secrets and environment -----
    {
        code: "secret-name-invalid",
        field: "secrets[].source",
        severity: "error",
        message: "secret name \"{value}\" is not a valid environment variable name",
        hint: "use letters, digits and `_` (at most 64 characters, not starting with a digit)",
    },
    {
        code: "secret-name-override",
        field: "secrets.<name>.name",
        severity: "error",
        message: "secret \"{value}\" renames itself to \"{other}\": secrets are read from config under their own name",
        hint: "remove `name:` from the top-level secret",
    },
    {
        code: "secret-not-external",
        field: "secrets.<name> (file / environment / content)",
        severity: "warning",
        message: "secret \"{value}\" is not `external: true`: its {source} is not used; the value comes from config \"{value}\"",
        hint: "set `external: true` and store the value in config (SSM /Defang/<project>/<stack>/{value} or the component's `config` input)",
    },
    {
        code: "secrets-as-environment",
        field: "secrets",
        severity: "warning",
        message: "secrets are exposed as environment variables, not files: {names} (nothing is mounted under /run/secrets)",
        hint: "read each secret from the environment variable of its name, e.g. {first} instead of the file {file} (or declare it as `environment: [{first}]` directly)",
    },
    {
        code: "network-internal-egress",
        field: "networks.<name>.internal",
        severity: "warning",
        message: "network \"{name}\" is `internal: true`, but its services can still open connections to the internet (they need it to pull images and send logs); only inbound traffic is limited to services on the network",
        hint: "remove `internal: true` to silence this warning; if a service must not reach the internet, enforce that in the service itself",
    },
    {
        code: "environment-literal-secret",
        field: "environment",
        severity: "warning",
        message: "environment {key} looks like a secret ({reason}) but is written in the compose file",
        hint: `${CONFIG_HINT}; meanwhile a literal whose name looks secret is stored as an SSM SecureString and passed as an ECS secret, never as plain environment`,
    },
    // ----- volumes -----
    {
        code: "volume-efs",
        field: "volumes (named)",
        severity: "info",
        message: "volume {volume} at {target} is an Amazon EFS file system: encrypted, kept across restarts and shared by every service that mounts it; unlike a new Docker volume it starts empty (the image's files at {target} are not copied into it)",
    },
    {
        code: "volume-not-persisted",
        field: "volumes (anonymous)",
        severity: "warning",
        message: "anonymous volume {value} is container-local: its data is lost when the task restarts",
        hint: "name it (`<name>:{value}` plus a top-level `volumes: {<name>: {}}`) to keep it on Amazon EFS, or remove it",
    },
    {
        code: "volume-bind-ignored",
        field: "volumes (bind mounts of project files)",
        severity: "warning",
        message: "bind mount {value} is ignored: files on this machine are not shipped to the cloud",
        hint: "copy the files into the image (`COPY` in the Dockerfile), or use a named volume for data the service writes",
    },
    {
        code: "volume-host-path",
        field: "volumes (host paths)",
        severity: "error",
        message: "bind mount {value} mounts a path of the host machine, and cloud tasks have no host to mount from",
        hint: "remove it: copy files the service reads into the image, and keep data it writes in a named volume (Amazon EFS)",
    },
    {
        code: "volume-docker-socket",
        field: "volumes (container runtime socket)",
        severity: "error",
        message: "bind mount {value} hands the container the runtime socket of its host: that gives it control of the host, and Fargate tasks have none",
        hint: "remove it; to build images use `build:` (built by CodeBuild), to manage containers use the AWS APIs with a task role (`x-defang-policies`)",
    },
    {
        code: "volume-option-unsupported",
        field: "volumes[].type / volume.subpath",
        severity: "error",
        message: "volume {volume}: `{option}` is not supported: named volumes are Amazon EFS file systems mounted whole",
        hint: "remove `{option}`; to share part of the data, mount the volume and use a directory inside it",
    },
    {
        code: "volume-driver-unsupported",
        field: "volumes.<name>.driver / driver_opts",
        severity: "error",
        message: "volume {volume} sets {what}, which cannot be honoured: the component stores named volumes on Amazon EFS",
        hint: "remove `driver` and `driver_opts` from the volume (`driver: local` may stay)",
    },
    {
        code: "volume-external-unsupported",
        field: "volumes.<name>.external",
        severity: "error",
        message: "volume {volume} is `external: true`, but a Docker volume of this machine cannot be mounted in the cloud",
        hint: "remove `external` so the component creates the volume on Amazon EFS (copy existing data into it with AWS DataSync or a one-off job)",
    },
    {
        code: "volume-owner-conflict",
        field: "user of services sharing a volume",
        severity: "error",
        message: "volume {volume} is mounted by {other} as {otherUser} and here as {user}: its EFS access point writes every file as one POSIX user",
        hint: "run the services that share {volume} with the same numeric `user:` (e.g. `user: \"1000:1000\"`), or give each its own volume",
    },
    {
        code: "volume-database",
        field: "database image with a named volume",
        severity: "warning",
        message: "image {value} keeps its data in volume {volume} on Amazon EFS (NFS): databases on a network file system are slow and can corrupt their files when a second task starts during a deployment",
        hint: "{suggestion}",
    },
    // ----- object storage (x-defang-s3) -----
    {
        code: "s3-stand-in",
        field: "x-defang-s3",
        severity: "info",
        message: "runs no container: a private S3 bucket takes its place, so its {fields} are ignored",
    },
    {
        code: "s3-ingress-port",
        field: "x-defang-s3 with ingress ports",
        severity: "error",
        message: "port {value} would be published to the internet, but `x-defang-s3` makes this a private S3 bucket, which no client reaches on a port",
        hint: "remove the port: services that `depends_on: [{name}]` get the bucket's name and IAM access to it (S3 API); give browsers presigned URLs",
    },
    {
        code: "s3-bucket-name-invalid",
        field: "x-defang-s3.bucket",
        severity: "error",
        message: "bucket name \"{value}\" is refused by AWS: {reason}",
        hint: "name an existing bucket: 3-63 lower-case letters, digits, `-` (and `.`), starting and ending with a letter or digit; or use `x-defang-s3: true` to create one",
    },
    {
        code: "s3-no-clients",
        field: "x-defang-s3 without dependents",
        severity: "warning",
        message: "no service depends on {name}, so none gets access to its bucket",
        hint: "add `depends_on: [{name}]` to the services that read or write the bucket",
    },
    // ----- static sites (x-defang-static-files) -----
    {
        code: "static-files-folder-relative",
        field: "x-defang-static-files.folder",
        severity: "error",
        message: "static files folder {value} is not an absolute path in the image",
        hint: "give the folder as the image has it, e.g. `/usr/share/nginx/html` or `/app/out` (it is copied out of the built image)",
    },
    {
        code: "static-files-no-image",
        field: "x-defang-static-files without build / image",
        severity: "error",
        message: "`x-defang-static-files` takes its files from the service's image, but the service has neither `build` nor `image`",
        hint: "add `build:` (the context whose Dockerfile produces the files) or `image:`",
    },
    {
        code: "static-files-redirect-invalid",
        field: "x-defang-static-files.redirects[]",
        severity: "error",
        message: "redirect \"{value}\" is not `<from> <to> [status]`: {reason}",
        hint: "e.g. `/old /new` (301), `/blog/* https://blog.example.com/:splat 302`, or `/* /index.html 200` for a single-page app",
    },
    {
        code: "static-files-no-container",
        field: "x-defang-static-files",
        severity: "info",
        message: "runs no container: its files are served by CloudFront, so its {fields} are ignored",
    },
    // ----- managed stores -----
    {
        code: "stateful-image-unmanaged",
        field: "stateful image without x-defang-*",
        severity: "warning",
        message: "image {value} keeps data in the container: it is lost when the task restarts",
        hint: "{suggestion}",
    },
    {
        code: "managed-image-mismatch",
        field: "x-defang-postgres|redis|mongodb image",
        severity: "warning",
        message: "`{key}` expects a {engine} image, not {value}: the engine version cannot be read from it",
        hint: "use an official image such as `{example}`",
    },
    {
        code: "managed-store-conflict",
        field: "several x-defang stores",
        severity: "error",
        message: "a service can be only one managed store, not {keys}",
        hint: "keep one extension per service",
    },
    {
        code: "store-port-added",
        field: "managed store without ports",
        severity: "info",
        message: "{engine} service gets host port {value} so other services can reach it by name",
    },
    {
        code: "store-port-host",
        field: "managed store ingress port",
        severity: "warning",
        message: "ingress port {value} of a {engine} service becomes a host port: databases are never public",
        hint: "use `mode: host` for this port",
    },
    // ----- LLM / models -----
    {
        code: "llm-gateway-port",
        field: "x-defang-llm on a litellm image",
        severity: "info",
        message: "LiteLLM gateway gets host port 4000",
    },
    {
        code: "model-gateway",
        field: "models / provider: {type: model}",
        severity: "info",
        message: "model \"{value}\" is served by a LiteLLM gateway on Amazon Bedrock ({model}) at http://{name}:4000/v1/",
    },
    {
        code: "model-not-bedrock",
        field: "models.<name>.model",
        severity: "warning",
        message: "model \"{value}\" is not a Bedrock model id: the gateway will ask Amazon Bedrock for `{model}`, which it does not serve",
        hint: "use `chat-default`, `embedding-default` or a Bedrock model id such as `anthropic.claude-3-5-haiku-20241022-v1:0`",
    },
    {
        code: "model-name-missing",
        field: "provider.options.model / models.<name>.model",
        severity: "error",
        message: "the model has no name (an unset variable leaves it empty)",
        hint: "name the model: `chat-default`, `embedding-default` or a Bedrock model id",
    },
    {
        code: "model-name-conflict",
        field: "models.<name>",
        severity: "error",
        message: "model \"{value}\" has the name of a service",
        hint: "rename the model or the service",
    },
    {
        code: "model-option-ignored",
        field: "models.<name>.context_size / runtime_flags",
        severity: "warning",
        message: "model option `{field}` is ignored: Bedrock models have a fixed configuration",
        hint: "remove `{field}`",
    },
    {
        code: "model-env-kept",
        field: "<MODEL>_URL set by the user",
        severity: "warning",
        message: "{key} is already set to \"{value}\": the model gateway is at {expected}",
        hint: "remove {key} to get the gateway's address, or set it to {expected}",
    },
];

export const RULE_BY_CODE: ReadonlyMap<string, RuleSpec> = new Map(RULES.map((r) => [r.code, r]));
