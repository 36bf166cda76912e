// The plugin as the engine sees it: build the archives `make dist` ships, unpack one into an empty
// directory, start its launcher as the engine does and talk to it over gRPC: version, schema, and a
// whole `construct` of a Project against the stand-in engine of bench/plugin-harness.ts (which proves
// the bundle carries every module and data file the component needs, with no node_modules beside it).
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { construct, startFakeEngine, startPlugin, type FakeEngine, type PluginProcess } from "../../bench/plugin-harness";
import { ROOT } from "./schema-shape";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const provproto = require("@pulumi/pulumi/proto/provider_pb");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const structproto = require("google-protobuf/google/protobuf/struct_pb");

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const PLATFORMS = ["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64", "windows-amd64"];
// Budgets of issue 14: what users download and what stays in ~/.pulumi/plugins.
const MAX_ARCHIVE_BYTES = 10e6;
const MAX_INSTALLED_BYTES = 40e6;

function rpc<T>(client: any, method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => client[method](request, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))));
}

function listFiles(dir: string): string[] {
    return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

describe("plugin archives (make dist)", function () {
    this.timeout(180_000);
    let work: string;
    let archives: string[];
    let unpacked: string;

    before(() => {
        const compiled = path.join(ROOT, "bin/provider/src/provider.js");
        assert.ok(fs.existsSync(compiled), "bin/provider/src/provider.js is missing: run `npm run build` before these tests");
        work = fs.mkdtempSync(path.join(os.tmpdir(), "defang-dist-"));
        const out = execFileSync("node", [path.join(ROOT, "provider/cmd/pulumi-resource-defang/dist.js"), "--out", work, "--platform", "all"], { encoding: "utf8" });
        archives = out.trim().split("\n");
        unpacked = path.join(work, "linux-amd64");
        fs.mkdirSync(unpacked);
        execFileSync("tar", ["-xzf", archives[0], "-C", unpacked]);
    });

    after(() => fs.rmSync(work, { recursive: true, force: true }));

    it("are named pulumi-resource-defang-v<version>-<os>-<arch>.tar.gz for linux, darwin and windows", () => {
        assert.deepEqual(
            archives.map((a) => path.basename(a)),
            PLATFORMS.map((p) => `pulumi-resource-defang-v${pkg.version}-${p}.tar.gz`),
        );
    });

    it("hold the launcher, the bundled provider, schema.json, package.json and the licences, nothing else", () => {
        assert.deepEqual(listFiles(unpacked), ["THIRD_PARTY_LICENSES", "package.json", "provider.js", "pulumi-resource-defang", "schema.json"]);
        const launcher = fs.statSync(path.join(unpacked, "pulumi-resource-defang"));
        assert.ok((launcher.mode & 0o111) === 0o111, "the launcher must be executable by everyone");
        assert.deepEqual(JSON.parse(fs.readFileSync(path.join(unpacked, "schema.json"), "utf8")), JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")));
        assert.equal(JSON.parse(fs.readFileSync(path.join(unpacked, "package.json"), "utf8")).version, pkg.version);
        const licences = fs.readFileSync(path.join(unpacked, "THIRD_PARTY_LICENSES"), "utf8");
        for (const dep of ["@pulumi/pulumi", "@pulumi/aws", "@grpc/grpc-js", "@aws-sdk/client-ecs", "@aws-sdk/client-s3", "@aws-sdk/client-codebuild", "@aws-sdk/client-cloudfront", "yaml", "ajv"]) {
            assert.match(licences, new RegExp(`^${dep.replace("/", "\\/")}@\\d`, "m"), `${dep} missing from THIRD_PARTY_LICENSES`);
        }
    });

    it("differ only in the launcher: Windows gets pulumi-resource-defang.cmd running provider.js with node", () => {
        const windows = path.join(work, "windows-amd64");
        fs.mkdirSync(windows);
        execFileSync("tar", ["-xzf", archives[PLATFORMS.indexOf("windows-amd64")], "-C", windows]);
        assert.deepEqual(listFiles(windows), ["THIRD_PARTY_LICENSES", "package.json", "provider.js", "pulumi-resource-defang.cmd", "schema.json"]);
        const cmd = fs.readFileSync(path.join(windows, "pulumi-resource-defang.cmd"), "utf8");
        assert.match(cmd, /"%NODE%" "%~dp0provider\.js" %\*/);
        assert.ok(cmd.split("\n").slice(0, -1).every((line) => line.endsWith("\r")), "cmd.exe scripts need CRLF line ends");
        assert.ok(fs.readFileSync(path.join(windows, "provider.js")).equals(fs.readFileSync(path.join(unpacked, "provider.js"))));
    });

    it(`stay within ${MAX_ARCHIVE_BYTES / 1e6} MB to download and ${MAX_INSTALLED_BYTES / 1e6} MB installed`, () => {
        for (const archive of archives) assert.ok(fs.statSync(archive).size <= MAX_ARCHIVE_BYTES, `${archive}: ${fs.statSync(archive).size} bytes`);
        const installed = listFiles(unpacked).reduce((sum, f) => sum + fs.statSync(path.join(unpacked, f)).size, 0);
        assert.ok(installed <= MAX_INSTALLED_BYTES, `installed: ${installed} bytes`);
    });

    it("are reproducible: the same inputs give byte-identical archives", () => {
        const again = path.join(work, "again");
        execFileSync("node", [path.join(ROOT, "provider/cmd/pulumi-resource-defang/dist.js"), "--out", again, "--platform", "linux-amd64"]);
        assert.ok(fs.readFileSync(path.join(again, path.basename(archives[0]))).equals(fs.readFileSync(archives[0])));
    });

    describe("started from the launcher, with no node_modules beside it", () => {
        let engine: FakeEngine;
        let plugin: PluginProcess;

        before(async () => {
            engine = await startFakeEngine("plugin-test", "dev");
            plugin = await startPlugin(path.join(unpacked, "pulumi-resource-defang"), engine.engineAddress, work);
        });

        after(async () => {
            plugin?.stop();
            await engine?.close();
        });

        it("answers GetPluginInfo and GetSchema", async () => {
            const info = await rpc<any>(plugin.client, "getPluginInfo", new emptyproto.Empty());
            assert.equal(info.getVersion(), pkg.version);
            const schema = JSON.parse((await rpc<any>(plugin.client, "getSchema", new provproto.GetSchemaRequest())).getSchema());
            assert.equal(schema.name, "defang");
            assert.equal(schema.version, pkg.version);
            assert.equal(schema.resources["defang:index:Project"].isComponent, true);
        });

        it("constructs a Project: every child registered, outputs returned", async () => {
            const compose = [
                "services:",
                "  web: {image: nginx:1.27, ports: [{target: 80, mode: ingress}], environment: {API_TOKEN: null}}",
                "  db: {image: 'postgres:16', x-defang-postgres: true, environment: {POSTGRES_PASSWORD: null}}",
            ].join("\n");
            const inputs = { composeYaml: compose, projectName: "shop", mode: "balanced", config: { API_TOKEN: "t", POSTGRES_PASSWORD: "p" } };
            const result = await construct(plugin, engine, { type: "defang:index:Project", name: "shop", inputs, project: "plugin-test", stack: "dev", dryRun: false });
            assert.equal(result.urn, "urn:pulumi:dev::plugin-test::defang:index:Project::shop");
            assert.match(String((result.state.endpoints as Record<string, string>).web), /^https?:\/\//);
            assert.equal((result.state.databases as Record<string, { engine: string }>).db.engine, "postgres");
            const types = new Set(engine.registrations.map((r) => r.type));
            for (const t of ["aws:ec2/vpc:Vpc", "aws:ecs/service:Service", "aws:lb/loadBalancer:LoadBalancer", "aws:rds/instance:Instance", "aws:ssm/parameter:Parameter"]) {
                assert.ok(types.has(t), `${t} not registered; got ${[...types].join(", ")}`);
            }
            assert.equal(plugin.stderr(), "", "the plugin wrote to stderr");
        });

        it("constructs the storage features: EFS volumes, x-defang-s3 buckets, a static site on CloudFront with its StaticSiteSync", async () => {
            const compose = [
                "services:",
                "  app: {image: 'ghcr.io/acme/app:1', volumes: ['media:/data'], depends_on: [files]}",
                "  files: {image: minio/minio, x-defang-s3: true}",
                "  site: {image: nginx:1.27, x-defang-static-files: {folder: /usr/share/nginx/html}}",
                "volumes:",
                "  media: {}",
            ].join("\n");
            const registered = engine.registrations.length;
            const result = await construct(plugin, engine, { type: "defang:index:Project", name: "store", inputs: { composeYaml: compose, projectName: "store" }, project: "plugin-test", stack: "dev", dryRun: false });
            assert.equal(result.urn, "urn:pulumi:dev::plugin-test::defang:index:Project::store");
            const types = new Set(engine.registrations.slice(registered).map((r) => r.type));
            for (const t of ["aws:efs/fileSystem:FileSystem", "aws:efs/mountTarget:MountTarget", "aws:s3/bucket:Bucket", "aws:cloudfront/distribution:Distribution", "aws:cloudfront/function:Function", "defang:index:StaticSiteSync"]) {
                assert.ok(types.has(t), `${t} not registered; got ${[...types].join(", ")}`);
            }
            assert.equal(plugin.stderr(), "", "the plugin wrote to stderr");
        });

        it("runs StaticSiteSync from the bundle: its Check loads the handler and its S3, CodeBuild and CloudFront clients", async () => {
            const request = new provproto.CheckRequest();
            request.setUrn("urn:pulumi:dev::plugin-test::defang:index:Project$defang:index:StaticSiteSync::store-site/files");
            request.setOlds(structproto.Struct.fromJavaScript({}));
            const inputs = { region: "us-east-1", service: "site", image: "nginx:1.27", platform: "linux/amd64", siteBucket: "b", distributionId: "E1", archiveBucket: "a", extractProject: "p", format: 1 };
            request.setNews(structproto.Struct.fromJavaScript({ ...inputs, folder: "usr/share/nginx/html" }));
            const refused = await rpc<any>(plugin.client, "check", request);
            assert.deepEqual(
                refused.getFailuresList().map((f: any) => [f.getProperty(), f.getReason()]),
                [["folder", "folder must be an absolute path in the image"]],
            );
            request.setNews(structproto.Struct.fromJavaScript({ ...inputs, folder: "/usr/share/nginx/html" }));
            const accepted = await rpc<any>(plugin.client, "check", request);
            assert.deepEqual(accepted.getFailuresList(), []);
            assert.equal(accepted.getInputs().toJavaScript().folder, "/usr/share/nginx/html");
            assert.equal(plugin.stderr(), "", "the plugin wrote to stderr");
        });

        it("reports compose errors through a findings resource whose Check fails with them (engine: findings.ts), without hanging", async () => {
            const registered = engine.registrations.length;
            const inputs = { composeYaml: "services:\n  web:\n    image: nginx:1.27\n    bogus_key: 1\n", projectName: "broken" };
            // This stand-in engine accepts every registration, so the component falls back to failing construct.
            await assert.rejects(
                construct(plugin, engine, { type: "defang:index:Project", name: "broken", inputs, project: "plugin-test", stack: "dev", dryRun: true }),
                /the compose project has an error:\n.*compose\.yaml:4:5: unknown key 'bogus_key' in service 'web' \[unknown-key\]/,
            );
            const findings = engine.registrations.slice(registered).filter((r) => r.custom);
            assert.deepEqual(
                findings.map((r) => [r.type, r.name, r.urn]),
                [["defang:index:Project", "broken", "urn:pulumi:dev::plugin-test::defang:index:Project$defang:index:Project::broken"]],
                "one findings resource, named and typed like the component (the engine shows its error under it)",
            );
            // Its Check (what the real engine calls, and prints the failure of) fails with the findings.
            const request = new provproto.CheckRequest();
            request.setUrn(findings[0].urn);
            request.setOlds(structproto.Struct.fromJavaScript({}));
            request.setNews(structproto.Struct.fromJavaScript({ findings: "the compose project has an error:\ncompose.yaml:4:5: …" }));
            await assert.rejects(rpc(plugin.client, "check", request), (err: { details: string }) => err.details === "the compose project has an error:\ncompose.yaml:4:5: …");
        });
    });

    it("fails with a clear message when provider.js is not beside the launcher", () => {
        const lonely = path.join(work, "lonely");
        fs.mkdirSync(lonely);
        fs.copyFileSync(path.join(unpacked, "pulumi-resource-defang"), path.join(lonely, "pulumi-resource-defang"));
        fs.chmodSync(path.join(lonely, "pulumi-resource-defang"), 0o755);
        assert.throws(
            () => execFileSync(path.join(lonely, "pulumi-resource-defang"), [], { stdio: "pipe" }),
            (err: any) => err.status === 1 && /provider\.js not found/.test(err.stderr.toString()),
        );
    });
});
