// The storage plan (issue 12): named volumes → EFS, `x-defang-s3` → buckets and their clients,
// `x-defang-static-files` → static sites; per mode, with deterministic names.
import { strict as assert } from "assert";
import { planDeployment } from "../../provider/src/plan";
import { MODES } from "../../provider/src/plan/modes";
import { efsCreationToken, extractProjectName, s3BucketName } from "../../provider/src/plan/naming";
import type { Mode, PlanOptions } from "../../provider/src/plan/types";
import { bucketNameProblem } from "../../provider/src/compose/defang/objectstore";
import { host, ingress, opts, project, svc } from "./fixtures";

const ACCOUNT = "123456789012";
/** Whose names the plans below build (fixtures: stack prod, region us-east-1, no Pulumi project). */
const SCOPE = { project: "shop", stack: "prod", region: "us-east-1" };
const bucket = (service: string, purpose: string, scope: Partial<typeof SCOPE> = {}, account = ACCOUNT) => s3BucketName({ ...SCOPE, ...scope }, account, service, purpose);
const plan = (services: Parameters<typeof project>[0], mode: Mode = "affordable", more: Partial<PlanOptions> = {}, volumes: Record<string, object> = { data: {} }) =>
    planDeployment(project(services, { volumes }), opts(mode, { region: "us-east-1", accountId: ACCOUNT, ...more }));

const vol = (source: string, target: string, read_only = false) => ({ type: "volume" as const, source, target, ...(read_only ? { read_only } : {}) });

describe("plan/storage: named volumes", () => {
    const app = () => [
        svc("web", { image: "nginx", user: "101:102", ports: [ingress(80)], volumes: [vol("data", "/srv/data")] }),
        svc("reader", { image: "busybox", user: "101:102", volumes: [vol("data", "/data", true)] }),
        svc("scratch", { image: "busybox", volumes: [{ type: "volume", target: "/tmp/x" }] }),
    ];

    for (const mode of MODES) {
        it(`one EFS file system shared by two services, mounts honoured, settings of ${mode}`, () => {
            const r = plan(app(), mode);
            assert.ok(r.plan, JSON.stringify(r.diagnostics));
            const [v] = r.plan.volumes!;
            const expected = {
                affordable: { throughputMode: "bursting", transitionToIA: "AFTER_7_DAYS", backups: true, protect: false, subnets: "public" },
                balanced: { throughputMode: "bursting", transitionToIA: "AFTER_30_DAYS", backups: true, protect: false, subnets: "private" },
                high_availability: { throughputMode: "elastic", transitionToIA: "AFTER_30_DAYS", backups: true, protect: true, subnets: "private" },
            }[mode];
            assert.deepEqual(
                { throughputMode: v.throughputMode, transitionToIA: v.transitionToIA, backups: v.backups, protect: v.protect, subnets: v.subnets },
                expected,
            );
            assert.equal(r.plan.volumes!.length, 1);
            assert.deepEqual(
                { name: v.name, token: v.creationToken, root: v.rootDirectory, owner: v.owner, permissions: v.permissions, services: v.services, readOnly: v.readOnlyServices },
                { name: "data", token: efsCreationToken(SCOPE, "data"), root: "/data", owner: { uid: 101, gid: 102 }, permissions: "0755", services: ["web", "reader"], readOnly: ["reader"] },
            );
            const web = r.plan.services.find((s) => s.name === "web")!;
            const reader = r.plan.services.find((s) => s.name === "reader")!;
            assert.deepEqual(web.container.mounts, [{ volume: "data", taskVolume: "data", containerPath: "/srv/data", readOnly: false }]);
            assert.deepEqual(reader.container.mounts, [{ volume: "data", taskVolume: "data", containerPath: "/data", readOnly: true }]);
            // An anonymous volume stays container-local.
            assert.equal(r.plan.services.find((s) => s.name === "scratch")!.container.mounts, undefined);
        });
    }

    it("never changes what would replace a file system when the mode changes", () => {
        const tokens = MODES.map((m) => plan(app(), m).plan!.volumes!.map((v) => [v.creationToken, v.taskVolumeName, v.rootDirectory, v.owner]));
        assert.deepEqual(tokens[1], tokens[0]);
        assert.deepEqual(tokens[2], tokens[0]);
    });

    it("uses the default owner 1000:1000 without a numeric user, and for root", () => {
        for (const user of [undefined, "node", "root", "0:0"]) {
            const r = plan([svc("w", { image: "busybox", ...(user ? { user } : {}), volumes: [vol("data", "/d")] })]);
            assert.deepEqual(r.plan!.volumes![0].owner, { uid: 1000, gid: 1000 }, String(user));
        }
    });

    it("puts mount targets in the private subnets when GPU and Fargate tasks share a volume in affordable", () => {
        const gpu = { resources: { reservations: { devices: [{ capabilities: ["gpu"], count: 1 }] } } };
        const r = plan([svc("web", { image: "nginx", volumes: [vol("data", "/d")] }), svc("ml", { image: "ml", deploy: gpu as never, volumes: [vol("data", "/models")] })]);
        assert.ok(r.plan, JSON.stringify(r.diagnostics));
        assert.equal(r.plan.volumes![0].subnets, "private");
        assert.deepEqual(r.plan.volumes![0].services, ["web", "ml"]);
    });

    it("gives a compose volume name ECS refuses a task volume name with a hash, never colliding", () => {
        const r = plan([svc("w", { image: "busybox", volumes: [vol("my.data", "/a"), vol("my-data", "/b")] })], "affordable", {}, { "my.data": {}, "my-data": {} });
        const names = r.plan!.volumes!.map((v) => v.taskVolumeName);
        assert.equal(names[1], "my-data");
        assert.match(names[0], /^my-data-[0-9a-f]{8}$/);
    });

    it("mounts nothing of a managed store, a bucket stand-in or a static site", () => {
        const r = plan([
            svc("db", { image: "postgres:16", ports: [host(5432)], volumes: [vol("data", "/var/lib/postgresql/data")], extensions: { "x-defang-postgres": true }, environment: {} }),
            svc("minio", { image: "minio/minio", volumes: [vol("data", "/data")], extensions: { "x-defang-s3": true } }),
        ]);
        assert.equal(r.plan!.volumes, undefined);
    });
});

describe("plan/storage: x-defang-s3 buckets", () => {
    const app = (s3: unknown = true, env: Record<string, string> = { S3_ENDPOINT: "http://minio:9000", OTHER: "http://api:8080" }) => [
        svc("api", { image: "api", ports: [ingress(8080)], depends_on: { minio: { condition: "service_started", required: true } }, environment: env }),
        svc("worker", { image: "worker", depends_on: { minio: { condition: "service_started", required: true } }, environment: {} }),
        svc("cron", { image: "cron", environment: {} }),
        svc("minio", { image: "minio/minio", ports: [host(9000)], extensions: { "x-defang-s3": s3 } }),
    ];

    for (const mode of MODES) {
        it(`a private bucket per stand-in, versioning and retention of ${mode}`, () => {
            const r = plan(app(), mode, {}, {});
            assert.ok(r.plan, JSON.stringify(r.diagnostics));
            const [b] = r.plan.buckets!;
            const expected = {
                affordable: { versioning: false, noncurrentVersionExpiryDays: undefined, forceDestroy: true, protect: false },
                balanced: { versioning: true, noncurrentVersionExpiryDays: 30, forceDestroy: false, protect: false },
                high_availability: { versioning: true, noncurrentVersionExpiryDays: 90, forceDestroy: false, protect: true },
            }[mode];
            assert.deepEqual({ versioning: b.versioning, noncurrentVersionExpiryDays: b.noncurrentVersionExpiryDays, forceDestroy: b.forceDestroy, protect: b.protect }, expected);
            assert.deepEqual([b.name, b.adopted, b.clients], ["minio", false, ["api", "worker"]]);
            assert.equal(b.bucketName, bucket("minio", "data"));
            // The stand-in runs no container and has no private name.
            assert.deepEqual(r.plan.services.map((s) => s.name).sort(), ["api", "cron", "worker"]);
        });
    }

    it("names the bucket deterministically, validly, and differently per account, region and stack", () => {
        const name = bucket("minio", "data");
        assert.equal(name, bucket("minio", "data"));
        assert.equal(bucketNameProblem(name), undefined);
        assert.match(name, /^shop-prod-minio-[0-9a-f]{8}$/);
        const others = [bucket("minio", "data", {}, "210987654321"), bucket("minio", "data", { region: "eu-west-1" }), bucket("minio", "data", { stack: "dev" }), bucket("minio", "site")];
        assert.equal(new Set([name, ...others]).size, 5);
        const long = s3BucketName({ project: "a".repeat(80), stack: "Prod_Stack", region: "us-east-1" }, ACCOUNT, "xn--svc", "data");
        assert.ok(long.length <= 63 && bucketNameProblem(long) === undefined, long);
    });

    it("grants the clients their bucket and tells them its name and region; rewrites URLs of the stand-in", () => {
        const r = plan(app(), "balanced", {}, {});
        const api = r.plan!.services.find((s) => s.name === "api")!;
        const bucket = r.plan!.buckets![0].bucketName;
        assert.deepEqual(api.taskRole.buckets, ["minio"]);
        assert.deepEqual(api.container.environment, [
            { name: "AWS_REGION", value: "us-east-1" },
            { name: "MINIO_BUCKET", value: bucket },
            { name: "OTHER", value: "http://api:8080" },
            { name: "S3_BUCKET", value: bucket },
            { name: "S3_ENDPOINT", value: "https://s3.us-east-1.amazonaws.com" },
        ]);
        assert.ok(r.diagnostics.some((d) => d.code === "s3-endpoint-rewritten" && d.severity === "info"));
        assert.equal(r.plan!.services.find((s) => s.name === "cron")!.taskRole.buckets, undefined);
    });

    it("keeps a variable the compose file sets, with a warning, and warns about static AWS keys", () => {
        const r = plan(app(true, { S3_BUCKET: "legacy", AWS_ACCESS_KEY_ID: "minioadmin" }), "affordable", {}, {});
        const api = r.plan!.services.find((s) => s.name === "api")!;
        assert.equal(api.container.environment.find((e) => e.name === "S3_BUCKET")!.value, "legacy");
        assert.ok(r.diagnostics.some((d) => d.code === "s3-env-kept"));
        assert.ok(r.diagnostics.some((d) => d.code === "s3-static-keys"));
    });

    it("adopts an existing bucket: its name, no retention settings of ours", () => {
        const r = plan(app({ bucket: "shop-uploads" }), "high_availability", {}, {});
        assert.deepEqual(r.plan!.buckets!.map((b) => [b.bucketName, b.adopted, b.versioning, b.protect, b.forceDestroy]), [["shop-uploads", true, false, false, false]]);
    });
});

describe("plan/storage: static sites", () => {
    const site = (extra: object = {}) =>
        svc("site", { build: { context: "/app/site", args: { NEXT_OUTPUT: "export" } }, domainname: "www.example.com", ports: [ingress(8080)], extensions: { "x-defang-static-files": { folder: "/static/", redirects: ["/old /new", "/docs/* https://docs.example.com/:splat 302", "/* /index.html 200", "/x"] } }, ...extra });

    for (const mode of MODES) {
        it(`a site, not a container, in ${mode}: its image build, folder, rules, names and price class`, () => {
            const r = plan([site(), svc("api", { image: "api", ports: [ingress(8080)] })], mode, {}, {});
            assert.ok(r.plan, JSON.stringify(r.diagnostics));
            assert.deepEqual(r.plan.services.map((s) => s.name), ["api"]);
            const [s] = r.plan.staticSites!;
            assert.equal(s.image.kind, "build");
            assert.deepEqual(s.image.kind === "build" ? s.image.args : {}, { NEXT_OUTPUT: "export" });
            assert.equal(s.folder, "/static");
            assert.deepEqual(s.redirects, [
                { from: "/old", prefix: false, to: "/new", status: 301 },
                { from: "/docs/", prefix: true, to: "https://docs.example.com/:splat", status: 302 },
            ]);
            assert.equal(s.fallback, "/index.html");
            assert.deepEqual(s.domains, ["www.example.com"]);
            assert.equal(s.priceClass, mode === "high_availability" ? "PriceClass_All" : "PriceClass_100");
            assert.match(s.bucketName, /^shop-prod-site-[0-9a-f]{8}$/);
            assert.ok(s.functionName.length <= 64 && /^[A-Za-z0-9_-]+$/.test(s.functionName));
            // The build of a site shares the project's build pieces, with the extraction project.
            assert.deepEqual([r.plan.builds!.services, r.plan.builds!.sites, r.plan.builds!.extractProject], [["site"], ["site"], extractProjectName(SCOPE)]);
        });
    }

    it("serves a prebuilt image's folder, and <service>.<domain.name> without a domainname", () => {
        const r = plan([svc("docs", { image: "nginx:1.27", extensions: { "x-defang-static-files": "/usr/share/nginx/html" } })], "affordable", { domain: { name: "example.com" } }, {});
        const [s] = r.plan!.staticSites!;
        assert.deepEqual([s.image, s.domains], [{ kind: "image", image: "nginx:1.27" }, ["docs.example.com"]]);
        assert.deepEqual([r.plan!.builds!.services, r.plan!.builds!.sites], [[], ["docs"]]);
    });

    it("refuses a host name both a site and a service claim", () => {
        const r = plan([site(), svc("web", { image: "web", domainname: "www.example.com", ports: [ingress(80)] })], "affordable", {}, {});
        assert.ok(r.diagnostics.some((d) => d.code === "host-conflict" && d.severity === "error"), JSON.stringify(r.diagnostics));
    });

    it("refuses more redirect rules than a CloudFront Function holds", () => {
        const redirects = Array.from({ length: 200 }, (_, i) => `/page-number-${i} /another-page-number-${i}`);
        const r = plan([svc("site", { image: "nginx", extensions: { "x-defang-static-files": { folder: "/srv", redirects } } })], "affordable", {}, {});
        assert.ok(r.diagnostics.some((d) => d.code === "static-files-redirects-too-many" && d.severity === "error"));
    });
});
