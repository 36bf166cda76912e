// x-defang-redis → ElastiCache replication group (Redis OSS or Valkey), cluster mode off so every
// Redis client works: encrypted at rest and in transit (EC-01, EC-02), AUTH token when the plan has one,
// failover and Multi-AZ when the plan has replicas (EC-03), snapshots per the plan (EC-04).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { RedisPlan } from "../plan/types";
import { elastiCacheSubnetGroupName } from "../plan/naming";
import { type AwsContext, serviceChildName } from "./context";
import type { StoreOutputs } from "./stores";
import { storeDnsRecord, storeSecurityGroup, storeSubnetIds } from "./stores-network";
import { CACHE_SNAPSHOT_WINDOW, MAINTENANCE_WINDOW, finalSnapshotName, statefulOptions } from "./stores-options";
import { storeCredential } from "./stores-secrets";
import { warn } from "./stores-warnings";

export function createRedis(ctx: AwsContext, store: RedisPlan): StoreOutputs {
    const token = store.authToken ? storeCredential(ctx, store, "auth-token", store.authToken) : undefined;
    const { group: sg, ingress } = storeSecurityGroup(ctx, store);
    const subnets = new aws.elasticache.SubnetGroup(
        serviceChildName(ctx, store.name, "subnets"),
        { name: elastiCacheSubnetGroupName(ctx.plan, store.name), subnetIds: storeSubnetIds(ctx, store), description: `Private subnets of ${store.name}`, tags: ctx.tags },
        // A stack deployed before names were explicit keeps its (auto-named) group: a new one would replace the cache.
        { parent: ctx.parent, ignoreChanges: ["name"] },
    );
    const snapshots = store.snapshotRetentionDays > 0;
    const group = new aws.elasticache.ReplicationGroup(
        serviceChildName(ctx, store.name, store.engine),
        {
            replicationGroupId: store.identifier,
            description: `${store.engine} for compose service ${store.name}`,
            engine: store.engine,
            engineVersion: store.engineVersion,
            // AWS's default group for the family: cluster mode off, no custom parameters to drift.
            parameterGroupName: `default.${store.parameterGroupFamily}`,
            nodeType: store.instanceClass,
            port: store.port,
            numCacheClusters: store.numCacheClusters,
            automaticFailoverEnabled: store.automaticFailover,
            multiAzEnabled: store.multiAz,
            subnetGroupName: subnets.name,
            securityGroupIds: [sg.id],
            atRestEncryptionEnabled: true,
            transitEncryptionEnabled: true,
            transitEncryptionMode: transitEncryptionMode(ctx, store),
            authToken: token?.value,
            // A changed token is added beside the old one, so running tasks keep working until they restart.
            authTokenUpdateStrategy: token ? "ROTATE" : undefined,
            snapshotRetentionLimit: store.snapshotRetentionDays,
            snapshotWindow: snapshots ? CACHE_SNAPSHOT_WINDOW : undefined,
            // ElastiCache has no deletion protection: the plan's flag keeps a last snapshot instead.
            finalSnapshotIdentifier: store.deletionProtection ? finalSnapshotName(store) : undefined,
            snapshotName: store.fromSnapshot,
            maintenanceWindow: MAINTENANCE_WINDOW,
            autoMinorVersionUpgrade: true,
            applyImmediately: store.allowDowntime,
            tags: ctx.tags,
        },
        // replicationGroupId: a stack deployed before identifiers carried a hash keeps its cache's name.
        statefulOptions(ctx, store, ["replicationGroupId", "snapshotName"]),
    );
    const dns = storeDnsRecord(ctx, store, group.primaryEndpointAddress);
    return {
        engine: "redis",
        endpoint: store.privateFqdn,
        port: store.port,
        address: group.primaryEndpointAddress,
        // No AUTH token: no credential to point at.
        passwordParameter: token ? token.parameterName : pulumi.output(""),
        ready: [group, ingress, dns],
    };
}

/**
 * The plan's mode, where the engine has the setting (Valkey; Redis OSS 7.0.5+, which ElastiCache serves
 * for "7.0" and later). Older Redis OSS rejects the field and is TLS-only once encryption is on: warn
 * when the plan wanted plaintext clients to keep working.
 */
function transitEncryptionMode(ctx: AwsContext, store: RedisPlan): string | undefined {
    if (supportsTransitEncryptionMode(store.engine, store.engineVersion)) return store.transitEncryptionMode;
    if (store.transitEncryptionMode === "preferred") {
        warn(
            ctx,
            "redis-tls-only",
            `service ${store.name}: Redis OSS ${store.engineVersion} on ElastiCache accepts TLS connections only once encryption in transit is on, so plain redis://${store.label}:${store.port} URLs will fail`,
            "Use redis:7 or a valkey image (plain and TLS clients both work), or connect with rediss://.",
        );
    }
    return undefined;
}

export function supportsTransitEncryptionMode(engine: RedisPlan["engine"], version: string): boolean {
    if (engine === "valkey") return true;
    const [major, minor = 0, patch] = version.split(".").map((part) => Number.parseInt(part, 10));
    if (Number.isNaN(major)) return false;
    if (major !== 7) return major > 7;
    // "7.0" resolves to the newest 7.0 patch; "7.0.4" and older do not have the setting.
    return minor > 0 || patch === undefined || Number.isNaN(patch) || patch >= 5;
}
