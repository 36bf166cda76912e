// The plugin installs itself (opt-in: `make test_engine`). The SDKs carry the schema's
// pluginDownloadURL (github://api.github.com/pulumi-defang: release assets of
// github.com/pulumi-defang/pulumi-defang); here the engine's documented override,
// PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES (regexp=URL), sends that download to a server on 127.0.0.1 that
// serves dist/ under the release's asset names. `pulumi up` of an SDK program then installs the
// plugin with no `pulumi plugin install` step; and when the download fails, the install command the
// engine suggests is run as printed, and works.
import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { PULUMI, ROOT, defangSdk, engineStack, requireEngine } from "./engine-harness";

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));
const version = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
const ASSET = `pulumi-resource-defang-v${version}-linux-amd64.tar.gz`;

const COMPOSE = `
services:
  web:
    image: nginx:1.27
    ports:
      - target: 80
        mode: ingress
    deploy:
      resources:
        reservations:
          memory: 512M
`;

/** dist/ over HTTP on 127.0.0.1, as GitHub serves release assets; `available` false answers 404. */
async function serveDist(): Promise<{ url: string; requests: string[]; setAvailable(on: boolean): void; close(): Promise<void> }> {
    const requests: string[] = [];
    let available = true;
    const server = http.createServer((req, res) => {
        const name = decodeURIComponent(path.basename(req.url ?? "/"));
        requests.push(name);
        const file = path.join(ROOT, "dist", name);
        if (!available || !name.startsWith("pulumi-resource-defang-") || !fs.existsSync(file)) {
            res.writeHead(404).end("not found");
            return;
        }
        res.writeHead(200, { "content-type": "application/gzip", "content-length": fs.statSync(file).size });
        fs.createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        setAvailable: (on) => (available = on),
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}

describe("engine: pulumi up installs the defang plugin by itself", function () {
    this.timeout(600_000);
    let home: string;
    let server: Awaited<ReturnType<typeof serveDist>>;
    let override: Record<string, string>;
    const program = async () => {
        const defang = defangSdk();
        const app = new defang.Project("site", { composeYaml: COMPOSE, projectName: "site" });
        return { endpoints: app.endpoints };
    };

    before(async () => {
        requireEngine();
        server = await serveDist();
        // The regexp matches the source the engine derives from pluginDownloadURL (github://<host>/<org>/<repo>).
        override = { PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: `^${schema.pluginDownloadURL.replace(/\./g, "\\.")}(/.*)?$=${server.url}` };
    });

    beforeEach(() => {
        home = fs.mkdtempSync(path.join(os.tmpdir(), "defang-install-"));
        server.requests.length = 0;
        server.setAvailable(true);
    });

    afterEach(() => fs.rmSync(home, { recursive: true, force: true }));
    after(() => server?.close());

    it("downloads the release asset the SDK names and deploys with it", async () => {
        const { stack, env } = await engineStack(home, "install-test", program, override, "download");
        const plugins = path.join(env.PULUMI_HOME, "plugins");
        assert.ok(!fs.existsSync(path.join(plugins, `resource-defang-v${version}`)), "nothing installed beforehand");
        const up = await stack.up();
        assert.equal(up.summary.result, "succeeded");
        assert.match(up.outputs.endpoints.value.web, /^https?:\/\//);
        assert.deepEqual(server.requests, [ASSET], "one download, of the linux-amd64 asset");
        const installed = path.join(plugins, `resource-defang-v${version}`);
        assert.deepEqual(fs.readdirSync(installed).sort(), ["THIRD_PARTY_LICENSES", "package.json", "provider.js", "pulumi-resource-defang", "schema.json"]);
    });

    it("when the download fails, suggests an install command that works as printed", async () => {
        server.setAvailable(false);
        const { stack, env } = await engineStack(home, "install-hint", program, override, "download");
        let output = "";
        await assert.rejects(stack.up({ onOutput: (s) => (output += s) }));
        const hint = /install the plugin using `(pulumi plugin install [^`]+)`/.exec(output);
        assert.ok(hint, `no install hint in:\n${output}`);
        assert.equal(hint[1], `pulumi plugin install resource defang v${version} --server ${schema.pluginDownloadURL}`);

        server.setAvailable(true);
        const [command, ...args] = hint[1].split(" ");
        assert.equal(command, "pulumi");
        // Asynchronously: the server answering it runs in this process.
        await promisify(execFile)(PULUMI, args, { env: { ...process.env, ...env } });
        assert.ok(fs.existsSync(path.join(env.PULUMI_HOME, "plugins", `resource-defang-v${version}`, "provider.js")));
        const up = await stack.up();
        assert.equal(up.summary.result, "succeeded");
    });

    it("the README's install command is that same command", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        assert.ok(readme.includes(`pulumi plugin install resource defang ${version} --server ${schema.pluginDownloadURL}`) || readme.includes(`pulumi plugin install resource defang v${version} --server ${schema.pluginDownloadURL}`));
    });
});
