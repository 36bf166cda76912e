// The fixups Defang applies before deploying: what the returned project looks like afterwards.
import * as assert from "assert";
import { checkDefangRules } from "../../../provider/src/compose/defang";
import type { ComposeProject, Diagnostic, ServiceConfig } from "../../../provider/src/compose/types";
import type { Mode } from "../../../provider/src/plan/modes";
import { type FixtureSpec, type ServiceSpec, fixture, goodService, workerService } from "./fixtures";

const MiB = 2 ** 20;

function run(spec: FixtureSpec, mode: Mode = "affordable"): { project: ComposeProject; diagnostics: Diagnostic[] } {
    const r = checkDefangRules(fixture(spec).project, { mode });
    return { project: r.project!, diagnostics: r.diagnostics };
}

function one(svc: ServiceSpec, mode: Mode = "affordable"): { svc: ServiceConfig; codes: string[] } {
    const { project, diagnostics } = run({ services: { s: svc } }, mode);
    return { svc: project.services.s, codes: diagnostics.map((d) => d.code) };
}

describe("Defang fixups", () => {
    describe("managed stores get a private host port", () => {
        it("postgres: 5432, or PGPORT", () => {
            assert.deepStrictEqual(one(workerService({ image: "postgres:16", extensions: { "x-defang-postgres": true } })).svc.ports, [{ mode: "host", target: 5432, protocol: "tcp" }]);
            const pg = one(workerService({ image: "postgres:16", environment: { PGPORT: "6543" }, extensions: { "x-defang-postgres": true } }));
            assert.deepStrictEqual(pg.svc.ports, [{ mode: "host", target: 6543, protocol: "tcp" }]);
            assert.ok(pg.codes.includes("store-port-added"));
        });
        it("redis: 6379, or the last --port of entrypoint + command", () => {
            assert.strictEqual(one(workerService({ image: "redis:7", extensions: { "x-defang-redis": true } })).svc.ports?.[0].target, 6379);
            const r = one(workerService({ image: "valkey/valkey:8", command: ["valkey-server", "--port", "7000", "--port", "7001"], extensions: { "x-defang-redis": true } }));
            assert.strictEqual(r.svc.ports?.[0].target, 7001);
        });
        it("mongo: 27017, 27018 for shards, 27019 for config servers, or --port", () => {
            const m = (command: string[]) => one(workerService({ image: "mongo:5", command, extensions: { "x-defang-mongodb": true } })).svc.ports?.[0].target;
            assert.strictEqual(m([]), 27017);
            assert.strictEqual(m(["mongod", "--shardsvr"]), 27018);
            assert.strictEqual(m(["mongod", "--configsvr"]), 27019);
            assert.strictEqual(m(["mongod", "--port=28000"]), 28000);
        });
        it("an unmanaged database container gets the port too (it must be reachable by name)", () => {
            const { svc, codes } = one(workerService({ image: "postgres:15" }));
            assert.strictEqual(svc.ports?.[0].mode, "host");
            assert.ok(codes.includes("stateful-image-unmanaged"));
        });
        it("ingress ports of a store become host ports, without published or app_protocol", () => {
            const { svc, codes } = one(workerService({ image: "redis:7", ports: [{ mode: "ingress", target: 6379, protocol: "tcp", published: "6379" }], extensions: { "x-defang-redis": true } }));
            assert.deepStrictEqual(svc.ports, [{ mode: "host", target: 6379, protocol: "tcp" }]);
            assert.ok(codes.includes("store-port-host"));
            assert.ok(!codes.includes("healthcheck-ingress-missing"), "a store's ports are not ingress when the ingress rules run");
        });
        it("an invalid store extension is not answered with advice to add one", () => {
            const { codes } = one(workerService({ image: "postgres:16", deploy: undefined, extensions: { "x-defang-postgres": "yes" } }));
            assert.ok(codes.includes("extension-invalid"));
            assert.ok(!codes.includes("stateful-image-unmanaged"));
        });
        it("existing host ports are kept", () => {
            const ports = [{ mode: "host" as const, target: 5433, protocol: "tcp" }];
            assert.deepStrictEqual(one(workerService({ image: "postgres:16", ports, extensions: { "x-defang-postgres": true } })).svc.ports, ports);
        });
        it("other images that merely start with a store's name are left alone", () => {
            assert.strictEqual(one(workerService({ image: "oliver006/redis_exporter:v1" })).svc.ports, undefined);
            assert.strictEqual(one(workerService({ image: "mongo-express:1" })).svc.ports, undefined);
        });
    });

    describe("ports", () => {
        it("UDP ingress becomes host", () => {
            const { svc } = one(goodService({ ports: [{ mode: "ingress", target: 80, protocol: "tcp", app_protocol: "http" }, { mode: "ingress", target: 53, protocol: "udp", published: "53" }] }));
            assert.deepStrictEqual(svc.ports?.[1], { mode: "host", target: 53, protocol: "udp" });
        });
        it("ingress without app_protocol gets http; host ports get none", () => {
            const { svc } = one(goodService({ ports: [{ mode: "ingress", target: 80, protocol: "tcp" }, { mode: "host", target: 9000, protocol: "tcp" }] }));
            assert.strictEqual(svc.ports?.[0].app_protocol, "http");
            assert.strictEqual(svc.ports?.[1].app_protocol, undefined);
        });
        it("protocol http2/grpc is read as tcp + app_protocol", () => {
            const { svc } = one(goodService({ ports: [{ mode: "ingress", target: 50051, protocol: "grpc" }] }));
            assert.deepStrictEqual(svc.ports?.[0], { mode: "ingress", target: 50051, protocol: "tcp", app_protocol: "grpc" });
        });
        it("a published range that contains the target is fine", () => {
            assert.ok(!one(goodService({ ports: [{ mode: "ingress", target: 8005, protocol: "tcp", published: "8000-8010", app_protocol: "http" }] })).codes.includes("port-published-ignored"));
        });
        it("same target on tcp and udp is not a duplicate", () => {
            const { codes } = one(workerService({ image: "coredns/coredns", ports: [{ mode: "host", target: 53, protocol: "tcp" }, { mode: "host", target: 53, protocol: "udp" }] }));
            assert.ok(!codes.includes("port-duplicate"));
        });
        it("an invalid port stops the fixups of that service", () => {
            const { svc } = one(goodService({ ports: [{ mode: "ingress", target: 80, protocol: "tcp", host_ip: "0.0.0.0" }] }));
            assert.strictEqual(svc.ports?.[0].app_protocol, undefined);
        });
    });

    describe("secrets, build, resources", () => {
        it("each service secret becomes a config reference in the environment", () => {
            const { svc } = one(workerService({ secrets: [{ source: "API_TOKEN" }, { source: "DB_PASSWORD" }], environment: { DB_PASSWORD: { kind: "config", bare: true, parts: [{ ref: "DB_PASSWORD" }] } } }));
            assert.deepStrictEqual(svc.environment.API_TOKEN, { kind: "config", bare: true, parts: [{ ref: "API_TOKEN" }] });
            assert.strictEqual(svc.secrets, undefined);
        });
        it("build args without a value are dropped", () => {
            const { svc } = one(workerService({ image: undefined, build: { context: "https://github.com/me/app.git", args: { A: "1", B: null } } }));
            assert.deepStrictEqual(svc.build?.args, { A: "1" });
        });
        it("with both build and image, the published image is deployed (as in Defang)", () => {
            const { svc } = one(workerService({ image: "me/app:1", build: { context: "https://github.com/me/app.git" } }));
            assert.strictEqual(svc.image, "me/app:1");
            assert.strictEqual(svc.build, undefined);
        });
        it("limits become the reservation when there is none", () => {
            const { svc } = one(workerService({ deploy: { resources: { limits: { cpus: 2, memory: 4096 * MiB } } } }));
            assert.deepStrictEqual(svc.deploy?.resources?.reservations, { cpus: 2, memory: 4096 * MiB });
        });
        it("mem_limit / mem_reservation / cpus fold into deploy.resources unless set there", () => {
            const { svc, codes } = one(workerService({ mem_limit: 1024 * MiB, mem_reservation: 64 * MiB, other: { cpus: "1.5" } }));
            assert.deepStrictEqual(svc.deploy?.resources?.limits, { memory: 1024 * MiB, cpus: 1.5 });
            assert.strictEqual(svc.deploy?.resources?.reservations?.memory, 256 * MiB, "the explicit reservation wins");
            assert.strictEqual(codes.filter((c) => c === "resources-folded").length, 2);
        });
        it("gpus: all becomes one GPU device reservation", () => {
            const { svc } = one(workerService({ other: { gpus: "all" } }));
            assert.deepStrictEqual(svc.deploy?.resources?.reservations?.devices, [{ capabilities: ["gpu"], count: 1 }]);
        });
        it("gpus as a list keeps driver and count", () => {
            const { svc } = one(workerService({ other: { gpus: [{ driver: "nvidia", count: 2 }] } }));
            assert.deepStrictEqual(svc.deploy?.resources?.reservations?.devices, [{ capabilities: ["gpu"], count: 2, driver: "nvidia" }]);
        });
        it("a LiteLLM image with x-defang-llm and no ports listens on host port 4000", () => {
            const { svc } = one(workerService({ image: "litellm/litellm:v1.92.0", extensions: { "x-defang-llm": true } }));
            assert.deepStrictEqual(svc.ports, [{ mode: "host", target: 4000, protocol: "tcp" }]);
        });
    });

    describe("mode rules", () => {
        it("high_availability is quiet with 2 replicas or autoscaling, and for stores and jobs", () => {
            const { diagnostics } = run(
                {
                    services: {
                        a: workerService({ deploy: { replicas: 2, resources: { reservations: { memory: 256 * MiB } } } }),
                        b: workerService({ extensions: { "x-defang-autoscaling": { min: 1, max: 4 } } }),
                        db: workerService({ image: "postgres:16", extensions: { "x-defang-postgres": true } }),
                        job: workerService({ restart: "no" }),
                    },
                },
                "high_availability",
            );
            assert.deepStrictEqual(diagnostics.filter((d) => d.code === "ha-single-replica"), []);
        });
        it("high_availability warns at the service when replicas are not set", () => {
            const f = fixture({ services: { a: workerService() } });
            const d = checkDefangRules(f.project, { mode: "high_availability" }).diagnostics.find((x) => x.code === "ha-single-replica");
            assert.strictEqual(d?.line, f.at("services", "a").line);
        });
        it("autoscaling is only warned about in affordable", () => {
            const spec = { services: { a: workerService({ extensions: { "x-defang-autoscaling": true } }) } };
            assert.ok(!run(spec, "balanced").diagnostics.some((d) => d.code === "autoscaling-affordable"));
        });
    });

    describe("healthchecks", () => {
        it("an ingress service whose healthcheck is NONE gets the GET / warning at the healthcheck", () => {
            const f = fixture({ services: { web: goodService({ healthcheck: { test: ["NONE"] } }) } });
            const d = checkDefangRules(f.project, { mode: "affordable" }).diagnostics.find((x) => x.code === "healthcheck-ingress-missing");
            assert.strictEqual(d?.line, f.at("services", "web", "healthcheck").line);
        });
        it("a shell test that calls localhost without a scheme counts as local", () => {
            assert.ok(!one(goodService({ healthcheck: { test: ["CMD-SHELL", "wget -qO- 127.0.0.1:80/health || exit 1"] } })).codes.includes("healthcheck-ingress-not-http"));
        });
        it("timeout = interval is only refused with an ingress port (the load balancer needs timeout < interval)", () => {
            const hc = { test: ["CMD", "redis-cli", "ping"], interval: 10e9, timeout: 10e9 };
            assert.ok(!one(workerService({ healthcheck: hc })).codes.includes("healthcheck-timeout-interval"));
            assert.ok(one(workerService({ healthcheck: { ...hc, timeout: 11e9 } })).codes.includes("healthcheck-timeout-interval"));
        });
        it("the default timeout (5s) is compared with the given interval", () => {
            assert.ok(one(goodService({ healthcheck: { test: ["CMD", "curl", "http://localhost/"], interval: 5e9 } })).codes.includes("healthcheck-timeout-interval"));
            assert.ok(!one(goodService({ healthcheck: { test: ["CMD", "curl", "http://localhost/"], interval: 6e9 } })).codes.includes("healthcheck-timeout-interval"));
        });
    });

    it("names that only differ by case or _ collide; distinct names do not", () => {
        const { diagnostics } = run({ services: { Api: workerService(), api_v2: workerService(), "api-v3": workerService() } });
        assert.deepStrictEqual(diagnostics.filter((d) => d.code.startsWith("service-name")), []);
        assert.ok(run({ services: { API: workerService(), api: workerService() } }).diagnostics.some((d) => d.code === "service-name-collision"));
    });
});
