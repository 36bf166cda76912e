import { strict as assert } from "assert";
import type { InfrastructureOutputs } from "../../provider/src/aws/infrastructure";
import { expandPlan, valueOf } from "../support/pulumi";
import { acceptancePlan, builtImage, deploymentPlan, service } from "./fixtures";
import { LOG_GROUP, SERVICE, TASK, containerOf } from "./helpers";

const NAMESPACE = "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace";
const DISCOVERY = "aws:servicediscovery/service:Service";
const REPOSITORY = "aws:ecr/repository:Repository";

describe("aws/dns: Cloud Map private names", function () {
    it("creates <project>.internal on the VPC and one A/MULTIVALUE discovery service per ECS service", async () => {
        const run = await expandPlan(acceptancePlan("balanced"));
        const ns = run.one(NAMESPACE);
        assert.equal(ns.inputs.name, "shop.internal");
        assert.equal(ns.inputs.vpc, run.one("aws:ec2/vpc:Vpc").id);
        const discovery = run.ofType(DISCOVERY).map((d) => d.inputs);
        assert.deepEqual(discovery.map((d) => d.name).sort(), ["postgres", "web"]);
        for (const d of discovery) {
            assert.deepEqual(d.dnsConfig, { namespaceId: ns.id, routingPolicy: "MULTIVALUE", dnsRecords: [{ type: "A", ttl: 10 }] });
            assert.deepEqual(d.healthCheckCustomConfig, { failureThreshold: 1 });
        }
        const out = (await run.value!.outputs) as InfrastructureOutputs;
        assert.match(await valueOf(out.privateZoneId), /^Z[0-9A-F]{20}$/);
        assert.deepEqual(out.privateEndpoints, { web: "web.shop.internal:8080", postgres: "postgres.shop.internal:5432" });
    });

    it("publishes network aliases as CNAMEs to the service's name in the namespace's zone", async () => {
        const plan = deploymentPlan("balanced", [service("balanced", { name: "api", aliases: ["backend", "api-v2.shop.internal"], privatePorts: [{ port: 80, protocol: "tcp" }] })]);
        const run = await expandPlan(plan);
        const records = run.ofType("aws:route53/record:Record").map((r) => r.inputs);
        assert.deepEqual(
            records.map((r) => `${r.name} ${r.type} ${(r.records as string[]).join(",")} ttl=${r.ttl}`).sort(),
            ["api-v2.shop.internal CNAME api.shop.internal ttl=60", "backend.shop.internal CNAME api.shop.internal ttl=60"],
        );
        const zoneId = await valueOf(((await run.value!.outputs) as InfrastructureOutputs).privateZoneId);
        for (const r of records) assert.equal(r.zoneId, zoneId, "the namespace's zone");
    });
});

describe("aws/logs: one group per service", function () {
    it("keeps logs 1, 7 and 30 days by mode, under /Defang/<project>/<stack>/ecs/<service>, shipped by awslogs", async () => {
        for (const [mode, days] of [["affordable", 1], ["balanced", 7], ["high_availability", 30]] as const) {
            const run = await expandPlan(acceptancePlan(mode));
            const groups = run.ofType(LOG_GROUP).filter((g) => g.name !== "app-vpc-flow-logs");
            assert.deepEqual(groups.map((g) => `${g.inputs.name} ${g.inputs.retentionInDays}`).sort(), [`/Defang/shop/dev/ecs/postgres ${days}`, `/Defang/shop/dev/ecs/web ${days}`]);
            for (const task of run.ofType(TASK)) {
                const log = containerOf(task).logConfiguration;
                assert.equal(log.logDriver, "awslogs");
                assert.match(log.options["awslogs-group"], /^\/Defang\/shop\/dev\/ecs\/(web|postgres)$/);
            }
        }
    });
});

describe("aws/registry: ECR for services built from source", function () {
    const built = () => deploymentPlan("balanced", [service("balanced", { name: "web", image: builtImage("web") })]);

    it("creates a scanned, encrypted repository with an untagged-image expiry, and runs the image the build pushed", async () => {
        const run = await expandPlan(built(), { contexts: { web: { contextHash: "c0ffee" } } });
        const repo = run.one(REPOSITORY);
        assert.equal(repo.inputs.name, "shop-dev/web");
        assert.deepEqual(repo.inputs.imageScanningConfiguration, { scanOnPush: true });
        assert.deepEqual(repo.inputs.encryptionConfigurations, [{ encryptionType: "AES256" }]);
        assert.equal(repo.inputs.forceDelete, true, "the images are build outputs: destroy must not stop on them");
        const policy = JSON.parse(String(run.one("aws:ecr/lifecyclePolicy:LifecyclePolicy").inputs.policy));
        assert.deepEqual(policy.rules[0].selection, { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 });
        assert.deepEqual(policy.rules[0].action, { type: "expire" });
        assert.match(containerOf(run.one(TASK)).image, /^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/shop-dev\/web@sha256:[0-9a-f]{64}$/);
    });

    it("uses the images input instead, with no repository", async () => {
        const plan = built();
        plan.services[0].image = { kind: "image", image: "<provided>" };
        const run = await expandPlan(plan, { images: { web: "ghcr.io/acme/web:1.4.2" } });
        assert.equal(run.ofType(REPOSITORY).length, 0);
        assert.equal(containerOf(run.one(TASK)).image, "ghcr.io/acme/web:1.4.2");
        assert.equal(run.ofType(SERVICE).length, 1);
    });
});
