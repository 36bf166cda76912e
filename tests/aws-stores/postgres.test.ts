import * as assert from "node:assert/strict";
import { createStores } from "../../provider/src/aws/stores";
import { MODE_TABLE } from "../../provider/src/plan/modes";
import { FIXED, assertNowherePlain, ofType, one, optionsOf, resolve, runAws } from "./harness";
import { MODES, PREFIX, planFor, postgresPlan } from "./fixtures";

const RDS = "aws:rds/instance:Instance";

describe("aws-stores: x-defang-postgres → RDS for PostgreSQL", () => {
    for (const mode of MODES) {
        const s = MODE_TABLE[mode];

        describe(mode, () => {
            it("is encrypted, private, TLS-only and backed up, with the mode's availability and protection", async () => {
                const run = await runAws(planFor(mode), (ctx) => createStores(ctx, [postgresPlan(mode)]));
                const db = one(run, RDS).inputs;
                assert.equal(db.identifier, "app-dev-db");
                assert.equal(db.engine, "postgres");
                assert.equal(db.engineVersion, "16");
                assert.equal(db.instanceClass, s.databaseFamily === "burstable" ? "db.t4g.micro" : "db.r6g.large");
                assert.equal(db.username, "postgres");
                assert.equal(db.dbName, "postgres");
                assert.equal(db.port, 5432);
                assert.equal(db.storageType, "gp3");
                assert.equal(db.allocatedStorage, 20);
                assert.equal(db.maxAllocatedStorage, s.databaseMaxStorageGiB);
                assert.equal(db.storageEncrypted, true);
                assert.equal(db.publiclyAccessible, false);
                assert.equal(db.multiAz, mode === "high_availability");
                assert.equal(db.backupRetentionPeriod, s.backupRetentionDays);
                assert.ok((db.backupRetentionPeriod as number) >= (mode === "affordable" ? 1 : 7), "RDS-03");
                assert.equal(db.deletionProtection, mode !== "affordable");
                assert.equal(db.skipFinalSnapshot, mode === "affordable");
                assert.equal(db.finalSnapshotIdentifier, "app-dev-db-final");
                assert.equal(db.deleteAutomatedBackups, mode === "affordable");
                assert.equal(db.copyTagsToSnapshot, true);
                assert.equal(db.autoMinorVersionUpgrade, true);
                assert.equal(db.allowMajorVersionUpgrade, false);
                assert.equal(db.applyImmediately, false);
                assert.equal(db.performanceInsightsEnabled, mode !== "affordable");
                assert.equal(db.monitoringInterval, mode === "affordable" ? 0 : 60);
                assert.deepEqual(db.enabledCloudwatchLogsExports, mode === "affordable" ? [] : ["postgresql", "upgrade"]);
                assert.deepEqual(db.tags, { "defang:project": "app", "defang:stack": "dev", "defang:mode": mode });
            });

            it("keeps the data through destroy and replacement in high_availability only, never deleting first", async () => {
                const run = await runAws(planFor(mode), (ctx) => createStores(ctx, [postgresPlan(mode)]));
                const o = optionsOf(run, one(run, RDS));
                assert.equal(o.protect, mode === "high_availability");
                assert.equal(o.retainOnDelete, mode === "high_availability");
                assert.equal(o.deleteBeforeReplace, false);
                // A bare major version ("16") follows AWS's minor upgrades without a diff.
                assert.deepEqual(o.ignoreChanges, ["dbName", "identifier", "snapshotIdentifier", "username"]);
            });

            it("enforces TLS with a parameter group of the plan's family", async () => {
                const run = await runAws(planFor(mode), (ctx) => createStores(ctx, [postgresPlan(mode)]));
                const pg = one(run, "aws:rds/parameterGroup:ParameterGroup");
                assert.equal(pg.inputs.family, "postgres16");
                assert.deepEqual(pg.inputs.parameters, [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }]);
                assert.equal(one(run, RDS).inputs.parameterGroupName, pg.id);
            });

            it("sits in the private subnets behind a security group that admits 5432 from the apps SG only", async () => {
                const run = await runAws(planFor(mode), (ctx) => createStores(ctx, [postgresPlan(mode)]));
                const subnets = one(run, "aws:rds/subnetGroup:SubnetGroup");
                assert.deepEqual(subnets.inputs.subnetIds, FIXED.privateSubnetIds);
                const sg = one(run, "aws:ec2/securityGroup:SecurityGroup");
                assert.equal(sg.inputs.vpcId, FIXED.vpcId);
                assert.equal(sg.inputs.ingress, undefined, "no inline rules (SG-05)");
                assert.equal(sg.inputs.egress, undefined, "no inline rules (SG-05)");
                const db = one(run, RDS).inputs;
                assert.deepEqual(db.vpcSecurityGroupIds, [sg.id]);
                assert.equal(db.dbSubnetGroupName, subnets.id);
                const rules = ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
                assert.equal(rules.length, 1);
                assert.deepEqual(
                    { ...rules[0].inputs, tags: undefined },
                    {
                        securityGroupId: sg.id,
                        referencedSecurityGroupId: FIXED.appsSecurityGroupId,
                        ipProtocol: "tcp",
                        fromPort: 5432,
                        toPort: 5432,
                        description: "postgres 5432 from the services of the project",
                        tags: undefined,
                    },
                );
                assert.equal(ofType(run, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").length, 0, "a database opens no connections");
            });

            it("generates the password as a secret and keeps it only in a SecureString parameter", async () => {
                const run = await runAws(planFor(mode), (ctx) => createStores(ctx, [postgresPlan(mode)]));
                const random = one(run, "random:index/randomPassword:RandomPassword");
                assert.equal(random.inputs.length, 32);
                assert.equal(random.inputs.special, false);
                const password = await passwordOf(run);
                const param = one(run, "aws:ssm/parameter:Parameter");
                assert.equal(param.inputs.name, `${PREFIX}db/password`);
                assert.equal(param.inputs.type, "SecureString");
                assert.equal(param.inputs.value, "[secret]");
                assert.equal(param.raw.value, password);
                const db = one(run, RDS);
                assert.ok(db.secretInputs.includes("password"));
                assert.equal(db.raw.password, password);
                assertNowherePlain(run, password);
                assert.equal(optionsOf(run, param).retainOnDelete, mode === "high_availability");
            });

            it("is reachable as db.<project>.internal through a CNAME, and outputs where the credentials live", async () => {
                const run = await runAws(planFor(mode), (ctx) => createStores(ctx, [postgresPlan(mode)]));
                const record = one(run, "aws:route53/record:Record").inputs;
                assert.equal(record.zoneId, FIXED.privateZoneId);
                assert.equal(record.name, "db.app.internal");
                assert.equal(record.type, "CNAME");
                assert.equal(record.ttl, 60);
                const out = run.result.db;
                assert.equal(out.engine, "postgres");
                assert.equal(out.endpoint, "db.app.internal");
                assert.equal(out.port, 5432);
                const resolved = await resolve(out.address);
                assert.ok(resolved.startsWith("app-dev-db."), resolved);
                assert.deepEqual(record.records, [resolved]);
                assert.equal(await resolve(out.passwordParameter), `${PREFIX}db/password`);
                assert.equal(await resolve(out.username!), "postgres");
                assert.equal(out.database, "postgres");
            });
        });
    }

    it("takes the password from the config input when the plan names a config reference", async () => {
        const plan = postgresPlan("balanced", { password: { kind: "config", name: "POSTGRES_PASSWORD" } });
        const run = await runAws(planFor("balanced"), (ctx) => createStores(ctx, [plan]), { config: { POSTGRES_PASSWORD: "from-config-input-1" } });
        assert.equal(ofType(run, "random:index/randomPassword:RandomPassword").length, 0);
        assert.equal(ofType(run, "aws:ssm/parameter:Parameter").length, 0, "the component writes config parameters, not the store");
        const db = one(run, RDS);
        assert.equal(db.raw.password, "from-config-input-1");
        assert.ok(db.secretInputs.includes("password"));
        assertNowherePlain(run, "from-config-input-1");
        assert.equal(await resolve(run.result.db.passwordParameter), `${PREFIX}POSTGRES_PASSWORD`);
        assert.equal(run.invokes.filter((i) => i.token === "aws:ssm/getParameter:getParameter").length, 0);
    });

    it("reads a config reference not passed in the input from SSM, decrypted, as a secret", async () => {
        const plan = postgresPlan("balanced", { password: { kind: "config", name: "POSTGRES_PASSWORD" } });
        const run = await runAws(planFor("balanced"), (ctx) => createStores(ctx, [plan]), {
            run: { ssmParameters: { [`${PREFIX}POSTGRES_PASSWORD`]: "stored-in-ssm-42" } },
        });
        const reads = run.invokes.filter((i) => i.token === "aws:ssm/getParameter:getParameter");
        assert.deepEqual(reads.map((r) => r.inputs), [{ name: `${PREFIX}POSTGRES_PASSWORD`, withDecryption: true }]);
        const db = one(run, RDS);
        assert.equal(db.raw.password, "stored-in-ssm-42");
        assert.ok(db.secretInputs.includes("password"));
        assertNowherePlain(run, "stored-in-ssm-42");
    });

    it("restores from-snapshot without user or database (they come from the snapshot), and allow-downtime applies at once", async () => {
        const plan = postgresPlan("balanced", { fromSnapshot: "rds:app-dev-db-2026-11-01", allowDowntime: true });
        const run = await runAws(planFor("balanced"), (ctx) => createStores(ctx, [plan]));
        const db = one(run, RDS).inputs;
        assert.equal(db.snapshotIdentifier, "rds:app-dev-db-2026-11-01");
        assert.equal(db.username, undefined);
        assert.equal(db.dbName, undefined);
        assert.equal(db.allowMajorVersionUpgrade, true);
        assert.equal(db.applyImmediately, true);
    });

    it("ignores engine version drift only when the plan pins a minor version", async () => {
        const run = await runAws(planFor("affordable"), (ctx) => createStores(ctx, [postgresPlan("affordable", { engineVersion: "16.4" })]));
        assert.deepEqual(optionsOf(run, one(run, RDS)).ignoreChanges, ["dbName", "engineVersion", "identifier", "snapshotIdentifier", "username"]);
    });

    it("Enhanced Monitoring uses a role RDS assumes, with the AWS managed policy for it and nothing else", async () => {
        const run = await runAws(planFor("balanced"), (ctx) => createStores(ctx, [postgresPlan("balanced")]));
        const role = one(run, "aws:iam/role:Role");
        assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy as string), {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole" }],
        });
        const attachment = one(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        assert.equal(attachment.inputs.policyArn, "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole");
        assert.equal(attachment.inputs.role, role.id);
        assert.equal(one(run, RDS).inputs.monitoringRoleArn, `arn:aws:iam::123456789012:role/${role.id}`);
        const affordable = await runAws(planFor("affordable"), (ctx) => createStores(ctx, [postgresPlan("affordable")]));
        assert.equal(ofType(affordable, "aws:iam/role:Role").length, 0);
    });
});

/** The generated password, as the RandomPassword produced it. */
async function passwordOf(run: Awaited<ReturnType<typeof runAws>>): Promise<string> {
    const password = one(run, RDS).raw.password as string;
    assert.match(password, /^[A-Za-z0-9]{32}$/, "URL-safe letters and digits, valid for RDS");
    return password;
}
