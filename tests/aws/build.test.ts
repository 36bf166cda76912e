// Image builds in the component's graph (under the offline engine): the context bucket's security, the
// CodeBuild role's least privilege, one CodeBuild project and one ImageBuild per built service with
// the right environment, and the task definition running the built image by digest. The `images`
// input skips the whole chain for its service; nothing is created when nothing is built.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { collectContext, hashContext } from "../../provider/src/build/context";
import { contextCacheDir } from "../../provider/src/aws/build-context";
import { checkPolicies, formatViolation } from "../../provider/src/policy";
import { MODES } from "../../provider/src/plan/modes";
import { buildBucketPrefix, codeBuildProjectName, ecrRepositoryName } from "../../provider/src/plan/naming";
import { tagOf } from "../../provider/src/resources/image-build-spec";
import type { CapturedResource, Expansion } from "../support/pulumi";
import { expandProject } from "../support/pulumi";
import { ROLE, ROLE_POLICY, TASK, containerOf, statements } from "./helpers";

const BUCKET = "aws:s3/bucket:Bucket";
const PROJECT = "aws:codebuild/project:Project";
const IMAGE_BUILD = "defang:index:ImageBuild";
const REPOSITORY = "aws:ecr/repository:Repository";
/** Whose names the component's run makes (the offline engine's Pulumi project and region). */
const SCOPE = { project: "shop", stack: "dev", pulumiProject: "pulumi-defang", region: "us-east-1" };
const repo = (service: string): string => ecrRepositoryName(SCOPE, service);

const COMPOSE = `
name: shop
services:
  web:
    build:
      context: ./web
      dockerfile: docker/Dockerfile.prod
      target: runtime
      args:
        NODE_ENV: production
        API_URL: https://api.example.com
    ports:
      - target: 8080
        mode: ingress
    deploy:
      resources:
        reservations:
          memory: 512M
  worker:
    platform: linux/arm64
    build:
      context: ./worker
      shm_size: 2gb
    deploy:
      resources:
        reservations:
          memory: 512M
  big:
    build:
      context: ./worker
      shm_size: 32gb
    deploy:
      resources:
        reservations:
          memory: 512M
  cache:
    image: redis:7
    deploy:
      resources:
        reservations:
          memory: 256M
`;

/** A project directory with the compose file and the build contexts it names. */
function project(compose = COMPOSE): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-build-"));
    fs.writeFileSync(path.join(dir, "compose.yaml"), compose);
    const write = (rel: string, text: string, mode = 0o644) => {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text, { mode });
    };
    write("web/docker/Dockerfile.prod", "FROM node:22 AS runtime\nCOPY . /app\n");
    write("web/server.js", "console.log('hi')\n");
    write("web/.dockerignore", "node_modules\n");
    write("web/node_modules/big/index.js", "x".repeat(1000));
    write("worker/Dockerfile", "FROM python:3.12\n");
    write("worker/run.sh", "#!/bin/sh\n", 0o755);
    return dir;
}

const byName = (run: Expansion<unknown>, type: string) => Object.fromEntries(run.ofType(type).map((r) => [r.name, r]));
const ids = (r: CapturedResource) => r.id;

describe("aws/build: image builds in the graph", function () {
    this.timeout(120_000);
    let dir: string;
    let run: Expansion<unknown>;

    before(async () => {
        dir = project();
        run = await expandProject({ composeFiles: [path.join(dir, "compose.yaml")], mode: "balanced" });
        assert.deepEqual([run.thrown, ...run.errors].filter(Boolean), []);
    });

    it("keeps build contexts in a private, encrypted, TLS-only bucket whose objects expire", () => {
        const bucket = run.one(BUCKET);
        assert.deepEqual([bucket.name, bucket.inputs.bucketPrefix, bucket.inputs.forceDestroy], ["app-build-contexts", buildBucketPrefix(SCOPE), true]);
        const onBucket = (type: string) => run.one(type).inputs;
        assert.deepEqual(onBucket("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"), {
            bucket: bucket.id,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        assert.deepEqual(onBucket("aws:s3/bucketOwnershipControls:BucketOwnershipControls").rule, { objectOwnership: "BucketOwnerEnforced" });
        assert.deepEqual(onBucket("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }]);
        const policy = JSON.parse(String(onBucket("aws:s3/bucketPolicy:BucketPolicy").policy));
        const arn = `arn:aws:s3:::${bucket.id}`;
        assert.deepEqual(policy.Statement, [
            { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ]);
        assert.deepEqual(onBucket("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").rules, [
            { id: "expire-build-contexts", status: "Enabled", filter: {}, expiration: { days: 14 }, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } },
        ]);
    });

    it("logs builds to /Defang/<project>/<stack>/builds with the mode's retention", () => {
        const group = run.named("app-build-log-group");
        assert.deepEqual([group.inputs.name, group.inputs.retentionInDays], ["/Defang/shop/dev/builds", 7]);
    });

    it("gives CodeBuild a role it alone can assume, scoped to this project's bucket, log group and repositories", () => {
        const role = run.named("app-build-role");
        assert.deepEqual(JSON.parse(String(role.inputs.assumeRolePolicy)).Statement, [
            { Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } },
        ]);
        const bucket = run.one(BUCKET).id;
        const repos = run.ofType(REPOSITORY).map((r) => `arn:aws:ecr:us-east-1:123456789012:repository/${r.inputs.name}`).sort();
        assert.deepEqual(repos, ["big", "web", "worker"].map((r) => `arn:aws:ecr:us-east-1:123456789012:repository/${repo(r)}`));
        const group = "arn:aws:logs:us-east-1:123456789012:log-group:/Defang/shop/dev/builds";
        assert.deepEqual(statements(run.named("app-build-role-policy")), [
            { Sid: "ReadBuildContexts", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: `arn:aws:s3:::${bucket}/*` },
            { Sid: "LocateContextBucket", Effect: "Allow", Action: "s3:GetBucketLocation", Resource: `arn:aws:s3:::${bucket}` },
            { Sid: "WriteBuildLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [group, `${group}:*`] },
            { Sid: "EcrLogin", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
            {
                Sid: "EcrPushPull",
                Effect: "Allow",
                Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload", "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"],
                Resource: repos,
            },
        ]);
        assert.equal(run.named("app-build-role-policy").inputs.role, role.id);
    });

    it("creates one privileged CodeBuild project per built service, sized by shm_size, on the service's architecture", () => {
        const projects = byName(run, PROJECT);
        assert.deepEqual(Object.keys(projects).sort(), ["app-big/build", "app-web/build", "app-worker/build"]);
        const env = (p: string) => projects[p].inputs.environment as Record<string, any>;
        assert.deepEqual(
            Object.keys(projects)
                .sort()
                .map((p) => [p, env(p).type, env(p).image, env(p).computeType, env(p).privilegedMode]),
            [
                ["app-big/build", "LINUX_CONTAINER", "aws/codebuild/amazonlinux-x86_64-standard:5.0", "BUILD_GENERAL1_XLARGE", true],
                ["app-web/build", "LINUX_CONTAINER", "aws/codebuild/amazonlinux-x86_64-standard:5.0", "BUILD_GENERAL1_LARGE", true],
                ["app-worker/build", "ARM_CONTAINER", "aws/codebuild/amazonlinux-aarch64-standard:3.0", "BUILD_GENERAL1_SMALL", true],
            ],
        );
        const web = projects["app-web/build"].inputs;
        const bucket = run.one(BUCKET).id;
        const roleName = String(run.named("app-build-role").inputs.name);
        assert.match(roleName, /^shop-dev-codebuild-[0-9a-f]{8}$/);
        assert.deepEqual([web.name, web.serviceRole, web.buildTimeout], [codeBuildProjectName(SCOPE, "web"), `arn:aws:iam::123456789012:role/${roleName}`, 60]);
        assert.deepEqual(web.artifacts, { type: "NO_ARTIFACTS" });
        assert.deepEqual([(web.source as any).type, (web.source as any).location], ["S3", `${bucket}/web/`]);
        assert.deepEqual(web.logsConfig, { cloudwatchLogs: { status: "ENABLED", groupName: "/Defang/shop/dev/builds" }, s3Logs: { status: "DISABLED" } });
        assert.deepEqual(web.cache, { type: "LOCAL", modes: ["LOCAL_DOCKER_LAYER_CACHE", "LOCAL_SOURCE_CACHE"] });
        const repoUrl = `123456789012.dkr.ecr.us-east-1.amazonaws.com/${repo("web")}`;
        assert.deepEqual(env("app-web/build").environmentVariables, [
            { name: "IMAGE_REPO", value: repoUrl, type: "PLAINTEXT" },
            { name: "IMAGE_TAG", value: "manual", type: "PLAINTEXT" },
            { name: "DOCKER_BUILDKIT", value: "1", type: "PLAINTEXT" },
            { name: "DEFANG_BUILD_ARG_0", value: "https://api.example.com", type: "PLAINTEXT" },
            { name: "DEFANG_BUILD_ARG_1", value: "production", type: "PLAINTEXT" },
        ]);
    });

    it("runs a buildspec that logs in, builds with the compose build's settings (arg values by variable only), and pushes the tag", () => {
        const spec = parse(String((run.named("app-web/build").inputs.source as any).buildspec));
        assert.equal(spec.version, 0.2);
        assert.deepEqual(spec.phases.pre_build.commands, ['aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "${IMAGE_REPO%%/*}"']);
        assert.deepEqual(spec.phases.build.commands, [
            `docker build --platform 'linux/amd64' --file 'docker/Dockerfile.prod' --target 'runtime' --build-arg 'API_URL'="$DEFANG_BUILD_ARG_0" --build-arg 'NODE_ENV'="$DEFANG_BUILD_ARG_1" --tag "$IMAGE_REPO:$IMAGE_TAG" .`,
            'docker push "$IMAGE_REPO:$IMAGE_TAG"',
        ]);
        assert.equal(spec.phases.post_build, undefined);
        assert.ok(!String((run.named("app-web/build").inputs.source as any).buildspec).includes("production"));
        const worker = parse(String((run.named("app-worker/build").inputs.source as any).buildspec));
        assert.equal(worker.phases.build.commands[0], `docker build --platform 'linux/arm64' --file 'Dockerfile' --tag "$IMAGE_REPO:$IMAGE_TAG" .`);
    });

    it("builds each service with an ImageBuild over its context's hash (no archive in a plan), and runs the image by digest", () => {
        const build = run.named("app-web/image");
        assert.equal(build.type, IMAGE_BUILD);
        const ctx = collectContext(path.join(dir, "web"), "docker/Dockerfile.prod");
        assert.deepEqual(ctx.entries.map((e) => e.path), [".dockerignore", "docker", "docker/Dockerfile.prod", "server.js"]);
        const bucket = run.one(BUCKET).id;
        assert.deepEqual(build.inputs, {
            region: "us-east-1",
            projectName: codeBuildProjectName(SCOPE, "web"),
            bucket,
            service: "web",
            contextHash: hashContext(ctx),
            repositoryUrl: `123456789012.dkr.ecr.us-east-1.amazonaws.com/${repo("web")}`,
            repositoryName: repo("web"),
            platform: "linux/amd64",
            dockerfile: "docker/Dockerfile.prod",
            target: "runtime",
            args: { API_URL: "https://api.example.com", NODE_ENV: "production" },
            timeoutMinutes: 60,
        });
        const task = run.one(TASK, "web/task");
        const image = containerOf(task).image as string;
        assert.match(image, /^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/shop-dev-web-[0-9a-f]{8}@sha256:[0-9a-f]{64}$/);
        assert.ok(task.options.dependencies.includes(build.urn), "the task definition waits for the build");
        assert.notEqual(containerOf(run.one(TASK, "worker/task")).image, image);
        assert.equal(containerOf(run.one(TASK, "cache/task")).image, "redis:7");
        // The two services with one context share its hash; their settings give them different tags.
        const [worker, big] = [run.named("app-worker/image").raw, run.named("app-big/image").raw];
        assert.equal(worker.contextHash, big.contextHash);
        assert.notEqual(tagOf(worker as any), tagOf(big as any));
    });

    it("passes the mandatory security rules in every mode", async () => {
        for (const mode of MODES) {
            const r = mode === "balanced" ? run : await expandProject({ composeFiles: [path.join(dir, "compose.yaml")], mode });
            assert.deepEqual(checkPolicies(r.resources, mode).filter((v) => v.mandatory).map(formatViolation), [], mode);
        }
    });

    it("skips the whole chain for a service given in `images`, and creates none when nothing is built", async () => {
        const given = await expandProject({ composeFiles: [path.join(dir, "compose.yaml")], images: { web: "ghcr.io/acme/web:3", worker: "ghcr.io/acme/worker:3" } });
        assert.deepEqual(given.ofType(IMAGE_BUILD).map((r) => r.name), ["app-big/image"]);
        assert.deepEqual(given.ofType(PROJECT).map((r) => r.name), ["app-big/build"]);
        assert.deepEqual(given.ofType(REPOSITORY).map((r) => r.inputs.name), [repo("big")]);
        assert.equal(containerOf(given.one(TASK, "web/task")).image, "ghcr.io/acme/web:3");
        const policy = statements(given.named("app-build-role-policy")).find((s) => s.Sid === "EcrPushPull")!;
        assert.deepEqual(policy.Resource, [`arn:aws:ecr:us-east-1:123456789012:repository/${repo("big")}`]);

        const none = await expandProject({ composeFiles: [path.join(dir, "compose.yaml")], images: { web: "a:1", worker: "b:1", big: "c:1" } });
        for (const type of [BUCKET, PROJECT, IMAGE_BUILD, REPOSITORY, "aws:s3/bucketPolicy:BucketPolicy"]) assert.equal(none.ofType(type).length, 0, type);
        assert.deepEqual(none.ofType(ROLE).map((r) => r.name).filter((n) => n.includes("build")), []);
        assert.deepEqual(none.ofType(ROLE_POLICY).map((r) => r.name).filter((n) => n.includes("build")), []);
        assert.equal(none.ofType("aws:cloudwatch/logGroup:LogGroup").filter((g) => String(g.inputs.name).endsWith("/builds")).length, 0);
    });

    it("keeps the build resources' names and the bucket prefix across modes (a mode change updates in place)", async () => {
        const names = (r: Expansion<unknown>) => r.resources.filter((x) => /build|image/.test(x.type + x.name)).map((x) => `${x.type} ${x.name}`).sort();
        const ha = await expandProject({ composeFiles: [path.join(dir, "compose.yaml")], mode: "high_availability" });
        assert.deepEqual(names(ha), names(run));
        assert.equal(ha.one(BUCKET).inputs.bucketPrefix, run.one(BUCKET).inputs.bucketPrefix);
        assert.equal(ha.named("app-build-log-group").inputs.retentionInDays, 30);
        assert.deepEqual(ha.ofType(IMAGE_BUILD).map(ids), run.ofType(IMAGE_BUILD).map(ids));
    });
});

describe("aws/build: contexts at deploy time", function () {
    this.timeout(120_000);

    it("zips each context into the content-addressed cache for `up`, and hashes the same as a plan", async () => {
        const dir = project();
        const planned = await expandProject({ composeFiles: [path.join(dir, "compose.yaml")] });
        const deployed = await expandProject({ composeFiles: [path.join(dir, "compose.yaml")] }, { offline: false });
        assert.deepEqual(deployed.errors, []);
        const build = deployed.named("app-web/image").inputs;
        assert.equal(build.contextHash, planned.named("app-web/image").inputs.contextHash);
        assert.equal(build.archivePath, path.join(contextCacheDir(), `${build.contextHash}.zip`));
        assert.ok(fs.statSync(String(build.archivePath)).size > 0);
        assert.equal(planned.named("app-web/image").inputs.archivePath, undefined);
    });

    it("gives an unchanged context the same hash (no rebuild) and an edited one a new hash", async () => {
        const dir = project();
        const hash = async () => (await expandProject({ composeFiles: [path.join(dir, "compose.yaml")] })).named("app-web/image").inputs.contextHash;
        const first = await hash();
        const past = new Date("2010-01-01T00:00:00Z");
        fs.utimesSync(path.join(dir, "web/server.js"), past, past);
        fs.writeFileSync(path.join(dir, "web/node_modules/big/index.js"), "ignored by .dockerignore");
        assert.equal(await hash(), first);
        fs.writeFileSync(path.join(dir, "web/server.js"), "console.log('changed')\n");
        assert.notEqual(await hash(), first);
    });

    it("refuses an unusable context at deploy before creating anything; a plan or preview warns and still shows the chain", async () => {
        const dir = project();
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), "defang-outside-"));
        fs.writeFileSync(path.join(outside, "secret"), "s");
        fs.symlinkSync(path.join(outside, "secret"), path.join(dir, "web/linked-secret"));
        const deployed = await expandProject({ composeFiles: [path.join(dir, "compose.yaml")] }, { offline: false });
        assert.equal(deployed.errors.length, 1);
        assert.match(deployed.errors[0].message, /service "web": build context .*\/web has symbolic links that point outside the context, to a directory, or nowhere: linked-secret; .*Add them to \.dockerignore/);
        assert.equal(deployed.resources.filter((r) => r.custom).length, 0);

        const planned = await expandProject({ composeFiles: [path.join(dir, "compose.yaml")] });
        assert.deepEqual(planned.errors, []);
        const warning = planned.diagnostics.find((d) => d.code === "build-context-unusable")!;
        assert.match(warning.message, /service "web": build context .* symbolic links/);
        assert.match(warning.hint!, /fix the build context before `pulumi up`, or pass a prebuilt image/);
        assert.equal(planned.named("app-web/image").inputs.contextHash, "unusable-context");
    });

    it("refuses an archive cache other users could write to (they would choose what gets built)", async () => {
        const dir = project();
        const cache = fs.mkdtempSync(path.join(os.tmpdir(), "defang-cache-"));
        fs.mkdirSync(path.join(cache, "pulumi-defang", "contexts"), { recursive: true });
        fs.chmodSync(path.join(cache, "pulumi-defang", "contexts"), 0o777);
        const saved = process.env.XDG_CACHE_HOME;
        process.env.XDG_CACHE_HOME = cache;
        try {
            const deployed = await expandProject({ composeFiles: [path.join(dir, "compose.yaml")] }, { offline: false });
            assert.match(deployed.errors[0]?.message ?? "", /the build context cache .*\/pulumi-defang\/contexts is not a directory private to this user; remove it or set XDG_CACHE_HOME/);
            fs.chmodSync(path.join(cache, "pulumi-defang", "contexts"), 0o700);
            const fixed = await expandProject({ composeFiles: [path.join(dir, "compose.yaml")] }, { offline: false });
            assert.deepEqual(fixed.errors, []);
            assert.ok(String(fixed.named("app-web/image").inputs.archivePath).startsWith(path.join(cache, "pulumi-defang", "contexts")));
        } finally {
            if (saved === undefined) delete process.env.XDG_CACHE_HOME;
            else process.env.XDG_CACHE_HOME = saved;
        }
    });

    it("refuses a remote (git) build context with what to do instead", async () => {
        const dir = project(`
name: shop
services:
  web:
    build: https://github.com/acme/web.git#main
    deploy:
      resources:
        reservations:
          memory: 256M
`);
        const deployed = await expandProject({ composeFiles: [path.join(dir, "compose.yaml")] }, { offline: false });
        assert.match(deployed.errors[0]?.message ?? "", /service "web": remote build contexts \(https:\/\/github\.com\/acme\/web\.git#main\) are not supported; clone the repository next to the compose file/);
    });
});
