// Managed stores: RDS instances (instance hours, Multi-AZ doubled, allocated storage), ElastiCache
// (node hours × nodes, Valkey at its discount), DocumentDB (every instance's hours; storage and I/O
// from usage).
import type { PlannedResource } from "../types";
import { fmt, HOURS_PER_MONTH, line, num, str, type PriceContext, type PricerResult } from "./context";

const DOCDB_CLUSTER = "aws:docdb/cluster:Cluster";

export function priceRdsInstance(r: PlannedResource, ctx: PriceContext): PricerResult {
    const engine = (str(r.inputs.engine) ?? "postgres").toLowerCase();
    const cls = str(r.inputs.instanceClass);
    if (!cls) throw new Error(`RDS instance '${r.name}' has no instanceClass`);
    const multiAz = r.inputs.multiAz === true;
    const az = multiAz ? "multi-az" : "single-az";
    const azLabel = multiAz ? "Multi-AZ (primary + standby)" : "Single-AZ";
    const hourly = rdsHourly(ctx, engine, cls, multiAz);
    const lines = [
        line(r, ctx, {
            description: `RDS ${engineLabel(engine)} ${cls}, ${azLabel}: ${HOURS_PER_MONTH} h`,
            quantity: HOURS_PER_MONTH,
            unit: "instance-hours",
            unitPrice: hourly,
        }),
    ];
    const storageType = str(r.inputs.storageType) ?? (num(r.inputs.iops) ? "io1" : "gp2");
    const gb = num(r.inputs.allocatedStorage) ?? 20;
    if (storageType !== "gp2" && storageType !== "gp3") throw new Error(`RDS instance '${r.name}' uses ${storageType} storage; only gp2 and gp3 are priced`);
    if (storageType === "gp3") checkGp3Iops(r, gb);
    lines.push(line(r, ctx, {
        description: `RDS ${storageType} storage, ${azLabel}: ${fmt(gb)} GB`,
        quantity: gb,
        unit: "GB-months",
        unitPrice: rdsPrice(ctx, `rds.storage.${storageType}.${az}-gb-month`, `RDS ${storageType} storage (${azLabel})`),
    }));
    if ((num(r.inputs.backupRetentionPeriod) ?? 0) > 0) {
        ctx.notes.add("RDS automated backups are free up to the size of the provisioned storage; more (long retention, busy databases) is billed per GB and not estimated.");
    }
    if (r.inputs.performanceInsightsEnabled === true && (num(r.inputs.performanceInsightsRetentionPeriod) ?? 7) > 7) {
        ctx.notes.add("Performance Insights retention beyond the free 7 days is billed per vCPU and not estimated.");
    }
    if (num(r.inputs.maxAllocatedStorage)) {
        ctx.notes.add("RDS storage autoscaling is priced at the allocated size; growth is billed per GB-month as it happens.");
    }
    return lines;
}

function rdsHourly(ctx: PriceContext, engine: string, cls: string, multiAz: boolean): number {
    const key = `rds.${engine}.${cls}.${multiAz ? "multi-az" : "single-az"}-hour`;
    return rdsPrice(ctx, key, `RDS ${engineLabel(engine)} ${cls} (${multiAz ? "Multi-AZ" : "Single-AZ"})`);
}

/** An RDS figure; a Multi-AZ one without its own list price is derived from the Single-AZ price, and the estimate says so. */
function rdsPrice(ctx: PriceContext, key: string, what: string): number {
    if (ctx.prices.isDerived(key)) ctx.notes.add("Multi-AZ RDS figures without their own list price are priced at twice the Single-AZ price (AWS bills the primary and the standby).");
    return ctx.prices.usd(key, what);
}

/** gp3 includes 3,000 IOPS / 125 MB/s below 400 GB and 12,000 / 500 from 400 GB; more is billed and not priced here. */
function checkGp3Iops(r: PlannedResource, gb: number): void {
    const iops = num(r.inputs.iops);
    const included = gb >= 400 ? 12000 : 3000;
    if (iops !== undefined && iops > included) throw new Error(`RDS instance '${r.name}' provisions ${iops} gp3 IOPS, above the ${included} included; extra IOPS are not in the price data yet`);
}

function engineLabel(engine: string): string {
    return engine === "postgres" ? "PostgreSQL" : engine;
}

export function priceReplicationGroup(r: PlannedResource, ctx: PriceContext): PricerResult {
    const node = str(r.inputs.nodeType);
    if (!node) throw new Error(`ElastiCache replication group '${r.name}' has no nodeType`);
    const groups = num(r.inputs.numNodeGroups);
    const nodes = groups !== undefined ? groups * ((num(r.inputs.replicasPerNodeGroup) ?? 0) + 1) : (num(r.inputs.numCacheClusters) ?? 1);
    return cacheLines(r, ctx, node, nodes, str(r.inputs.engine) ?? "redis");
}

export function priceCacheCluster(r: PlannedResource, ctx: PriceContext): PricerResult {
    if (str(r.inputs.replicationGroupId)) return { unpriced: "free", detail: "a member of a replication group, priced on the group" };
    const node = str(r.inputs.nodeType);
    if (!node) throw new Error(`ElastiCache cluster '${r.name}' has no nodeType`);
    return cacheLines(r, ctx, node, num(r.inputs.numCacheNodes) ?? 1, str(r.inputs.engine) ?? "redis");
}

function cacheLines(r: PlannedResource, ctx: PriceContext, node: string, nodes: number, engine: string): PricerResult {
    const e = engine.toLowerCase();
    if (e !== "redis" && e !== "valkey") throw new Error(`ElastiCache '${r.name}' runs ${engine}; only Redis OSS and Valkey are priced`);
    let hourly = ctx.prices.usd(`elasticache.redis.${node}.hour`, `ElastiCache ${node}`);
    if (e === "valkey") hourly = hourly * ctx.prices.usd("elasticache.valkey.factor", "ElastiCache Valkey factor");
    const label = e === "valkey" ? "Valkey" : "Redis OSS";
    const lines = [
        line(r, ctx, {
            description: `ElastiCache ${label} ${node}: ${fmt(nodes)} node${nodes === 1 ? "" : "s"} × ${HOURS_PER_MONTH} h`,
            quantity: nodes * HOURS_PER_MONTH,
            unit: "node-hours",
            unitPrice: hourly,
        }),
    ];
    if ((num(r.inputs.snapshotRetentionLimit) ?? 0) > 1) {
        ctx.notes.add("ElastiCache keeps one backup free per node; more retained snapshots are billed per GB and not estimated.");
    }
    return lines;
}

export function priceDocdbInstance(r: PlannedResource, ctx: PriceContext): PricerResult {
    const cls = str(r.inputs.instanceClass);
    if (!cls) throw new Error(`DocumentDB instance '${r.name}' has no instanceClass`);
    return [
        line(r, ctx, {
            description: `DocumentDB ${cls}: ${HOURS_PER_MONTH} h`,
            quantity: HOURS_PER_MONTH,
            unit: "instance-hours",
            unitPrice: ctx.prices.usd(`docdb.${cls}.hour`, `DocumentDB ${cls}`),
        }),
    ];
}

/** Storage and I/O of a DocumentDB cluster are usage-driven (GB stored, requests); split evenly over clusters. */
export function priceDocdbCluster(r: PlannedResource, ctx: PriceContext): PricerResult {
    const clusters = ctx.graph.ofType(DOCDB_CLUSTER).length || 1;
    const { storageGB, ioMillions } = ctx.usage.documentdb;
    const lines = [];
    if (storageGB > 0) {
        lines.push(line(r, ctx, {
            description: `DocumentDB storage (usage): ${fmt(storageGB / clusters)} GB`,
            quantity: storageGB / clusters,
            unit: "GB-months",
            unitPrice: ctx.prices.usd("docdb.storage.gb-month", "DocumentDB storage"),
        }));
    }
    if (ioMillions > 0) {
        lines.push(line(r, ctx, {
            description: `DocumentDB I/O (usage): ${fmt(ioMillions / clusters)} million requests`,
            quantity: ioMillions / clusters,
            unit: "million requests",
            unitPrice: ctx.prices.usd("docdb.io.million", "DocumentDB I/O"),
        }));
    }
    if (storageGB === 0 || ioMillions === 0) ctx.usageNeeded.add("DocumentDB storage and I/O (documentdb.storageGB, documentdb.ioMillions)");
    return lines.length ? lines : { unpriced: "usage", detail: "storage and I/O are billed by use" };
}
