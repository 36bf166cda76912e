import { strict as assert } from "assert";
import type { Mode } from "../../provider/src/plan/types";
import type { Expansion } from "../support/pulumi";
import { expandPlan } from "../support/pulumi";
import { deploymentPlan, service } from "./fixtures";
import { EGRESS, INGRESS, SERVICE, SG, ruleLines, rulesOf, worldIngress } from "./helpers";

type Run = Expansion<unknown>;

/** web (ingress, frontend) → api (frontend + backend) → db (backend); worker (backend, no ports). */
function networkedPlan(mode: Mode, https = false) {
    const web = service(mode, {
        name: "web",
        ingress: [{ port: 8080, appProtocol: "http", targetGroup: "web-8080", hosts: [] }],
        loadBalancerPorts: [8080, 8081],
        privatePorts: [{ port: 8080, protocol: "tcp" }],
        networks: ["frontend"],
    });
    const api = service(mode, {
        name: "api",
        privatePorts: [
            { port: 3000, protocol: "tcp" },
            { port: 9000, protocol: "udp" },
        ],
        networks: ["frontend", "backend"],
    });
    const db = service(mode, { name: "db", privatePorts: [{ port: 5432, protocol: "tcp" }], networks: ["backend"] });
    const worker = service(mode, { name: "worker", networks: ["backend"] });
    const plan = deploymentPlan(mode, [web, api, db, worker]);
    plan.loadBalancer!.https = https;
    return plan;
}

const group = (run: Run, name: string) => run.named(name);

describe("aws/security: least-privilege security groups", function () {
    let run: Run;
    let affordable: Run;
    before(async () => {
        run = await expandPlan(networkedPlan("balanced"));
        affordable = await expandPlan(networkedPlan("affordable"));
    });

    it("opens only the load balancer's port 80 to the internet (IPv4 and IPv6), in every mode", () => {
        const expected = ["app-lb-sg: tcp 80-80", "app-lb-sg: tcp 80-80"];
        assert.deepEqual(worldIngress(run), expected);
        assert.deepEqual(worldIngress(affordable), expected);
        assert.deepEqual(ruleLines(rulesOf(run, group(run, "app-lb-sg"))), ["tcp 80-80 from ::/0", "tcp 80-80 from 0.0.0.0/0"]);
    });

    it("adds 443 when the listener is HTTPS", async () => {
        const https = await expandPlan(networkedPlan("balanced", true), { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/given" });
        assert.deepEqual(ruleLines(rulesOf(https, group(https, "app-lb-sg"))), [
            "tcp 80-80 from ::/0",
            "tcp 80-80 from 0.0.0.0/0",
            "tcp 443-443 from ::/0",
            "tcp 443-443 from 0.0.0.0/0",
        ]);
    });

    it("lets the load balancer reach only the ingress service, on its traffic and health-check ports (contiguous ports as one rule)", () => {
        assert.deepEqual(ruleLines(rulesOf(run, group(run, "app-lb-sg"), "egress")), ["tcp 8080-8081 from app-web/sg"]);
    });

    it("admits each service's ports only from the load balancer and the networks it joins", () => {
        assert.deepEqual(ruleLines(rulesOf(run, group(run, "app-web/sg"))), [
            "tcp 8080-8081 from app-lb-sg",
            "tcp 8080-8080 from app-network-frontend-sg",
        ]);
        assert.deepEqual(ruleLines(rulesOf(run, group(run, "app-api/sg"))), [
            "tcp 3000-3000 from app-network-backend-sg",
            "tcp 3000-3000 from app-network-frontend-sg",
            "udp 9000-9000 from app-network-backend-sg",
            "udp 9000-9000 from app-network-frontend-sg",
        ]);
        assert.deepEqual(ruleLines(rulesOf(run, group(run, "app-db/sg"))), ["tcp 5432-5432 from app-network-backend-sg"]);
        assert.deepEqual(rulesOf(run, group(run, "app-worker/sg")), []);
    });

    it("gives tasks open egress and marker groups no rules at all", () => {
        for (const svc of ["web", "api", "db", "worker"]) {
            assert.deepEqual(ruleLines(rulesOf(run, group(run, `app-${svc}/sg`), "egress")), ["-1 *-* from 0.0.0.0/0"], svc);
        }
        for (const marker of ["app-apps-sg", "app-network-frontend-sg", "app-network-backend-sg"]) {
            assert.deepEqual(rulesOf(run, group(run, marker)), [], marker);
            assert.deepEqual(rulesOf(run, group(run, marker), "egress"), [], marker);
        }
    });

    it("attaches the service's own group, the apps marker and one marker per network to its tasks", () => {
        const id = (name: string) => group(run, name).id;
        const api = run.one(SERVICE, "api/service");
        assert.deepEqual((api.inputs.networkConfiguration as { securityGroups: string[] }).securityGroups, [
            id("app-api/sg"),
            id("app-apps-sg"),
            id("app-network-backend-sg"),
            id("app-network-frontend-sg"),
        ]);
        const web = run.one(SERVICE, "web/service");
        assert.deepEqual((web.inputs.networkConfiguration as { securityGroups: string[] }).securityGroups, [id("app-web/sg"), id("app-apps-sg"), id("app-network-frontend-sg")]);
    });

    it("describes every group and rule, and never uses inline rules (SG-03, SG-05)", () => {
        for (const r of [...run.ofType(SG), ...run.ofType(INGRESS), ...run.ofType(EGRESS)]) {
            assert.ok(typeof r.inputs.description === "string" && r.inputs.description.length > 10, r.name);
        }
        for (const g of run.ofType(SG)) {
            assert.equal(g.inputs.ingress, undefined, g.name);
            assert.equal(g.inputs.egress, undefined, g.name);
        }
    });

    it("grows rules linearly with services (membership groups, not service pairs)", async () => {
        const count = async (n: number) => {
            const services = Array.from({ length: n }, (_, i) => service("balanced", { name: `s${i}`, privatePorts: [{ port: 8000, protocol: "tcp" }] }));
            const r = await expandPlan(deploymentPlan("balanced", services));
            return r.ofType(INGRESS).length;
        };
        const [five, ten] = [await count(5), await count(10)];
        assert.equal(five, 5);
        assert.equal(ten, 10);
    });
});
