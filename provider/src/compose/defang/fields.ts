// Service keys that Fargate cannot honour (errors) or that mean nothing there (warnings that say they
// are ignored), plus `restart`, `platform`, `network_mode`, `cap_add` and `domainname`.
//
// Accepted as is (no finding): image, build, command, entrypoint (ECS supports it, unlike Defang's CLI),
// environment, env_file, working_dir, user, labels (→ Docker labels), label_file, read_only
// (→ readonlyRootFilesystem), init (→ initProcessEnabled), cap_drop and cap_add within Docker's defaults
// (→ linuxParameters.capabilities, see linux.ts), ulimits (→ ulimits), expose (private ports),
// depends_on, networks, healthcheck, stop_grace_period, stdin_open, tty, profiles, scale, pull_policy.
import type { ServiceConfig } from "../types";
import type { ServiceReporter } from "./report";
import { IGNORED_FIELD_NAMES } from "./rules";
import { ECS_CAPABILITIES, ECS_ULIMITS, capabilityName, unaddableCapabilities } from "./linux";

const REJECTED: Array<[keyof ServiceConfig, string]> = [
    ["hostname", "hostname-unsupported"],
    ["dns", "dns-unsupported"],
    ["dns_search", "dns-search-unsupported"],
    ["devices", "devices-unsupported"],
    ["device_cgroup_rules", "device-cgroup-rules-unsupported"],
    ["group_add", "group-add-unsupported"],
];

/** Keys of `other` that other rules read (so they are not reported as ignored). */
const HANDLED_OTHER = new Set(["cpus", "gpus", "models"]);

/** Platforms Fargate runs (and the spellings docker accepts for them). */
export const PLATFORMS = new Set(["linux/amd64", "linux/x86_64", "linux/arm64", "linux/arm64/v8", "linux/aarch64", "amd64", "arm64"]);

export function present(v: unknown): boolean {
    if (v === undefined || v === null || v === false || v === "") return false;
    if (Array.isArray(v)) return v.length > 0;
    if (typeof v === "object") return Object.keys(v).length > 0;
    return true;
}

export function checkFields(svc: ServiceConfig, r: ServiceReporter): void {
    for (const [field, code] of REJECTED) if (present(svc[field])) r.report(code, [field]);
    for (const field of IGNORED_FIELD_NAMES) {
        if (!present(svc[field as keyof ServiceConfig])) continue;
        // A read-only root file system makes the ignored tmpfs paths unwritable: say so, not just "ignored".
        if (field === "tmpfs" && svc.read_only) r.report("tmpfs-read-only", ["tmpfs"], { paths: (svc.tmpfs ?? []).map((t) => t.split(":")[0]).join(", ") });
        else r.report(`${field.replace(/_/g, "-")}-ignored`, [field]);
    }
    for (const [field, value] of Object.entries(svc.other ?? {})) {
        if (!HANDLED_OTHER.has(field) && present(value)) r.report("field-ignored", [field], { field });
    }
    for (const [network, cfg] of Object.entries(svc.networks ?? {})) {
        for (const field of ["ipv4_address", "ipv6_address", "mac_address"] as const) {
            if (cfg?.[field]) r.report("network-address-ignored", ["networks", network, field], { network, field });
        }
    }
    if (svc.privileged) r.report("privileged-unsupported", ["privileged"]);
    checkCapabilities(svc, r);
    checkUlimits(svc, r);
    checkNetworkMode(svc, r);
    if (svc.platform && !PLATFORMS.has(svc.platform.toLowerCase())) r.report("platform-unsupported", ["platform"], { value: svc.platform });
    if (svc.provider && svc.provider.type !== "model") r.report("provider-unsupported", ["provider", "type"], { value: svc.provider.type });
    // A static site reports its own missing image; an `x-defang-s3` stand-in needs none (no container runs).
    const ownImageRule = svc.defang?.staticFiles !== undefined || svc.extensions?.["x-defang-s3"] !== undefined;
    if (!svc.image && !svc.build && !svc.provider && !ownImageRule) r.report("image-missing", []);
    checkRestart(svc, r);
}

function checkCapabilities(svc: ServiceConfig, r: ServiceReporter): void {
    for (const field of ["cap_add", "cap_drop"] as const) {
        const unknown = (svc[field] ?? []).map(capabilityName).filter((c) => !ECS_CAPABILITIES.has(c));
        if (unknown.length) r.report("capability-unknown", [field], { field, caps: unknown.join(", ") });
    }
    const bad = unaddableCapabilities(svc).filter((c) => ECS_CAPABILITIES.has(c));
    if (bad.length) r.report("cap-add-unsupported", ["cap_add"], { caps: bad.join(", ") });
}

function checkUlimits(svc: ServiceConfig, r: ServiceReporter): void {
    for (const [name, u] of Object.entries(svc.ulimits ?? {})) {
        if (!ECS_ULIMITS.has(name)) r.report("ulimit-ignored", ["ulimits", name], { name });
        else if (u.soft !== undefined && u.hard !== undefined && u.soft > u.hard) r.report("ulimit-invalid", ["ulimits", name], { name, soft: u.soft, hard: u.hard });
    }
}

function checkNetworkMode(svc: ServiceConfig, r: ServiceReporter): void {
    const mode = svc.network_mode;
    if (!mode) return;
    if (mode === "bridge" || mode === "default") r.report("network-mode-ignored", ["network_mode"], { value: mode });
    // `service:<name>`: a sidecar in that service's task (plan/sidecars.ts checks what it may combine with).
    else if (!mode.startsWith("service:")) r.report("network-mode-unsupported", ["network_mode"], { value: mode });
}

function checkRestart(svc: ServiceConfig, r: ServiceReporter): void {
    const restart = svc.restart;
    if (restart === undefined || restart === "always" || restart === "unless-stopped") return;
    if (restart === "no") r.report("restart-no-job", ["restart"]);
    else r.report("restart-ignored", ["restart"], { value: restart });
}

/** `domainname` routes a public name to an ingress port (static-files services publish without one). */
export function checkDomainname(svc: ServiceConfig, r: ServiceReporter): void {
    if (!svc.domainname || svc.defang?.staticFiles) return;
    if (!(svc.ports ?? []).some((p) => p.mode === "ingress")) r.report("domainname-needs-ingress", ["domainname"], { value: svc.domainname });
}

/** Extensions that shape a running service's tasks: meaningless on a service whose container never runs. */
const TASK_EXTENSIONS = ["x-defang-autoscaling", "x-defang-rollout"];

/**
 * The given container keys `svc` sets, then a sidecar's `network_mode` and the task extensions, as
 * reported when a bucket or a static site takes the service's place (no container, no task of it runs).
 */
export function setWithoutContainer(svc: ServiceConfig, keys: Array<keyof ServiceConfig>): string[] {
    const set: string[] = keys.filter((k) => present(svc[k]));
    if (svc.network_mode?.startsWith("service:")) set.push("network_mode");
    return set.concat(TASK_EXTENSIONS.filter((k) => svc.extensions?.[k] !== undefined));
}
