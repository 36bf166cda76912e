// The estimate's data model: the offline plan's resources in, priced lines out.
// Nothing in provider/src/estimate/ imports @pulumi/*: it prices data, so it runs anywhere.
import type { Mode } from "../plan/modes";

/** One resource of the offline plan (`runOfflinePlan().resources`): type token, logical name, resolved inputs. */
export interface PlannedResource {
    /** @pulumi/aws v7 token, e.g. `aws:ecs/service:Service`. */
    type: string;
    name: string;
    parent?: string;
    inputs: Record<string, unknown>;
    /** The id the offline mocks gave it, when the caller has it (makes reference matching exact). */
    id?: string;
}

/** One priced line. `monthly` is rounded to cents; the estimate's total is the sum of the rounded lines. */
export interface EstimateLine {
    /** Compose service the cost belongs to; null for shared infrastructure (load balancer, NAT, DNS…). */
    service: string | null;
    /** Resource type token the line prices (or `usage` for usage-file lines with no single resource). */
    type: string;
    /** Logical resource name. */
    name: string;
    description: string;
    quantity: number;
    unit: string;
    /** USD per unit (negative for discounts). */
    unitPrice: number;
    /** USD per month, rounded to cents. */
    monthly: number;
    /** True when the figure is an estimate rather than a list price (e.g. the Fargate Spot discount). */
    estimated?: boolean;
    /** Where the unit price comes from (the price file's source title and date), when the pricer names its figure. */
    source?: string;
}

/** Why a resource has no line: it costs nothing, or it costs only with usage the estimate was not given. */
export interface UnpricedResource {
    type: string;
    name: string;
    reason: "free" | "usage" | "unknown";
    detail?: string;
}

export interface Estimate {
    project?: string;
    mode?: Mode;
    region: string;
    currency: "USD";
    /** Sum of `lines[].monthly` (cents exact). */
    total: number;
    lines: EstimateLine[];
    /** Resources with no line, and why. `unknown` ones are types nobody has classified yet. */
    unpriced: UnpricedResource[];
    /** Exclusions and assumptions, one sentence each. */
    notes: string[];
    /** The price data used: region file version and the oldest source date it relies on. */
    prices: { region: string; version: string };
}
