// Physical names: one function per kind of AWS resource, each valid under the rule of plan/aws-limits.ts
// whatever the input (sanitized, truncated, a letter first where needed). Names AWS keeps unique per
// account or region are injective over the deployment — (Pulumi project, stack, compose project,
// service, what) — because they end in a hash of that tuple: `a-b`/`c` and `a`/`b-c` read alike but
// hash apart, and two Pulumi projects deploying one compose file into one stack never share a name.
// Deterministic, so a re-plan never renames (and so never replaces) a resource. Exceptions, by design:
// Defang's paths (`/Defang/<project>/<stack>/…` for config parameters and log groups), which Defang's
// tooling and `pulumi-defang config`/`logs` read, and names scoped to one of our own containers (a
// Cloud Map service in the project's namespace, a container in its task). Pure: node's crypto only.
import { createHash } from "crypto";
import { type StringKind, type StringRule, STRINGS, checkString } from "./aws-limits";

/** Whose resource a name is for. */
export interface NamingScope {
    /** Compose project name. */
    project: string;
    /** Pulumi stack name. */
    stack: string;
    /** Pulumi project name (absent in plans built outside a Pulumi program: hashed as ""). */
    pulumiProject?: string;
    /** Region: part of the identity of account-wide (IAM) names. */
    region?: string;
}

/** Hex digits of SHA-256: stable across runs and platforms. */
export function shortHash(input: string, length = HASH_LENGTH): string {
    return createHash("sha256").update(input).digest("hex").slice(0, length);
}

const HASH_LENGTH = 8;

/** Letters and digits in runs joined by single hyphens (valid in every name kind we build). */
function words(parts: string[], lowercase: boolean): string {
    const joined = parts.filter((p) => p.length > 0).join("-");
    const cased = lowercase ? joined.toLowerCase() : joined;
    return cased.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

interface Fit {
    /** Characters to leave free after the name (a suffix the caller appends, e.g. `-12`). */
    reserve?: number;
    /** Readable tail kept whole when the head is cut (e.g. `web-8080`). */
    tail?: string;
    /** Fixed start AWS requires (e.g. `alias/`), part of the name its rule checks. */
    prefix?: string;
}

/**
 * `<readable>-<hash>` valid for `kind`: the readable part cut to fit, the hash over `identity` (a JSON
 * tuple, so separators inside its parts cannot make two identities equal).
 */
export function hashedName(kind: StringKind, readable: string[], identity: unknown[], fit: Fit = {}): string {
    const rule: StringRule = STRINGS[kind];
    const hash = shortHash(JSON.stringify([kind, ...identity]));
    const tail = fit.tail ? words([fit.tail], rule.lowercase === true) : "";
    let head = words(readable, rule.lowercase === true);
    // A letter first where AWS wants one, and never a prefix AWS reserves.
    const prefix = fit.prefix ?? "";
    if (head.length === 0 || (rule.letterFirst && !/^[A-Za-z]/.test(prefix + head)) || reserved(rule, prefix + head)) head = head ? `x-${head}` : "x";
    const room = rule.max - (fit.reserve ?? 0) - prefix.length - hash.length - 1 - (tail ? tail.length + 1 : 0);
    head = head.slice(0, Math.max(0, room)).replace(/-+$/, "");
    const name = prefix + [head, tail, hash].filter((p) => p.length > 0).join("-");
    assertValid(kind, name);
    return name;
}

function reserved(rule: StringRule, name: string): boolean {
    return (rule.reservedPrefixes ?? []).some((p) => name.toLowerCase().startsWith(p.toLowerCase()));
}

/** A naming function producing an invalid name is our bug, never the user's: fail loudly. */
function assertValid(kind: StringKind, name: string): void {
    const broken = checkString(kind, name);
    if (broken) throw new Error(`internal error: naming produced an invalid ${broken.message}`);
}

const identity = (s: NamingScope, ...rest: unknown[]): unknown[] => [s.pulumiProject ?? "", s.project, s.stack, ...rest];
/** Account-wide names (IAM) also carry the region: one stack deployed to two regions must not share them. */
const globalIdentity = (s: NamingScope, ...rest: unknown[]): unknown[] => [...identity(s, ...rest), s.region ?? ""];

// ----- DNS -----

/** DNS label of a compose service: lower case, `_` and `.` → `-`, ≤ 63 characters. */
export function dnsLabel(name: string): string {
    const label = words([name], true);
    if (label.length <= 63) return label || "x";
    const hash = shortHash(name);
    return `${label.slice(0, 63 - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}

/** The Cloud Map private DNS namespace (a Route 53 private zone): `<project label>.internal`. */
export function namespaceName(project: string): string {
    return `${dnsLabel(project)}.internal`;
}

// ----- load balancer -----

/** ALB: ≤ 32, `[A-Za-z0-9-]`, not `internal-…`. */
export function loadBalancerName(s: NamingScope): string {
    return hashedName("loadBalancerName", [s.project, s.stack], identity(s));
}

/**
 * Target group: ≤ 32, hashed also over the properties that force a replacement (port, protocol version,
 * VPC), so a replacement gets a new name and can be created before the old one is deleted. `<service>-<port>`
 * stays readable; the project and stack give way first.
 */
export function targetGroupName(s: NamingScope, service: string, port: number, replaceKey: string): string {
    const svc = words([service], false).slice(0, 32 - HASH_LENGTH - String(port).length - 2).replace(/-+$/, "");
    return hashedName("targetGroupName", [s.project, s.stack], identity(s, service, port, replaceKey), { tail: `${svc}-${port}` });
}

/** The second target group of a port rolled out blue/green, canary or linear (see targetGroupName). */
export function alternateTargetGroupName(s: NamingScope, service: string, port: number, replaceKey: string): string {
    return targetGroupName(s, service, port, `${replaceKey}|alternate`);
}

// ----- ECS -----

export function clusterName(s: NamingScope): string {
    return hashedName("ecsClusterName", [s.project, s.stack], identity(s));
}

/**
 * ECS service: unique within our cluster already, hashed anyway so the name alone tells deployments apart,
 * and hashed over what forces ECS to replace the service (its capacity strategy, `replaceKey`), so a
 * replacement is created beside the service it replaces, like a target group.
 */
export function ecsServiceName(s: NamingScope, service: string, replaceKey: string): string {
    return hashedName("ecsServiceName", [s.project, s.stack, service], identity(s, service, replaceKey));
}

/** Task definition family (account- and region-wide). */
export function taskFamily(s: NamingScope, service: string): string {
    return hashedName("ecsTaskFamily", [s.project, s.stack, service], identity(s, service));
}

/** Container name: unique within its task (one container per task), so the service name sanitized. */
export function containerName(service: string): string {
    const name = service.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 255) || "app";
    assertValid("ecsContainerName", name);
    return name;
}

/** Capacity provider, hashed also over the inputs that force its replacement. Never `aws…`/`ecs…`/`fargate…`. */
export function capacityProviderName(s: NamingScope, what: string, replaceKey: unknown): string {
    return hashedName("ecsCapacityProviderName", [s.project, s.stack, what], identity(s, what, replaceKey));
}

// ----- EC2 -----

/** Security group (unique per VPC): `what` says whose it is (`apps`, `lb`, `network-<net>`, `<service>`…). */
export function securityGroupName(s: NamingScope, what: string): string {
    return hashedName("securityGroupName", [s.project, s.stack, what], identity(s, what));
}

export function launchTemplateName(s: NamingScope, what: string): string {
    return hashedName("launchTemplateName", [s.project, s.stack, what], identity(s, what));
}

export function autoScalingGroupName(s: NamingScope, what: string): string {
    return hashedName("autoScalingGroupName", [s.project, s.stack, what], identity(s, what));
}

// ----- IAM (account-wide) -----

/** IAM role: ≤ 64. `prefix` for roles a managed policy may pass only by name prefix (`ecsInstanceRole-`). */
export function iamRoleName(s: NamingScope, what: string, prefix = ""): string {
    const name = hashedName("iamRoleName", [s.project, s.stack, what], globalIdentity(s, what, prefix), { reserve: prefix.length });
    return `${prefix}${name}`;
}

export function iamInstanceProfileName(s: NamingScope, what: string, prefix = ""): string {
    const name = hashedName("iamInstanceProfileName", [s.project, s.stack, what], globalIdentity(s, what, prefix), { reserve: prefix.length });
    return `${prefix}${name}`;
}

// ----- managed stores -----

/** RDS DB instance identifier: 1–63, lower case, letter first, no `--`, no trailing `-`. */
export function rdsIdentifier(s: NamingScope, service: string): string {
    return hashedName("rdsInstanceIdentifier", [s.project, s.stack, service], identity(s, service));
}

/** RDS parameter group, hashed over its family too (a new major version is a new group beside the old). */
export function rdsParameterGroupName(s: NamingScope, service: string, family: string): string {
    return hashedName("rdsParameterGroupName", [s.project, s.stack, service, family], identity(s, service, family));
}

export function rdsSubnetGroupName(s: NamingScope, service: string): string {
    return hashedName("rdsSubnetGroupName", [s.project, s.stack, service], identity(s, service));
}

/** DocumentDB cluster identifier: like RDS, with room for the instances' `-<n>`. */
export function docdbClusterIdentifier(s: NamingScope, service: string): string {
    return hashedName("docdbClusterIdentifier", [s.project, s.stack, service], identity(s, service), { reserve: 3 });
}

/** DocumentDB instance `n` (1-based) of a cluster. */
export function docdbInstanceIdentifier(cluster: string, n: number): string {
    const name = `${cluster}-${n}`;
    assertValid("docdbInstanceIdentifier", name);
    return name;
}

export function docdbParameterGroupName(s: NamingScope, service: string, family: string): string {
    return hashedName("docdbClusterParameterGroupName", [s.project, s.stack, service, family], identity(s, service, family));
}

export function docdbSubnetGroupName(s: NamingScope, service: string): string {
    return hashedName("docdbSubnetGroupName", [s.project, s.stack, service], identity(s, service));
}

/** ElastiCache replication group id: 1–40 (its nodes add `-00n`), lower case, letter first. */
export function elastiCacheId(s: NamingScope, service: string): string {
    return hashedName("elastiCacheReplicationGroupId", [s.project, s.stack, service], identity(s, service));
}

export function elastiCacheSubnetGroupName(s: NamingScope, service: string): string {
    return hashedName("elastiCacheSubnetGroupName", [s.project, s.stack, service], identity(s, service));
}

/** The snapshot a store leaves when deleted: `<identifier>-final`. */
export function finalSnapshotName(identifier: string): string {
    const name = `${identifier}-final`;
    assertValid("dbSnapshotIdentifier", name);
    return name;
}

// ----- builds -----

export function ecrRepositoryName(s: NamingScope, service: string): string {
    return hashedName("ecrRepositoryName", [s.project, s.stack, service], identity(s, service));
}

export function codeBuildProjectName(s: NamingScope, service: string): string {
    return hashedName("codeBuildProjectName", [s.project, s.stack, service], identity(s, service));
}

/** Prefix of the build-context bucket: ≤ 37, lower case (the AWS provider appends 26 characters). */
export function buildBucketPrefix(s: NamingScope): string {
    return `${hashedName("s3BucketPrefix", [s.project, s.stack, "builds"], identity(s, "builds"), { reserve: 1 })}-`;
}

// ----- scaling -----

/** Target-tracking policy of a service (unique per scalable target; hashed like the rest). */
export function scalingPolicyName(s: NamingScope, service: string, metric: string): string {
    return hashedName("scalingPolicyName", [s.project, s.stack, service, metric], identity(s, service, metric));
}

// ----- alarms and dashboards -----

/**
 * CloudWatch alarm (unique per account and region): `<project>-<stack>-<subject>[-<port>]-<what>-<hash>`;
 * `subject` is the compose service or store it watches, absent for the load balancer's.
 */
export function alarmName(s: NamingScope, subject: string | undefined, what: string, port?: number): string {
    return hashedName("cloudWatchAlarmName", [s.project, s.stack, subject ?? "", port === undefined ? "" : String(port), what], identity(s, subject ?? null, port ?? null, what));
}

/** The project's CloudWatch dashboard (dashboards are account-wide: the region is hashed in). */
export function dashboardName(s: NamingScope): string {
    return hashedName("cloudWatchDashboardName", [s.project, s.stack], globalIdentity(s));
}

/** The SNS topic the project's alarms notify. */
export function alarmTopicName(s: NamingScope): string {
    return hashedName("snsTopicName", [s.project, s.stack, "alarms"], identity(s, "alarms"));
}

/** KMS alias of the key that encrypts the alarm topic: `alias/<readable>-<hash>`. */
export function alarmKeyAlias(s: NamingScope): string {
    return hashedName("kmsAliasName", [s.project, s.stack, "alarms"], identity(s, "alarms"), { prefix: "alias/" });
}

// ----- Defang's paths -----

/** A path segment of `/Defang/<project>/<stack>/…`: the log group alphabet, ≤ 100 characters. */
function pathSegment(part: string): string {
    const safe = part.replace(/[^A-Za-z0-9_.#-]/g, "-");
    return safe.length <= 100 ? safe : `${safe.slice(0, 100 - HASH_LENGTH - 1)}-${shortHash(part)}`;
}

/** `/Defang/<project>/<stack>/`: where the project's log groups live. */
export function logGroupPrefix(s: Pick<NamingScope, "project" | "stack">): string {
    return `/Defang/${pathSegment(s.project)}/${pathSegment(s.stack)}/`;
}

/** `/Defang/<project>/<stack>/ecs/<service>`: a service's log group, under the prefix Defang's tooling tails. */
export function serviceLogGroupName(s: Pick<NamingScope, "project" | "stack">, service: string): string {
    return checkedLogGroup(`${logGroupPrefix(s)}ecs/${pathSegment(service)}`);
}

/** `/Defang/<project>/<stack>/<what>` (`builds`, `vpc/flow-logs`). */
export function projectLogGroupName(s: Pick<NamingScope, "project" | "stack">, what: string): string {
    return checkedLogGroup(`${logGroupPrefix(s)}${what}`);
}

function checkedLogGroup(name: string): string {
    assertValid("logGroupName", name);
    return name;
}

// ----- descriptions -----

/** A description within its rule: a character AWS refuses becomes `-`, a long text is cut (ending in `...`). */
export function description(kind: StringKind, text: string): string {
    const rule: StringRule = STRINGS[kind];
    const allowed = [...text].map((c) => (rule.pattern.test(c) ? c : "-")).join("");
    const fitted = allowed.length <= rule.max ? allowed : `${allowed.slice(0, rule.max - 3)}...`;
    assertValid(kind, fitted);
    return fitted;
}

// ----- storage: EFS volumes, S3 buckets, static sites on CloudFront -----

/** EFS creation token (the file system's idempotency key, unique per account and region): never changes with the mode. */
export function efsCreationToken(s: NamingScope, volume: string): string {
    return hashedName("efsCreationToken", [s.project, s.stack, volume], identity(s, volume));
}

/**
 * A volume's directory on its own file system (`/<volume>`, the access point's root): readable, within
 * EFS's path rule; a name that had to change, or was cut, carries a hash of the compose name.
 */
export function efsRootDirectory(volume: string): string {
    const safe = volume.replace(/[^A-Za-z0-9_.-]/g, "-").replace(/^\.+/, "") || "volume";
    const room = STRINGS.efsAccessPointPath.max - 1;
    const dir = safe === volume && safe.length <= room ? safe : `${safe.slice(0, room - HASH_LENGTH - 1)}-${shortHash(volume)}`;
    const path = `/${dir}`;
    assertValid("efsAccessPointPath", path);
    return path;
}

/** A volume's name in task definitions (`[A-Za-z0-9_-]`): the compose name when valid, else sanitized with a hash (`a.b` ≠ `a-b`). */
export function taskVolumeName(volume: string): string {
    const plain = volume.replace(/[^A-Za-z0-9_-]/g, "-");
    const name = plain === volume && plain.length <= STRINGS.ecsVolumeName.max ? plain : `${plain.slice(0, 200)}-${shortHash(volume)}`;
    assertValid("ecsVolumeName", name);
    return name;
}

/**
 * A bucket we create (`purpose`: `data` for x-defang-s3, `site` for a static site). S3 names are global:
 * the hash covers the account and region too, so two accounts, regions or stacks never collide. Lower
 * case, `[a-z0-9-]` (no dots: they break TLS to `<bucket>.s3.<region>.amazonaws.com`).
 */
export function s3BucketName(s: NamingScope, account: string, service: string, purpose: string): string {
    return hashedName("s3BucketName", [s.project, s.stack, service], [...globalIdentity(s, service, purpose), account]);
}

/** CloudFront is global: a site's origin access control and viewer-request function hash the region too. */
export function cloudFrontOriginAccessName(s: NamingScope, service: string): string {
    return hashedName("cloudFrontOriginAccessControlName", [s.project, s.stack, service], globalIdentity(s, service, "origin-access"));
}

export function cloudFrontFunctionName(s: NamingScope, service: string): string {
    return hashedName("cloudFrontFunctionName", [s.project, s.stack, service], globalIdentity(s, service, "viewer-request"));
}

/** The CodeBuild project that copies static sites' folders out of their images: its identity has one part more than a service's. */
export function extractProjectName(s: NamingScope): string {
    return hashedName("codeBuildProjectName", [s.project, s.stack, "static-files"], identity(s, "", "static-files"));
}
