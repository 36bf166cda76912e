// Shared by the managed-store planners: inputs and results, compose environment reads, credentials,
// instance-class choice and the image check.
import { type ServiceConfig, isConfigTemplate, isPureConfigRef } from "../compose/types";
import { type InstanceClass, cheapestFit } from "./catalogs";
import { type PlanContext, servicePath } from "./context";
import { type StoreKind, storeExtensionKey } from "./extensions";
import { derivedParameter } from "./secrets";
import { resourceRequest } from "./sizing";
import type { StorePlan, StorePlanBase } from "./types";
import { parseImage } from "./versions";

export interface StoreResult {
    store?: StorePlan;
    configNames: string[];
    derived: Array<{ parameter: string; description: string }>;
}

export interface StoreInput {
    svc: ServiceConfig;
    kind: StoreKind;
    prefix: string;
    label: string;
    privateFqdn: string;
    subnets: "public" | "private";
}

/** The fields every store shares, before the engine planner adds version and class. */
export type StoreBase = Omit<StorePlanBase, "engineVersion" | "instanceClass">;

export type Credential = { kind: "config"; name: string } | { kind: "generated"; parameter: string };

/** Cheapest class of the catalog that fits the reservation, in the mode's family. */
export function instanceClass(ctx: PlanContext, svc: ServiceConfig, catalog: readonly InstanceClass[], what: string): string | undefined {
    const req = resourceRequest(svc);
    const fit = cheapestFit(catalog, { cpus: req.cpus, memoryMiB: req.memoryMiB }, ctx.settings.databaseFamily);
    if (fit) return fit.name;
    const biggest = [...catalog].sort((a, b) => b.memoryGiB - a.memoryGiB || b.vcpus - a.vcpus)[0];
    ctx.error(
        "store-too-large",
        servicePath(svc.name, ...req.path),
        `service ${svc.name}: no ${what} class has ${[req.cpus ? `${req.cpus} vCPU` : "", req.memoryMiB ? `${req.memoryMiB} MiB of memory` : ""].filter(Boolean).join(" and ") || "the resources reserved"}`,
        `The largest ${what} class planned is ${biggest.name} (${biggest.vcpus} vCPU, ${biggest.memoryGiB} GiB); reserve at most that.`,
    );
    return undefined;
}

// ----- environment helpers -----

export type EnvRead = { kind: "absent" } | { kind: "literal"; value: string } | { kind: "config"; name: string } | { kind: "mixed" };

export function readEnv(svc: ServiceConfig, key: string): EnvRead {
    const value = svc.environment?.[key];
    if (value === undefined) return { kind: "absent" };
    if (!isConfigTemplate(value)) return { kind: "literal", value };
    if (isPureConfigRef(value)) return { kind: "config", name: (value.parts[0] as { ref: string }).ref };
    return { kind: "mixed" };
}

export function credential(ctx: PlanContext, input: StoreInput, key: string, result: StoreResult, what: string): Credential | undefined {
    const { svc, prefix } = input;
    const env = readEnv(svc, key);
    if (env.kind === "config") {
        if (!result.configNames.includes(env.name)) result.configNames.push(env.name);
        return { kind: "config", name: env.name };
    }
    if (env.kind === "absent") {
        const parameter = derivedParameter(prefix, svc.name, key);
        result.derived.push({ parameter, description: `generated ${what} of the managed store ${svc.name}` });
        return { kind: "generated", parameter };
    }
    ctx.error(
        "store-secret-literal",
        servicePath(svc.name, "environment", key),
        `service ${svc.name}: ${key} of a managed store must be a config reference, not ${env.kind === "literal" ? "a literal value" : "text mixed with references"}`,
        `Write \`${key}:\` with no value and set it with \`defang config set ${key}\` (or the component's config input), ` +
            `or remove it to have a password generated and stored in SSM.`,
    );
    return undefined;
}

export function literalOrDefault(ctx: PlanContext, svc: ServiceConfig, key: string, fallback: string, pattern: RegExp, rule: string): string | undefined {
    const env = readEnv(svc, key);
    if (env.kind === "absent") return fallback;
    if (env.kind !== "literal") {
        ctx.error(
            "store-name-not-literal",
            servicePath(svc.name, "environment", key),
            `service ${svc.name}: ${key} must be a literal value for a managed store (it names the database when it is created)`,
            `Write ${key}: <name> in the compose file.`,
        );
        return undefined;
    }
    if (!pattern.test(env.value)) {
        ctx.error("store-name-invalid", servicePath(svc.name, "environment", key), `service ${svc.name}: ${key} "${env.value}" is not valid here`, rule);
        return undefined;
    }
    return env.value;
}

export function unexpectedImage(ctx: PlanContext, svc: ServiceConfig, kind: StoreKind, known: string[]): void {
    if (!svc.image) return;
    const ref = parseImage(svc.image);
    if (known.includes(ref.name)) return;
    ctx.warn(
        "store-image-unexpected",
        servicePath(svc.name, "image"),
        `service ${svc.name} uses ${storeExtensionKey(kind)} but its image ${svc.image} is not a ${kind} image; the managed store ignores the image`,
        `Use an official ${kind} image tag (e.g. ${kind === "postgres" ? "postgres:17" : kind === "redis" ? "valkey/valkey:8" : "mongo:5"}) so the engine version is clear.`,
    );
}
