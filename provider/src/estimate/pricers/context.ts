// What every pricer receives, and the helpers that turn a quantity and a unit price into a line.
import type { ResourceGraph } from "../graph";
import type { PriceBook } from "../prices";
import type { EstimateLine, PlannedResource } from "../types";
import type { Usage } from "../usage";

/** Hours in the estimate's month (infracost's and Defang's convention). */
export const HOURS_PER_MONTH = 730;

export interface PriceContext {
    graph: ResourceGraph;
    prices: PriceBook;
    usage: Usage;
    /** Fargate Spot discount (fraction of the on-demand price). */
    spotDiscount: number;
    /** Assumptions and exclusions found while pricing (printed once each). */
    notes: Set<string>;
    /** Usage-driven costs the estimate did not get figures for ("+ usage"). */
    usageNeeded: Set<string>;
}

export type PricerResult = EstimateLine[] | { unpriced: "free" | "usage"; detail: string };

export type Pricer = (r: PlannedResource, ctx: PriceContext) => PricerResult;

/** Round half away from zero to cents, immune to binary noise (16.425 → 16.43). */
export function roundCents(usd: number): number {
    const cents = Math.round(Math.abs(usd) * 100 + 1e-7);
    return (Math.sign(usd) * cents) / 100 || 0;
}

export interface LineSpec {
    description: string;
    quantity: number;
    unit: string;
    unitPrice: number;
    estimated?: boolean;
    /** Overrides the resource's service attribution. */
    service?: string | null;
    /** Overrides the resource's type/name (usage lines). */
    type?: string;
    name?: string;
    /** The price file key of `unitPrice`: the line then names its source. */
    priceKey?: string;
}

export function line(r: PlannedResource | undefined, ctx: PriceContext, spec: LineSpec): EstimateLine {
    const quantity = round6(spec.quantity);
    const out: EstimateLine = {
        service: spec.service !== undefined ? spec.service : r ? ctx.graph.serviceOf(r) : null,
        type: spec.type ?? r?.type ?? "usage",
        name: spec.name ?? r?.name ?? "",
        description: spec.description,
        quantity,
        unit: spec.unit,
        unitPrice: spec.unitPrice,
        monthly: roundCents(spec.quantity * spec.unitPrice),
    };
    if (spec.estimated) out.estimated = true;
    if (spec.priceKey) out.source = ctx.prices.sourceOf(spec.priceKey);
    return out;
}

function round6(n: number): number {
    return Math.round(n * 1e6) / 1e6;
}

export function num(v: unknown): number | undefined {
    if (typeof v === "number" && Number.isFinite(v)) return v;
    if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
    return undefined;
}

export function str(v: unknown): string | undefined {
    return typeof v === "string" && v ? v : undefined;
}

export function list(v: unknown): unknown[] {
    return Array.isArray(v) ? v : [];
}

export function obj(v: unknown): Record<string, unknown> | undefined {
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Format a number for a description: at most 2 decimals, no trailing zeros. */
export function fmt(n: number): string {
    return String(Math.round(n * 100) / 100);
}
