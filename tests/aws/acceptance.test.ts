// Issue 3's acceptance scenario through the real pipeline (loader → Defang rules → planner → aws):
// a web service with 2 replicas of 0.5 vCPU / 1 GiB behind the load balancer, plus a `postgres` container.
import { strict as assert } from "assert";
import { checkPolicies, formatViolation } from "../../provider/src/policy";
import type { Mode } from "../../provider/src/plan/types";
import type { Expansion } from "../support/pulumi";
import { expandProject, json } from "../support/pulumi";
import { LOG_GROUP, ROLE, ROLE_POLICY, SERVICE, TASK, containerOf } from "./helpers";

const COMPOSE = `
name: shop
services:
  web:
    image: ghcr.io/acme/web:1.0
    ports:
      - target: 8080
        mode: ingress
    environment:
      DATABASE_URL: postgres://app:\${POSTGRES_PASSWORD}@postgres:5432/app
      SESSION_SECRET:
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]
    deploy:
      replicas: 2
      resources:
        reservations:
          cpus: "0.5"
          memory: 1G
    depends_on: [postgres]
  postgres:
    image: postgres:16
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD:
    ports:
      - target: 5432
        mode: host
    deploy:
      resources:
        reservations:
          memory: 512M
`;

type Run = Expansion<unknown>;

describe("issue 3 acceptance: web 2 × 0.5 vCPU / 1 GiB + postgres, in every mode", function () {
    const runs = {} as Record<Mode, Run>;
    before(async () => {
        for (const mode of ["affordable", "balanced", "high_availability"] as const) runs[mode] = await expandProject({ composeYaml: COMPOSE, mode });
    });

    const nats = (run: Run) => run.ofType("aws:ec2/natGateway:NatGateway").length;
    const providers = (run: Run) => new Set(run.ofType(SERVICE).flatMap((s) => (s.inputs.capacityProviderStrategies as Array<{ capacityProvider: string }>).map((c) => c.capacityProvider)));
    const retention = (run: Run) => new Set(run.ofType(LOG_GROUP).map((g) => g.inputs.retentionInDays));
    const network = (run: Run) => run.ofType(SERVICE).map((s) => s.inputs.networkConfiguration as { assignPublicIp: boolean; subnets: string[] });
    const privateSubnets = (run: Run) => run.ofType("aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-private-")).map((s) => s.id);

    it("plans without errors", () => {
        for (const run of Object.values(runs)) {
            assert.equal(run.thrown, undefined);
            assert.deepEqual(run.errors, []);
            assert.deepEqual(run.diagnostics.filter((d) => d.severity === "error"), []);
        }
    });

    it("affordable: 0 NAT gateways, Spot, logs kept 1 day", () => {
        const run = runs.affordable;
        assert.equal(nats(run), 0);
        assert.deepEqual([...providers(run)], ["FARGATE_SPOT"]);
        assert.deepEqual([...retention(run)], [1]);
    });

    it("balanced: 1 NAT gateway, tasks in private subnets without public IPs, logs kept 7 days", () => {
        const run = runs.balanced;
        assert.equal(nats(run), 1);
        for (const n of network(run)) {
            assert.equal(n.assignPublicIp, false);
            assert.deepEqual(n.subnets, privateSubnets(run));
        }
        assert.deepEqual([...retention(run)], [7]);
    });

    it("high_availability: one NAT gateway per AZ (at least 2), on-demand only, logs kept 30 days", () => {
        const run = runs.high_availability;
        const zones = new Set(run.ofType("aws:ec2/subnet:Subnet").map((s) => s.inputs.availabilityZone));
        assert.ok(nats(run) >= 2);
        assert.equal(nats(run), zones.size);
        assert.deepEqual([...providers(run)], ["FARGATE"]);
        assert.deepEqual([...retention(run)], [30]);
    });

    it("runs the web task at 512 CPU / 1024 MiB with desiredCount 2", () => {
        for (const run of Object.values(runs)) {
            const task = run.one(TASK, "web/task");
            assert.equal(task.inputs.cpu, "512");
            assert.equal(task.inputs.memory, "1024");
            assert.equal(run.one(SERVICE, "web/service").inputs.desiredCount, 2);
        }
    });

    it("keeps secrets out of every task definition's environment", () => {
        for (const run of Object.values(runs)) {
            for (const task of run.ofType(TASK)) {
                const c = containerOf(task);
                const names = (c.environment as Array<{ name: string; value: string }>).map((e) => e.name);
                for (const secret of ["POSTGRES_PASSWORD", "SESSION_SECRET", "DATABASE_URL"]) assert.ok(!names.includes(secret), `${task.name}: ${secret}`);
                assert.ok(!JSON.stringify(c.environment).includes("${"), `${task.name}: unresolved reference in environment`);
            }
            const web = containerOf(run.one(TASK, "web/task"));
            assert.deepEqual(
                (web.secrets as Array<{ name: string; valueFrom: string }>).map((s) => s.name),
                ["DATABASE_URL", "SESSION_SECRET"],
            );
            for (const s of web.secrets as Array<{ valueFrom: string }>) assert.match(s.valueFrom, /^arn:aws:ssm:us-east-1:123456789012:parameter\/Defang\/shop\/dev\//);
        }
    });

    it("has no IAM statement with Action \"*\" and none that reads every SSM parameter", () => {
        for (const run of Object.values(runs)) {
            const docs = [...run.ofType(ROLE_POLICY).map((p) => json(p.inputs.policy)), ...run.ofType(ROLE).map((r) => json(r.inputs.assumeRolePolicy))];
            for (const doc of docs) {
                for (const s of doc.Statement as Array<{ Action: string | string[]; Resource?: string | string[] }>) {
                    const actions = ([] as string[]).concat(s.Action);
                    const resources = ([] as string[]).concat(s.Resource ?? []);
                    assert.ok(!actions.includes("*") && !actions.includes("*:*"), JSON.stringify(s));
                    if (actions.some((a) => a.toLowerCase().startsWith("ssm:"))) {
                        for (const r of resources) assert.ok(r !== "*" && !/:parameter\/?\*$/.test(r), `reads every parameter: ${JSON.stringify(s)}`);
                    }
                }
            }
        }
    });

    it("passes every security rule that is mandatory in its mode", () => {
        for (const [mode, run] of Object.entries(runs) as Array<[Mode, Run]>) {
            const violations = checkPolicies(run.resources, mode).filter((v) => v.mandatory);
            assert.deepEqual(violations.map(formatViolation), [], mode);
        }
    });
});
