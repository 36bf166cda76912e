// x-defang-postgres / redis / mongodb → managed stores (RDS, ElastiCache, DocumentDB) instead of
// containers. Every replace-triggering choice (identifier, engine, encryption) depends only on the
// compose file, never on the mode, so switching modes modifies stores in place.
import { type ServiceConfig, isConfigTemplate, isPureConfigRef } from "../compose/types";
import { DOCUMENTDB, ELASTICACHE, type InstanceClass, RDS_POSTGRES, cheapestFit } from "./catalogs";
import { type PlanContext, servicePath } from "./context";
import { type StoreKind, storeExtensionKey, storeOptions } from "./extensions";
import { elastiCacheId, rdsIdentifier } from "./naming";
import { derivedParameter } from "./secrets";
import { resourceRequest } from "./sizing";
import type { MongoPlan, PostgresPlan, RedisPlan, StorePlan, StorePlanBase } from "./types";
import * as v from "./versions";

export interface StoreResult {
    store?: StorePlan;
    configNames: string[];
    derived: Array<{ parameter: string; description: string }>;
}

interface StoreInput {
    svc: ServiceConfig;
    kind: StoreKind;
    prefix: string;
    label: string;
    privateFqdn: string;
    subnets: "public" | "private";
}

const DEFAULT_PORT: Record<StoreKind, number> = { postgres: 5432, redis: 6379, mongodb: 27017 };

type Credential = { kind: "config"; name: string } | { kind: "generated"; parameter: string };

export function planStore(ctx: PlanContext, input: StoreInput): StoreResult {
    const result: StoreResult = { configNames: [], derived: [] };
    const { svc, kind } = input;
    const base = storeBase(ctx, input);
    if (!base) return result;
    if (kind === "postgres") result.store = postgres(ctx, input, base, result);
    else if (kind === "redis") result.store = redis(ctx, input, base, result);
    else result.store = mongodb(ctx, input, base, result);
    if ((svc.deploy?.replicas ?? 1) > 1 && kind !== "redis") {
        ctx.info(
            "PLAN_STORE_REPLICAS_IGNORED",
            servicePath(svc.name, "deploy", "replicas"),
            `service ${svc.name}: replicas do not apply to a managed ${kind} store; the mode decides its standby / instances`,
        );
    }
    return result;
}

function storeBase(ctx: PlanContext, input: StoreInput): Omit<StorePlanBase, "engineVersion" | "instanceClass"> | undefined {
    const { svc, kind } = input;
    const { project, options, settings } = ctx;
    const identifier = kind === "redis" ? elastiCacheId(project.name, options.stack, svc.name) : rdsIdentifier(project.name, options.stack, svc.name);
    const opts = storeOptions(svc, kind);
    const base: Omit<StorePlanBase, "engineVersion" | "instanceClass"> = {
        name: svc.name,
        label: input.label,
        port: svc.ports?.[0]?.target ?? DEFAULT_PORT[kind],
        privateFqdn: input.privateFqdn,
        identifier,
        deletionProtection: settings.deletionProtection,
        protect: settings.protectData,
        allowDowntime: opts.allowDowntime ?? false,
        subnets: input.subnets,
        source: servicePath(svc.name, storeExtensionKey(kind)),
    };
    if (svc.image) base.image = svc.image;
    if (opts.fromSnapshot) base.fromSnapshot = opts.fromSnapshot;
    if (settings.finalSnapshot) base.finalSnapshotIdentifier = `${identifier}-final`;
    return base;
}

/** Cheapest class of the catalog that fits the reservation, in the mode's family. */
function instanceClass(ctx: PlanContext, svc: ServiceConfig, catalog: readonly InstanceClass[], what: string): string | undefined {
    const req = resourceRequest(svc);
    const fit = cheapestFit(catalog, { cpus: req.cpus, memoryMiB: req.memoryMiB }, ctx.settings.databaseFamily);
    if (fit) return fit.name;
    const biggest = [...catalog].sort((a, b) => b.memoryGiB - a.memoryGiB || b.vcpus - a.vcpus)[0];
    ctx.error(
        "PLAN_STORE_TOO_LARGE",
        servicePath(svc.name, ...req.path),
        `service ${svc.name}: no ${what} class has ${req.cpus ?? 0} vCPU and ${req.memoryMiB ?? 0} MiB`,
        `The largest ${what} class planned is ${biggest.name} (${biggest.vcpus} vCPU, ${biggest.memoryGiB} GiB); reserve at most that.`,
    );
    return undefined;
}

// ----- environment helpers -----

type EnvRead = { kind: "absent" } | { kind: "literal"; value: string } | { kind: "config"; name: string } | { kind: "mixed" };

function readEnv(svc: ServiceConfig, key: string): EnvRead {
    const value = svc.environment?.[key];
    if (value === undefined) return { kind: "absent" };
    if (!isConfigTemplate(value)) return { kind: "literal", value };
    if (isPureConfigRef(value)) return { kind: "config", name: (value.parts[0] as { ref: string }).ref };
    return { kind: "mixed" };
}

function credential(ctx: PlanContext, input: StoreInput, key: string, result: StoreResult, what: string): Credential | undefined {
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
        "PLAN_STORE_SECRET_LITERAL",
        servicePath(svc.name, "environment", key),
        `service ${svc.name}: ${key} of a managed store must be a config reference, not ${env.kind === "literal" ? "a literal value" : "text mixed with references"}`,
        `Write \`${key}:\` with no value and set it with \`defang config set ${key}\` (or the component's config input), ` +
            `or remove it to have a password generated and stored in SSM.`,
    );
    return undefined;
}

function literalOrDefault(ctx: PlanContext, svc: ServiceConfig, key: string, fallback: string, pattern: RegExp, rule: string): string | undefined {
    const env = readEnv(svc, key);
    if (env.kind === "absent") return fallback;
    if (env.kind !== "literal") {
        ctx.error(
            "PLAN_STORE_NAME_NOT_LITERAL",
            servicePath(svc.name, "environment", key),
            `service ${svc.name}: ${key} must be a literal value for a managed store (it names the database when it is created)`,
            `Write ${key}: <name> in the compose file.`,
        );
        return undefined;
    }
    if (!pattern.test(env.value)) {
        ctx.error("PLAN_STORE_NAME_INVALID", servicePath(svc.name, "environment", key), `service ${svc.name}: ${key} "${env.value}" is not valid here`, rule);
        return undefined;
    }
    return env.value;
}

function unexpectedImage(ctx: PlanContext, svc: ServiceConfig, kind: StoreKind, known: string[]): void {
    if (!svc.image) return;
    const ref = v.parseImage(svc.image);
    if (known.includes(ref.name)) return;
    ctx.warn(
        "PLAN_STORE_IMAGE_UNEXPECTED",
        servicePath(svc.name, "image"),
        `service ${svc.name} uses ${storeExtensionKey(kind)} but its image ${svc.image} is not a ${kind} image; the managed store ignores the image`,
        `Use an official ${kind} image tag (e.g. ${kind === "postgres" ? "postgres:17" : kind === "redis" ? "valkey/valkey:8" : "mongo:5"}) so the engine version is clear.`,
    );
}

// ----- PostgreSQL → RDS -----

const PG_USER = /^[A-Za-z][A-Za-z0-9_]{0,15}$/;
const PG_DB = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

function postgres(ctx: PlanContext, input: StoreInput, base: Omit<StorePlanBase, "engineVersion" | "instanceClass">, result: StoreResult): PostgresPlan | undefined {
    const { svc } = input;
    const s = ctx.settings;
    unexpectedImage(ctx, svc, "postgres", v.POSTGRES_IMAGES);
    const ref = svc.image ? v.parseImage(svc.image) : undefined;
    const requested = ref && v.POSTGRES_IMAGES.includes(ref.name) ? v.tagVersion(ref.tag) : undefined;
    const major = requested?.major ?? v.POSTGRES_DEFAULT;
    if (!(v.POSTGRES_MAJORS as readonly number[]).includes(major)) {
        ctx.error(
            "PLAN_POSTGRES_VERSION_UNSUPPORTED",
            servicePath(svc.name, "image"),
            `service ${svc.name}: PostgreSQL ${major} is not in RDS standard support (supported: ${v.POSTGRES_MAJORS.join(", ")})`,
            `Use postgres:${v.POSTGRES_DEFAULT} (or another supported major); older majors cost RDS Extended Support fees and newer ones are not offered yet.`,
        );
        return undefined;
    }
    if (v.POSTGRES_ENDING[major]) {
        ctx.warn(
            "PLAN_POSTGRES_VERSION_ENDING",
            servicePath(svc.name, "image"),
            `service ${svc.name}: RDS standard support for PostgreSQL ${major} ends on ${v.POSTGRES_ENDING[major]}; after that AWS charges Extended Support`,
            `Plan an upgrade to postgres:${v.POSTGRES_DEFAULT} (set allow-downtime on x-defang-postgres to apply a major upgrade).`,
        );
    }
    const username = literalOrDefault(ctx, svc, "POSTGRES_USER", "postgres", PG_USER, "RDS user names are 1-16 letters, digits or `_`, starting with a letter.");
    if (username && /^(rds|pg_)/i.test(username)) {
        ctx.error("PLAN_STORE_NAME_INVALID", servicePath(svc.name, "environment", "POSTGRES_USER"), `service ${svc.name}: POSTGRES_USER "${username}" is reserved by RDS`, "Choose a user name that does not start with rds or pg_.");
        return undefined;
    }
    // Like the postgres image, the database defaults to the user's name.
    const database = literalOrDefault(ctx, svc, "POSTGRES_DB", username ?? "postgres", PG_DB, "RDS database names are 1-63 letters, digits or `_`, starting with a letter (no `-`).");
    const password = credential(ctx, input, "POSTGRES_PASSWORD", result, "password");
    const cls = instanceClass(ctx, svc, RDS_POSTGRES, "RDS");
    if (!username || !database || !password || !cls) return undefined;
    return {
        ...base,
        kind: "postgres",
        engineVersion: String(major),
        instanceClass: cls,
        username,
        database,
        password,
        allocatedStorageGiB: 20,
        maxAllocatedStorageGiB: s.databaseMaxStorageGiB,
        multiAz: s.multiAz,
        backupRetentionDays: s.backupRetentionDays,
        finalSnapshot: s.finalSnapshot,
        performanceInsights: s.performanceInsights,
        monitoringIntervalSeconds: s.databaseMonitoringIntervalSeconds,
        logExports: s.databaseLogExports ? ["postgresql", "upgrade"] : [],
        parameterGroupFamily: `postgres${major}`,
    };
}

// ----- Redis / Valkey → ElastiCache -----

const MAX_CACHE_NODES = 6;

function redis(ctx: PlanContext, input: StoreInput, base: Omit<StorePlanBase, "engineVersion" | "instanceClass">, result: StoreResult): RedisPlan | undefined {
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
            "PLAN_REDIS_AS_VALKEY",
            servicePath(svc.name, "image"),
            `service ${svc.name}: ElastiCache has no Redis OSS ${requested.major}; the cache runs Valkey ${engineVersion}, which speaks the same protocol`,
            `Use image valkey/valkey:8 to say so, or redis:7 to stay on Redis OSS ${v.REDIS_VERSION}.`,
        );
    } else if (engine === "redis") {
        engineVersion = v.REDIS_VERSION;
        const asked = requested ? `${requested.major}${requested.minor !== undefined ? `.${requested.minor}` : ""}` : undefined;
        if (asked !== v.REDIS_VERSION) {
            ctx.info(
                "PLAN_REDIS_VERSION",
                servicePath(svc.name, "image"),
                `service ${svc.name}: the cache runs ElastiCache Redis OSS ${v.REDIS_VERSION}${asked ? ` (the image asks for ${asked})` : ""}: ` +
                    `the newest Redis OSS AWS offers, compatible with older clients, and able to offer TLS without breaking plain connections`,
            );
        }
    } else {
        const found = v.valkeyVersion(requested);
        if (!found) {
            ctx.error(
                "PLAN_VALKEY_VERSION_UNSUPPORTED",
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
            "PLAN_REDIS_NO_AUTH",
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
            "PLAN_STORE_SECRET_LITERAL",
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
            "PLAN_STORE_SECRET_LITERAL",
            servicePath(svc.name, "command"),
            `service ${svc.name}: --requirepass takes a literal password; a managed cache needs it as a config reference`,
            "Write --requirepass ${REDIS_PASSWORD} and set REDIS_PASSWORD with `defang config set REDIS_PASSWORD`.",
        );
        return null;
    }
    return undefined;
}

// ----- MongoDB → DocumentDB -----

const DOCDB_USER = /^[A-Za-z][A-Za-z0-9]{0,62}$/;

function mongodb(ctx: PlanContext, input: StoreInput, base: Omit<StorePlanBase, "engineVersion" | "instanceClass">, result: StoreResult): MongoPlan | undefined {
    const { svc } = input;
    const s = ctx.settings;
    unexpectedImage(ctx, svc, "mongodb", v.MONGO_IMAGES);
    const ref = svc.image ? v.parseImage(svc.image) : undefined;
    const requested = ref && v.MONGO_IMAGES.includes(ref.name) ? v.tagVersion(ref.tag) : undefined;
    let major = requested?.major ?? v.DOCUMENTDB_DEFAULT_MAJOR;
    if (major < 4) {
        ctx.error(
            "PLAN_MONGO_VERSION_UNSUPPORTED",
            servicePath(svc.name, "image"),
            `service ${svc.name}: DocumentDB is compatible with MongoDB 4.0 and 5.0, not ${major}.x`,
            "Use mongo:5 (DocumentDB 5.0).",
        );
        return undefined;
    }
    if (major > v.DOCUMENTDB_DEFAULT_MAJOR || !requested) {
        ctx.warn(
            "PLAN_MONGO_VERSION_ABOVE_5",
            servicePath(svc.name, "image"),
            `service ${svc.name}: ${requested ? `MongoDB ${major}` : "an untagged mongo image"} runs as DocumentDB 5.0 (MongoDB 5.0 API); features newer than 5.0 are not available`,
            "Pin mongo:5 so local runs match the managed database.",
        );
        major = v.DOCUMENTDB_DEFAULT_MAJOR;
    }
    const version = v.DOCUMENTDB_VERSIONS[major];
    const userEnv = readEnv(svc, "MONGO_INITDB_ROOT_USERNAME");
    let username: MongoPlan["username"] | undefined;
    if (userEnv.kind === "config") {
        if (!result.configNames.includes(userEnv.name)) result.configNames.push(userEnv.name);
        username = { kind: "config", name: userEnv.name };
    } else if (userEnv.kind === "literal") {
        if (DOCDB_USER.test(userEnv.value) && userEnv.value.toLowerCase() !== "admin") username = { kind: "literal", value: userEnv.value };
        else ctx.error("PLAN_STORE_NAME_INVALID", servicePath(svc.name, "environment", "MONGO_INITDB_ROOT_USERNAME"), `service ${svc.name}: "${userEnv.value}" is not a valid DocumentDB user name`, "Use 1-63 letters or digits, starting with a letter (not admin).");
    } else if (userEnv.kind === "mixed") {
        ctx.error("PLAN_STORE_NAME_NOT_LITERAL", servicePath(svc.name, "environment", "MONGO_INITDB_ROOT_USERNAME"), `service ${svc.name}: MONGO_INITDB_ROOT_USERNAME must be a literal or a single config reference`, "Write MONGO_INITDB_ROOT_USERNAME: <name>, or leave it empty to read it from config.");
    } else {
        username = { kind: "literal", value: "mongo" };
        ctx.warn(
            "PLAN_MONGO_NO_CREDENTIALS",
            servicePath(svc.name, storeExtensionKey("mongodb")),
            `service ${svc.name}: no MONGO_INITDB_ROOT_USERNAME; DocumentDB always requires a user, so it is created as "mongo" with a generated password`,
            "Declare MONGO_INITDB_ROOT_USERNAME and MONGO_INITDB_ROOT_PASSWORD (config references) so your app can log in.",
        );
    }
    const password = credential(ctx, input, "MONGO_INITDB_ROOT_PASSWORD", result, "password");
    const cls = instanceClass(ctx, svc, DOCUMENTDB, "DocumentDB");
    if (!username || !password || !cls) return undefined;
    return {
        ...base,
        kind: "mongodb",
        engineVersion: version.engine,
        instanceClass: cls,
        username,
        password,
        instances: s.documentDbInstances,
        backupRetentionDays: s.backupRetentionDays,
        finalSnapshot: s.finalSnapshot,
        logExports: s.databaseLogExports ? ["audit", "profiler"] : [],
        parameterGroupFamily: version.family,
    };
}
