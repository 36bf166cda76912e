// The offline engine and the `plan` command: repeatable runs in one process, secrets redacted,
// parents by logical name, region and stack honoured, the CLI's JSON and exit codes.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UsageError } from "../../provider/src/cli/args";
import { runPlan } from "../../provider/src/cli/commands/plan";
import { runOfflinePlan } from "../../provider/src/offline/plan";

const COMPOSE = `
name: shop
services:
  web:
    image: ghcr.io/acme/web:1.0
    ports:
      - target: 8080
        mode: ingress
    environment:
      API_TOKEN:
    deploy:
      resources:
        reservations:
          memory: 512M
`;

function writeApp(text = COMPOSE): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "offline-plan-"));
    fs.writeFileSync(path.join(dir, "compose.yaml"), text);
    return dir;
}

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await runPlan(argv, { runOfflinePlan, stdout: (s) => (out += s), stderr: (s) => (err += s) });
    return { code, out, err };
}

describe("offline plan (runOfflinePlan)", function () {
    it("runs several times in one process, each run seeing only its own resources", async () => {
        const a = await runOfflinePlan({ composeYaml: COMPOSE, mode: "affordable" });
        const b = await runOfflinePlan({ composeYaml: COMPOSE, mode: "high_availability" });
        const again = await runOfflinePlan({ composeYaml: COMPOSE, mode: "affordable" });
        const count = (r: typeof a, t: string) => r.resources.filter((x) => x.type === t).length;
        assert.equal(count(a, "aws:ec2/natGateway:NatGateway"), 0);
        assert.equal(count(b, "aws:ec2/natGateway:NatGateway"), 3);
        assert.deepEqual(
            again.resources.map((r) => [r.type, r.name]),
            a.resources.map((r) => [r.type, r.name]),
        );
        assert.deepEqual(again.outputs, a.outputs);
    });

    it("names the project, mode and region, and parents every child to the component by logical name", async () => {
        const r = await runOfflinePlan({ composeYaml: COMPOSE, mode: "balanced", region: "eu-west-1", stack: "prod" });
        assert.equal(r.project, "shop");
        assert.equal(r.mode, "balanced");
        assert.equal(r.region, "eu-west-1");
        const [root, ...children] = r.resources;
        assert.deepEqual({ type: root.type, name: root.name, parent: root.parent }, { type: "defang:index:Project", name: "shop", parent: undefined });
        for (const c of children) assert.equal(c.parent, "shop");
        const subnets = r.resources.filter((x) => x.type === "aws:ec2/subnet:Subnet").map((s) => s.inputs.availabilityZone);
        assert.deepEqual([...new Set(subnets)].sort(), ["eu-west-1a", "eu-west-1b"]);
        const task = r.resources.find((x) => x.type === "aws:ecs/taskDefinition:TaskDefinition")!;
        const [container] = JSON.parse(String(task.inputs.containerDefinitions));
        assert.deepEqual(container.secrets, [{ name: "API_TOKEN", valueFrom: "arn:aws:ssm:eu-west-1:123456789012:parameter/Defang/shop/prod/API_TOKEN" }]);
    });

    it("renders every secret as \"[secret]\"", async () => {
        const r = await runOfflinePlan({ composeYaml: COMPOSE.replace("API_TOKEN:", "DSN: https://u:${API_TOKEN}@api.example.com"), mode: "affordable" });
        const params = r.resources.filter((x) => x.type === "aws:ssm/parameter:Parameter");
        assert.equal(params.length, 1);
        assert.equal(params[0].inputs.value, "[secret]");
        assert.ok(!JSON.stringify(r).includes("offline-placeholder"), "no placeholder value leaks");
    });

    it("keeps each output's secrecy to itself: a config-provided store username does not hide the endpoints", async () => {
        const text = `
name: docs
services:
  app:
    image: ghcr.io/acme/app:1.0
    ports: [{ target: 8080, mode: ingress }]
  db:
    image: mongo:5
    x-defang-mongodb: true
    environment:
      MONGO_INITDB_ROOT_USERNAME:
      MONGO_INITDB_ROOT_PASSWORD:
`;
        const r = await runOfflinePlan({ composeYaml: text, mode: "balanced" });
        assert.deepEqual(r.diagnostics.filter((d) => d.severity === "error"), []);
        assert.equal(r.outputs.databases, "[secret]");
        assert.match(String((r.outputs.endpoints as Record<string, string>).app), /^http:\/\/.+\.elb\.amazonaws\.com$/);
        assert.equal(typeof r.outputs.vpcId, "string");
        assert.notEqual(r.outputs.vpcId, "[secret]");
    });

    it("returns compose errors as diagnostics (with file, line and column) instead of throwing", async () => {
        const r = await runOfflinePlan({ composeYaml: "services:\n  web:\n    image: nginx\n    ports: [\"notaport\"]\n", mode: "affordable" });
        const errors = r.diagnostics.filter((d) => d.severity === "error");
        assert.ok(errors.length > 0);
        for (const e of errors) assert.ok(e.file && e.line && e.column && e.code, JSON.stringify(e));
        assert.deepEqual(r.resources.filter((x) => x.type.startsWith("aws:")), []);
    });
});

describe("pulumi-defang plan", function () {
    it("prints warnings but not the fixups applied (infos), as validate does without --verbose", async () => {
        const dir = writeApp();
        const { code, err } = await cli(["-f", path.join(dir, "compose.yaml")]);
        assert.equal(code, 0);
        assert.match(err, /warning: .*\[healthcheck-ingress-missing\]/);
        assert.doesNotMatch(err, /: info: /);
    });

    it("--json prints exactly project, mode, region, stack, resources (type, name, parent, inputs, dependencies, placeholders), outputs and their placeholders", async () => {
        const dir = writeApp();
        const { code, out } = await cli(["-f", path.join(dir, "compose.yaml"), "--mode", "ha", "--region", "us-west-2", "--json"]);
        assert.equal(code, 0);
        const doc = JSON.parse(out);
        assert.deepEqual(Object.keys(doc), ["project", "mode", "region", "stack", "resources", "outputs", "outputPlaceholders"]);
        assert.equal(doc.mode, "high_availability");
        assert.equal(doc.region, "us-west-2");
        assert.equal(doc.stack, "dev");
        for (const r of doc.resources) {
            assert.deepEqual(Object.keys(r).filter((k) => !["type", "name", "parent", "inputs", "dependencies", "placeholders"].includes(k)), []);
            assert.match(r.type, /^(aws|random|defang):/);
        }
        assert.ok(doc.resources.some((r: { type: string }) => r.type === "aws:ecs/service:Service"));
        assert.match(doc.outputs.endpoints.web, /^http:\/\//);
    });

    it("prints a tree indented under the component, with key inputs", async () => {
        const dir = writeApp();
        const { code, out } = await cli(["-f", path.join(dir, "compose.yaml")]);
        assert.equal(code, 0);
        const lines = out.split("\n");
        assert.match(lines[0], /^Plan for shop \(affordable, us-east-1, stack dev\): \d+ resources$/);
        assert.ok(lines.includes("defang:index:Project  shop  mode=affordable"));
        assert.ok(lines.some((l) => /^ {2}aws:ecs\/taskDefinition:TaskDefinition {2}shop-web\/task {2}family=shop-dev-web-[0-9a-f]{8} cpu=256 memory=512$/.test(l)), out);
        assert.ok(lines.some((l) => l.startsWith("  aws:cloudwatch/logGroup:LogGroup  shop-web/logs  name=/Defang/shop/dev/ecs/web retentionInDays=1")));
        assert.ok(lines.includes("Endpoints:"));
    });

    it("exits 1 with the diagnostics on stderr when the compose file has errors", async () => {
        const dir = writeApp("services:\n  web:\n    image: nginx\n    ports: [\"notaport\"]\n");
        const { code, out, err } = await cli(["-f", path.join(dir, "compose.yaml")]);
        assert.equal(code, 1);
        assert.equal(out, "");
        assert.match(err, /compose\.yaml:4:\d+: error: .+\[[a-z0-9-]+\]/);
    });

    it("--check reports security-rule findings and passes a sound app", async () => {
        const dir = writeApp();
        const ok = await cli(["-f", path.join(dir, "compose.yaml"), "--mode", "balanced", "--check"]);
        assert.equal(ok.code, 0);
        assert.ok(!ok.err.includes("violation:"), ok.err);
        assert.match(ok.err, /advisory: ECS-06 \(Low, advisory\) aws:ecs\/taskDefinition:TaskDefinition shop-web\/task: container web: root filesystem writable/);
    });

    it("--check fails on a violation that is mandatory in the mode", async () => {
        let err = "";
        const resources = [
            { type: "aws:ec2/securityGroup:SecurityGroup", name: "app-db-sg", inputs: { description: "db" }, id: "sg-db" },
            { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "app-db-open", inputs: { securityGroupId: "sg-db", ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0", description: "x" } },
        ];
        const code = await runPlan(["--check", "--json"], {
            runOfflinePlan: async () => ({ project: "p", mode: "affordable", region: "us-east-1", resources, outputs: {}, diagnostics: [] }),
            stdout: () => undefined,
            stderr: (s) => (err += s),
        });
        assert.equal(code, 1);
        assert.match(err, /^violation: SG-01 \(Critical\) aws:vpc\/securityGroupIngressRule:SecurityGroupIngressRule app-db-open: world-open ingress on 5432-5432/m);
    });

    it("rejects bad options as usage errors", async () => {
        await assert.rejects(cli(["--mode", "turbo"]), (e: Error) => e instanceof UsageError && /unknown mode 'turbo'/.test(e.message));
        await assert.rejects(cli(["--region", "mars"]), (e: Error) => e instanceof UsageError && /not an AWS region/.test(e.message));
        await assert.rejects(cli(["--nope"]), UsageError);
    });
});
