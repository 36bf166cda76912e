// defang:index:ImageBuild against a moto server: the context lands in S3 under its hash, CodeBuild is
// started with the S3 object as its source, the output names the pushed image by digest, an existing
// tag is reused without a build. moto cannot fail a build (its builds always succeed) nor records a
// build's overrides, so the calls are observed on the way to moto, and the failure, retry and timeout
// paths stub only CodeBuild's BatchGetBuilds answers (the build log still comes from moto's CloudWatch).
import { strict as assert } from "assert";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { type Build, CodeBuildClient, CreateProjectCommand, ListBuildsForProjectCommand, StartBuildCommand } from "@aws-sdk/client-codebuild";
import { CreateRepositoryCommand, ECRClient, PutImageCommand } from "@aws-sdk/client-ecr";
import { CreateBucketCommand, GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { collectContext, writeArchive } from "../../provider/src/build/context";
import { type ImageBuildClients, ImageBuildHandler, defaultClients } from "../../provider/src/resources/image-build";
import { type ImageBuildInputs, tagOf } from "../../provider/src/resources/image-build-spec";
import { type Moto, useMoto } from "../support/moto";

const REGION = "us-east-1";
const PROJECT = "shop-dev-web";
const BUCKET = "shop-dev-builds-x1";
const REPO = "shop-dev/web";

interface Recorded {
    clients: ImageBuildClients;
    sent: Array<{ name: string; input: Record<string, unknown> }>;
}

/** Real moto-backed clients; every command is recorded, and `afterStart` runs once CodeBuild accepted a build (the buildspec's push). */
function recordedClients(moto: Moto, afterStart?: (build: Build) => Promise<void>): Recorded {
    const sent: Recorded["sent"] = [];
    const config = { ...moto.client(REGION), forcePathStyle: true };
    const wrap = <C extends { send(command: any): Promise<any> }>(client: C): C => {
        const real = client.send.bind(client);
        return {
            send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
                sent.push({ name: command.constructor.name, input: command.input });
                const out = await real(command as any);
                if (command instanceof StartBuildCommand && afterStart) await afterStart(out.build);
                return out;
            },
        } as unknown as C;
    };
    return {
        sent,
        clients: { s3: wrap(new S3Client(config)), codebuild: wrap(new CodeBuildClient(config)), ecr: wrap(new ECRClient(config)), logs: wrap(new CloudWatchLogsClient(config)) },
    };
}

const fast = { sleep: async () => undefined, pollMs: { first: 1, max: 1 }, retryDelayMs: 1 };

describe("resources/image-build against moto", function () {
    let moto: Moto;
    let ecr: ECRClient;
    let repositoryUrl: string;
    let archive: { path: string; hash: string };

    before(async function () {
        moto = await useMoto(this);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-ib-"));
        fs.writeFileSync(path.join(dir, "Dockerfile"), "FROM public.ecr.aws/docker/library/alpine:3.20\nCOPY . /app\n");
        fs.writeFileSync(path.join(dir, "app.sh"), "#!/bin/sh\necho hi\n", { mode: 0o755 });
        const file = path.join(dir, "..", `${path.basename(dir)}.zip`);
        archive = { path: file, hash: writeArchive(collectContext(dir, undefined), file).hash };
    });

    beforeEach(async () => {
        await moto.reset();
        const config = { ...moto.client(REGION), forcePathStyle: true };
        await new S3Client(config).send(new CreateBucketCommand({ Bucket: BUCKET }));
        ecr = new ECRClient(config);
        repositoryUrl = (await ecr.send(new CreateRepositoryCommand({ repositoryName: REPO }))).repository!.repositoryUri!;
        await new CodeBuildClient(config).send(
            new CreateProjectCommand({
                name: PROJECT,
                source: { type: "S3", location: `${BUCKET}/web/`, buildspec: "version: 0.2" },
                artifacts: { type: "NO_ARTIFACTS" },
                environment: { type: "LINUX_CONTAINER", image: "aws/codebuild/amazonlinux-x86_64-standard:5.0", computeType: "BUILD_GENERAL1_LARGE", privilegedMode: true },
                serviceRole: "arn:aws:iam::123456789012:role/shop-dev-codebuild",
            }),
        );
    });

    const inputs = (extra: Partial<ImageBuildInputs> = {}): ImageBuildInputs => ({
        region: REGION,
        projectName: PROJECT,
        bucket: BUCKET,
        service: "web",
        contextHash: archive.hash,
        repositoryUrl,
        repositoryName: REPO,
        platform: "linux/amd64",
        args: { NODE_ENV: "production" },
        archivePath: archive.path,
        ...extra,
    });

    /** What the buildspec's `docker push` leaves in ECR: a manifest under the tag. Returns its digest. */
    const push = async (tag: string): Promise<string> => {
        const manifest = JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.docker.distribution.manifest.v2+json", config: { digest: `sha256:${tag}` }, layers: [] });
        const out = await ecr.send(new PutImageCommand({ repositoryName: REPO, imageTag: tag, imageManifest: manifest }));
        return out.image!.imageId!.imageDigest!;
    };

    it("uploads the context under its hash, starts CodeBuild with it as the source, and outputs the pushed image by digest", async () => {
        let digest = "";
        const { clients, sent } = recordedClients(moto, async () => {
            digest = await push(tagOf(inputs()));
        });
        const result = await new ImageBuildHandler({ clients: () => clients, ...fast }).create(inputs());

        const key = `web/${archive.hash}.zip`;
        const object = await new S3Client({ ...moto.client(REGION), forcePathStyle: true }).send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
        const uploaded = Buffer.from(await object.Body!.transformToByteArray());
        assert.deepEqual(createHash("sha256").update(uploaded).digest("hex"), createHash("sha256").update(fs.readFileSync(archive.path)).digest("hex"));

        const start = sent.find((c) => c.name === "StartBuildCommand")!;
        assert.deepEqual(start.input, {
            projectName: PROJECT,
            sourceTypeOverride: "S3",
            sourceLocationOverride: `${BUCKET}/${key}`,
            environmentVariablesOverride: [{ name: "IMAGE_TAG", value: tagOf(inputs()), type: "PLAINTEXT" }],
        });
        const builds = await new CodeBuildClient(moto.client(REGION)).send(new ListBuildsForProjectCommand({ projectName: PROJECT }));
        assert.deepEqual(builds.ids, [(result.outs as { buildId: string }).buildId]);

        assert.match(digest, /^sha256:[0-9a-f]{64}$/);
        assert.equal(result.id, `${repositoryUrl}@${digest}`);
        assert.deepEqual(
            { ...result.outs, archivePath: undefined },
            { ...inputs(), archivePath: undefined, imageUri: `${repositoryUrl}@${digest}`, imageTag: tagOf(inputs()), imageDigest: digest, buildId: builds.ids![0] },
        );
    });

    it("reuses an image already tagged for these inputs: no upload, no build", async () => {
        const digest = await push(tagOf(inputs()));
        const { clients, sent } = recordedClients(moto);
        const result = await new ImageBuildHandler({ clients: () => clients, ...fast }).update("id", {}, inputs({ archivePath: "/elsewhere/missing.zip" }));
        assert.deepEqual(sent.map((c) => c.name), ["DescribeImagesCommand"]);
        assert.equal((result.outs as { imageUri: string }).imageUri, `${repositoryUrl}@${digest}`);
        assert.equal((result.outs as { buildId?: string }).buildId, undefined);
    });

    it("builds again when a build arg changes, and skips an upload already in S3", async () => {
        const handler = (r: Recorded) => new ImageBuildHandler({ clients: () => r.clients, ...fast });
        const first = recordedClients(moto, async () => void (await push(tagOf(inputs()))));
        await handler(first).create(inputs());
        const changed = inputs({ args: { NODE_ENV: "staging" } });
        const second = recordedClients(moto, async () => void (await push(tagOf(changed))));
        const result = await handler(second).update("id", {}, changed);
        assert.deepEqual(second.sent.map((c) => c.name), ["DescribeImagesCommand", "HeadObjectCommand", "StartBuildCommand", "BatchGetBuildsCommand", "DescribeImagesCommand"]);
        assert.notEqual(tagOf(changed), tagOf(inputs()));
        assert.equal((result.outs as { imageTag: string }).imageTag, tagOf(changed));
    });

    it("reaches moto through AWS_ENDPOINT_URL with the default clients (the SDK's own endpoint and credential chain)", async () => {
        const saved = { ...process.env };
        Object.assign(process.env, moto.env);
        try {
            const tag = tagOf(inputs());
            await push(tag);
            const result = await new ImageBuildHandler({ clients: defaultClients, ...fast }).create(inputs());
            assert.equal(result.outs.imageTag, tag);
        } finally {
            for (const k of Object.keys(moto.env)) {
                if (saved[k] === undefined) delete process.env[k];
                else process.env[k] = saved[k];
            }
        }
    });

    it("fails clearly when the archive is not on this machine", async () => {
        const { clients } = recordedClients(moto);
        await assert.rejects(new ImageBuildHandler({ clients: () => clients, ...fast }).create(inputs({ archivePath: "/nowhere/ctx.zip" })), /build of service "web": the build context archive \/nowhere\/ctx\.zip is missing on this machine; run `pulumi up` again/);
    });

    it("fails when CodeBuild reports success but no image was pushed", async () => {
        const { clients } = recordedClients(moto);
        await assert.rejects(new ImageBuildHandler({ clients: () => clients, ...fast }).create(inputs()), /build of service "web": CodeBuild build shop-dev-web:.* succeeded but pushed no image tagged b-[0-9a-f]{32} to shop-dev\/web/);
    });

    describe("failed, retried and stuck builds (CodeBuild answers stubbed, the log from moto)", () => {
        const GROUP = "/Defang/shop/dev/builds";
        const STREAM = "build-1";

        /** Moto-backed clients whose BatchGetBuilds answers come from `answers` (one per call, the last repeats). */
        function stubbedBuilds(answers: Array<Partial<Build>>, afterStart?: (build: Build) => Promise<void>): Recorded {
            const recorded = recordedClients(moto, afterStart);
            const real = recorded.clients.codebuild;
            let call = 0;
            recorded.clients.codebuild = {
                send: async (command: any) => {
                    if (command.constructor.name !== "BatchGetBuildsCommand") return real.send(command);
                    recorded.sent.push({ name: "BatchGetBuildsCommand", input: command.input });
                    const answer = answers[Math.min(call++, answers.length - 1)];
                    return { builds: [{ id: command.input.ids[0], ...answer }] };
                },
            } as ImageBuildClients["codebuild"];
            return recorded;
        }

        const failed = (phase: string, message: string, logs = true): Partial<Build> => ({
            buildStatus: "FAILED",
            currentPhase: "COMPLETED",
            phases: [
                { phaseType: "SUBMITTED", phaseStatus: "SUCCEEDED" },
                { phaseType: phase as any, phaseStatus: "FAILED", contexts: [{ statusCode: "COMMAND_EXECUTION_ERROR", message }] },
                { phaseType: "COMPLETED" },
            ],
            ...(logs ? { logs: { groupName: GROUP, streamName: STREAM } } : {}),
        });

        it("fails with the phase, CodeBuild's reason and the last 50 lines of the build log", async () => {
            const logs = new CloudWatchLogsClient(moto.client(REGION));
            await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
            await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: STREAM }));
            const start = Date.now() - 60_000;
            await logs.send(
                new PutLogEventsCommand({
                    logGroupName: GROUP,
                    logStreamName: STREAM,
                    logEvents: Array.from({ length: 60 }, (_, i) => ({ timestamp: start + i, message: `step ${i + 1}\n` })),
                }),
            );
            const { clients } = stubbedBuilds([{ buildStatus: "IN_PROGRESS" }, failed("BUILD", "Error while executing command: docker build. Reason: exit status 1")]);
            const error = await new ImageBuildHandler({ clients: () => clients, ...fast }).create(inputs()).then(
                () => assert.fail("expected the build to fail"),
                (err: Error) => err,
            );
            const lines = error.message.split("\n");
            assert.equal(lines[0], 'build of service "web" failed in phase BUILD: COMMAND_EXECUTION_ERROR: Error while executing command: docker build. Reason: exit status 1');
            assert.match(lines[1], /^ {2}CodeBuild build shop-dev-web:\S+ \(project shop-dev-web, region us-east-1\)$/);
            assert.equal(lines[2], `  last 50 lines of the build log (${GROUP} ${STREAM}):`);
            assert.deepEqual(lines.slice(3), Array.from({ length: 50 }, (_, i) => `    step ${i + 11}`));
        });

        it("retries a build that failed before its commands ran (a role not propagated yet), then succeeds", async () => {
            const retried = inputs({ args: { RETRY: "1" } });
            let starts = 0;
            const recorded = stubbedBuilds([failed("DOWNLOAD_SOURCE", "ACCESS_DENIED: not authorized", false), { buildStatus: "SUCCEEDED" }], async () => {
                if (++starts === 2) await push(tagOf(retried));
            });
            const result = await new ImageBuildHandler({ clients: () => recorded.clients, ...fast }).create(retried);
            assert.equal(recorded.sent.filter((c) => c.name === "StartBuildCommand").length, 2);
            assert.equal(result.outs.imageTag, tagOf(retried));
        });

        it("gives up after three attempts, saying there is no build log", async () => {
            const recorded = stubbedBuilds([failed("PROVISIONING", "BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE", false)]);
            await assert.rejects(
                new ImageBuildHandler({ clients: () => recorded.clients, ...fast }).create(inputs()),
                /failed in phase PROVISIONING: COMMAND_EXECUTION_ERROR: BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE\n.*\n {2}the build has no CloudWatch log/,
            );
            assert.equal(recorded.sent.filter((c) => c.name === "StartBuildCommand").length, 3);
        });

        it("stops a build still running at the deadline", async () => {
            let now = 0;
            const recorded = stubbedBuilds([{ buildStatus: "IN_PROGRESS" }]);
            const handler = new ImageBuildHandler({ clients: () => recorded.clients, ...fast, now: () => now, sleep: async () => void (now += 5 * 60_000) });
            await assert.rejects(handler.create(inputs({ timeoutMinutes: 20 })), /CodeBuild build shop-dev-web:\S+ did not finish within 35 minutes and was stopped/);
            assert.deepEqual(recorded.sent.filter((c) => c.name === "StopBuildCommand").length, 1);
        });
    });
});
