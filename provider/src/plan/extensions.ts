// Reads the x-defang-* extensions of a service: the typed view the Defang stage fills (`svc.defang`)
// when present, else the raw `x-defang-*` keys, so the plan works on any ComposeProject.
import type { AutoscalingOptions, ComposeProject, DefangServiceExtensions, ManagedStoreOptions, ServiceConfig } from "../compose/types";

export type StoreKind = "postgres" | "redis" | "mongodb";

const STORE_KEYS: Record<StoreKind, string> = {
    postgres: "x-defang-postgres",
    redis: "x-defang-redis",
    mongodb: "x-defang-mongodb",
};

/** `true`, `"true"`, `{}` or an options object turn an extension on; `false` / `"false"` / null off. */
function enabled(value: unknown): boolean {
    if (value === undefined || value === null || value === false) return false;
    if (typeof value === "string") return value.trim().toLowerCase() !== "false" && value.trim() !== "";
    return true;
}

function raw(svc: ServiceConfig, key: string): unknown {
    return svc.extensions?.[key];
}

export function storeKind(svc: ServiceConfig): StoreKind | undefined {
    for (const kind of Object.keys(STORE_KEYS) as StoreKind[]) {
        if (svc.defang?.[kind] !== undefined || enabled(raw(svc, STORE_KEYS[kind]))) return kind;
    }
    return undefined;
}

export function storeExtensionKey(kind: StoreKind): string {
    return STORE_KEYS[kind];
}

export function storeOptions(svc: ServiceConfig, kind: StoreKind): ManagedStoreOptions {
    const typed = svc.defang?.[kind];
    if (typed) return typed;
    const value = raw(svc, STORE_KEYS[kind]);
    if (value && typeof value === "object") {
        const o = value as Record<string, unknown>;
        const out: ManagedStoreOptions = {};
        if (o["allow-downtime"] !== undefined) out.allowDowntime = o["allow-downtime"] === true || o["allow-downtime"] === "true";
        if (typeof o["from-snapshot"] === "string") out.fromSnapshot = o["from-snapshot"];
        return out;
    }
    return {};
}

export function usesLlm(svc: ServiceConfig): boolean {
    if (svc.defang?.llm !== undefined) return svc.defang.llm !== false;
    return enabled(raw(svc, "x-defang-llm"));
}

/** `x-defang-autoscaling`: undefined when off; `{}` for `true`; the object's fields otherwise. */
export function autoscalingOptions(svc: ServiceConfig): AutoscalingOptions | undefined {
    if (svc.defang?.autoscaling) return svc.defang.autoscaling;
    const value = raw(svc, "x-defang-autoscaling");
    if (!enabled(value)) return undefined;
    if (value && typeof value === "object") {
        const o = value as Record<string, unknown>;
        return { min: num(o.min), max: num(o.max), target: num(o.target ?? o.cpu), memory: num(o.memory), requests: num(o.requests) };
    }
    return {};
}

function num(v: unknown): number | undefined {
    if (typeof v === "number") return v;
    if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v.trim().replace(/%$/, "")))) {
        return Number(v.trim().replace(/%$/, ""));
    }
    return undefined;
}

/** `x-defang-policies`: a string (comma-separated allowed) or a list of strings. */
export function policies(svc: ServiceConfig): string[] {
    if (svc.defang?.policies) return svc.defang.policies;
    const value = raw(svc, "x-defang-policies");
    const items = typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];
    return (items as string[])
        .flatMap((s) => s.split(","))
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
}

export function staticFiles(svc: ServiceConfig): boolean {
    return svc.defang?.staticFiles !== undefined || enabled(raw(svc, "x-defang-static-files"));
}

const STRATEGIES = ["rolling", "canary", "linear", "blue-green"] as const;

/** `x-defang-rollout`: the strategy and alarm rollback a service asks for (undefined fields: the mode's). */
export function rolloutOptions(svc: ServiceConfig): NonNullable<DefangServiceExtensions["rollout"]> {
    if (svc.defang?.rollout) return svc.defang.rollout;
    const value = raw(svc, "x-defang-rollout");
    const strategy = (v: unknown) => (STRATEGIES as readonly unknown[]).includes(v) ? (v as (typeof STRATEGIES)[number]) : undefined;
    if (typeof value === "string") return strategy(value) ? { strategy: strategy(value) } : {};
    if (value && typeof value === "object") {
        const o = value as Record<string, unknown>;
        return { ...(strategy(o.strategy) ? { strategy: strategy(o.strategy) } : {}), ...(typeof o.alarms === "boolean" ? { alarms: o.alarms } : {}) };
    }
    return {};
}

/** Top-level `x-defang-aws.alarmTopicArn` (Defang's project setting), when it is an SNS topic ARN. */
export function composeAlarmTopic(project: ComposeProject): string | undefined {
    const aws = project.extensions?.["x-defang-aws"];
    const arn = aws && typeof aws === "object" ? (aws as Record<string, unknown>).alarmTopicArn : undefined;
    return typeof arn === "string" && /^arn:aws[a-z-]*:sns:/.test(arn) ? arn : undefined;
}

/** `x-defang-s3`: undefined when off; `{}` for `true`; `{bucket}` to use an existing bucket. */
export function objectStore(svc: ServiceConfig): { bucket?: string } | undefined {
    if (svc.defang?.s3) return svc.defang.s3;
    const value = raw(svc, "x-defang-s3");
    if (!enabled(value)) return undefined;
    const bucket = value && typeof value === "object" ? (value as Record<string, unknown>).bucket : undefined;
    return typeof bucket === "string" ? { bucket } : {};
}

/** `x-defang-static-files`: a folder, or `{folder, redirects}`; undefined when off. */
export function staticFilesOptions(svc: ServiceConfig): { folder: string; redirects: string[] } | undefined {
    if (svc.defang?.staticFiles) return { folder: svc.defang.staticFiles.folder, redirects: svc.defang.staticFiles.redirects ?? [] };
    const value = raw(svc, "x-defang-static-files");
    if (typeof value === "string" && value.trim() !== "") return { folder: value, redirects: [] };
    if (value && typeof value === "object" && typeof (value as Record<string, unknown>).folder === "string") {
        const o = value as Record<string, unknown>;
        return { folder: o.folder as string, redirects: Array.isArray(o.redirects) ? o.redirects.filter((r): r is string => typeof r === "string") : [] };
    }
    return undefined;
}
