// x-defang-postgres / redis / mongodb → managed stores (RDS, ElastiCache, DocumentDB) instead of
// containers. Every replace-triggering choice (identifier, engine, encryption) depends only on the
// compose file, never on the mode, so switching modes modifies stores in place.
import { type PlanContext, servicePath } from "./context";
import { type StoreKind, storeExtensionKey, storeOptions } from "./extensions";
import { docdbClusterIdentifier, elastiCacheId, finalSnapshotName, rdsIdentifier } from "./naming";
import type { StoreBase, StoreInput, StoreResult } from "./store-common";
import { mongodb } from "./store-mongodb";
import { postgres } from "./store-postgres";
import { redis } from "./store-redis";

export type { StoreInput, StoreResult } from "./store-common";

const DEFAULT_PORT: Record<StoreKind, number> = { postgres: 5432, redis: 6379, mongodb: 27017 };
const IDENTIFIER = { postgres: rdsIdentifier, redis: elastiCacheId, mongodb: docdbClusterIdentifier } satisfies Record<StoreKind, unknown>;

export function planStore(ctx: PlanContext, input: StoreInput): StoreResult {
    const result: StoreResult = { configNames: [], derived: [] };
    const { svc, kind } = input;
    const base = storeBase(ctx, input);
    if (kind === "postgres") result.store = postgres(ctx, input, base, result);
    else if (kind === "redis") result.store = redis(ctx, input, base, result);
    else result.store = mongodb(ctx, input, base, result);
    if ((svc.deploy?.replicas ?? 1) > 1 && kind !== "redis") {
        ctx.info(
            "store-replicas-ignored",
            servicePath(svc.name, "deploy", "replicas"),
            `service ${svc.name}: replicas do not apply to a managed ${kind} store; the mode decides its standby / instances`,
        );
    }
    return result;
}

function storeBase(ctx: PlanContext, input: StoreInput): StoreBase {
    const { svc, kind } = input;
    const { settings } = ctx;
    const identifier = IDENTIFIER[kind](ctx.naming, svc.name);
    const opts = storeOptions(svc, kind);
    const base: StoreBase = {
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
    if (settings.finalSnapshot) base.finalSnapshotIdentifier = finalSnapshotName(identifier);
    return base;
}
