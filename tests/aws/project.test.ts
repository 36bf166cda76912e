import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { offlineEngine } from "../../provider/src/offline/mocks";
import { PROJECT_OUTPUTS } from "../../provider/src/schema-types";
import { expandProject } from "../support/pulumi";
import { PARAMETER, SERVICE, TASK, containerOf } from "./helpers";

const APP = `
name: shop
services:
  web:
    image: ghcr.io/acme/web:1.0
    ports:
      - target: 8080
        mode: ingress
    environment:
      SECRET_KEY:
      DATABASE_URL: postgres://app:\${POSTGRES_PASSWORD}@db:5432/app
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]
    deploy:
      resources:
        reservations:
          memory: 256M
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD:
    ports:
      - target: 5432
        mode: host
    deploy:
      resources:
        reservations:
          memory: 512M
`;

const BUILT = `
name: shop
services:
  web:
    build: .
    ports:
      - target: 8080
        mode: ingress
`;

describe("defang:index:Project (the component)", function () {
    it("builds the whole graph under the component, every child parented to it", async () => {
        const run = await expandProject({ composeYaml: APP, mode: "balanced" });
        assert.equal(run.thrown, undefined);
        assert.deepEqual(run.errors, []);
        const [component] = run.resources.filter((r) => !r.custom);
        assert.equal(component.type, "defang:index:Project");
        assert.equal(component.name, "app");
        assert.deepEqual(component.inputs, { mode: "balanced" });
        for (const r of run.resources.filter((x) => x.custom)) {
            assert.equal(r.parent, "app", r.name);
            assert.ok(r.name.startsWith("app-"), r.name);
        }
        assert.equal(run.ofType(SERVICE).length, 2);
    });

    it("registers exactly the schema's outputs", async () => {
        const run = await expandProject({ composeYaml: APP, mode: "affordable" });
        const outputs = await run.outputsOf(run.value!);
        assert.deepEqual(Object.keys(outputs).sort(), [...PROJECT_OUTPUTS].filter((k) => !k.startsWith("loadBalancer") || outputs[k] !== undefined).sort());
        assert.deepEqual(Object.keys(outputs.services as object).sort(), ["db", "web"]);
        assert.match((outputs.endpoints as Record<string, string>).web, /^http:\/\/shop-.*\.elb\.amazonaws\.com$/);
        assert.equal((outputs.privateEndpoints as Record<string, string>).db, "db.shop.internal:5432");
        assert.match(outputs.vpcId as string, /^vpc-/);
        assert.equal((outputs.publicSubnetIds as string[]).length, 2);
    });

    it("fails on compose errors with every file:line:col and code, without a stack trace", async () => {
        const run = await expandProject({ composeYaml: "services:\n  web:\n    image: nginx\n    ports: [\"abc\"]\n    bogus_key: 1\n" });
        assert.ok(run.thrown instanceof pulumi.ResourceError, String(run.thrown));
        assert.equal((run.thrown as pulumi.ResourceError).hideStack, true);
        const lines = run.thrown!.message.split("\n");
        assert.match(lines[0], /^the compose project has (an error|\d+ errors):$/);
        // The severity is stated once, by the first line (the engine prefixes it with `error:`).
        for (const line of lines.slice(1).filter((l) => !l.startsWith("    hint:"))) assert.match(line, /^(\/.*\/)?compose\.yaml:\d+:\d+: (?!error:).+ \[[a-z0-9-]+\]$/);
        assert.ok(run.diagnostics.some((d) => d.severity === "error" && d.file?.endsWith("compose.yaml") && d.line !== undefined));
        assert.equal(run.ofType(SERVICE).length, 0);
    });

    it("refuses an unknown mode", async () => {
        const run = await expandProject({ composeYaml: APP, mode: "turbo" as never });
        assert.match(String(run.thrown?.message), /mode must be one of affordable, balanced, high_availability \(got "turbo"\)/);
    });

    it("reports warnings as diagnostics and keeps going", async () => {
        const run = await expandProject({ composeYaml: APP.replace("  db:\n    image: postgres:16", "  db:\n    image: postgres:16\n    volumes: [\"data:/var/lib/postgresql/data\"]"), mode: "affordable" });
        assert.ok(run.diagnostics.some((d) => d.severity === "warning"));
        assert.equal(run.ofType(SERVICE).length, 2);
    });

    describe("at deploy (offline: false)", () => {
        it("fails with one message listing the missing config names and how to set them", async () => {
            const run = await expandProject({ composeYaml: APP, mode: "balanced" }, { offline: false, ssmParameters: { "/Defang/shop/dev/SECRET_KEY": "set" } });
            assert.equal(run.errors.length, 1);
            const [err] = run.errors;
            assert.ok(err instanceof pulumi.ResourceError && err.hideStack === true);
            assert.match(err.message, /^config value missing for shop \(stack dev\): POSTGRES_PASSWORD \[config-missing\]$/m);
            // No Pulumi.yaml in the test's directory: the program's language is unknown, so every form is shown.
            assert.match(err.message, /TypeScript +config: \{ POSTGRES_PASSWORD: new pulumi\.Config\(\)\.requireSecret\("postgresPassword"\) \}/);
            assert.match(err.message, /Python +config=\{"POSTGRES_PASSWORD": pulumi\.Config\(\)\.require_secret\("postgresPassword"\)\}/);
            assert.match(err.message, /pulumi config set --secret postgresPassword/);
            // Inline compose: the CLI needs a file, so the SSM form is the AWS CLI's.
            assert.match(err.message, /aws ssm put-parameter --region us-east-1 --type SecureString --name \/Defang\/shop\/dev\/POSTGRES_PASSWORD/);
            assert.equal(run.ofType(SERVICE).length, 0, "nothing is created");
        });

        it("fails a preview too when SSM shows a config value missing", async () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const settings = require("@pulumi/pulumi/runtime/settings") as { _setIsDryRun(v: boolean): void };
            settings._setIsDryRun(true);
            try {
                const run = await expandProject({ composeYaml: APP, mode: "balanced" }, { offline: false, ssmParameters: { "/Defang/shop/dev/SECRET_KEY": "set" } });
                assert.equal(run.errors.length, 1);
                assert.match(run.errors[0].message, /config value missing for shop \(stack dev\): POSTGRES_PASSWORD/);
            } finally {
                settings._setIsDryRun(false);
            }
        });

        it("says so, and fails nothing, when SSM cannot be read to check the config values", async () => {
            const engine = offlineEngine();
            const call = engine.mocks.call;
            engine.mocks.call = (args) => {
                // As a gRPC error from the engine: the SDK keeps its details as the message.
                const denied = "AccessDeniedException: not authorized to perform ssm:GetParametersByPath\nmore";
                if (args.token === "aws:ssm/getParametersByPath:getParametersByPath") throw Object.assign(new Error(denied), { details: denied });
                return call(args);
            };
            try {
                const plainRefs = APP.replace(/\n +DATABASE_URL: .*/, "");
                const run = await expandProject({ composeYaml: plainRefs, mode: "balanced" }, { offline: false });
                assert.deepEqual(run.errors, []);
                const [unchecked] = run.diagnostics.filter((d) => d.code === "config-unchecked");
                assert.equal(unchecked?.severity, "warning");
                assert.match(unchecked.message, /could not read \/Defang\/shop\/dev\/ in SSM Parameter Store \(AccessDeniedException: not authorized to perform ssm:GetParametersByPath\), so config values missing there \(POSTGRES_PASSWORD, SECRET_KEY\) are not reported/);
                assert.match(unchecked.hint!, /npx pulumi-defang@\S+ config ls --stack dev/);
                assert.equal(run.ofType(SERVICE).length, 2, "the deployment goes on");
                // A value that combines a config value with text must be read to be built: that cannot go on.
                const combined = await expandProject({ composeYaml: APP, mode: "balanced" }, { offline: false });
                assert.equal(combined.errors.length, 1);
                assert.match(combined.errors[0].message, /^cannot read the config values under \/Defang\/shop\/dev\/ in SSM Parameter Store, which a service's environment combines into one value: AccessDeniedException/);
            } finally {
                engine.mocks.call = call;
            }
        });

        it("deploys when every name is in the config input or SSM, writing the inputs as SecureStrings", async () => {
            const run = await expandProject(
                { composeYaml: APP, mode: "balanced", config: { POSTGRES_PASSWORD: pulumi.secret("pw-1") } },
                { offline: false, ssmParameters: { "/Defang/shop/dev/SECRET_KEY": "from-ssm" } },
            );
            assert.deepEqual(run.errors, []);
            const written = run.ofType(PARAMETER).map((p) => p.inputs.name).sort();
            assert.deepEqual(written, ["/Defang/shop/dev/POSTGRES_PASSWORD", "/Defang/shop/dev/web/DATABASE_URL"]);
            assert.equal(run.named("app-derived-web:DATABASE_URL").raw.value, "postgres://app:pw-1@db:5432/app");
            const byPath = run.invokes.filter((i) => i.token === "aws:ssm/getParametersByPath:getParametersByPath");
            assert.deepEqual(byPath.map((i) => i.inputs.path), ["/Defang/shop/dev"]);
            const web = containerOf(run.one(TASK, "web/task"));
            assert.ok(!JSON.stringify(web.environment).includes("pw-1"));
        });

        it("refuses a build context without a Dockerfile before creating anything, naming the service and the fix; a given image skips the build", async () => {
            const run = await expandProject({ composeYaml: BUILT, workingDir: __dirname }, { offline: false });
            assert.equal(run.errors.length, 1);
            assert.match(run.errors[0].message, /service "web": build context .* has no Dockerfile; automatic builds without one are not supported: add a Dockerfile, or pass a prebuilt image/);
            assert.equal(run.resources.filter((r) => r.custom).length, 0);
            const given = await expandProject({ composeYaml: BUILT, workingDir: __dirname, images: { web: "ghcr.io/acme/web:2" } }, { offline: false });
            assert.deepEqual(given.errors, []);
            assert.equal(containerOf(given.one(TASK)).image, "ghcr.io/acme/web:2");
            assert.equal(given.ofType("defang:index:ImageBuild").length, 0);
        });
    });

    it("offline, plans the build chain even when the context has no Dockerfile yet (the Defang rules warn about it)", async () => {
        const run = await expandProject({ composeYaml: BUILT, workingDir: __dirname });
        assert.deepEqual(run.errors, []);
        const codes = run.diagnostics.map((d) => d.code);
        assert.ok(codes.includes("dockerfile-default-missing") && !codes.includes("build-context-unusable"), codes.join(", "));
        assert.equal(run.ofType("aws:ecr/repository:Repository").length, 1);
        assert.equal(run.one("defang:index:ImageBuild").inputs.contextHash, "unusable-context");
        assert.match(containerOf(run.one(TASK)).image, /^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/.+@sha256:[0-9a-f]{64}$/);
    });
});
