// Storage and CDN resources (issue 12): EFS file systems, `x-defang-s3` buckets, CloudFront
// distributions. None has a fixed monthly price: each is billed by use, which the usage file gives for
// all of them together (estimate/storage-lines.ts). Without usage, each resource says what it is
// billed for, at which price, from which source.
import type { PlannedResource } from "../types";
import { obj, str, type PriceContext, type PricerResult } from "./context";

const BUILD_BUCKET = "billed per GB stored and per request; build contexts expire after 14 days (not estimated)";

/** `$0.30 per GB-month (source, date)` for a price key, or the reason it is missing in this region. */
function cite(ctx: PriceContext, key: string, unit: string): string {
    if (!ctx.prices.has(key)) return `no ${ctx.prices.region} price yet for ${key}`;
    return `$${ctx.prices.usd(key, key)} per ${unit} (${ctx.prices.sourceOf(key)})`;
}

export function priceFileSystem(r: PlannedResource, ctx: PriceContext): PricerResult {
    const elastic = str(r.inputs.throughputMode) === "elastic";
    const parts = [
        `Standard ${cite(ctx, "efs.standard.gb-month", "GB-month")}`,
        `Infrequent Access ${cite(ctx, elastic ? "efs.ia.elastic.gb-month" : "efs.ia.bursting.gb-month", "GB-month")}`,
        ...(elastic ? [`reads ${cite(ctx, "efs.elastic.read.gb", "GB")}`, `writes ${cite(ctx, "efs.elastic.write.gb", "GB")}`] : ["bursting throughput included"]),
    ];
    return { unpriced: "usage", detail: `billed per GB stored (usage efs.standardGB, efs.infrequentAccessGB): ${parts.join("; ")}` };
}

export function priceEfsBackup(r: PlannedResource, ctx: PriceContext): PricerResult {
    if (str(obj(r.inputs.backupPolicy)?.status) !== "ENABLED") return { unpriced: "free", detail: "automatic backups off" };
    return { unpriced: "usage", detail: `AWS Backup bills the copies per GB-month (usage efs.backupGB): warm storage ${cite(ctx, "efs.backup.warm.gb-month", "GB-month")}` };
}

export function priceBucket(r: PlannedResource, ctx: PriceContext): PricerResult {
    const purpose = str(obj(r.inputs.tags)?.["defang:purpose"]);
    if (purpose === "object-store") {
        return {
            unpriced: "usage",
            detail: `billed per GB stored and per request (usage s3.*): storage ${cite(ctx, "s3.standard.gb-month", "GB-month")}; PUT ${cite(ctx, "s3.put.thousand", "1,000 requests")}; GET ${cite(ctx, "s3.get.thousand", "1,000 requests")}`,
        };
    }
    if (purpose === "static-site") return { unpriced: "usage", detail: "the site's files: billed per GB stored and per request, a few cents for most sites (not estimated); CloudFront serves them" };
    return { unpriced: "usage", detail: BUILD_BUCKET };
}

export function priceDistribution(_r: PlannedResource, ctx: PriceContext): PricerResult {
    return {
        unpriced: "usage",
        detail: `billed per GB served and per request (usage cloudfront.egressGB, cloudfront.requestsMillions): ${cite(ctx, "cloudfront.egress.gb", "GB")}; ${cite(ctx, "cloudfront.https.10k", "10,000 HTTPS requests")}`,
    };
}
