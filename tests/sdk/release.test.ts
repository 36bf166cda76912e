// The release: the workflow publishes on version tags only, plugin first, after the same dry run CI
// runs; scripts/release.js refuses artifacts that would make a broken release (checked here on small
// stand-in artifacts; `make release_dry_run` runs it on the real ones).
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";

const ROOT = path.resolve(__dirname, "../..");
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
const PLATFORMS = ["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64", "windows-amd64"];

describe("release", function () {
    this.timeout(60_000);

    describe(".github/workflows/release.yml", () => {
        const workflow = YAML.parse(fs.readFileSync(path.join(ROOT, ".github/workflows/release.yml"), "utf8"));

        it("builds and checks everything with make release_dry_run, on version tags and by hand", () => {
            assert.deepEqual(workflow.on.push.tags, ["v[0-9]+.[0-9]+.[0-9]+"]);
            assert.ok("workflow_dispatch" in workflow.on);
            const runs = workflow.jobs.build.steps.map((s: { run?: string }) => s.run ?? "").join("\n");
            assert.match(runs, /make release_dry_run RELEASE_TAG=/);
            assert.match(fs.readFileSync(path.join(ROOT, "Makefile"), "utf8"), /^test: .*\brelease_dry_run\b/m);
        });

        it("publishes only for a pushed tag: the plugin release first, then npm, PyPI and the Go module tag", () => {
            const publish = workflow.jobs.publish;
            assert.deepEqual(publish.needs, "build");
            assert.match(publish.if, /github\.event_name == 'push' && github\.ref_type == 'tag'/);
            const steps: string[] = publish.steps.map((s: { run?: string; uses?: string }) => s.run ?? s.uses ?? "");
            const at = (re: RegExp) => steps.findIndex((s) => re.test(s));
            const order = [/gh release create .*pulumi-resource-defang-\*\.tar\.gz dist\/SHA256SUMS/s, /npm publish dist\/pulumi-defang-/, /pypa\/gh-action-pypi-publish/, /git tag "sdk\/\$TAG"/];
            const positions = order.map(at);
            assert.ok(positions.every((p) => p >= 0), `steps: ${steps.join(" | ")}`);
            assert.deepEqual([...positions].sort((a, b) => a - b), positions, "plugin, npm, PyPI, Go tag, in that order");
        });
    });

    describe("scripts/release.js", () => {
        let dist: string;
        const run = (...args: string[]) => execFileSync("node", [path.join(ROOT, "scripts/release.js"), "--dist", dist, ...args], { encoding: "utf8", stdio: "pipe" });
        const fails = (pattern: RegExp, ...args: string[]) =>
            assert.throws(() => run(...args), (err: { status: number; stderr: string }) => err.status === 1 && pattern.test(err.stderr));

        function tarOf(dir: string, out: string, files: Record<string, string>): void {
            fs.rmSync(dir, { recursive: true, force: true });
            for (const [name, text] of Object.entries(files)) {
                fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
                fs.writeFileSync(path.join(dir, name), text);
            }
            execFileSync("tar", ["-czf", out, "-C", dir, ...fs.readdirSync(dir)]);
        }

        beforeEach(() => {
            dist = fs.mkdtempSync(path.join(os.tmpdir(), "defang-release-"));
            const stage = path.join(dist, ".stage");
            for (const platform of PLATFORMS) {
                const launcher = platform.startsWith("windows") ? "pulumi-resource-defang.cmd" : "pulumi-resource-defang";
                tarOf(stage, path.join(dist, `pulumi-resource-defang-v${VERSION}-${platform}.tar.gz`), { [launcher]: "", "provider.js": "", "schema.json": "", "package.json": "", THIRD_PARTY_LICENSES: "" });
            }
            const npm = ["package.json", "README.md", "index.js", "index.d.ts", "testing.js", "cli/pulumi-defang.js", "cli/THIRD_PARTY_LICENSES"];
            tarOf(path.join(stage, "npm"), path.join(dist, `pulumi-defang-${VERSION}.tgz`), Object.fromEntries(npm.map((f) => [`package/${f}`, ""])));
            fs.mkdirSync(path.join(dist, "python"));
            const wheelDir = path.join(stage, "wheel");
            const metadata = "Metadata-Version: 2.4\nDescription-Content-Type: text/markdown\n\n# pulumi_defang\npip install pulumi-defang\n";
            const wheel = { "pulumi_defang/__init__.py": "", "pulumi_defang/testing.py": "", "pulumi_defang/pulumi-plugin.json": "", "pulumi_defang/py.typed": "", [`pulumi_defang-${VERSION}.dist-info/METADATA`]: metadata };
            for (const [name, text] of Object.entries(wheel)) {
                fs.mkdirSync(path.dirname(path.join(wheelDir, name)), { recursive: true });
                fs.writeFileSync(path.join(wheelDir, name), text);
            }
            execFileSync("zip", ["-qr", path.join(dist, "python", `pulumi_defang-${VERSION}-py3-none-any.whl`), "."], { cwd: wheelDir });
            fs.writeFileSync(path.join(dist, "python", `pulumi_defang-${VERSION}.tar.gz`), "");
            fs.rmSync(stage, { recursive: true, force: true });
        });

        afterEach(() => fs.rmSync(dist, { recursive: true, force: true }));

        it("accepts complete artifacts, writes SHA256SUMS of the archives and says what it would publish", () => {
            const out = run("--tag", `v${VERSION}`);
            assert.match(out, new RegExp(`release v${VERSION.replace(/\./g, "\\.")}: every artifact checked`));
            assert.match(out, /push the Go module tag sdk\/v/);
            const sums = fs.readFileSync(path.join(dist, "SHA256SUMS"), "utf8").trim().split("\n");
            assert.deepEqual(sums.map((l) => l.split("  ")[1]), PLATFORMS.map((p) => `pulumi-resource-defang-v${VERSION}-${p}.tar.gz`));
            assert.ok(sums.every((l) => /^[0-9a-f]{64}  /.test(l)));
        });

        it("refuses a tag that is not the version of package.json, schema.json and the SDKs", () => {
            fails(/versions disagree with package\.json .*tag v99\.0\.0 has 99\.0\.0/, "--tag", "v99.0.0");
        });

        it("refuses a missing archive", () => {
            fs.rmSync(path.join(dist, `pulumi-resource-defang-v${VERSION}-darwin-arm64.tar.gz`));
            fails(/darwin-arm64\.tar\.gz is missing/);
        });

        it("refuses a Windows archive without its .cmd launcher", () => {
            const stage = path.join(dist, ".bad");
            tarOf(stage, path.join(dist, `pulumi-resource-defang-v${VERSION}-windows-amd64.tar.gz`), { "pulumi-resource-defang": "", "provider.js": "", "schema.json": "", "package.json": "", THIRD_PARTY_LICENSES: "" });
            fails(/windows-amd64\.tar\.gz holds .*expected .*pulumi-resource-defang\.cmd/);
        });

        it("refuses an npm package with source maps", () => {
            const stage = path.join(dist, ".bad");
            tarOf(stage, path.join(dist, `pulumi-defang-${VERSION}.tgz`), Object.fromEntries(["package.json", "README.md", "index.js", "index.d.ts", "index.js.map", "testing.js", "cli/pulumi-defang.js", "cli/THIRD_PARTY_LICENSES"].map((f) => [`package/${f}`, ""])));
            fails(/ships source maps of sources it does not carry: package\/index\.js\.map/);
        });

        it("refuses a wheel whose description is not the README", () => {
            const wheelDir = path.join(dist, ".wheel");
            fs.mkdirSync(path.join(wheelDir, `pulumi_defang-${VERSION}.dist-info`), { recursive: true });
            fs.writeFileSync(path.join(wheelDir, `pulumi_defang-${VERSION}.dist-info/METADATA`), "Metadata-Version: 2.4\n");
            execFileSync("zip", ["-qr", path.join(dist, "python", `pulumi_defang-${VERSION}-py3-none-any.whl`), "."], { cwd: wheelDir });
            fails(/py3-none-any\.whl has no README as its description/);
        });
    });
});
