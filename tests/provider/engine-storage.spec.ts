// Storage through the real Pulumi engine (opt-in, with the other engine specs: `make test_engine`). A
// Node.js SDK program deploys a volume, an `x-defang-s3` bucket with a client and a static site with its
// own domain; the component registers defang:index:StaticSiteSync, which the engine sends back to our
// plugin, whose S3, CodeBuild and CloudFront calls go to moto (AWS_ENDPOINT_URL); the other AWS
// resources go to the stand-in aws plugin (which creates the distribution in moto, so its id is real
// there). moto's CodeBuild runs nothing, so the first `up` fails with the extraction's story; the test
// then uploads the folder the extraction would have, and the next `up` publishes it.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CloudFrontClient, ListInvalidationsCommand } from "@aws-sdk/client-cloudfront";
import { CodeBuildClient, CreateProjectCommand } from "@aws-sdk/client-codebuild";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { Stack } from "@pulumi/pulumi/automation";
import { defangSdk, engineStack, requireEngine } from "./engine-harness";
import { mockResourceState } from "../../provider/src/offline/mock-state";
import { buildBucketPrefix, extractProjectName, iamRoleName, s3BucketName } from "../../provider/src/plan/naming";
import { archiveKey } from "../../provider/src/resources/static-site-sync-spec";
import { type Moto, useMoto } from "../support/moto";

const COMPOSE = `
services:
  api:
    image: public.ecr.aws/docker/library/busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    volumes:
      - data:/data
    depends_on: [files]
    deploy: {resources: {reservations: {memory: 256M}}}
  files:
    image: minio/minio
    x-defang-s3: true
  site:
    image: ghcr.io/acme/site:1
    domainname: www.example.com
    x-defang-static-files:
      folder: /srv/www
      redirects: ["/* /index.html 200"]
volumes:
  data: {}
`;

const ACCOUNT = "123456789012";
/** Whose names the component builds in this program (plan/naming.ts). */
const SCOPE = { project: "shop", stack: "dev", pulumiProject: "engine-storage-test", region: "us-east-1" };
const SITE_BUCKET = s3BucketName(SCOPE, ACCOUNT, "site", "site");
const SITE_INPUTS = { service: "site", image: "ghcr.io/acme/site:1", platform: "linux/amd64", folder: "/srv/www" };

type State = { resources: Array<{ type: string; urn: string; id?: string; outputs?: Record<string, any>; inputs?: Record<string, any> }> };

describe("engine: volumes, buckets and a static site through pulumi up", function () {
    this.timeout(900_000);
    let moto: Moto;
    let home: string;
    let stack: Stack;
    let builds: string;
    const s3 = () => new S3Client({ ...moto.client("us-east-1"), forcePathStyle: true });

    before(async function () {
        requireEngine();
        moto = await useMoto(this);
        await moto.reset();
        // What the stand-in aws plugin will say it created, made real in moto for the plugin's calls.
        builds = String(mockResourceState("aws:s3/bucket:Bucket", "shop-build-contexts", { bucketPrefix: buildBucketPrefix(SCOPE) }, { region: "us-east-1", accountId: ACCOUNT, partition: "aws" }).state.bucket);
        for (const bucket of [builds, SITE_BUCKET]) await s3().send(new CreateBucketCommand({ Bucket: bucket }));
        await new CodeBuildClient(moto.client("us-east-1")).send(
            new CreateProjectCommand({
                name: extractProjectName(SCOPE),
                // The component's project has NO_SOURCE; moto insists on a location, which the sync never overrides.
                source: { type: "S3", location: `${builds}/unused/` },
                artifacts: { type: "NO_ARTIFACTS" },
                environment: { type: "LINUX_CONTAINER", image: "aws/codebuild/amazonlinux-x86_64-standard:5.0", computeType: "BUILD_GENERAL1_SMALL", privilegedMode: true },
                serviceRole: `arn:aws:iam::${ACCOUNT}:role/${iamRoleName(SCOPE, "codebuild")}`,
            }),
        );
        home = fs.mkdtempSync(path.join(os.tmpdir(), "defang-engine-storage-"));
        const compose = path.join(home, "compose.yaml");
        fs.writeFileSync(compose, COMPOSE);
        const defang = defangSdk();
        const program = async () => {
            const project = new defang.Project("shop", { composeFiles: [compose], projectName: "shop" });
            return { staticSites: project.staticSites, buckets: project.buckets, volumes: project.volumes, endpoints: project.endpoints };
        };
        ({ stack } = await engineStack(home, "engine-storage-test", program, moto.env));
    });

    after(() => home && fs.rmSync(home, { recursive: true, force: true }));

    it("fails the update with the extraction's story when the folder never arrived", async () => {
        await assert.rejects(stack.up(), /static files of service "site": the extraction build succeeded but left no s3:\/\/shop-dev-builds-[0-9a-f]{8}-\S+\/site\/site\/[0-9a-f]{32}\.tar\.gz/);
    });

    it("publishes the folder the extraction leaves, invalidates CloudFront, and wires the bucket and the volume", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-site-"));
        fs.writeFileSync(path.join(dir, "index.html"), "<h1>site</h1>");
        fs.writeFileSync(path.join(dir, "about.html"), "about");
        const tar = path.join(home, "site.tar.gz");
        execFileSync("tar", ["-czf", tar, "-C", dir, "."]);
        await s3().send(new PutObjectCommand({ Bucket: builds, Key: archiveKey(SITE_INPUTS), Body: fs.readFileSync(tar) }));

        const up = await stack.up();
        assert.equal(up.summary.result, "succeeded");
        const listed = await s3().send(new ListObjectsV2Command({ Bucket: SITE_BUCKET }));
        assert.deepEqual((listed.Contents ?? []).map((o) => o.Key).sort(), ["about", "about.html", "index.html"]);
        const page = await s3().send(new GetObjectCommand({ Bucket: SITE_BUCKET, Key: "index.html" }));
        assert.deepEqual([page.ContentType, await page.Body!.transformToString()], ["text/html; charset=utf-8", "<h1>site</h1>"]);

        const state = (await stack.exportStack()).deployment as State;
        const sync = state.resources.find((r) => r.type === "defang:index:StaticSiteSync")!;
        assert.deepEqual([sync.outputs!.objects, sync.outputs!.uploaded, sync.outputs!.deleted], [3, 3, 0]);
        const distribution = state.resources.find((r) => r.type === "aws:cloudfront/distribution:Distribution")!;
        const invalidations = await new CloudFrontClient(moto.client("us-east-1")).send(new ListInvalidationsCommand({ DistributionId: distribution.id! }));
        assert.equal(invalidations.InvalidationList?.Quantity, 1);
        // The certificate of www.example.com comes from CloudFront's region through the component's us-east-1 provider.
        const provider = state.resources.find((r) => r.type === "pulumi:providers:aws" && r.urn.endsWith("::shop-us-east-1"))!;
        assert.equal(provider.inputs!.region, "us-east-1");

        // The bucket's client gets its grant and its variables; the volume is mounted over TLS with IAM.
        const grant = state.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.urn.endsWith("::shop-api/buckets-policy"))!;
        const bucket = state.resources.find((r) => r.type === "aws:s3/bucket:Bucket" && r.urn.endsWith("::shop-files/bucket"))!;
        assert.equal(JSON.parse(grant.inputs!.policy).Statement[1].Resource, `arn:aws:s3:::${bucket.inputs!.bucket}/*`);
        const task = state.resources.find((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition" && r.urn.endsWith("::shop-api/task"))!;
        const container = JSON.parse(task.inputs!.containerDefinitions)[0];
        assert.ok(container.environment.some((e: { name: string; value: string }) => e.name === "FILES_BUCKET" && e.value === bucket.inputs!.bucket));
        assert.equal(task.inputs!.volumes[0].efsVolumeConfiguration.transitEncryption, "ENABLED");

        const outputs = await stack.outputs();
        assert.equal(outputs.endpoints.value.site, "https://www.example.com");
        assert.deepEqual(Object.keys(outputs.volumes.value), ["data"]);
        assert.equal(outputs.buckets.value.files.bucketName, bucket.inputs!.bucket);
    });

    it("changes nothing on the next preview", async () => {
        const same = await stack.preview();
        assert.equal(same.changeSummary.update ?? 0, 0, JSON.stringify(same.changeSummary));
    });
});
