// Stress variants of real apps through the offline plan (the component under the offline engine, whose
// registration check applies plan/aws-limits.ts): long project, stack and service names, mixed case and
// underscores, a 70-character domainname, 100 exposed ports, 5 networks, service names equal to the
// component's own child names. Each ends with no violation of the table, or with a located error when
// AWS could not deploy it. Corpus apps × 3 modes are covered by tests/aws/corpus.test.ts (an error-free
// plan there includes no table violation).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Diagnostic } from "../../provider/src/compose/types";
import { limitDiagnostics, runOfflinePlan, type OfflinePlanResult } from "../../provider/src/offline/plan";
import { MODES } from "../../provider/src/plan/modes";
import { createReferencedFiles } from "../support/samples";
import { CORPUS_DIR } from "../support/shared";

const LONG_PROJECT = "a-very-long-compose-project-name-for-aws-limits-x"; // 49 characters
const LONG_STACK = "a-thirty-character-stack-name1"; // 30 characters
const FIFTY = "a_very_long_service_name_which_is_fifty_characters";

const LIMIT_CODES = new Set(["aws-name-too-long", "aws-name-invalid", "aws-value-out-of-range", "aws-quota-exceeded", "logical-name-duplicate"]);
const errors = (r: OfflinePlanResult): Diagnostic[] => r.diagnostics.filter((d) => d.severity === "error");
const show = (ds: Diagnostic[]): string => ds.map((d) => `${d.file ?? "-"}:${d.line ?? 0} [${d.code}] ${d.message}`).join("\n");

function plan(composeYaml: string, opts: Partial<Parameters<typeof runOfflinePlan>[0]> = {}): Promise<OfflinePlanResult> {
    return runOfflinePlan({ composeYaml, workingDir: os.tmpdir(), mode: "balanced", environment: {}, ...opts });
}

/** Physical names AWS keeps unique per account or region: (type, field). Defang's paths last. */
const ACCOUNT_NAMES: Record<string, string[]> = {
    "aws:lb/loadBalancer:LoadBalancer": ["name"],
    "aws:lb/targetGroup:TargetGroup": ["name"],
    "aws:iam/role:Role": ["name"],
    "aws:iam/instanceProfile:InstanceProfile": ["name"],
    "aws:ecs/cluster:Cluster": ["name"],
    "aws:ecs/taskDefinition:TaskDefinition": ["family"],
    "aws:ecs/capacityProvider:CapacityProvider": ["name"],
    "aws:ec2/launchTemplate:LaunchTemplate": ["name"],
    "aws:autoscaling/group:Group": ["name"],
    "aws:rds/instance:Instance": ["identifier", "finalSnapshotIdentifier"],
    "aws:rds/parameterGroup:ParameterGroup": ["name"],
    "aws:rds/subnetGroup:SubnetGroup": ["name"],
    "aws:docdb/cluster:Cluster": ["clusterIdentifier", "finalSnapshotIdentifier"],
    "aws:docdb/clusterInstance:ClusterInstance": ["identifier"],
    "aws:docdb/clusterParameterGroup:ClusterParameterGroup": ["name"],
    "aws:docdb/subnetGroup:SubnetGroup": ["name"],
    "aws:elasticache/replicationGroup:ReplicationGroup": ["replicationGroupId"],
    "aws:elasticache/subnetGroup:SubnetGroup": ["name"],
    "aws:ecr/repository:Repository": ["name"],
    "aws:codebuild/project:Project": ["name"],
    "aws:s3/bucket:Bucket": ["bucketPrefix", "bucket"],
    "aws:efs/fileSystem:FileSystem": ["creationToken"],
    "aws:ec2/securityGroup:SecurityGroup": ["name"],
    "aws:cloudfront/function:Function": ["name"],
    "aws:cloudfront/originAccessControl:OriginAccessControl": ["name"],
};
const DEFANG_PATHS: Record<string, string[]> = { "aws:cloudwatch/logGroup:LogGroup": ["name"], "aws:ssm/parameter:Parameter": ["name"] };

function physicalNames(r: OfflinePlanResult, kinds: Record<string, string[]>): string[] {
    return r.resources.flatMap((res) => (kinds[res.type] ?? []).flatMap((f) => (typeof res.inputs[f] === "string" ? [`${res.type} ${res.inputs[f]}`] : [])));
}

/** Every store, a GPU service, a build, a job, autoscaling, ingress with a long domainname, a volume, a bucket and a static site: most resource kinds. */
const KITCHEN_SINK = `
name: ${LONG_PROJECT}
services:
  Web_Frontend_Service:
    image: nginx:1.27
    ports: ["8080:8080"]
    domainname: this-is-a-very-long-domain-name-label-for-testing.example-corp.com
    x-defang-autoscaling: true
    deploy: { replicas: 2 }
    volumes: ["${FIFTY}.volume:/srv/data"]
    depends_on: [Object_Store_${FIFTY.slice(0, 39)}]
  Object_Store_${FIFTY.slice(0, 39)}:
    image: minio/minio
    x-defang-s3: true
  Static_Site_${FIFTY.slice(0, 39)}:
    image: nginx:1.27
    x-defang-static-files: /usr/share/nginx/html
  ${FIFTY}:
    image: nginx:1.27
    expose: ["9000-9099"]
    ports: [{ target: 80, mode: host }]
  PG_${FIFTY.slice(0, 47)}:
    image: postgres:16
    x-defang-postgres: true
    ports: [{ target: 5432, mode: host }]
  Cache_Store:
    image: redis:7
    x-defang-redis: true
    ports: [{ target: 6379, mode: host }]
  MONGO_DB:
    image: mongo:5
    x-defang-mongodb: true
    ports: [{ target: 27017, mode: host }]
  gpu:
    image: ollama/ollama
    ports: [{ target: 11434, mode: host }]
    deploy: { resources: { reservations: { devices: [{ capabilities: [gpu] }] } } }
    volumes: ["${FIFTY}.volume:/models:ro"]
  llm:
    image: ghcr.io/acme/llm:1
    x-defang-llm: true
  builder:
    build: .
    ports: ["3000:3000"]
  migrate:
    image: ghcr.io/acme/migrate:1
    restart: "no"
volumes:
  ${FIFTY}.volume: {}
`;

describe("AWS limits: stress variants plan within the table, or fail with a located error", function () {
    this.timeout(900_000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "limits-stress-"));
    fs.writeFileSync(path.join(tmp, "Dockerfile"), "FROM scratch\n");
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it(`long project (${LONG_PROJECT.length}), stack (${LONG_STACK.length}) and service names (50), mixed case and underscores, every kind of resource, every mode: no violation`, async () => {
        for (const mode of MODES) {
            const r = await plan(KITCHEN_SINK, { mode, stack: LONG_STACK, workingDir: tmp });
            assert.equal(show(errors(r)), "", mode);
            const names = r.resources.map((x) => x.name);
            assert.equal(new Set(names).size, names.length, "no logical name twice");
            // Auto-named resources would be named after their logical name: nothing we create is left to that.
            const certificate = r.resources.find((x) => x.type === "aws:acm/certificate:Certificate");
            assert.equal(certificate?.inputs.domainName, "example-corp.com", "a parent domain stands first");
            assert.deepEqual(certificate?.inputs.subjectAlternativeNames, ["this-is-a-very-long-domain-name-label-for-testing.example-corp.com"]);
            const rules = r.resources.filter((x) => x.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" && x.name.includes(`${FIFTY}/in/`));
            assert.deepEqual(rules.map((x) => [x.inputs.fromPort, x.inputs.toPort]).sort(), [[80, 80], [9000, 9099]], "100 exposed ports are one rule");
        }
    });

    it("every Defang sample under a long project name and a 30-character stack (affordable): no violation", async () => {
        const root = path.join(CORPUS_DIR, "defang-samples");
        const samples = fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, "compose.yaml"))).sort();
        assert.ok(samples.length >= 50);
        for (const sample of samples) {
            const dir = path.join(tmp, sample);
            fs.cpSync(path.join(root, sample), dir, { recursive: true });
            const file = path.join(dir, "compose.yaml");
            createReferencedFiles(dir, fs.readFileSync(file, "utf8"));
            const r = await runOfflinePlan({ files: [file], mode: "affordable", stack: LONG_STACK, projectName: `${LONG_PROJECT}-${sample}`.slice(0, 60), environment: {} });
            assert.equal(show(errors(r)), "", sample);
        }
    });

    it("refuses 100 separate exposed ports at the service's expose line; a service may join 3 networks of 5, not 4", async () => {
        const ports = Array.from({ length: 100 }, (_, i) => `"${10000 + 2 * i}"`).join(", ");
        const r = await plan(`name: ports\nservices:\n  app:\n    image: nginx:1.27\n    expose: [${ports}]\n`);
        assert.deepEqual(errors(r).map((d) => [d.code, d.line]), [["security-group-rules-too-many", 5]]);
        assert.match(errors(r)[0].message, /needs 100 inbound rules .* AWS allows 60 per group/);
        assert.ok(errors(r)[0].hint);

        const nets = "networks: { n1: {}, n2: {}, n3: {}, n4: {}, n5: {} }";
        const ok = await plan(`name: nets\n${nets}\nservices:\n  a: { image: nginx:1.27, expose: ["80"], networks: [n1, n2, n3] }\n  b: { image: nginx:1.27, networks: [n3, n4, n5] }\n`);
        assert.equal(show(errors(ok)), "");
        const tooMany = await plan(`name: nets\n${nets}\nservices:\n  a: { image: nginx:1.27, networks: [n1, n2, n3, n4] }\n`);
        assert.deepEqual(errors(tooMany).map((d) => d.code), ["networks-too-many"]);
        assert.ok(errors(tooMany)[0].line);
    });

    it("refuses replicas past 5,000 or below 0, and autoscaling past 5,000, at their line (never clamped)", async () => {
        for (const [replicas, ok] of [[5000, true], [0, true], [5001, false], [-1, false]] as const) {
            const r = await plan(`name: reps\nservices:\n  app:\n    image: nginx:1.27\n    deploy:\n      replicas: ${replicas}\n`);
            if (ok) assert.equal(show(errors(r)), "", String(replicas));
            else assert.deepEqual(errors(r).map((d) => [d.code, d.line]), [["replicas-out-of-range", 6]], String(replicas));
        }
        const scaled = await plan(`name: reps\nservices:\n  app:\n    image: nginx:1.27\n    x-defang-autoscaling: { min: 1, max: 5001 }\n`);
        assert.deepEqual(errors(scaled).map((d) => [d.code, d.line]), [["autoscaling-range", 5]]);
    });

    it("gives services named like the component's own children (lb, apps, network-default…) their own logical names", async () => {
        const names = ["lb", "apps", "network-default", "cluster", "domain", "gpu", "execution", "vpc", "build-contexts", "http", "a", "a-sg", "a-task", "rule", "lb-out"];
        const services = names.map((n) => `  ${n}:\n    image: nginx:1.27\n    ports: [{ target: 80, mode: host }]\n`).join("");
        const r = await plan(`name: clash\nservices:\n${services}  web:\n    image: nginx:1.27\n    ports: ["8080:8080"]\n`, { workingDir: tmp });
        assert.equal(show(errors(r)), "");
        const seen = new Map<string, string>();
        for (const res of r.resources) {
            assert.equal(seen.get(res.name), undefined, `${res.name}: ${seen.get(res.name)} and ${res.type}`);
            seen.set(res.name, res.type);
        }
        assert.ok(seen.has("clash-lb-sg") && seen.has("clash-lb/sg"), "the load balancer's group and service lb's group");
    });

    it("names nothing alike for (project, stack) a-b/c and a/b-c, nor for two Pulumi projects deploying one compose file", async () => {
        const app = (name: string) => KITCHEN_SINK.replace(`name: ${LONG_PROJECT}`, `name: ${name}`);
        const first = await plan(app("a-b"), { stack: "c", workingDir: tmp });
        const second = await plan(app("a"), { stack: "b-c", workingDir: tmp });
        const all = { ...ACCOUNT_NAMES, ...DEFANG_PATHS };
        const shared = physicalNames(first, all).filter((n) => physicalNames(second, all).includes(n));
        assert.deepEqual(shared, []);
        assert.ok(physicalNames(first, all).length > 30, String(physicalNames(first, all).length));

        const other = await plan(app("a-b"), { stack: "c", workingDir: tmp, pulumiProject: "another-program" });
        const common = physicalNames(first, ACCOUNT_NAMES).filter((n) => physicalNames(other, ACCOUNT_NAMES).includes(n));
        assert.deepEqual(common, []);
        // Defang's paths are the compose project's and stack's by design (config values and logs are shared there).
        assert.deepEqual(physicalNames(other, DEFANG_PATHS).sort(), physicalNames(first, DEFANG_PATHS).sort());
    });

    it("reports what the offline engine finds at the compose service the resource belongs to", () => {
        const located = limitDiagnostics(
            "shop",
            [
                { type: "aws:ecs/service:Service", resource: "shop-web/service", code: "aws-name-too-long", message: "ECS service name too long", source: "https://docs.aws.amazon.com/x" },
                { type: "aws:ecs/cluster:Cluster", resource: "shop-cluster", code: "aws-name-invalid", message: "bad" },
            ],
            { offline: true, diagnostics: [], errors: [], locate: (p) => (p[1] === "web" ? { file: "compose.yaml", line: 3, column: 3 } : undefined) },
        );
        assert.deepEqual(located.map((d) => [d.code, d.file, d.line]), [["aws-name-too-long", "compose.yaml", 3], ["aws-name-invalid", undefined, undefined]]);
        assert.match(located[0].message, /^Service shop-web\/service: ECS service name too long/);
        assert.match(located[0].hint!, /AWS refuses it at `pulumi up` \(https:\/\/docs\.aws\.amazon\.com\/x\)\. Shorten/);
        assert.ok(LIMIT_CODES.has(located[1].code));
    });
});
