// `pulumi-defang mcp` as an assistant meets it: the CLI spawned as a process, spoken to over stdio by
// the official SDK's client. It lists the four tools and answers each on a corpus app with JSON that
// agrees with what the commands compute in process.
import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as path from "path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { estimateResources, sumCents } from "../../provider/src/estimate";
import { serviceNamesOf } from "../../provider/src/estimate/graph";
import { plannedSample, sampleFile } from "../support/planned-samples";
import { REPO_ROOT } from "../support/shared";

const CLI = [process.execPath, "-r", "ts-node/register/transpile-only", path.join(REPO_ROOT, "provider/src/cli/main.ts")];
const SAMPLE = "django-postgres";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("pulumi-defang mcp (over stdio, with the SDK's client)", function () {
    this.timeout(300_000);
    let client: Client;
    let stderr = "";

    before(async () => {
        const transport = new StdioClientTransport({ command: CLI[0], args: [...CLI.slice(1), "mcp"], cwd: REPO_ROOT, stderr: "pipe", env: { ...process.env, AWS_REGION: "", AWS_DEFAULT_REGION: "" } as Record<string, string> });
        transport.stderr?.on("data", (chunk) => (stderr += String(chunk)));
        client = new Client({ name: "pulumi-defang-test", version: "1.0.0" });
        await client.connect(transport);
    });
    after(async () => client?.close());

    async function call(name: string, args: Json): Promise<{ result: Json; isError: boolean }> {
        const r = (await client.callTool({ name, arguments: args })) as { structuredContent?: Json; content: Array<{ type: string; text?: string }>; isError?: boolean };
        assert.ok(r.structuredContent, `${name} returns structured content (stderr: ${stderr})`);
        // The same JSON as text, for clients that read only content.
        assert.deepEqual(JSON.parse(r.content[0].text!), r.structuredContent);
        return { result: r.structuredContent, isError: r.isError === true };
    }

    it("names itself and lists validate, render, plan and estimate, each taking the app as text or a path, and the mode", async () => {
        assert.equal(client.getServerVersion()?.name, "pulumi-defang");
        const { tools } = await client.listTools();
        assert.deepEqual(tools.map((t) => t.name).sort(), ["estimate", "plan", "render", "validate"]);
        for (const t of tools) {
            const props = Object.keys(t.inputSchema.properties ?? {});
            for (const p of ["composeYaml", "path", "files", "mode", "region", "stack"]) assert.ok(props.includes(p), `${t.name} takes ${p}`);
            assert.ok((t.description ?? "").length > 80, `${t.name} says what it does`);
            assert.equal(t.annotations?.readOnlyHint, true);
        }
    });

    it("validate: a corpus app passes, naming its services and the config it reads", async () => {
        const { result, isError } = await call("validate", { path: sampleFile(SAMPLE), mode: "balanced" });
        assert.equal(isError, false);
        assert.equal(result.ok, true);
        assert.equal(result.project, SAMPLE);
        assert.deepEqual(result.services, ["db", "django"]);
        assert.equal(result.errors, 0);
        assert.ok(result.config.includes("SECRET_KEY"), JSON.stringify(result.config));
        for (const d of result.diagnostics) assert.deepEqual(Object.keys(d), ["file", "line", "column", "severity", "code", "message", "hint"]);
    });

    it("validate: compose text with an error is an error result with the finding's line, column, code and hint", async () => {
        const { result, isError } = await call("validate", { composeYaml: "services:\n  web:\n    image: nginx\n    ports: [\"notaport\"]\n" });
        assert.equal(isError, true);
        assert.equal(result.ok, false);
        const [e] = result.diagnostics.filter((d: Json) => d.severity === "error");
        assert.equal(e.line, 4);
        assert.ok(e.column > 0 && /^[a-z0-9-]+$/.test(e.code) && e.message, JSON.stringify(e));
    });

    it("render: the normalized project as JSON", async () => {
        const { result } = await call("render", { path: path.dirname(sampleFile(SAMPLE)) });
        assert.equal(result.ok, true);
        assert.equal(result.project.name, SAMPLE);
        assert.deepEqual(Object.keys(result.project.services).sort(), ["db", "django"]);
        assert.equal(result.project.services.db["x-defang-postgres"], true, "extensions are kept");
    });

    it("plan: the same graph as the offline plan, with dependencies, placeholders and the critical path", async () => {
        const { result } = await call("plan", { path: sampleFile(SAMPLE), mode: "balanced", criticalPath: true });
        const local = await plannedSample(SAMPLE, "balanced");
        assert.equal(result.ok, true);
        assert.deepEqual(result.resources.map((r: Json) => `${r.type} ${r.name}`), local.resources.map((r) => `${r.type} ${r.name}`));
        const service = result.resources.find((r: Json) => r.type === "aws:ecs/service:Service");
        assert.ok(service.dependencies.some((d: Json) => d.type === "aws:ecs/taskDefinition:TaskDefinition" && d.via.includes("taskDefinition")));
        assert.ok(result.outputPlaceholders.includes('endpoints.django'), JSON.stringify(result.outputPlaceholders));
        const django = result.criticalPath.services.find((s: Json) => s.name === "django");
        assert.deepEqual(django.waitsForStores, []);
        assert.ok(result.criticalPath.totalSeconds >= django.readySeconds);
    });

    it("estimate: the lines sum to the total, which matches the estimate of the same plan in process", async () => {
        const usage = { natGateway: { processedGB: 100 }, logs: { ingestedGB: 5, storedGB: 20 } };
        const { result } = await call("estimate", { path: sampleFile(SAMPLE), mode: "high_availability", usage });
        assert.equal(result.ok, true);
        assert.equal(result.currency, "USD");
        assert.equal(result.total, sumCents(result.lines));
        const local = await plannedSample(SAMPLE, "high_availability");
        const { usage: parsed } = (await import("../../provider/src/estimate")).parseUsage(JSON.stringify(usage));
        const expected = estimateResources(local.resources, { region: "us-east-1", mode: "high_availability", project: local.project, usage: parsed, serviceNames: serviceNamesOf(local.outputs) });
        assert.equal(result.total, expected.total);
        assert.ok(result.lines.some((l: Json) => /NAT/.test(l.description) && l.unit === "GB"), "the usage figures are priced");
    });

    it("answers bad input with an error result, not a protocol failure", async () => {
        const missing = await call("plan", { path: "/nonexistent/compose.yaml" });
        assert.equal(missing.isError, true);
        assert.match(missing.result.error, /\/nonexistent\/compose\.yaml: no such compose file/);
        const region = await call("estimate", { composeYaml: "services:\n  web:\n    image: nginx\n", region: "ap-south-9" });
        assert.match(region.result.error, /no price data for region 'ap-south-9'/);
        const both = await call("validate", { composeYaml: "services: {}\n", path: "." });
        assert.match(both.result.error, /give one of composeYaml, path or files/);
        const mode = await client.callTool({ name: "plan", arguments: { composeYaml: "services: {}\n", mode: "cheapest" } });
        assert.equal(mode.isError, true, "the input schema refuses an unknown mode");
    });

    it("exits 0 when the client closes stdin", async () => {
        const child = spawn(CLI[0], [...CLI.slice(1), "mcp"], { cwd: REPO_ROOT, stdio: ["pipe", "pipe", "pipe"] });
        let out = "";
        child.stdout.on("data", (c) => (out += String(c)));
        child.stdin.end();
        const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
        assert.equal(code, 0);
        assert.equal(out, "", "nothing but protocol messages on stdout");
    });
});
