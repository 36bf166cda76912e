import * as assert from "node:assert/strict";
import { createStores } from "../../provider/src/aws/stores";
import { MODE_TABLE } from "../../provider/src/plan/modes";
import { MODES, PREFIX, mongoPlan, planFor } from "./fixtures";
import { FIXED, assertNowherePlain, ofType, one, optionsOf, resolve, runAws } from "./harness";

const CLUSTER = "aws:docdb/cluster:Cluster";
const INSTANCE = "aws:docdb/clusterInstance:ClusterInstance";
const CONFIG = { MONGO_INITDB_ROOT_USERNAME: "rootuser", MONGO_INITDB_ROOT_PASSWORD: "mongo-root-password-123" };

describe("aws-stores: x-defang-mongodb → Amazon DocumentDB", () => {
    for (const mode of MODES) {
        const s = MODE_TABLE[mode];

        describe(mode, () => {
            it("is an encrypted cluster with backups, and deletion protection, final snapshot and log exports as the mode says", async () => {
                const run = await runAws(planFor(mode), (ctx) => createStores(ctx, [mongoPlan(mode)]), { config: CONFIG });
                const c = one(run, CLUSTER).inputs;
                assert.equal(c.clusterIdentifier, "app-dev-docs");
                assert.equal(c.engine, "docdb");
                assert.equal(c.engineVersion, "5.0.0");
                assert.equal(c.port, 27017);
                assert.equal(c.storageEncrypted, true, "DOC-01");
                assert.equal(c.backupRetentionPeriod, s.backupRetentionDays);
                assert.ok((c.backupRetentionPeriod as number) >= (mode === "affordable" ? 1 : 7), "DOC-02b");
                assert.equal(c.deletionProtection, mode !== "affordable");
                assert.equal(c.skipFinalSnapshot, mode === "affordable");
                assert.equal(c.finalSnapshotIdentifier, "app-dev-docs-final");
                assert.deepEqual(c.enabledCloudwatchLogsExports, mode === "affordable" ? [] : ["audit", "profiler"], "DOC-02c");
                const o = optionsOf(run, one(run, CLUSTER));
                assert.equal(o.protect, mode === "high_availability");
                assert.equal(o.retainOnDelete, mode === "high_availability");
                assert.equal(o.deleteBeforeReplace, false);
                assert.deepEqual(o.ignoreChanges, ["clusterIdentifier", "masterUsername", "snapshotIdentifier"]);
            });

            it("runs plan.instances instances (≥ 2 in high_availability), unprotected since they hold no data", async () => {
                const run = await runAws(planFor(mode), (ctx) => createStores(ctx, [mongoPlan(mode)]), { config: CONFIG });
                const instances = ofType(run, INSTANCE);
                assert.equal(instances.length, s.documentDbInstances);
                if (mode === "high_availability") assert.ok(instances.length >= 2);
                const cluster = one(run, CLUSTER);
                instances.forEach((i, n) => {
                    assert.equal(i.inputs.identifier, `app-dev-docs-${n + 1}`);
                    assert.equal(i.inputs.clusterIdentifier, cluster.id);
                    assert.equal(i.inputs.promotionTier, n);
                    assert.equal(i.inputs.instanceClass, s.databaseFamily === "burstable" ? "db.t4g.medium" : "db.r6g.large");
                    assert.equal(optionsOf(run, i).protect, false);
                    assert.equal(optionsOf(run, i).retainOnDelete, false);
                });
            });

            it("requires TLS through its cluster parameter group and logs what it exports", async () => {
                const run = await runAws(planFor(mode), (ctx) => createStores(ctx, [mongoPlan(mode)]), { config: CONFIG });
                const pg = one(run, "aws:docdb/clusterParameterGroup:ClusterParameterGroup");
                assert.equal(pg.inputs.family, "docdb5.0");
                const on = mode === "affordable" ? "disabled" : "enabled";
                assert.deepEqual(pg.inputs.parameters, [
                    { name: "tls", value: "enabled", applyMethod: "pending-reboot" },
                    { name: "audit_logs", value: on, applyMethod: "immediate" },
                    { name: "profiler", value: on, applyMethod: "immediate" },
                ]);
                assert.equal(one(run, CLUSTER).inputs.dbClusterParameterGroupName, pg.id);
            });

            it("takes its credentials from config as secrets, and admits 27017 from the apps SG only", async () => {
                const run = await runAws(planFor(mode), (ctx) => createStores(ctx, [mongoPlan(mode)]), { config: CONFIG });
                const c = one(run, CLUSTER);
                assert.ok(c.secretInputs.includes("masterPassword"));
                assert.equal(c.raw.masterPassword, CONFIG.MONGO_INITDB_ROOT_PASSWORD);
                assert.equal(c.raw.masterUsername, "rootuser");
                assertNowherePlain(run, CONFIG.MONGO_INITDB_ROOT_PASSWORD);
                const sg = one(run, "aws:ec2/securityGroup:SecurityGroup");
                const rule = one(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").inputs;
                assert.deepEqual(
                    [rule.securityGroupId, rule.referencedSecurityGroupId, rule.ipProtocol, rule.fromPort, rule.toPort],
                    [sg.id, FIXED.appsSecurityGroupId, "tcp", 27017, 27017],
                );
                assert.deepEqual(c.inputs.vpcSecurityGroupIds, [sg.id]);
                assert.deepEqual(one(run, "aws:docdb/subnetGroup:SubnetGroup").inputs.subnetIds, FIXED.privateSubnetIds);
                const out = run.result.docs;
                assert.equal(out.endpoint, "docs.app.internal");
                assert.equal(await resolve(out.passwordParameter), `${PREFIX}MONGO_INITDB_ROOT_PASSWORD`);
                const record = one(run, "aws:route53/record:Record").inputs;
                assert.deepEqual([record.name, record.type, record.records], ["docs.app.internal", "CNAME", [await resolve(out.address)]]);
            });
        });
    }

    it("a literal user and a generated password work too", async () => {
        const plan = mongoPlan("affordable", { username: { kind: "literal", value: "app" }, password: { kind: "generated", parameter: "docs/password" } });
        const run = await runAws(planFor("affordable"), (ctx) => createStores(ctx, [plan]));
        const c = one(run, CLUSTER);
        assert.equal(c.inputs.masterUsername, "app");
        const param = one(run, "aws:ssm/parameter:Parameter");
        assert.equal(param.inputs.name, `${PREFIX}docs/password`, "relative parameter names live under the project's prefix");
        assert.equal(param.raw.value, c.raw.masterPassword);
        assertNowherePlain(run, c.raw.masterPassword as string);
    });
});
