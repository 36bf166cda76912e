// The ImageBuild resource through the plugin's gRPC interface, as the engine calls it: the plugin runs
// as its own process with the AWS SDK pointed at moto by the environment (AWS_ENDPOINT_URL), and the
// engine's Check, Diff and Create reach the handler; a user error comes back as the gRPC error text.
import { strict as assert } from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { CodeBuildClient, CreateProjectCommand } from "@aws-sdk/client-codebuild";
import { CreateRepositoryCommand, ECRClient, PutImageCommand } from "@aws-sdk/client-ecr";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { collectContext, writeArchive } from "../../provider/src/build/context";
import { IMAGE_BUILD_TOKEN, tagOf } from "../../provider/src/resources/image-build-spec";
import { REPO_ROOT } from "../support/shared";
import { type Moto, useMoto } from "../support/moto";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const provproto = require("@pulumi/pulumi/proto/provider_pb");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const structproto = require("google-protobuf/google/protobuf/struct_pb");

const URN = `urn:pulumi:dev::shop::defang:index:Project$${IMAGE_BUILD_TOKEN}::app-web-image`;

function rpc<T>(client: any, method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => client[method](request, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))));
}

function port(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
        let out = "";
        let err = "";
        child.stdout!.on("data", (d: Buffer) => {
            out += d.toString();
            if (out.includes("\n")) resolve(out.split("\n")[0].trim());
        });
        child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
        child.on("exit", (code) => reject(new Error(`plugin exited with ${code}: ${err}`)));
    });
}

describe("resources over the plugin's gRPC interface (moto behind the AWS SDK)", function () {
    this.timeout(120_000);
    let moto: Moto;
    let child: ChildProcess;
    let client: any;
    let inputs: Record<string, unknown>;

    before(async function () {
        moto = await useMoto(this);
        await moto.reset();
        const config = { ...moto.client("us-east-1"), forcePathStyle: true };
        await new S3Client(config).send(new CreateBucketCommand({ Bucket: "grpc-builds" }));
        const repo = await new ECRClient(config).send(new CreateRepositoryCommand({ repositoryName: "shop-dev/grpc" }));
        await new CodeBuildClient(config).send(
            new CreateProjectCommand({
                name: "shop-dev-grpc",
                source: { type: "S3", location: "grpc-builds/web/" },
                artifacts: { type: "NO_ARTIFACTS" },
                environment: { type: "LINUX_CONTAINER", image: "aws/codebuild/amazonlinux-x86_64-standard:5.0", computeType: "BUILD_GENERAL1_SMALL" },
                serviceRole: "arn:aws:iam::123456789012:role/x",
            }),
        );
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-grpc-"));
        fs.writeFileSync(path.join(dir, "Dockerfile"), "FROM scratch\n");
        const archivePath = path.join(dir, "ctx.zip");
        const contextHash = writeArchive(collectContext(dir, undefined), archivePath).hash;
        inputs = {
            region: "us-east-1",
            projectName: "shop-dev-grpc",
            bucket: "grpc-builds",
            service: "web",
            contextHash,
            repositoryUrl: repo.repository!.repositoryUri,
            repositoryName: "shop-dev/grpc",
            platform: "linux/amd64",
            args: {},
            archivePath,
        };

        child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(REPO_ROOT, "provider/src/provider.ts")], {
            cwd: REPO_ROOT,
            env: { ...process.env, ...moto.env, TS_NODE_TRANSPILE_ONLY: "true" },
            stdio: ["ignore", "pipe", "pipe"],
        });
        client = new provrpc.ResourceProviderClient(`127.0.0.1:${await port(child)}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        child?.kill();
    });

    const struct = (o: unknown) => structproto.Struct.fromJavaScript(o);

    it("checks inputs, naming a bad property", async () => {
        const req = new provproto.CheckRequest();
        req.setUrn(URN);
        req.setOlds(struct({}));
        req.setNews(struct({ ...inputs, bucket: "" }));
        const res = await rpc<any>(client, "check", req);
        assert.deepEqual(
            res.getFailuresList().map((f: any) => [f.getProperty(), f.getReason()]),
            [["bucket", "bucket must be a non-empty string"]],
        );
    });

    it("diffs: a new context hash is an update, a new archive path is nothing", async () => {
        const diff = async (news: Record<string, unknown>) => {
            const req = new provproto.DiffRequest();
            req.setId("id");
            req.setUrn(URN);
            req.setOlds(struct(inputs));
            req.setNews(struct(news));
            const res = await rpc<any>(client, "diff", req);
            return [res.getChanges(), res.getReplacesList()];
        };
        assert.deepEqual(await diff({ ...inputs, archivePath: "/elsewhere.zip" }), [provproto.DiffResponse.DiffChanges.DIFF_NONE, []]);
        assert.deepEqual(await diff({ ...inputs, contextHash: "f".repeat(64) }), [provproto.DiffResponse.DiffChanges.DIFF_SOME, []]);
    });

    it("creates: outputs the image by digest (here already pushed under the inputs' tag)", async () => {
        const manifest = JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.docker.distribution.manifest.v2+json", config: { digest: "sha256:0" }, layers: [] });
        const pushed = await new ECRClient(moto.client("us-east-1")).send(new PutImageCommand({ repositoryName: "shop-dev/grpc", imageTag: tagOf(inputs as any), imageManifest: manifest }));
        const req = new provproto.CreateRequest();
        req.setUrn(URN);
        req.setProperties(struct(inputs));
        const res = await rpc<any>(client, "create", req);
        const outs = res.getProperties().toJavaScript();
        const digest = pushed.image!.imageId!.imageDigest!;
        assert.equal(res.getId(), `${inputs.repositoryUrl}@${digest}`);
        assert.deepEqual([outs.imageUri, outs.imageTag, outs.imageDigest], [`${inputs.repositoryUrl}@${digest}`, tagOf(inputs as any), digest]);
    });

    it("fails a create with the user-facing message when the archive is not there", async () => {
        const req = new provproto.CreateRequest();
        req.setUrn(URN);
        req.setProperties(struct({ ...inputs, contextHash: "e".repeat(64), archivePath: "/gone/ctx.zip" }));
        await assert.rejects(rpc(client, "create", req), /build of service "web": the build context archive \/gone\/ctx\.zip is missing on this machine/);
    });
});
