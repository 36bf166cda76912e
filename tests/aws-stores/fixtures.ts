// Hand-written plan slices, as the planner produces them from the mode table (plan/modes.ts), so the
// aws modules can be tested alone: every mode-dependent value comes from MODE_TABLE, never a literal.
import { MODE_TABLE, type Mode } from "../../provider/src/plan/modes";
import type {
    DeploymentPlan,
    GpuCapacityPlan,
    MongoPlan,
    PostgresPlan,
    RedisPlan,
    ServicePlan,
    StorePlan,
} from "../../provider/src/plan/types";

export const MODES: Mode[] = ["affordable", "balanced", "high_availability"];
export const PREFIX = "/Defang/app/dev/";

function base(name: string, mode: Mode, port: number) {
    const s = MODE_TABLE[mode];
    return {
        name,
        label: name,
        port,
        privateFqdn: `${name}.app.internal`,
        identifier: `app-dev-${name}`,
        deletionProtection: s.deletionProtection,
        protect: s.protectData,
        allowDowntime: false,
        subnets: "private" as const,
        source: ["services", name],
    };
}

export function postgresPlan(mode: Mode, extra: Partial<PostgresPlan> = {}): PostgresPlan {
    const s = MODE_TABLE[mode];
    return {
        ...base("db", mode, 5432),
        kind: "postgres",
        image: "postgres:16",
        engineVersion: "16",
        instanceClass: s.databaseFamily === "burstable" ? "db.t4g.micro" : "db.r6g.large",
        username: "postgres",
        database: "postgres",
        password: { kind: "generated", parameter: `${PREFIX}db/password` },
        allocatedStorageGiB: 20,
        maxAllocatedStorageGiB: s.databaseMaxStorageGiB,
        multiAz: s.multiAz,
        backupRetentionDays: s.backupRetentionDays,
        finalSnapshot: s.finalSnapshot,
        finalSnapshotIdentifier: s.finalSnapshot ? "app-dev-db-final" : undefined,
        performanceInsights: s.performanceInsights,
        monitoringIntervalSeconds: s.databaseMonitoringIntervalSeconds,
        logExports: s.databaseLogExports ? ["postgresql", "upgrade"] : [],
        parameterGroupFamily: "postgres16",
        ...extra,
    };
}

export function redisPlan(mode: Mode, extra: Partial<RedisPlan> = {}): RedisPlan {
    const s = MODE_TABLE[mode];
    return {
        ...base("cache", mode, 6379),
        kind: "redis",
        image: "redis:7.2",
        engine: "redis",
        engineVersion: "7.1",
        parameterGroupFamily: "redis7",
        instanceClass: s.databaseFamily === "burstable" ? "cache.t4g.micro" : "cache.r6g.large",
        numCacheClusters: s.cacheNodes,
        automaticFailover: s.cacheNodes > 1,
        multiAz: s.cacheNodes > 1,
        snapshotRetentionDays: s.cacheSnapshotRetentionDays,
        transitEncryptionMode: "required",
        authToken: { kind: "generated", parameter: `${PREFIX}cache/auth-token` },
        ...extra,
    };
}

export function mongoPlan(mode: Mode, extra: Partial<MongoPlan> = {}): MongoPlan {
    const s = MODE_TABLE[mode];
    return {
        ...base("docs", mode, 27017),
        kind: "mongodb",
        image: "mongo:5",
        engineVersion: "5.0.0",
        instanceClass: s.databaseFamily === "burstable" ? "db.t4g.medium" : "db.r6g.large",
        username: { kind: "config", name: "MONGO_INITDB_ROOT_USERNAME" },
        password: { kind: "config", name: "MONGO_INITDB_ROOT_PASSWORD" },
        instances: s.documentDbInstances,
        backupRetentionDays: s.backupRetentionDays,
        finalSnapshot: s.finalSnapshot,
        finalSnapshotIdentifier: s.finalSnapshot ? "app-dev-docs-final" : undefined,
        logExports: s.databaseLogExports ? ["audit", "profiler"] : [],
        parameterGroupFamily: "docdb5.0",
        ...extra,
    };
}

export function gpuPlan(mode: Mode, extra: Partial<GpuCapacityPlan> = {}): GpuCapacityPlan {
    return {
        strategy: "managed-instances",
        instanceTypes: ["g4dn.xlarge", "g5.xlarge", "g6.xlarge"],
        gpusPerInstance: 1,
        requirements: { vcpus: 4, memoryMiB: 16384, gpus: 1, manufacturer: "nvidia" },
        amiParameter: "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id",
        spot: MODE_TABLE[mode].gpuSpot,
        minSize: 0,
        maxSize: 2,
        services: ["infer"],
        ...extra,
    };
}

/** Just enough of a ServicePlan for the modules that read services (GPU subnets, autoscaling). */
export function servicePlan(name: string, mode: Mode, extra: Partial<ServicePlan> = {}): ServicePlan {
    const s = MODE_TABLE[mode];
    return {
        name,
        label: name,
        compute: "fargate",
        subnets: s.servicesInPublicSubnets ? "public" : "private",
        cpu: 1024,
        memory: 2048,
        replicas: 2,
        ...extra,
    } as ServicePlan;
}

export function planFor(mode: Mode, parts: { stores?: StorePlan[]; services?: ServicePlan[]; gpu?: GpuCapacityPlan } = {}): DeploymentPlan {
    return {
        project: "app",
        stack: "dev",
        mode,
        settings: MODE_TABLE[mode],
        tags: { "defang:project": "app", "defang:stack": "dev", "defang:mode": mode },
        services: parts.services ?? [],
        stores: parts.stores ?? [],
        gpu: parts.gpu,
        config: { prefix: PREFIX, required: [], provided: [], derived: [] },
        diagnostics: [],
    } as unknown as DeploymentPlan;
}
