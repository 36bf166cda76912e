// An image build through the real Pulumi engine (opt-in, with engine.spec.ts: `make test_engine`).
// A Node.js SDK program deploys a compose service with `build:`; the component (in our plugin, via
// construct) registers defang:index:ImageBuild, which the engine sends back to our plugin's CRUD
// methods; the AWS SDK calls of the build go to moto (AWS_ENDPOINT_URL in the engine's environment),
// the other AWS resources to the stand-in aws plugin. moto's CodeBuild builds succeed without running
// the buildspec, so the first `up` shows the failure a build that pushed nothing gets; the test then
// pushes what the buildspec would have pushed and checks the deployment runs it by digest.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CodeBuildClient, CreateProjectCommand, ListBuildsForProjectCommand } from "@aws-sdk/client-codebuild";
import { CreateRepositoryCommand, ECRClient, PutImageCommand } from "@aws-sdk/client-ecr";
import { CreateBucketCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { Stack } from "@pulumi/pulumi/automation";
import { defangSdk, engineStack, requireEngine } from "./engine-harness";
import { collectContext, hashContext } from "../../provider/src/build/context";
import { mockResourceState } from "../../provider/src/offline/mock-state";
import { buildBucketPrefix, codeBuildProjectName, ecrRepositoryName, iamRoleName } from "../../provider/src/plan/naming";
import { tagOf } from "../../provider/src/resources/image-build-spec";
import { type Moto, useMoto } from "../support/moto";

const COMPOSE = `
services:
  web:
    build: ./web
    ports:
      - target: 8080
        mode: ingress
    deploy:
      resources:
        reservations:
          memory: 512M
`;

describe("engine: a service built from source through pulumi up", function () {
    this.timeout(900_000);
    let moto: Moto;
    let home: string;
    let app: string;
    let stack: Stack;
    let bucket: string;
    // The component's names for this program (plan/naming.ts): hashed over the Pulumi project too.
    const scope = { project: "shop", stack: "dev", pulumiProject: "engine-build-test", region: "us-east-1" };
    const repository = ecrRepositoryName(scope, "web");
    const buildProject = codeBuildProjectName(scope, "web");
    const repositoryUrl = `123456789012.dkr.ecr.us-east-1.amazonaws.com/${repository}`;

    before(async function () {
        requireEngine();
        moto = await useMoto(this);
        await moto.reset();
        // What the stand-in aws plugin will say it created, made real in moto for the build's API calls.
        bucket = String(mockResourceState("aws:s3/bucket:Bucket", "shop-build-contexts", { bucketPrefix: buildBucketPrefix(scope) }, { region: "us-east-1", accountId: "123456789012", partition: "aws" }).state.bucket);
        const config = { ...moto.client("us-east-1"), forcePathStyle: true };
        await new S3Client(config).send(new CreateBucketCommand({ Bucket: bucket }));
        await new ECRClient(config).send(new CreateRepositoryCommand({ repositoryName: repository }));
        await new CodeBuildClient(config).send(
            new CreateProjectCommand({
                name: buildProject,
                source: { type: "S3", location: `${bucket}/web/` },
                artifacts: { type: "NO_ARTIFACTS" },
                environment: { type: "LINUX_CONTAINER", image: "aws/codebuild/amazonlinux-x86_64-standard:5.0", computeType: "BUILD_GENERAL1_LARGE", privilegedMode: true },
                serviceRole: `arn:aws:iam::123456789012:role/${iamRoleName(scope, "codebuild")}`,
            }),
        );

        home = fs.mkdtempSync(path.join(os.tmpdir(), "defang-engine-build-"));
        app = path.join(home, "app");
        fs.mkdirSync(path.join(app, "web"), { recursive: true });
        fs.writeFileSync(path.join(app, "compose.yaml"), COMPOSE);
        fs.writeFileSync(path.join(app, "web", "Dockerfile"), "FROM public.ecr.aws/docker/library/python:3.12-slim\nCOPY . /app\n");
        fs.writeFileSync(path.join(app, "web", "main.py"), "print('v1')\n");

        const defang = defangSdk();
        const program = async () => {
            const project = new defang.Project("shop", { composeFiles: [path.join(app, "compose.yaml")], projectName: "shop" });
            return { services: project.services };
        };
        ({ stack } = await engineStack(home, "engine-build-test", program, moto.env));
    });

    after(() => home && fs.rmSync(home, { recursive: true, force: true }));

    const tag = () =>
        tagOf({
            contextHash: hashContext(collectContext(path.join(app, "web"), "Dockerfile")),
            platform: "linux/amd64",
            dockerfile: "Dockerfile",
            args: {},
        } as Parameters<typeof tagOf>[0]);

    it("uploads the context, starts CodeBuild, and fails the update with the build's story when no image was pushed", async () => {
        const contextHash = hashContext(collectContext(path.join(app, "web"), "Dockerfile"));
        await assert.rejects(stack.up(), new RegExp(`build of service "web": CodeBuild build ${buildProject}:\\S+ succeeded but pushed no image tagged b-[0-9a-f]{32} to ${repository}`));
        const s3 = new S3Client({ ...moto.client("us-east-1"), forcePathStyle: true });
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: `web/${contextHash}.zip` }));
        const builds = await new CodeBuildClient(moto.client("us-east-1")).send(new ListBuildsForProjectCommand({ projectName: buildProject }));
        assert.equal(builds.ids?.length, 1);
    });

    it("runs the image the build pushed, by digest", async () => {
        const manifest = JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.docker.distribution.manifest.v2+json", config: { digest: "sha256:1" }, layers: [] });
        const pushed = await new ECRClient(moto.client("us-east-1")).send(new PutImageCommand({ repositoryName: repository, imageTag: tag(), imageManifest: manifest }));
        const up = await stack.up();
        assert.equal(up.summary.result, "succeeded");
        const state = (await stack.exportStack()).deployment as { resources: Array<{ type: string; outputs?: Record<string, any>; inputs?: Record<string, any> }> };
        const build = state.resources.find((r) => r.type === "defang:index:ImageBuild")!;
        const imageUri = `${repositoryUrl}@${pushed.image!.imageId!.imageDigest}`;
        assert.equal(build.outputs!.imageUri, imageUri);
        const task = state.resources.find((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition")!;
        assert.equal(JSON.parse(task.inputs!.containerDefinitions)[0].image, imageUri);
    });

    it("leaves the image alone when the context has not changed, and rebuilds when a file changes", async () => {
        const same = await stack.preview();
        assert.equal(same.changeSummary.update ?? 0, 0, JSON.stringify(same.changeSummary));
        fs.writeFileSync(path.join(app, "web", "main.py"), "print('v2')\n");
        const changed = await stack.preview();
        assert.ok((changed.changeSummary.update ?? 0) >= 1, JSON.stringify(changed.changeSummary));
    });
});
