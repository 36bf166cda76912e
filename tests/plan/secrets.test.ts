import { strict as assert } from "assert";
import { planDeployment } from "../../provider/src/plan";
import { looksLikeSecretName } from "../../provider/src/compose/secret-names";
import { FakeSources, bare, opts, project, svc, tpl } from "./fixtures";

function plan(environment: Record<string, ReturnType<typeof bare> | string>, more: Parameters<typeof svc>[1] = {}, providedConfig?: string[]) {
    const sources = new FakeSources().set(["services", "app", "environment", "API_KEY"], 7, 7);
    const r = planDeployment(project([svc("app", { image: "app:1", environment, ...more })], { sources }), opts("balanced", { providedConfig }));
    return { r, s: r.plan?.services[0] };
}

describe("plan/secrets", () => {
    it("keeps literal values as plain environment, sorted by name", () => {
        const { s } = plan({ ZED: "1", ALPHA: "a", MIDDLE: "m" });
        assert.deepEqual(s?.container.environment, [
            { name: "ALPHA", value: "a" },
            { name: "MIDDLE", value: "m" },
            { name: "ZED", value: "1" },
        ]);
        assert.deepEqual(s?.container.secrets, []);
    });

    it("turns a bare key into an ECS secret read from the config of the same name", () => {
        const { s, r } = plan({ SECRET_KEY: bare("SECRET_KEY") });
        assert.deepEqual(s?.container.secrets, [{ name: "SECRET_KEY", source: { kind: "config", name: "SECRET_KEY" } }]);
        assert.deepEqual(r.plan?.config.required, ["SECRET_KEY"]);
        assert.equal(r.plan?.config.prefix, "/Defang/shop/prod/");
    });

    it("reads a value that is exactly ${OTHER} from config OTHER", () => {
        const { s } = plan({ DB_PASS: tpl({ ref: "POSTGRES_PASSWORD" }) });
        assert.deepEqual(s?.container.secrets, [{ name: "DB_PASS", source: { kind: "config", name: "POSTGRES_PASSWORD" } }]);
    });

    it("resolves text mixed with references into a SecureString of its own, never plain environment", () => {
        const { s, r } = plan({ DATABASE_URL: tpl("postgres://app:", { ref: "PW" }, "@db:5432/app?sslmode=require"), PLAIN: "x" });
        assert.deepEqual(s?.container.secrets, [
            {
                name: "DATABASE_URL",
                source: { kind: "template", parameter: "/Defang/shop/prod/app/DATABASE_URL", parts: ["postgres://app:", { ref: "PW" }, "@db:5432/app?sslmode=require"] },
            },
        ]);
        assert.deepEqual(s?.container.environment, [{ name: "PLAIN", value: "x" }]);
        assert.deepEqual(r.plan?.config.derived, [{ parameter: "/Defang/shop/prod/app/DATABASE_URL", description: "DATABASE_URL of service app (text with config references)" }]);
        assert.deepEqual(r.plan?.config.required, ["PW"]);
    });

    it("moves a literal with a secret-looking name (ECS-07) to a SecureString and warns at its line", () => {
        const { s, r } = plan({ API_KEY: "sk-live-123", TOKEN_TYPE: "bearer", VERSION_TOKEN: "3" });
        assert.deepEqual(s?.container.secrets, [
            { name: "API_KEY", source: { kind: "template", parameter: "/Defang/shop/prod/app/API_KEY", parts: ["sk-live-123"] } },
        ]);
        assert.deepEqual(s?.container.environment.map((e) => e.name), ["TOKEN_TYPE", "VERSION_TOKEN"]);
        // The warning is the Defang rules' (environment-literal-secret); the plan only keeps the value out of plain env.
        assert.equal(r.diagnostics.filter((x) => x.severity !== "info").length, 0);
    });

    it("recognizes ECS-07's secret names, not paths to secrets", () => {
        const yes = ["PASSWORD", "db_password", "MY_SECRET", "PRIVATE_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "OPENAI_API_KEY"];
        const no = ["TOKEN_TYPE", "version_token", "DEBUG", "PORT", "DATABASE_URL", "KEY", "POSTGRES_PASSWORD_FILE", "TLS_PRIVATE_KEY_PATH", "SECRETS_DIR"];
        assert.deepEqual(yes.filter(looksLikeSecretName), yes);
        assert.deepEqual(no.filter(looksLikeSecretName), []);
    });

    it("passes compose secrets as config-backed environment variables", () => {
        const { s, r } = plan({ A: "1" }, { secrets: [{ source: "stripe_key" }] });
        assert.deepEqual(s?.container.secrets, [{ name: "stripe_key", source: { kind: "config", name: "stripe_key" } }]);
        assert.deepEqual(r.plan?.config.required, ["stripe_key"]);
    });

    it("splits required config into provided (component input) and the rest (SSM), and notes unused input", () => {
        const { r } = plan({ B: bare("B"), A: bare("A") }, {}, ["A", "UNUSED"]);
        assert.deepEqual([r.plan?.config.required, r.plan?.config.provided], [["A", "B"], ["A"]]);
        assert.ok(r.diagnostics.some((d) => d.code === "config-unused" && d.severity === "info" && /UNUSED/.test(d.message)));
    });

    it("rejects a config name SSM and Defang cannot store", () => {
        const { r } = plan({ X: tpl("a", { ref: "bad-name" }) });
        assert.equal(r.plan, undefined);
        assert.ok(r.diagnostics.some((d) => d.code === "config-name-invalid"));
    });

    it("never leaves a config reference or a secret-named literal in plain environment", () => {
        const env = { A: bare("A"), B: tpl("x", { ref: "B" }), C_PASSWORD: "p", D: "d", E_TOKEN: tpl({ ref: "E" }) };
        const { s } = plan(env);
        assert.deepEqual(s?.container.environment, [{ name: "D", value: "d" }]);
        assert.deepEqual(s?.container.secrets.map((x) => x.name), ["A", "B", "C_PASSWORD", "E_TOKEN"]);
    });

    it("moves every literal the detector flags to a SecureString, whatever its name and in every mode", () => {
        for (const mode of ["affordable", "balanced", "high_availability"] as const) {
            const environment = { KEY_ID: "AKIAIOSFODNN7EXAMPLE", DB_URL: "postgres://app:s3cr3t@db:5432/app", HOME_URL: "https://example.com", ID: "123e4567-e89b-12d3-a456-426614174000" };
            const r = planDeployment(project([svc("app", { image: "app:1", environment })]), opts(mode));
            const c = r.plan?.services[0].container;
            assert.deepEqual(c?.environment.map((e) => e.name), ["HOME_URL", "ID"], mode);
            assert.deepEqual(c?.secrets.map((x) => [x.name, x.source.kind === "template" && x.source.parameter]), [
                ["DB_URL", "/Defang/shop/prod/app/DB_URL"],
                ["KEY_ID", "/Defang/shop/prod/app/KEY_ID"],
            ]);
        }
    });

    it("moves a flagged literal of a one-off job too", () => {
        const r = planDeployment(project([svc("migrate", { image: "app:1", restart: "no", environment: { DSN: "host=db password=hunter2x" } })]), opts("affordable"));
        const c = r.plan?.services[0].container;
        assert.deepEqual([c?.environment, c?.secrets.map((x) => x.name)], [[], ["DSN"]]);
    });

    it("sends build args that look secret to Parameter Store, one level below the environment's parameters", () => {
        const build = { context: "/work/app", args: { NPM_TOKEN: "npm_abcdefghijklmnopqrstuvwxyz0123456789", NODE_ENV: "production" } };
        const r = planDeployment(project([svc("app", { build })]), opts("affordable"));
        const image = r.plan?.services[0].image;
        assert.equal(image?.kind, "build");
        if (image?.kind === "build") assert.deepEqual(image.secretArgs, { NPM_TOKEN: "/Defang/shop/prod/app/build-args/NPM_TOKEN" });
    });

    it("gives build args that fold to one parameter name parameters of their own", () => {
        const token = "npm_abcdefghijklmnopqrstuvwxyz0123456789";
        const build = { context: "/work/app", args: { "NPM TOKEN": token, NPM_TOKEN: token } };
        const r = planDeployment(project([svc("app", { build })]), opts("affordable"));
        const image = r.plan?.services[0].image;
        assert.equal(image?.kind, "build");
        if (image?.kind !== "build") return;
        const names = Object.values(image.secretArgs ?? {});
        assert.equal(names.length, 2);
        assert.equal(new Set(names).size, 2, names.join(", "));
        for (const n of names) assert.match(n, /^\/Defang\/shop\/prod\/app\/build-args\/NPM_TOKEN/);
    });
});
