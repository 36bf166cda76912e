import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { MODE_TABLE } from "../../provider/src/plan/modes";
import { GPU_CAPACITY_PROVIDER, type Mode } from "../../provider/src/plan/types";
import { capacityStrategy } from "../../provider/src/aws/service";
import type { Expansion } from "../support/pulumi";
import { expandPlan } from "../support/pulumi";
import { acceptancePlan, deploymentPlan, rolling, service } from "./fixtures";
import { SERVICE, TASK, containerOf } from "./helpers";

type Run = Expansion<unknown>;
type Net = { subnets: string[]; assignPublicIp: boolean; securityGroups: string[] };

describe("aws/service: task definitions and ECS services", function () {
    const runs: Record<string, Run> = {};
    before(async () => {
        for (const mode of ["affordable", "balanced", "high_availability"] as const) runs[mode] = await expandPlan(acceptancePlan(mode));
    });

    it("sizes the web task 512 CPU / 1024 MiB with 2 tasks, on Linux x86_64 Fargate in awsvpc mode", () => {
        for (const run of Object.values(runs)) {
            const task = run.one(TASK, "web/task");
            assert.equal(task.inputs.cpu, "512");
            assert.equal(task.inputs.memory, "1024");
            assert.equal(task.inputs.networkMode, "awsvpc");
            assert.deepEqual(task.inputs.requiresCompatibilities, ["FARGATE"]);
            assert.deepEqual(task.inputs.runtimePlatform, { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" });
            assert.match(task.inputs.family as string, /^shop-dev-web-[0-9a-f]{8}$/);
            assert.match(run.one(SERVICE, "web/service").inputs.name as string, /^shop-dev-web-[0-9a-f]{8}$/);
            assert.equal(run.one(SERVICE, "web/service").inputs.desiredCount, 2);
        }
    });

    it("uses Spot in affordable, Spot with an on-demand base in balanced, on-demand in high_availability", () => {
        const strategy = (run: Run) => run.one(SERVICE, "web/service").inputs.capacityProviderStrategies;
        assert.deepEqual(strategy(runs.affordable), [{ capacityProvider: "FARGATE_SPOT", weight: 1 }]);
        assert.deepEqual(strategy(runs.balanced), [
            { capacityProvider: "FARGATE", weight: 0, base: 1 },
            { capacityProvider: "FARGATE_SPOT", weight: 1 },
        ]);
        assert.deepEqual(strategy(runs.high_availability), [{ capacityProvider: "FARGATE", weight: 1 }]);
        for (const run of Object.values(runs)) {
            const cp = run.one("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders");
            assert.deepEqual(cp.inputs.capacityProviders, ["FARGATE", "FARGATE_SPOT"]);
            for (const s of run.ofType(SERVICE)) assert.ok(s.options.dependencies.includes(cp.urn), `${s.name} waits for the capacity providers`);
        }
    });

    it("rolls out per mode: 0 % / 100 % minimum healthy, circuit breaker with rollback, steady-state wait as the mode says", () => {
        const expect = { affordable: 0, balanced: 100, high_availability: 100 } as const;
        for (const [mode, minHealthy] of Object.entries(expect)) {
            const wait = MODE_TABLE[mode as Mode].waitForSteadyState;
            for (const s of runs[mode].ofType(SERVICE)) {
                assert.equal(s.inputs.deploymentMinimumHealthyPercent, minHealthy, `${mode} ${s.name}`);
                assert.equal(s.inputs.deploymentMaximumPercent, 200);
                assert.deepEqual(s.inputs.deploymentCircuitBreaker, { enable: true, rollback: true });
                assert.equal(s.inputs.waitForSteadyState, wait);
                assert.equal(s.inputs.platformVersion, "LATEST");
                assert.equal(s.inputs.propagateTags, "SERVICE");
                assert.equal(s.inputs.enableEcsManagedTags, true);
                assert.equal(s.inputs.enableExecuteCommand, false);
            }
        }
    });

    it("gives tasks a public IP in public subnets only in affordable; private subnets otherwise", () => {
        const subnets = (run: Run, kind: string) => run.ofType("aws:ec2/subnet:Subnet").filter((s) => s.name.includes(`-${kind}-`)).map((s) => s.id);
        for (const [mode, kind, ip] of [["affordable", "public", true], ["balanced", "private", false], ["high_availability", "private", false]] as const) {
            for (const s of runs[mode].ofType(SERVICE)) {
                const net = s.inputs.networkConfiguration as Net;
                assert.equal(net.assignPublicIp, ip, `${mode} ${s.name}`);
                assert.deepEqual(net.subnets, subnets(runs[mode], kind));
            }
        }
    });

    it("attaches the ingress service to its target group and waits for the listener; registers every service in Cloud Map", () => {
        const run = runs.balanced;
        const web = run.one(SERVICE, "web/service");
        const tg = run.one("aws:lb/targetGroup:TargetGroup");
        assert.deepEqual(web.inputs.loadBalancers, [{ targetGroupArn: tg.id, containerName: "web", containerPort: 8080 }]);
        assert.ok(web.options.dependencies.includes(run.one("aws:lb/listener:Listener").urn));
        assert.deepEqual(run.one(SERVICE, "postgres/service").inputs.loadBalancers, []);
        for (const svc of ["web", "postgres"]) {
            const discovery = run.named(`app-${svc}/discovery`);
            assert.deepEqual(run.one(SERVICE, `${svc}/service`).inputs.serviceRegistries, { registryArn: `arn:aws:servicediscovery:us-east-1:123456789012:service/${discovery.id}` });
        }
        // depends_on: web is created after postgres.
        assert.ok(web.options.dependencies.includes(run.one(SERVICE, "postgres/service").urn));
    });

    it("keeps a task's container definitions a Pulumi secret when a command or label holds a flagged literal, and only then", async () => {
        const plan = deploymentPlan("balanced", [
            service("balanced", { name: "cmd", container: { command: ["serve", "--token", "ghp_1234567890abcdefghijklmnopqrstuvwxyz"] } }),
            service("balanced", { name: "label", container: { dockerLabels: { "com.example.key": "AKIAIOSFODNN7EXAMPLE" } } }),
            service("balanced", { name: "plain", container: { command: ["serve", "--port", "3000"], dockerLabels: { team: "web" } } }),
        ]);
        const run = await expandPlan(plan);
        const secretDefinitions = (name: string) => run.one(TASK, `${name}/task`).secretInputs.includes("containerDefinitions");
        assert.deepEqual(["cmd", "label", "plain"].map(secretDefinitions), [true, true, false]);
        assert.equal(containerOf({ ...run.one(TASK, "cmd/task"), inputs: run.one(TASK, "cmd/task").raw }).command[2], "ghp_1234567890abcdefghijklmnopqrstuvwxyz", "AWS still gets it");
    });

    it("maps the container: command, entrypoint, working dir, user, stop timeout, health check, init, read-only root, logs", async () => {
        const plan = deploymentPlan("balanced", [
            service("balanced", {
                name: "api",
                cpuArchitecture: "ARM64",
                cpu: 1024,
                memory: 2048,
                ephemeralStorageGiB: 50,
                ingress: [{ port: 3000, appProtocol: "http2", targetGroup: "api-3000", hosts: [] }],
                deployment: rolling("balanced", { healthCheckGracePeriodSeconds: 45 }),
                container: {
                    command: ["serve", "--port", "3000"],
                    entrypoint: ["/bin/tini", "--"],
                    workingDir: "/srv",
                    user: "1000:1000",
                    stopTimeout: 30,
                    memoryReservation: 1536,
                    memoryLimit: 2048,
                    healthCheck: { command: ["CMD-SHELL", "curl -f http://localhost:3000/health || exit 1"], interval: 15, timeout: 5, retries: 3, startPeriod: 20 },
                    portMappings: [{ name: "api-3000", containerPort: 3000, protocol: "tcp", appProtocol: "http2" }],
                    environment: [{ name: "LOG_LEVEL", value: "info" }],
                    initProcessEnabled: true,
                    readonlyRootFilesystem: true,
                },
            }),
        ]);
        const run = await expandPlan(plan);
        const task = run.one(TASK, "api/task");
        assert.deepEqual(task.inputs.runtimePlatform, { operatingSystemFamily: "LINUX", cpuArchitecture: "ARM64" });
        assert.deepEqual(task.inputs.ephemeralStorage, { sizeInGib: 50 });
        assert.deepEqual(containerOf(task), {
            name: "api",
            image: "docker.io/library/api:latest",
            essential: true,
            portMappings: [{ name: "api-3000", containerPort: 3000, hostPort: 3000, protocol: "tcp", appProtocol: "http2" }],
            environment: [{ name: "LOG_LEVEL", value: "info" }],
            secrets: [],
            linuxParameters: { initProcessEnabled: true },
            readonlyRootFilesystem: true,
            logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/Defang/shop/dev/ecs/api", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "api" } },
            command: ["serve", "--port", "3000"],
            entryPoint: ["/bin/tini", "--"],
            workingDirectory: "/srv",
            user: "1000:1000",
            stopTimeout: 30,
            memoryReservation: 1536,
            memory: 2048,
            healthCheck: { command: ["CMD-SHELL", "curl -f http://localhost:3000/health || exit 1"], interval: 15, timeout: 5, retries: 3, startPeriod: 20 },
        });
        assert.equal(run.one(SERVICE).inputs.healthCheckGracePeriodSeconds, 45);
    });

    it("creates a task definition and a run (aws/job.ts) but no ECS service for a one-off job", async () => {
        const plan = deploymentPlan("balanced", [service("balanced", { name: "migrate", kind: "job" }), service("balanced", { name: "app" })]);
        const run = await expandPlan(plan);
        assert.deepEqual(run.ofType(TASK).map((t) => t.name).sort(), ["app-app/task", "app-migrate/task"]);
        assert.deepEqual(run.ofType("defang:index:TaskRun").map((t) => t.name), ["app-migrate/run"]);
        assert.deepEqual(run.ofType(SERVICE).map((s) => s.name), ["app-app/service"]);
        assert.deepEqual(run.ofType("aws:servicediscovery/service:Service").map((s) => s.name), ["app-app/discovery"]);
    });

    it("hands the task count to autoscaling when it is on", async () => {
        const plan = deploymentPlan("balanced", [service("balanced", { name: "app", replicas: 2, autoscaling: { min: 2, max: 4, targetCpuPercent: 85, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60 } })]);
        const run = await expandPlan(plan);
        assert.deepEqual(run.one(SERVICE).options.ignoreChanges, ["desiredCount"]);
        assert.equal(run.ofType("aws:appautoscaling/target:Target").length, 1);
        assert.deepEqual(runs.balanced.one(SERVICE, "web/service").options.ignoreChanges, []);
    });

    it("puts GPU services on the GPU capacity provider in place of the plan's placeholder", () => {
        const gpuService = service("balanced", { name: "gpu", compute: "gpu", capacity: [{ capacityProvider: GPU_CAPACITY_PROVIDER, weight: 1 }] });
        const gpu = { capacityProviderName: pulumi.output("app-gpu-cp"), requiresCompatibilities: ["MANAGED_INSTANCES"], requiresClusterAssociation: false };
        const [item] = capacityStrategy(gpuService, gpu);
        assert.equal(item.capacityProvider, gpu.capacityProviderName);
        assert.equal(item.weight, 1);
    });
});
