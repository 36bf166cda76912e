// Issue 11, classes 2, 7 and 8 end to end (compose text → offline plan): admin-like policies are warned
// about at their line and fail IAM-05 in high_availability; colliding parameter names and invalid image
// references are located errors; ECR pull ARNs never hold a wildcard; every tag fits AWS's limits.
import { strict as assert } from "assert";
import { runOfflinePlan } from "../../provider/src/offline/plan";
import { checkPolicies } from "../../provider/src/policy";
import { planDeployment } from "../../provider/src/plan";
import { opts, project, svc } from "../plan/fixtures";
import type { Mode } from "../../provider/src/plan/types";

const ADMIN = `name: shop
services:
  web:
    image: nginx:1.27
    x-defang-policies:
      - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
      - arn:aws:iam::aws:policy/AdministratorAccess
  worker:
    image: busybox:1.36
    x-defang-policies: IAMFullAccess, app-read
`;

describe("issue 11: admin policies, parameter names, image references, tags", function () {
    it("warns at each admin-like x-defang-policies entry, with a hint, never for scoped ones", async () => {
        const r = await runOfflinePlan({ composeYaml: ADMIN, mode: "affordable" });
        const hits = r.diagnostics.filter((d) => d.code === "policy-admin-like");
        assert.deepEqual(hits.map((d) => [d.severity, d.line]), [["warning", 7], ["warning", 10]]);
        assert.match(hits[0].message, /AdministratorAccess/);
        assert.match(hits[0].hint ?? "", /scoped/);
        assert.ok(!r.diagnostics.some((d) => d.severity === "error"), JSON.stringify(r.diagnostics));
    });

    for (const mode of ["affordable", "balanced", "high_availability"] as Mode[]) {
        it(`IAM-05 over the planned graph: ${mode === "high_availability" ? "mandatory" : "advisory"} in ${mode}`, async () => {
            const r = await runOfflinePlan({ composeYaml: ADMIN, mode });
            const v = checkPolicies(r.resources, mode).filter((x) => x.rule === "IAM-05");
            // AdministratorAccess on web, and the bare name IAMFullAccess on worker (as an account policy ARN: not AWS-managed, so no finding).
            assert.equal(v.length, 1, JSON.stringify(v));
            assert.match(v[0].message, /AdministratorAccess/);
            assert.equal(v[0].mandatory, mode === "high_availability");
        });
    }

    it("refuses environment keys that fold into one SSM parameter, at the second key", async () => {
        const yaml = "name: shop\nservices:\n  api:\n    image: nginx:1.27\n    environment:\n      API_TOKEN: v4lue-first\n      API TOKEN: v4lue-second\n";
        const r = await runOfflinePlan({ composeYaml: yaml, mode: "affordable" });
        const hit = r.diagnostics.find((d) => d.code === "parameter-name-collision");
        assert.ok(hit, JSON.stringify(r.diagnostics));
        assert.deepEqual([hit.severity, hit.line], ["error", 7]);
        assert.match(hit.message, /"API TOKEN" and "API_TOKEN"/);
        assert.doesNotMatch(hit.message + hit.hint, /v4lue/);
        // Across services the service name keeps the parameters apart.
        const two = "name: shop\nservices:\n  a:\n    image: nginx:1.27\n    environment:\n      API_TOKEN: one\n  b:\n    image: nginx:1.27\n    environment:\n      API_TOKEN: two\n";
        const ok = await runOfflinePlan({ composeYaml: two, mode: "affordable" });
        assert.ok(!ok.diagnostics.some((d) => d.code === "parameter-name-collision"));
        const names = ok.resources.filter((x) => x.type === "aws:ssm/parameter:Parameter").map((x) => String(x.inputs.name));
        assert.equal(new Set(names).size, names.length);
    });

    it("refuses an image with `*` at its line, and keeps ECR pull ARNs free of wildcards", async () => {
        const yaml = "name: shop\nservices:\n  web:\n    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/*:latest\n";
        const r = await runOfflinePlan({ composeYaml: yaml, mode: "affordable" });
        const hit = r.diagnostics.find((d) => d.code === "image-reference-invalid");
        assert.ok(hit, JSON.stringify(r.diagnostics));
        assert.deepEqual([hit.severity, hit.line], ["error", 4]);

        const good = "name: shop\nservices:\n  web:\n    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1\n  api:\n    build: {context: .}\n";
        const g = await runOfflinePlan({ composeYaml: good, mode: "affordable", workingDir: __dirname });
        const ecr = g.resources
            .filter((x) => x.type === "aws:iam/rolePolicy:RolePolicy")
            .flatMap((x) => (JSON.parse(String(x.inputs.policy)).Statement as Array<{ Action: unknown; Resource: unknown }>))
            .filter((s) => JSON.stringify(s.Action).includes("ecr:"))
            .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).map(String));
        assert.ok(ecr.includes("arn:aws:ecr:us-east-1:123456789012:repository/shop/web"), JSON.stringify(ecr));
        // The only documented `*`: ecr:GetAuthorizationToken, which AWS cannot scope.
        for (const arn of ecr.filter((a) => a !== "*")) assert.doesNotMatch(arn, /\*/);
    });

    it("refuses an invalid image in the component's images input (image-input-invalid)", () => {
        const p = project([svc("web", { image: undefined, build: { context: "/app" } })]);
        const r = planDeployment(p, opts("affordable", { images: { web: "123456789012.dkr.ecr.us-east-1.amazonaws.com/*" } }));
        const hit = r.diagnostics.find((d) => d.code === "image-input-invalid");
        assert.ok(hit && hit.severity === "error", JSON.stringify(r.diagnostics));
        assert.match(hit.message, /service web/);
        const ok = planDeployment(p, opts("affordable", { images: { web: "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v7" } }));
        assert.ok(!ok.diagnostics.some((d) => d.severity === "error"), JSON.stringify(ok.diagnostics));
    });

    it("fits every tag to AWS's limits (keys ≤ 128, values ≤ 256) with a 63-character project and long names", async () => {
        const long = (c: string) => `${c}${"x".repeat(300)}`;
        const svcName = (c: string) => `${c}${"x".repeat(62)}`;
        const yaml = `name: ${"p".repeat(63)}
services:
  ${svcName("a")}:
    image: nginx:1.27
    ports: ["80:80"]
    networks: [${long("n")}]
  ${svcName("b")}:
    image: nginx:1.27
    networks: [${long("n")}]
networks:
  ${long("n")}: {}
`;
        const r = await runOfflinePlan({ composeYaml: yaml, mode: "balanced" });
        assert.ok(!r.diagnostics.some((d) => d.severity === "error"), JSON.stringify(r.diagnostics.filter((d) => d.severity === "error")));
        let checked = 0;
        const names = new Set<string>();
        for (const res of r.resources) {
            const tags = (res.inputs.tags ?? {}) as Record<string, string>;
            for (const [k, v] of Object.entries(tags)) {
                assert.ok(k.length <= 128, `${res.type} ${res.name}: tag key ${k.length} chars`);
                assert.ok(String(v).length <= 256, `${res.type} ${res.name}: ${k} is ${String(v).length} chars`);
                checked++;
            }
            if (res.type === "aws:ec2/securityGroup:SecurityGroup" && tags.Name) names.add(tags.Name);
        }
        assert.ok(checked > 100);
        // Two long security group names that share their first 256 characters still differ (hash).
        assert.ok(names.size >= 3, JSON.stringify([...names]));
    });
});
