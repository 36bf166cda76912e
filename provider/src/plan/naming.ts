// Physical names within AWS limits (reference/aws.md §7): sanitized, truncated with a short stable hash
// so two long names never collide, deterministic so a re-plan never renames (and so never replaces)
// a resource. Pure: node's crypto only.
import { createHash } from "crypto";

export interface NameRules {
    maxLength: number;
    /** Lower-case the result (RDS, ElastiCache, DocumentDB, ECR, DNS labels). */
    lowercase?: boolean;
    /** The first character must be a letter (RDS, ElastiCache, DocumentDB identifiers). */
    startWithLetter?: boolean;
    /** Characters allowed besides letters and digits; anything else becomes `-`. Default "-". */
    extraChars?: string;
    /** Always append the hash (names that must change when `hashInput` changes, e.g. target groups). */
    alwaysHash?: boolean;
    /** What the hash is computed from; default the sanitized name itself. */
    hashInput?: string;
}

/** 6 hex characters of SHA-256: stable across runs and platforms. */
export function shortHash(input: string, length = 6): string {
    return createHash("sha256").update(input).digest("hex").slice(0, length);
}

/**
 * Joins `parts` with `-` and makes the result valid under `rules`: disallowed characters → `-`,
 * runs of `-` collapsed (no `--`), no leading/trailing `-`, a letter first when required, and when
 * longer than the limit (or `alwaysHash`), truncated and suffixed with `-<hash6>` of the full name.
 */
export function physicalName(parts: string[], rules: NameRules): string {
    const extra = rules.extraChars ?? "-";
    let name = parts.filter((p) => p.length > 0).join("-");
    if (rules.lowercase) name = name.toLowerCase();
    name = [...name].map((c) => (/[A-Za-z0-9]/.test(c) || extra.includes(c) ? c : "-")).join("");
    name = tidy(name);
    if (rules.startWithLetter && !/^[A-Za-z]/.test(name)) name = tidy(`x-${name}`);
    if (name.length === 0) name = "x";
    const full = name;
    const needsHash = rules.alwaysHash || full.length > rules.maxLength;
    if (!needsHash) return full;
    const hash = shortHash(rules.hashInput ?? full);
    const room = rules.maxLength - hash.length - 1;
    const head = tidy(full.slice(0, Math.max(room, 0)));
    return head.length > 0 ? `${head}-${hash}` : rules.startWithLetter ? `x${hash.slice(0, rules.maxLength - 1)}` : hash;
}

function tidy(name: string): string {
    return name.replace(/-{2,}/g, "-").replace(/^-+/, "").replace(/-+$/, "");
}

/** DNS label of a compose service: lower case, `_` and `.` → `-`, ≤ 63 characters. */
export function dnsLabel(name: string): string {
    return physicalName([name], { maxLength: 63, lowercase: true });
}

/** ALB: ≤ 32, `[A-Za-z0-9-]`, must not start with `internal-`. */
export function loadBalancerName(project: string, stack: string): string {
    const name = physicalName([project, stack], { maxLength: 32, lowercase: true });
    return name.startsWith("internal-") ? physicalName(["alb", project, stack], { maxLength: 32, lowercase: true }) : name;
}

/**
 * Target group: ≤ 32. Always hashed over the properties that force a replacement (port, protocol
 * version, VPC), so a replacement gets a new name and can be created before the old one is deleted.
 */
export function targetGroupName(project: string, stack: string, service: string, port: number, replaceKey: string): string {
    const hash = shortHash([project, stack, service, port, replaceKey].join("|"));
    // Keep `<service>-<port>` readable; the project and stack give way first.
    const svc = physicalName([service], { maxLength: 63, lowercase: true })
        .slice(0, 32 - hash.length - String(port).length - 2)
        .replace(/-+$/, "");
    const tail = `${svc}-${port}`;
    const room = 32 - hash.length - tail.length - 2;
    const head = room > 0 ? physicalName([project, stack], { maxLength: 63, lowercase: true }).slice(0, room).replace(/-+$/, "") : "";
    return [head, tail, hash].filter((p) => p.length > 0).join("-");
}

/** IAM role or policy name: ≤ 64, `[A-Za-z0-9+=,.@_-]`. */
export function iamRoleName(...parts: string[]): string {
    return physicalName(parts, { maxLength: 64, extraChars: "+=,.@_-" });
}

/** RDS DB instance identifier: 1–63, lower case, letter first, no `--`, no trailing `-`. */
export function rdsIdentifier(...parts: string[]): string {
    return physicalName(parts, { maxLength: 63, lowercase: true, startWithLetter: true });
}

/** DocumentDB cluster identifier: same rules as RDS. */
export function docdbIdentifier(...parts: string[]): string {
    return rdsIdentifier(...parts);
}

/** ElastiCache replication group id: 1–40, lower case, letter first, no `--`, no trailing `-`. */
export function elastiCacheId(...parts: string[]): string {
    return physicalName(parts, { maxLength: 40, lowercase: true, startWithLetter: true });
}

/** ECR repository: lower case, `[a-z0-9._/-]`, ≤ 256; namespaced `<project>-<stack>/<service>`. */
export function ecrRepositoryName(project: string, stack: string, service: string): string {
    const ns = physicalName([project, stack], { maxLength: 120, lowercase: true, extraChars: "-_." });
    const svc = physicalName([service], { maxLength: 120, lowercase: true, extraChars: "-_." });
    return `${ns}/${svc}`;
}

/** ECS cluster (and service) name: ≤ 255, `[A-Za-z0-9_-]`. */
export function clusterName(project: string, stack: string): string {
    return physicalName([project, stack], { maxLength: 255, extraChars: "-_" });
}

// ----- storage: EFS file systems, S3 buckets, CloudFront (one place for these names) -----

/** EFS creation token: ≤ 64, unique per account and region. Independent of the mode: a token change replaces the file system. */
export function efsCreationToken(project: string, stack: string, volume: string): string {
    return physicalName([project, stack, volume], { maxLength: 64, extraChars: "-_." });
}

/**
 * A bucket we create: S3 names are global, so the name carries a hash of the account, region, project,
 * stack and service (two stacks, regions or accounts never collide), ≤ 63, lower case, `[a-z0-9-]`
 * (no dots: they break TLS to `<bucket>.s3.<region>.amazonaws.com`).
 */
export function s3BucketName(account: string, region: string, project: string, stack: string, service: string, purpose: string): string {
    const hashInput = [account, region, project, stack, service, purpose].join("|");
    const name = physicalName([project, stack, service], { maxLength: 63, lowercase: true, alwaysHash: true, hashInput });
    // Reserved prefixes (`xn--`, `sthree-`, `amzn-s3-demo-`) cannot start a name that begins with `s3-`.
    return /^(xn--|sthree-|amzn-s3-demo-)/.test(name) ? physicalName(["s3", name], { maxLength: 63, lowercase: true, alwaysHash: true, hashInput }) : name;
}

/**
 * CloudFront Function and origin access control names: ≤ 64, `[A-Za-z0-9_-]`, unique per account (CloudFront
 * is global), so the hash covers the region: the same stack in two regions never collides.
 */
export function cloudFrontName(region: string, project: string, stack: string, service: string, what: string): string {
    const hashInput = [region, project, stack, service, what].join("|");
    return physicalName([project, stack, service, what], { maxLength: 64, extraChars: "-_", alwaysHash: true, hashInput });
}
