// The plugin's implementation of defang:index:StaticSiteSync (see static-site-sync-spec.ts), with the
// AWS SDK's default credential chain (AWS_ENDPOINT_URL is honoured, so tests run it against moto).
// Create and update:
//   1. the folder as a tarball in the build bucket, under a key derived from the image, platform and
//      folder: there already, or made by the extraction CodeBuild project (docker create + cp);
//   2. the site's objects (static-site-files.ts) compared with the bucket's by MD5 (the ETag of an
//      SSE-S3 object put in one request): only new and changed files are uploaded (all of them when
//      the object format changed), then the keys the site no longer has are deleted;
//   3. when anything changed, one CloudFront invalidation of `/*` (the first 1,000 paths a month are free).
// Delete does nothing: the bucket's objects go with the bucket (the image is their source).
import { CloudFrontClient, CreateInvalidationCommand } from "@aws-sdk/client-cloudfront";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { CodeBuildClient } from "@aws-sdk/client-codebuild";
import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { failureMessage, isNotFound, retriable, runBuild, stopAll } from "./codebuild-run";
import { s3Client } from "./aws-clients";
import type { CustomResourceHandler } from "./index";
import { type SiteObject, readTarGz, siteHash, siteObjects } from "./static-site-files";
import { DEFAULT_EXTRACT_TIMEOUT_MINUTES, type StaticSiteSyncInputs, type StaticSiteSyncOutputs, archiveKey, checkStaticSiteSync, diffStaticSiteSync } from "./static-site-sync-spec";
import { type Timing, timing } from "./timing";
import { plain } from "./wire";

export interface StaticSiteClients {
    s3: Pick<S3Client, "send">;
    codebuild: Pick<CodeBuildClient, "send">;
    logs: Pick<CloudWatchLogsClient, "send">;
    cloudfront: Pick<CloudFrontClient, "send">;
}

export interface StaticSiteSyncOptions extends Partial<Timing> {
    clients?: (region: string) => StaticSiteClients;
}

/** Uploads in flight at once. */
const CONCURRENCY = 8;
const MAX_ATTEMPTS = 3;

export function defaultClients(region: string): StaticSiteClients {
    return {
        s3: s3Client(region),
        codebuild: new CodeBuildClient({ region }),
        logs: new CloudWatchLogsClient({ region }),
        // CloudFront's API is global, served from us-east-1.
        cloudfront: new CloudFrontClient({ region: "us-east-1" }),
    };
}

export class StaticSiteSyncHandler implements CustomResourceHandler {
    private readonly clients: (region: string) => StaticSiteClients;
    private readonly timing: Timing;
    private readonly running = new Map<string, Pick<CodeBuildClient, "send">>();

    constructor(options: StaticSiteSyncOptions = {}) {
        this.clients = options.clients ?? defaultClients;
        this.timing = timing(options);
    }

    async check(_olds: unknown, news: unknown) {
        return checkStaticSiteSync(news);
    }

    async diff(_id: string, olds: unknown, news: unknown) {
        const { changes, replaces } = diffStaticSiteSync(olds, news);
        return { changes, replaces };
    }

    async create(inputs: unknown) {
        const outs = await this.sync(plain(inputs) as StaticSiteSyncInputs, undefined);
        return { id: `${outs.siteBucket}/${outs.service}`, outs };
    }

    async update(_id: string, olds: unknown, news: unknown) {
        return { outs: await this.sync(plain(news) as StaticSiteSyncInputs, plain(olds) as Partial<StaticSiteSyncOutputs>) };
    }

    async read(id: string, props: unknown) {
        return { id, props: plain(props) };
    }

    async delete(): Promise<void> {
        // See the file comment: the bucket takes its objects with it.
    }

    async cancel(): Promise<void> {
        await stopAll(this.running);
    }

    /** Extracts (when needed), uploads what changed, deletes what is gone, invalidates on change. */
    async sync(inputs: StaticSiteSyncInputs, previous: Partial<StaticSiteSyncOutputs> | undefined): Promise<StaticSiteSyncOutputs> {
        const clients = this.clients(inputs.region);
        const who = `static files of service "${inputs.service}"`;
        const key = archiveKey(inputs);
        await this.ensureArchive(clients, inputs, key, who);
        const files = await this.download(clients, inputs, key, who);
        if (files.size === 0) throw new Error(`${who}: the folder ${inputs.folder} of ${inputs.image} holds no files`);
        const objects = siteObjects(files);
        const existing = await this.listing(clients, inputs.siteBucket, who);
        const resend = previous?.format !== undefined && previous.format !== inputs.format;
        const changed = objects.filter((o) => resend || existing.get(o.key) !== o.md5);
        await pool(changed, CONCURRENCY, (o) => this.put(clients, inputs.siteBucket, o, who));
        const wanted = new Set(objects.map((o) => o.key));
        const stale = [...existing.keys()].filter((k) => !wanted.has(k)).sort();
        await this.remove(clients, inputs.siteBucket, stale, who);
        const hash = siteHash(objects);
        const outs: StaticSiteSyncOutputs = {
            ...inputs,
            archiveKey: key,
            siteHash: hash,
            objects: objects.length,
            bytes: objects.reduce((n, o) => n + o.body.length, 0),
            uploaded: changed.length,
            deleted: stale.length,
        };
        if (changed.length + stale.length > 0) outs.invalidationId = await this.invalidate(clients, inputs, hash, who);
        return outs;
    }

    private async ensureArchive(clients: StaticSiteClients, inputs: StaticSiteSyncInputs, key: string, who: string): Promise<void> {
        if (await this.exists(clients, inputs.archiveBucket, key, who)) return;
        const env = { SITE_IMAGE: inputs.image, SITE_PLATFORM: inputs.platform, SITE_FOLDER: inputs.folder, SITE_BUCKET: inputs.archiveBucket, SITE_KEY: key };
        for (let attempt = 1; ; attempt++) {
            const build = await runBuild(
                clients,
                { projectName: inputs.extractProject, environmentVariablesOverride: Object.entries(env).map(([name, value]) => ({ name, value, type: "PLAINTEXT" })) },
                { ...this.timing, running: this.running, timeoutMinutes: inputs.timeoutMinutes ?? DEFAULT_EXTRACT_TIMEOUT_MINUTES, who: `copying the ${who} out of ${inputs.image}` },
            );
            if (build.buildStatus === "SUCCEEDED") break;
            if (attempt < MAX_ATTEMPTS && retriable(build)) {
                await this.timing.sleep(this.timing.retryDelayMs * attempt);
                continue;
            }
            throw new Error(await failureMessage(clients, build, `copying the ${who} out of ${inputs.image}`, { projectName: inputs.extractProject, region: inputs.region }));
        }
        if (!(await this.exists(clients, inputs.archiveBucket, key, who))) {
            throw new Error(`${who}: the extraction build succeeded but left no s3://${inputs.archiveBucket}/${key}; check the build log of project ${inputs.extractProject}`);
        }
    }

    private async exists(clients: StaticSiteClients, bucket: string, key: string, who: string): Promise<boolean> {
        try {
            await clients.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
            return true;
        } catch (err) {
            if (isNotFound(err)) return false;
            throw new Error(`${who}: cannot read s3://${bucket}/${key}: ${(err as Error).message}`);
        }
    }

    private async download(clients: StaticSiteClients, inputs: StaticSiteSyncInputs, key: string, who: string): Promise<Map<string, Buffer>> {
        try {
            const got = await clients.s3.send(new GetObjectCommand({ Bucket: inputs.archiveBucket, Key: key }));
            const bytes = await got.Body!.transformToByteArray();
            return readTarGz(Buffer.from(bytes));
        } catch (err) {
            throw new Error(`${who}: reading the folder ${inputs.folder} (s3://${inputs.archiveBucket}/${key}) failed: ${(err as Error).message}`);
        }
    }

    /** Every key of the bucket with its ETag (MD5 hex). */
    private async listing(clients: StaticSiteClients, bucket: string, who: string): Promise<Map<string, string>> {
        const out = new Map<string, string>();
        let token: string | undefined;
        try {
            do {
                const page = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
                for (const o of page.Contents ?? []) if (o.Key) out.set(o.Key, (o.ETag ?? "").replace(/"/g, ""));
                token = page.IsTruncated ? page.NextContinuationToken : undefined;
            } while (token);
        } catch (err) {
            throw new Error(`${who}: listing bucket ${bucket} failed: ${(err as Error).message}`);
        }
        return out;
    }

    private async put(clients: StaticSiteClients, bucket: string, o: SiteObject, who: string): Promise<void> {
        try {
            await clients.s3.send(
                new PutObjectCommand({
                    Bucket: bucket,
                    Key: o.key,
                    Body: o.body,
                    ContentType: o.contentType,
                    CacheControl: o.cacheControl,
                    ContentMD5: Buffer.from(o.md5, "hex").toString("base64"),
                }),
            );
        } catch (err) {
            throw new Error(`${who}: uploading ${o.key} to bucket ${bucket} failed: ${(err as Error).message}`);
        }
    }

    private async remove(clients: StaticSiteClients, bucket: string, keys: string[], who: string): Promise<void> {
        for (let i = 0; i < keys.length; i += 1000) {
            const batch = keys.slice(i, i + 1000);
            try {
                const out = await clients.s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
                const failed = out.Errors ?? [];
                if (failed.length > 0) throw new Error(failed.map((e) => `${e.Key}: ${e.Message ?? e.Code}`).join("; "));
            } catch (err) {
                throw new Error(`${who}: deleting ${batch.length} old files from bucket ${bucket} failed: ${(err as Error).message}`);
            }
        }
    }

    private async invalidate(clients: StaticSiteClients, inputs: StaticSiteSyncInputs, hash: string, who: string): Promise<string> {
        try {
            const out = await clients.cloudfront.send(
                new CreateInvalidationCommand({
                    DistributionId: inputs.distributionId,
                    InvalidationBatch: { CallerReference: `${hash.slice(0, 16)}-${this.timing.now()}`, Paths: { Quantity: 1, Items: ["/*"] } },
                }),
            );
            return out.Invalidation?.Id ?? "";
        } catch (err) {
            throw new Error(`${who}: the files are uploaded, but invalidating CloudFront distribution ${inputs.distributionId} failed (cached copies stay up to their max-age): ${(err as Error).message}`);
        }
    }
}

/** Runs `work` over `items` with at most `limit` in flight; the first failure rejects. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
        while (next < items.length) await work(items[next++]);
    });
    await Promise.all(runners);
}
