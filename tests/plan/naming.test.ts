// plan/naming.ts: every naming function yields a name its AWS rule accepts (plan/aws-limits.ts) for any
// input — long, mixed case, underscores, digits first, reserved prefixes —, deterministically, and names
// AWS keeps unique per account or region are injective over (Pulumi project, stack, compose project,
// service): tuples with hyphens in different places never share a name.
import { strict as assert } from "assert";
import { type StringKind, checkString } from "../../provider/src/plan/aws-limits";
import * as naming from "../../provider/src/plan/naming";
import type { NamingScope } from "../../provider/src/plan/naming";

const LONG = "a-really-long-project-name-for-testing-the-limits-ok";
const SCOPE: NamingScope = { project: "shop", stack: "prod", pulumiProject: "shop-infra", region: "us-east-1" };

/** Every naming function over a scope and a service, with the rule its result must satisfy. */
const PER_SERVICE: Array<[StringKind, (s: NamingScope, service: string) => string]> = [
    ["targetGroupName", (s, svc) => naming.targetGroupName(s, svc, 8080, "HTTP1|managed-vpc")],
    ["ecsServiceName", (s, svc) => naming.ecsServiceName(s, svc, JSON.stringify([{ capacityProvider: "FARGATE_SPOT", weight: 1 }]))],
    ["ecsTaskFamily", naming.taskFamily],
    ["securityGroupName", (s, svc) => naming.securityGroupName(s, `service-${svc}`)],
    ["iamRoleName", (s, svc) => naming.iamRoleName(s, `${svc}-task`)],
    ["iamRoleName", (s, svc) => naming.iamRoleName(s, svc, "ecsInstanceRole-")],
    ["iamInstanceProfileName", (s, svc) => naming.iamInstanceProfileName(s, svc, "ecsInstanceRole-")],
    ["rdsInstanceIdentifier", naming.rdsIdentifier],
    ["rdsParameterGroupName", (s, svc) => naming.rdsParameterGroupName(s, svc, "postgres16")],
    ["rdsSubnetGroupName", naming.rdsSubnetGroupName],
    ["docdbClusterIdentifier", naming.docdbClusterIdentifier],
    ["docdbInstanceIdentifier", (s, svc) => naming.docdbInstanceIdentifier(naming.docdbClusterIdentifier(s, svc), 2)],
    ["docdbClusterParameterGroupName", (s, svc) => naming.docdbParameterGroupName(s, svc, "docdb5.0")],
    ["docdbSubnetGroupName", naming.docdbSubnetGroupName],
    ["elastiCacheReplicationGroupId", naming.elastiCacheId],
    ["elastiCacheSubnetGroupName", naming.elastiCacheSubnetGroupName],
    ["dbSnapshotIdentifier", (s, svc) => naming.finalSnapshotName(naming.rdsIdentifier(s, svc))],
    ["ecrRepositoryName", naming.ecrRepositoryName],
    ["codeBuildProjectName", naming.codeBuildProjectName],
    ["scalingPolicyName", (s, svc) => naming.scalingPolicyName(s, svc, "cpu")],
    ["launchTemplateName", naming.launchTemplateName],
    ["autoScalingGroupName", naming.autoScalingGroupName],
    ["ecsCapacityProviderName", (s, svc) => naming.capacityProviderName(s, svc, ["managed-instances", true])],
    ["logGroupName", naming.serviceLogGroupName],
    ["targetGroupName", (s, svc) => naming.alternateTargetGroupName(s, svc, 8080, "HTTP1|managed-vpc")],
    ["cloudWatchAlarmName", (s, svc) => naming.alarmName(s, svc, "memory-high")],
    ["cloudWatchAlarmName", (s, svc) => naming.alarmName(s, svc, "target-5xx", 8080)],
    ["efsCreationToken", naming.efsCreationToken],
    ["s3BucketName", (s, svc) => naming.s3BucketName(s, "123456789012", svc, "data")],
    ["s3BucketName", (s, svc) => naming.s3BucketName(s, "123456789012", svc, "site")],
    ["cloudFrontOriginAccessControlName", naming.cloudFrontOriginAccessName],
    ["cloudFrontFunctionName", naming.cloudFrontFunctionName],
];

const PER_PROJECT: Array<[StringKind, (s: NamingScope) => string]> = [
    ["loadBalancerName", naming.loadBalancerName],
    ["ecsClusterName", naming.clusterName],
    ["s3BucketPrefix", naming.buildBucketPrefix],
    ["logGroupName", (s) => naming.projectLogGroupName(s, "vpc/flow-logs")],
    ["cloudMapNamespaceName", (s) => naming.namespaceName(s.project)],
    ["cloudWatchAlarmName", (s) => naming.alarmName(s, undefined, "elb-5xx")],
    ["cloudWatchDashboardName", naming.dashboardName],
    ["snsTopicName", naming.alarmTopicName],
    ["kmsAliasName", naming.alarmKeyAlias],
    ["iamRoleName", (s) => naming.iamRoleName(s, "ecs-rollout")],
    ["codeBuildProjectName", naming.extractProjectName],
];

const ODD_SCOPES: NamingScope[] = [
    SCOPE,
    { project: LONG, stack: "a-thirty-character-stack-name1", pulumiProject: LONG, region: "ap-southeast-3" },
    { project: "Shop_App", stack: "Prod.EU", pulumiProject: "x" },
    { project: "9lives", stack: "1", pulumiProject: "" },
    { project: "internal", stack: "tools" },
    { project: "sg-shop", stack: "dev" },
    { project: "ecs-demo", stack: "dev" },
    { project: "aws", stack: "fargate" },
    { project: "xn--abc", stack: "dev" },
    { project: "-_-", stack: "_" },
    { project: "p".repeat(300), stack: "s".repeat(300), pulumiProject: "q".repeat(300) },
];
const ODD_SERVICES = ["web", "Web_Frontend_Service", "a".repeat(63), "db--x", "9svc", "a_-b", "lb", "x"];

describe("plan/naming", () => {
    it("yields names AWS accepts for odd and long inputs, for every kind we name", () => {
        let checked = 0;
        for (const scope of ODD_SCOPES) {
            for (const [kind, make] of PER_PROJECT) {
                const name = make(scope);
                assert.equal(checkString(kind, name), undefined, `${kind} ${name}`);
                checked++;
            }
            for (const service of ODD_SERVICES) {
                for (const [kind, make] of PER_SERVICE) {
                    const name = make(scope, service);
                    assert.equal(checkString(kind, name), undefined, `${kind} ${name}`);
                    assert.equal(name, make(scope, service), "deterministic");
                    checked++;
                }
            }
        }
        assert.ok(checked > 2000, `${checked}`);
    });

    it("fills long names up to the limit (a cut at a hyphen drops it), ending in an 8-hex hash, without `--`", () => {
        const scope = ODD_SCOPES[1];
        const cases: Array<[string, number]> = [
            [naming.rdsIdentifier(scope, "postgres-database-primary"), 63],
            [naming.elastiCacheId(scope, "cache"), 40],
            [naming.loadBalancerName(scope), 32],
            [naming.iamRoleName(scope, "service-with-a-long-name-task"), 64],
            [naming.docdbClusterIdentifier(scope, "mongo"), 60],
        ];
        for (const [name, limit] of cases) {
            assert.ok(name.length === limit || name.length === limit - 1, `${name}: ${name.length} for ${limit}`);
            assert.match(name, /-[0-9a-f]{8}$/);
            assert.ok(!name.includes("--"), name);
        }
        assert.ok(naming.docdbInstanceIdentifier(naming.docdbClusterIdentifier(scope, "mongo"), 9).length <= 63);
        assert.ok(naming.buildBucketPrefix(scope).length <= 37);
    });

    it("reads as <project>-<stack>-<what>-<hash> when short", () => {
        assert.match(naming.rdsIdentifier(SCOPE, "db"), /^shop-prod-db-[0-9a-f]{8}$/);
        assert.match(naming.clusterName(SCOPE), /^shop-prod-[0-9a-f]{8}$/);
        assert.match(naming.rdsIdentifier({ project: "Shop", stack: "Prod" }, "My_DB"), /^shop-prod-my-db-[0-9a-f]{8}$/);
        assert.match(naming.ecrRepositoryName({ project: "Shop", stack: "Prod" }, "Web_API"), /^shop-prod-web-api-[0-9a-f]{8}$/);
        assert.match(naming.buildBucketPrefix(SCOPE), /^shop-prod-builds-[0-9a-f]{8}-$/);
    });

    it("starts with a letter where AWS requires one, and never with a prefix AWS reserves", () => {
        assert.match(naming.rdsIdentifier({ project: "1shop", stack: "prod" }, "db"), /^x-1shop-prod-db-/);
        assert.match(naming.loadBalancerName({ project: "internal", stack: "tools" }), /^x-internal-tools-/);
        assert.match(naming.securityGroupName({ project: "sg", stack: "x" }, "apps"), /^x-sg-x-apps-/);
        assert.match(naming.capacityProviderName({ project: "ecs", stack: "x" }, "gpu", null), /^x-ecs-x-gpu-/);
        assert.match(naming.capacityProviderName({ project: "FarGate", stack: "x" }, "gpu", null), /^x-FarGate-/);
    });

    it("keeps <service>-<port> readable in target group names and hashes the replacement-triggering properties", () => {
        const base = naming.targetGroupName(SCOPE, "web", 8080, "HTTP1|managed-vpc");
        assert.match(base, /^shop-prod-web-8080-[0-9a-f]{8}$/);
        assert.notEqual(base, naming.targetGroupName(SCOPE, "web", 8080, "HTTP2|managed-vpc"));
        assert.notEqual(base, naming.targetGroupName(SCOPE, "web", 8080, "HTTP1|vpc-123"));
        assert.notEqual(base, naming.targetGroupName(SCOPE, "web", 8081, "HTTP1|managed-vpc"));
        assert.match(naming.targetGroupName(ODD_SCOPES[1], "a-very-long-service-name-indeed", 8080, "k"), /^a-very-long-servic-8080-[0-9a-f]{8}$/);
    });

    it("names the operations resources: alarms per subject, port and kind; the dashboard per region; the alarm topic and its key alias", () => {
        assert.match(naming.alarmName(SCOPE, "web", "target-5xx", 8080), /^shop-prod-web-8080-target-5xx-[0-9a-f]{8}$/);
        assert.match(naming.alarmName(SCOPE, undefined, "elb-5xx"), /^shop-prod-elb-5xx-[0-9a-f]{8}$/);
        // A service named like another's port alarm, and the load balancer's alarm beside a service's, stay apart.
        assert.notEqual(naming.alarmName(SCOPE, "web-8080", "target-5xx"), naming.alarmName(SCOPE, "web", "target-5xx", 8080));
        assert.notEqual(naming.alarmName(SCOPE, undefined, "elb-5xx"), naming.alarmName(SCOPE, "", "elb-5xx"));
        assert.match(naming.dashboardName(SCOPE), /^shop-prod-[0-9a-f]{8}$/);
        assert.notEqual(naming.dashboardName(SCOPE), naming.dashboardName({ ...SCOPE, region: "eu-west-1" }), "dashboards are account-wide");
        assert.match(naming.alarmTopicName(SCOPE), /^shop-prod-alarms-[0-9a-f]{8}$/);
        assert.match(naming.alarmKeyAlias(SCOPE), /^alias\/shop-prod-alarms-[0-9a-f]{8}$/);
        assert.match(naming.alarmKeyAlias({ project: "aws", stack: "x" }), /^alias\/aws-x-alarms-/, "alias/aws- is not the reserved alias/aws/");
        assert.equal(naming.alarmKeyAlias(ODD_SCOPES[10]).length, 256);
        assert.notEqual(naming.alternateTargetGroupName(SCOPE, "web", 8080, "k"), naming.targetGroupName(SCOPE, "web", 8080, "k"));
        assert.notEqual(naming.ecsServiceName(SCOPE, "web", "[FARGATE_SPOT]"), naming.ecsServiceName(SCOPE, "web", "[FARGATE]"), "a new capacity strategy is a new service");
    });

    it("hashes the parameter group family, so a new major version gets a new group beside the old", () => {
        assert.notEqual(naming.rdsParameterGroupName(SCOPE, "db", "postgres16"), naming.rdsParameterGroupName(SCOPE, "db", "postgres17"));
    });

    it("gives account-wide (IAM) names the region, so one stack in two regions never shares a role", () => {
        assert.notEqual(naming.iamRoleName(SCOPE, "execution"), naming.iamRoleName({ ...SCOPE, region: "eu-west-1" }, "execution"));
        assert.equal(naming.clusterName(SCOPE), naming.clusterName({ ...SCOPE, region: "eu-west-1" }), "regional names need not");
        assert.ok(naming.iamRoleName(SCOPE, "gpu-instance", "ecsInstanceRole-").startsWith("ecsInstanceRole-shop-prod-gpu-instance-"));
    });

    it("is injective over (Pulumi project, stack, compose project, service): hyphens in different places never collide", () => {
        // Random tuples built from a few words joined by `-` at random places, plus the documented pairs.
        let seed = 7;
        const rand = (n: number): number => {
            seed = (seed * 1103515245 + 12345) % 2147483648;
            return seed % n;
        };
        const words = ["a", "b", "c", "ab", "bc", "web", "api", "dev", "prod", "db", "x-y", "_", "A"];
        const part = (): string => Array.from({ length: 1 + rand(3) }, () => words[rand(words.length)]).join(rand(2) ? "-" : "_");
        const tuples = new Map<string, [NamingScope, string]>();
        tuples.set("a-b|c|x|s", [{ project: "a-b", stack: "c", pulumiProject: "x" }, "s"]);
        tuples.set("a|b-c|x|s", [{ project: "a", stack: "b-c", pulumiProject: "x" }, "s"]);
        tuples.set("a|b|x|c-s", [{ project: "a", stack: "b", pulumiProject: "x" }, "c-s"]);
        tuples.set("a|b|x-c|s", [{ project: "a", stack: "b", pulumiProject: "x-c" }, "s"]);
        tuples.set("a|b|y|s", [{ project: "a", stack: "b", pulumiProject: "y" }, "s"]);
        for (let i = 0; i < 2500; i++) {
            const scope = { project: part(), stack: part(), pulumiProject: part() };
            const service = part();
            tuples.set([scope.project, scope.stack, scope.pulumiProject, service].join("|"), [scope, service]);
        }
        for (const [kind, make] of PER_SERVICE.filter(([k]) => k !== "logGroupName" && k !== "dbSnapshotIdentifier")) {
            const seen = new Map<string, string>();
            for (const [key, [scope, service]] of tuples) {
                const name = make(scope, service);
                const other = seen.get(name);
                assert.equal(other, undefined, `${kind}: ${key} and ${other} both named ${name}`);
                seen.set(name, key);
            }
        }
    });

    it("names buckets per account and region (S3 names are global) and CloudFront objects per region (CloudFront is)", () => {
        const bucket = naming.s3BucketName(SCOPE, "123456789012", "files", "data");
        assert.match(bucket, /^shop-prod-files-[0-9a-f]{8}$/);
        const others = [
            naming.s3BucketName(SCOPE, "210987654321", "files", "data"),
            naming.s3BucketName({ ...SCOPE, region: "eu-west-1" }, "123456789012", "files", "data"),
            naming.s3BucketName(SCOPE, "123456789012", "files", "site"),
        ];
        assert.equal(new Set([bucket, ...others]).size, 4);
        assert.notEqual(naming.cloudFrontFunctionName(SCOPE, "site"), naming.cloudFrontFunctionName({ ...SCOPE, region: "eu-west-1" }, "site"));
        assert.notEqual(naming.cloudFrontOriginAccessName(SCOPE, "site"), naming.cloudFrontOriginAccessName({ ...SCOPE, region: "eu-west-1" }, "site"));
        assert.equal(naming.efsCreationToken(SCOPE, "data"), naming.efsCreationToken({ ...SCOPE, region: "eu-west-1" }, "data"), "a creation token is regional");
        assert.match(naming.s3BucketName({ project: "sthree", stack: "prod" }, "1", "s", "data"), /^x-sthree-prod-s-/, "never a reserved prefix");
        assert.match(naming.s3BucketName({ project: "xn--shop", stack: "prod" }, "1", "s", "data"), /^xn-shop-prod-s-/, "`--` collapses");
        // The extraction project never takes a service's name, whatever the service is called.
        for (const svc of ["static-files", "static_files", "x"]) assert.notEqual(naming.extractProjectName(SCOPE), naming.codeBuildProjectName(SCOPE, svc));
    });

    it("keeps a volume's directory and task volume name readable, valid and apart for every compose volume name", () => {
        assert.equal(naming.efsRootDirectory("data"), "/data");
        assert.equal(naming.taskVolumeName("my-data_1"), "my-data_1");
        const names = ["data", "my.data", "my-data", "my_data", ".data", "..", "-", "a".repeat(120), `${"a".repeat(120)}b`, "x.y.z", "A"];
        for (const kind of ["efsAccessPointPath", "ecsVolumeName"] as const) {
            const make = kind === "efsAccessPointPath" ? naming.efsRootDirectory : naming.taskVolumeName;
            const seen = new Map<string, string>();
            for (const v of names) {
                const made = make(v);
                assert.equal(checkString(kind, made), undefined, `${kind} ${v} → ${made}`);
                if (kind === "ecsVolumeName") assert.equal(seen.get(made), undefined, `${v} and ${seen.get(made)} share ${made}`);
                seen.set(made, v);
            }
        }
        assert.notEqual(naming.efsRootDirectory("a".repeat(120)), naming.efsRootDirectory(`${"a".repeat(120)}b`));
    });

    it("keeps Defang's paths: /Defang/<project>/<stack>/ecs/<service>, injective through the `/`", () => {
        assert.equal(naming.serviceLogGroupName({ project: "shop", stack: "dev" }, "Web_API"), "/Defang/shop/dev/ecs/Web_API");
        assert.notEqual(naming.serviceLogGroupName({ project: "a-b", stack: "c" }, "s"), naming.serviceLogGroupName({ project: "a", stack: "b-c" }, "s"));
        assert.equal(naming.projectLogGroupName({ project: "shop", stack: "dev" }, "builds"), "/Defang/shop/dev/builds");
    });

    it("makes lower-case DNS labels of at most 63 characters", () => {
        assert.equal(naming.dnsLabel("My_Service.v2"), "my-service-v2");
        assert.equal(naming.dnsLabel("db"), "db");
        assert.equal(naming.dnsLabel("x".repeat(80)).length, 63);
        assert.equal(naming.namespaceName("Shop_App"), "shop-app.internal");
    });

    it("fits a description: cut to its maximum, characters AWS refuses replaced", () => {
        assert.equal(naming.description("securityGroupDescription", "short"), "short");
        const long = naming.description("securityGroupDescription", "x".repeat(300));
        assert.equal(long.length, 255);
        assert.ok(long.endsWith("..."));
        assert.equal(naming.description("securityGroupRuleDescription", "the project's services"), "the project-s services");
        assert.equal(naming.description("securityGroupDescription", "a & b"), "a & b", "& is fine in a group's description");
        assert.equal(naming.description("securityGroupRuleDescription", "a & b"), "a - b", "not in a rule's");
    });
});
