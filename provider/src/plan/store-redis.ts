// x-defang-redis → ElastiCache (Redis OSS or Valkey): engine and version from the image, nodes and
// failover by mode, TLS always on (required with AUTH, preferred without, see RedisPlan).
import type { ServiceConfig } from "../compose/types";
import { ELASTICACHE } from "./catalogs";
import { type PlanContext, servicePath } from "./context";
import { storeExtensionKey } from "./extensions";
import { type StoreBase, type StoreInput, type StoreResult, instanceClass, readEnv, unexpectedImage } from "./store-common";
import type { RedisPlan } from "./types";
import * as v from "./versions";

// ----- Redis / Valkey → ElastiCache -----

const MAX_CACHE_NODES = 6;

export function redis(ctx: PlanContext, input: StoreInput, base: StoreBase, result: StoreResult): RedisPlan | undefined {
    const { svc } = input;
    const s = ctx.settings;
    unexpectedImage(ctx, svc, "redis", [...v.REDIS_IMAGES, ...v.VALKEY_IMAGES]);
    const ref = svc.image ? v.parseImage(svc.image) : undefined;
    const requested = ref ? v.tagVersion(ref.tag) : undefined;
    let engine: "redis" | "valkey" = ref && v.VALKEY_IMAGES.includes(ref.name) ? "valkey" : "redis";
    let engineVersion: string;
    if (engine === "redis" && requested && requested.major >= 8) {
        // ElastiCache offers Redis OSS up to 7.1; Valkey is the maintained, protocol-compatible successor.
        engine = "valkey";
        engineVersion = v.VALKEY_DEFAULT;
        ctx.warn(
            "redis-as-valkey",
            servicePath(svc.name, "image"),
            `service ${svc.name}: ElastiCache has no Redis OSS ${requested.major}; the cache runs Valkey ${engineVersion}, which speaks the same protocol`,
            `Use image valkey/valkey:8 to say so, or redis:7 to stay on Redis OSS ${v.REDIS_VERSION}.`,
        );
    } else if (engine === "redis") {
        engineVersion = v.REDIS_VERSION;
        const asked = requested ? `${requested.major}${requested.minor !== undefined ? `.${requested.minor}` : ""}` : undefined;
        if (asked !== v.REDIS_VERSION) {
            ctx.info(
                "redis-version",
                servicePath(svc.name, "image"),
                `service ${svc.name}: the cache runs ElastiCache Redis OSS ${v.REDIS_VERSION}${asked ? ` (the image asks for ${asked})` : ""}: ` +
                    `the newest Redis OSS AWS offers, compatible with older clients, and able to offer TLS without breaking plain connections`,
            );
        }
    } else {
        const found = v.valkeyVersion(requested);
        if (!found) {
            ctx.error(
                "valkey-version-unsupported",
                servicePath(svc.name, "image"),
                `service ${svc.name}: ElastiCache does not offer Valkey ${requested?.major}${requested?.minor !== undefined ? `.${requested.minor}` : ""} (offered: ${v.VALKEY_VERSIONS.join(", ")})`,
                `Use valkey/valkey:${v.VALKEY_DEFAULT.split(".")[0]}.`,
            );
            return undefined;
        }
        engineVersion = found;
    }
    const auth = redisAuth(ctx, svc, result);
    if (auth === null) return undefined;
    if (!auth) {
        ctx.warn(
            "redis-no-auth",
            servicePath(svc.name, storeExtensionKey("redis")),
            `service ${svc.name}: the cache accepts connections without a password from the project's services (TLS offered, not required), as the compose app expects`,
            `To require TLS and AUTH, add \`REDIS_PASSWORD:\` (a config reference) to ${svc.name}'s environment and connect with rediss://:<password>@${input.label}:${base.port}.`,
        );
    }
    const nodes = Math.min(MAX_CACHE_NODES, Math.max(s.cacheNodes, svc.deploy?.replicas ?? 1));
    const cls = instanceClass(ctx, svc, ELASTICACHE, "ElastiCache");
    if (!cls) return undefined;
    const plan: RedisPlan = {
        ...base,
        kind: "redis",
        engine,
        engineVersion,
        instanceClass: cls,
        parameterGroupFamily: engine === "valkey" ? v.valkeyFamily(engineVersion) : "redis7",
        numCacheClusters: nodes,
        automaticFailover: nodes >= 2,
        multiAz: nodes >= 2,
        snapshotRetentionDays: s.cacheSnapshotRetentionDays,
        transitEncryptionMode: auth ? "required" : "preferred",
    };
    if (auth) plan.authToken = auth;
    return plan;
}

/** REDIS_PASSWORD / VALKEY_PASSWORD (config reference) or `--requirepass ${NAME}` in the command; null after an error. */
function redisAuth(ctx: PlanContext, svc: ServiceConfig, result: StoreResult): RedisPlan["authToken"] | null {
    for (const key of ["REDIS_PASSWORD", "VALKEY_PASSWORD"]) {
        const env = readEnv(svc, key);
        if (env.kind === "absent") continue;
        if (env.kind === "config") {
            if (!result.configNames.includes(env.name)) result.configNames.push(env.name);
            return { kind: "config", name: env.name };
        }
        ctx.error(
            "store-secret-literal",
            servicePath(svc.name, "environment", key),
            `service ${svc.name}: ${key} of a managed cache must be a config reference`,
            `Write \`${key}:\` with no value and set it with \`defang config set ${key}\`.`,
        );
        return null;
    }
    const cmd = svc.command ?? [];
    const i = cmd.findIndex((a) => a === "--requirepass");
    if (i >= 0 && i + 1 < cmd.length) {
        const m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(cmd[i + 1]);
        if (m) {
            if (!result.configNames.includes(m[1])) result.configNames.push(m[1]);
            return { kind: "config", name: m[1] };
        }
        ctx.error(
            "store-secret-literal",
            servicePath(svc.name, "command"),
            `service ${svc.name}: --requirepass takes a literal password; a managed cache needs it as a config reference`,
            "Write --requirepass ${REDIS_PASSWORD} and set REDIS_PASSWORD with `defang config set REDIS_PASSWORD`.",
        );
        return null;
    }
    return undefined;
}
