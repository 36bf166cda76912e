// Secret-shaped values end to end (issue 11, class 1): an AWS key in `environment`, a token from an
// env_file, a password interpolated from `.env` into a URL, a secret build arg — none of their values
// appears anywhere in `plan --json` (the parameters hold "[secret]"), the CodeBuild project reads the
// arg from Parameter Store, `plan --check` passes in every mode, and fields that cannot carry a
// secret (command, healthcheck, labels) warn at the value's line.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan } from "../../provider/src/cli/commands/plan";
import { loadForDeploy } from "../../provider/src/compose";
import { runOfflinePlan } from "../../provider/src/offline/plan";
import { MODES } from "../../provider/src/plan/modes";

const AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
const GH_TOKEN = "ghp_1234567890abcdefghijklmnopqrstuvwxyz";
const DB_PASSWORD = "Zx9sUperSecretPw";
const NPM_TOKEN = "npm_abcdefghijklmnopqrstuvwxyz0123456789";
const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
const VALUES = [AWS_KEY, GH_TOKEN, DB_PASSWORD, NPM_TOKEN];

const COMPOSE = `name: shop
services:
  api:
    build:
      context: ./api
      args:
        NPM_TOKEN: ${NPM_TOKEN}
        NODE_ENV: production
    command: ["serve", "--token", "${JWT}"]
    labels:
      com.example.key: ASIAY34FZKBOKMUTVV7A
    env_file: app.env
    environment:
      KEY_ID: ${AWS_KEY}
      DATABASE_URL: postgres://app:\${DB_PASSWORD}@db:5432/app
      PLAIN: hello
    healthcheck:
      test: ["CMD", "curl", "-f", "https://admin:hunter2@localhost:8080/health"]
    deploy:
      resources:
        reservations:
          memory: 512M
`;

function project(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-secrets-"));
    fs.writeFileSync(path.join(dir, "compose.yaml"), COMPOSE);
    fs.writeFileSync(path.join(dir, ".env"), `DB_PASSWORD=${DB_PASSWORD}\n`);
    fs.writeFileSync(path.join(dir, "app.env"), `GH=${GH_TOKEN}\n`);
    fs.mkdirSync(path.join(dir, "api"));
    fs.writeFileSync(path.join(dir, "api", "Dockerfile"), "FROM node:22\n");
    return dir;
}

async function plan(dir: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await runPlan(["-f", path.join(dir, "compose.yaml"), ...argv], { runOfflinePlan, stdout: (s) => (out += s), stderr: (s) => (err += s) });
    return { code, out, err };
}

describe("plan: secret-shaped values never reach the graph in plaintext", function () {
    this.timeout(240_000);
    let dir: string;
    before(() => (dir = project()));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("keeps every flagged value out of plan --json, in SecureStrings and ECS secrets", async () => {
        const { code, out, err } = await plan(dir, ["--json", "--mode", "affordable"]);
        assert.equal(code, 0, err);
        // The command's token, the label's key id and the health check's password too: AWS shows them in the task
        // definition (warned at their lines), but the container definitions stay a Pulumi secret.
        for (const v of [...VALUES, JWT, "hunter2", "ASIAY34FZKBOKMUTVV7A"]) {
            assert.ok(!out.includes(v), `a flagged value appears in plan --json: ${out.split("\n").filter((l) => l.includes(v)).join("\n")}`);
        }
        const resources = JSON.parse(out).resources as Array<{ type: string; name: string; inputs: Record<string, any> }>;
        const isTask = (r: { type: string; name: string }) => r.type === "aws:ecs/taskDefinition:TaskDefinition" && r.name.includes("api");
        assert.equal(resources.find(isTask)!.inputs.containerDefinitions, "[secret]");
        const revealed = (await runOfflinePlan({ files: [path.join(dir, "compose.yaml")], mode: "affordable" })).revealed!();
        const c = JSON.parse(revealed.find(isTask)!.inputs.containerDefinitions as string)[0];
        assert.deepEqual(c.command, ["serve", "--token", JWT], "AWS gets the command as written");
        assert.deepEqual(c.environment.map((e: { name: string }) => e.name), ["PLAIN"]);
        assert.deepEqual(c.secrets.map((s: { name: string }) => s.name).sort(), ["DATABASE_URL", "GH", "KEY_ID"]);
        const params = resources.filter((r) => r.type === "aws:ssm/parameter:Parameter");
        for (const p of params) assert.equal(p.inputs.value, "[secret]", p.name);
        // The build arg: a SecureString of its own, read by CodeBuild as PARAMETER_STORE, allowed to exactly that ARN.
        const build = resources.find((r) => r.type === "aws:codebuild/project:Project");
        const vars = build!.inputs.environment.environmentVariables as Array<{ name: string; value: string; type: string }>;
        assert.deepEqual(vars.filter((v) => v.type === "PARAMETER_STORE").map((v) => v.value), ["/Defang/shop/dev/api/build-args/NPM_TOKEN"]);
        assert.ok(params.some((p) => p.inputs.name === "/Defang/shop/dev/api/build-args/NPM_TOKEN"));
        const policy = JSON.parse(resources.find((r) => r.name.endsWith("build-role-policy"))!.inputs.policy);
        const read = policy.Statement.find((s: { Sid: string }) => s.Sid === "ReadSecretBuildArgs");
        assert.deepEqual([read.Action, read.Resource], ["ssm:GetParameters", ["arn:aws:ssm:us-east-1:123456789012:parameter/Defang/shop/dev/api/build-args/NPM_TOKEN"]]);
    });

    for (const mode of MODES) {
        it(`passes plan --check in ${mode}`, async () => {
            const { code, out, err } = await plan(dir, ["--check", "--mode", mode]);
            assert.equal(code, 0, out + err);
            assert.ok(!/ECS-07|BLD-01/.test(out + err), out + err);
        });
    }

    it("warns at the line of each value a field cannot keep secret, never printing it", () => {
        const r = loadForDeploy({ files: [path.join(dir, "compose.yaml")], mode: "affordable" } as Parameters<typeof loadForDeploy>[0]);
        const at = (code: string) => r.diagnostics.filter((d) => d.code === code).map((d) => d.line);
        assert.deepEqual(at("build-arg-literal-secret"), [7]);
        assert.deepEqual(at("command-literal-secret").sort(), [18, 9]);
        assert.deepEqual(at("label-literal-secret"), [11]);
        // The env_file's value is located at its env_file entry; the .env password at the URL it lands in.
        assert.deepEqual(at("environment-literal-secret").sort(), [12, 14, 15]);
        const text = JSON.stringify(r.diagnostics);
        for (const v of [...VALUES, JWT, "hunter2", "ASIAY34FZKBOKMUTVV7A"]) assert.ok(!text.includes(v), "a diagnostic prints a flagged value");
    });
});
