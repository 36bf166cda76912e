// The plugin's implementation of defang:index:ImageBuild (see image-build-spec.ts): with the AWS SDK's
// default credential chain and the region input (AWS_ENDPOINT_URL is honoured, so tests run it
// against moto), create/update
//   1. reuse the image when the repository already has the tag (an unchanged service never rebuilds);
//   2. upload the context zip to s3://<bucket>/<service>/<contextHash>.zip unless it is there;
//   3. start the service's CodeBuild project with that object as its source and the tag in IMAGE_TAG;
//   4. poll until the build ends (backoff up to 15 s; stopped after the timeout);
//   5. on failure, fail with the phase, CodeBuild's reason and the last lines of the build log;
//      on success, output the image by digest.
// Delete does nothing: pushed images are the user's artifacts (the repository's lifecycle expires
// untagged ones) and the uploaded contexts expire with the bucket's lifecycle rule.
import { timing, type Timing } from "./timing";
import * as fs from "fs";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { type Build, CodeBuildClient } from "@aws-sdk/client-codebuild";
import { DescribeImagesCommand, ECRClient } from "@aws-sdk/client-ecr";
import { HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { s3Client } from "./aws-clients";
import type { CustomResourceHandler } from "./index";
import { DEFAULT_TIMEOUT_MINUTES, type ImageBuildInputs, type ImageBuildOutputs, checkImageBuild, diffImageBuild, tagOf } from "./image-build-spec";
import { plain } from "./wire";
import { failureMessage, isNotFound, retriable, runBuild, stopAll } from "./codebuild-run";

export interface ImageBuildClients {
    s3: Pick<S3Client, "send">;
    codebuild: Pick<CodeBuildClient, "send">;
    ecr: Pick<ECRClient, "send">;
    logs: Pick<CloudWatchLogsClient, "send">;
}

export interface ImageBuildOptions extends Partial<Timing> {
    clients?: (region: string) => ImageBuildClients;
}

/** Builds that fail while a fresh role or policy propagates are retried, up to this many builds. */
const MAX_ATTEMPTS = 3;

export function defaultClients(region: string): ImageBuildClients {
    return {
        s3: s3Client(region),
        codebuild: new CodeBuildClient({ region }),
        ecr: new ECRClient({ region }),
        logs: new CloudWatchLogsClient({ region }),
    };
}

export class ImageBuildHandler implements CustomResourceHandler {
    private readonly clients: (region: string) => ImageBuildClients;
    private readonly sleep: Timing["sleep"];
    private readonly now: Timing["now"];
    private readonly pollMs: Timing["pollMs"];
    private readonly retryDelayMs: number;
    /** Builds in progress, stopped if the engine cancels the deployment. */
    private readonly running = new Map<string, Pick<CodeBuildClient, "send">>();

    constructor(options: ImageBuildOptions = {}) {
        this.clients = options.clients ?? defaultClients;
        ({ sleep: this.sleep, now: this.now, pollMs: this.pollMs, retryDelayMs: this.retryDelayMs } = timing(options));
    }

    async check(_olds: unknown, news: unknown) {
        return checkImageBuild(news);
    }

    async diff(_id: string, olds: unknown, news: unknown) {
        const { changes, replaces } = diffImageBuild(olds, news);
        return { changes, replaces };
    }

    async create(inputs: unknown) {
        const outs = await this.build(plain(inputs) as ImageBuildInputs);
        return { id: outs.imageUri, outs };
    }

    async update(_id: string, _olds: unknown, news: unknown) {
        return { outs: await this.build(plain(news) as ImageBuildInputs) };
    }

    async read(id: string, props: unknown) {
        return { id, props: plain(props) };
    }

    async delete(): Promise<void> {
        // Nothing to remove: see the file comment.
    }

    async cancel(): Promise<void> {
        await stopAll(this.running);
    }

    /** Reuses or builds the image for these inputs; throws with a message for the user on failure. */
    async build(inputs: ImageBuildInputs): Promise<ImageBuildOutputs> {
        const clients = this.clients(inputs.region);
        const tag = tagOf(inputs);
        const who = `build of service "${inputs.service}"`;
        const existing = await this.digestOf(clients, inputs, tag, who);
        if (existing) return outputs(inputs, tag, existing);

        const key = `${inputs.service}/${inputs.contextHash}.zip`;
        await this.upload(clients, inputs, key, who);
        let build: Build | undefined;
        for (let attempt = 1; ; attempt++) {
            build = await runBuild(
                clients,
                {
                    projectName: inputs.projectName,
                    sourceTypeOverride: "S3",
                    sourceLocationOverride: `${inputs.bucket}/${key}`,
                    environmentVariablesOverride: [{ name: "IMAGE_TAG", value: tag, type: "PLAINTEXT" }],
                },
                { sleep: this.sleep, now: this.now, pollMs: this.pollMs, running: this.running, timeoutMinutes: inputs.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES, who },
            );
            if (build.buildStatus === "SUCCEEDED") break;
            if (attempt < MAX_ATTEMPTS && retriable(build)) {
                await this.sleep(this.retryDelayMs * attempt);
                continue;
            }
            throw new Error(await failureMessage(clients, build, who, inputs));
        }
        const digest = await this.digestOf(clients, inputs, tag, who);
        if (!digest) {
            throw new Error(`${who}: CodeBuild build ${build.id} succeeded but pushed no image tagged ${tag} to ${inputs.repositoryName}; check the project's buildspec and the build log`);
        }
        return outputs(inputs, tag, digest, build.id);
    }

    private async digestOf(clients: ImageBuildClients, inputs: ImageBuildInputs, tag: string, who: string): Promise<string | undefined> {
        try {
            const found = await clients.ecr.send(new DescribeImagesCommand({ repositoryName: inputs.repositoryName, imageIds: [{ imageTag: tag }] }));
            return found.imageDetails?.[0]?.imageDigest;
        } catch (err) {
            if ((err as Error).name === "ImageNotFoundException") return undefined;
            throw new Error(`${who}: cannot read repository ${inputs.repositoryName}: ${(err as Error).message}`);
        }
    }

    private async upload(clients: ImageBuildClients, inputs: ImageBuildInputs, key: string, who: string): Promise<void> {
        try {
            await clients.s3.send(new HeadObjectCommand({ Bucket: inputs.bucket, Key: key }));
            return; // uploaded by an earlier attempt: contexts are content-addressed
        } catch (err) {
            if (!isNotFound(err)) throw new Error(`${who}: cannot read s3://${inputs.bucket}/${key}: ${(err as Error).message}`);
        }
        const file = inputs.archivePath;
        if (!file || !fs.existsSync(file)) {
            throw new Error(
                `${who}: the build context archive ${file ?? "(none)"} is missing on this machine; run \`pulumi up\` again where the compose project is (the program writes it)`,
            );
        }
        try {
            await clients.s3.send(
                new PutObjectCommand({ Bucket: inputs.bucket, Key: key, Body: fs.createReadStream(file), ContentLength: fs.statSync(file).size, ContentType: "application/zip" }),
            );
        } catch (err) {
            throw new Error(`${who}: uploading the build context to s3://${inputs.bucket}/${key} failed: ${(err as Error).message}`);
        }
    }
}

function outputs(inputs: ImageBuildInputs, tag: string, digest: string, buildId?: string): ImageBuildOutputs {
    return { ...inputs, imageUri: `${inputs.repositoryUrl}@${digest}`, imageTag: tag, imageDigest: digest, ...(buildId ? { buildId } : {}) };
}
