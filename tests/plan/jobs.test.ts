// One-off jobs (`restart: "no"`) in the plan: who waits for them, what they wait for, where they run,
// and what a job cannot honour (warned at the compose line).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planDeployment } from "../../provider/src/plan";
import { JOB_TIMEOUT_MINUTES } from "../../provider/src/plan/jobs";
import { MODES, MODE_TABLE } from "../../provider/src/plan/modes";
import type { Diagnostic } from "../../provider/src/compose/types";
import type { DeploymentPlan, Mode } from "../../provider/src/plan/types";
import { loadSample } from "./corpus";

const RELEASE_JOBS = path.join(__dirname, "compose", "release-jobs", "compose.yaml");

function planFile(file: string, mode: Mode = "affordable"): { plan?: DeploymentPlan; diagnostics: Diagnostic[] } {
    const loaded = loadSample(file, mode);
    try {
        return planDeployment(loaded.project, { mode, stack: "prod", region: "us-east-1", availableZones: ["us-east-1a", "us-east-1b", "us-east-1c"] });
    } finally {
        loaded.cleanup();
    }
}

/** Plans compose text written to a temporary compose.yaml. */
function planYaml(yaml: string, mode: Mode = "affordable") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-jobs-"));
    try {
        const file = path.join(dir, "compose.yaml");
        fs.writeFileSync(file, yaml);
        return planFile(file, mode);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

const findings = (r: { diagnostics: Diagnostic[] }, code: string) => r.diagnostics.filter((d) => d.code === code).map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);

describe("plan: one-off jobs", () => {
    it("plans the release-jobs app in every mode: jobs on on-demand Fargate, the migration waits for its database, services and the seed wait for the migration", () => {
        for (const mode of MODES) {
            const r = planFile(RELEASE_JOBS, mode);
            assert.ok(r.plan, JSON.stringify(r.diagnostics));
            assert.deepEqual(r.diagnostics.filter((d) => d.severity !== "info"), [], mode);
            const by = Object.fromEntries(r.plan.services.map((s) => [s.name, s]));
            assert.deepEqual(
                r.plan.services.map((s) => [s.name, s.kind, s.afterJobs ?? [], s.job ?? null]),
                [
                    ["web", "service", ["migrate"], null],
                    ["worker", "service", ["migrate"], null],
                    ["migrate", "job", [], { timeoutMinutes: JOB_TIMEOUT_MINUTES, stores: ["db"] }],
                    ["seed", "job", ["migrate"], { timeoutMinutes: JOB_TIMEOUT_MINUTES, stores: ["db"] }],
                ],
                mode,
            );
            for (const job of [by.migrate, by.seed]) {
                assert.deepEqual(job.capacity, [{ capacityProvider: "FARGATE", weight: 1 }], `${mode} ${job.name}`);
                assert.equal(job.replicas, 1);
                assert.deepEqual(job.ingress, []);
                assert.equal(job.autoscaling, undefined);
            }
            // Services keep the mode's capacity.
            assert.deepEqual(by.web.capacity, MODE_TABLE[mode].capacity, mode);
        }
    });

    it("gates on a job whatever the condition (Defang's short form), and warns service_healthy at its line", () => {
        const r = planYaml(`services:
  web:
    image: nginx
    depends_on:
      migrate:
        condition: service_healthy
  api:
    image: nginx
    depends_on: [migrate]
  migrate:
    image: busybox
    command: ["true"]
    restart: "no"
`);
        assert.ok(r.plan);
        assert.deepEqual(
            r.plan.services.map((s) => [s.name, s.afterJobs]),
            [
                ["web", ["migrate"]],
                ["api", ["migrate"]],
                ["migrate", undefined],
            ],
        );
        assert.deepEqual(findings(r, "job-depends-healthy"), [
            "5:7 warning service web waits for job migrate to be healthy, but a one-off job has no health: web starts once migrate has run successfully",
        ]);
        assert.equal(r.diagnostics.find((d) => d.code === "job-depends-healthy")!.hint, "Write condition: service_completed_successfully.");
    });

    it("warns a wait for a long-running service to complete (it never does), and does not gate on it", () => {
        const r = planYaml(`services:
  web:
    image: nginx
    depends_on:
      api:
        condition: service_completed_successfully
  api:
    image: nginx
`);
        assert.ok(r.plan);
        assert.equal(r.plan.services[0].afterJobs, undefined);
        assert.deepEqual(findings(r, "depends-completed-service"), [
            '5:7 warning service web waits for api to complete successfully, but api is a long-running service (no restart: "no"): it never completes; web starts once api is deployed',
        ]);
    });

    it("warns replicas or scale on a job at that line: each deploy runs it once, in one task", () => {
        const r = planYaml(`services:
  migrate:
    image: busybox
    restart: "no"
    deploy:
      replicas: 3
  seed:
    image: busybox
    restart: "no"
    scale: 2
  once:
    image: busybox
    restart: "no"
    deploy:
      replicas: 1
`);
        assert.ok(r.plan);
        assert.deepEqual(r.plan.services.map((s) => s.replicas), [1, 1, 1]);
        assert.deepEqual(findings(r, "job-replicas"), [
            '6:17 warning service migrate is a one-off job (restart: "no"): each deploy runs it once, in one task, so 3 replicas are ignored',
            '10:12 warning service seed is a one-off job (restart: "no"): each deploy runs it once, in one task, so 2 replicas are ignored',
        ]);
    });

    it("lets a job wait for the managed stores it depends on (not for plain services), and keeps a GPU job on GPU capacity", () => {
        const r = planYaml(`services:
  cache:
    image: redis:7
    x-defang-redis: true
  db:
    image: postgres:16
    x-defang-postgres: true
    environment:
      POSTGRES_PASSWORD: \${PW}
  api:
    image: nginx
  embed:
    image: ghcr.io/acme/embed:1
    restart: "no"
    depends_on: [db, cache, api]
    deploy:
      resources:
        reservations:
          memory: 8G
          devices:
            - capabilities: [gpu]
`, "balanced");
        assert.ok(r.plan, JSON.stringify(r.diagnostics));
        const embed = r.plan.services.find((s) => s.name === "embed")!;
        assert.deepEqual(embed.job, { timeoutMinutes: JOB_TIMEOUT_MINUTES, stores: ["cache", "db"] });
        assert.equal(embed.compute, "gpu");
        assert.deepEqual(embed.capacity, [{ capacityProvider: "defang-gpu", weight: 1 }]);
        assert.equal(r.plan.services.find((s) => s.name === "api")!.job, undefined);
    });

    it("lets a job wait for the managed stores its environment points at, without a depends_on", () => {
        const r = planYaml(`services:
  db:
    image: postgres:16
    x-defang-postgres: true
    environment:
      POSTGRES_PASSWORD: \${PW}
  cache:
    image: redis:7
    x-defang-redis: true
  docs:
    image: mongo:5
    x-defang-mongodb: true
  migrate:
    image: ghcr.io/acme/app:1
    restart: "no"
    environment:
      DATABASE_URL: postgres://app:\${PW}@db:5432/app?sslmode=require
      REDIS_HOST: cache:6379
      NOTE: docs are elsewhere
`);
        assert.ok(r.plan, JSON.stringify(r.diagnostics));
        assert.deepEqual(r.plan.services.find((s) => s.name === "migrate")!.job, { timeoutMinutes: JOB_TIMEOUT_MINUTES, stores: ["cache", "db"] });
    });
});
