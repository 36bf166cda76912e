// Public entry point of the estimate: price the resource graph the offline plan produced.
//   estimateResources(resources, options) → Estimate (lines rounded to cents; total = their sum)
import type { Mode } from "../plan/modes";
import { catalogEntry } from "./catalog";
import { ResourceGraph } from "./graph";
import type { PriceContext } from "./pricers/context";
import { PriceBook } from "./prices";
import type { Estimate, EstimateLine, PlannedResource, UnpricedResource } from "./types";
import { emptyUsage, type Usage } from "./usage";
import { usageLines } from "./usage-lines";

export * from "./types";
export { PriceBook, supportedRegions, MissingPriceError, UnknownRegionError } from "./prices";
export { emptyUsage, loadUsageFile, parseUsage, type Usage } from "./usage";
export { CATALOG, catalogEntry } from "./catalog";

export interface EstimateOptions {
    region: string;
    mode?: Mode;
    project?: string;
    usage?: Usage;
    /** Compose service and store names, for attributing lines (the plan's `outputs.services` / `outputs.databases` keys). */
    serviceNames?: Iterable<string>;
}

const ALWAYS_NOTES = [
    "Prices are on-demand list prices in USD for a 730-hour month; taxes, support plans, credits, Savings Plans and Reserved Instances are not included.",
    "Data transfer (internet egress, cross-AZ traffic) is not modelled unless the usage file gives internetEgressGB; the AWS free tiers are not subtracted.",
];

export function estimateResources(resources: readonly PlannedResource[], options: EstimateOptions): Estimate {
    const prices = PriceBook.forRegion(options.region);
    const usage = options.usage ?? emptyUsage();
    const ctx: PriceContext = {
        graph: new ResourceGraph(resources, options.serviceNames),
        prices,
        usage,
        spotDiscount: usage.spotDiscount ?? prices.usd("fargate.spot.discount", "Fargate Spot discount"),
        notes: new Set(),
        usageNeeded: new Set(),
    };
    const lines: EstimateLine[] = [];
    const unpriced: UnpricedResource[] = [];
    for (const r of resources) {
        const entry = catalogEntry(r.type);
        if (!entry) {
            unpriced.push({ type: r.type, name: r.name, reason: "unknown", detail: "resource type not classified by the estimate" });
            continue;
        }
        if (entry.kind !== "priced") {
            unpriced.push({ type: r.type, name: r.name, reason: entry.kind, detail: entry.why });
            continue;
        }
        const result = entry.price(r, ctx);
        if (Array.isArray(result)) lines.push(...result);
        else unpriced.push({ type: r.type, name: r.name, reason: result.unpriced, detail: result.detail });
    }
    lines.push(...usageLines(ctx));
    const notes = [...ALWAYS_NOTES, ...ctx.notes];
    if (ctx.usageNeeded.size) notes.push(`Usage-driven costs not included (give them in a usage file with --usage): ${[...ctx.usageNeeded].join("; ")}.`);
    const unknown = unpriced.filter((u) => u.reason === "unknown");
    if (unknown.length) notes.push(`Not priced, type unknown to the estimate: ${[...new Set(unknown.map((u) => u.type))].join(", ")}.`);
    return {
        project: options.project,
        mode: options.mode,
        region: prices.region,
        currency: "USD",
        total: sumCents(lines),
        lines: sortLines(lines),
        unpriced,
        notes,
        prices: { region: prices.region, version: prices.file.version },
    };
}

/** Sum in integer cents so the total is exactly the sum of the printed lines. */
export function sumCents(lines: readonly EstimateLine[]): number {
    return lines.reduce((cents, l) => cents + Math.round(l.monthly * 100), 0) / 100;
}

/** Services in name order, shared infrastructure last; within a group, plan order. */
function sortLines(lines: EstimateLine[]): EstimateLine[] {
    return lines
        .map((l, i) => ({ l, i }))
        .sort((a, b) => {
            const sa = a.l.service, sb = b.l.service;
            if (sa !== sb) {
                if (sa === null) return 1;
                if (sb === null) return -1;
                return sa < sb ? -1 : 1;
            }
            return a.i - b.i;
        })
        .map((x) => x.l);
}
