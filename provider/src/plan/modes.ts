// The deployment modes as data: one row per mode, every knob the plan reads.
// Values follow Defang (reference/defang-behaviour.md §8.2) and are better where Defang is weak:
// backups in every mode, Multi-AZ stores and deletion protection in high_availability, an
// on-demand base task under Spot in balanced so an interruption never takes a service to zero,
// deploys that wait for steady state in every mode (a rollout the circuit breaker rolls back must
// fail `pulumi up`, not pass silently), and the per-mode rules of reference/security-rules.md
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
}

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
    },
};
