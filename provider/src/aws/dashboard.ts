// The project's CloudWatch dashboard: the plan's widgets, two per row, as the dashboard body JSON
// (metric widgets: `[namespace, metric, dim, value, …, { stat }]`), with the load balancer's ARN
// suffixes and the sites' distribution ids filled in once they exist. Its console URL is a component output.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ObservabilityPlan } from "../plan/types";
import { type MetricTargets, dimensionValue } from "./alarms";
import { childName } from "./context";
import { Context, child } from "./core";

const WIDTH = 12;
const HEIGHT = 6;

export interface Dashboard {
    dashboard: aws.cloudwatch.Dashboard;
    url: pulumi.Output<string>;
}

export function createDashboard(ctx: Context, plan: ObservabilityPlan, targets: MetricTargets): Dashboard {
    const region = ctx.account.region;
    const widgets = plan.dashboard.widgets.map((w, i) =>
        pulumi
            .all(w.metrics.map((m) => pulumi.all(Object.entries(m.dimensions).map(([k, v]) => pulumi.all([k, dimensionValue(v, targets)])))))
            .apply((dims) => ({
                type: "metric",
                x: (i % 2) * WIDTH,
                y: Math.floor(i / 2) * HEIGHT,
                width: WIDTH,
                height: HEIGHT,
                properties: {
                    title: w.title,
                    region: w.region ?? region,
                    view: "timeSeries",
                    period: 60,
                    metrics: w.metrics.map((m, j) => [m.namespace, m.metricName, ...dims[j].flat(), { stat: m.stat }]),
                },
            })),
    );
    const dashboard = new aws.cloudwatch.Dashboard(
        childName(ctx, "dashboard"),
        { dashboardName: plan.dashboard.name, dashboardBody: pulumi.all(widgets).apply((ws) => JSON.stringify({ widgets: ws })) },
        child(ctx),
    );
    return { dashboard, url: pulumi.output(dashboardUrl(ctx.account.partition, region, plan.dashboard.name)) };
}

/** The dashboard in the AWS console of its partition. */
export function dashboardUrl(partition: string, region: string, name: string): string {
    const console = partition === "aws-cn" ? "console.amazonaws.cn" : partition === "aws-us-gov" ? "console.amazonaws-us-gov.com" : "console.aws.amazon.com";
    return `https://${region}.${console}/cloudwatch/home?region=${region}#dashboards/dashboard/${encodeURIComponent(name)}`;
}
