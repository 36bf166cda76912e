// The x-defang-* schema: every shape Defang accepts is accepted and read into `service.defang`; every
// bad value is an `extension-invalid` error located at the offending value, saying what is accepted.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { checkDefangRules } from "../../../provider/src/compose/defang";
import type { DefangServiceExtensions } from "../../../provider/src/compose/types";
import { fixture, workerService } from "./fixtures";
import { CORPUS, corpusComposeFiles } from "./corpus";

function run(extensions: Record<string, unknown>, image = "busybox:1.36") {
    const f = fixture({ services: { w: workerService({ image, extensions }) } });
    const result = checkDefangRules(f.project, { mode: "balanced" });
    return { f, diagnostics: result.diagnostics, defang: result.project!.services.w.defang };
}

function accepted(key: string, value: unknown, expected: DefangServiceExtensions, image?: string) {
    const { diagnostics, defang } = run({ [key]: value }, image);
    assert.deepStrictEqual(diagnostics.filter((d) => d.code.includes("extension")), [], `${key}: ${JSON.stringify(value)}`);
    assert.deepStrictEqual(defang, expected);
}

function rejected(key: string, value: unknown, at: Array<string | number>, hint: RegExp) {
    const { f, diagnostics, defang } = run({ [key]: value });
    const errors = diagnostics.filter((d) => d.code === "extension-invalid");
    assert.strictEqual(errors.length, 1, JSON.stringify(diagnostics));
    assert.strictEqual(errors[0].severity, "error");
    assert.deepStrictEqual({ line: errors[0].line, column: errors[0].column }, (({ line, column }) => ({ line, column }))(f.at("services", "w", key, ...at)));
    assert.match(errors[0].hint ?? "", hint);
    assert.deepStrictEqual(defang, {}, "an invalid value is not read");
}

describe("x-defang extensions", () => {
    describe("accepted shapes", () => {
        for (const store of ["postgres", "redis", "mongodb"] as const) {
            const key = `x-defang-${store}`;
            const image = { postgres: "postgres:16", redis: "redis:7", mongodb: "mongo:5" }[store];
            it(`${key}: true, "true" and {allow-downtime, from-snapshot}`, () => {
                accepted(key, true, { [store]: {} }, image);
                accepted(key, "true", { [store]: {} }, image);
                accepted(key, {}, { [store]: {} }, image);
                accepted(key, { "allow-downtime": true, "from-snapshot": "snap-1" }, { [store]: { allowDowntime: true, fromSnapshot: "snap-1" } }, image);
            });
        }
        it("x-defang-llm: true or an object", () => {
            accepted("x-defang-llm", true, { llm: true });
            accepted("x-defang-llm", { model: "anthropic.claude" }, { llm: { model: "anthropic.claude" } });
        });
        it("x-defang-autoscaling: true or {min, max, target}", () => {
            accepted("x-defang-autoscaling", true, { autoscaling: {} });
            accepted("x-defang-autoscaling", { min: 2, max: 6, target: 70 }, { autoscaling: { min: 2, max: 6, target: 70 } });
            accepted("x-defang-autoscaling", { max: 4 }, { autoscaling: { max: 4 } });
            accepted("x-defang-autoscaling", { cpu: 60, memory: 75, requests: 500 }, { autoscaling: { target: 60, memory: 75, requests: 500 } });
        });
        it("x-defang-rollout: a strategy, or {strategy, alarms}", () => {
            for (const strategy of ["rolling", "canary", "linear", "blue-green"] as const) accepted("x-defang-rollout", strategy, { rollout: { strategy } });
            accepted("x-defang-rollout", { strategy: "canary", alarms: false }, { rollout: { strategy: "canary", alarms: false } });
            accepted("x-defang-rollout", { alarms: false }, { rollout: { alarms: false } });
        });
        it("x-defang-static-files: a folder or {folder, redirects}", () => {
            accepted("x-defang-static-files", "/app/dist", { staticFiles: { folder: "/app/dist" } });
            accepted("x-defang-static-files", { folder: "/static", redirects: ["/old"] }, { staticFiles: { folder: "/static", redirects: ["/old"] } });
        });
        it("x-defang-dns-role: an IAM role ARN", () => {
            accepted("x-defang-dns-role", "arn:aws:iam::123456789012:role/dns/Route53Admin", { dnsRole: "arn:aws:iam::123456789012:role/dns/Route53Admin" });
        });
        it("x-defang-policies: ARNs or names, a comma-separated string or a list", () => {
            accepted("x-defang-policies", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", { policies: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] });
            accepted("x-defang-policies", "my-policy, arn:aws:iam::123456789012:policy/team/other", {
                policies: ["my-policy", "arn:aws:iam::123456789012:policy/team/other"],
            });
            accepted("x-defang-policies", ["a-policy", "b,c"], { policies: ["a-policy", "b", "c"] });
        });
    });

    describe("rejected values, located at the value", () => {
        it("a store flag that is not true", () => rejected("x-defang-postgres", false, [], /remove `x-defang-postgres` to turn it off/));
        it("a store option of the wrong type", () => rejected("x-defang-redis", { "allow-downtime": "yes" }, ["allow-downtime"], /allow-downtime: true\|false/));
        it("a misspelt store option, with the closest name", () => rejected("x-defang-postgres", { allow_downtime: true }, ["allow_downtime"], /did you mean `allow-downtime`/));
        it("an empty snapshot name", () => rejected("x-defang-mongodb", { "from-snapshot": "" }, ["from-snapshot"], /from-snapshot/));
        it("x-defang-llm as a number", () => rejected("x-defang-llm", 3, [], /`true`, or an object/));
        it("autoscaling target above 100", () => rejected("x-defang-autoscaling", { target: 150 }, ["target"], /CPU percent 1-100/));
        it("autoscaling on memory above 100", () => rejected("x-defang-autoscaling", { memory: 101 }, ["memory"], /memory percent 1-100/));
        it("autoscaling with two CPU targets", () => rejected("x-defang-autoscaling", { target: 60, cpu: 70 }, ["cpu"], /`target` is `cpu`/));
        it("an unknown rollout strategy", () => rejected("x-defang-rollout", "big-bang", [], /rolling`, `canary`, `linear` or `blue-green`/));
        it("autoscaling min of 0", () => rejected("x-defang-autoscaling", { min: 0 }, ["min"], /positive integers/));
        it("autoscaling with a fractional max", () => rejected("x-defang-autoscaling", { max: 2.5 }, ["max"], /positive integers/));
        it("autoscaling min above max", () => rejected("x-defang-autoscaling", { min: 5, max: 2 }, ["min"], /min ≤ max/));
        it("static files without a folder", () => rejected("x-defang-static-files", { redirects: ["/a"] }, [], /folder/));
        it("static files with a numeric redirect", () => rejected("x-defang-static-files", { folder: "/s", redirects: [3] }, ["redirects", 0], /redirects/));
        it("a DNS role that is not a role ARN", () => rejected("x-defang-dns-role", "arn:aws:iam::123456789012:user/bob", [], /role ARN/));
        it("a policy with a space in its name", () => rejected("x-defang-policies", "my policy", [], /policy ARN or customer-managed policy name/));
        it("a policy list with a non-string", () => rejected("x-defang-policies", ["ok", 7], [1], /policy ARN/));
    });

    it("reads nothing from unknown keys and names the closest extension", () => {
        const { diagnostics, defang } = run({ "x-defang-autoscale": true, "x-custom": 1 });
        const unknown = diagnostics.find((d) => d.code === "defang-extension-unknown");
        assert.match(unknown?.hint ?? "", /did you mean `x-defang-autoscaling`/);
        assert.strictEqual(diagnostics.find((d) => d.code === "extension-unknown")?.severity, "warning");
        assert.deepStrictEqual(defang, {});
    });

    it("lists the known extensions when nothing is close", () => {
        const { diagnostics } = run({ "x-defang-frobnicator": true });
        assert.match(diagnostics.find((d) => d.code === "defang-extension-unknown")?.hint ?? "", /x-defang-postgres, x-defang-redis/);
    });

    it("reads top-level x-defang-aws.alarmTopicArn, refuses a malformed one at its value and the settings the component takes as inputs", () => {
        const check = (aws: unknown) => {
            const f = fixture({ services: { w: workerService() }, extensions: { "x-defang-aws": aws } });
            return { f, diagnostics: checkDefangRules(f.project, { mode: "balanced" }).diagnostics };
        };
        assert.deepStrictEqual(check({ alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:ops" }).diagnostics, []);
        const bad = check({ alarmTopicArn: "ops-topic" });
        assert.deepStrictEqual(bad.diagnostics.map((d) => [d.code, d.line]), [["extension-invalid", bad.f.at("x-defang-aws", "alarmTopicArn").line]]);
        const elsewhere = check({ alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:ops", projectDomain: "example.com" }).diagnostics;
        assert.deepStrictEqual(elsewhere.map((d) => d.code), ["defang-aws-option-unsupported"]);
        assert.match(elsewhere[0].hint ?? "", /domain\.name/);
    });

    it("leaves top-level x-* anchors alone", () => {
        const f = fixture({ services: { w: workerService() }, extensions: { "x-common": { restart: "always" } } });
        assert.deepStrictEqual(checkDefangRules(f.project, { mode: "affordable" }).diagnostics, []);
    });

    it("accepts every x-defang-* use in the corpus", function () {
        const files = corpusComposeFiles();
        if (!files.length) this.skip();
        let uses = 0;
        for (const file of files) {
            let doc: { services?: Record<string, Record<string, unknown> | null> };
            try {
                doc = parse(fs.readFileSync(file, "utf8"), { merge: true, logLevel: "silent" }) ?? {};
            } catch {
                continue; // negative fixtures with broken YAML
            }
            for (const [name, svc] of Object.entries(doc?.services ?? {})) {
                const extensions = Object.fromEntries(Object.entries(svc ?? {}).filter(([k]) => k.startsWith("x-defang-")));
                if (!Object.keys(extensions).length) continue;
                uses += Object.keys(extensions).length;
                const f = fixture({ services: { [name]: workerService({ image: String(svc?.image ?? "busybox"), extensions }) } });
                const bad = checkDefangRules(f.project, { mode: "balanced" }).diagnostics.filter((d) => /extension/.test(d.code));
                assert.deepStrictEqual(bad, [], `${path.relative(CORPUS, file)} service ${name}`);
            }
        }
        assert.ok(uses >= 20, `only ${uses} uses found`);
    });
});
