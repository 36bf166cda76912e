// Operations, through the whole component in every mode: the CloudWatch alarms (metrics, thresholds,
// actions), the SNS topic and its key, the dashboard, every ECS service's rollout (deployment alarms,
// strategy, and the settings that make `pulumi up` wait for it and fail when ECS rolls it back), the
// canary wiring of high_availability (second target group, shifted rule, role), and autoscaling on
// CPU, memory and requests.
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { dimensionValue } from "../../provider/src/aws/alarms";
import { mockResourceState } from "../../provider/src/offline/mock-state";
import { offlineEngine } from "../../provider/src/offline/mocks";
import { MODES, MODE_TABLE, type Mode } from "../../provider/src/plan/modes";
import type { CapturedResource, Expansion } from "../support/pulumi";
import { expandProject, json, value_ } from "../support/pulumi";
import type { Project } from "../../provider/src/project";
import { ROLE, ROLE_POLICY, SERVICE, TASK, statements } from "./helpers";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";
const KEY = "aws:kms/key:Key";
const TG = "aws:lb/targetGroup:TargetGroup";
const RULE = "aws:lb/listenerRule:ListenerRule";
const POLICY = "aws:appautoscaling/policy:Policy";
const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";

export const OPS_APP = `
name: shop
services:
  web:
    image: ghcr.io/acme/web:1.0
    ports:
      - target: 8080
        mode: ingress
    deploy:
      replicas: 2
    x-defang-autoscaling:
      cpu: 70
      memory: 80
      requests: 500
  envoy:
    image: envoyproxy/envoy:v1.31
    network_mode: "service:web"
    deploy:
      resources:
        reservations:
          cpus: "0.25"
          memory: 256M
  worker:
    image: ghcr.io/acme/worker:1.0
    deploy:
      replicas: 2
  db:
    image: postgres:16
    x-defang-postgres: true
    environment:
      POSTGRES_PASSWORD:
  cache:
    image: redis:7
    x-defang-redis: true
  docs:
    image: mongo:5
    x-defang-mongodb: true
    environment:
      MONGO_INITDB_ROOT_USERNAME: docsadmin
      MONGO_INITDB_ROOT_PASSWORD:
`;

type Run = Expansion<Project>;

/** What the offline engine answered for a resource (ARNs, ARN suffixes). */
function stateOf(r: CapturedResource): Record<string, any> {
    return mockResourceState(r.type, r.name, r.raw, offlineEngine().account).state;
}

const alarmsOf = (run: Run) => run.ofType(ALARM);
/** A subject's alarm of a kind, by its logical name: `<name>-<subject>/alarm[/<port>]/<kind>`, the load balancer's `<name>-lb-alarm-<kind>`. */
const alarm = (run: Run, subject: string | undefined, kind: string, port?: number): CapturedResource =>
    run.one(ALARM, subject === undefined ? `-lb-alarm-${kind}` : `-${subject}/alarm/${port !== undefined ? `${port}/` : ""}${kind}`);
/** The alarm a physical name names (what ECS deployments list). */
const byPhysicalName = (run: Run, name: string): CapturedResource => {
    const found = alarmsOf(run).find((a) => a.inputs.name === name);
    assert.ok(found, `alarm ${name} exists (have ${alarmsOf(run).map((a) => a.inputs.name).join(", ")})`);
    return found;
};
const ecsService = (run: Run, svc: string) => run.one(SERVICE, `-${svc}/service`);
const clusterName = (run: Run) => run.one("aws:ecs/cluster:Cluster").inputs.name as string;

describe("aws/operations: alarms, dashboard, rollouts and autoscaling in every mode", function () {
    const runs = {} as Record<Mode, Run>;
    before(async () => {
        for (const mode of MODES) {
            runs[mode] = await expandProject({ composeYaml: OPS_APP, mode, config: { POSTGRES_PASSWORD: "pw", MONGO_INITDB_ROOT_PASSWORD: "pw" } });
            assert.deepEqual(runs[mode].errors, [], mode);
        }
    });

    it("creates per service CPU, memory and task-count alarms with the mode's thresholds, on the ECS service's metrics", () => {
        for (const mode of MODES) {
            const run = runs[mode];
            const t = MODE_TABLE[mode].alarms;
            for (const svc of ["web", "worker"]) {
                const dims = { ClusterName: clusterName(run), ServiceName: ecsService(run, svc).inputs.name };
                const cpu = alarm(run, svc, "cpu-high").inputs;
                assert.match(cpu.name as string, new RegExp(`^shop-dev-${svc}-cpu-high-[0-9a-f]{8}$`), "<project>-<stack>-<service>-<kind>-<hash>");
                assert.deepEqual([cpu.namespace, cpu.metricName, cpu.statistic, cpu.comparisonOperator, cpu.threshold], ["AWS/ECS", "CPUUtilization", "Average", "GreaterThanThreshold", t.serviceCpuPercent], `${mode} ${svc}`);
                assert.deepEqual(cpu.dimensions, dims);
                assert.deepEqual([cpu.period, cpu.evaluationPeriods, cpu.datapointsToAlarm], [60, t.evaluationPeriods, t.evaluationPeriods]);
                const mem = alarm(run, svc, "memory-high").inputs;
                assert.deepEqual([mem.metricName, mem.threshold], ["MemoryUtilization", t.serviceMemoryPercent]);
                if (MODE_TABLE[mode].containerInsights) {
                    const tasks = alarm(run, svc, "tasks-below-desired").inputs;
                    const queries = tasks.metricQueries as Array<Record<string, any>>;
                    assert.deepEqual(queries.map((q) => q.metric?.metricName ?? q.expression), ["DesiredTaskCount", "RunningTaskCount", "desired - running"]);
                    assert.ok(queries.slice(0, 2).every((q) => q.metric.namespace === "ECS/ContainerInsights" && q.metric.dimensions.ServiceName === dims.ServiceName));
                    assert.deepEqual([tasks.comparisonOperator, tasks.threshold], ["GreaterThanThreshold", 0]);
                } else {
                    const none = alarm(run, svc, "no-running-task").inputs;
                    assert.deepEqual([none.metricName, none.statistic, none.comparisonOperator, none.threshold, none.treatMissingData], ["CPUUtilization", "SampleCount", "LessThanThreshold", 1, "breaching"]);
                }
            }
        }
    });

    it("watches each ingress port's 5xx rate, unhealthy targets and p95 response time, over both target groups when it rolls out by canary", () => {
        for (const mode of MODES) {
            const run = runs[mode];
            const t = MODE_TABLE[mode].alarms;
            const lbSuffix = run.one("aws:lb/loadBalancer:LoadBalancer").inputs;
            const groups = run.ofType(TG).map((g) => g.inputs.name);
            assert.equal(groups.length, mode === "high_availability" ? 2 : 1, mode);
            const fiveXX = alarm(run, "web", "target-5xx", 8080).inputs;
            assert.match(fiveXX.name as string, /^shop-dev-web-8080-target-5xx-[0-9a-f]{8}$/);
            const queries = fiveXX.metricQueries as Array<Record<string, any>>;
            const metrics = queries.filter((q) => q.metric);
            assert.deepEqual(metrics.map((q) => q.metric.metricName), groups.flatMap(() => ["HTTPCode_Target_5XX_Count", "RequestCount"]), mode);
            assert.ok(metrics.every((q) => q.metric.dimensions.LoadBalancer.startsWith("app/") && q.metric.dimensions.TargetGroup.startsWith("targetgroup/")));
            assert.equal(new Set(metrics.map((q) => q.metric.dimensions.TargetGroup)).size, groups.length, "one pair of metrics per target group");
            const value = queries.find((q) => q.returnData);
            assert.ok(value?.expression, mode);
            if (groups.length === 2) assert.equal(value.expression, "MAX([r1, r2])");
            else assert.match(value.expression, new RegExp(`^IF\\(FILL\\(q1, 0\\) >= ${t.minimumRequests}, 100 \\* FILL\\(e1, 0\\) / FILL\\(q1, 0\\), 0\\)$`));
            assert.deepEqual([fiveXX.comparisonOperator, fiveXX.threshold], ["GreaterThanThreshold", t.target5xxPercent]);
            const unhealthy = alarm(run, "web", "unhealthy-targets", 8080).inputs;
            assert.deepEqual([unhealthy.comparisonOperator, unhealthy.threshold], ["GreaterThanOrEqualToThreshold", 1]);
            const latency = alarm(run, "web", "response-time", 8080).inputs;
            assert.equal(latency.threshold, t.targetResponseSeconds);
            if (groups.length === 1) assert.deepEqual([latency.metricName, latency.extendedStatistic], ["TargetResponseTime", "p95"]);
            else assert.deepEqual((latency.metricQueries as Array<Record<string, any>>).filter((q) => q.metric).map((q) => q.metric.stat), ["p95", "p95"]);
            const elb = alarm(run, undefined, "elb-5xx").inputs;
            assert.deepEqual([elb.metricName, elb.threshold], ["HTTPCode_ELB_5XX_Count", t.loadBalancer5xxPerMinute]);
            assert.ok(String((elb.dimensions as Record<string, string>).LoadBalancer).startsWith(`app/${lbSuffix.name}/`));
        }
    });

    it("watches RDS CPU, free storage and connections; ElastiCache CPU, memory and evictions per node; DocumentDB CPU and connections per instance", () => {
        for (const mode of MODES) {
            const run = runs[mode];
            const t = MODE_TABLE[mode].alarms;
            const rds = run.one("aws:rds/instance:Instance").inputs;
            const cpu = alarm(run, "db", "database-cpu-high").inputs;
            assert.deepEqual([cpu.namespace, cpu.dimensions, cpu.threshold], ["AWS/RDS", { DBInstanceIdentifier: rds.identifier }, t.databaseCpuPercent]);
            const storage = alarm(run, "db", "database-storage-low").inputs;
            assert.deepEqual([storage.metricName, storage.comparisonOperator, storage.threshold], ["FreeStorageSpace", "LessThanThreshold", Math.round(((rds.allocatedStorage as number) * 1024 ** 3 * t.databaseFreeStoragePercent) / 100)]);
            const conns = alarm(run, "db", "database-connections-high").inputs;
            assert.equal(conns.metricName, "DatabaseConnections");
            assert.ok((conns.threshold as number) > 0 && (conns.threshold as number) <= 5000);
            const nodes = MODE_TABLE[mode].cacheNodes;
            const group = run.one("aws:elasticache/replicationGroup:ReplicationGroup").inputs.replicationGroupId as string;
            for (const kind of ["cache-cpu-high", "cache-memory-high", "cache-evictions"]) {
                const a = alarm(run, "cache", kind).inputs;
                const ids = nodes === 1 ? [(a.dimensions as Record<string, string>).CacheClusterId] : (a.metricQueries as Array<Record<string, any>>).filter((q) => q.metric).map((q) => q.metric.dimensions.CacheClusterId);
                assert.deepEqual(ids, Array.from({ length: nodes }, (_v, i) => `${group}-00${i + 1}`), `${mode} ${kind}`);
            }
            assert.equal(alarm(run, "cache", "cache-evictions").inputs.threshold, t.cacheEvictionsPerMinute);
            const instances = run.ofType("aws:docdb/clusterInstance:ClusterInstance").map((i) => i.inputs.identifier);
            for (const kind of ["database-cpu-high", "database-connections-high"]) {
                const a = alarm(run, "docs", kind).inputs;
                const ids = instances.length === 1 ? [(a.dimensions as Record<string, string>).DBInstanceIdentifier] : (a.metricQueries as Array<Record<string, any>>).filter((q) => q.metric).map((q) => q.metric.dimensions.DBInstanceIdentifier);
                assert.deepEqual(ids, instances, `${mode} ${kind}`);
            }
        }
    });

    it("reads the cluster's and the stores' members' names from their resources, which a stack deployed before names carried a hash keeps", async () => {
        const targets = { targetGroups: new Map(), cluster: pulumi.output("shop-dev"), stores: new Map([["cache", [pulumi.output("shop-dev-cache-001"), pulumi.output("shop-dev-cache-002")]]]) };
        assert.equal(await value_(pulumi.output(dimensionValue({ ref: "cluster" }, targets))), "shop-dev");
        assert.equal(await value_(pulumi.output(dimensionValue({ ref: "store", store: "cache", member: 1 }, targets))), "shop-dev-cache-002");
        assert.equal(dimensionValue("literal", targets), "literal");
        assert.throws(() => dimensionValue({ ref: "store", store: "cache", member: 2 }, targets), /member 2 of store cache/);
        assert.throws(() => dimensionValue({ ref: "loadBalancer" }, targets), /no load balancer|has none/);
    });

    it("sends every alarm to the project's encrypted topic, which only this account's alarms may publish to, over TLS", async () => {
        for (const mode of MODES) {
            const run = runs[mode];
            const topic = run.one(TOPIC);
            const key = run.one(KEY);
            assert.match(topic.inputs.name as string, /^shop-dev-alarms-[0-9a-f]{8}$/);
            assert.match(run.one("aws:kms/alias:Alias").inputs.name as string, /^alias\/shop-dev-alarms-[0-9a-f]{8}$/);
            assert.equal(topic.inputs.kmsMasterKeyId, stateOf(key).arn);
            assert.equal(key.inputs.enableKeyRotation, true);
            const keyPolicy = json(key.inputs.policy).Statement as Array<Record<string, any>>;
            assert.deepEqual(keyPolicy.find((s) => s.Principal.Service)?.Principal, { Service: "cloudwatch.amazonaws.com" });
            const policy = json(run.one("aws:sns/topicPolicy:TopicPolicy").inputs.policy).Statement as Array<Record<string, any>>;
            assert.deepEqual(policy.map((s) => [s.Effect, s.Principal, s.Action]), [["Allow", { Service: "cloudwatch.amazonaws.com" }, "sns:Publish"], ["Deny", "*", "sns:Publish"]]);
            assert.equal(policy[0].Condition.StringEquals["aws:SourceAccount"], "123456789012");
            for (const a of alarmsOf(run)) {
                assert.deepEqual(a.inputs.alarmActions, [stateOf(topic).arn], a.name);
                assert.deepEqual(a.inputs.okActions, [stateOf(topic).arn], a.name);
            }
            const outputs = await run.outputsOf(run.value!);
            assert.equal(outputs.alarmTopicArn, stateOf(topic).arn);
        }
    });

    it("puts every service, port, the load balancer and every store on the dashboard, and outputs its console URL", async () => {
        for (const mode of MODES) {
            const run = runs[mode];
            const dashboard = run.one(DASHBOARD);
            assert.match(dashboard.inputs.dashboardName as string, /^shop-dev-[0-9a-f]{8}$/);
            const widgets = json(dashboard.inputs.dashboardBody).widgets as Array<Record<string, any>>;
            const titles = widgets.map((w) => w.properties.title as string);
            for (const subject of ["web:", "worker:", "web:8080", "load balancer", "db (RDS)", "cache (ElastiCache)", "docs (DocumentDB)"]) {
                assert.ok(titles.some((t) => t.startsWith(subject)), `${mode}: the dashboard shows ${subject}`);
            }
            assert.ok(widgets.every((w) => w.properties.region === "us-east-1" && w.properties.metrics.length > 0));
            const services = widgets.flatMap((w) => w.properties.metrics).filter((m: unknown[]) => m[0] === "AWS/ECS").map((m: unknown[]) => m[5]);
            assert.deepEqual([...new Set(services)].sort(), [ecsService(run, "web").inputs.name, ecsService(run, "worker").inputs.name].sort());
            const outputs = await run.outputsOf(run.value!);
            assert.equal(outputs.dashboardUrl, `https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/${dashboard.inputs.dashboardName}`);
        }
    });

    it("makes `pulumi up` wait for every rollout and fail when ECS rolls it back, in every mode", () => {
        for (const mode of MODES) {
            for (const svc of ["web", "worker"]) {
                const s = ecsService(runs[mode], svc);
                assert.equal(s.inputs.waitForSteadyState, true, `${mode} ${svc}`);
                assert.deepEqual(s.inputs.deploymentController, { type: "ECS" });
                assert.deepEqual(s.inputs.deploymentCircuitBreaker, { enable: true, rollback: true });
                const alarms = s.inputs.alarms as { alarmNames: string[]; enable: boolean; rollback: boolean };
                assert.deepEqual([alarms.enable, alarms.rollback], [true, true]);
                assert.ok(alarms.alarmNames.length > 0);
                const timeout = s.options.customTimeouts;
                assert.ok(timeout?.create && timeout.update === timeout.create, `${mode} ${svc}: custom timeouts`);
                const minutes = Number(timeout.create!.replace(/m$/, ""));
                const r = MODE_TABLE[mode].rollout;
                const shifting = svc === "web" && r.strategy === "canary" ? r.canaryBakeMinutes + r.bakeMinutes : 0;
                assert.ok(minutes >= 30 + shifting, `${mode} ${svc}: ${minutes} minutes cover the bake times`);
            }
        }
    });

    it("ties each service's deployment to the alarms that say a revision is broken: memory, and its ports' 5xx rate", () => {
        for (const mode of MODES) {
            const run = runs[mode];
            const names = (svc: string) => (ecsService(run, svc).inputs.alarms as { alarmNames: string[] }).alarmNames;
            assert.deepEqual(names("web"), [alarm(run, "web", "memory-high").inputs.name, alarm(run, "web", "target-5xx", 8080).inputs.name]);
            assert.deepEqual(names("worker"), [alarm(run, "worker", "memory-high").inputs.name]);
            for (const svc of ["web", "worker"]) {
                const s = ecsService(run, svc);
                for (const n of names(svc)) assert.ok(s.options.dependencies.includes(byPhysicalName(run, n).urn), `${svc} waits for ${n}`);
            }
        }
    });

    it("rolls services out task by task in affordable and balanced, and web by canary with bake time in high_availability", () => {
        for (const mode of MODES) {
            const r = MODE_TABLE[mode].rollout;
            const web = ecsService(runs[mode], "web").inputs.deploymentConfiguration;
            if (r.strategy === "canary") {
                assert.deepEqual(web, { strategy: "CANARY", bakeTimeInMinutes: String(r.bakeMinutes), canaryConfiguration: { canaryPercent: r.canaryPercent, canaryBakeTimeInMinutes: String(r.canaryBakeMinutes) } });
            } else {
                assert.deepEqual(web, { strategy: "ROLLING" });
            }
            assert.deepEqual(ecsService(runs[mode], "worker").inputs.deploymentConfiguration, { strategy: "ROLLING" }, `${mode}: a service without ingress rolls`);
        }
        assert.equal(MODE_TABLE.high_availability.rollout.strategy, "canary");
        assert.ok(MODE_TABLE.high_availability.rollout.bakeMinutes > 0);
    });

    it("wires the canary in high_availability: a second target group, a weighted production rule ECS owns, and a role scoped to them", () => {
        const run = runs.high_availability;
        const [primary, alternate] = ["-web/tg/8080", "-web/tg/8080/alternate"].map((s) => run.one(TG, s));
        for (const key of ["port", "protocol", "protocolVersion", "targetType", "healthCheck", "vpcId", "deregistrationDelay"]) assert.deepEqual(alternate.inputs[key], primary.inputs[key], key);
        assert.notEqual(alternate.inputs.name, primary.inputs.name);
        assert.ok((alternate.inputs.name as string).length <= 32);
        const rule = run.one(RULE);
        assert.deepEqual(rule.inputs.actions, [{ type: "forward", forward: { targetGroups: [{ arn: stateOf(primary).arn, weight: 100 }, { arn: stateOf(alternate).arn, weight: 0 }] } }]);
        assert.deepEqual(rule.inputs.conditions, [{ pathPattern: { values: ["/*"] } }], "the load balancer's default route gets a rule ECS can shift");
        assert.deepEqual(rule.options.ignoreChanges, ["actions"]);
        assert.equal(rule.options.replacementTrigger, `${primary.inputs.name},${alternate.inputs.name}`, "replaced with its target groups (their names change then)");
        assert.equal(rule.options.deleteBeforeReplace, true);
        const role = run.one(ROLE, "-ecs-rollout-role");
        assert.deepEqual(json(role.inputs.assumeRolePolicy).Statement[0].Principal, { Service: "ecs.amazonaws.com" });
        const s = statements(run.one(ROLE_POLICY, "-ecs-rollout-policy"));
        assert.deepEqual(s.find((x) => x.Sid === "RegisterTasks")?.Resource, [stateOf(primary).arn, stateOf(alternate).arn].sort());
        assert.deepEqual(s.find((x) => x.Sid === "ShiftTraffic")?.Resource, [stateOf(rule).arn]);
        assert.ok(s.filter((x) => x.Resource === "*").every((x) => (x.Action as string[]).every((a) => a.startsWith("elasticloadbalancing:Describe"))));
        const web = ecsService(run, "web");
        assert.deepEqual(web.inputs.loadBalancers, [
            { targetGroupArn: stateOf(primary).arn, containerName: "web", containerPort: 8080, advancedConfiguration: { alternateTargetGroupArn: stateOf(alternate).arn, productionListenerRule: stateOf(rule).arn, roleArn: stateOf(role).arn } },
        ]);
        assert.ok(web.options.dependencies.includes(run.one(ROLE_POLICY, "-ecs-rollout-policy").urn));
        for (const mode of ["affordable", "balanced"] as const) {
            assert.equal(runs[mode].ofType(ROLE).filter((r) => r.name.endsWith("-ecs-rollout-role")).length, 0, mode);
            assert.equal(runs[mode].ofType(RULE).length, 0, `${mode}: the listener's default action routes web`);
        }
    });

    it("scales web on CPU, memory and requests per target (over both target groups of its canary)", () => {
        for (const mode of MODES) {
            const run = runs[mode];
            const policies = run.ofType(POLICY).filter((p) => p.name.startsWith("app-web/scaling-"));
            assert.deepEqual(policies.map((p) => p.name).sort(), ["app-web/scaling-cpu", "app-web/scaling-memory", "app-web/scaling-requests"]);
            assert.equal(new Set(policies.map((p) => p.inputs.name)).size, 3, "each policy has its own physical name");
            const config = (what: string) => policies.find((p) => p.name.endsWith(what))!.inputs.targetTrackingScalingPolicyConfiguration as Record<string, any>;
            assert.deepEqual([config("cpu").predefinedMetricSpecification.predefinedMetricType, config("cpu").targetValue], ["ECSServiceAverageCPUUtilization", 70]);
            assert.deepEqual([config("memory").predefinedMetricSpecification.predefinedMetricType, config("memory").targetValue], ["ECSServiceAverageMemoryUtilization", 80]);
            const requests = config("requests");
            assert.equal(requests.targetValue, 500);
            const [primary] = run.ofType(TG).filter((g) => !g.name.endsWith("/alternate"));
            const lb = run.one("aws:lb/loadBalancer:LoadBalancer");
            if (mode === "high_availability") {
                const metrics = requests.customizedMetricSpecification.metrics as Array<Record<string, any>>;
                assert.deepEqual(metrics.filter((m) => m.metricStat).map((m) => [m.metricStat.metric.metricName, m.metricStat.stat]), [["RequestCountPerTarget", "Sum"], ["RequestCountPerTarget", "Sum"]]);
                assert.equal(metrics.find((m) => m.returnData)?.expression, "MAX([FILL(primary, 0), FILL(alternate, 0)])");
            } else {
                assert.deepEqual(requests.predefinedMetricSpecification, { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: `${stateOf(lb).arnSuffix}/${stateOf(primary).arnSuffix}` });
            }
            for (const p of policies) assert.equal(p.inputs.resourceId, `service/${clusterName(run)}/${ecsService(run, "web").inputs.name}`);
        }
    });

    it("runs the sidecar in web's task: one task sized for both, web's container first, the sidecar waiting for it", () => {
        for (const mode of MODES) {
            const task = runs[mode].one(TASK, "-web/task");
            const defs = json<Array<Record<string, any>>>(task.inputs.containerDefinitions);
            assert.deepEqual(defs.map((d) => d.name), ["web", "envoy"]);
            assert.deepEqual(defs[1].dependsOn, [{ containerName: "web", condition: "START" }]);
            assert.deepEqual([defs[1].image, defs[1].essential, defs[1].portMappings], ["envoyproxy/envoy:v1.31", true, []]);
            assert.equal(defs[1].logConfiguration.options["awslogs-stream-prefix"], "envoy");
            assert.equal(defs[1].logConfiguration.options["awslogs-group"], defs[0].logConfiguration.options["awslogs-group"]);
            // 0.25 vCPU + 256 MiB (envoy) → the smallest Fargate size that holds them.
            assert.deepEqual([task.inputs.cpu, task.inputs.memory], ["256", "512"]);
            assert.equal(runs[mode].ofType(SERVICE).filter((s) => s.name.includes("envoy")).length, 0, "no ECS service of its own");
        }
    });
});

describe("aws/operations: where alarms notify", function () {
    it("subscribes the given e-mail addresses to the project's topic", async () => {
        const run = await expandProject({ composeYaml: "name: shop\nservices:\n  worker:\n    image: busybox\n", mode: "balanced", alarms: { emails: ["ops@example.com", "oncall@example.com"] } });
        assert.deepEqual(run.errors, []);
        const subs = run.ofType("aws:sns/topicSubscription:TopicSubscription");
        assert.deepEqual(subs.map((s) => [s.inputs.protocol, s.inputs.endpoint]).sort(), [["email", "ops@example.com"], ["email", "oncall@example.com"]].sort());
        for (const s of subs) assert.equal(s.inputs.topic, stateOf(run.one(TOPIC)).arn);
    });

    it("notifies the caller's topic instead, creating no topic or key; compose x-defang-aws.alarmTopicArn does the same", async () => {
        const given = "arn:aws:sns:us-east-1:123456789012:ops-alerts";
        const fromCompose = "arn:aws:sns:us-east-1:123456789012:from-compose";
        const cases: Array<[Parameters<typeof expandProject>[0], string]> = [
            [{ composeYaml: "name: shop\nservices:\n  worker:\n    image: busybox\n", alarms: { topicArn: given } }, given],
            [{ composeYaml: `name: shop\nx-defang-aws:\n  alarmTopicArn: ${fromCompose}\nservices:\n  worker:\n    image: busybox\n` }, fromCompose],
            [{ composeYaml: `name: shop\nx-defang-aws:\n  alarmTopicArn: ${fromCompose}\nservices:\n  worker:\n    image: busybox\n`, alarms: { topicArn: given } }, given],
        ];
        for (const [args, topic] of cases) {
            const run = await expandProject({ ...args, mode: "balanced" });
            assert.deepEqual(run.errors, []);
            assert.equal(run.ofType(TOPIC).length + run.ofType(KEY).length, 0);
            assert.ok(alarmsOf(run).length > 0);
            for (const a of alarmsOf(run)) assert.deepEqual(a.inputs.alarmActions, [topic]);
            assert.equal((await run.outputsOf(run.value!)).alarmTopicArn, topic);
        }
    });
});

describe("aws/operations: x-defang-listener", function () {
    it("puts an `http` port's rule on the port-80 listener, which keeps redirecting everything else to HTTPS", async () => {
        const yaml = `name: shop\nservices:\n  web:\n    image: ghcr.io/acme/web:1.0\n    ports:\n      - target: 8080\n        mode: ingress\n        x-defang-listener: http\n`;
        const run = await expandProject({ composeYaml: yaml, mode: "balanced", domain: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" } });
        assert.deepEqual(run.errors, []);
        const http = run.one("aws:lb/listener:Listener", "-http-redirect");
        const rule = run.one(RULE);
        assert.equal(rule.inputs.listenerArn, stateOf(http).arn);
        assert.deepEqual(rule.inputs.conditions, [{ pathPattern: { values: ["/*"] } }]);
        assert.equal((http.inputs.defaultActions as Array<{ type: string }>)[0].type, "redirect");
        assert.ok(run.diagnostics.some((d) => d.code === "listener-http-plaintext"));
    });
});
