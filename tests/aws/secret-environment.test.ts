// A Pulumi secret given in the component's `environment` input stays secret end to end (issue 11,
// class 3): interpolated into a service's environment it becomes an SSM SecureString injected as an
// ECS secret; interpolated anywhere else it is the located error secret-variable-outside-environment.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { expandProject } from "../support/pulumi";
import { PARAMETER, TASK, containerOf } from "./helpers";

const VALUE = "s3cr3t-Token-9f8e7d";
// The schema types `environment` as plain strings; a program (or the provider, for a secret sent over
// gRPC) may still hand the component a secret Output.
const secretInput = (v: string) => pulumi.secret(v) as unknown as string;

const APP = `
name: shop
services:
  web:
    image: nginx:1.27
    environment:
      API_TOKEN: \${TOKEN}
      DSN: postgres://app:\${TOKEN}@db:5432/app
      FALLBACK: \${TOKEN:-not-the-secret}
      TOKEN:
      PLAIN: \${TAG}
`;

describe("aws: secret values of the environment input", () => {
    it("never appear in a resource's plaintext inputs; they become SecureString parameters and ECS secrets", async () => {
        const run = await expandProject({ composeYaml: APP, environment: { TOKEN: secretInput(VALUE), TAG: "v1" } });
        assert.equal(run.thrown, undefined);
        assert.deepEqual(run.errors, []);
        for (const r of run.resources) {
            assert.ok(!JSON.stringify(r.inputs).includes(VALUE), `${r.type} ${r.name} holds the secret in plaintext`);
        }
        const params = run.ofType(PARAMETER);
        const token = params.find((p) => p.inputs.name === "/Defang/shop/dev/TOKEN");
        assert.ok(token, JSON.stringify(params.map((p) => p.inputs.name)));
        assert.equal(token!.inputs.type, "SecureString");
        const web = containerOf(run.one(TASK, "web/task"));
        const secretNames = (web.secrets ?? []).map((s: { name: string }) => s.name).sort();
        // A default never replaces the secret (the name is set, its value unknown here): FALLBACK is the secret.
        assert.deepEqual(secretNames, ["API_TOKEN", "DSN", "FALLBACK", "TOKEN"]);
        assert.ok(!JSON.stringify(run.resources.map((r) => r.inputs)).includes("not-the-secret"));
        assert.ok((web.environment ?? []).some((e: { name: string; value: string }) => e.name === "PLAIN" && e.value === "v1"));
        assert.ok(!JSON.stringify(web.environment ?? []).includes("TOKEN"));
    });

    it("used outside environment (image, command, labels) it is a located error naming the variable, without its value", async () => {
        for (const field of ["image: nginx:${TOKEN}", "image: nginx:${TOKEN:-latest}", "image: nginx\n    command: [\"run\", \"--key=${TOKEN}\"]", "image: nginx\n    labels:\n      k: ${TOKEN}"]) {
            const run = await expandProject({ composeYaml: `name: shop\nservices:\n  web:\n    ${field}\n`, environment: { TOKEN: secretInput(VALUE) } });
            const found = run.diagnostics.filter((d) => d.code === "secret-variable-outside-environment");
            assert.equal(found.length, 1, `${field}: ${JSON.stringify(run.diagnostics)}`);
            assert.ok(found[0].file && found[0].line && found[0].column);
            assert.match(found[0].message, /TOKEN/);
            assert.ok(!JSON.stringify(run.diagnostics).includes(VALUE));
        }
    });

    it("an env file cannot supply a plaintext value for a name given as a secret", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-env-"));
        fs.writeFileSync(path.join(dir, ".env"), "TOKEN=plaintext-from-dotenv\n");
        const run = await expandProject({ composeYaml: APP, workingDir: dir, environment: { TOKEN: secretInput(VALUE), TAG: "v1" } });
        assert.deepEqual(run.errors, []);
        const web = containerOf(run.one(TASK, "web/task"));
        assert.ok(!JSON.stringify(web.environment ?? []).includes("plaintext-from-dotenv"));
        assert.ok((web.secrets ?? []).some((e: { name: string }) => e.name === "API_TOKEN"));
    });
});
