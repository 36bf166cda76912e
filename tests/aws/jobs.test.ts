// One-off jobs in the resource graph (Pulumi mocks): one defang:index:TaskRun per job over its task
// definition, on the job's network and security groups, after what its task needs and what it depends
// on; the services that wait for a job depend on its TaskRun, the others do not; no ECS service for a job.
import { strict as assert } from "assert";
import * as path from "path";
import { TASK_RUN_TOKEN } from "../../provider/src/resources/task-run-spec";
import type { Mode } from "../../provider/src/plan/types";
import { type CapturedResource, type Expansion, expandProject } from "../support/pulumi";
import { EGRESS, INGRESS, ROLE_POLICY, SERVICE, SG, TASK } from "./helpers";

const RELEASE_JOBS = path.join(__dirname, "..", "plan", "compose", "release-jobs", "compose.yaml");
const MODES: Mode[] = ["affordable", "balanced", "high_availability"];

type Run = Expansion<unknown>;

/** Logical names of the resources a registration depends on (its dependsOn option). */
function dependencies(run: Run, r: CapturedResource): string[] {
    const byUrn = new Map(run.resources.map((x) => [x.urn, x.name]));
    return r.options.dependencies.map((u) => byUrn.get(u) ?? u).sort();
}

describe("aws/job: one-off jobs run once per deploy and gate the services that wait for them", function () {
    const runs: Partial<Record<Mode, Run>> = {};
    before(async () => {
        for (const mode of MODES) runs[mode] = await expandProject({ composeFiles: [RELEASE_JOBS], mode });
    });

    it("creates one TaskRun per job and an ECS service for services only", () => {
        for (const mode of MODES) {
            const run = runs[mode]!;
            assert.deepEqual(run.errors, [], mode);
            assert.deepEqual(run.ofType(TASK_RUN_TOKEN).map((r) => r.name), ["app-migrate/run", "app-seed/run"], mode);
            assert.deepEqual(run.ofType(SERVICE).map((r) => r.name).sort(), ["app-web/service", "app-worker/service"], mode);
            assert.deepEqual(run.ofType(TASK).map((r) => r.name).sort(), ["app-migrate/task", "app-seed/task", "app-web/task", "app-worker/task"], mode);
        }
    });

    it("runs the job's task definition on its cluster, subnets and security groups, on-demand Fargate, with its log stream", () => {
        for (const mode of MODES) {
            const run = runs[mode]!;
            const migrate = run.one(TASK_RUN_TOKEN, "migrate/run");
            const web = run.one(SERVICE, "web/service");
            const webNet = web.inputs.networkConfiguration as { subnets: string[]; assignPublicIp: boolean };
            const groups = run.ofType(SG);
            const own = groups.find((g) => g.name === "app-migrate/sg")!;
            const apps = groups.find((g) => g.name === "app-apps-sg")!;
            const network = groups.find((g) => g.name === "app-network-default-sg")!;
            assert.deepEqual(migrate.inputs, {
                region: "us-east-1",
                clusterArn: run.one("aws:ecs/cluster:Cluster").id,
                taskDefinitionArn: `arn:aws:ecs:us-east-1:123456789012:task-definition/${run.one(TASK, "migrate/task").inputs.family}:1`,
                service: "migrate",
                containerName: "migrate",
                // The same subnets and public-IP setting as the mode gives the services.
                subnetIds: webNet.subnets,
                securityGroupIds: [own.id, apps.id, network.id],
                assignPublicIp: webNet.assignPublicIp,
                capacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1 }],
                logGroupName: run.one("aws:cloudwatch/logGroup:LogGroup", "migrate/logs").inputs.name,
                logStreamPrefix: "migrate",
                timeoutMinutes: 30,
            }, mode);
            assert.match(String(migrate.inputs.logGroupName), /^\/Defang\/shop\/[\w-]+\/ecs\/migrate$/);
            assert.equal(webNet.assignPublicIp, mode === "affordable");
        }
    });

    it("starts the migration after its task can start (roles, policies, egress, capacity) and its database accepts connections", () => {
        const run = runs.balanced!;
        // Explicit (dependsOn) and implied (inputs) dependencies; never the services.
        assert.deepEqual(dependencies(run, run.one(TASK_RUN_TOKEN, "migrate/run")), [
            "app-apps-sg",
            "app-cluster",
            "app-cluster-capacity",
            "app-db/dns",
            "app-db/from-apps",
            "app-db/postgres",
            "app-execution-role-policy",
            "app-migrate/egress-all",
            "app-migrate/logs",
            "app-migrate/sg",
            "app-migrate/task",
            "app-network-default-sg",
            "app-private-us-east-1a",
            "app-private-us-east-1b",
        ]);
        assert.equal(run.one(ROLE_POLICY, "execution-role-policy").name, "app-execution-role-policy");
        assert.ok(run.ofType(EGRESS).some((r) => r.name === "app-migrate/egress-all"));
        assert.ok(run.ofType(INGRESS).some((r) => r.name === "app-db/from-apps"));
        assert.ok(run.ofType("aws:rds/instance:Instance").some((r) => r.name === "app-db/postgres"));
    });

    it("runs the seed after the migration, and rolls out the services only after the migration succeeded", () => {
        for (const mode of MODES) {
            const run = runs[mode]!;
            assert.ok(dependencies(run, run.one(TASK_RUN_TOKEN, "seed/run")).includes("app-migrate/run"), mode);
            for (const name of ["web/service", "worker/service"]) {
                const deps = dependencies(run, run.one(SERVICE, name));
                assert.ok(deps.includes("app-migrate/run"), `${mode} ${name}: ${deps.join(", ")}`);
                assert.ok(!deps.includes("app-seed/run"), `${mode} ${name} does not wait for the seed`);
            }
            // Services never wait for the database itself (they reach it by its private name and retry).
            assert.ok(!dependencies(run, run.one(SERVICE, "web/service")).includes("app-db/postgres"));
        }
    });

    it("adds no TaskRun and no job dependency to an app without jobs", async () => {
        const run = await expandProject({
            composeYaml: `
name: plain
services:
  web:
    image: nginx:1.27
    ports: [{ target: 80, mode: ingress }]
  api:
    image: ghcr.io/acme/api:2
    depends_on: [web]
`,
        });
        assert.deepEqual(run.errors, []);
        assert.equal(run.ofType(TASK_RUN_TOKEN).length, 0);
        assert.deepEqual(dependencies(run, run.one(SERVICE, "api/service")).filter((d) => d.endsWith("/run")), []);
        assert.ok(dependencies(run, run.one(SERVICE, "api/service")).includes("app-web/service"));
    });

    it("runs a job that depends on a service after the service is deployed, and a job's task-role grants first", async () => {
        const run = await expandProject({
            composeYaml: `
name: warm
services:
  api:
    image: ghcr.io/acme/api:2
    expose: ["8080"]
  warm-cache:
    image: curlimages/curl:8.8.0
    command: ["-fsS", "-X", "POST", "http://api:8080/admin/warm"]
    restart: "no"
    x-defang-policies: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
    depends_on:
      api:
        condition: service_healthy
`,
            mode: "balanced",
        });
        assert.deepEqual(run.errors, []);
        const deps = dependencies(run, run.one(TASK_RUN_TOKEN, "warm-cache/run"));
        assert.ok(deps.includes("app-api/service"), deps.join(", "));
        assert.ok(deps.includes("app-warm-cache/policy/AmazonS3ReadOnlyAccess"), deps.join(", "));
    });
});
