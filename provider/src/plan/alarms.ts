// CloudWatch alarms every deployment gets, with the mode's thresholds (modes.ts `alarms`), their SNS
// topic and the dashboard. Per ECS service: CPU and memory high, tasks below desired (Container
// Insights) or no task running (affordable, where Insights is off to save its cost); per ingress port:
// the target group's 5xx rate, unhealthy targets and p95 response time — over both target groups
// when the port rolls out blue/green, canary or linear, so a failing canary is seen; the load balancer's
// own 5xx; per store: RDS CPU, free storage and connections, ElastiCache engine CPU, memory and
// evictions, DocumentDB CPU and connections. The alarms that say a new revision is broken (its 5xx
// rate, its memory) also roll its deployment back (ServicePlan.deployment.alarms); the others notify.
import type { PlanContext } from "./context";
import { documentDbConnectionLimit, postgresConnectionLimit } from "./catalogs";
import { planDashboard } from "./dashboard";
import { composeAlarmTopic } from "./extensions";
import { ecsDimensions, portTargetGroups, storeMembers } from "./metrics";
import { alarmKeyAlias, alarmName, alarmTopicName, description } from "./naming";
import type { AlarmPlan, LoadBalancerPlan, MetricDimension, MetricQuery, ObservabilityPlan, ServicePlan, StaticSitePlan, StorePlan, TargetGroupPlan } from "./types";

const PERIOD_SECONDS = 60;
const GiB = 1024 ** 3;

type Draft = Omit<AlarmPlan, "name" | "periodSeconds" | "evaluationPeriods" | "datapointsToAlarm">;

/** Buckets and static sites run no ECS service: no alarms or rollouts of theirs; a site gets dashboard rows. */
export function planObservability(ctx: PlanContext, services: ServicePlan[], stores: StorePlan[], lb: LoadBalancerPlan | undefined, sites: StaticSitePlan[] = []): ObservabilityPlan {
    const t = ctx.settings.alarms;
    const alarms: AlarmPlan[] = [];
    const add = (d: Draft): void => {
        alarms.push({
            ...d,
            name: alarmName(ctx.naming, d.subject, d.kind, d.port),
            description: description("cloudWatchAlarmDescription", d.description),
            periodSeconds: PERIOD_SECONDS,
            evaluationPeriods: t.evaluationPeriods,
            datapointsToAlarm: t.evaluationPeriods,
        });
    };
    for (const s of services.filter((x) => x.kind === "service")) {
        serviceAlarms(ctx, s, lb).forEach(add);
        const d = s.deployment.alarms;
        d.names = d.enable ? alarms.filter((a) => a.subject === s.name && a.rollback).map((a) => a.name) : [];
    }
    if (lb) {
        add({
            kind: "elb-5xx",
            description: `the load balancer answered more than ${t.loadBalancer5xxPerMinute} requests a minute with its own 5xx (no healthy target, timeouts)`,
            metrics: [{ id: "m1", namespace: "AWS/ApplicationELB", metricName: "HTTPCode_ELB_5XX_Count", dimensions: { LoadBalancer: { ref: "loadBalancer" } }, stat: "Sum" }],
            comparison: "GreaterThanThreshold",
            threshold: t.loadBalancer5xxPerMinute,
            treatMissingData: "notBreaching",
            rollback: false,
        });
    }
    for (const store of stores) storeAlarms(ctx, store).forEach(add);
    return { topic: planTopic(ctx), alarms, dashboard: planDashboard(ctx, services, stores, lb, sites) };
}

function serviceAlarms(ctx: PlanContext, s: ServicePlan, lb: LoadBalancerPlan | undefined): Draft[] {
    const t = ctx.settings.alarms;
    const ecs = ecsDimensions(s);
    const minutes = `for ${t.evaluationPeriods} minutes`;
    const out: Draft[] = [
        {
            kind: "cpu-high",
            subject: s.name,
            description: `${s.name}: average CPU above ${t.serviceCpuPercent} % of what its tasks reserve, ${minutes}`,
            metrics: [{ id: "m1", namespace: "AWS/ECS", metricName: "CPUUtilization", dimensions: ecs, stat: "Average" }],
            comparison: "GreaterThanThreshold",
            threshold: t.serviceCpuPercent,
            treatMissingData: "notBreaching",
            rollback: false,
        },
        {
            kind: "memory-high",
            subject: s.name,
            description: `${s.name}: average memory above ${t.serviceMemoryPercent} % of what its tasks reserve, ${minutes} (a task out of memory is killed)`,
            metrics: [{ id: "m1", namespace: "AWS/ECS", metricName: "MemoryUtilization", dimensions: ecs, stat: "Average" }],
            comparison: "GreaterThanThreshold",
            threshold: t.serviceMemoryPercent,
            treatMissingData: "notBreaching",
            rollback: true,
        },
        ctx.settings.containerInsights
            ? {
                  kind: "tasks-below-desired",
                  subject: s.name,
                  description: `${s.name}: fewer tasks running than desired ${minutes}`,
                  metrics: [
                      { id: "desired", namespace: "ECS/ContainerInsights", metricName: "DesiredTaskCount", dimensions: ecs, stat: "Average" },
                      { id: "running", namespace: "ECS/ContainerInsights", metricName: "RunningTaskCount", dimensions: ecs, stat: "Average" },
                  ],
                  math: [{ id: "missing", expression: "desired - running" }],
                  comparison: "GreaterThanThreshold",
                  threshold: 0,
                  treatMissingData: "notBreaching",
                  rollback: false,
              }
            : {
                  // Without Container Insights ECS publishes no task count; a service with no running task publishes no CPU data at all.
                  kind: "no-running-task",
                  subject: s.name,
                  description: `${s.name}: no task running ${minutes}`,
                  metrics: [{ id: "m1", namespace: "AWS/ECS", metricName: "CPUUtilization", dimensions: ecs, stat: "SampleCount" }],
                  comparison: "LessThanThreshold",
                  threshold: 1,
                  treatMissingData: "breaching",
                  rollback: false,
              },
    ];
    for (const ingress of s.ingress) {
        const tg = lb?.targetGroups.find((g) => g.key === ingress.targetGroup);
        if (tg) out.push(...portAlarms(ctx, s, tg));
    }
    return out;
}

function portAlarms(ctx: PlanContext, s: ServicePlan, tg: TargetGroupPlan): Draft[] {
    const t = ctx.settings.alarms;
    const groups = portTargetGroups(tg);
    const metric = (id: string, metricName: string, stat: string, i: number): MetricQuery => ({
        id,
        namespace: "AWS/ApplicationELB",
        metricName,
        dimensions: { LoadBalancer: { ref: "loadBalancer" }, TargetGroup: groups[i] },
        stat,
    });
    const each = <T>(f: (i: number, n: number) => T): T[] => groups.map((_g, i) => f(i, i + 1));
    const worst = (ids: string[]): string => (ids.length === 1 ? ids[0] : `MAX([${ids.join(", ")}])`);
    const where = `${s.name} port ${tg.port}${groups.length > 1 ? " (either target group of its rollouts)" : ""}`;
    const minutes = `for ${t.evaluationPeriods} minutes`;
    const rates = each((_i, n) => ({ id: `r${n}`, expression: `IF(FILL(q${n}, 0) >= ${t.minimumRequests}, 100 * FILL(e${n}, 0) / FILL(q${n}, 0), 0)` }));
    return [
        {
            kind: "target-5xx",
            subject: s.name,
            port: tg.port,
            description: `${where}: more than ${t.target5xxPercent} % of requests answered with 5xx ${minutes} (once it serves ${t.minimumRequests} requests a minute)`,
            metrics: each((i, n) => [metric(`e${n}`, "HTTPCode_Target_5XX_Count", "Sum", i), metric(`q${n}`, "RequestCount", "Sum", i)]).flat(),
            math: [...rates, ...(groups.length > 1 ? [{ id: "rate", expression: worst(rates.map((r) => r.id)) }] : [])],
            comparison: "GreaterThanThreshold",
            threshold: t.target5xxPercent,
            treatMissingData: "notBreaching",
            rollback: true,
        },
        {
            kind: "unhealthy-targets",
            subject: s.name,
            port: tg.port,
            description: `${where}: a target failing the load balancer's health check ${minutes}`,
            metrics: each((i, n) => metric(`u${n}`, "UnHealthyHostCount", "Maximum", i)),
            ...(groups.length > 1 ? { math: [{ id: "unhealthy", expression: worst(each((_i, n) => `FILL(u${n}, 0)`)) }] } : {}),
            comparison: "GreaterThanOrEqualToThreshold",
            threshold: 1,
            treatMissingData: "notBreaching",
            rollback: false,
        },
        {
            kind: "response-time",
            subject: s.name,
            port: tg.port,
            description: `${where}: 95th percentile response time above ${t.targetResponseSeconds} s ${minutes}`,
            metrics: each((i, n) => metric(`t${n}`, "TargetResponseTime", "p95", i)),
            ...(groups.length > 1 ? { math: [{ id: "p95", expression: worst(each((_i, n) => `FILL(t${n}, 0)`)) }] } : {}),
            comparison: "GreaterThanThreshold",
            threshold: t.targetResponseSeconds,
            treatMissingData: "notBreaching",
            rollback: false,
        },
    ];
}

/** The store's metric(s) of one kind: one per node or instance, the alarm watching the worst. */
function storeMetric(namespace: string, metricName: string, stat: string, dimension: string, ids: MetricDimension[]): Pick<Draft, "metrics" | "math"> {
    const metrics = ids.map((id, i) => ({ id: `m${i + 1}`, namespace, metricName, dimensions: { [dimension]: id }, stat }));
    return metrics.length === 1 ? { metrics } : { metrics, math: [{ id: "worst", expression: `MAX([${metrics.map((m) => `FILL(${m.id}, 0)`).join(", ")}])` }] };
}

function storeAlarms(ctx: PlanContext, store: StorePlan): Draft[] {
    const t = ctx.settings.alarms;
    const minutes = `for ${t.evaluationPeriods} minutes`;
    const common = { subject: store.name, treatMissingData: "notBreaching" as const, rollback: false };
    const members = storeMembers(store);
    if (store.kind === "postgres") {
        const limit = postgresConnectionLimit(store.instanceClass);
        const freeBytes = Math.round((store.allocatedStorageGiB * GiB * t.databaseFreeStoragePercent) / 100);
        return [
            { ...common, kind: "database-cpu-high", description: `${store.name} (RDS): CPU above ${t.databaseCpuPercent} % ${minutes}`, ...storeMetric("AWS/RDS", "CPUUtilization", "Average", "DBInstanceIdentifier", members), comparison: "GreaterThanThreshold", threshold: t.databaseCpuPercent },
            {
                ...common,
                kind: "database-storage-low",
                description: `${store.name} (RDS): less than ${t.databaseFreeStoragePercent} % of the ${store.allocatedStorageGiB} GiB first allocated is free (storage autoscaling stops at ${store.maxAllocatedStorageGiB} GiB)`,
                ...storeMetric("AWS/RDS", "FreeStorageSpace", "Minimum", "DBInstanceIdentifier", members),
                comparison: "LessThanThreshold",
                threshold: freeBytes,
            },
            ...(limit
                ? [{ ...common, kind: "database-connections-high" as const, description: `${store.name} (RDS): more than ${t.databaseConnectionsPercent} % of the ${limit} connections ${store.instanceClass} allows ${minutes}`, ...storeMetric("AWS/RDS", "DatabaseConnections", "Maximum", "DBInstanceIdentifier", members), comparison: "GreaterThanThreshold" as const, threshold: Math.floor((limit * t.databaseConnectionsPercent) / 100) }]
                : []),
        ];
    }
    if (store.kind === "redis") {
        return [
            { ...common, kind: "cache-cpu-high", description: `${store.name} (ElastiCache): engine CPU above ${t.cacheCpuPercent} % on a node ${minutes}`, ...storeMetric("AWS/ElastiCache", "EngineCPUUtilization", "Average", "CacheClusterId", members), comparison: "GreaterThanThreshold", threshold: t.cacheCpuPercent },
            { ...common, kind: "cache-memory-high", description: `${store.name} (ElastiCache): memory above ${t.cacheMemoryPercent} % on a node ${minutes}`, ...storeMetric("AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "Average", "CacheClusterId", members), comparison: "GreaterThanThreshold", threshold: t.cacheMemoryPercent },
            { ...common, kind: "cache-evictions", description: `${store.name} (ElastiCache): more than ${t.cacheEvictionsPerMinute} keys a minute evicted on a node ${minutes} (the cache is too small)`, ...storeMetric("AWS/ElastiCache", "Evictions", "Sum", "CacheClusterId", members), comparison: "GreaterThanThreshold", threshold: t.cacheEvictionsPerMinute },
        ];
    }
    const limit = documentDbConnectionLimit(store.instanceClass);
    return [
        { ...common, kind: "database-cpu-high", description: `${store.name} (DocumentDB): CPU above ${t.databaseCpuPercent} % on an instance ${minutes}`, ...storeMetric("AWS/DocDB", "CPUUtilization", "Average", "DBInstanceIdentifier", members), comparison: "GreaterThanThreshold", threshold: t.databaseCpuPercent },
        ...(limit
            ? [{ ...common, kind: "database-connections-high" as const, description: `${store.name} (DocumentDB): more than ${t.databaseConnectionsPercent} % of the ${limit} connections ${store.instanceClass} allows on an instance ${minutes}`, ...storeMetric("AWS/DocDB", "DatabaseConnections", "Maximum", "DBInstanceIdentifier", members), comparison: "GreaterThanThreshold" as const, threshold: Math.floor((limit * t.databaseConnectionsPercent) / 100) }]
            : []),
    ];
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The topic alarms notify: ours (encrypted with our key), or the caller's (component input, else compose `x-defang-aws`). */
function planTopic(ctx: PlanContext): ObservabilityPlan["topic"] {
    const { project, options } = ctx;
    const emails = [...new Set((options.alarms?.emails ?? []).map((e) => e.trim()))].sort();
    for (const e of emails.filter((x) => !EMAIL.test(x))) {
        ctx.error("alarm-email-invalid", undefined, `alarms.emails: "${e}" is not an e-mail address`, "Give addresses like ops@example.com; each one confirms its subscription from the mail SNS sends.");
    }
    const fromCompose = composeAlarmTopic(project);
    if (options.alarms?.existingTopic && fromCompose) {
        ctx.info("alarm-topic-conflict", ["x-defang-aws", "alarmTopicArn"], `x-defang-aws.alarmTopicArn is overridden by the component's alarms.topicArn input`);
    }
    const topic: ObservabilityPlan["topic"] = { name: alarmTopicName(ctx.naming), keyAlias: alarmKeyAlias(ctx.naming), emails };
    if (options.alarms?.existingTopic) topic.external = {};
    else if (fromCompose) topic.external = { arn: fromCompose };
    return topic;
}
