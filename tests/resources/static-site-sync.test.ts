// defang:index:StaticSiteSync against a moto server: the extraction build is started only when the
// folder's tarball is not in the build bucket yet (moto's builds always succeed and run nothing, so the
// test uploads the tarball the build would), only new and changed files are uploaded with their content
// type and cache policy, stale keys are deleted, and CloudFront is invalidated only when something
// changed. A site of 2,000 files syncs as one resource. The pure parts (tar reading, object keys,
// headers, diff) are tested without moto.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gzipSync } from "zlib";
import { CloudFrontClient, CreateDistributionCommand, ListInvalidationsCommand } from "@aws-sdk/client-cloudfront";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { CodeBuildClient, CreateProjectCommand, StartBuildCommand } from "@aws-sdk/client-codebuild";
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CACHE_DEFAULT, CACHE_HTML, CACHE_IMMUTABLE, SITE_FORMAT, cacheControl, contentType, readTarGz, siteObjects } from "../../provider/src/resources/static-site-files";
import { type StaticSiteClients, StaticSiteSyncHandler, defaultClients } from "../../provider/src/resources/static-site-sync";
import { type StaticSiteSyncInputs, archiveKey, checkStaticSiteSync, diffStaticSiteSync } from "../../provider/src/resources/static-site-sync-spec";
import { UNKNOWN } from "../../provider/src/resources/wire";
import { type Moto, useMoto } from "../support/moto";

const REGION = "us-east-1";
const SITE = "shop-dev-docs-a1b2c3";
const BUILDS = "shop-dev-builds-x1";
const PROJECT = "shop-dev_static-files";

/** A gzipped tarball of `files` as the extraction makes it (`tar -czf site.tar.gz -C site .`). */
function tarball(files: Record<string, string>, links: Record<string, string> = {}): Buffer {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-site-"));
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    for (const [name, target] of Object.entries(links)) fs.symlinkSync(target, path.join(dir, name));
    const out = path.join(dir, "..", `${path.basename(dir)}.tar.gz`);
    execFileSync("tar", ["-czf", out, "-C", dir, "."]);
    return fs.readFileSync(out);
}

describe("resources/static-site-files: the folder as objects", () => {
    it("reads GNU tar (long names, symlinks inside the folder) and drops what leaves it", () => {
        const long = `${"deep/".repeat(30)}page.html`;
        const files = readTarGz(tarball({ "index.html": "<h1>hi</h1>", [long]: "deep", "css/app.css": "body{}" }, { "home.html": "index.html", "escape.txt": "../../etc/passwd" }));
        assert.deepEqual([...files.keys()].sort(), ["css/app.css", long, "home.html", "index.html"].sort());
        assert.equal(files.get("home.html")!.toString(), "<h1>hi</h1>");
        assert.throws(() => readTarGz(Buffer.from("not gzip")), /not a gzip file/);
        assert.throws(() => readTarGz(tarball({ "big.txt": "x".repeat(5000) }), 1024), /larger than/);
    });

    it("types, cache policies and the extensionless keys of pages", () => {
        assert.equal(contentType("index.html"), "text/html; charset=utf-8");
        assert.equal(contentType("a/app.js"), "text/javascript; charset=utf-8");
        assert.equal(contentType("logo.svg"), "image/svg+xml; charset=utf-8");
        assert.equal(contentType("f.woff2"), "font/woff2");
        assert.equal(contentType("blob.bin"), "application/octet-stream");
        assert.equal(cacheControl("about.html"), CACHE_HTML);
        assert.equal(cacheControl("_next/static/chunks/main.js"), CACHE_IMMUTABLE);
        assert.equal(cacheControl("assets/index-B9xQ2kLm.js"), CACHE_IMMUTABLE);
        assert.equal(cacheControl("assets/my-component.js"), CACHE_DEFAULT);
        assert.equal(cacheControl("robots.txt"), CACHE_DEFAULT);
        const objects = siteObjects(new Map(Object.entries({ "index.html": "i", "about.html": "a", "docs/index.html": "d", "blog/index.html": "b", "blog.html": "B", LICENSE: "l" }).map(([k, v]) => [k, Buffer.from(v)])));
        const keys = Object.fromEntries(objects.map((o) => [o.key, [o.body.toString(), o.contentType, o.cacheControl]]));
        assert.deepEqual(keys.about, ["a", "text/html; charset=utf-8", CACHE_HTML]);
        assert.deepEqual(keys.docs, ["d", "text/html; charset=utf-8", CACHE_HTML]);
        // `blog.html` wins over `blog/index.html` for `/blog`; a real file is never shadowed.
        assert.equal(keys.blog[0], "B");
        assert.deepEqual(keys.LICENSE, ["l", "application/octet-stream", CACHE_DEFAULT]);
        assert.equal(objects.length, 9);
    });

    it("checks inputs and diffs by what changes the site, never replacing", () => {
        const inputs = { region: REGION, service: "docs", image: "i@sha256:1", platform: "linux/amd64", folder: "/out", siteBucket: SITE, distributionId: "E1", archiveBucket: BUILDS, extractProject: PROJECT, format: 1 };
        assert.deepEqual(checkStaticSiteSync(inputs).failures, []);
        assert.deepEqual(checkStaticSiteSync({ ...inputs, folder: "out" }).failures.map((f) => f.property), ["folder"]);
        assert.deepEqual(checkStaticSiteSync({ ...inputs, image: UNKNOWN }).failures, []);
        assert.deepEqual(diffStaticSiteSync(inputs, inputs), { changes: false, replaces: [], changed: [] });
        assert.deepEqual(diffStaticSiteSync(inputs, { ...inputs, image: "i@sha256:2", timeoutMinutes: 9 }).changed, ["image"]);
        assert.deepEqual(diffStaticSiteSync(inputs, { ...inputs, format: 2 }).changed, ["format"]);
        assert.deepEqual(diffStaticSiteSync(inputs, { ...inputs, extractProject: "other" }).changes, false);
        assert.match(archiveKey(inputs), /^docs\/site\/[0-9a-f]{32}\.tar\.gz$/);
        assert.notEqual(archiveKey(inputs), archiveKey({ ...inputs, folder: "/other" }));
    });
});

describe("resources/static-site-sync against moto", function () {
    this.timeout(120_000);
    let moto: Moto;
    let s3: S3Client;
    let distributionId: string;
    let started: Array<Record<string, string>>;
    /** What the next extraction build "produces" (uploaded by the test when the build starts). */
    let produce: Buffer | undefined;

    const fast = { sleep: async () => undefined, pollMs: { first: 1, max: 1 }, retryDelayMs: 1 };

    function clients(): StaticSiteClients {
        const config = { ...moto.client(REGION), forcePathStyle: true };
        const codebuild = new CodeBuildClient(config);
        return {
            s3,
            logs: new CloudWatchLogsClient(config),
            cloudfront: new CloudFrontClient({ ...moto.client("us-east-1") }),
            codebuild: {
                send: async (command: any) => {
                    const out = await codebuild.send(command);
                    if (command instanceof StartBuildCommand) {
                        const env = Object.fromEntries((command.input.environmentVariablesOverride ?? []).map((v) => [v.name!, v.value!]));
                        started.push(env);
                        if (produce) await s3.send(new PutObjectCommand({ Bucket: env.SITE_BUCKET, Key: env.SITE_KEY, Body: produce }));
                    }
                    return out;
                },
            } as unknown as CodeBuildClient,
        };
    }

    const inputs = (image = "ghcr.io/acme/docs@sha256:aaa"): StaticSiteSyncInputs => ({
        region: REGION,
        service: "docs",
        image,
        platform: "linux/amd64",
        folder: "/usr/share/nginx/html",
        siteBucket: SITE,
        distributionId,
        archiveBucket: BUILDS,
        extractProject: PROJECT,
        format: SITE_FORMAT,
    });

    const listing = async () => {
        const out = await s3.send(new ListObjectsV2Command({ Bucket: SITE }));
        return (out.Contents ?? []).map((o) => o.Key!).sort();
    };
    const invalidations = async () => (await new CloudFrontClient(moto.client("us-east-1")).send(new ListInvalidationsCommand({ DistributionId: distributionId }))).InvalidationList?.Quantity ?? 0;

    before(async function () {
        moto = await useMoto(this);
    });

    beforeEach(async () => {
        await moto.reset();
        started = [];
        produce = undefined;
        s3 = new S3Client({ ...moto.client(REGION), forcePathStyle: true });
        for (const b of [SITE, BUILDS]) await s3.send(new CreateBucketCommand({ Bucket: b }));
        await new CodeBuildClient(moto.client(REGION)).send(
            new CreateProjectCommand({
                name: PROJECT,
                // The component's project has NO_SOURCE; moto insists on a location, which the sync never overrides.
                source: { type: "S3", location: `${BUILDS}/unused/`, buildspec: "version: 0.2" },
                artifacts: { type: "NO_ARTIFACTS" },
                environment: { type: "LINUX_CONTAINER", image: "aws/codebuild/amazonlinux-x86_64-standard:5.0", computeType: "BUILD_GENERAL1_SMALL", privilegedMode: true },
                serviceRole: "arn:aws:iam::123456789012:role/shop-dev-codebuild",
            }),
        );
        const cdn = await new CloudFrontClient(moto.client("us-east-1")).send(
            new CreateDistributionCommand({
                DistributionConfig: {
                    CallerReference: `test-${Date.now()}`,
                    Comment: "docs",
                    Enabled: true,
                    Origins: { Quantity: 1, Items: [{ Id: "site-bucket", DomainName: `${SITE}.s3.us-east-1.amazonaws.com`, S3OriginConfig: { OriginAccessIdentity: "" } }] },
                    DefaultCacheBehavior: { TargetOriginId: "site-bucket", ViewerProtocolPolicy: "redirect-to-https", CachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6" },
                },
            }),
        );
        distributionId = cdn.Distribution!.Id!;
    });

    it("extracts the folder once, uploads every file with its type and cache policy, and invalidates", async () => {
        produce = tarball({ "index.html": "<h1>docs</h1>", "about.html": "about", "_next/static/app.js": "js()", "img/logo.png": "png" });
        const handler = new StaticSiteSyncHandler({ ...fast, clients });
        const { id, outs } = await handler.create(inputs());
        assert.equal(id, `${SITE}/docs`);
        assert.deepEqual(started, [{ SITE_IMAGE: "ghcr.io/acme/docs@sha256:aaa", SITE_PLATFORM: "linux/amd64", SITE_FOLDER: "/usr/share/nginx/html", SITE_BUCKET: BUILDS, SITE_KEY: archiveKey(inputs()) }]);
        assert.deepEqual(await listing(), ["_next/static/app.js", "about", "about.html", "img/logo.png", "index.html"]);
        const head = await s3.send(new HeadObjectCommand({ Bucket: SITE, Key: "_next/static/app.js" }));
        assert.deepEqual([head.ContentType, head.CacheControl], ["text/javascript; charset=utf-8", CACHE_IMMUTABLE]);
        const page = await s3.send(new GetObjectCommand({ Bucket: SITE, Key: "about" }));
        assert.deepEqual([page.ContentType, page.CacheControl, await page.Body!.transformToString()], ["text/html; charset=utf-8", CACHE_HTML, "about"]);
        assert.deepEqual([outs.objects, outs.uploaded, outs.deleted], [5, 5, 0]);
        assert.ok(outs.invalidationId);
        assert.equal(await invalidations(), 1);
    });

    it("changes nothing, starts no build and invalidates nothing when the site is unchanged", async () => {
        produce = tarball({ "index.html": "v1" });
        const handler = new StaticSiteSyncHandler({ ...fast, clients });
        const first = await handler.create(inputs());
        started = [];
        produce = undefined;
        const again = await handler.update("id", first.outs, inputs());
        assert.deepEqual(started, []);
        assert.deepEqual([again.outs.uploaded, again.outs.deleted, again.outs.invalidationId], [0, 0, undefined]);
        assert.equal(again.outs.siteHash, first.outs.siteHash);
        assert.equal(await invalidations(), 1);
    });

    it("uploads only what changed, deletes what the new image no longer has", async () => {
        produce = tarball({ "index.html": "v1", "old.css": "x", "keep.js": "same" });
        const handler = new StaticSiteSyncHandler({ ...fast, clients });
        const first = await handler.create(inputs());
        produce = tarball({ "index.html": "v2", "keep.js": "same", "new.css": "y" });
        const next = await handler.update("id", first.outs, inputs("ghcr.io/acme/docs@sha256:bbb"));
        assert.equal(started.length, 2);
        assert.deepEqual(await listing(), ["index.html", "keep.js", "new.css"]);
        assert.deepEqual([next.outs.uploaded, next.outs.deleted], [2, 1]);
        const body = await (await s3.send(new GetObjectCommand({ Bucket: SITE, Key: "index.html" }))).Body!.transformToString();
        assert.equal(body, "v2");
        assert.equal(await invalidations(), 2);
    });

    it("uploads every file again when the object format changes", async () => {
        produce = tarball({ "index.html": "v1", "a.js": "a" });
        const handler = new StaticSiteSyncHandler({ ...fast, clients });
        const first = await handler.create(inputs());
        const next = await handler.update("id", { ...first.outs, format: SITE_FORMAT - 1 }, inputs());
        assert.equal(next.outs.uploaded, 2);
    });

    it("syncs a site of 2,000 files as one resource, then 3 changed files alone", async () => {
        const files: Record<string, string> = { "index.html": "home" };
        for (let i = 0; i < 1999; i++) files[`posts/${i}.txt`] = `post ${i}`;
        produce = tarball(files);
        const handler = new StaticSiteSyncHandler({ ...fast, clients });
        const first = await handler.create(inputs());
        assert.deepEqual([first.outs.objects, first.outs.uploaded], [2000, 2000]);
        produce = tarball({ ...files, "posts/1.txt": "edited", "posts/2.txt": "edited", "posts/3.txt": "edited" });
        const next = await handler.update("id", first.outs, inputs("ghcr.io/acme/docs@sha256:ccc"));
        assert.deepEqual([next.outs.objects, next.outs.uploaded, next.outs.deleted], [2000, 3, 0]);
    });

    it("fails clearly when the folder is empty, or when the extraction leaves nothing", async () => {
        const handler = new StaticSiteSyncHandler({ ...fast, clients });
        await assert.rejects(handler.create(inputs()), /extraction build succeeded but left no s3:\/\/shop-dev-builds-x1\/docs\/site\//);
        produce = gzipSync(Buffer.alloc(1024));
        await assert.rejects(handler.create(inputs("other@sha256:1")), /holds no files/);
    });

    it("reaches moto through AWS_ENDPOINT_URL with the default clients", async () => {
        produce = tarball({ "index.html": "x" });
        await s3.send(new PutObjectCommand({ Bucket: BUILDS, Key: archiveKey(inputs()), Body: produce }));
        const saved = { ...process.env };
        Object.assign(process.env, moto.env);
        try {
            const { outs } = await new StaticSiteSyncHandler({ ...fast, clients: defaultClients }).create(inputs());
            assert.deepEqual([outs.objects, outs.uploaded], [1, 1]);
        } finally {
            for (const k of Object.keys(moto.env)) if (saved[k] === undefined) delete process.env[k];
            Object.assign(process.env, saved);
        }
    });
});
