import { strict as assert } from "assert";
import { planDeployment } from "../../provider/src/plan";
import { MAX_PRIORITY, assignPriorities } from "../../provider/src/plan/priorities";
import type { PlanOptions } from "../../provider/src/plan/types";
import { FakeSources, curl, host, ingress, opts, project, svc } from "./fixtures";

type Svc = ReturnType<typeof svc>;

function plan(services: Svc[], more: Partial<PlanOptions> = {}, sources = new FakeSources()) {
    const r = planDeployment(project(services, { sources }), opts("affordable", more));
    return { r, p: r.plan!, lb: r.plan?.loadBalancer };
}

const web = (name: string, port: number, fields: Partial<Svc> = {}) => svc(name, { image: `${name}:1`, ports: [ingress(port)], ...fields });

describe("plan/exposure: ports", () => {
    it("sends ingress ports to the ALB and keeps them privately reachable; host ports stay private", () => {
        const { p, lb } = plan([web("web", 3000, { ports: [ingress(3000), host(9090)] })]);
        const s = p.services[0];
        assert.deepEqual(s.ingress, [{ port: 3000, appProtocol: "http", targetGroup: "web-3000", hosts: [] }]);
        assert.deepEqual(s.privatePorts, [
            { port: 3000, protocol: "tcp" },
            { port: 9090, protocol: "tcp" },
        ]);
        assert.deepEqual(s.loadBalancerPorts, [3000]);
        assert.equal(lb?.targetGroups.length, 1);
    });

    it("has no load balancer when nothing is ingress", () => {
        const { p } = plan([svc("worker", { image: "w:1", ports: [host(5000)] })]);
        assert.equal(p.loadBalancer, undefined);
        assert.deepEqual(p.services[0].ingress, []);
    });

    it("parses expose entries (ports, ranges, protocols) into private ports", () => {
        const { p } = plan([svc("dns", { image: "d:1", expose: ["53/udp", "8000-8002", "9000"] })]);
        assert.deepEqual(p.services[0].privatePorts, [
            { port: 53, protocol: "udp" },
            { port: 8000, protocol: "tcp" },
            { port: 8001, protocol: "tcp" },
            { port: 8002, protocol: "tcp" },
            { port: 9000, protocol: "tcp" },
        ]);
        const bad = plan([svc("x", { image: "x", expose: ["1-500"] })]).r;
        assert.ok(bad.diagnostics.some((d) => d.code === "expose-invalid"));
    });

    it("treats a UDP ingress port as private (an ALB cannot carry it)", () => {
        const { p } = plan([svc("game", { image: "g", ports: [{ mode: "ingress", target: 7777, protocol: "udp" }] })]);
        assert.equal(p.loadBalancer, undefined);
        assert.deepEqual(p.services[0].privatePorts, [{ port: 7777, protocol: "udp" }]);
    });
});

describe("plan/exposure: target groups and health checks", () => {
    it("takes path and port from the first localhost URL of the healthcheck", () => {
        const { lb } = plan([web("web", 8000, { healthcheck: curl("http://localhost:8000/health/") })]);
        const tg = lb!.targetGroups[0];
        assert.deepEqual(tg.healthCheck, { path: "/health/", matcher: "200-399", intervalSeconds: 15, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 3 });
        assert.equal(tg.protocolVersion, "HTTP1");
        assert.match(tg.name, /^shop-prod-web-8000-[0-9a-f]{8}$/);
    });

    it("reads 127.0.0.1 URLs without a scheme, and shell forms with queries", () => {
        assert.equal(plan([web("b", 3000, { healthcheck: curl("127.0.0.1:3000") })]).lb!.targetGroups[0].healthCheck.path, "/");
        const shell = { test: ["CMD-SHELL", "wget -qO- 'http://127.0.0.1:3000/api/health?full=1' || exit 1"] };
        assert.equal(plan([web("b", 3000, { healthcheck: shell })]).lb!.targetGroups[0].healthCheck.path, "/api/health");
    });

    it("uses the traffic port when the URL's port is a variable", () => {
        const shell = { test: ["CMD-SHELL", "curl -f http://localhost:${PORT}/up || exit 1"] };
        const hc = plan([web("b", 3000, { healthcheck: shell })]).lb!.targetGroups[0].healthCheck;
        assert.deepEqual([hc.path, hc.port], ["/up", undefined]);
    });

    it("checks another port when the healthcheck URL names one, and opens it to the ALB", () => {
        const { p, lb } = plan([web("web", 8080, { healthcheck: curl("http://localhost:8081/ready") })]);
        assert.equal(lb!.targetGroups[0].healthCheck.port, 8081);
        assert.deepEqual(p.services[0].loadBalancerPorts, [8080, 8081]);
    });

    it("defaults to / on the traffic port without a usable URL (or with NONE)", () => {
        for (const healthcheck of [undefined, { test: ["CMD", "pg_isready"] }, { test: ["NONE"] }]) {
            const hc = plan([web("web", 80, { healthcheck })]).lb!.targetGroups[0].healthCheck;
            assert.deepEqual([hc.path, hc.port], ["/", undefined]);
        }
    });

    it("follows the compose interval, timeout and retries within ALB limits", () => {
        const healthcheck = { ...curl("http://localhost:80/"), interval: 3e9, timeout: 10e9, retries: 12 };
        const hc = plan([web("web", 80, { healthcheck })]).lb!.targetGroups[0].healthCheck;
        assert.deepEqual([hc.intervalSeconds, hc.timeoutSeconds, hc.unhealthyThreshold], [5, 4, 10]);
    });

    it("honours app_protocol: HTTP2, and gRPC with its health path, 0-99 matcher and content-type rule", () => {
        const { lb } = plan([web("h2", 8000, { ports: [ingress(8000, "http2")], domainname: "h2.example.com" }), web("rpc", 9000, { ports: [ingress(9000, "grpc")], domainname: "rpc.example.com" })]);
        const [h2, rpc] = lb!.targetGroups;
        assert.deepEqual([h2.protocolVersion, rpc.protocolVersion], ["HTTP2", "GRPC"]);
        assert.deepEqual([rpc.healthCheck.path, rpc.healthCheck.matcher], ["/AWS.ALB/healthcheck", "0-99"]);
        assert.equal(lb!.rules.find((r) => r.targetGroup === "rpc-9000")?.grpc, true);
        assert.equal(lb!.rules.find((r) => r.targetGroup === "h2-8000")?.grpc, undefined);
    });

    it("refuses more than 100 listener rules and more than 25 certificates on one ALB", () => {
        // 9 names per service: 2 rules (5 host values each at most) and one certificate of 9 names (ACM allows 10).
        const aliases = (i: number) => Array.from({ length: 9 }, (_, k) => `h${k}.s${i}.example.com`);
        const many = Array.from({ length: 51 }, (_, i) => web(`s${i}`, 8000, { networks: { default: { aliases: aliases(i) } } }));
        const sources = new FakeSources();
        many.forEach((_, i) => sources.set(["services", `s${i}`, "ports", 0], 1000 + i).set(["services", `s${i}`, "domainname"], 2000 + i));
        const { r } = plan(many, {}, sources);
        const codes = r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
        assert.deepEqual(codes, ["alb-too-many-rules", "alb-too-many-certificates"]);
        // Each at the place that crosses the quota: the 101st rule's port, the 26th certificate's service.
        const line = (code: string) => r.diagnostics.find((d) => d.code === code)?.line;
        assert.equal(line("alb-too-many-rules"), 1050);
        assert.equal(line("alb-too-many-certificates"), 2025);
        assert.ok(plan(many.slice(0, 3)).r.plan);
    });

    it("refuses a certificate holding more names than ACM allows (10), at the service", () => {
        const names = (n: number) => Array.from({ length: n }, (_, k) => `h${k}.web.example.com`);
        const { r } = plan([web("web", 8000, { networks: { default: { aliases: names(11) } } })]);
        const errors = r.diagnostics.filter((d) => d.severity === "error");
        assert.deepEqual(errors.map((d) => d.code), ["aws-quota-exceeded"]);
        assert.match(errors[0].message, /service web: its certificate would need 11 names; ACM allows 10/);
        assert.ok(plan([web("web", 8000, { networks: { default: { aliases: names(10) } } })]).r.plan, "10 names fit");
    });

    it("puts a parent domain first on the certificate of a name longer than 64 characters, and refuses one with none short enough", () => {
        const long = `${"a".repeat(60)}.example.com`;
        const ok = plan([web("web", 8000, { domainname: long })]);
        assert.ok(ok.r.plan, JSON.stringify(ok.r.diagnostics));
        assert.deepEqual(ok.lb!.certificates.map((c) => c.domains), [[long]]);
        const hopeless = `${"b".repeat(10)}.${"c".repeat(62)}.com`;
        const { r } = plan([web("web", 8000, { domainname: hopeless })]);
        const errors = r.diagnostics.filter((d) => d.severity === "error");
        assert.deepEqual(errors.map((d) => d.code), ["aws-name-too-long"]);
        assert.match(errors[0].message, /a certificate's first name \(its common name\) may have 64/);
    });

    it("refuses more than 100 target groups on one ALB", () => {
        const many = Array.from({ length: 101 }, (_, i) => web(`s${i}`, 8000));
        const sources = new FakeSources();
        many.forEach((_, i) => sources.set(["services", `s${i}`, "ports", 0], 1000 + i));
        const { r } = plan(many, { domain: { name: "example.com" } }, sources);
        const e = r.diagnostics.find((d) => d.code === "alb-too-many-target-groups" && d.severity === "error");
        assert.equal(e?.line, 1100, "at the port that crosses the quota");
        assert.equal(r.plan, undefined);
    });
});

describe("plan/exposure: routing", () => {
    it("serves a single ingress service on the ALB address", () => {
        const { lb } = plan([web("web", 80)]);
        assert.deepEqual([lb!.defaultTargetGroup, lb!.rules, lb!.https], ["web-80", [], false]);
    });

    it("warns which service the ALB address serves when several cannot be told apart", () => {
        const sources = new FakeSources().set(["services", "api", "ports", 0], 21, 9);
        const { lb, r } = plan([web("web", 80), web("api", 8080)], {}, sources);
        assert.equal(lb!.defaultTargetGroup, "web-80");
        const d = r.diagnostics.find((x) => x.code === "ingress-unrouted");
        assert.ok(d);
        assert.deepEqual([d.severity, d.line, d.column], ["warning", 21, 9]);
        assert.match(d.message, /api port 8080.*serves web port 80/);
        assert.match(d.hint ?? "", /domainname.*domain\.name/);
    });

    it("routes by domainname (plus FQDN network aliases) with a certificate per service", () => {
        const api = web("api", 8080, { domainname: "API.Example.com", networks: { default: { aliases: ["www.example.com", "backend"] } } });
        const { p, lb } = plan([web("web", 80), api]);
        assert.deepEqual(p.services[1].ingress[0].hosts, ["api.example.com", "www.example.com"]);
        assert.deepEqual(p.services[1].aliases, ["backend"]);
        assert.equal(lb!.defaultTargetGroup, "web-80");
        assert.deepEqual(lb!.rules.map((r) => [r.targetGroup, r.hosts]), [["api-8080", ["api.example.com", "www.example.com"]]]);
        assert.deepEqual(lb!.certificates, [{ domains: ["api.example.com", "www.example.com"], service: "api" }]);
        assert.equal(lb!.https, true);
    });

    it("publishes every ingress port under domain.name with one wildcard certificate", () => {
        const { p, lb } = plan([web("web", 80, { ports: [ingress(80), ingress(9000)] }), web("api", 8080)], { domain: { name: "apps.example.com", zoneId: "Z1" } });
        assert.deepEqual(p.services.map((s) => s.ingress.map((i) => i.hosts)), [[["web.apps.example.com"], ["web--9000.apps.example.com"]], [["api.apps.example.com"]]]);
        assert.deepEqual(lb!.certificates, [{ domains: ["*.apps.example.com"], zoneId: "Z1" }]);
        assert.equal(lb!.defaultTargetGroup, undefined);
        assert.equal(lb!.rules.length, 3);
    });

    it("routes the apex too when the project has exactly one ingress port", () => {
        const { p, lb } = plan([web("web", 80)], { domain: { name: "example.com" } });
        assert.deepEqual(p.services[0].ingress[0].hosts, ["web.example.com", "example.com"]);
        assert.deepEqual(lb!.certificates, [{ domains: ["*.example.com", "example.com"] }]);
        assert.equal(lb!.defaultTargetGroup, "web-80");
    });

    it("uses the caller's certificate for hosts under domain.name", () => {
        const { lb } = plan([web("web", 80), web("api", 81, { domainname: "x.other.org" })], { domain: { name: "example.com", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" } });
        assert.equal(lb!.certificateArn, "arn:aws:acm:us-east-1:123456789012:certificate/abc");
        assert.deepEqual(lb!.certificates, [{ domains: ["x.other.org"], service: "api" }]);
        assert.equal(lb!.https, true);
    });

    it("splits hosts into rules of five condition values (four for gRPC)", () => {
        const aliases = ["a.example.com", "b.example.com", "c.example.com", "d.example.com", "e.example.com", "f.example.com"];
        const { lb } = plan([web("web", 80, { networks: { default: { aliases } } })]);
        assert.deepEqual(lb!.rules.map((r) => r.hosts.length).sort(), [1, 5]);
        assert.equal(new Set(lb!.rules.map((r) => r.priority)).size, 2);
    });

    it("rejects one host claimed by two services", () => {
        const { r } = plan([web("a", 80, { domainname: "x.example.com" }), web("b", 81, { domainname: "x.example.com" })]);
        assert.ok(r.diagnostics.some((d) => d.code === "host-conflict" && d.severity === "error"));
        assert.ok(plan([web("a", 80, { domainname: "not a host" })]).r.diagnostics.some((d) => d.code === "domainname-invalid"));
        assert.ok(plan([web("a", 80)], { domain: { name: "nodots" } }).r.diagnostics.some((d) => d.code === "domain-invalid"));
    });
});

describe("plan/exposure: listener-rule priorities", () => {
    const names = ["web", "api", "admin", "docs", "status"];
    const services = names.map((n, i) => web(n, 8000 + i));

    it("are unique and within 1..50000", () => {
        const { lb } = plan(services, { domain: { name: "example.com" } });
        const ps = lb!.rules.map((r) => r.priority);
        assert.equal(new Set(ps).size, ps.length);
        assert.ok(ps.every((x) => x >= 1 && x <= MAX_PRIORITY));
    });

    it("do not move when a service is added or removed", () => {
        const before = plan(services, { domain: { name: "example.com" } }).lb!;
        const added = plan([...services, web("billing", 9100)], { domain: { name: "example.com" } }).lb!;
        const removed = plan(services.slice(1), { domain: { name: "example.com" } }).lb!;
        const byTg = (rules: typeof before.rules) => Object.fromEntries(rules.map((r) => [r.targetGroup, r.priority]));
        const b = byTg(before.rules);
        const a = byTg(added.rules);
        const r = byTg(removed.rules);
        for (const tg of Object.keys(b)) assert.equal(a[tg], b[tg], tg);
        for (const tg of Object.keys(r)) assert.equal(r[tg], b[tg], tg);
    });

    it("resolve collisions deterministically", () => {
        const keys = Array.from({ length: 3000 }, (_, i) => `svc${i}:80:0`);
        const once = assignPriorities(keys);
        assert.equal(new Set(once.values()).size, 3000);
        assert.deepEqual([...assignPriorities([...keys].reverse()).entries()].sort(), [...once.entries()].sort());
    });
});
