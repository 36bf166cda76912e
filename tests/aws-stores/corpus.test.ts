// Every Defang sample that uses a managed store, a GPU, a domain, Bedrock or autoscaling plans in all
// three modes, and what issue 4 builds holds its invariants on real apps.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { offlineEngine } from "../../provider/src/offline/mocks";
import { runOfflinePlan } from "../../provider/src/offline/plan";
import { MODES } from "./fixtures";
import { SAMPLES_DIR } from "../support/shared";
import { withReferencedFiles } from "../support/samples";

const SAMPLES = SAMPLES_DIR;
const STORE_TYPES = /^(aws:(rds\/instance|elasticache\/replicationGroup|docdb\/cluster):|random:index\/randomPassword:)/;
const FEATURES = /x-defang-(postgres|redis|mongodb|llm|autoscaling)|capabilities:|domainname:/;

function samples(): string[] {
    if (!fs.existsSync(SAMPLES)) return [];
    return fs
        .readdirSync(SAMPLES)
        .map((dir) => path.join(SAMPLES, dir, "compose.yaml"))
        .filter((file) => fs.existsSync(file) && FEATURES.test(fs.readFileSync(file, "utf8")))
        .sort();
}


describe("aws-stores: Defang samples with issue-4 features", function () {
    this.timeout(600_000);
    const files = samples();

    it("finds the samples (the corpus is present)", () => {
        assert.ok(files.length >= 10, `${files.length} samples found under ${SAMPLES}`);
    });

    for (const file of files) {
        const sample = path.basename(path.dirname(file));
        it(`${sample}: plans in every mode; stores encrypted, private, credentials secret, identity stable`, async () => {
            const identities: string[] = [];
            const copy = withReferencedFiles(file);
            try {
                for (const mode of MODES) {
                    const plan = await runOfflinePlan({ files: [copy], mode });
                    const errors = plan.diagnostics.filter((d) => d.severity === "error");
                    assert.deepEqual(errors, [], `${mode}: ${errors.map((e) => e.message).join("; ")}`);
                    assert.ok(plan.resources.length > 10, `${mode}: the component built its graph`);
                    const captured = offlineEngine().resources;
                    const printed = JSON.stringify(plan);
                    for (const r of captured) {
                        // Store credentials (generated or config) never print. (Literals a compose file spells out
                        // in the open, like `OPENAI_API_KEY=FAKE_TOKEN`, are not this module's secrets.)
                        if (STORE_TYPES.test(r.type)) {
                            for (const key of r.secretInputs) {
                                const value = r.raw[key];
                                if (typeof value === "string" && value.length >= 8) assert.ok(!printed.includes(value), `${mode}: ${r.type}.${key} printed`);
                            }
                        }
                        const i = r.raw;
                        switch (r.type) {
                            case "aws:rds/instance:Instance":
                                assert.equal(i.storageEncrypted, true);
                                assert.equal(i.publiclyAccessible, false);
                                assert.ok((i.backupRetentionPeriod as number) >= 1);
                                assert.ok(r.secretInputs.includes("password"), "RDS password is a secret");
                                break;
                            case "aws:elasticache/replicationGroup:ReplicationGroup":
                                assert.equal(i.atRestEncryptionEnabled, true);
                                assert.equal(i.transitEncryptionEnabled, true);
                                if (i.authToken !== undefined) assert.ok(r.secretInputs.includes("authToken"));
                                break;
                            case "aws:docdb/cluster:Cluster":
                                assert.equal(i.storageEncrypted, true);
                                assert.ok(r.secretInputs.includes("masterPassword"));
                                break;
                            case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
                                if (/-(from-apps)$/.test(r.name)) assert.equal(i.cidrIpv4, undefined, "stores admit the apps SG, never a CIDR");
                                break;
                        }
                    }
                    identities.push(
                        JSON.stringify(
                            captured
                                .filter((r) => /^aws:(rds\/instance|elasticache\/replicationGroup|docdb\/cluster):/.test(r.type))
                                .map((r) => [r.type, r.name, r.raw.identifier ?? r.raw.replicationGroupId ?? r.raw.clusterIdentifier, r.raw.storageEncrypted ?? r.raw.atRestEncryptionEnabled]),
                        ),
                    );
                }
                assert.equal(new Set(identities).size, 1, `stores change identity across modes: ${identities.join(" | ")}`);
            } finally {
                fs.rmSync(path.dirname(copy), { recursive: true, force: true });
            }
        });
    }
});
