// Issue 4's acceptance compose, through the whole pipeline (compose → plan → component) under the
// offline engine, exactly as `pulumi-defang plan --json` runs it.
import * as assert from "node:assert/strict";
import { MODE_TABLE, type Mode } from "../../provider/src/plan/modes";
import { offlineEngine } from "../../provider/src/offline/mocks";
import { type OfflinePlanResult, type OfflineResource, runOfflinePlan } from "../../provider/src/offline/plan";
import { MODES } from "./fixtures";

export const ACCEPTANCE = `
name: acceptance
services:
  web:
    image: nginx:1.27
    ports:
      - target: 80
        mode: ingress
    domainname: app.example.com
    x-defang-autoscaling: true
    deploy:
      replicas: 2
  db:
    image: postgres:16
    x-defang-postgres: true
    environment:
      POSTGRES_USER: app
      POSTGRES_DB: shop
  cache:
    image: redis:7.2
    x-defang-redis: true
  docs:
    image: mongo:5
    x-defang-mongodb: true
    environment:
      MONGO_INITDB_ROOT_USERNAME:
      MONGO_INITDB_ROOT_PASSWORD:
  llm:
    image: ghcr.io/berriai/litellm:main-stable
    x-defang-llm: true
    ports:
      - target: 4000
        mode: host
  infer:
    image: vllm/vllm-openai:v0.6.0
    deploy:
      resources:
        reservations:
          memory: 12G
          devices:
            - capabilities: [gpu]
              count: 1
`;

interface Planned {
    plan: OfflinePlanResult;
    /** Every secret input's value, revealed (what must never print). */
    secrets: string[];
    ofType(type: string): OfflineResource[];
    one(type: string): OfflineResource;
}

async function planned(mode: Mode): Promise<Planned> {
    const plan = await runOfflinePlan({ composeYaml: ACCEPTANCE, mode });
    // The engine keeps the run's captures (with revealed secrets) until the next run begins.
    const secrets = offlineEngine()
        .resources.flatMap((r) => r.secretInputs.map((k) => r.raw[k]))
        .flatMap((v) => (typeof v === "string" ? [v] : [JSON.stringify(v)]))
        .filter((v) => v.length >= 8);
    const ofType = (type: string) => plan.resources.filter((r) => r.type === type);
    return {
        plan,
        secrets,
        ofType,
        one(type) {
            const found = ofType(type);
            assert.equal(found.length, 1, `one ${type}: ${found.map((r) => r.name).join(", ")}`);
            return found[0];
        },
    };
}

describe("aws-stores: issue 4 acceptance compose", function () {
    this.timeout(300_000);
    const runs = new Map<Mode, Planned>();
    before(async () => {
        for (const mode of MODES) runs.set(mode, await planned(mode));
    });

    for (const mode of MODES) {
        it(`${mode}: plans without errors, with every managed store, GPU capacity, a certificate and autoscaling`, () => {
            const p = runs.get(mode)!;
            assert.deepEqual(p.plan.diagnostics.filter((d) => d.severity === "error"), []);
            for (const type of [
                "aws:rds/instance:Instance",
                "aws:elasticache/replicationGroup:ReplicationGroup",
                "aws:docdb/cluster:Cluster",
                "aws:ecs/capacityProvider:CapacityProvider",
                "aws:acm/certificate:Certificate",
                "aws:acm/certificateValidation:CertificateValidation",
                "aws:appautoscaling/target:Target",
                "aws:appautoscaling/policy:Policy",
            ]) {
                p.one(type);
            }
            // Stores replace their containers: no ECS service for db, cache, docs.
            const services = p.ofType("aws:ecs/service:Service").map((s) => s.name).sort();
            assert.ok(!services.some((n) => /-(db|cache|docs)(-|$)/.test(n)), services.join(", "));
            assert.equal(p.ofType("aws:docdb/clusterInstance:ClusterInstance").length, MODE_TABLE[mode].documentDbInstances);
        });

        it(`${mode}: no password or generated secret in plaintext anywhere in the plan output`, () => {
            const p = runs.get(mode)!;
            assert.ok(p.secrets.length >= 3, "the RDS password, the DocumentDB password and the generated parameter were captured");
            const printed = JSON.stringify(p.plan);
            for (const secret of p.secrets) assert.ok(!printed.includes(secret), `a secret value is printed in plaintext`);
            assert.equal(p.one("aws:rds/instance:Instance").inputs.password, "[secret]");
            assert.equal(p.one("aws:docdb/cluster:Cluster").inputs.masterPassword, "[secret]");
            const generated = p.ofType("aws:ssm/parameter:Parameter").filter((r) => String(r.inputs.name).endsWith("/db/POSTGRES_PASSWORD"));
            assert.equal(generated.length, 1, "the generated Postgres password lives in its own SecureString");
            assert.equal(generated[0].inputs.type, "SecureString");
            assert.equal(generated[0].inputs.value, "[secret]");
        });
    }

    it("high_availability: RDS Multi-AZ, deletion protection, backups ≥ 7 days, final snapshot", () => {
        const db = runs.get("high_availability")!.one("aws:rds/instance:Instance").inputs;
        assert.equal(db.multiAz, true);
        assert.equal(db.deletionProtection, true);
        assert.ok((db.backupRetentionPeriod as number) >= 7);
        assert.equal(db.skipFinalSnapshot, false);
        assert.equal(db.finalSnapshotIdentifier, `${db.identifier}-final`);
        assert.equal(db.storageEncrypted, true);
        assert.equal(db.publiclyAccessible, false);
        assert.equal(db.engineVersion, "16");
        assert.equal(db.username, "app");
        assert.equal(db.dbName, "shop");
    });

    it("high_availability: ElastiCache with failover across AZs; DocumentDB with ≥ 2 instances", () => {
        const p = runs.get("high_availability")!;
        const cache = p.one("aws:elasticache/replicationGroup:ReplicationGroup").inputs;
        assert.equal(cache.automaticFailoverEnabled, true);
        assert.equal(cache.multiAzEnabled, true);
        assert.ok((cache.numCacheClusters as number) >= 2);
        assert.equal(cache.atRestEncryptionEnabled, true);
        assert.equal(cache.transitEncryptionEnabled, true);
        assert.ok(p.ofType("aws:docdb/clusterInstance:ClusterInstance").length >= 2);
        assert.equal(p.one("aws:docdb/cluster:Cluster").inputs.deletionProtection, true);
    });

    it("high_availability: GPU capacity asks for on-demand GPU instances, and the GPU task runs on it", () => {
        const p = runs.get("high_availability")!;
        const cp = p.one("aws:ecs/capacityProvider:CapacityProvider").inputs as Record<string, any>;
        const asg = p.one("aws:autoscaling/group:Group").inputs as Record<string, any>;
        assert.equal(cp.autoScalingGroupProvider.managedScaling.status, "ENABLED");
        const types = asg.mixedInstancesPolicy.launchTemplate.overrides.map((o: { instanceType: string }) => o.instanceType);
        assert.ok(types.length > 0 && types.every((t: string) => /^g\d+[a-z]*\./.test(t)), types.join(", "));
        assert.equal(asg.mixedInstancesPolicy.instancesDistribution.onDemandPercentageAboveBaseCapacity, 100);
        const association = p.one("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders").inputs as Record<string, any>;
        assert.ok(association.capacityProviders.includes(cp.name), "the ASG capacity provider is associated with the cluster");
        const gpuTask = p.ofType("aws:ecs/taskDefinition:TaskDefinition").find((t) => t.name.includes("infer"));
        assert.ok(gpuTask, "a task definition for the GPU service");
        assert.deepEqual(gpuTask.inputs.requiresCompatibilities, ["EC2"]);
        const [container] = JSON.parse(gpuTask.inputs.containerDefinitions as string);
        assert.deepEqual(container.resourceRequirements, [{ type: "GPU", value: "1" }]);
        const gpuService = p.ofType("aws:ecs/service:Service").find((s) => s.name.includes("infer"))!;
        assert.deepEqual((gpuService.inputs.capacityProviderStrategies as Array<Record<string, unknown>>).map((s) => s.capacityProvider), [cp.name]);
    });

    it("high_availability: a DNS-validated certificate on the HTTPS listener, HTTP redirects to 443, and an alias record", () => {
        const p = runs.get("high_availability")!;
        const cert = p.one("aws:acm/certificate:Certificate").inputs;
        assert.equal(cert.domainName, "app.example.com");
        assert.equal(cert.validationMethod, "DNS");
        const validation = p.one("aws:acm/certificateValidation:CertificateValidation").inputs;
        const listeners = p.ofType("aws:lb/listener:Listener").map((l) => l.inputs as Record<string, any>);
        const https = listeners.find((l) => l.protocol === "HTTPS");
        assert.ok(https, "an HTTPS listener");
        assert.equal(https.port, 443);
        assert.equal(https.certificateArn, validation.certificateArn);
        const http = listeners.find((l) => l.protocol === "HTTP");
        assert.deepEqual(http?.defaultActions, [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]);
        const alias = p.ofType("aws:route53/record:Record").find((r) => r.inputs.name === "app.example.com" && r.inputs.type === "A");
        assert.ok(alias, "an alias A record to the ALB");
        const lb = p.one("aws:lb/loadBalancer:LoadBalancer");
        assert.ok(lb);
    });

    it("every mode: the LLM service's task role may call Bedrock, and only that", () => {
        for (const mode of MODES) {
            const p = runs.get(mode)!;
            const bedrock = p.ofType("aws:iam/rolePolicy:RolePolicy").filter((r) => String(r.inputs.policy).includes("bedrock:"));
            assert.equal(bedrock.length, 1, `${mode}: one Bedrock policy`);
            const doc = JSON.parse(bedrock[0].inputs.policy as string) as { Statement: Array<{ Action: string | string[] }> };
            const actions = doc.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
            assert.ok(actions.every((a) => a.startsWith("bedrock:") && !a.includes("*")), actions.join(", "));
        }
    });

    it("changing the mode keeps every store's identity (no replacement)", () => {
        const identity = (p: Planned) => ({
            rds: pick(p.one("aws:rds/instance:Instance").inputs, ["identifier", "engine", "storageEncrypted", "username", "dbName", "port"]),
            cache: pick(p.one("aws:elasticache/replicationGroup:ReplicationGroup").inputs, ["replicationGroupId", "atRestEncryptionEnabled", "port"]),
            docs: pick(p.one("aws:docdb/cluster:Cluster").inputs, ["clusterIdentifier", "engine", "storageEncrypted", "port"]),
            names: p.plan.resources
                .filter((r) => /^aws:(rds|elasticache|docdb)\//.test(r.type) && !r.type.endsWith("clusterInstance:ClusterInstance"))
                .map((r) => `${r.type}::${r.name}`)
                .sort(),
        });
        const affordable = identity(runs.get("affordable")!);
        for (const mode of MODES) assert.deepEqual(identity(runs.get(mode)!), affordable, mode);
    });
});

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
    return Object.fromEntries(keys.map((k) => [k, o[k]]));
}
