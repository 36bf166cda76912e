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
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";

const ROOT = path.resolve(__dirname, "../..");
// The CLI is <CLI_ROOT>/bin/pulumi (the layout PulumiCommand expects).
const CLI_ROOT = process.env.PULUMI_CLI_ROOT ?? path.join(ROOT, "bin/pulumi-cli");
const CLI = path.join(CLI_ROOT, "bin");
const STUBS = path.join(__dirname, "engine");
const version = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
const archive = path.join(ROOT, "dist", `pulumi-resource-defang-v${version}-linux-amd64.tar.gz`);

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
    let env: Record<string, string>;

    before(async () => {
        assert.ok(fs.existsSync(path.join(CLI, "pulumi")), `no Pulumi CLI in ${CLI}: run make test_engine`);
        assert.ok(fs.existsSync(archive), `no plugin archive ${archive}: run make dist`);
        home = fs.mkdtempSync(path.join(os.tmpdir(), "defang-engine-"));
        env = {
            PATH: `${STUBS}:${CLI}:${process.env.PATH}`,
            PULUMI_HOME: path.join(home, "pulumi-home"),
            PULUMI_BACKEND_URL: `file://${home}`,
            PULUMI_CONFIG_PASSPHRASE: "engine-test",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        };
        execFileSync(path.join(CLI, "pulumi"), ["plugin", "install", "resource", "defang", version, "--file", archive], {
            env: { ...process.env, ...env },
            stdio: "pipe",
        });
        const defang = require(path.join(ROOT, "bin/sdk/nodejs"));
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
        stack = await LocalWorkspace.createOrSelectStack(
            { stackName: "dev", projectName: "engine-test", program },
            {
                envVars: env,
                pulumiHome: env.PULUMI_HOME,
                pulumiCommand: await PulumiCommand.get({ root: CLI_ROOT, skipVersionCheck: true }),
                projectSettings: { name: "engine-test", runtime: "nodejs", backend: { url: env.PULUMI_BACKEND_URL } },
            },
        );
        await stack.setConfig("aws:region", { value: "us-east-1" });
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
