import { strict as assert } from "assert";
import { planDeployment } from "../../provider/src/plan";
import { rdsIdentifier } from "../../provider/src/plan/naming";
import type { MongoPlan, PostgresPlan, RedisPlan } from "../../provider/src/plan/types";
import { parseImage, tagVersion } from "../../provider/src/plan/versions";
import { FakeSources, GiB, MiB, bare, host, opts, project, resources, svc, tpl } from "./fixtures";

type Mode = "affordable" | "balanced" | "high_availability";
const MODES: Mode[] = ["affordable", "balanced", "high_availability"];

function store<T>(service: ReturnType<typeof svc>, mode: Mode = "affordable", others: Array<ReturnType<typeof svc>> = [], sources = new FakeSources()) {
    const r = planDeployment(project([service, ...others], { sources }), opts(mode));
    return { r, s: r.plan?.stores[0] as T | undefined };
}

const pg = (image: string, env: Record<string, string | ReturnType<typeof bare>> = { POSTGRES_PASSWORD: bare("POSTGRES_PASSWORD") }, fields = {}) =>
    svc("db", { image, environment: env, ports: [host(5432)], extensions: { "x-defang-postgres": true }, deploy: resources(0.5, 512 * MiB), ...fields });
const cache = (image: string, fields = {}) => svc("cache", { image, ports: [host(6379)], extensions: { "x-defang-redis": true }, deploy: resources(0.5, 512 * MiB), ...fields });
const mongo = (image: string, env: Record<string, string | ReturnType<typeof bare>> = { MONGO_INITDB_ROOT_USERNAME: bare("MONGO_INITDB_ROOT_USERNAME"), MONGO_INITDB_ROOT_PASSWORD: bare("MONGO_INITDB_ROOT_PASSWORD") }) =>
    svc("docs", { image, environment: env, ports: [host(27017)], extensions: { "x-defang-mongodb": true }, deploy: resources(0.5, 512 * MiB) });

describe("plan/stores: image versions", () => {
    it("parses image references", () => {
        assert.deepEqual(parseImage("postgres:16"), { repository: "postgres", name: "postgres", tag: "16" });
        assert.deepEqual(parseImage("docker.io/library/postgres:16.4-alpine@sha256:abc"), { repository: "postgres", name: "postgres", tag: "16.4-alpine" });
        assert.deepEqual(parseImage("localhost:5000/pgvector/pgvector:pg16"), { repository: "pgvector/pgvector", name: "pgvector", tag: "pg16" });
        assert.deepEqual(parseImage("valkey/valkey"), { repository: "valkey/valkey", name: "valkey", tag: undefined });
        assert.deepEqual(["16", "16.4-alpine", "pg16", "0.8.0-pg17", "7.2.5", "latest", "alpine"].map(tagVersion), [
            { major: 16, minor: undefined },
            { major: 16, minor: 4 },
            { major: 16, minor: undefined },
            { major: 17, minor: undefined },
            { major: 7, minor: 2 },
            undefined,
            undefined,
        ]);
    });
});

describe("plan/stores: x-defang-postgres → RDS", () => {
    it("takes the engine major from the image tag", () => {
        const versions = ["postgres:16", "pgvector/pgvector:pg16", "postgres:15.6-bookworm", "postgres"].map((i) => store<PostgresPlan>(pg(i)).s);
        assert.deepEqual(versions.map((s) => [s?.engineVersion, s?.parameterGroupFamily]), [
            ["16", "postgres16"],
            ["16", "postgres16"],
            ["15", "postgres15"],
            ["18", "postgres18"],
        ]);
    });

    it("rejects a major outside standard support at the image line, and warns when support ends soon", () => {
        const sources = new FakeSources().set(["services", "db", "image"], 3, 12);
        const { r } = store(pg("postgres:12"), "affordable", [], sources);
        const d = r.diagnostics.find((x) => x.code === "postgres-version-unsupported");
        assert.ok(d);
        assert.deepEqual([d.severity, d.line, d.column], ["error", 3, 12]);
        assert.match(d.hint ?? "", /postgres:18/);
        assert.equal(r.plan, undefined);
        const ending = store(pg("postgres:14")).r;
        assert.ok(ending.plan && ending.diagnostics.some((x) => x.code === "postgres-version-ending" && x.severity === "warning"));
    });

    it("reads user and database from the environment (the database defaults to the user, like the image)", () => {
        const def = store<PostgresPlan>(pg("postgres:16")).s!;
        assert.deepEqual([def.username, def.database], ["postgres", "postgres"]);
        const custom = store<PostgresPlan>(pg("postgres:16", { POSTGRES_USER: "app", POSTGRES_PASSWORD: bare("POSTGRES_PASSWORD") })).s!;
        assert.deepEqual([custom.username, custom.database], ["app", "app"]);
        const both = store<PostgresPlan>(pg("postgres:16", { POSTGRES_USER: "app", POSTGRES_DB: "shop_db", POSTGRES_PASSWORD: bare("POSTGRES_PASSWORD") })).s!;
        assert.deepEqual([both.username, both.database], ["app", "shop_db"]);
        assert.ok(store(pg("postgres:16", { POSTGRES_DB: "my-app" })).r.diagnostics.some((d) => d.code === "store-name-invalid"));
        assert.ok(store(pg("postgres:16", { POSTGRES_USER: "rdsadmin" })).r.diagnostics.some((d) => d.code === "store-name-invalid"));
        assert.ok(store(pg("postgres:16", { POSTGRES_USER: bare("POSTGRES_USER") })).r.diagnostics.some((d) => d.code === "store-name-not-literal"));
    });

    it("uses the password config reference, or generates one into SSM; a literal password is refused", () => {
        const { s, r } = store<PostgresPlan>(pg("postgres:16"));
        assert.deepEqual(s!.password, { kind: "config", name: "POSTGRES_PASSWORD" });
        assert.deepEqual(r.plan!.config.required, ["POSTGRES_PASSWORD"]);
        const gen = store<PostgresPlan>(pg("postgres:16", {}));
        assert.deepEqual(gen.s!.password, { kind: "generated", parameter: "/Defang/shop/prod/db/POSTGRES_PASSWORD" });
        assert.deepEqual(gen.r.plan!.config.derived, [{ parameter: "/Defang/shop/prod/db/POSTGRES_PASSWORD", description: "generated password of the managed store db" }]);
        const lit = store(pg("postgres:16", { POSTGRES_PASSWORD: "hunter22" })).r;
        assert.equal(lit.plan, undefined);
        assert.ok(lit.diagnostics.some((d) => d.code === "store-secret-literal"));
        assert.ok(store(pg("postgres:16", { POSTGRES_PASSWORD: tpl("x", { ref: "Y" }) })).r.diagnostics.some((d) => d.code === "store-secret-literal"));
    });

    it("picks the cheapest class of the mode's family that fits the reservation", () => {
        const small = MODES.map((m) => store<PostgresPlan>(pg("postgres:16"), m).s!.instanceClass);
        assert.deepEqual(small, ["db.t4g.micro", "db.m6g.large", "db.m6g.large"]);
        const big = (cpus: number, mem: number, m: Mode) => store<PostgresPlan>(pg("postgres:16", undefined, { deploy: resources(cpus, mem) }), m).s!.instanceClass;
        assert.equal(big(1, 3 * GiB, "affordable"), "db.t4g.medium");
        assert.equal(big(4, 12 * GiB, "affordable"), "db.t4g.xlarge");
        assert.equal(big(2, 12 * GiB, "balanced"), "db.r6g.large");
        assert.equal(big(16, 200 * GiB, "affordable"), "db.r6g.8xlarge");
        const none = store(pg("postgres:16", undefined, { deploy: resources(128, 4096 * GiB) })).r;
        assert.ok(none.diagnostics.some((d) => d.code === "store-too-large" && /db\.r6g\.16xlarge/.test(d.hint ?? "")));
    });

    it("sets the safety knobs per mode", () => {
        const rows = MODES.map((m) => {
            const s = store<PostgresPlan>(pg("postgres:16"), m).s!;
            return [s.multiAz, s.backupRetentionDays, s.deletionProtection, s.finalSnapshot, s.finalSnapshotIdentifier, s.performanceInsights, s.monitoringIntervalSeconds, s.logExports, s.protect, s.maxAllocatedStorageGiB];
        });
        assert.deepEqual(rows, [
            [false, 1, false, false, undefined, false, 0, [], false, 100],
            [false, 7, true, true, `${rdsIdentifier({ project: "shop", stack: "prod" }, "db")}-final`, true, 60, ["postgresql", "upgrade"], false, 500],
            [true, 14, true, true, `${rdsIdentifier({ project: "shop", stack: "prod" }, "db")}-final`, true, 60, ["postgresql", "upgrade"], true, 1000],
        ]);
        const s = store<PostgresPlan>(pg("postgres:16")).s!;
        assert.deepEqual([s.allocatedStorageGiB, s.port, s.subnets, s.privateFqdn, s.label], [20, 5432, "private", "db.shop.internal", "db"]);
    });

    it("reads allow-downtime and from-snapshot", () => {
        const s = store<PostgresPlan>(pg("postgres:16", undefined, { extensions: { "x-defang-postgres": { "allow-downtime": true, "from-snapshot": "snap-1" } } })).s!;
        assert.deepEqual([s.allowDowntime, s.fromSnapshot], [true, "snap-1"]);
    });
});

describe("plan/stores: x-defang-redis → ElastiCache", () => {
    it("runs Redis OSS 7.1 for redis images, and says so when the tag differs", () => {
        const { s, r } = store<RedisPlan>(cache("redis:7.2"));
        assert.deepEqual([s!.engine, s!.engineVersion, s!.parameterGroupFamily], ["redis", "7.1", "redis7"]);
        assert.ok(r.diagnostics.some((d) => d.code === "redis-version" && d.severity === "info" && /7\.2/.test(d.message)));
        assert.ok(!store(cache("redis:7.1")).r.diagnostics.some((d) => d.code === "redis-version"));
        assert.equal(store<RedisPlan>(cache("redis:6.2")).s!.engineVersion, "7.1");
    });

    it("runs Valkey for valkey images, and for Redis 8 (which ElastiCache does not offer)", () => {
        assert.deepEqual(["valkey/valkey:8", "valkey/valkey:8.0", "valkey/valkey:7", "valkey/valkey"].map((i) => {
            const s = store<RedisPlan>(cache(i)).s!;
            return [s.engine, s.engineVersion, s.parameterGroupFamily];
        }), [
            ["valkey", "8.2", "valkey8"],
            ["valkey", "8.0", "valkey8"],
            ["valkey", "7.2", "valkey7"],
            ["valkey", "8.2", "valkey8"],
        ]);
        const r8 = store<RedisPlan>(cache("redis:8"));
        assert.deepEqual([r8.s!.engine, r8.s!.engineVersion], ["valkey", "8.2"]);
        assert.ok(r8.r.diagnostics.some((d) => d.code === "redis-as-valkey"));
        assert.ok(store(cache("valkey/valkey:6")).r.diagnostics.some((d) => d.code === "valkey-version-unsupported"));
    });

    it("has one node, then two with failover and Multi-AZ in high_availability (or with replicas)", () => {
        const rows = MODES.map((m) => {
            const s = store<RedisPlan>(cache("redis:7"), m).s!;
            return [s.numCacheClusters, s.automaticFailover, s.multiAz, s.snapshotRetentionDays, s.instanceClass];
        });
        assert.deepEqual(rows, [
            [1, false, false, 0, "cache.t4g.micro"],
            [1, false, false, 7, "cache.m6g.large"],
            [2, true, true, 7, "cache.m6g.large"],
        ]);
        const replicas = store<RedisPlan>(cache("redis:7", { deploy: { replicas: 3, ...resources(0.5, 512 * MiB) } }), "balanced").s!;
        assert.deepEqual([replicas.numCacheClusters, replicas.automaticFailover], [3, true]);
    });

    it("offers TLS without AUTH by default (compose apps use redis://), and requires both with a password", () => {
        const open = store<RedisPlan>(cache("redis:7"));
        assert.deepEqual([open.s!.transitEncryptionMode, open.s!.authToken], ["preferred", undefined]);
        assert.ok(open.r.diagnostics.some((d) => d.code === "redis-no-auth" && d.severity === "warning"));
        const locked = store<RedisPlan>(cache("redis:7", { environment: { REDIS_PASSWORD: bare("REDIS_PASSWORD") } }));
        assert.deepEqual([locked.s!.transitEncryptionMode, locked.s!.authToken], ["required", { kind: "config", name: "REDIS_PASSWORD" }]);
        const cmd = store<RedisPlan>(cache("redis:7", { command: ["redis-server", "--requirepass", "${CACHE_PW}"] }));
        assert.deepEqual(cmd.s!.authToken, { kind: "config", name: "CACHE_PW" });
        assert.ok(store(cache("redis:7", { command: ["redis-server", "--requirepass", "plain"] })).r.diagnostics.some((d) => d.code === "store-secret-literal"));
    });

    it("keeps ElastiCache ids within 40 characters", () => {
        const long = svc("a-very-long-cache-service-name-for-tests", { image: "redis:7", extensions: { "x-defang-redis": true } });
        const s = store<RedisPlan>(long).s!;
        assert.ok(s.identifier.length <= 40 && /^[a-z]/.test(s.identifier));
    });
});

describe("plan/stores: x-defang-mongodb → DocumentDB", () => {
    it("maps mongo:5 to DocumentDB 5.0, warns above 5, refuses below 4", () => {
        const { s, r } = store<MongoPlan>(mongo("mongo:5"));
        assert.deepEqual([s!.engineVersion, s!.parameterGroupFamily], ["5.0.0", "docdb5.0"]);
        assert.ok(!r.diagnostics.some((d) => d.code === "mongo-version-above-5"));
        assert.equal(store<MongoPlan>(mongo("mongo:4.4")).s!.engineVersion, "4.0.0");
        const seven = store<MongoPlan>(mongo("mongo:7"));
        assert.equal(seven.s!.engineVersion, "5.0.0");
        assert.ok(seven.r.diagnostics.some((d) => d.code === "mongo-version-above-5" && d.severity === "warning"));
        assert.ok(store(mongo("mongo:3.6")).r.diagnostics.some((d) => d.code === "mongo-version-unsupported" && d.severity === "error"));
    });

    it("takes credentials from MONGO_INITDB_ROOT_USERNAME / _PASSWORD", () => {
        const s = store<MongoPlan>(mongo("mongo:5")).s!;
        assert.deepEqual([s.username, s.password], [
            { kind: "config", name: "MONGO_INITDB_ROOT_USERNAME" },
            { kind: "config", name: "MONGO_INITDB_ROOT_PASSWORD" },
        ]);
        const lit = store<MongoPlan>(mongo("mongo:5", { MONGO_INITDB_ROOT_USERNAME: "app" })).s!;
        assert.deepEqual([lit.username, lit.password], [{ kind: "literal", value: "app" }, { kind: "generated", parameter: "/Defang/shop/prod/docs/MONGO_INITDB_ROOT_PASSWORD" }]);
        const none = store<MongoPlan>(mongo("mongo:5", {}));
        assert.deepEqual(none.s!.username, { kind: "literal", value: "mongo" });
        assert.ok(none.r.diagnostics.some((d) => d.code === "mongo-no-credentials"));
    });

    it("has 1, 1 and 2 instances with backups, snapshots and log exports per mode", () => {
        const rows = MODES.map((m) => {
            const s = store<MongoPlan>(mongo("mongo:5"), m).s!;
            return [s.instances, s.backupRetentionDays, s.finalSnapshot, s.deletionProtection, s.logExports, s.instanceClass];
        });
        assert.deepEqual(rows, [
            [1, 1, false, false, [], "db.t4g.medium"],
            [1, 7, true, true, ["audit", "profiler"], "db.r6g.large"],
            [2, 14, true, true, ["audit", "profiler"], "db.r6g.large"],
        ]);
    });
});

describe("plan/stores: stable across modes", () => {
    it("never changes an identifier or a replace-triggering field when the mode changes", () => {
        const services = [pg("postgres:16"), cache("valkey/valkey:8"), mongo("mongo:5")];
        const fields = (m: Mode) =>
            planDeployment(project(services), opts(m)).plan!.stores.map((s) => ({
                kind: s.kind,
                identifier: s.identifier,
                engineVersion: s.engineVersion,
                port: s.port,
                family: s.parameterGroupFamily,
                fqdn: s.privateFqdn,
                engine: s.kind === "redis" ? s.engine : s.kind,
                username: s.kind === "postgres" ? s.username : s.kind === "mongodb" ? JSON.stringify(s.username) : "",
                database: s.kind === "postgres" ? s.database : "",
                subnets: s.subnets,
            }));
        const a = fields("affordable");
        assert.equal(a.length, 3);
        assert.deepEqual(fields("balanced"), a);
        assert.deepEqual(fields("high_availability"), a);
    });

    it("warns when an app URL to a store would be refused (no sslmode, DocumentDB without TLS)", () => {
        const app = svc("app", {
            image: "app:1",
            environment: {
                DATABASE_URL: tpl("postgres://postgres:", { ref: "POSTGRES_PASSWORD" }, "@db:5432/postgres"),
                GOOD_URL: tpl("postgresql://postgres:", { ref: "POSTGRES_PASSWORD" }, "@db.shop.internal:5432/postgres?sslmode=require"),
                MONGO_URI: tpl("mongodb://", { ref: "U" }, ":", { ref: "P" }, "@docs:27017/tasks"),
                OTHER: "postgres://someone@elsewhere:5432/x",
            },
        });
        const r = planDeployment(project([app, pg("postgres:16"), mongo("mongo:5")]), opts());
        const warned = r.diagnostics.filter((d) => d.code === "postgres-tls" || d.code === "documentdb-client").map((d) => [d.code, /(\w+_URL|MONGO_URI)/.exec(d.message)?.[1]]);
        assert.deepEqual(warned, [
            ["postgres-tls", "DATABASE_URL"],
            ["documentdb-client", "MONGO_URI"],
        ]);
    });
});
