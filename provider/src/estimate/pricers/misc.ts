// Small fixed costs: SSM parameters (standard tier free, advanced billed per month).
import type { PlannedResource } from "../types";
import { line, str, type PriceContext, type PricerResult } from "./context";

export function priceSsmParameter(r: PlannedResource, ctx: PriceContext): PricerResult {
    const tier = str(r.inputs.tier) ?? "Standard";
    if (tier !== "Advanced") return { unpriced: "free", detail: "standard-tier parameters are free" };
    return [
        line(r, ctx, {
            description: "SSM advanced parameter",
            quantity: 1,
            unit: "parameter-months",
            unitPrice: ctx.prices.usd("ssm.advanced.parameter-month", "SSM advanced parameter"),
        }),
    ];
}
