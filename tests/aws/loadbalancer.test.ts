import { strict as assert } from "assert";
import type { InfrastructureOutputs } from "../../provider/src/aws/infrastructure";
import type { Mode } from "../../provider/src/plan/types";
import type { Expansion } from "../support/pulumi";
import { expandPlan, valueOf } from "../support/pulumi";
import { acceptancePlan, deploymentPlan, service, targetGroup } from "./fixtures";

type Run = Expansion<{ outputs: Promise<unknown> }>;
const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const RULE = "aws:lb/listenerRule:ListenerRule";
const TG = "aws:lb/targetGroup:TargetGroup";
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/given";

/** Two host-routed services and a gRPC one sharing the ALB. */
function sharedPlan(mode: Mode, opts: { https?: boolean; defaultTarget?: boolean } = {}) {
    const svc = (name: string, port: number, appProtocol: "http" | "grpc", host: string) =>
        service(mode, { name, ingress: [{ port, appProtocol, targetGroup: `${name}-${port}`, hosts: [host] }], privatePorts: [{ port, protocol: "tcp" }] });
    const plan = deploymentPlan(mode, [svc("web", 8080, "http", "www.example.com"), svc("api", 3000, "http", "api.example.com"), svc("rpc", 50051, "grpc", "rpc.example.com")]);
    const lb = plan.loadBalancer!;
    lb.targetGroups = [targetGroup(mode, "web", 8080), targetGroup(mode, "api", 3000, { healthCheck: { ...lb.targetGroups[1].healthCheck, path: "/healthz", port: 3001 } }), targetGroup(mode, "rpc", 50051, { protocolVersion: "GRPC", healthCheck: { ...lb.targetGroups[2].healthCheck, matcher: "0-99" } })];
    lb.rules = [
        { priority: 10, targetGroup: "web-8080", hosts: ["www.example.com", "example.com"] },
        { priority: 20, targetGroup: "api-3000", hosts: ["api.example.com"] },
        { priority: 30, targetGroup: "rpc-50051", hosts: ["rpc.example.com"], grpc: true },
    ];
    lb.https = opts.https ?? false;
    if (!opts.defaultTarget) lb.defaultTargetGroup = undefined;
    return plan;
}

describe("aws/loadbalancer: one shared ALB", function () {
    let http: Run;
    let https: Run;
    before(async () => {
        http = await expandPlan(sharedPlan("balanced"));
        https = await expandPlan(sharedPlan("high_availability", { https: true }), { certificateArn: CERT });
    });

    it("is internet-facing in the public subnets, drops invalid headers, mitigates desync, protected in high_availability", () => {
        const lb = http.one(LB);
        assert.equal(lb.inputs.name, "shop-dev-lb-f00d");
        assert.equal(lb.inputs.internal, false);
        assert.equal(lb.inputs.loadBalancerType, "application");
        assert.equal(lb.inputs.dropInvalidHeaderFields, true);
        assert.equal(lb.inputs.desyncMitigationMode, "defensive");
        assert.equal(lb.inputs.idleTimeout, 60);
        assert.equal(lb.inputs.enableDeletionProtection, false);
        assert.equal(https.one(LB).inputs.enableDeletionProtection, true);
        assert.deepEqual(lb.inputs.securityGroups, [http.named("app-lb-sg").id]);
        assert.deepEqual(lb.inputs.subnets, http.ofType("aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-public-")).map((s) => s.id));
    });

    it("creates a target group per ingress port: IP targets, HTTP, the plan's protocol version and health check", () => {
        const tgs = Object.fromEntries(http.ofType(TG).map((t) => [t.name, t.inputs]));
        assert.deepEqual(Object.keys(tgs).sort(), ["app-api/tg/3000", "app-rpc/tg/50051", "app-web/tg/8080"]);
        const api = tgs["app-api/tg/3000"];
        assert.equal(api.targetType, "ip");
        assert.equal(api.protocol, "HTTP");
        assert.equal(api.port, 3000);
        assert.equal(api.vpcId, http.one("aws:ec2/vpc:Vpc").id);
        assert.equal(api.deregistrationDelay, 15);
        assert.deepEqual(api.healthCheck, { enabled: true, protocol: "HTTP", path: "/healthz", port: "3001", matcher: "200-399", interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 });
        assert.equal(tgs["app-web/tg/8080"].protocolVersion, "HTTP1");
        assert.equal((tgs["app-web/tg/8080"].healthCheck as { port: string }).port, "traffic-port");
        assert.equal(tgs["app-rpc/tg/50051"].protocolVersion, "GRPC");
        assert.equal((tgs["app-rpc/tg/50051"].healthCheck as { matcher: string }).matcher, "0-99");
    });

    it("without a certificate serves plain HTTP, routes by host header and answers 404 otherwise", () => {
        const [listener] = http.ofType(LISTENER);
        assert.equal(http.ofType(LISTENER).length, 1);
        assert.equal(listener.inputs.protocol, "HTTP");
        assert.equal(listener.inputs.port, 80);
        assert.deepEqual(listener.inputs.defaultActions, [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "Not Found" } }]);
        const tgArn = (name: string) => http.named(name).id;
        const rules = http
            .ofType(RULE)
            .map((r) => ({ name: r.name, listener: r.inputs.listenerArn, priority: r.inputs.priority as number, conditions: r.inputs.conditions, actions: r.inputs.actions }))
            .sort((a, b) => a.priority - b.priority);
        assert.deepEqual(rules, [
            { name: "app-web/rule/8080", listener: listener.id, priority: 10, conditions: [{ hostHeader: { values: ["www.example.com", "example.com"] } }], actions: [{ type: "forward", targetGroupArn: tgArn("app-web/tg/8080") }] },
            { name: "app-api/rule/3000", listener: listener.id, priority: 20, conditions: [{ hostHeader: { values: ["api.example.com"] } }], actions: [{ type: "forward", targetGroupArn: tgArn("app-api/tg/3000") }] },
            {
                name: "app-rpc/rule/50051",
                listener: listener.id,
                priority: 30,
                conditions: [{ hostHeader: { values: ["rpc.example.com"] } }, { httpHeader: { httpHeaderName: "content-type", values: ["application/grpc*"] } }],
                actions: [{ type: "forward", targetGroupArn: tgArn("app-rpc/tg/50051") }],
            },
        ]);
    });

    it("with a certificate serves HTTPS on a TLS 1.2/1.3 policy and only redirects HTTP to HTTPS", () => {
        const byPort = Object.fromEntries(https.ofType(LISTENER).map((l) => [l.inputs.port as number, l]));
        assert.deepEqual(Object.keys(byPort), ["80", "443"]);
        assert.equal(byPort[443].inputs.protocol, "HTTPS");
        assert.equal(byPort[443].inputs.sslPolicy, "ELBSecurityPolicy-TLS13-1-2-2021-06");
        assert.equal(byPort[443].inputs.certificateArn, CERT);
        assert.deepEqual(byPort[80].inputs.defaultActions, [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]);
        for (const rule of https.ofType(RULE)) assert.equal(rule.inputs.listenerArn, byPort[443].id);
    });

    it("forwards the default route to the plan's default target group and publishes its URL", async () => {
        const run = await expandPlan(acceptancePlan("affordable"));
        const [listener] = run.ofType(LISTENER);
        assert.deepEqual(listener.inputs.defaultActions, [{ type: "forward", targetGroupArn: run.one(TG).id }]);
        const out = (await run.value!.outputs) as InfrastructureOutputs;
        const dns = await valueOf(out.loadBalancerDnsName!);
        assert.match(dns, /^shop-dev-lb-f00d-\d+\.us-east-1\.elb\.amazonaws\.com$/);
        assert.deepEqual(await valueOf(out.endpoints), { web: `http://${dns}` });
    });

    it("falls back to HTTP when HTTPS was planned but no certificate exists", async () => {
        const run = await expandPlan(sharedPlan("balanced", { https: true }));
        assert.deepEqual(run.ofType(LISTENER).map((l) => `${l.inputs.protocol}:${l.inputs.port}`), ["HTTP:80"]);
    });
});
