// Changing the mode must modify stateful resources in place: same logical names (so Pulumi sees the
// same resources) and the same values for every input whose change forces a replacement.
import * as assert from "node:assert/strict";
import { createStores } from "../../provider/src/aws/stores";
import type { Mode } from "../../provider/src/plan/modes";
import { MODES, mongoPlan, planFor, postgresPlan, redisPlan } from "./fixtures";
import { type AwsRun, runAws } from "./harness";

const CONFIG = { MONGO_INITDB_ROOT_USERNAME: "rootuser", MONGO_INITDB_ROOT_PASSWORD: "mongo-root-password-123" };

/** Inputs that force a replacement (terraform-provider-aws ForceNew), per stateful type. */
const REPLACING: Record<string, string[]> = {
    "aws:rds/instance:Instance": [
        "identifier", "engine", "storageEncrypted", "kmsKeyId", "dbSubnetGroupName", "username", "dbName",
        "availabilityZone", "characterSetName", "snapshotIdentifier", "customIamInstanceProfile", "timezone",
    ],
    "aws:elasticache/replicationGroup:ReplicationGroup": [
        "replicationGroupId", "atRestEncryptionEnabled", "kmsKeyId", "subnetGroupName", "port", "snapshotName",
        "snapshotArns", "dataTieringEnabled", "networkType",
    ],
    "aws:docdb/cluster:Cluster": [
        "clusterIdentifier", "engine", "masterUsername", "storageEncrypted", "kmsKeyId", "dbSubnetGroupName",
        "port", "snapshotIdentifier", "availabilityZones",
    ],
    "aws:rds/subnetGroup:SubnetGroup": ["name", "namePrefix"],
    "aws:elasticache/subnetGroup:SubnetGroup": ["name"],
    "aws:docdb/subnetGroup:SubnetGroup": ["name", "namePrefix"],
    "aws:rds/parameterGroup:ParameterGroup": ["name", "namePrefix", "family", "description"],
    "aws:docdb/clusterParameterGroup:ClusterParameterGroup": ["name", "namePrefix", "family", "description"],
    "aws:ec2/securityGroup:SecurityGroup": ["name", "namePrefix", "vpcId", "description"],
    "aws:ssm/parameter:Parameter": ["name"],
    // Any input change regenerates the password.
    "random:index/randomPassword:RandomPassword": ["length", "special", "upper", "lower", "numeric", "minUpper", "minLower", "minNumeric", "overrideSpecial", "keepers"],
    "aws:route53/record:Record": ["name", "zoneId", "type"],
};

async function allStores(mode: Mode): Promise<AwsRun<unknown>> {
    const stores = [postgresPlan(mode), redisPlan(mode), mongoPlan(mode)];
    return runAws(planFor(mode, { stores }), (ctx) => createStores(ctx, stores), { config: CONFIG });
}

function statefulByName(run: AwsRun<unknown>): Map<string, Record<string, unknown>> {
    const out = new Map<string, Record<string, unknown>>();
    for (const r of run.resources) {
        const keys = REPLACING[r.type];
        if (!keys) continue;
        out.set(`${r.type}::${r.name}`, Object.fromEntries(keys.map((k) => [k, r.raw[k]])));
    }
    return out;
}

describe("aws-stores: changing the mode never replaces a store", () => {
    it("every stateful resource keeps its logical name and replace-triggering inputs across the three modes", async () => {
        const runs = new Map<Mode, Map<string, Record<string, unknown>>>();
        for (const mode of MODES) runs.set(mode, statefulByName(await allStores(mode)));
        const affordable = runs.get("affordable")!;
        // The three engines, their networks, credentials and names are all there.
        for (const type of Object.keys(REPLACING)) {
            assert.ok([...affordable.keys()].some((k) => k.startsWith(`${type}::`)), `no ${type} created`);
        }
        for (const mode of MODES) {
            const other = runs.get(mode)!;
            assert.deepEqual([...other.keys()].sort(), [...affordable.keys()].sort(), `${mode}: same stateful resources`);
            for (const [key, inputs] of affordable) {
                assert.deepEqual(other.get(key), inputs, `${mode}: ${key} would be replaced`);
            }
        }
    });

    it("what does change between modes is in-place: Multi-AZ, class, backups, protection, failover, instances", async () => {
        const a = await allStores("affordable");
        const h = await allStores("high_availability");
        const rds = (run: AwsRun<unknown>) => run.resources.find((r) => r.type === "aws:rds/instance:Instance")!.inputs;
        assert.notDeepEqual(
            [rds(a).multiAz, rds(a).instanceClass, rds(a).backupRetentionPeriod, rds(a).deletionProtection],
            [rds(h).multiAz, rds(h).instanceClass, rds(h).backupRetentionPeriod, rds(h).deletionProtection],
        );
        const docdbInstances = (run: AwsRun<unknown>) => run.resources.filter((r) => r.type === "aws:docdb/clusterInstance:ClusterInstance").map((r) => r.name);
        // Going up adds instance-2; the first instance keeps its name.
        assert.deepEqual(docdbInstances(a), ["app-docs/instance-1"]);
        assert.deepEqual(docdbInstances(h), ["app-docs/instance-1", "app-docs/instance-2"]);
    });
});
