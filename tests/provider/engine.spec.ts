// End to end through the real Pulumi engine (opt-in: `make test_engine`, which builds the Pulumi CLI
// from the Go module proxy and the plugin archive). A Node.js program using the generated SDK runs as
// an Automation API inline program; the engine installs nothing: our plugin comes from the archive
// installed with `pulumi plugin install --file`, and stand-ins answer for the AWS and random plugins.
// This exercises what mocks cannot: construct over gRPC, input and secret marshalling both ways.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Stack } from "@pulumi/pulumi/automation";
import { defangSdk, engineStack, requireEngine } from "./engine-harness";

const COMPOSE = `
services:
  web:
    image: nginx:1.27
    ports:
      - target: 80
        mode: ingress
    environment:
      API_TOKEN:
    deploy:
      resources:
        reservations:
          memory: 512M
  db:
    image: postgres:16
    x-defang-postgres: true
    environment:
      POSTGRES_PASSWORD:
`;

describe("engine: an SDK program through pulumi up", function () {
    this.timeout(600_000);
    let home: string;
    let stack: Stack;

    before(async () => {
        requireEngine();
        home = fs.mkdtempSync(path.join(os.tmpdir(), "defang-engine-"));
        const defang = defangSdk();
        const pulumi = await import("@pulumi/pulumi");
        const program = async () => {
            const config = new pulumi.Config();
            const app = new defang.Project("shop", {
                composeYaml: COMPOSE,
                projectName: "shop",
                mode: defang.Mode.Balanced,
                config: { API_TOKEN: config.requireSecret("apiToken"), POSTGRES_PASSWORD: config.requireSecret("dbPassword") },
            });
            return { endpoints: app.endpoints, services: app.services, databases: app.databases, vpcId: app.vpcId };
        };
        ({ stack } = await engineStack(home, "engine-test", program));
        await stack.setConfig("apiToken", { value: "tok-12345", secret: true });
        await stack.setConfig("dbPassword", { value: "pw-67890", secret: true });
    });

    after(() => home && fs.rmSync(home, { recursive: true, force: true }));

    it("constructs defang:index:Project in the plugin and returns its outputs to the program", async () => {
        const up = await stack.up();
        assert.equal(up.summary.result, "succeeded");
        const outputs = up.outputs;
        assert.match(outputs.endpoints.value.web, /^https?:\/\//);
        assert.equal(typeof outputs.services.value.web.taskRoleArn, "string");
        assert.equal(outputs.databases.value.db.engine, "postgres");
        assert.match(outputs.vpcId.value, /^vpc-/);
    });

    it("keeps the config values out of the state file in plaintext (encrypted as secrets)", async () => {
        // The file backend's own file: what an attacker with the state bucket would read.
        const files = execFileSync("find", [home, "-path", "*/.pulumi/stacks/*", "-name", "dev.json"], { encoding: "utf8" }).trim().split("\n");
        assert.equal(files.length, 1, `state files: ${files}`);
        const state = fs.readFileSync(files[0], "utf8");
        assert.ok(state.includes("defang:index:Project"));
        assert.ok(state.includes("aws:ecs/service:Service"), "the component's children are in the state");
        assert.ok(state.includes('"ciphertext"'), "secrets are encrypted");
        for (const secret of ["tok-12345", "pw-67890"]) {
            const at = state.indexOf(secret);
            assert.ok(at < 0, `${secret} is in the state in plaintext: …${state.slice(Math.max(0, at - 300), at + 50)}`);
        }
    });
});
