// Operations: CloudWatch alarms (per alarm metric: a metric-math alarm bills each metric it reads),
// the dashboard, and the KMS key of the alarm topic. The SNS topic itself is free; its e-mail
// notifications are billed past a free monthly allowance, by use, and not estimated.
import type { PlannedResource } from "../types";
import { line, list, obj, str, type PriceContext, type PricerResult } from "./context";

export function priceMetricAlarm(r: PlannedResource, ctx: PriceContext): PricerResult {
    const queries = list(r.inputs.metricQueries).map(obj);
    const metrics = queries.length > 0 ? queries.filter((q) => q?.metric !== undefined).length : 1;
    ctx.notes.add("CloudWatch alarms are priced per alarm metric (an alarm on metric math bills each metric it reads); the free tier (10 alarm metrics) is not subtracted.");
    return [
        line(r, ctx, {
            description: `CloudWatch alarm ${str(r.inputs.name) ?? r.name}: ${metrics} metric${metrics === 1 ? "" : "s"}`,
            quantity: metrics,
            unit: "alarm-metric-months",
            unitPrice: ctx.prices.usd("cloudwatch.alarm.metric-month", "CloudWatch standard-resolution alarm metric"),
        }),
    ];
}

export function priceDashboard(r: PlannedResource, ctx: PriceContext): PricerResult {
    return [
        line(r, ctx, {
            description: `CloudWatch dashboard ${str(r.inputs.dashboardName) ?? r.name}`,
            quantity: 1,
            unit: "dashboard-months",
            unitPrice: ctx.prices.usd("cloudwatch.dashboard.month", "CloudWatch dashboard"),
        }),
    ];
}

export function priceKmsKey(r: PlannedResource, ctx: PriceContext): PricerResult {
    ctx.notes.add("KMS requests (a few per alarm notification) are billed per 10,000 and not estimated.");
    return [line(r, ctx, { description: "KMS customer-managed key", quantity: 1, unit: "key-months", unitPrice: ctx.prices.usd("kms.key.month", "KMS customer-managed key") })];
}
