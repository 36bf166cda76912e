// Usage lines of the storage and CDN resources (issue 12), from the usage file's `efs`, `s3` and
// `cloudfront` sections, each citing its price's source. A section whose resources are absent from the
// plan is ignored; resources present without usage figures make the estimate say "+ usage".
import type { EstimateLine } from "./types";
import { fmt, line, obj, str, type PriceContext } from "./pricers/context";

const FS = "aws:efs/fileSystem:FileSystem";
const BACKUP = "aws:efs/backupPolicy:BackupPolicy";
const BUCKET = "aws:s3/bucket:Bucket";
const CDN = "aws:cloudfront/distribution:Distribution";

export function storageLines(ctx: PriceContext): EstimateLine[] {
    return [...efsLines(ctx), ...s3Lines(ctx), ...cdnLines(ctx)];
}

function efsLines(ctx: PriceContext): EstimateLine[] {
    const systems = ctx.graph.ofType(FS);
    if (systems.length === 0) return [];
    const u = ctx.usage.efs;
    const elastic = systems.some((s) => str(s.inputs.throughputMode) === "elastic");
    const at = { service: null, type: FS, name: systems.length === 1 ? systems[0].name : "(all file systems)" };
    const out: EstimateLine[] = [];
    const add = (amount: number, key: string, what: string, unit: string) => {
        if (amount > 0) out.push(line(undefined, ctx, { ...at, description: `${what} (usage): ${fmt(amount)} ${unit}`, quantity: amount, unit, unitPrice: ctx.prices.usd(key, `EFS ${what}`), priceKey: key }));
    };
    add(u.standardGB, "efs.standard.gb-month", "EFS Standard storage", "GB-months");
    add(u.infrequentAccessGB, elastic ? "efs.ia.elastic.gb-month" : "efs.ia.bursting.gb-month", "EFS Infrequent Access storage", "GB-months");
    add(u.infrequentAccessReadGB, "efs.ia.read.gb", "EFS Infrequent Access reads", "GB");
    if (elastic) {
        add(u.readGB, "efs.elastic.read.gb", "EFS Elastic Throughput reads", "GB");
        add(u.writeGB, "efs.elastic.write.gb", "EFS Elastic Throughput writes", "GB");
    }
    const backups = ctx.graph.ofType(BACKUP).some((b) => str(obj(b.inputs.backupPolicy)?.status) === "ENABLED");
    if (backups && u.backupGB > 0) {
        out.push(line(undefined, ctx, { service: null, type: BACKUP, name: "(all file systems)", description: `EFS backups, AWS Backup warm storage (usage): ${fmt(u.backupGB)} GB-months`, quantity: u.backupGB, unit: "GB-months", unitPrice: ctx.prices.usd("efs.backup.warm.gb-month", "EFS backup storage"), priceKey: "efs.backup.warm.gb-month" }));
    }
    if (u.standardGB + u.infrequentAccessGB === 0) ctx.usageNeeded.add("GB stored on EFS volumes (efs.standardGB, efs.infrequentAccessGB, efs.backupGB)");
    return out;
}

function s3Lines(ctx: PriceContext): EstimateLine[] {
    const buckets = ctx.graph.ofType(BUCKET).filter((b) => str(obj(b.inputs.tags)?.["defang:purpose"]) === "object-store");
    if (buckets.length === 0) return [];
    const u = ctx.usage.s3;
    const at = { service: null, type: BUCKET, name: buckets.length === 1 ? buckets[0].name : "(all x-defang-s3 buckets)" };
    const out: EstimateLine[] = [];
    const add = (amount: number, key: string, what: string, unit: string) => {
        if (amount > 0) out.push(line(undefined, ctx, { ...at, description: `${what} (usage): ${fmt(amount)} ${unit}`, quantity: amount, unit, unitPrice: ctx.prices.usd(key, `S3 ${what}`), priceKey: key }));
    };
    add(u.storageGB, "s3.standard.gb-month", "S3 Standard storage", "GB-months");
    add(u.putThousands, "s3.put.thousand", "S3 PUT/COPY/POST/LIST requests", "thousand requests");
    add(u.getThousands, "s3.get.thousand", "S3 GET requests", "thousand requests");
    if (u.storageGB === 0) ctx.usageNeeded.add("GB stored in x-defang-s3 buckets and their requests (s3.storageGB, s3.putThousands, s3.getThousands)");
    return out;
}

function cdnLines(ctx: PriceContext): EstimateLine[] {
    const cdns = ctx.graph.ofType(CDN);
    if (cdns.length === 0) return [];
    const u = ctx.usage.cloudfront;
    const at = { service: null, type: CDN, name: cdns.length === 1 ? cdns[0].name : "(all distributions)" };
    const out: EstimateLine[] = [];
    if (u.egressGB > 0) {
        out.push(line(undefined, ctx, { ...at, description: `CloudFront data transfer out (usage): ${fmt(u.egressGB)} GB`, quantity: u.egressGB, unit: "GB", unitPrice: ctx.prices.usd("cloudfront.egress.gb", "CloudFront data transfer out"), priceKey: "cloudfront.egress.gb" }));
    }
    if (u.requestsMillions > 0) {
        const tenThousands = u.requestsMillions * 100;
        out.push(line(undefined, ctx, { ...at, description: `CloudFront HTTPS requests (usage): ${fmt(u.requestsMillions)} million`, quantity: tenThousands, unit: "10k requests", unitPrice: ctx.prices.usd("cloudfront.https.10k", "CloudFront HTTPS requests"), priceKey: "cloudfront.https.10k" }));
    }
    if (u.egressGB === 0) ctx.usageNeeded.add("GB served and requests of the static sites (cloudfront.egressGB, cloudfront.requestsMillions)");
    ctx.notes.add("CloudFront's always-free tier (1 TB, 10 million requests, 2 million function invocations a month) is not subtracted; the sites' CloudFront Function invocations are billed per million beyond it (not estimated).");
    return out;
}
