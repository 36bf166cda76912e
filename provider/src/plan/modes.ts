// The deployment modes as data: one row per mode, every knob the plan reads.
// Values follow Defang (reference/defang-behaviour.md §8.2) and are better where Defang is weak:
// backups in every mode, Multi-AZ stores and deletion protection in high_availability, an
// on-demand base task under Spot in balanced so an interruption never takes a service to zero,
// deploys that wait for steady state in every mode (a rollout the circuit breaker or an alarm rolls
// back must fail `pulumi up`, not pass silently), a canary with bake time for services behind the load
// balancer in high_availability, alarms everywhere (stricter as the mode rises), and the per-mode rules of reference/security-rules.md
// (RDS-03/04/05/07, EC-03/04, DOC-02, ECS-01, NET-01, LB-02; checked in tests/plan/modes.test.ts).
import type { CapacityProviderItem, EfsTransition, StaticSitePlan } from "./types";

export const MODES = ["affordable", "balanced", "high_availability"] as const;
export type Mode = (typeof MODES)[number];

/** Accepted spellings (Defang's aliases) → mode. */
export const MODE_ALIASES: Record<string, Mode> = {
    affordable: "affordable",
    cheap: "affordable",
    development: "affordable",
    balanced: "balanced",
    staging: "balanced",
    high_availability: "high_availability",
    "high-availability": "high_availability",
    ha: "high_availability",
    production: "high_availability",
};

export function parseMode(value: string): Mode | undefined {
    return MODE_ALIASES[value.trim().toLowerCase()];
}

export interface ModeSettings {
    mode: Mode;
    /** One line for humans (CLI, docs). */
    summary: string;
    // --- network ---
    availabilityZones: number;
    natGateways: "none" | "single" | "per-az";
    /** Tasks run in public subnets with a public IP (no NAT needed); inbound still only via security groups. */
    servicesInPublicSubnets: boolean;
    flowLogs: boolean;
    // --- compute ---
    capacity: CapacityProviderItem[];
    minimumHealthyPercent: number;
    maximumPercent: number;
    waitForSteadyState: boolean;
    containerInsights: boolean;
    // --- load balancer ---
    albDeletionProtection: boolean;
    healthCheck: { intervalSeconds: number; timeoutSeconds: number; healthyThreshold: number; unhealthyThreshold: number };
    deregistrationDelaySeconds: number;
    httpRedirectCode: "HTTP_301" | "HTTP_302";
    // --- logs ---
    logRetentionDays: number;
    // --- managed stores ---
    databaseFamily: "burstable" | "production";
    multiAz: boolean;
    backupRetentionDays: number;
    deletionProtection: boolean;
    finalSnapshot: boolean;
    performanceInsights: boolean;
    /** Enhanced Monitoring interval for RDS (0 = off) and CloudWatch log exports for RDS / DocumentDB (RDS-07, DOC-02c). */
    databaseMonitoringIntervalSeconds: number;
    databaseLogExports: boolean;
    /** Upper bound of RDS storage autoscaling (gp3 starts at 20 GiB). */
    databaseMaxStorageGiB: number;
    /** Pulumi `protect` + `retainOnDelete` on stateful resources. */
    protectData: boolean;
    cacheNodes: number;
    cacheSnapshotRetentionDays: number;
    documentDbInstances: number;
    // --- volumes (EFS), buckets (S3), static sites (CloudFront) ---
    /** bursting: throughput included in the storage price, scales with size; elastic: scales with load, billed per GB read and written. */
    efsThroughputMode: "bursting" | "elastic";
    /** Files unread this long move to Infrequent Access (cheaper storage, billed per GB read). */
    efsTransitionToIA: EfsTransition;
    /** AWS Backup's daily backups of every file system. */
    efsBackups: boolean;
    /** Object versioning on the buckets we create; noncurrent versions expire after `bucketNoncurrentVersionDays`. */
    bucketVersioning: boolean;
    bucketNoncurrentVersionDays: number;
    /** `pulumi destroy` deletes a bucket with its objects (otherwise it fails on a non-empty bucket). */
    bucketForceDestroy: boolean;
    /** CloudFront edge locations used (100: North America and Europe; All: every region). */
    cdnPriceClass: StaticSitePlan["priceClass"];
    // --- GPU ---
    gpuSpot: boolean;
    // --- autoscaling ---
    /** False where scaling on CPU fights the mode (affordable: Spot and stop-before-start updates): warn. */
    autoscalingRecommended: boolean;
    // --- operations ---
    /** How services behind the load balancer roll out (others always roll); see RolloutSettings. */
    rollout: RolloutSettings;
    /** Thresholds of the CloudWatch alarms every deployment gets (plan/alarms.ts). */
    alarms: AlarmThresholds;
}

/**
 * ECS native deployment strategy of services behind the load balancer. `rolling` replaces tasks in
 * place; the others start a full new revision in a second target group and shift the listener rule
 * to it (canary: a share first; linear: in steps; blue-green: all at once), then keep the old one
 * for the bake time so a rollback is a traffic switch, not a redeploy.
 */
export interface RolloutSettings {
    strategy: "rolling" | "canary" | "linear" | "blue-green";
    /** Minutes both revisions run after production traffic moved (0-1440). */
    bakeMinutes: number;
    /** Canary: share of traffic (percent) and minutes before the rest moves. */
    canaryPercent: number;
    canaryBakeMinutes: number;
    /** Linear: percent per step and minutes between steps. */
    linearStepPercent: number;
    linearStepBakeMinutes: number;
}

/** Alarm thresholds. A period is one minute; an alarm fires after `evaluationPeriods` breaching minutes. */
export interface AlarmThresholds {
    evaluationPeriods: number;
    serviceCpuPercent: number;
    serviceMemoryPercent: number;
    /** Share of requests a target group answers with 5xx, once it serves `minimumRequests` a minute. */
    target5xxPercent: number;
    minimumRequests: number;
    /** p95 of the targets' response time. */
    targetResponseSeconds: number;
    /** 5xx the load balancer itself returns a minute (no healthy target, timeouts). */
    loadBalancer5xxPerMinute: number;
    databaseCpuPercent: number;
    /** Of the storage allocated at creation (storage autoscaling adds more at 10 % free). */
    databaseFreeStoragePercent: number;
    /** Of the engine's connection limit for the instance class. */
    databaseConnectionsPercent: number;
    cacheCpuPercent: number;
    cacheMemoryPercent: number;
    cacheEvictionsPerMinute: number;
}

/** Rolling everywhere but high_availability, whose services behind the load balancer get a canary. */
const ROLLING: RolloutSettings = { strategy: "rolling", bakeMinutes: 5, canaryPercent: 10, canaryBakeMinutes: 5, linearStepPercent: 25, linearStepBakeMinutes: 3 };

const ON_DEMAND: CapacityProviderItem[] = [{ capacityProvider: "FARGATE", weight: 1 }];
const SPOT: CapacityProviderItem[] = [{ capacityProvider: "FARGATE_SPOT", weight: 1 }];
/** First task on demand, the rest on Spot: an interruption never takes the service to zero. */
const SPOT_WITH_ON_DEMAND_BASE: CapacityProviderItem[] = [
    { capacityProvider: "FARGATE", base: 1, weight: 0 },
    { capacityProvider: "FARGATE_SPOT", weight: 1 },
];

export const MODE_TABLE: Record<Mode, ModeSettings> = {
    affordable: {
        mode: "affordable",
        summary: "Spot capacity, no NAT gateway (tasks in public subnets, reachable only through the load balancer), burstable database classes, 1-day logs, replace-on-update",
        availabilityZones: 2,
        natGateways: "none",
        servicesInPublicSubnets: true,
        flowLogs: false,
        capacity: SPOT,
        minimumHealthyPercent: 0,
        maximumPercent: 200,
        waitForSteadyState: true,
        containerInsights: false,
        albDeletionProtection: false,
        healthCheck: { intervalSeconds: 15, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
        deregistrationDelaySeconds: 5,
        httpRedirectCode: "HTTP_301",
        logRetentionDays: 1,
        databaseFamily: "burstable",
        multiAz: false,
        backupRetentionDays: 1,
        deletionProtection: false,
        finalSnapshot: false,
        performanceInsights: false,
        databaseMonitoringIntervalSeconds: 0,
        databaseLogExports: false,
        databaseMaxStorageGiB: 100,
        protectData: false,
        cacheNodes: 1,
        cacheSnapshotRetentionDays: 0,
        documentDbInstances: 1,
        efsThroughputMode: "bursting",
        efsTransitionToIA: "AFTER_7_DAYS",
        efsBackups: true,
        bucketVersioning: false,
        bucketNoncurrentVersionDays: 0,
        bucketForceDestroy: true,
        cdnPriceClass: "PriceClass_100",
        gpuSpot: true,
        autoscalingRecommended: false,
        rollout: ROLLING,
        alarms: {
            evaluationPeriods: 5,
            serviceCpuPercent: 90,
            serviceMemoryPercent: 90,
            target5xxPercent: 10,
            minimumRequests: 10,
            targetResponseSeconds: 5,
            loadBalancer5xxPerMinute: 50,
            databaseCpuPercent: 90,
            databaseFreeStoragePercent: 10,
            databaseConnectionsPercent: 90,
            cacheCpuPercent: 90,
            cacheMemoryPercent: 90,
            cacheEvictionsPerMinute: 1000,
        },
    },
    balanced: {
        mode: "balanced",
        summary: "Spot capacity with one on-demand task per service, private subnets behind one NAT gateway, production database classes, 7-day logs and backups, rolling updates",
        availabilityZones: 2,
        natGateways: "single",
        servicesInPublicSubnets: false,
        flowLogs: true,
        capacity: SPOT_WITH_ON_DEMAND_BASE,
        minimumHealthyPercent: 100,
        maximumPercent: 200,
        waitForSteadyState: true,
        containerInsights: true,
        albDeletionProtection: false,
        healthCheck: { intervalSeconds: 15, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
        deregistrationDelaySeconds: 15,
        httpRedirectCode: "HTTP_301",
        logRetentionDays: 7,
        databaseFamily: "production",
        multiAz: false,
        backupRetentionDays: 7,
        deletionProtection: true,
        finalSnapshot: true,
        performanceInsights: true,
        databaseMonitoringIntervalSeconds: 60,
        databaseLogExports: true,
        databaseMaxStorageGiB: 500,
        protectData: false,
        cacheNodes: 1,
        cacheSnapshotRetentionDays: 7,
        documentDbInstances: 1,
        efsThroughputMode: "bursting",
        efsTransitionToIA: "AFTER_30_DAYS",
        efsBackups: true,
        bucketVersioning: true,
        bucketNoncurrentVersionDays: 30,
        bucketForceDestroy: false,
        cdnPriceClass: "PriceClass_100",
        gpuSpot: true,
        autoscalingRecommended: true,
        rollout: ROLLING,
        alarms: {
            evaluationPeriods: 3,
            serviceCpuPercent: 85,
            serviceMemoryPercent: 90,
            target5xxPercent: 5,
            minimumRequests: 10,
            targetResponseSeconds: 2,
            loadBalancer5xxPerMinute: 20,
            databaseCpuPercent: 80,
            databaseFreeStoragePercent: 10,
            databaseConnectionsPercent: 80,
            cacheCpuPercent: 80,
            cacheMemoryPercent: 85,
            cacheEvictionsPerMinute: 100,
        },
    },
    high_availability: {
        mode: "high_availability",
        summary: "On-demand capacity in three availability zones with a NAT gateway each, Multi-AZ databases with deletion protection, 14-day backups and final snapshots, 30-day logs, rolling updates that keep full capacity",
        availabilityZones: 3,
        natGateways: "per-az",
        servicesInPublicSubnets: false,
        flowLogs: true,
        capacity: ON_DEMAND,
        minimumHealthyPercent: 100,
        maximumPercent: 200,
        waitForSteadyState: true,
        containerInsights: true,
        albDeletionProtection: true,
        healthCheck: { intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
        deregistrationDelaySeconds: 30,
        httpRedirectCode: "HTTP_301",
        logRetentionDays: 30,
        databaseFamily: "production",
        multiAz: true,
        backupRetentionDays: 14,
        deletionProtection: true,
        finalSnapshot: true,
        performanceInsights: true,
        databaseMonitoringIntervalSeconds: 60,
        databaseLogExports: true,
        databaseMaxStorageGiB: 1000,
        protectData: true,
        cacheNodes: 2,
        cacheSnapshotRetentionDays: 7,
        documentDbInstances: 2,
        efsThroughputMode: "elastic",
        efsTransitionToIA: "AFTER_30_DAYS",
        efsBackups: true,
        bucketVersioning: true,
        bucketNoncurrentVersionDays: 90,
        bucketForceDestroy: false,
        cdnPriceClass: "PriceClass_All",
        gpuSpot: false,
        autoscalingRecommended: true,
        rollout: { ...ROLLING, strategy: "canary", bakeMinutes: 10, canaryPercent: 10, canaryBakeMinutes: 5 },
        alarms: {
            evaluationPeriods: 3,
            serviceCpuPercent: 80,
            serviceMemoryPercent: 85,
            target5xxPercent: 2,
            minimumRequests: 10,
            targetResponseSeconds: 1,
            loadBalancer5xxPerMinute: 10,
            databaseCpuPercent: 80,
            databaseFreeStoragePercent: 10,
            databaseConnectionsPercent: 80,
            cacheCpuPercent: 75,
            cacheMemoryPercent: 80,
            cacheEvictionsPerMinute: 10,
        },
    },
};
