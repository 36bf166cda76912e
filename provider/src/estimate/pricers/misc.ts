// Small fixed costs and free resources that still deserve a note: SSM parameters (standard tier
// free, advanced billed per month), ECS clusters (Container Insights metrics are billed by CloudWatch).
import type { PlannedResource } from "../types";
import { line, list, obj, str, type PriceContext, type PricerResult } from "./context";

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

export function priceEcsCluster(r: PlannedResource, ctx: PriceContext): PricerResult {
    const insights = list(r.inputs.settings).map(obj).find((x) => str(x?.name) === "containerInsights");
    const on = insights && str(insights.value) !== "disabled";
    if (on) ctx.notes.add("Container Insights is on: its metrics and performance logs are billed by CloudWatch per use and are not estimated.");
    return { unpriced: "free", detail: on ? "no charge for the cluster; Container Insights is billed by CloudWatch" : "no charge" };
}
