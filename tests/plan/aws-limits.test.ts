// plan/aws-limits.ts, entry by entry and both ways: a value exactly at a limit passes, one past it fails
// with the entry's code; every entry cites its AWS source; the offline engine's registration check
// (offline/limits-check.ts) applies the table to registered resources.
import { strict as assert } from "assert";
import {
    FARGATE_TASK_SIZES,
    LOG_RETENTION_DAYS,
    QUOTAS,
    type QuotaKind,
    RANGES,
    type RangeKind,
    STRINGS,
    type StringKind,
    checkFargateSize,
    checkLogRetention,
    checkQuota,
    checkRange,
    checkString,
} from "../../provider/src/plan/aws-limits";
import { bucketNameProblem } from "../../provider/src/compose/defang/objectstore";
import { checkGraph, checkRegistration } from "../../provider/src/offline/limits-check";

const KINDS = Object.keys(STRINGS) as StringKind[];

/** A valid value of `length` characters for a kind (DNS-like kinds get ≥ 2 labels of ≤ 63 letters). */
function sample(kind: StringKind, length: number): string {
    if (kind === "kmsAliasName") return `alias/${"a".repeat(Math.max(0, length - 6))}`;
    if (kind === "efsAccessPointPath") return length === 0 ? "" : `/${"a".repeat(length - 1)}`;
    const dns = ["cloudMapServiceName", "cloudMapNamespaceName", "route53RecordName", "acmDomainName", "acmSubjectAlternativeName"].includes(kind);
    if (!dns || length < 3) return "a".repeat(length);
    const labels: string[] = [];
    let left = length;
    while (left > 0) {
        // Leave room for a last label of at least one letter after its dot.
        const take = Math.min(63, left - 2 > 0 ? left - 2 : left);
        labels.push("a".repeat(take));
        left -= take + 1;
    }
    return labels.join(".");
}

/** A character each kind refuses (kinds accepting any character have none). */
const REFUSED: Partial<Record<StringKind, string>> = {
    loadBalancerName: "a_b",
    targetGroupName: "a.b",
    securityGroupName: "a'b",
    securityGroupDescription: "it's",
    securityGroupRuleDescription: "a&b",
    launchTemplateName: "a b",
    autoScalingGroupName: "a\u0001b",
    iamRoleName: "a/b",
    iamRoleDescription: "a\u0100b",
    iamInlinePolicyName: "a b",
    iamInstanceProfileName: "a:b",
    ecsClusterName: "a.b",
    ecsServiceName: "a/b",
    ecsTaskFamily: "a.b",
    ecsContainerName: "a.b",
    ecsImage: "nginx latest",
    ecsVolumeName: "my.data",
    ecsPortMappingName: "-web",
    ecsCapacityProviderName: "a.b",
    logGroupName: "a b",
    ssmParameterName: "a b",
    cloudMapServiceName: "a b",
    cloudMapNamespaceName: "Upper.internal",
    rdsInstanceIdentifier: "a--b",
    rdsParameterGroupName: "1abc",
    rdsSubnetGroupName: "Upper",
    dbSnapshotIdentifier: "snap-",
    docdbClusterIdentifier: "a_b",
    docdbInstanceIdentifier: "A-b",
    docdbClusterParameterGroupName: "a--b",
    docdbSubnetGroupName: "a/b",
    elastiCacheReplicationGroupId: "a.b",
    elastiCacheSubnetGroupName: "a_b",
    ecrRepositoryName: "a--b",
    codeBuildProjectName: "-ab",
    s3BucketPrefix: "Upper",
    s3BucketName: "a..b",
    efsAccessPointPath: "/.hidden",
    cloudFrontFunctionName: "site.rewrite",
    acmDomainName: "a_b.example.com",
    acmSubjectAlternativeName: "a b.example.com",
    route53RecordName: "a b.example.com",
    scalingPolicyName: "a\u0001",
    cloudWatchAlarmName: "a\u0007b",
    cloudWatchDashboardName: "a.b",
    snsTopicName: "a.fifo",
    kmsAliasName: "alias/a.b",
    tagKey: "a#b",
    tagValue: "a#b",
};

describe("plan/aws-limits: the AWS constraint table", () => {
    it("cites an AWS source for every entry", () => {
        const all = [...Object.values(STRINGS), ...Object.values(RANGES), ...Object.values(QUOTAS)];
        for (const rule of all) assert.match(rule.source, /^https:\/\/docs\.aws\.amazon\.com\//, rule.what);
    });

    for (const kind of KINDS) {
        const rule = STRINGS[kind];
        it(`${kind}: ${rule.min}–${rule.max} characters pass, ${rule.max + 1} fail with aws-name-too-long`, () => {
            assert.equal(checkString(kind, sample(kind, rule.max)), undefined, `at the maximum: ${sample(kind, rule.max)}`);
            assert.equal(checkString(kind, sample(kind, Math.max(rule.min, 3))), undefined, "a short valid value");
            if (rule.min > 0) assert.equal(checkString(kind, sample(kind, rule.min === 1 ? 1 : rule.min)), undefined, "at the minimum");
            assert.equal(checkString(kind, sample(kind, rule.max + 1))?.code, "aws-name-too-long");
            if (rule.min > 1) assert.equal(checkString(kind, sample(kind, rule.min - 1))?.code, "aws-name-invalid", "below the minimum");
            const refused = REFUSED[kind];
            if (rule.allowed === "any characters") assert.equal(refused, undefined);
            else {
                assert.ok(refused !== undefined, `no refused value listed for ${kind}`);
                assert.equal(checkString(kind, refused)?.code, "aws-name-invalid", refused);
            }
            for (const prefix of "reservedPrefixes" in rule ? (rule.reservedPrefixes ?? []) : []) {
                assert.equal(checkString(kind, `${prefix}abc`.slice(0, rule.max))?.code, "aws-name-invalid", prefix);
            }
            for (const suffix of "reservedSuffixes" in rule ? (rule.reservedSuffixes ?? []) : []) {
                assert.equal(checkString(kind, `abc${suffix}`)?.code, "aws-name-invalid", suffix);
                assert.equal(checkString(kind, `abc${suffix}x`), undefined, `${suffix} inside the name is fine`);
            }
        });
    }

    it("S3 bucket names: both ways on every rule of the naming page", () => {
        const ok = ["abc", "my-bucket.logs", "a1", "1bucket", "x".repeat(63), "192.168.5.4.example", "xn-a", "sthree", "abc-s3aliasx"].filter((v) => v.length >= 3);
        for (const v of ok) assert.equal(checkString("s3BucketName", v), undefined, v);
        const bad: Array<[string, string]> = [
            ["ab", "aws-name-invalid"],
            ["x".repeat(64), "aws-name-too-long"],
            ["My-Bucket", "aws-name-invalid"],
            ["my_bucket", "aws-name-invalid"],
            ["-bucket", "aws-name-invalid"],
            ["bucket-", "aws-name-invalid"],
            ["bucket.", "aws-name-invalid"],
            ["my..bucket", "aws-name-invalid"],
            ["192.168.5.4", "aws-name-invalid"],
            ["xn--bucket", "aws-name-invalid"],
            ["sthree-bucket", "aws-name-invalid"],
            ["sthree-configurator-x", "aws-name-invalid"],
            ["amzn-s3-demo-bucket", "aws-name-invalid"],
            ["bucket-s3alias", "aws-name-invalid"],
            ["bucket--ol-s3", "aws-name-invalid"],
            ["bucket.mrap", "aws-name-invalid"],
            ["bucket--x-s3", "aws-name-invalid"],
            ["bucket--table-s3", "aws-name-invalid"],
        ];
        for (const [v, code] of bad) assert.equal(checkString("s3BucketName", v)?.code, code, v);
        // The Defang rule on `x-defang-s3: {bucket}` (compose/, which may not import this table) agrees both ways.
        for (const v of [...ok, ...bad.map(([name]) => name)]) {
            assert.equal(bucketNameProblem(v) === undefined, checkString("s3BucketName", v) === undefined, v);
        }
    });

    it("EFS and CloudFront: creation tokens ≤ 64, access point paths of ≤ 4 directories, names ≤ 64, comments ≤ 128", () => {
        assert.equal(checkString("efsCreationToken", "shop-prod-data_1.x:y"), undefined, "any characters");
        assert.equal(checkString("efsCreationToken", "")?.code, "aws-name-invalid");
        for (const v of ["/", "/data", "/a/b/c/d", "/my-data_1.x"]) assert.equal(checkString("efsAccessPointPath", v), undefined, v);
        for (const v of ["data", "/a/b/c/d/e", "/a$b", "/a;b", "//", "/.x"]) assert.equal(checkString("efsAccessPointPath", v)?.code, "aws-name-invalid", v);
        assert.equal(checkString("cloudFrontOriginAccessControlName", "shop prod (site)"), undefined, "any characters");
        assert.equal(checkString("cloudFrontOriginAccessControlName", "x".repeat(65))?.code, "aws-name-too-long");
        assert.equal(checkString("cloudFrontFunctionName", "shop-prod_site-1"), undefined);
        for (const v of ["shop prod", "site/rewrite", "a:b"]) assert.equal(checkString("cloudFrontFunctionName", v)?.code, "aws-name-invalid", v);
        for (const kind of ["cloudFrontDistributionComment", "cloudFrontFunctionComment"] as const) {
            assert.equal(checkString(kind, "é".repeat(128)), undefined, `${kind}: 128 characters, any kind`);
            assert.equal(checkString(kind, "x".repeat(129))?.code, "aws-name-too-long", kind);
        }
    });

    for (const kind of Object.keys(RANGES) as RangeKind[]) {
        const r = RANGES[kind];
        it(`${kind}: ${r.min} and ${r.max} pass, ${r.min - 1} and ${r.max + 1} fail with aws-value-out-of-range`, () => {
            assert.equal(checkRange(kind, r.min), undefined);
            assert.equal(checkRange(kind, r.max), undefined);
            assert.equal(checkRange(kind, r.max + 1)?.code, "aws-value-out-of-range");
            assert.equal(checkRange(kind, r.min - 1)?.code, "aws-value-out-of-range");
            if (r.integer) assert.equal(checkRange(kind, r.min + 0.5)?.code, "aws-value-out-of-range");
        });
    }

    for (const kind of Object.keys(QUOTAS) as QuotaKind[]) {
        const q = QUOTAS[kind];
        it(`${kind}: ${q.max} pass, ${q.max + 1} fail with aws-quota-exceeded`, () => {
            assert.equal(checkQuota(kind, q.max), undefined);
            assert.equal(checkQuota(kind, q.max + 1)?.code, "aws-quota-exceeded");
        });
    }

    it("log retention: the values CloudWatch accepts pass, others fail", () => {
        for (const d of LOG_RETENTION_DAYS) assert.equal(checkLogRetention(d), undefined);
        for (const d of [0, 2, 4, 31, 3654]) assert.equal(checkLogRetention(d)?.code, "aws-value-out-of-range");
    });

    it("Fargate sizes: every documented pair passes, pairs off the table fail", () => {
        for (const t of FARGATE_TASK_SIZES) for (const m of t.memory) assert.equal(checkFargateSize(t.cpu, m), undefined);
        for (const [cpu, mem] of [[256, 4096], [512, 512], [1024, 9216], [16384, 126976], [300, 1024]]) assert.equal(checkFargateSize(cpu, mem)?.code, "aws-value-out-of-range");
    });
});

describe("offline/limits-check: registrations checked against the table", () => {
    it("checks given names, and the longest name Pulumi's auto-naming could make", () => {
        const role = (inputs: Record<string, unknown>, name = "app-execution-role") => checkRegistration({ type: "aws:iam/role:Role", name, inputs });
        assert.deepEqual(role({ name: "a".repeat(64) }), []);
        assert.equal(role({ name: "a".repeat(65) })[0].code, "aws-name-too-long");
        // auto-named: logical name + "-" + 7 characters must fit 64.
        assert.deepEqual(role({}, "a".repeat(56)), []);
        assert.equal(role({}, "a".repeat(57))[0].code, "aws-name-too-long");
        assert.deepEqual(role({ namePrefix: "x" }, "a".repeat(90)), [], "a prefix is the provider's to complete");
    });

    it("checks descriptions, tags and values", () => {
        const rule = checkRegistration({ type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "r", inputs: { description: "the project's services" } });
        assert.equal(rule[0].code, "aws-name-invalid");
        const tagged = checkRegistration({ type: "aws:iam/role:Role", name: "r", inputs: { name: "r", tags: { Name: "a (b)" } } });
        assert.equal(tagged[0].code, "aws-name-invalid", "IAM refuses ( in tags");
        assert.deepEqual(checkRegistration({ type: "aws:ec2/vpc:Vpc", name: "v", inputs: { tags: { Name: "a (b)" } } }), [], "EC2 does not");
        assert.equal(checkRegistration({ type: "aws:ecs/service:Service", name: "s", inputs: { name: "s", desiredCount: 5001 } })[0].code, "aws-value-out-of-range");
        assert.equal(checkRegistration({ type: "aws:cloudwatch/logGroup:LogGroup", name: "l", inputs: { name: "/x", retentionInDays: 2 } })[0].code, "aws-value-out-of-range");
        const task = (containers: unknown[], extra: Record<string, unknown> = {}) =>
            checkRegistration({
                type: "aws:ecs/taskDefinition:TaskDefinition",
                name: "t",
                inputs: { family: "f", requiresCompatibilities: ["FARGATE"], cpu: "256", memory: "512", containerDefinitions: JSON.stringify(containers), ...extra },
            });
        assert.deepEqual(task([{ name: "web", image: "nginx:1.27" }]), []);
        assert.equal(task(Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, image: "nginx" })))[0].code, "aws-quota-exceeded");
        assert.equal(task([{ name: "web", image: "nginx", environment: [{ name: "X", value: "x".repeat(70_000) }] }])[0].code, "aws-quota-exceeded");
        assert.equal(task([{ name: "web", image: "nginx" }], { memory: "4096" })[0].code, "aws-value-out-of-range");
        const cert = checkRegistration({ type: "aws:acm/certificate:Certificate", name: "c", inputs: { domainName: `${"a".repeat(60)}.com1` } });
        assert.equal(cert[0].code, "aws-name-too-long");
    });

    it("checks the operations resources: alarms, the dashboard, the alarm topic and its key, rollout bake times and steps", () => {
        const reg = (type: string, inputs: Record<string, unknown>, name = "app-web/alarm/cpu-high") => checkRegistration({ type, name, inputs });
        const alarm = "aws:cloudwatch/metricAlarm:MetricAlarm";
        assert.deepEqual(reg(alarm, { name: "a".repeat(255), alarmDescription: "d".repeat(1024) }), []);
        assert.equal(reg(alarm, { name: "a".repeat(256) })[0].code, "aws-name-too-long");
        assert.equal(reg(alarm, { name: "a", alarmDescription: "d".repeat(1025) })[0].code, "aws-name-too-long");
        assert.deepEqual(reg("aws:cloudwatch/dashboard:Dashboard", { dashboardName: "shop-dev-1a2b3c4d" }), []);
        assert.equal(reg("aws:cloudwatch/dashboard:Dashboard", { dashboardName: "shop.dev" })[0].code, "aws-name-invalid");
        // The body: at most 500 widgets and 2,500 metrics (CloudWatch's dashboard quotas).
        const body = (widgets: number, metricsEach: number) => JSON.stringify({ widgets: Array.from({ length: widgets }, () => ({ type: "metric", properties: { metrics: Array.from({ length: metricsEach }, () => ["AWS/ECS", "CPUUtilization"]) } })) });
        const dashboard = (w: number, m: number) => reg("aws:cloudwatch/dashboard:Dashboard", { dashboardName: "d", dashboardBody: body(w, m) }).map((v) => v.message);
        assert.deepEqual(dashboard(500, 5), []);
        assert.deepEqual(dashboard(501, 1), ["501 widgets per CloudWatch dashboard; AWS allows 500"]);
        assert.deepEqual(dashboard(250, 11), ["2750 metrics per CloudWatch dashboard (all widgets); AWS allows 2500"]);
        assert.deepEqual(reg("aws:sns/topic:Topic", { name: "t".repeat(256) }), []);
        assert.equal(reg("aws:sns/topic:Topic", { name: "t".repeat(257) })[0].code, "aws-name-too-long");
        assert.deepEqual(reg("aws:kms/alias:Alias", { name: "alias/shop-dev-alarms-1a2b3c4d" }), []);
        assert.equal(reg("aws:kms/alias:Alias", { name: "alias/aws/shop" })[0].code, "aws-name-invalid");
        assert.equal(reg("aws:kms/alias:Alias", { name: "shop-dev-alarms" })[0].code, "aws-name-invalid");
        assert.equal(reg("aws:kms/key:Key", { description: "k".repeat(8193) })[0].code, "aws-name-too-long");
        const service = (deploymentConfiguration: Record<string, unknown>) => reg("aws:ecs/service:Service", { name: "s", deploymentConfiguration }, "app-web/service");
        assert.deepEqual(service({ strategy: "CANARY", bakeTimeInMinutes: "1440", canaryConfiguration: { canaryPercent: 0.1, canaryBakeTimeInMinutes: "0" } }), []);
        assert.deepEqual(service({ strategy: "LINEAR", bakeTimeInMinutes: "0", linearConfiguration: { stepPercent: 3, stepBakeTimeInMinutes: "1440" } }), []);
        assert.equal(service({ strategy: "BLUE_GREEN", bakeTimeInMinutes: "1441" })[0].code, "aws-value-out-of-range");
        assert.equal(service({ strategy: "CANARY", canaryConfiguration: { canaryPercent: 100.1 } })[0].code, "aws-value-out-of-range");
        assert.equal(service({ strategy: "LINEAR", linearConfiguration: { stepPercent: 2.9 } })[0].code, "aws-value-out-of-range");
    });

    it("checks the storage resources: bucket names (auto-named ones lower-cased), EFS tokens and paths, task volumes, CloudFront names and comments", () => {
        const bucket = (inputs: Record<string, unknown>, name = "app-files/bucket") => checkRegistration({ type: "aws:s3/bucket:Bucket", name, inputs });
        assert.deepEqual(bucket({ bucket: "shop-prod-files-0123abcd" }), []);
        assert.equal(bucket({ bucket: "shop..files" })[0].code, "aws-name-invalid");
        assert.deepEqual(bucket({ bucketPrefix: "shop-prod-builds-" }), [], "a prefix is the provider's to complete");
        assert.equal(bucket({})[0].code, "aws-name-invalid", "auto-named from a service child's logical name: `/` is no bucket character");
        assert.deepEqual(bucket({}, "App-Files"), [], "the provider lower-cases a bucket's auto-name");
        assert.equal(bucket({}, "a".repeat(56))[0].code, "aws-name-too-long", "56 + 8 > 63");
        const fs = (creationToken: string) => checkRegistration({ type: "aws:efs/fileSystem:FileSystem", name: "v", inputs: { creationToken } });
        assert.deepEqual(fs("x".repeat(64)), []);
        assert.equal(fs("x".repeat(65))[0].code, "aws-name-too-long");
        const ap = (path: string) => checkRegistration({ type: "aws:efs/accessPoint:AccessPoint", name: "a", inputs: { rootDirectory: { path } } });
        assert.deepEqual(ap("/data"), []);
        assert.equal(ap("/.data")[0].code, "aws-name-invalid");
        const task = (volume: string) =>
            checkRegistration({ type: "aws:ecs/taskDefinition:TaskDefinition", name: "t", inputs: { family: "f", containerDefinitions: "[]", volumes: [{ name: volume }] } });
        assert.deepEqual(task("my-data_1"), []);
        assert.equal(task("my.data")[0].code, "aws-name-invalid");
        const fn = (inputs: Record<string, unknown>, name = "app-site/viewer-request") => checkRegistration({ type: "aws:cloudfront/function:Function", name, inputs });
        assert.deepEqual(fn({ name: "shop-prod-site-0123abcd", comment: "x".repeat(128) }), []);
        assert.equal(fn({ name: "shop-prod-site-0123abcd", comment: "x".repeat(129) })[0].code, "aws-name-too-long");
        assert.equal(fn({})[0].code, "aws-name-invalid", "auto-named from a service child's logical name");
        const oac = checkRegistration({ type: "aws:cloudfront/originAccessControl:OriginAccessControl", name: "o", inputs: { name: "x".repeat(65) } });
        assert.equal(oac[0].code, "aws-name-too-long");
        const cdn = checkRegistration({ type: "aws:cloudfront/distribution:Distribution", name: "d", inputs: { comment: "x".repeat(129) } });
        assert.equal(cdn[0].code, "aws-name-too-long");
    });

    it("counts rules per security group and finds logical names used twice", () => {
        const rules = (n: number) =>
            Array.from({ length: n }, (_, i) => ({ type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: `r${i}`, inputs: { securityGroupId: "sg-1" } }));
        assert.deepEqual(checkGraph(rules(60)), []);
        assert.equal(checkGraph(rules(61))[0].code, "aws-quota-exceeded");
        const dup = checkGraph([
            { type: "aws:ec2/securityGroup:SecurityGroup", name: "app-lb-sg", inputs: {} },
            { type: "aws:iam/role:Role", name: "app-lb-sg", inputs: {} },
        ]);
        assert.equal(dup[0].code, "logical-name-duplicate");
    });
});
