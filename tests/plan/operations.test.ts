// Planning operations: sidecars (what shares a task and what cannot), rollout strategies and their
// opt-out, autoscaling on several metrics, x-defang-listener, the alarm topic, and names within AWS limits.
import { strict as assert } from "assert";
import { planDeployment } from "../../provider/src/plan";
import { checkString } from "../../provider/src/plan/aws-limits";
import { MODES } from "../../provider/src/plan/modes";
import { GPU_INSTANCES, gpuInstancesIn } from "../../provider/src/plan/catalogs";
import type { PlanOptions } from "../../provider/src/plan/types";
import { FakeSources, GiB, MiB, host, ingress, opts, project, resources, svc } from "./fixtures";

type Svc = ReturnType<typeof svc>;

function plan(services: Svc[], mode: PlanOptions["mode"] = "balanced", more: Partial<PlanOptions> = {}, fields = {}) {
    const r = planDeployment(project(services, { sources: new FakeSources(), ...fields }), opts(mode, more));
    return { r, p: r.plan, errors: r.diagnostics.filter((d) => d.severity === "error"), codes: r.diagnostics.map((d) => d.code) };
}

const web = (fields: Partial<Svc> = {}) => svc("web", { image: "web:1", ports: [ingress(8080)], ...fields });
const sidecar = (name: string, host: string, fields: Partial<Svc> = {}) => svc(name, { image: `${name}:1`, network_mode: `service:${host}`, depends_on: { [host]: { condition: "service_started", required: true } }, ...fields });

describe("plan/sidecars: network_mode service:<host>", () => {
    it("puts the sidecar in its host's task: summed size, container dependencies, an alias, merged roles and config", () => {
        const { p, errors } = plan([
            web({ deploy: resources(0.5, 512 * MiB), depends_on: { proxy: { condition: "service_healthy", required: true } } }),
            sidecar("proxy", "web", {
                deploy: resources(0.5, 1024 * MiB),
                healthcheck: { test: ["CMD", "true"] },
                environment: { TOKEN: { kind: "config", bare: true, parts: [{ ref: "PROXY_TOKEN" }] } },
                extensions: { "x-defang-llm": true },
            }),
            sidecar("init", "web", { restart: "no" }),
        ]);
        assert.deepEqual(errors, []);
        assert.deepEqual(p!.services.map((s) => s.name), ["web"]);
        const s = p!.services[0];
        assert.deepEqual([s.cpu, s.memory], [1024, 2048], "1 vCPU and 1.5 GiB fit the 1 vCPU / 2 GiB Fargate size");
        assert.deepEqual(s.sidecars!.map((c) => [c.name, c.image, c.essential]), [["init", "init:1", false], ["proxy", "proxy:1", undefined]]);
        assert.deepEqual(s.container.dependsOn, [{ containerName: "proxy", condition: "HEALTHY" }]);
        assert.deepEqual(s.sidecars![1].dependsOn, [{ containerName: "web", condition: "START" }]);
        assert.deepEqual(s.sidecars![1].secrets.map((x) => x.name), ["TOKEN"]);
        assert.ok(p!.config.required.includes("PROXY_TOKEN"));
        assert.deepEqual(s.aliases, ["init", "proxy"], "other services still reach the sidecars by name");
        assert.equal(s.taskRole.bedrock, true);
        assert.deepEqual(s.dependsOn, [], "dependencies inside the task are container dependencies, not service ordering");
    });

    it("refuses ports on a sidecar, a sidecar of a job, chains, a missing host, a GPU and a build, each at its line", () => {
        const cases: Array<[Svc[], string, string]> = [
            [[web(), sidecar("proxy", "web", { ports: [host(9000)] })], "sidecar-ports", "proxy"],
            [[web(), sidecar("proxy", "web", { expose: ["9000"] })], "sidecar-ports", "proxy"],
            [[svc("migrate", { image: "m:1", restart: "no" }), sidecar("proxy", "migrate")], "sidecar-of-job", "proxy"],
            [[web(), sidecar("a", "web"), sidecar("b", "a")], "sidecar-chain", "b"],
            [[web(), sidecar("proxy", "nowhere")], "sidecar-host-invalid", "proxy"],
            [[web(), sidecar("proxy", "web", { deploy: { resources: { reservations: { devices: [{ capabilities: ["gpu"] }] } } } })], "sidecar-gpu", "proxy"],
            [[web(), sidecar("proxy", "web", { image: undefined, build: { context: "/app/proxy" } })], "sidecar-build", "proxy"],
            // ECS holds 10 containers per task: the host and 9 sidecars; the 10th sidecar is named.
            [[web(), ...Array.from({ length: 10 }, (_, i) => sidecar(`side${i}`, "web"))], "aws-quota-exceeded", "side9"],
        ];
        assert.deepEqual(plan([web(), ...Array.from({ length: 9 }, (_, i) => sidecar(`side${i}`, "web"))]).errors, [], "9 sidecars fit");
        for (const [services, code, culprit] of cases) {
            const { errors } = plan(services);
            const e = errors.find((d) => d.code === code);
            assert.ok(e, `${code}: ${JSON.stringify(errors.map((d) => d.code))}`);
            assert.ok(e.message.includes(culprit) && e.hint && e.file, `${code} names ${culprit}, has a hint and a location`);
        }
    });

    it("counts the sidecars' containers in the task definition's 64 KiB", () => {
        const big = (name: string) => ({ [name]: "x".repeat(34_000) });
        assert.deepEqual(plan([web({ environment: big("A") }), sidecar("proxy", "web")]).errors, [], "one large container fits");
        const { errors } = plan([web({ environment: big("A") }), sidecar("proxy", "web", { environment: big("B") })]);
        assert.ok(errors.some((e) => e.code === "aws-quota-exceeded" && /task definition/.test(e.message)), JSON.stringify(errors.map((e) => e.message)));
    });

    it("warns that a sidecar's own replicas and autoscaling are ignored (the host's apply)", () => {
        const { codes, errors } = plan([web(), sidecar("proxy", "web", { deploy: { replicas: 3 }, extensions: { "x-defang-autoscaling": true } })]);
        assert.deepEqual(errors, []);
        assert.equal(codes.filter((c) => c === "sidecar-option-ignored").length, 2);
    });

    it("makes whoever depends on a sidecar depend on its host's service", () => {
        const { p } = plan([web(), sidecar("proxy", "web"), svc("api", { image: "api:1", depends_on: { proxy: { condition: "service_started", required: true } } })]);
        assert.deepEqual(p!.services.find((s) => s.name === "api")!.dependsOn.map((d) => d.service), ["web"]);
    });
});

describe("plan: sidecars with volumes and buckets; storage runs no ECS operations", () => {
    const vol = (source: string, target: string, read_only = false) => ({ type: "volume" as const, source, target, ...(read_only ? { read_only } : {}) });
    const app = (host: Partial<Svc> = {}, side: Partial<Svc> = {}) => [
        web({ user: "101:101", ...host }),
        sidecar("indexer", "web", { user: "101:101", volumes: [vol("uploads", "/data")], depends_on: { web: { condition: "service_started", required: true }, files: { condition: "service_started", required: true } }, ...side }),
        svc("files", { image: "minio/minio", extensions: { "x-defang-s3": true } }),
        svc("site", { image: "site:1", extensions: { "x-defang-static-files": "/srv/site" } }),
    ];
    const planned = (services: Svc[], mode: PlanOptions["mode"] = "balanced") => plan(services, mode, { region: "us-east-1", accountId: "123456789012" }, { volumes: { uploads: {} } });

    it("mounts each container's own volumes: the sidecar's, not its host's; the volume is the task's, written when any container writes", () => {
        const { p, errors } = planned(app());
        assert.deepEqual(errors, []);
        const web = p!.services.find((s) => s.name === "web")!;
        assert.equal(web.container.mounts, undefined, "the host lists no volume, so it mounts none");
        assert.deepEqual(web.sidecars![0].mounts, [{ volume: "uploads", taskVolume: "uploads", containerPath: "/data", readOnly: false }]);
        const [v] = p!.volumes!;
        assert.deepEqual([v.services, v.readOnlyServices, v.owner], [["web"], [], { uid: 101, gid: 101 }]);
        // The host reads, the sidecar writes: the task writes. Both read: the task only mounts.
        const both = planned(app({ volumes: [vol("uploads", "/srv", true)] }, { volumes: [vol("uploads", "/data", true)] })).p!;
        assert.deepEqual(both.services[0].container.mounts!.map((m) => m.readOnly), [true]);
        assert.deepEqual(both.volumes![0].readOnlyServices, ["web"]);
        const mixed = planned(app({ volumes: [vol("uploads", "/srv", true)] })).p!;
        assert.deepEqual(mixed.volumes![0].readOnlyServices, []);
    });

    it("gives a sidecar that depends on an x-defang-s3 stand-in the bucket variables, and the task role it shares the bucket", () => {
        const { p } = planned(app());
        const web = p!.services.find((s) => s.name === "web")!;
        const bucket = p!.buckets![0];
        assert.deepEqual(bucket.clients, ["indexer"]);
        assert.deepEqual(web.taskRole.buckets, ["files"]);
        const env = (c: { environment: Array<{ name: string; value: string }> }) => Object.fromEntries(c.environment.map((e) => [e.name, e.value]));
        assert.deepEqual(env(web.sidecars![0]), { AWS_REGION: "us-east-1", FILES_BUCKET: bucket.bucketName, S3_BUCKET: bucket.bucketName });
        assert.deepEqual(env(web.container), {}, "the host does not use the bucket");
    });

    it("plans no ECS service, alarm or rollout for a bucket or a static site; the dashboard shows the site's CloudFront metrics (kept in us-east-1)", () => {
        for (const mode of MODES) {
            const { p, errors } = planned(app(), mode);
            assert.deepEqual(errors, [], mode);
            assert.deepEqual(p!.services.map((s) => s.name), ["web"]);
            assert.deepEqual([...new Set(p!.observability.alarms.map((a) => a.subject).filter(Boolean))], ["web"], mode);
            const widgets = p!.observability.dashboard.widgets;
            assert.ok(!widgets.some((w) => /^files\b/.test(w.title)), "nothing on the dashboard for the bucket");
            const site = widgets.filter((w) => w.title.startsWith("site (CloudFront)"));
            assert.deepEqual(site.map((w) => [w.region, w.metrics.map((m) => `${m.namespace} ${m.metricName} ${m.stat}`)]), [
                ["us-east-1", ["AWS/CloudFront Requests Sum"]],
                ["us-east-1", ["AWS/CloudFront 4xxErrorRate Average", "AWS/CloudFront 5xxErrorRate Average"]],
            ]);
            assert.deepEqual(site[0].metrics[0].dimensions, { DistributionId: { ref: "distribution", site: "site" }, Region: "Global" });
            assert.ok(widgets.filter((w) => !w.title.startsWith("site ")).every((w) => w.region === undefined), "the rest stays in the deployment's region");
        }
    });

    it("refuses a sidecar of a bucket's stand-in, saying what the host is", () => {
        const { errors } = planned([...app(), sidecar("proxy", "files")]);
        const e = errors.find((d) => d.code === "sidecar-host-invalid");
        assert.ok(e && /S3 bucket \(x-defang-s3\)/.test(e.message), JSON.stringify(errors));
    });
});

describe("plan/rollout: strategies, their opt-out and fallback", () => {
    it("rolls in affordable and balanced, canaries ingress services in high_availability, rolls services without ingress", () => {
        for (const mode of MODES) {
            const { p } = plan([web(), svc("worker", { image: "w:1" })], mode);
            const byName = Object.fromEntries(p!.services.map((s) => [s.name, s.deployment]));
            assert.equal(byName.web.strategy, mode === "high_availability" ? "canary" : "rolling", mode);
            assert.equal(byName.worker.strategy, "rolling", mode);
            assert.equal(Boolean(p!.loadBalancer!.targetGroups[0].alternateName), mode === "high_availability");
            for (const d of Object.values(byName)) assert.deepEqual([d.controller, d.waitForSteadyState, d.circuitBreaker.rollback, d.alarms.rollback], ["ECS", true, true, true]);
        }
    });

    it("follows x-defang-rollout: rolling opts out of the canary, blue-green and linear opt in, alarms: false drops deployment alarms", () => {
        const ha = plan([web({ extensions: { "x-defang-rollout": "rolling" } })], "high_availability").p!;
        assert.equal(ha.services[0].deployment.strategy, "rolling");
        assert.equal(ha.loadBalancer!.targetGroups[0].alternateName, undefined);
        assert.equal(ha.loadBalancer!.rolloutRole, undefined);
        const bg = plan([web({ extensions: { "x-defang-rollout": "blue-green" } })], "balanced").p!;
        assert.deepEqual([bg.services[0].deployment.strategy, bg.services[0].deployment.bakeMinutes], ["blue-green", 5]);
        assert.ok(bg.loadBalancer!.rolloutRole);
        const linear = plan([web({ extensions: { "x-defang-rollout": { strategy: "linear", alarms: false } } })], "balanced").p!;
        assert.deepEqual(linear.services[0].deployment.linear, { stepPercent: 25, stepBakeMinutes: 3 });
        assert.deepEqual(linear.services[0].deployment.alarms, { names: [], enable: false, rollback: false });
        assert.ok(linear.services[0].deployment.timeoutMinutes >= 30 + 12 + 5);
    });

    it("rolls (with a located warning when asked otherwise) a service ECS cannot shift: no ingress, or a port on several rules", () => {
        const worker = plan([svc("worker", { image: "w:1", extensions: { "x-defang-rollout": "canary" } })], "balanced");
        assert.equal(worker.p!.services[0].deployment.strategy, "rolling");
        assert.ok(worker.codes.includes("rollout-rolling-only"));
        const hosts = Array.from({ length: 6 }, (_v, i) => `h${i}.example.com`);
        const many = plan([web({ extensions: { "x-defang-rollout": "canary" }, networks: { default: { aliases: hosts } } })], "balanced");
        assert.equal(many.p!.services[0].deployment.strategy, "rolling");
        assert.ok(many.codes.includes("rollout-rolling-only"));
    });
});

describe("plan/autoscaling: CPU, memory and requests per target", () => {
    it("plans one target per metric given, requests on the first ingress port's target group", () => {
        const { p } = plan([web({ extensions: { "x-defang-autoscaling": { min: 2, max: 6, target: 60, memory: 75, requests: 300 } } })]);
        assert.deepEqual(p!.services[0].autoscaling, { min: 2, max: 6, targetCpuPercent: 60, targetMemoryPercent: 75, targetRequestsPerTarget: { value: 300, targetGroup: "web-8080" }, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60 });
        const memoryOnly = plan([web({ extensions: { "x-defang-autoscaling": { memory: 70 } } })]).p!.services[0].autoscaling!;
        assert.deepEqual([memoryOnly.targetCpuPercent, memoryOnly.targetMemoryPercent], [undefined, 70], "CPU is the default only when no metric is given");
        assert.equal(plan([web({ extensions: { "x-defang-autoscaling": true } })]).p!.services[0].autoscaling!.targetCpuPercent, 85);
    });

    it("refuses requests on a service without ingress", () => {
        const { errors } = plan([svc("worker", { image: "w:1", extensions: { "x-defang-autoscaling": { requests: 100 } } })]);
        assert.deepEqual(errors.map((e) => e.code), ["autoscaling-requests-no-ingress"]);
    });
});

describe("plan/loadbalancer: x-defang-listener", () => {
    const withListener = (listener: string, domainname?: string) => web({ ports: [{ ...ingress(8080), extensions: { "x-defang-listener": listener } }], ...(domainname ? { domainname } : {}) });

    it("serves an `http` port on the port-80 listener when HTTPS exists, and says its traffic is plaintext", () => {
        const { p, codes } = plan([withListener("http", "app.example.com")], "balanced", { domain: { zoneId: "Z123" } });
        assert.equal(p!.loadBalancer!.https, true);
        assert.ok(p!.loadBalancer!.rules.every((r) => r.listener === "http"));
        assert.ok(codes.includes("listener-http-plaintext"));
    });

    it("routes an `http` port served by the default route through a catch-all rule on the port-80 listener", () => {
        const { p } = plan([withListener("http")], "balanced", { domain: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" } });
        assert.equal(p!.loadBalancer!.defaultTargetGroup, "web-8080");
        assert.deepEqual(p!.loadBalancer!.rules, [{ priority: 50000, targetGroup: "web-8080", hosts: [], catchAll: true, listener: "http" }]);
    });

    it("refuses `https` without a certificate, at the port's line", () => {
        const { errors } = plan([withListener("https")]);
        assert.deepEqual(errors.map((e) => e.code), ["listener-https-unavailable"]);
        assert.ok(errors[0].hint);
    });
});

describe("plan/alarms: topic and names", () => {
    it("names every new resource deterministically within AWS limits", () => {
        const long = "a".repeat(80);
        const services = [svc(long, { image: "x:1", ports: [ingress(8080)] }), svc("db", { image: "postgres:16", extensions: { "x-defang-postgres": true }, environment: { POSTGRES_PASSWORD: { kind: "config", bare: true, parts: [{ ref: "POSTGRES_PASSWORD" }] } } })];
        const first = planDeployment(project(services, { name: "p".repeat(200) }), opts("high_availability", { stack: "s".repeat(100), region: "eu-west-1" })).plan!;
        const again = planDeployment(project(services, { name: "p".repeat(200) }), opts("high_availability", { stack: "s".repeat(100), region: "eu-west-1" })).plan!;
        assert.deepEqual(first.observability, again.observability);
        const o = first.observability;
        assert.ok(o.alarms.length > 0 && o.alarms.every((a) => a.name.length <= 255));
        assert.equal(new Set(o.alarms.map((a) => a.name)).size, o.alarms.length, "alarm names are unique");
        assert.match(o.dashboard.name, /^[A-Za-z0-9_-]{1,255}$/);
        assert.match(o.topic.name, /^[A-Za-z0-9_-]{1,256}$/);
        assert.match(o.topic.keyAlias, /^alias\/[A-Za-z0-9/_-]{1,250}$/);
        for (const tg of first.loadBalancer!.targetGroups) {
            for (const n of [tg.name, tg.alternateName!]) assert.match(n, /^[a-z0-9-]{1,32}$/);
        }
        assert.ok(first.loadBalancer!.rolloutRole!.name.length <= 64);
        assert.ok(first.services.every((s) => /^[A-Za-z0-9_-]{1,255}$/.test(s.ecsServiceName)));
        // And by the AWS constraint table (plan/aws-limits.ts), descriptions included.
        for (const a of o.alarms) assert.equal(checkString("cloudWatchAlarmName", a.name) ?? checkString("cloudWatchAlarmDescription", a.description), undefined, a.name);
        assert.equal(checkString("cloudWatchDashboardName", o.dashboard.name) ?? checkString("snsTopicName", o.topic.name) ?? checkString("kmsAliasName", o.topic.keyAlias), undefined);
    });

    it("counts the second target groups of rollouts against the load balancer's 100", () => {
        const many = (n: number) => Array.from({ length: n }, (_, i) => svc(`s${i}`, { image: "x:1", ports: [ingress(8080)], domainname: `s${i}.example.com` }));
        const domain = { domain: { name: "example.com" } };
        assert.deepEqual(plan(many(50), "high_availability", domain).errors, [], "50 canaried ports: 100 target groups");
        const e = plan(many(51), "high_availability", domain).errors.find((d) => d.code === "alb-too-many-target-groups");
        assert.ok(e && e.message.includes("102 target groups"), e?.message);
        assert.deepEqual(plan(many(51), "balanced", domain).errors, [], "rolling services need one group per port");
    });

    it("keeps the dashboard within CloudWatch's 500 widgets: whole service rows in order, then a warning at the first left out", () => {
        const many = (n: number) => Array.from({ length: n }, (_, i) => svc(`s${i}`, { image: "x:1" }));
        const fits = plan(many(250), "balanced");
        assert.equal(fits.p!.observability.dashboard.widgets.length, 500, "two widgets per service");
        assert.ok(!fits.codes.includes("dashboard-truncated"));
        const over = plan(many(260), "balanced");
        const widgets = over.p!.observability.dashboard.widgets;
        assert.equal(widgets.length, 500);
        assert.ok(widgets.every((w) => !/^s25\d:/.test(w.title)), "s250… are left out whole");
        const warning = over.r.diagnostics.find((d) => d.code === "dashboard-truncated");
        assert.match(warning?.message ?? "", /shows 250 of 260 services: CloudWatch allows 500 widgets and 2500 metrics/);
        assert.equal(warning?.severity, "warning");
        assert.ok(over.p!.observability.alarms.some((a) => a.name.includes("s259")), "the services left out keep their alarms");
    });

    it("uses the caller's topic, or compose x-defang-aws.alarmTopicArn, and checks e-mail addresses", () => {
        const arn = "arn:aws:sns:us-east-1:123456789012:ops";
        assert.deepEqual(plan([web()], "balanced", { alarms: { existingTopic: true } }).p!.observability.topic.external, {});
        assert.deepEqual(plan([web()], "balanced", {}, { extensions: { "x-defang-aws": { alarmTopicArn: arn } } }).p!.observability.topic.external, { arn });
        assert.deepEqual(plan([web()], "balanced", { alarms: { emails: ["b@example.com", "a@example.com"] } }).p!.observability.topic.emails, ["a@example.com", "b@example.com"]);
        assert.deepEqual(plan([web()], "balanced", { alarms: { emails: ["not-an-address"] } }).errors.map((e) => e.code), ["alarm-email-invalid"]);
    });
});

describe("plan/gpu: classes offered in the region", () => {
    it("never plans a GPU type the region does not offer", () => {
        assert.ok(gpuInstancesIn("eu-west-1").every((i) => !i.name.startsWith("g6.")));
        assert.equal(gpuInstancesIn("us-east-1").length, GPU_INSTANCES.length);
        const gpu = svc("llm", { image: "llm:1", deploy: { resources: { reservations: { memory: 16 * GiB, devices: [{ capabilities: ["gpu"], count: 1 }] } } } });
        for (const region of ["us-east-1", "us-west-2", "eu-west-1"]) {
            const p = plan([gpu], "balanced", { region }).p!;
            assert.ok(p.gpu!.instanceTypes.every((t) => gpuInstancesIn(region).some((i) => i.name === t)), `${region}: ${p.gpu!.instanceTypes}`);
        }
    });
});
