// One test per rule of the Defang matrix: the case triggers it with the rule's severity, at the exact
// document location, with the service named in the message.
import * as assert from "assert";
import * as fs from "fs";
import { checkDefangRules } from "../../../provider/src/compose/defang";
import { RULES } from "../../../provider/src/compose/defang/rules";
import { fixture, goodService, workerService } from "./fixtures";
import { BUILD_ROOT, RULE_CASES } from "./rule-cases";

describe("Defang rule matrix", () => {
    after(() => fs.rmSync(BUILD_ROOT, { recursive: true, force: true }));

    it("has unique codes, each with a message and (for errors and warnings) a hint", () => {
        const codes = RULES.map((r) => r.code);
        assert.deepStrictEqual(codes.filter((c, i) => codes.indexOf(c) !== i), []);
        for (const r of RULES) {
            assert.match(r.code, /^[a-z0-9]+(-[a-z0-9]+)*$/, r.code);
            assert.ok(r.message.length > 0, r.code);
            if (r.severity !== "info") assert.ok(r.hint, `${r.code} has no hint`);
        }
    });

    it("has a test case for every rule and no case without a rule", () => {
        const codes = new Set(RULES.map((r) => r.code));
        assert.deepStrictEqual(RULES.map((r) => r.code).filter((c) => !RULE_CASES[c]), []);
        assert.deepStrictEqual(Object.keys(RULE_CASES).filter((c) => !codes.has(c)), []);
    });

    for (const rule of RULES) {
        it(`${rule.severity} ${rule.code}`, () => {
            const c = RULE_CASES[rule.code];
            const f = fixture(c.spec);
            const { diagnostics } = checkDefangRules(f.project, { mode: c.mode ?? "affordable" });
            const hit = diagnostics.find((d) => d.code === rule.code);
            assert.ok(hit, `no ${rule.code} in ${JSON.stringify(diagnostics, null, 1)}`);
            assert.strictEqual(hit.severity, rule.severity);
            const loc = f.at(...c.at);
            assert.deepStrictEqual({ file: hit.file, line: hit.line, column: hit.column }, loc);
            if (c.at[0] === "services" && c.at.length > 1) assert.ok(hit.message.startsWith(`service "${c.at[1]}": `), hit.message);
            assert.doesNotMatch(hit.message + (hit.hint ?? ""), /(?<!\$)\{\w+\}|undefined/);
        });
    }

    it("reports nothing for services that follow every rule", () => {
        const f = fixture({
            services: {
                web: goodService({
                    entrypoint: ["/bin/app"],
                    command: ["serve"],
                    read_only: true,
                    init: true,
                    labels: { team: "core" },
                    user: "1000",
                    working_dir: "/app",
                    cap_add: ["SYS_PTRACE"],
                    cap_drop: ["ALL"],
                    restart: "unless-stopped",
                    expose: ["9090"],
                    platform: "linux/arm64",
                    stop_grace_period: 30e9,
                    environment: { LOG_LEVEL: "debug", DATABASE_URL: { kind: "config", parts: ["postgres://app:", { ref: "PW" }, "@db:5432/app"] } },
                    domainname: "www.example.com",
                }),
                worker: workerService({ restart: "always", depends_on: { web: { condition: "service_healthy", required: true } } }),
            },
        });
        const { diagnostics } = checkDefangRules(f.project, { mode: "balanced" });
        assert.deepStrictEqual(diagnostics, []);
    });

    it("does not modify the project it is given", () => {
        const f = fixture({ services: { web: goodService({ ports: [{ mode: "ingress", target: 80, protocol: "udp" }], secrets: [{ source: "TOKEN" }] }) } });
        const before = JSON.stringify(f.project.services);
        checkDefangRules(f.project, { mode: "affordable" });
        assert.strictEqual(JSON.stringify(f.project.services), before);
    });
});

describe("Defang rules: a bucket or a static site runs no task", () => {
    const task = { network_mode: "service:app", extensions: { "x-defang-rollout": "canary", "x-defang-autoscaling": true } };
    const app = workerService();
    for (const [code, ext] of [["s3-stand-in", { "x-defang-s3": true }], ["static-files-no-container", { "x-defang-static-files": "/srv" }]] as const) {
        it(`${code} names the sidecar network_mode and the rollout and autoscaling it ignores`, () => {
            const f = fixture({ services: { app, w: workerService({ image: "minio/minio", network_mode: task.network_mode, extensions: { ...task.extensions, ...ext } }) } });
            const d = checkDefangRules(f.project, { mode: "balanced" }).diagnostics.find((x) => x.code === code);
            assert.ok(d, code);
            for (const field of ["network_mode", "x-defang-autoscaling", "x-defang-rollout"]) assert.ok(d.message.includes(`\`${field}\``), `${code}: ${d.message}`);
        });
    }
});
