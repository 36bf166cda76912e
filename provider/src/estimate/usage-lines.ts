// Lines priced from the usage file alone: log volume, DNS queries, internet egress, image storage,
// Bedrock tokens. Each appears only when its figure is above zero; otherwise the estimate says "+ usage".
import type { EstimateLine } from "./types";
import { fmt, line, type PriceContext } from "./pricers/context";
import { storageLines } from "./storage-lines";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ECR = "aws:ecr/repository:Repository";
const ZONE_TYPES = ["aws:route53/zone:Zone", "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace", "aws:servicediscovery/publicDnsNamespace:PublicDnsNamespace"];

export function usageLines(ctx: PriceContext): EstimateLine[] {
    const u = ctx.usage;
    const out: EstimateLine[] = [];
    const shared = { service: null };
    const hasLogs = ctx.graph.ofType(LOG_GROUP).length > 0;
    if (u.logs.ingestedGB > 0) {
        out.push(line(undefined, ctx, { ...shared, type: LOG_GROUP, name: "(all log groups)", description: `CloudWatch Logs ingestion (usage): ${fmt(u.logs.ingestedGB)} GB`, quantity: u.logs.ingestedGB, unit: "GB", unitPrice: ctx.prices.usd("logs.ingest.gb", "CloudWatch Logs ingestion") }));
    }
    if (u.logs.storedGB > 0) {
        out.push(line(undefined, ctx, { ...shared, type: LOG_GROUP, name: "(all log groups)", description: `CloudWatch Logs storage (usage): ${fmt(u.logs.storedGB)} GB`, quantity: u.logs.storedGB, unit: "GB-months", unitPrice: ctx.prices.usd("logs.storage.gb-month", "CloudWatch Logs storage") }));
    }
    if (hasLogs && u.logs.ingestedGB === 0) ctx.usageNeeded.add("GB of logs ingested and stored (logs.ingestedGB, logs.storedGB)");
    if (u.dns.queriesMillions > 0) {
        out.push(line(undefined, ctx, { ...shared, type: ZONE_TYPES[0], name: "(all zones)", description: `Route 53 standard queries (usage): ${fmt(u.dns.queriesMillions)} million`, quantity: u.dns.queriesMillions, unit: "million queries", unitPrice: ctx.prices.usd("route53.queries-million", "Route 53 queries") }));
    }
    if (u.internetEgressGB > 0) {
        out.push(line(undefined, ctx, { ...shared, type: "usage", name: "internet egress", description: `Data transfer out to the internet (usage): ${fmt(u.internetEgressGB)} GB`, quantity: u.internetEgressGB, unit: "GB", unitPrice: ctx.prices.usd("egress.internet.gb", "data transfer out to the internet") }));
    }
    if (u.ecr.storageGB > 0) {
        out.push(line(undefined, ctx, { ...shared, type: ECR, name: "(all repositories)", description: `ECR image storage (usage): ${fmt(u.ecr.storageGB)} GB`, quantity: u.ecr.storageGB, unit: "GB-months", unitPrice: ctx.prices.usd("ecr.storage.gb-month", "ECR storage") }));
    } else if (ctx.graph.ofType(ECR).length > 0) {
        ctx.usageNeeded.add("GB of container images in ECR (ecr.storageGB)");
    }
    for (const b of u.bedrock) {
        for (const dir of ["input", "output"] as const) {
            const tokens = dir === "input" ? b.inputTokens : b.outputTokens;
            if (tokens <= 0) continue;
            const given = dir === "input" ? b.inputPricePerMillion : b.outputPricePerMillion;
            const unitPrice = given ?? ctx.prices.usd(`bedrock.${baseModelId(b.model)}.${dir}-million`, `Bedrock ${b.model} ${dir} tokens (or give ${dir}PricePerMillion in the usage file)`);
            out.push(line(undefined, ctx, { ...shared, type: "usage", name: `bedrock ${b.model}`, description: `Bedrock ${b.model} ${dir} tokens (usage${given !== undefined ? ", price from the usage file" : ""}): ${fmt(tokens / 1e6)} million`, quantity: tokens / 1e6, unit: "million tokens", unitPrice }));
        }
    }
    out.push(...storageLines(ctx));
    return out;
}

/** A cross-region inference profile (`us.anthropic…`) is billed at the model's price in the source region. */
export function baseModelId(model: string): string {
    return model.replace(/^(us|eu|apac|global|us-gov)\./, "");
}
