// How the component's errors and warnings read through the real engine, for a TypeScript program
// (opt-in: `make test_engine`; tests/sdk/python/engine_check.py and tests/sdk/go/engine_test.go do the
// same for Python and Go). Each error once, under `defang:index:Project (<name>)`, with file:line:col
// and hint; no stack trace from the program, the SDK or the plugin; severities printed once; missing
// config failing `preview`, with the pulumi-defang command and the program's own language.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Stack } from "@pulumi/pulumi/automation";
import { defangSdk, engineStack, requireEngine } from "./engine-harness";

/** The Diagnostics section of an update's output, by resource header (`defang:index:Project (shop)`). */
export function diagnostics(output: string): Record<string, string> {
    const start = output.indexOf("\nDiagnostics:\n");
    assert.ok(start >= 0, `no Diagnostics section in:\n${output}`);
    const end = output.indexOf("\nResources:\n", start);
    const sections: Record<string, string> = {};
    let header = "";
    for (const line of output.slice(start + "\nDiagnostics:\n".length, end < 0 ? undefined : end).split("\n")) {
        const match = /^ {2}(\S.*):$/.exec(line);
        if (match) header = match[1];
        else if (header) sections[header] = (sections[header] ?? "") + line + "\n";
    }
    return sections;
}

/** What no error path may print: stack traces, the SDKs' monitor errors, doubled severities. */
export function assertClean(output: string): void {
    for (const noise of [/^\s+at .+:\d+:\d+\)?$/m, /resource monitor/i, /Unhandled exception/, /Traceback/, /warning: warning:/, /error: error:/, /\.ts:\d+:\d+\)/]) {
        assert.doesNotMatch(output, noise, `${noise} in:\n${output}`);
    }
}

const BROKEN = `
services:
  web:
    image: nginx:1.27
    bogus_key: 1
`;

const TOO_BIG = `
services:
  web:
    image: nginx:1.27
    deploy:
      resources:
        reservations:
          memory: 500G
`;

const NEEDS_CONFIG = `
services:
  web:
    image: nginx:1.27
    environment:
      API_TOKEN:
`;

describe("engine: errors and warnings of a TypeScript program", function () {
    this.timeout(600_000);
    let home: string;
    let composeDir: string;

    async function stackFor(compose: string, extraEnv: Record<string, string> = {}): Promise<Stack> {
        fs.writeFileSync(path.join(composeDir, "compose.yaml"), compose);
        const file = path.join(composeDir, "compose.yaml");
        const program = async () => {
            const app = new (defangSdk().Project)("shop", { composeFiles: [file], projectName: "shop" });
            return { endpoints: app.endpoints };
        };
        const name = `errors-${path.basename(fs.mkdtempSync(path.join(home, "p-")))}`.toLowerCase();
        return (await engineStack(home, name, program, extraEnv)).stack;
    }

    async function failing(stack: Stack, op: "preview" | "up"): Promise<string> {
        let output = "";
        await assert.rejects(op === "preview" ? stack.preview({ onOutput: (s) => (output += s) }) : stack.up({ onOutput: (s) => (output += s) }));
        return output;
    }

    before(() => {
        requireEngine();
        home = fs.mkdtempSync(path.join(os.tmpdir(), "defang-errors-"));
        composeDir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-errors-compose-"));
    });

    after(() => {
        fs.rmSync(home, { recursive: true, force: true });
        fs.rmSync(composeDir, { recursive: true, force: true });
    });

    it("compose errors: once each, under the Project, with file:line:col and hint, in preview and up", async () => {
        const stack = await stackFor(BROKEN);
        for (const op of ["preview", "up"] as const) {
            const output = await failing(stack, op);
            assertClean(output);
            const sections = diagnostics(output);
            const project = sections["defang:index:Project (shop)"];
            assert.ok(project, `${op}: no diagnostics under the Project: ${JSON.stringify(sections)}`);
            assert.match(project, /^ {4}error: the compose project has (an error|\d+ errors):$/m);
            assert.match(project, /compose\.yaml:5:5: unknown key 'bogus_key' in service 'web' \[unknown-key\]\n {8}hint: /);
            // Every finding line: file:line:col, message and code, no severity of its own, then its hint.
            for (const line of project.split("\n").slice(1).filter((l) => l.trim() && !l.startsWith("        hint: "))) {
                assert.match(line, /^ {4}\S*compose\.yaml:\d+:\d+: (?!error:).+ \[[a-z0-9-]+\]$/, line);
            }
            assert.equal(output.split("[unknown-key]").length - 1, 1, `${op}: the error must appear once in the Diagnostics section and nowhere else with its code`);
            assert.ok(!Object.keys(sections).some((h) => h.startsWith("pulumi:pulumi:Stack") && /error/.test(sections[h])), `${op}: an error under the stack`);
        }
    });

    it("plan errors: the same, for a task larger than Fargate allows", async () => {
        const output = await failing(await stackFor(TOO_BIG), "preview");
        assertClean(output);
        const project = diagnostics(output)["defang:index:Project (shop)"];
        assert.match(project, /error: the deployment plan has an error:\n {4}\S*compose\.yaml:7:9: service web asks for 512000 MiB, more than one Fargate task can have \[fargate-too-large\]\n {8}hint: /);
    });

    it("missing config fails preview, with the pulumi-defang command and the TypeScript form of the config input", async () => {
        const output = await failing(await stackFor(NEEDS_CONFIG), "preview");
        assertClean(output);
        const project = diagnostics(output)["defang:index:Project (shop)"];
        assert.match(project, /error: config value missing for shop \(stack dev\): API_TOKEN \[config-missing\]/);
        assert.match(project, /npx pulumi-defang@\d+\.\d+\.\d+ config set API_TOKEN --stack dev --region us-east-1 -f \S*compose\.yaml -p shop {3}\(reads the value from stdin\)/);
        assert.match(project, /config: \{ API_TOKEN: new pulumi\.Config\(\)\.requireSecret\("apiToken"\) \}/);
        assert.doesNotMatch(project, /require_secret|RequireSecret/, "only the program's language");
    });

    it("says so, once, when SSM cannot be read to check the config, and goes on", async () => {
        const stack = await stackFor(NEEDS_CONFIG, { DEFANG_STUB_DENY_INVOKES: "aws:ssm/getParametersByPath:getParametersByPath" });
        let output = "";
        const preview = await stack.preview({ onOutput: (s) => (output += s) });
        assert.ok((preview.changeSummary.create ?? 0) > 5, output);
        assertClean(output);
        const project = diagnostics(output)["defang:index:Project (shop)"];
        assert.match(project, /^ {4}warning: could not read \/Defang\/shop\/dev\/ in SSM Parameter Store \(.*AccessDeniedException.*\), so config values missing there \(API_TOKEN\) are not reported before the deployment.* \[config-unchecked\]$/m);
        assert.equal(output.split("[config-unchecked]").length - 1, 2, "once in the progress, once in the Diagnostics section");
    });
});
