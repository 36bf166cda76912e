// Instance catalogs for managed stores and GPU hosts, as data. Prices are us-east-1 on-demand $/hour,
// used only to rank candidates (the estimate has its own versioned price table). Sources:
// reference/aws.md §1.3–1.5, §1.7 and defang-behaviour.md §9.2; figures marked "ranking only" there
// are third-party and unverified — good enough to order classes, not to bill.

export interface InstanceClass {
    name: string;
    vcpus: number;
    memoryGiB: number;
    hourly: number;
    /** Burstable (T) classes: CPU credits, fine for small and idle databases only. */
    burstable: boolean;
}

function c(name: string, vcpus: number, memoryGiB: number, hourly: number): InstanceClass {
    return { name, vcpus, memoryGiB, hourly, burstable: /\.t\d/.test(name) };
}

/** RDS for PostgreSQL (Single-AZ prices; Multi-AZ doubles every class alike, so the ranking holds). */
export const RDS_POSTGRES: readonly InstanceClass[] = [
    c("db.t4g.micro", 2, 1, 0.016),
    c("db.t4g.small", 2, 2, 0.032),
    c("db.t4g.medium", 2, 4, 0.065),
    c("db.t4g.large", 2, 8, 0.129),
    c("db.t4g.xlarge", 4, 16, 0.258),
    c("db.t4g.2xlarge", 8, 32, 0.517),
    c("db.m6g.large", 2, 8, 0.159),
    c("db.m7g.large", 2, 8, 0.168),
    c("db.m6g.xlarge", 4, 16, 0.318),
    c("db.m6g.2xlarge", 8, 32, 0.636),
    c("db.m6g.4xlarge", 16, 64, 1.272),
    c("db.m6g.8xlarge", 32, 128, 2.544),
    c("db.m6g.16xlarge", 64, 256, 5.088),
    c("db.r6g.large", 2, 16, 0.225),
    c("db.r7g.large", 2, 16, 0.239),
    c("db.r6g.xlarge", 4, 32, 0.45),
    c("db.r6g.2xlarge", 8, 64, 0.899),
    c("db.r6g.4xlarge", 16, 128, 1.798),
    c("db.r6g.8xlarge", 32, 256, 3.597),
    c("db.r6g.16xlarge", 64, 512, 7.194),
];

/** ElastiCache node types with Redis OSS prices (Valkey costs 0.8× for every type). */
export const ELASTICACHE: readonly InstanceClass[] = [
    c("cache.t4g.micro", 2, 0.5, 0.016),
    c("cache.t4g.small", 2, 1.37, 0.032),
    c("cache.t4g.medium", 2, 3.09, 0.065),
    c("cache.m6g.large", 2, 6.38, 0.149),
    c("cache.m7g.large", 2, 6.38, 0.158),
    c("cache.m6g.xlarge", 4, 12.93, 0.296),
    c("cache.m6g.2xlarge", 8, 26.04, 0.594),
    c("cache.m6g.4xlarge", 16, 52.26, 1.187),
    c("cache.r6g.large", 2, 13.07, 0.206),
    c("cache.r7g.large", 2, 13.07, 0.219),
    c("cache.r6g.xlarge", 4, 26.32, 0.411),
    c("cache.r6g.2xlarge", 8, 52.82, 0.821),
    c("cache.r6g.4xlarge", 16, 105.81, 1.642),
    c("cache.r6g.8xlarge", 32, 209.55, 3.284),
];

/** DocumentDB instance classes (every instance of the cluster is billed). */
export const DOCUMENTDB: readonly InstanceClass[] = [
    c("db.t4g.medium", 2, 4, 0.072),
    c("db.t3.medium", 2, 4, 0.078),
    c("db.r6g.large", 2, 16, 0.247),
    c("db.r5.large", 2, 16, 0.277),
    c("db.r6g.xlarge", 4, 32, 0.494),
    c("db.r6g.2xlarge", 8, 64, 0.988),
    c("db.r6g.4xlarge", 16, 128, 1.976),
    c("db.r6g.8xlarge", 32, 256, 3.952),
];

export interface GpuInstance {
    name: string;
    vcpus: number;
    memoryGiB: number;
    gpus: number;
    /** Memory per GPU. */
    gpuMemoryGiB: number;
    hourly: number;
}

function g(name: string, vcpus: number, memoryGiB: number, gpus: number, gpuMemoryGiB: number, hourly: number): GpuInstance {
    return { name, vcpus, memoryGiB, gpus, gpuMemoryGiB, hourly };
}

/** NVIDIA GPU hosts ECS supports with its GPU-optimized AMI: g4dn (T4 16 GB), g5 (A10G 24 GB), g6 (L4 24 GB). */
export const GPU_INSTANCES: readonly GpuInstance[] = [
    g("g4dn.xlarge", 4, 16, 1, 16, 0.526),
    g("g4dn.2xlarge", 8, 32, 1, 16, 0.752),
    g("g4dn.4xlarge", 16, 64, 1, 16, 1.204),
    g("g4dn.8xlarge", 32, 128, 1, 16, 2.176),
    g("g4dn.12xlarge", 48, 192, 4, 16, 3.912),
    g("g4dn.16xlarge", 64, 256, 1, 16, 4.352),
    g("g6.xlarge", 4, 16, 1, 24, 0.805),
    g("g6.2xlarge", 8, 32, 1, 24, 0.978),
    g("g6.4xlarge", 16, 64, 1, 24, 1.323),
    g("g6.8xlarge", 32, 128, 1, 24, 2.014),
    g("g6.12xlarge", 48, 192, 4, 24, 4.602),
    g("g6.24xlarge", 96, 384, 4, 24, 6.676),
    g("g6.48xlarge", 192, 768, 8, 24, 13.35),
    g("g5.xlarge", 4, 16, 1, 24, 1.006),
    g("g5.2xlarge", 8, 32, 1, 24, 1.212),
    g("g5.4xlarge", 16, 64, 1, 24, 1.624),
    g("g5.8xlarge", 32, 128, 1, 24, 2.448),
    g("g5.12xlarge", 48, 192, 4, 24, 5.672),
    g("g5.24xlarge", 96, 384, 4, 24, 8.144),
    g("g5.48xlarge", 192, 768, 8, 24, 16.288),
];

/**
 * GPU families a region does not offer (instances.vantage.sh data of 2025-05-28, the source of the
 * regional GPU prices in estimate/prices/: no price there means no offer): the planner never puts a
 * service on them in that region, so every type it can choose is one the region has and the estimate prices.
 */
export const GPU_FAMILIES_NOT_OFFERED: Readonly<Record<string, readonly string[]>> = {
    "eu-west-1": ["g6"],
};

/** The GPU types offered in `region` (all of them when the region is unknown or not listed). */
export function gpuInstancesIn(region: string | undefined): readonly GpuInstance[] {
    const missing = region ? (GPU_FAMILIES_NOT_OFFERED[region] ?? []) : [];
    return GPU_INSTANCES.filter((i) => !missing.includes(i.name.split(".")[0]));
}

/**
 * The cheapest class with vCPUs ≥ ceil(cpus) and memory ≥ the reservation (Defang's rule), searching
 * burstable classes only when `burstable` (affordable) and production (non-burstable) classes always.
 * Undefined when nothing fits.
 */
export function cheapestFit(
    catalog: readonly InstanceClass[],
    need: { cpus?: number; memoryMiB?: number },
    family: "burstable" | "production",
): InstanceClass | undefined {
    const vcpus = Math.ceil(need.cpus ?? 0);
    const memGiB = (need.memoryMiB ?? 0) / 1024;
    const fits = (cls: InstanceClass): boolean => cls.vcpus >= vcpus && cls.memoryGiB >= memGiB;
    const rank = (list: InstanceClass[]): InstanceClass | undefined =>
        list.filter(fits).sort((a, b) => a.hourly - b.hourly || (a.name < b.name ? -1 : 1))[0];
    if (family === "burstable") {
        const cheap = rank(catalog.filter((cls) => cls.burstable));
        if (cheap) return cheap;
    }
    return rank(catalog.filter((cls) => !cls.burstable));
}

/**
 * Default connection limit of an RDS for PostgreSQL instance: `max_connections` =
 * LEAST({DBInstanceClassMemory/9531392}, 5000) (RDS User Guide, "Maximum number of database
 * connections"); the class memory stands in for DBInstanceClassMemory, which is slightly less.
 */
export function postgresConnectionLimit(instanceClass: string): number | undefined {
    const cls = RDS_POSTGRES.find((c) => c.name === instanceClass);
    return cls ? Math.min(Math.floor((cls.memoryGiB * 1024 ** 3) / 9531392), 5000) : undefined;
}

/**
 * Connections one DocumentDB instance accepts, by class (DocumentDB Developer Guide, "Quotas and
 * limits", instance limits table; Graviton classes have the limits of the r5 class of their size).
 */
const DOCUMENTDB_CONNECTIONS: Record<string, number> = {
    "db.t4g.medium": 500,
    "db.t3.medium": 500,
    "db.r6g.large": 1700,
    "db.r5.large": 1700,
    "db.r6g.xlarge": 3400,
    "db.r6g.2xlarge": 6500,
    "db.r6g.4xlarge": 8800,
    "db.r6g.8xlarge": 16600,
};

export function documentDbConnectionLimit(instanceClass: string): number | undefined {
    return DOCUMENTDB_CONNECTIONS[instanceClass];
}
