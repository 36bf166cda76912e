// Kernel capabilities and ulimits: what compose's `cap_add` / `cap_drop` / `ulimits` mean, and what
// ECS on Fargate accepts. Shared by the Defang rules (what is refused) and the plan (what the task
// definition gets), so the two cannot disagree.
import type { ServiceConfig } from "../types";

/** Capabilities Docker (and so Fargate) grants a container by default. */
export const DEFAULT_CAPABILITIES = [
    "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID",
    "SETPCAP", "SETUID", "SYS_CHROOT",
];

/** The only capability Fargate adds beyond the defaults. */
export const FARGATE_ADDABLE = "SYS_PTRACE";

/** Capability names ECS accepts (KernelCapabilities). */
export const ECS_CAPABILITIES = new Set([
    "ALL", "AUDIT_CONTROL", "AUDIT_WRITE", "BLOCK_SUSPEND", "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK",
    "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST",
    "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYS_MODULE", "SYS_NICE", "SYS_PACCT",
    "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "SYSLOG", "WAKE_ALARM",
]);

/** Ulimit names ECS accepts. */
export const ECS_ULIMITS = new Set(["core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack"]);

/** `cap_net_admin`, `NET_ADMIN` → `NET_ADMIN`. */
export function capabilityName(c: string): string {
    return c.trim().toUpperCase().replace(/^CAP_/, "");
}

/** Capabilities of `cap_add` that Fargate cannot grant (not a default, not SYS_PTRACE). */
export function unaddableCapabilities(svc: ServiceConfig): string[] {
    return (svc.cap_add ?? []).map(capabilityName).filter((c) => c !== FARGATE_ADDABLE && !DEFAULT_CAPABILITIES.includes(c));
}

/**
 * The capabilities ECS is given for `cap_add` / `cap_drop`, with Docker's meaning kept: adding a
 * capability the container already has is a no-op, and `cap_drop: [ALL]` + `cap_add: [X]` (keep only
 * X) becomes "drop every default but X", since Fargate cannot add X back. Undefined when nothing changes.
 */
export function ecsCapabilities(svc: ServiceConfig): { add: string[]; drop: string[] } | undefined {
    const add = [...new Set((svc.cap_add ?? []).map(capabilityName))];
    const drop = [...new Set((svc.cap_drop ?? []).map(capabilityName))];
    const addable = add.filter((c) => c === FARGATE_ADDABLE);
    let dropped: string[];
    if (drop.includes("ALL")) {
        const kept = add.filter((c) => DEFAULT_CAPABILITIES.includes(c));
        dropped = kept.length === 0 ? ["ALL"] : DEFAULT_CAPABILITIES.filter((c) => !kept.includes(c));
    } else {
        // Docker applies cap_add after cap_drop: a capability in both stays.
        dropped = drop.filter((c) => !add.includes(c));
    }
    if (addable.length === 0 && dropped.length === 0) return undefined;
    return { add: addable.sort(), drop: dropped.sort() };
}

/** `ulimits` as ECS takes them (both limits always set), ECS's names only. */
export function ecsUlimits(svc: ServiceConfig): Array<{ name: string; softLimit: number; hardLimit: number }> | undefined {
    const out: Array<{ name: string; softLimit: number; hardLimit: number }> = [];
    for (const [name, u] of Object.entries(svc.ulimits ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
        if (!ECS_ULIMITS.has(name)) continue;
        const soft = u.single ?? u.soft ?? u.hard;
        const hard = u.single ?? u.hard ?? u.soft;
        if (soft === undefined || hard === undefined) continue;
        out.push({ name, softLimit: soft, hardLimit: hard });
    }
    return out.length > 0 ? out : undefined;
}
