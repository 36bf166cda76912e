// Storage rules (issue 12): EFS volumes, S3 buckets and CloudFront distributions. Our own rules in the
// spirit of reference/security-rules.md: EFS encrypted at rest (AWSGuard efs-encrypted checks a KMS key;
// the AWS-managed key satisfies ours) and in transit (the file system policy here, the task side in
// ECS-09), IAM-authorized mounts through an access point, backups in production modes, NFS admitted
// from security groups only; buckets encrypted and TLS-only (S3-01 checks the public-access block),
// data buckets versioned; CloudFront over HTTPS with a current TLS floor, S3 origins read through an
// origin access control (never a public bucket), security response headers, access logs advisory.
import { ingressRules } from "./network";
import { ALL_MODES, Graph, PRODUCTION, PolicyResource, Rule, list, obj, parseJson, str } from "./types";

const FS = "aws:efs/fileSystem:FileSystem";
const MOUNT = "aws:efs/mountTarget:MountTarget";
const BUCKET = "aws:s3/bucket:Bucket";
const CDN = "aws:cloudfront/distribution:Distribution";
const OLD_TLS = ["SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016"];
const NFS = 2049;

const failing = (rs: PolicyResource[], bad: (r: PolicyResource) => string | undefined) =>
    rs.flatMap((resource) => {
        const message = bad(resource);
        return message ? [{ resource, message }] : [];
    });

/** The resources of `type` whose `key` input names `target` (by id, or bucket name). */
const attached = (g: Graph, type: string, key: string, target: PolicyResource) =>
    g.ofType(type).filter((r) => r.inputs[key] !== undefined && (r.inputs[key] === target.id || r.inputs[key] === target.inputs.bucket));

interface Statement {
    Effect?: string;
    Principal?: unknown;
    Action?: unknown;
    Condition?: Record<string, Record<string, unknown>>;
}

function statements(policy: unknown): Statement[] {
    return list(obj(parseJson(policy)).Statement).map((s) => obj(s) as Statement);
}

/** A Deny of every request made without TLS. */
const deniesPlainTransport = (s: Statement) => s.Effect === "Deny" && String(obj(obj(s.Condition).Bool)["aws:SecureTransport"]) === "false";

const behaviours = (cdn: PolicyResource) => [obj(cdn.inputs.defaultCacheBehavior), ...list(cdn.inputs.orderedCacheBehaviors).map(obj)];

export const STORAGE_RULES: Rule[] = [
    { id: "EFS-01", severity: "High", modes: ALL_MODES, check: (g) => failing(g.ofType(FS), (r) => (r.inputs.encrypted !== true ? "file system not encrypted at rest" : undefined)) },
    {
        id: "EFS-02",
        severity: "High",
        modes: ALL_MODES,
        check: (g) =>
            failing(g.ofType(FS), (fs) => {
                const policies = attached(g, "aws:efs/fileSystemPolicy:FileSystemPolicy", "fileSystemId", fs).flatMap((p) => statements(p.inputs.policy));
                if (!policies.some(deniesPlainTransport)) return "no file system policy refusing unencrypted NFS";
                if (policies.some((s) => s.Effect !== "Deny" && list(s.Action).some((a) => /ClientRootAccess|elasticfilesystem:\*|^\*$/.test(String(a))))) return "root access granted to NFS clients";
                return undefined;
            }),
    },
    {
        id: "EFS-03",
        severity: "High",
        modes: ALL_MODES,
        check: (g) =>
            g.ofType("aws:ecs/taskDefinition:TaskDefinition").flatMap((resource) =>
                list(resource.inputs.volumes)
                    .map(obj)
                    .filter((v) => v.efsVolumeConfiguration !== undefined)
                    .filter((v) => {
                        const auth = obj(obj(v.efsVolumeConfiguration).authorizationConfig);
                        return auth.iam !== "ENABLED" || !str(auth.accessPointId);
                    })
                    .map((v) => ({ resource, message: `EFS volume ${String(v.name)} mounted without IAM authorization through an access point` })),
            ),
    },
    {
        id: "EFS-04",
        severity: "Med",
        modes: PRODUCTION,
        check: (g) =>
            failing(g.ofType(FS), (fs) =>
                attached(g, "aws:efs/backupPolicy:BackupPolicy", "fileSystemId", fs).some((b) => obj(b.inputs.backupPolicy).status === "ENABLED") ? undefined : "no automatic backups",
            ),
    },
    {
        id: "EFS-05",
        severity: "High",
        modes: ALL_MODES,
        check: (g) => {
            const groups = new Set(g.ofType(MOUNT).flatMap((m) => list(m.inputs.securityGroups).map(String)));
            return ingressRules(g)
                .filter((r) => r.groupId && groups.has(r.groupId))
                .filter((r) => r.cidrs.length > 0 || !r.hasSource || r.allPorts || r.from !== NFS || r.to !== NFS)
                .map((r) => ({ resource: r.resource, message: "EFS mount targets admit more than NFS from security groups" }));
        },
    },
    {
        id: "S3-02",
        severity: "High",
        modes: ALL_MODES,
        check: (g) =>
            failing(g.ofType(BUCKET), (b) => {
                if (attached(g, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "bucket", b).length === 0) return "no default encryption configured";
                const policy = attached(g, "aws:s3/bucketPolicy:BucketPolicy", "bucket", b).flatMap((p) => statements(p.inputs.policy));
                if (!policy.some(deniesPlainTransport)) return "bucket policy does not refuse requests without TLS";
                if (policy.some((s) => s.Effect === "Allow" && (s.Principal === "*" || obj(s.Principal).AWS === "*") && !s.Condition)) return "bucket policy allows anyone";
                return undefined;
            }),
    },
    {
        id: "S3-03",
        severity: "Med",
        modes: PRODUCTION,
        check: (g) =>
            failing(
                g.ofType(BUCKET).filter((b) => obj(b.inputs.tags)["defang:purpose"] === "object-store"),
                (b) => (attached(g, "aws:s3/bucketVersioning:BucketVersioning", "bucket", b).some((v) => obj(v.inputs.versioningConfiguration).status === "Enabled") ? undefined : "data bucket without versioning"),
            ),
    },
    {
        id: "CF-01",
        severity: "High",
        modes: ALL_MODES,
        check: (g) =>
            failing(g.ofType(CDN), (d) => {
                if (behaviours(d).some((b) => !["redirect-to-https", "https-only"].includes(String(b.viewerProtocolPolicy)))) return "a cache behaviour serves plain HTTP";
                const cert = obj(d.inputs.viewerCertificate);
                if (cert.cloudfrontDefaultCertificate !== true && OLD_TLS.includes(String(cert.minimumProtocolVersion ?? "TLSv1"))) return `minimum TLS ${String(cert.minimumProtocolVersion ?? "TLSv1")}`;
                return undefined;
            }),
    },
    {
        id: "CF-02",
        severity: "High",
        modes: ALL_MODES,
        check: (g) =>
            failing(g.ofType(CDN), (d) => {
                const s3 = list(d.inputs.origins).map(obj).filter((o) => /\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.test(String(o.domainName)));
                return s3.some((o) => !str(o.originAccessControlId) || str(obj(o.s3OriginConfig).originAccessIdentity)) ? "S3 origin read without an origin access control" : undefined;
            }),
    },
    {
        id: "CF-03",
        severity: "Med",
        modes: ALL_MODES,
        check: (g) => failing(g.ofType(CDN), (d) => (str(obj(d.inputs.defaultCacheBehavior).responseHeadersPolicyId) ? undefined : "no response headers policy (HSTS, nosniff, frame options)")),
    },
    { id: "CF-04", severity: "Low", modes: [], check: (g) => failing(g.ofType(CDN), (d) => (obj(d.inputs.loggingConfig).bucket ? undefined : "no access logs")) },
];
