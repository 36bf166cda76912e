import * as assert from "node:assert/strict";
import { supportsTransitEncryptionMode } from "../../provider/src/aws/redis";
import { createStores } from "../../provider/src/aws/stores";
import { MODE_TABLE } from "../../provider/src/plan/modes";
import { MODES, PREFIX, planFor, redisPlan } from "./fixtures";
import { FIXED, assertNowherePlain, ofType, one, optionsOf, resolve, runAws } from "./harness";

const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

describe("aws-stores: x-defang-redis → ElastiCache replication group", () => {
    for (const mode of MODES) {
        const s = MODE_TABLE[mode];

        describe(mode, () => {
            it("is encrypted at rest and in transit, with the mode's nodes, failover and snapshots", async () => {
                const run = await runAws(planFor(mode), (ctx) => createStores(ctx, [redisPlan(mode)]));
                const g = one(run, GROUP).inputs;
                assert.equal(g.replicationGroupId, "app-dev-cache");
                assert.equal(g.engine, "redis");
                assert.equal(g.engineVersion, "7.1");
                assert.equal(g.parameterGroupName, "default.redis7");
                assert.equal(g.nodeType, s.databaseFamily === "burstable" ? "cache.t4g.micro" : "cache.r6g.large");
                assert.equal(g.port, 6379);
                assert.equal(g.atRestEncryptionEnabled, true, "EC-01");
                assert.equal(g.transitEncryptionEnabled, true, "EC-02");
                assert.equal(g.transitEncryptionMode, "required");
                assert.equal(g.numCacheClusters, mode === "high_availability" ? 2 : 1);
                assert.equal(g.automaticFailoverEnabled, mode === "high_availability", "EC-03");
                assert.equal(g.multiAzEnabled, mode === "high_availability", "EC-03");
                assert.equal(g.snapshotRetentionLimit, s.cacheSnapshotRetentionDays);
                assert.equal(g.snapshotRetentionLimit as number > 0, mode !== "affordable", "EC-04 in balanced/HA");
                assert.equal(g.snapshotWindow, mode === "affordable" ? undefined : "03:00-04:00");
                assert.equal(g.finalSnapshotIdentifier, mode === "affordable" ? undefined : "app-dev-cache-final");
                assert.equal(g.autoMinorVersionUpgrade, true);
                assert.equal(g.applyImmediately, false);
                assert.equal(g.clusterMode, undefined, "cluster mode off: every client works");
                const o = optionsOf(run, one(run, GROUP));
                assert.equal(o.protect, mode === "high_availability");
                assert.equal(o.retainOnDelete, mode === "high_availability");
                assert.equal(o.deleteBeforeReplace, false);
                assert.deepEqual(o.ignoreChanges, ["replicationGroupId", "snapshotName"]);
            });

            it("authenticates with a generated token kept only as a secret and a SecureString", async () => {
                const run = await runAws(planFor(mode), (ctx) => createStores(ctx, [redisPlan(mode)]));
                const g = one(run, GROUP);
                assert.ok(g.secretInputs.includes("authToken"), "EC-02: AUTH token, as a secret");
                assert.equal(g.inputs.authTokenUpdateStrategy, "ROTATE");
                const token = g.raw.authToken as string;
                assert.match(token, /^[A-Za-z0-9]{32}$/);
                const param = one(run, "aws:ssm/parameter:Parameter");
                assert.equal(param.inputs.name, `${PREFIX}cache/auth-token`);
                assert.equal(param.inputs.type, "SecureString");
                assert.equal(param.raw.value, token);
                assertNowherePlain(run, token);
                assert.equal(await resolve(run.result.cache.passwordParameter), `${PREFIX}cache/auth-token`);
            });

            it("admits 6379 from the apps SG only, in private subnets, named cache.<project>.internal", async () => {
                const run = await runAws(planFor(mode), (ctx) => createStores(ctx, [redisPlan(mode)]));
                const sg = one(run, "aws:ec2/securityGroup:SecurityGroup");
                const rule = one(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").inputs;
                assert.equal(rule.securityGroupId, sg.id);
                assert.equal(rule.referencedSecurityGroupId, FIXED.appsSecurityGroupId);
                assert.equal(rule.cidrIpv4, undefined);
                assert.deepEqual([rule.ipProtocol, rule.fromPort, rule.toPort], ["tcp", 6379, 6379]);
                const subnets = one(run, "aws:elasticache/subnetGroup:SubnetGroup");
                assert.deepEqual(subnets.inputs.subnetIds, FIXED.privateSubnetIds);
                const g = one(run, GROUP).inputs;
                assert.deepEqual(g.securityGroupIds, [sg.id]);
                assert.equal(g.subnetGroupName, subnets.id);
                const record = one(run, "aws:route53/record:Record").inputs;
                const address = await resolve(run.result.cache.address);
                assert.match(address, /^master\.app-dev-cache\./);
                assert.deepEqual([record.name, record.type, record.records], ["cache.app.internal", "CNAME", [address]]);
            });
        });
    }

    it("without a password in compose: no AUTH token, TLS preferred so redis:// URLs keep working", async () => {
        const plan = redisPlan("balanced", { authToken: undefined, transitEncryptionMode: "preferred", engine: "valkey", engineVersion: "8.0", parameterGroupFamily: "valkey8" });
        const run = await runAws(planFor("balanced"), (ctx) => createStores(ctx, [plan]));
        const g = one(run, GROUP).inputs;
        assert.equal(g.engine, "valkey");
        assert.equal(g.parameterGroupName, "default.valkey8");
        assert.equal(g.authToken, undefined);
        assert.equal(g.authTokenUpdateStrategy, undefined);
        assert.equal(g.transitEncryptionEnabled, true);
        assert.equal(g.transitEncryptionMode, "preferred");
        assert.equal(ofType(run, "random:index/randomPassword:RandomPassword").length, 0);
        assert.equal(await resolve(run.result.cache.passwordParameter), "");
    });

    it("Redis OSS before 7.0.5 gets no transitEncryptionMode (AWS rejects it) and a warning when plain clients were planned", async () => {
        const plan = redisPlan("affordable", { engineVersion: "6.2", parameterGroupFamily: "redis6.x", authToken: undefined, transitEncryptionMode: "preferred" });
        const run = await runAws(planFor("affordable"), (ctx) => createStores(ctx, [plan]));
        assert.equal(one(run, GROUP).inputs.transitEncryptionMode, undefined);
        assert.equal(one(run, GROUP).inputs.transitEncryptionEnabled, true);
        assert.equal(run.warnings.length, 1);
        assert.match(run.warnings[0], /service cache: Redis OSS 6\.2 on ElastiCache accepts TLS connections only/);
        assert.match(run.warnings[0], /\[redis-tls-only\]/);
        assert.match(run.warnings[0], /hint: Use redis:7 or a valkey image/);
    });

    it("knows which engine versions take transitEncryptionMode", () => {
        assert.equal(supportsTransitEncryptionMode("valkey", "7.2"), true);
        assert.equal(supportsTransitEncryptionMode("redis", "7.1"), true);
        assert.equal(supportsTransitEncryptionMode("redis", "7.0"), true);
        assert.equal(supportsTransitEncryptionMode("redis", "7.0.5"), true);
        assert.equal(supportsTransitEncryptionMode("redis", "7.0.4"), false);
        assert.equal(supportsTransitEncryptionMode("redis", "6.2"), false);
        assert.equal(supportsTransitEncryptionMode("redis", "6.x"), false);
        assert.equal(supportsTransitEncryptionMode("redis", "8.0"), true);
    });

    it("restores from-snapshot and keeps it out of later diffs", async () => {
        const run = await runAws(planFor("balanced"), (ctx) => createStores(ctx, [redisPlan("balanced", { fromSnapshot: "cache-backup-1" })]));
        assert.equal(one(run, GROUP).inputs.snapshotName, "cache-backup-1");
        assert.deepEqual(optionsOf(run, one(run, GROUP)).ignoreChanges, ["replicationGroupId", "snapshotName"]);
    });

    it("a config reference token comes from the config input, never generated", async () => {
        const plan = redisPlan("balanced", { authToken: { kind: "config", name: "REDIS_PASSWORD" } });
        const run = await runAws(planFor("balanced"), (ctx) => createStores(ctx, [plan]), { config: { REDIS_PASSWORD: "redis-config-token-0123456789" } });
        const g = one(run, GROUP);
        assert.equal(g.raw.authToken, "redis-config-token-0123456789");
        assert.ok(g.secretInputs.includes("authToken"));
        assertNowherePlain(run, "redis-config-token-0123456789");
        assert.equal(await resolve(run.result.cache.passwordParameter), `${PREFIX}REDIS_PASSWORD`);
    });
});
