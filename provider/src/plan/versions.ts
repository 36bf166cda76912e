// Engine versions of managed stores, read from the compose image the store replaces. The supported
// lists are data: versions in AWS standard support on 2026-11-26 (past it, RDS bills Extended Support
// and ElastiCache an extended-support surcharge — reference/aws.md §1.3, §1.4).

export interface ImageRef {
    /** Repository path without registry and tag, lower case: `postgres`, `pgvector/pgvector`, `valkey/valkey`. */
    repository: string;
    /** Last path segment of the repository: `postgres`, `pgvector`, `valkey`. */
    name: string;
    tag?: string;
}

export function parseImage(image: string): ImageRef {
    let rest = image.trim().toLowerCase().split("@")[0];
    const slash = rest.indexOf("/");
    // A first segment with a dot or colon (or `localhost`) is a registry host.
    if (slash > 0 && /[.:]|^localhost$/.test(rest.slice(0, slash))) rest = rest.slice(slash + 1);
    let tag: string | undefined;
    const colon = rest.lastIndexOf(":");
    if (colon > rest.lastIndexOf("/")) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
    }
    if (rest.startsWith("library/")) rest = rest.slice("library/".length);
    const segments = rest.split("/");
    return { repository: rest, name: segments[segments.length - 1], tag };
}

/** Major.minor from a tag: `16`, `16.4-alpine`, `pg16`, `0.8.0-pg17`, `7.2.5`, `8-bookworm`. */
export function tagVersion(tag: string | undefined): { major: number; minor?: number } | undefined {
    if (!tag || tag === "latest") return undefined;
    const pg = /(?:^|[-_])pg(\d+)(?:\.(\d+))?/.exec(tag);
    const m = pg ?? /^v?(\d+)(?:\.(\d+))?/.exec(tag);
    if (!m) return undefined;
    return { major: Number(m[1]), minor: m[2] !== undefined ? Number(m[2]) : undefined };
}

// ----- PostgreSQL (RDS) -----

export const POSTGRES_MAJORS = [14, 15, 16, 17, 18] as const;
export const POSTGRES_DEFAULT = 18;
/** Majors whose RDS standard support ends within a year of the table's date. */
export const POSTGRES_ENDING: Record<number, string> = { 14: "2027-02-28" };
export const POSTGRES_IMAGES = ["postgres", "pgvector", "postgis", "postgresql", "timescaledb"];

// ----- Redis OSS / Valkey (ElastiCache) -----

/** Redis OSS on ElastiCache stops at 7.1; Valkey is its successor. */
export const REDIS_VERSION = "7.1";
export const VALKEY_VERSIONS = ["7.2", "8.0", "8.1", "8.2", "9.0"] as const;
export const VALKEY_DEFAULT = "8.2";
export const REDIS_IMAGES = ["redis", "redis-stack", "redis-stack-server"];
export const VALKEY_IMAGES = ["valkey"];

/** Newest supported Valkey version matching the requested major (and minor ≤ the requested one). */
export function valkeyVersion(v: { major: number; minor?: number } | undefined): string | undefined {
    if (!v) return VALKEY_DEFAULT;
    const candidates = VALKEY_VERSIONS.filter((s) => {
        const [maj, min] = s.split(".").map(Number);
        return maj === v.major && (v.minor === undefined || min <= v.minor);
    });
    return candidates[candidates.length - 1];
}

export function valkeyFamily(version: string): string {
    return `valkey${version.split(".")[0]}`;
}

// ----- MongoDB (DocumentDB) -----

export const DOCUMENTDB_VERSIONS: Record<number, { engine: string; family: string }> = {
    4: { engine: "4.0.0", family: "docdb4.0" },
    5: { engine: "5.0.0", family: "docdb5.0" },
};
export const DOCUMENTDB_DEFAULT_MAJOR = 5;
export const MONGO_IMAGES = ["mongo", "mongodb", "mongodb-community-server"];
