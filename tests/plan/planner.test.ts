import { strict as assert } from "assert";
import { planDeployment } from "../../provider/src/plan";
import { clusterName, codeBuildProjectName, ecrRepositoryName } from "../../provider/src/plan/naming";
import type { PlanOptions } from "../../provider/src/plan/types";
import { loadSample } from "./corpus";
import { FakeSources, GiB, MiB, S, bare, curl, host, ingress, opts, project, resources, svc, tpl } from "./fixtures";

type Mode = PlanOptions["mode"];

/** Issue 3's acceptance app: web (2 replicas, 0.5 vCPU / 1 GiB) + a managed postgres. */
function acceptance(mode: Mode) {
    const web = svc("web", {
        image: "web:1",
        ports: [ingress(8080)],
        healthcheck: curl("http://localhost:8080/healthz"),
        deploy: { replicas: 2, ...resources(0.5, 1 * GiB) },
        environment: { DATABASE_URL: tpl("postgres://postgres:", { ref: "POSTGRES_PASSWORD" }, "@postgres:5432/postgres?sslmode=require"), LOG_LEVEL: "info" },
    });
    const db = svc("postgres", { image: "postgres:16", ports: [host(5432)], environment: { POSTGRES_PASSWORD: bare("POSTGRES_PASSWORD") }, extensions: { "x-defang-postgres": true } });
    return planDeployment(project([web, db]), opts(mode));
}

describe("plan/planner: issue 3 acceptance shape", () => {
    it("affordable: no NAT, Spot, public tasks with IPs, 1-day logs, 512/1024 × 2", () => {
        const p = acceptance("affordable").plan!;
        const web = p.services[0];
        assert.deepEqual([p.network.natGateways, web.capacity, web.logRetentionDays, web.cpu, web.memory, web.replicas, web.assignPublicIp], [
            "none",
            [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
            1,
            512,
            1024,
            2,
            true,
        ]);
    });

    it("balanced: one NAT, private tasks, 7-day logs", () => {
        const p = acceptance("balanced").plan!;
        assert.deepEqual([p.network.natGateways, p.services[0].subnets, p.services[0].assignPublicIp, p.services[0].logRetentionDays], ["single", "private", false, 7]);
    });

    it("high_availability: a NAT per AZ (3), on-demand, 30-day logs, Multi-AZ database", () => {
        const p = acceptance("high_availability").plan!;
        assert.deepEqual([p.network.natGateways, p.network.availabilityZones, p.services[0].capacity, p.services[0].logRetentionDays, p.stores[0].kind === "postgres" && p.stores[0].multiAz], [
            "per-az",
            3,
            [{ capacityProvider: "FARGATE", weight: 1 }],
            30,
            true,
        ]);
    });

    it("keeps the database URL out of plain environment in every mode", () => {
        for (const m of ["affordable", "balanced", "high_availability"] as Mode[]) {
            const c = acceptance(m).plan!.services[0].container;
            assert.deepEqual(c.environment, [{ name: "LOG_LEVEL", value: "info" }], m);
            assert.deepEqual(c.secrets.map((s) => [s.name, s.source.kind]), [["DATABASE_URL", "template"]], m);
        }
    });

    it("replaces the postgres container by a store (not a service) reachable by its name", () => {
        const p = acceptance("affordable").plan!;
        assert.deepEqual(p.services.map((s) => s.name), ["web"]);
        assert.deepEqual(p.stores.map((s) => [s.name, s.privateFqdn, s.port]), [["postgres", "postgres.shop.internal", 5432]]);
    });
});

describe("plan/planner: services", () => {
    const one = (fields: Parameters<typeof svc>[1], mode: Mode = "affordable", more: Partial<PlanOptions> = {}, sources = new FakeSources()) => {
        const r = planDeployment(project([svc("app", { image: "app:1", ...fields })], { sources }), opts(mode, more));
        return { r, s: r.plan?.services[0] };
    };

    it("copies command, entrypoint, working_dir and user; init on by default", () => {
        const { s } = one({ command: ["python", "app.py"], entrypoint: ["/bin/sh", "-c"], working_dir: "/srv", user: "1000:1000", read_only: true });
        assert.deepEqual([s!.container.command, s!.container.entrypoint, s!.container.workingDir, s!.container.user, s!.container.initProcessEnabled, s!.container.readonlyRootFilesystem], [
            ["python", "app.py"],
            ["/bin/sh", "-c"],
            "/srv",
            "1000:1000",
            true,
            true,
        ]);
        assert.equal(one({ init: false }).s!.container.initProcessEnabled, false);
    });

    it("caps stop_grace_period at 120 s with a warning at its line", () => {
        const sources = new FakeSources().set(["services", "app", "stop_grace_period"], 8, 5);
        const { s, r } = one({ stop_grace_period: 300 * S }, "affordable", {}, sources);
        assert.equal(s!.container.stopTimeout, 120);
        const d = r.diagnostics.find((x) => x.code === "stop-grace-capped");
        assert.deepEqual([d?.severity, d?.line], ["warning", 8]);
        assert.equal(one({ stop_grace_period: 30 * S }).s!.container.stopTimeout, 30);
    });

    it("turns the compose healthcheck into a container check in seconds, clamped to ECS limits", () => {
        const hc = { test: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], interval: 2 * S, timeout: 90 * S, retries: 20, start_period: 400 * S };
        assert.deepEqual(one({ healthcheck: hc }).s!.container.healthCheck, { command: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], interval: 5, timeout: 4, retries: 10, startPeriod: 300 });
        assert.deepEqual(one({ healthcheck: { test: ["CMD", "true"], interval: 1.5 * S } }).s!.container.healthCheck, { command: ["CMD", "true"], interval: 5, timeout: 4, retries: 3, startPeriod: 0 });
        assert.equal(one({ healthcheck: { test: ["NONE"] } }).s!.container.healthCheck, undefined);
        assert.equal(one({ healthcheck: { disable: true, test: ["CMD", "x"] } }).s!.container.healthCheck, undefined);
    });

    it("uses start_period as the load balancer grace period (60 s without one); none without ingress", () => {
        assert.equal(one({ ports: [ingress(80)], healthcheck: { ...curl("http://localhost/"), start_period: 45 * S } }).s!.deployment.healthCheckGracePeriodSeconds, 45);
        assert.equal(one({ ports: [ingress(80)] }).s!.deployment.healthCheckGracePeriodSeconds, 60);
        assert.equal(one({}).s!.deployment.healthCheckGracePeriodSeconds, undefined);
    });

    it("rolls out per mode with the circuit breaker and rollback on", () => {
        const rows = (["affordable", "balanced", "high_availability"] as Mode[]).map((m) => one({}, m).s!.deployment);
        assert.deepEqual(rows.map((d) => [d.minimumHealthyPercent, d.maximumPercent, d.circuitBreaker, d.waitForSteadyState]), [
            [0, 200, { enable: true, rollback: true }, true],
            [100, 200, { enable: true, rollback: true }, true],
            [100, 200, { enable: true, rollback: true }, true],
        ]);
    });

    it("maps platform linux/arm64 to ARM64 and restart: no to a one-off job", () => {
        assert.equal(one({ platform: "linux/arm64" }).s!.cpuArchitecture, "ARM64");
        assert.equal(one({ build: { context: "/app/x", platforms: ["linux/arm64/v8"] }, image: undefined }).s!.cpuArchitecture, "ARM64");
        assert.equal(one({}).s!.cpuArchitecture, "X86_64");
        const job = one({ restart: "no", deploy: { replicas: 3 }, ports: [ingress(80)] });
        assert.deepEqual([job.s!.kind, job.s!.replicas, job.s!.ingress, job.r.plan!.loadBalancer], ["job", 1, [], undefined]);
        assert.ok(job.r.diagnostics.some((d) => d.code === "job-ingress"));
    });

    it("builds into a lower-case ECR repository, or runs the caller's image instead", () => {
        const build = { context: "/app/web", dockerfile: "Dockerfile.prod", target: "runtime", args: { B: "2", A: "1", DROPPED: null } };
        const { s } = one({ image: undefined, build });
        assert.deepEqual(s!.image, { kind: "build", repository: ecrRepositoryName({ project: "shop", stack: "prod" }, "app"), context: "/app/web", dockerfile: "Dockerfile.prod", target: "runtime", args: { A: "1", B: "2" }, platform: "linux/amd64", buildCompute: "BUILD_GENERAL1_LARGE", buildProject: codeBuildProjectName({ project: "shop", stack: "prod" }, "app") });
        assert.match(ecrRepositoryName({ project: "shop", stack: "prod" }, "app"), /^shop-prod-app-[0-9a-f]{8}$/);
        assert.deepEqual(one({ image: undefined, build }, "affordable", { images: { app: "123.dkr.ecr/app:v7" } }).s!.image, { kind: "image", image: "123.dkr.ecr/app:v7" });
        const none = one({ image: undefined });
        assert.ok(none.r.diagnostics.some((d) => d.code === "no-image" && d.severity === "error"));
    });

    it("grants Bedrock for x-defang-llm and keeps x-defang-policies as ARNs or names", () => {
        const { s } = one({ extensions: { "x-defang-llm": true, "x-defang-policies": ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "team/app-read, my-policy"] } });
        assert.deepEqual(s!.taskRole, { bedrock: true, policies: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "team/app-read", "my-policy"] });
        assert.deepEqual(one({}).s!.taskRole, { bedrock: false, policies: [] });
        assert.ok(one({ extensions: { "x-defang-policies": "arn:aws:s3:::bucket" } }).r.diagnostics.some((d) => d.code === "policy-invalid"));
    });

    it("names private DNS, aliases, networks and the log group", () => {
        const { s } = one({ networks: { backend: { aliases: ["API", "api-v1"] }, default: null } });
        assert.deepEqual([s!.label, s!.privateFqdn, s!.aliases, s!.networks, s!.logGroupName], ["app", "app.shop.internal", ["api", "api-v1"], ["backend", "default"], "/Defang/shop/prod/ecs/app"]);
    });
});

describe("plan/planner: project-wide", () => {
    it("rejects two services that would share a private name", () => {
        const sources = new FakeSources().set(["services", "my-api"], 10, 3);
        const r = planDeployment(project([svc("my_api", { image: "a" }), svc("my-api", { image: "b" })], { sources }), opts());
        const d = r.diagnostics.find((x) => x.code === "dns-name-clash");
        assert.deepEqual([d?.severity, d?.line, r.plan], ["error", 10, undefined]);
    });

    it("tags every resource with project, stack and mode, plus the caller's tags", () => {
        const r = planDeployment(project([svc("a", { image: "a" })]), opts("balanced", { tags: { team: "shop", "defang:mode": "x" } }));
        assert.deepEqual(r.plan!.tags, { "defang:project": "shop", "defang:stack": "prod", "defang:mode": "balanced", team: "shop" });
        assert.ok(r.diagnostics.some((d) => d.code === "tag-reserved"));
        assert.ok(planDeployment(project([]), opts("affordable", { tags: { "aws:owner": "x" } })).diagnostics.some((d) => d.code === "tag-invalid"));
    });

    it("plans a static-files service as a static site, not a container (tests/plan/storage.test.ts)", () => {
        const r = planDeployment(project([svc("site", { build: { context: "/app/site" }, extensions: { "x-defang-static-files": "/dist" } })]), opts());
        assert.deepEqual(r.plan!.services, []);
        assert.deepEqual(r.plan!.staticSites!.map((s) => [s.name, s.folder]), [["site", "/dist"]]);
    });

    it("refuses a stack name that cannot be part of the SSM config path", () => {
        const r = planDeployment(project([svc("a", { image: "a", environment: { K: bare("K") } })]), { mode: "affordable", stack: "org/prod" });
        assert.ok(r.diagnostics.some((d) => d.code === "config-path-invalid" && d.severity === "error"));
    });

    it("refuses an unknown mode without throwing", () => {
        const r = planDeployment(project([]), { mode: "turbo" as Mode, stack: "prod" });
        assert.deepEqual(r.diagnostics.map((d) => d.code), ["mode-invalid"]);
    });

    it("returns no plan, and every diagnostic located, when there is an error; warnings ride along in the plan", () => {
        const bad = planDeployment(project([svc("a", { image: "a", deploy: resources(64) }), svc("b", { image: "b", environment: { TOKEN: "t" } })]), opts());
        assert.equal(bad.plan, undefined);
        for (const d of bad.diagnostics) assert.ok(d.file && d.line && d.column && d.hint, d.code);
        const ok = planDeployment(project([svc("b", { image: "b", environment: { TOKEN: "t" } }), svc("c", { image: "c", stop_grace_period: 300e9 })]), opts());
        assert.deepEqual(ok.plan!.diagnostics.map((d) => d.code), ["stop-grace-capped"]);
    });

    it("keeps services in document order and the cluster named after project and stack", () => {
        const p = planDeployment(project(["zeta", "alpha", "mid"].map((n) => svc(n, { image: n }))), opts("affordable", { region: "eu-west-1" })).plan!;
        assert.deepEqual(p.services.map((s) => s.name), ["zeta", "alpha", "mid"]);
        assert.deepEqual([p.cluster.name, p.region, p.cluster.containerInsights], [clusterName({ project: "shop", stack: "prod" }), "eu-west-1", false]);
        assert.match(p.cluster.name, /^shop-prod-[0-9a-f]{8}$/);
    });

    it("is deterministic: the same input plans to the same JSON", () => {
        const a = JSON.stringify(acceptance("high_availability"));
        const b = JSON.stringify(acceptance("high_availability"));
        assert.equal(a, b);
        assert.ok(!a.includes("undefined"));
    });

    it("sizes memory in MiB from bytes with compose's binary units", () => {
        const p = planDeployment(project([svc("a", { image: "a", deploy: resources(0.25, 1536 * MiB) })]), opts()).plan!;
        assert.deepEqual([p.services[0].cpu, p.services[0].memory], [256, 2048]);
    });
});

describe("plan/planner: issue 4 acceptance app (real loader)", () => {
    const planOf = (mode: Mode) => {
        const loaded = loadSample(`${__dirname}/compose/issue4/compose.yaml`, mode);
        try {
            return planDeployment(loaded.project, { mode, stack: "prod" });
        } finally {
            loaded.cleanup();
        }
    };

    it("plans in all three modes", () => {
        for (const m of ["affordable", "balanced", "high_availability"] as Mode[]) {
            const r = planOf(m);
            assert.ok(r.plan, `${m}: ${JSON.stringify(r.diagnostics)}`);
            assert.deepEqual(r.plan.stores.map((s) => s.kind), ["postgres", "redis", "mongodb"]);
            assert.deepEqual(r.plan.services.map((s) => [s.name, s.compute]), [["web", "fargate"], ["llm", "fargate"], ["vision", "gpu"]]);
        }
    });

    it("in high_availability: Multi-AZ RDS with protection, ≥ 7-day backups and a final snapshot; cache failover; 2 DocumentDB instances; GPU capacity; a certificate for the domainname", () => {
        const p = planOf("high_availability").plan!;
        const [db, cache, docs] = p.stores;
        assert.ok(db.kind === "postgres" && cache.kind === "redis" && docs.kind === "mongodb");
        assert.deepEqual([db.multiAz, db.deletionProtection, db.backupRetentionDays >= 7, db.finalSnapshot, db.protect, db.username, db.database], [true, true, true, true, true, "app", "app"]);
        assert.deepEqual([cache.numCacheClusters, cache.automaticFailover, cache.multiAz], [2, true, true]);
        assert.deepEqual([docs.instances, docs.deletionProtection, docs.username], [2, true, { kind: "literal", value: "docs" }]);
        assert.deepEqual([p.gpu?.spot, p.gpu?.instanceTypes[0], p.services[2].gpu], [false, "g4dn.2xlarge", { count: 1 }]);
        assert.deepEqual([p.loadBalancer?.https, p.loadBalancer?.certificates], [true, [{ domains: ["shop.example.com"], service: "web" }]]);
        assert.deepEqual(p.loadBalancer?.rules.map((r) => r.hosts), [["shop.example.com"]]);
        assert.deepEqual(p.services[0].autoscaling, { min: 2, max: 4, targetCpuPercent: 85, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60 });
        assert.deepEqual(p.services.map((s) => s.taskRole.bedrock), [false, true, false]);
    });
});
