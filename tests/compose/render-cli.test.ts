// `pulumi-defang render`: options, output formats, diagnostics on stderr, exit codes 0 / 1 / 2.
import * as assert from "assert";
import * as YAML from "yaml";
import { main } from "../../provider/src/cli/main";
import { runRender, type RenderDeps } from "../../provider/src/cli/commands/render";
import { loadProject } from "../../provider/src/compose";
import { UsageError } from "../../provider/src/cli/args";
import { tempDir } from "./helpers";

async function run(argv: string[], cwd: string) {
    let out = "";
    let err = "";
    const deps: RenderDeps = { load: loadProject, cwd, environment: {}, stdout: (s) => (out += s), stderr: (s) => (err += s) };
    const code = await runRender(argv, deps);
    return { code, out, err };
}

const COMPOSE = `
services:
  web:
    image: nginx:\${TAG:-latest}
    ports: ["8080:80"]
    environment:
      API_KEY:
    profiles: [web]
  worker:
    image: worker
    command: run --fast
`;

describe("render command", () => {
    const dir = tempDir({ "compose.yaml": COMPOSE, ".env": "TAG=1.25\n", "other.env": "TAG=2\n", "bad.yaml": "services:\n  x:\n    imgae: y\n" });

    it("prints YAML by default, discovering compose.yaml and .env", async () => {
        const r = await run([], dir);
        assert.strictEqual(r.code, 0, r.err);
        const doc = YAML.parse(r.out);
        assert.deepStrictEqual(Object.keys(doc.services), ["worker"]);
        assert.deepStrictEqual(doc.services.worker.command, ["run", "--fast"]);
        assert.deepStrictEqual(doc.networks, { default: { name: `${doc.name}_default` } });
    });
    it("--format json, --profile, --env-file, -p", async () => {
        const r = await run(["--format", "json", "--profile", "web", "--env-file", "other.env", "-p", "demo"], dir);
        assert.strictEqual(r.code, 0, r.err);
        const doc = JSON.parse(r.out);
        assert.strictEqual(doc.name, "demo");
        assert.strictEqual(doc.services.web.image, "nginx:2");
        assert.strictEqual(doc.services.web.environment.API_KEY, null);
        assert.deepStrictEqual(doc.services.web.ports, [{ mode: "ingress", target: 80, published: "8080", protocol: "tcp" }]);
        assert.strictEqual(doc.services.worker.entrypoint, null);
    });
    it("--no-normalize leaves out the implicit default network and names", async () => {
        const doc = JSON.parse((await run(["--format", "json", "--no-normalize"], dir)).out);
        assert.strictEqual(doc.networks, undefined);
        assert.strictEqual(doc.services.worker.networks, undefined);
    });
    it("exit 1 with located diagnostics on stderr and nothing on stdout", async () => {
        const r = await run(["-f", "bad.yaml"], dir);
        assert.strictEqual(r.code, 1);
        assert.strictEqual(r.out, "");
        assert.match(r.err, /bad\.yaml:3:5: error: unknown key 'imgae' in service 'x' \[unknown-key\]\n {4}hint: did you mean 'image'\?/);
    });
    it("warnings go to stderr and still exit 0", async () => {
        const d = tempDir({ "compose.yaml": "version: '3'\nservices:\n  a:\n    image: x\n" });
        const r = await run([], d);
        assert.strictEqual(r.code, 0);
        assert.match(r.err, /compose\.yaml:1:1: warning: the attribute 'version' is obsolete and ignored \[obsolete-version\]/);
    });
    it("bad options are usage errors (exit 2 from the CLI)", async () => {
        await assert.rejects(run(["--format", "toml"], dir), UsageError);
        await assert.rejects(run(["--nope"], dir), UsageError);
        const write = process.stderr.write;
        process.stderr.write = (() => true) as typeof process.stderr.write;
        try {
            assert.strictEqual(await main(["render", "--format", "xml"]), 2);
        } finally {
            process.stderr.write = write;
        }
    });
    it("is registered with --help", async () => {
        const write = process.stdout.write;
        let out = "";
        process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
        try {
            assert.strictEqual(await main(["render", "--help"]), 0);
        } finally {
            process.stdout.write = write;
        }
        assert.match(out, /Usage: pulumi-defang render/);
        assert.match(out, /--format FORMAT/);
    });
});

describe("render details", () => {
    it("GPU device counts: 'all' is -1 in the model and 'all' in the output", async () => {
        const d = tempDir({ "compose.yaml": "services:\n  gpu:\n    image: x\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - capabilities: [gpu]\n              count: all\n" });
        const p = loadProject({ workingDir: d }).project!;
        assert.strictEqual(p.services.gpu.deploy!.resources!.reservations!.devices![0].count, -1);
        const doc = JSON.parse((await run(["--format", "json"], d)).out);
        assert.deepStrictEqual(doc.services.gpu.deploy.resources.reservations.devices, [{ capabilities: ["gpu"], count: "all" }]);
    });
});

describe("render YAML quoting", () => {
    it("keeps YAML 1.1 look-alikes quoted (restart: \"no\", 0440, on)", async () => {
        const d = tempDir({ "compose.yaml": "services:\n  a:\n    image: x\n    restart: \"no\"\n    labels:\n      mode: \"0440\"\n      flag: \"on\"\n" });
        const out = (await run([], d)).out;
        assert.match(out, /restart: "no"/);
        assert.match(out, /mode: "0440"/);
        assert.match(out, /flag: "on"/);
    });
});
