// The project's CloudWatch dashboard, as data: one row of graphs per ECS service (CPU and memory,
// tasks), per ingress port (requests and 5xx, response time, target health — both target groups of a
// traffic-shifting rollout), the load balancer, each managed store, and each static site (CloudFront's
// requests and error rates, which CloudWatch keeps in us-east-1 under the region `Global`, free). The aws
// layer lays the widgets out and resolves the load balancer's and distributions' dimensions (aws/dashboard.ts).
import { QUOTAS, checkQuota } from "./aws-limits";
import { type PlanContext, servicePath } from "./context";
import { ecsDimensions, portTargetGroups, storeMembers } from "./metrics";
import { dashboardName } from "./naming";
import type { DashboardWidget, LoadBalancerPlan, MetricDimension, MetricQuery, ServicePlan, StaticSitePlan, StorePlan } from "./types";

/** The region where CloudWatch keeps CloudFront's metrics, whatever the deployment's. */
export const CLOUDFRONT_METRICS_REGION = "us-east-1";

type Query = (namespace: string, metricName: string, dimensions: Record<string, MetricDimension>, stat: string) => MetricQuery;

/** Builds metrics numbered w1, w2, … in dashboard order (CloudWatch ids; the body does not use them). */
function queries(): Query {
    let next = 0;
    return (namespace, metricName, dimensions, stat) => ({ id: `w${++next}`, namespace, metricName, dimensions, stat });
}

export function planDashboard(ctx: PlanContext, services: ServicePlan[], stores: StorePlan[], lb: LoadBalancerPlan | undefined, sites: StaticSitePlan[] = []): { name: string; widgets: DashboardWidget[] } {
    const q = queries();
    const rows: Array<{ service: string; widgets: DashboardWidget[] }> = [];
    for (const s of services.filter((x) => x.kind === "service")) {
        const ecs = ecsDimensions(s);
        const widgets: DashboardWidget[] = [{ title: `${s.name}: CPU and memory (% of the task)`, metrics: [q("AWS/ECS", "CPUUtilization", ecs, "Average"), q("AWS/ECS", "MemoryUtilization", ecs, "Average")] }];
        widgets.push(
            ctx.settings.containerInsights
                ? { title: `${s.name}: tasks running and desired`, metrics: [q("ECS/ContainerInsights", "RunningTaskCount", ecs, "Average"), q("ECS/ContainerInsights", "DesiredTaskCount", ecs, "Average")] }
                : { title: `${s.name}: tasks reporting`, metrics: [q("AWS/ECS", "CPUUtilization", ecs, "SampleCount")] },
        );
        for (const ingress of s.ingress) {
            const tg = lb?.targetGroups.find((g) => g.key === ingress.targetGroup);
            if (!tg) continue;
            const per = (metricName: string, stat: string) => portTargetGroups(tg).map((g) => q("AWS/ApplicationELB", metricName, { LoadBalancer: { ref: "loadBalancer" }, TargetGroup: g }, stat));
            widgets.push({ title: `${s.name}:${tg.port} requests and 5xx`, metrics: [...per("RequestCount", "Sum"), ...per("HTTPCode_Target_5XX_Count", "Sum")] });
            widgets.push({ title: `${s.name}:${tg.port} response time (p95, seconds)`, metrics: per("TargetResponseTime", "p95") });
            widgets.push({ title: `${s.name}:${tg.port} healthy and unhealthy targets`, metrics: [...per("HealthyHostCount", "Minimum"), ...per("UnHealthyHostCount", "Maximum")] });
        }
        rows.push({ service: s.name, widgets });
    }
    const shared: DashboardWidget[] = [];
    if (lb) {
        const dims = { LoadBalancer: { ref: "loadBalancer" as const } };
        shared.push({
            title: "load balancer: requests, its own 5xx, active connections",
            metrics: [q("AWS/ApplicationELB", "RequestCount", dims, "Sum"), q("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", dims, "Sum"), q("AWS/ApplicationELB", "ActiveConnectionCount", dims, "Sum")],
        });
    }
    for (const store of stores) shared.push(...storeWidgets(store, q));
    for (const site of sites) {
        const cdn = (metricName: string, stat: string) => q("AWS/CloudFront", metricName, { DistributionId: { ref: "distribution", site: site.name }, Region: "Global" }, stat);
        shared.push(
            { title: `${site.name} (CloudFront): requests`, region: CLOUDFRONT_METRICS_REGION, metrics: [cdn("Requests", "Sum")] },
            { title: `${site.name} (CloudFront): 4xx and 5xx (% of requests)`, region: CLOUDFRONT_METRICS_REGION, metrics: [cdn("4xxErrorRate", "Average"), cdn("5xxErrorRate", "Average")] },
        );
    }
    return { name: dashboardName(ctx.naming), widgets: [...fitServiceRows(ctx, rows, shared), ...shared] };
}

/**
 * The service rows that fit on one dashboard next to the shared widgets (load balancer, stores, sites),
 * whole rows in order: CloudWatch refuses a body over its widget or metric quota, which would fail the
 * deployment. The services left out keep their metrics and alarms; a warning at the first says so.
 */
function fitServiceRows(ctx: PlanContext, rows: Array<{ service: string; widgets: DashboardWidget[] }>, shared: DashboardWidget[]): DashboardWidget[] {
    const metricsOf = (ws: DashboardWidget[]) => ws.reduce((n, w) => n + w.metrics.length, 0);
    let widgets = shared.length;
    let metrics = metricsOf(shared);
    const kept: DashboardWidget[] = [];
    for (const [i, row] of rows.entries()) {
        widgets += row.widgets.length;
        metrics += metricsOf(row.widgets);
        if (checkQuota("dashboardWidgets", widgets) || checkQuota("dashboardMetrics", metrics)) {
            const { max: w } = QUOTAS.dashboardWidgets;
            const { max: m } = QUOTAS.dashboardMetrics;
            ctx.warn(
                "dashboard-truncated",
                servicePath(row.service),
                `the dashboard shows ${i} of ${rows.length} services: CloudWatch allows ${w} widgets and ${m} metrics per dashboard (${QUOTAS.dashboardWidgets.source})`,
                "The services left out keep their metrics and alarms (see CloudWatch's ECS view); split the project for a dashboard each.",
            );
            break;
        }
        kept.push(...row.widgets);
    }
    return kept;
}

function storeWidgets(store: StorePlan, q: Query): DashboardWidget[] {
    const members = storeMembers(store);
    const each = (namespace: string, dimension: string, metricName: string, stat: string) => members.map((m) => q(namespace, metricName, { [dimension]: m }, stat));
    if (store.kind === "postgres") {
        const rds = (metricName: string, stat: string) => each("AWS/RDS", "DBInstanceIdentifier", metricName, stat);
        return [
            { title: `${store.name} (RDS): CPU % and connections`, metrics: [...rds("CPUUtilization", "Average"), ...rds("DatabaseConnections", "Maximum")] },
            { title: `${store.name} (RDS): free storage (bytes)`, metrics: rds("FreeStorageSpace", "Minimum") },
        ];
    }
    if (store.kind === "redis") {
        const cache = (metricName: string, stat: string) => each("AWS/ElastiCache", "CacheClusterId", metricName, stat);
        return [
            { title: `${store.name} (ElastiCache): engine CPU and memory (%)`, metrics: [...cache("EngineCPUUtilization", "Average"), ...cache("DatabaseMemoryUsagePercentage", "Average")] },
            { title: `${store.name} (ElastiCache): evictions`, metrics: cache("Evictions", "Sum") },
        ];
    }
    const docdb = (metricName: string, stat: string) => each("AWS/DocDB", "DBInstanceIdentifier", metricName, stat);
    return [{ title: `${store.name} (DocumentDB): CPU % and connections`, metrics: [...docdb("CPUUtilization", "Average"), ...docdb("DatabaseConnections", "Maximum")] }];
}
