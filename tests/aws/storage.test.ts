// Storage in the component's graph (issue 12), in every mode: a named volume shared by a web service, a
// read-only reader and a GPU task on EFS; an `x-defang-s3` bucket and its clients; a static site from a
// prebuilt image on S3 + CloudFront with its own domain. The security-relevant inputs are asserted exactly.
import { strict as assert } from "assert";
import { parse } from "yaml";
import { checkPolicies, formatViolation } from "../../provider/src/policy";
import { MODES } from "../../provider/src/plan/modes";
import { efsCreationToken, extractProjectName, s3BucketName } from "../../provider/src/plan/naming";
import type { Mode } from "../../provider/src/plan/types";
import { SITE_FORMAT } from "../../provider/src/resources/static-site-files";
import type { CapturedResource, Expansion } from "../support/pulumi";
import { expandProject } from "../support/pulumi";
import { ROLE_POLICY, SERVICE, TASK, containerOf, rulesOf, statements } from "./helpers";

const FS = "aws:efs/fileSystem:FileSystem";
const AP = "aws:efs/accessPoint:AccessPoint";
const MOUNT = "aws:efs/mountTarget:MountTarget";
const CDN = "aws:cloudfront/distribution:Distribution";
const SYNC = "defang:index:StaticSiteSync";
const ACCOUNT = "123456789012";
/** Whose names the component builds under the test mocks (tests/support/pulumi.ts). */
const SCOPE = { project: "shop", stack: "dev", pulumiProject: "pulumi-defang", region: "us-east-1" };

export const STORAGE_COMPOSE = `
name: shop
services:
  web:
    image: nginx:1.27
    user: "101:101"
    ports:
      - target: 80
        mode: ingress
    volumes:
      - uploads:/srv/uploads
    depends_on: [files]
    environment:
      S3_ENDPOINT: http://files:9000
    deploy: {resources: {reservations: {memory: 512M}}}
  reader:
    image: busybox:1.36
    user: "101:101"
    command: ["sh", "-c", "sleep 3600"]
    volumes:
      - uploads:/data:ro
    deploy: {resources: {reservations: {memory: 256M}}}
  ml:
    image: ghcr.io/acme/ml:1
    user: "101:101"
    volumes:
      - uploads:/models:ro
    deploy:
      resources:
        reservations:
          memory: 8G
          devices: [{capabilities: [gpu], count: 1}]
  files:
    image: minio/minio
    command: server /data
    x-defang-s3: true
  docs:
    image: ghcr.io/acme/docs:2
    domainname: docs.example.com
    x-defang-static-files:
      folder: /usr/share/nginx/html
      redirects: ["/old /new", "/* /index.html 200"]
volumes:
  uploads: {}
`;

const runs = new Map<Mode, Expansion<unknown>>();
async function runOf(mode: Mode): Promise<Expansion<unknown>> {
    if (!runs.has(mode)) {
        const run = await expandProject({ composeYaml: STORAGE_COMPOSE, mode });
        assert.deepEqual([run.thrown, ...run.errors].filter(Boolean).map(String), []);
        runs.set(mode, run);
    }
    return runs.get(mode)!;
}

const on = (run: Expansion<unknown>, type: string, target: CapturedResource, key = "fileSystemId"): CapturedResource[] => run.ofType(type).filter((r) => r.inputs[key] === target.id);

describe("aws/storage: EFS volumes, buckets and static sites in the graph", function () {
    this.timeout(300_000);

    for (const mode of MODES) {
        describe(mode, () => {
            it("EFS: encrypted file system with the mode's throughput, lifecycle, backups and protection", async () => {
                const run = await runOf(mode);
                const fs = run.one(FS);
                assert.deepEqual(
                    { ...fs.inputs, tags: undefined },
                    {
                        creationToken: efsCreationToken(SCOPE, "uploads"),
                        encrypted: true,
                        performanceMode: "generalPurpose",
                        throughputMode: mode === "high_availability" ? "elastic" : "bursting",
                        lifecyclePolicies: [{ transitionToIa: mode === "affordable" ? "AFTER_7_DAYS" : "AFTER_30_DAYS" }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }],
                        tags: undefined,
                    },
                );
                assert.deepEqual([fs.options.protect, fs.options.retainOnDelete], mode === "high_availability" ? [true, true] : [false, false]);
                assert.deepEqual(on(run, "aws:efs/backupPolicy:BackupPolicy", fs).map((b) => b.inputs.backupPolicy), [{ status: "ENABLED" }]);
            });

            it("EFS: one access point owned by the services' user, TLS-only IAM mounts through it", async () => {
                const run = await runOf(mode);
                const fs = run.one(FS);
                const ap = run.one(AP);
                assert.deepEqual([ap.inputs.fileSystemId, ap.inputs.posixUser, ap.inputs.rootDirectory], [
                    fs.id,
                    { uid: 101, gid: 101 },
                    { path: "/uploads", creationInfo: { ownerUid: 101, ownerGid: 101, permissions: "0755" } },
                ]);
                const fsArn = `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/${fs.id}`;
                const apArn = `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:access-point/${ap.id}`;
                assert.deepEqual(statements(on(run, "aws:efs/fileSystemPolicy:FileSystemPolicy", fs)[0]), [
                    { Sid: "DenyUnencryptedTransport", Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Resource: fsArn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
                    {
                        Sid: "MountThroughAccessPoint",
                        Effect: "Allow",
                        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
                        Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
                        Resource: fsArn,
                        Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": apArn }, Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } },
                    },
                ]);
                // The writer may write; the read-only mounts may only mount.
                const mount = (write: boolean) => ({
                    Sid: "MountVolumeuploads",
                    Effect: "Allow",
                    Action: write ? ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"] : ["elasticfilesystem:ClientMount"],
                    Resource: fsArn,
                    Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": apArn } },
                });
                assert.deepEqual(statements(run.named("app-web/volumes-policy")), [mount(true)]);
                assert.deepEqual(statements(run.named("app-reader/volumes-policy")), [mount(false)]);
                assert.deepEqual(statements(run.named("app-ml/volumes-policy")), [mount(false)]);
                for (const s of ["web", "reader", "ml"]) assert.equal(run.named(`app-${s}/volumes-policy`).inputs.role, run.named(`app-${s}/task-role`).id);
            });

            it("EFS: task definitions (Fargate and GPU) mount it with transit encryption and IAM, paths and read_only honoured", async () => {
                const run = await runOf(mode);
                const fs = run.one(FS);
                const ap = run.one(AP);
                const efs = [{ name: "uploads", efsVolumeConfiguration: { fileSystemId: fs.id, transitEncryption: "ENABLED", authorizationConfig: { accessPointId: ap.id, iam: "ENABLED" } } }];
                const expected: Record<string, [string, boolean]> = { web: ["/srv/uploads", false], reader: ["/data", true], ml: ["/models", true] };
                for (const [svc, [path, readOnly]] of Object.entries(expected)) {
                    const task = run.named(`app-${svc}/task`);
                    assert.deepEqual(task.inputs.volumes, efs, svc);
                    assert.deepEqual(containerOf(task).mountPoints, [{ sourceVolume: "uploads", containerPath: path, readOnly }], svc);
                }
                assert.deepEqual(run.named("app-ml/task").inputs.requiresCompatibilities, ["EC2"]);
                assert.equal(run.ofType(TASK).some((t) => t.name === "app-docs/task"), false);
            });

            it("EFS: mount targets in one subnet per AZ where the tasks run, NFS only from the mounting services", async () => {
                const run = await runOf(mode);
                const fs = run.one(FS);
                const targets = run.ofType(MOUNT);
                const zones = mode === "high_availability" ? ["us-east-1a", "us-east-1b", "us-east-1c"] : ["us-east-1a", "us-east-1b"];
                // The GPU service runs in private subnets: the mount targets go there in every mode.
                const subnets = zones.map((az) => run.named(`app-private-${az}`).id);
                assert.deepEqual(targets.map((t) => t.inputs.subnetId), subnets);
                const group = run.named("app-volume-sg:uploads");
                for (const t of targets) {
                    assert.deepEqual([t.inputs.fileSystemId, t.inputs.securityGroups, t.options.deleteBeforeReplace], [fs.id, [group.id], true]);
                }
                assert.deepEqual(group.inputs.egress, []);
                // On EC2 the container agent mounts from the host: the GPU hosts' group is admitted too.
                assert.deepEqual(
                    rulesOf(run, group).map((r) => `${r.protocol} ${r.from}-${r.to} from ${r.source}`),
                    ["tcp 2049-2049 from app-gpu-hosts", "tcp 2049-2049 from app-ml/sg", "tcp 2049-2049 from app-reader/sg", "tcp 2049-2049 from app-web/sg"],
                );
                // No task starts before it can mount.
                for (const svc of ["web", "reader", "ml"]) {
                    const deps = run.named(`app-${svc}/service`).options.dependencies;
                    for (const t of targets) assert.ok(deps.includes(t.urn), `${svc} waits for ${t.name}`);
                }
            });

            it("S3: a private, encrypted, TLS-only bucket with the mode's versioning and retention", async () => {
                const run = await runOf(mode);
                const bucket = run.named("app-files/bucket");
                const name = s3BucketName(SCOPE, ACCOUNT, "files", "data");
                assert.deepEqual([bucket.inputs.bucket, bucket.inputs.forceDestroy], [name, mode === "affordable"]);
                assert.deepEqual([bucket.options.protect, bucket.options.retainOnDelete], mode === "high_availability" ? [true, true] : [false, false]);
                assert.deepEqual(run.named("app-files/bucket/public-access").inputs, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
                assert.deepEqual(run.named("app-files/bucket/encryption").inputs.rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }]);
                const arn = `arn:aws:s3:::${bucket.id}`;
                assert.deepEqual(statements(run.named("app-files/bucket/tls-only")), [
                    { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
                ]);
                const versioned = mode !== "affordable";
                assert.deepEqual(run.ofType("aws:s3/bucketVersioning:BucketVersioning").map((v) => v.inputs.versioningConfiguration), versioned ? [{ status: "Enabled" }] : []);
                const rules = run.named("app-files/bucket/lifecycle").inputs.rules as Array<Record<string, unknown>>;
                assert.deepEqual(rules[0], { id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } });
                assert.deepEqual(
                    rules.slice(1),
                    versioned ? [{ id: "expire-noncurrent-versions", status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: mode === "balanced" ? 30 : 90 }, expiration: { expiredObjectDeleteMarker: true } }] : [],
                );
                // The stand-in is not deployed.
                assert.equal(run.ofType(TASK).some((t) => t.name.includes("files")), false);
            });

            it("S3: the clients' task role reaches that bucket and its objects only; its name and region in their environment", async () => {
                const run = await runOf(mode);
                const bucket = run.named("app-files/bucket");
                const arn = `arn:aws:s3:::${bucket.id}`;
                assert.deepEqual(statements(run.named("app-web/buckets-policy")), [
                    { Sid: "Listfiles", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"], Resource: arn },
                    {
                        Sid: "Objectsfiles",
                        Effect: "Allow",
                        Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:GetObjectTagging", "s3:PutObjectTagging"],
                        Resource: `${arn}/*`,
                    },
                ]);
                assert.equal(run.ofType(ROLE_POLICY).filter((p) => p.name.endsWith("/buckets-policy")).length, 1);
                const env = Object.fromEntries((containerOf(run.named("app-web/task")).environment as Array<{ name: string; value: string }>).map((e) => [e.name, e.value]));
                assert.deepEqual(env, { AWS_REGION: "us-east-1", FILES_BUCKET: bucket.inputs.bucket, S3_BUCKET: bucket.inputs.bucket, S3_ENDPOINT: "https://s3.us-east-1.amazonaws.com" });
                assert.ok(run.named("app-web/service").options.dependencies.includes(run.named("app-web/buckets-policy").urn));
            });

            it("static site: a private bucket only its distribution reads, HTTPS with a us-east-1 certificate, redirects and SPA fallback", async () => {
                const run = await runOf(mode);
                const bucket = run.named("app-docs/bucket");
                const cdn = run.one(CDN);
                assert.deepEqual([bucket.inputs.bucket, bucket.inputs.forceDestroy], [s3BucketName(SCOPE, ACCOUNT, "docs", "site"), true]);
                const arn = `arn:aws:s3:::${bucket.id}`;
                const cdnArn = `arn:aws:cloudfront::${ACCOUNT}:distribution/${cdn.id}`;
                const from = { Principal: { Service: "cloudfront.amazonaws.com" }, Condition: { StringEquals: { "AWS:SourceArn": cdnArn } } };
                assert.deepEqual(statements(run.named("app-docs/bucket/tls-only")).slice(1), [
                    { Sid: "CloudFrontReadsFiles", Effect: "Allow", Action: "s3:GetObject", Resource: `${arn}/*`, ...from },
                    { Sid: "CloudFrontListsFiles", Effect: "Allow", Action: "s3:ListBucket", Resource: arn, ...from },
                ]);
                const oac = run.one("aws:cloudfront/originAccessControl:OriginAccessControl");
                assert.deepEqual([oac.inputs.originAccessControlOriginType, oac.inputs.signingBehavior, oac.inputs.signingProtocol], ["s3", "always", "sigv4"]);
                const fn = run.one("aws:cloudfront/function:Function");
                assert.equal(fn.inputs.runtime, "cloudfront-js-2.0");
                assert.match(String(fn.inputs.code), /^var RULES = \[\{"f":"\/old","p":false,"t":"\/new","s":301\}\];/);
                const i = cdn.inputs as Record<string, any>;
                assert.deepEqual(i.origins, [{ originId: "site-bucket", domainName: `${bucket.id}.s3.us-east-1.amazonaws.com`, originAccessControlId: oac.id }]);
                assert.equal(i.priceClass, mode === "high_availability" ? "PriceClass_All" : "PriceClass_100");
                assert.deepEqual(i.aliases, ["docs.example.com"]);
                assert.equal(i.defaultCacheBehavior.viewerProtocolPolicy, "redirect-to-https");
                assert.deepEqual(i.defaultCacheBehavior.functionAssociations, [{ eventType: "viewer-request", functionArn: `arn:aws:cloudfront::${ACCOUNT}:function/${fn.inputs.name}` }]);
                assert.ok(i.defaultCacheBehavior.responseHeadersPolicyId && i.defaultCacheBehavior.cachePolicyId);
                assert.deepEqual(i.customErrorResponses, [403, 404].map((errorCode) => ({ errorCode, responseCode: 200, responsePagePath: "/index.html", errorCachingMinTtl: 10 })));
                assert.deepEqual([i.viewerCertificate.sslSupportMethod, i.viewerCertificate.minimumProtocolVersion], ["sni-only", "TLSv1.2_2021"]);
                // The certificate and its validation live in us-east-1 (CloudFront's), through a child provider.
                const provider = run.resources.find((r) => r.type === "pulumi:providers:aws")!;
                assert.deepEqual([provider.name, provider.inputs.region, provider.parent], ["app-us-east-1", "us-east-1", "app"]);
                const cert = run.one("aws:acm/certificate:Certificate");
                assert.equal(cert.inputs.domainName, "docs.example.com");
                assert.ok(cert.options.provider.startsWith(provider.urn), cert.options.provider);
                assert.ok(run.one("aws:acm/certificateValidation:CertificateValidation").options.provider.startsWith(provider.urn));
                const aliases = run.ofType("aws:route53/record:Record").filter((r) => r.name.includes("cdn-alias"));
                assert.deepEqual(aliases.map((r) => [r.inputs.name, r.inputs.type, (r.inputs.aliases as any[])[0].zoneId]), [["docs.example.com", "A", "Z2FDTNDATAQYW2"], ["docs.example.com", "AAAA", "Z2FDTNDATAQYW2"]]);
            });

            it("static site: one sync resource copies the folder out of the image (the extraction project) and publishes it", async () => {
                const run = await runOf(mode);
                const sync = run.one(SYNC);
                const builds = run.named("app-build-contexts");
                const extract = run.named("app-static-files-extract");
                assert.deepEqual(sync.inputs, {
                    region: "us-east-1",
                    service: "docs",
                    image: "ghcr.io/acme/docs:2",
                    platform: "linux/amd64",
                    folder: "/usr/share/nginx/html",
                    siteBucket: run.named("app-docs/bucket").id,
                    distributionId: run.one(CDN).id,
                    archiveBucket: builds.id,
                    extractProject: extractProjectName(SCOPE),
                    format: SITE_FORMAT,
                    timeoutMinutes: 60,
                });
                const e = extract.inputs as Record<string, any>;
                assert.deepEqual([e.name, e.source.type, e.environment.privilegedMode, e.environment.computeType], [extractProjectName(SCOPE), "NO_SOURCE", true, "BUILD_GENERAL1_SMALL"]);
                const spec = parse(e.source.buildspec) as { phases: { build: { commands: string[] } } };
                assert.ok(spec.phases.build.commands.some((c) => c.includes('docker cp "$id:$SITE_FOLDER/." site/')), e.source.buildspec);
                // The build role may write the extracted folders, under their own prefix only.
                assert.ok(statements(run.named("app-build-role-policy")).some((s) => s.Sid === "WriteSiteArchives" && s.Resource === `arn:aws:s3:::${builds.id}/*/site/*`));
                // No container runs for the site, nor for the bucket's stand-in.
                assert.deepEqual(run.ofType(SERVICE).map((s) => s.name).sort(), ["app-ml/service", "app-reader/service", "app-web/service"]);
            });

            it("passes every mandatory security rule of the mode", async () => {
                const run = await runOf(mode);
                const violations = checkPolicies(run.resources.map((r) => ({ type: r.type, name: r.name, inputs: r.inputs, id: r.id })), mode).filter((v) => v.mandatory);
                assert.deepEqual(violations.map(formatViolation), []);
            });
        });
    }

    it("changing the mode never replaces a file system, its access point or a bucket (same names, same replace-triggering inputs)", async () => {
        // terraform-provider-aws ForceNew inputs of each stateful type.
        const REPLACING: Record<string, string[]> = {
            [FS]: ["creationToken", "encrypted", "kmsKeyId", "performanceMode", "availabilityZoneName"],
            [AP]: ["fileSystemId", "posixUser", "rootDirectory"],
            "aws:efs/backupPolicy:BackupPolicy": ["fileSystemId"],
            "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix", "objectLockEnabled"],
            "aws:cloudfront/function:Function": ["name"],
        };
        const stateful = (run: Expansion<unknown>) =>
            Object.fromEntries(run.resources.filter((r) => REPLACING[r.type]).map((r) => [`${r.type}::${r.name}`, Object.fromEntries(REPLACING[r.type].map((k) => [k, r.raw[k]]))]));
        const [a, b, h] = await Promise.all(MODES.map(async (m) => stateful(await runOf(m))));
        assert.ok(Object.keys(a).length >= 7, Object.keys(a).join(", "));
        assert.deepEqual(b, a);
        assert.deepEqual(h, a);
    });

    it("publishes the outputs: volumes, buckets and static sites with their URL", async () => {
        const run = await expandProject({ composeYaml: STORAGE_COMPOSE, mode: "balanced" });
        const outputs = await run.outputsOf(run.value!, true);
        const fs = run.one(FS);
        const bucket = run.named("app-files/bucket");
        const cdn = run.one(CDN);
        assert.deepEqual(outputs.volumes, { uploads: { fileSystemId: fs.id, fileSystemArn: `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/${fs.id}`, accessPointId: run.one(AP).id, services: ["web", "reader", "ml"] } });
        assert.deepEqual(outputs.buckets, { files: { bucketName: bucket.inputs.bucket, bucketArn: `arn:aws:s3:::${bucket.inputs.bucket}`, region: "us-east-1", clients: ["web"], adopted: false } });
        const site = (outputs.staticSites as Record<string, Record<string, unknown>>).docs;
        assert.match(String(site.distributionDomainName), /^d[0-9a-f]{13}\.cloudfront\.net$/);
        assert.deepEqual(site, { url: "https://docs.example.com", distributionId: cdn.id, distributionDomainName: site.distributionDomainName, bucketName: run.named("app-docs/bucket").inputs.bucket, domains: ["docs.example.com"] });
        assert.equal((outputs.endpoints as Record<string, string>).docs, "https://docs.example.com");
    });

    it("uses an existing bucket when x-defang-s3 names one: looked up, granted, never created", async () => {
        const compose = STORAGE_COMPOSE.replace("x-defang-s3: true", "x-defang-s3: {bucket: acme-uploads}");
        const run = await expandProject({ composeYaml: compose, mode: "high_availability" });
        assert.deepEqual([run.thrown, ...run.errors].filter(Boolean).map(String), []);
        assert.equal(run.resources.some((r) => r.name === "app-files/bucket"), false);
        assert.ok(run.invokes.some((i) => i.token === "aws:s3/getBucket:getBucket" && i.inputs.bucket === "acme-uploads"));
        assert.equal(statements(run.named("app-web/buckets-policy"))[0].Resource, "arn:aws:s3:::acme-uploads");
    });

    it("serves the site at its cloudfront.net name, with a warning, when no hosted zone holds its domain", async () => {
        const run = await expandProject({ composeYaml: STORAGE_COMPOSE, mode: "affordable" }, { hostedZones: { "docs.example.com": null, "example.com": null } });
        assert.ok(run.diagnostics.some((d) => d.code === "domain-no-zone" && d.message.includes("docs")));
        const cdn = run.one(CDN).inputs as Record<string, any>;
        assert.deepEqual([cdn.aliases, cdn.viewerCertificate], [[], { cloudfrontDefaultCertificate: true }]);
        assert.equal(run.ofType("aws:acm/certificate:Certificate").length, 0);
    });
});

