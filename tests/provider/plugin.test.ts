// The plugin as the engine sees it: build the archive `make dist` ships, unpack it into an empty
// directory, start the shim and ask it over gRPC for its version and schema.
import { strict as assert } from "assert";
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { ROOT } from "./schema-shape";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const provproto = require("@pulumi/pulumi/proto/provider_pb");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

function rpc<T>(client: any, method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => client[method](request, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))));
}

function firstLine(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
        let out = "";
        let err = "";
        child.stdout!.on("data", (d: Buffer) => {
            out += d.toString();
            if (out.includes("\n")) resolve(out.split("\n")[0].trim());
        });
        child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
        child.on("exit", (code) => reject(new Error(`plugin exited with ${code} before printing its port: ${err}`)));
    });
}

describe("plugin archive (make dist)", function () {
    this.timeout(180_000);
    let work: string;
    let unpacked: string;
    let archive: string;

    before(() => {
        const compiled = path.join(ROOT, "bin/provider/src/provider.js");
        assert.ok(fs.existsSync(compiled), "bin/provider/src/provider.js is missing: run `npm run build` before these tests");
        work = fs.mkdtempSync(path.join(os.tmpdir(), "defang-dist-"));
        const out = execFileSync("node", [path.join(ROOT, "provider/cmd/pulumi-resource-defang/dist.js"), "--out", work, "--platform", "linux-amd64"], {
            encoding: "utf8",
        });
        archive = out.trim().split("\n").pop()!;
        unpacked = path.join(work, "plugin");
        fs.mkdirSync(unpacked);
        execFileSync("tar", ["-xzf", archive, "-C", unpacked]);
    });

    after(() => fs.rmSync(work, { recursive: true, force: true }));

    it("is named pulumi-resource-defang-v<version>-<os>-<arch>.tar.gz", () => {
        assert.equal(path.basename(archive), `pulumi-resource-defang-v${pkg.version}-linux-amd64.tar.gz`);
    });

    it("has the executable shim at its root, the compiled provider, schema.json and package.json", () => {
        const shim = fs.statSync(path.join(unpacked, "pulumi-resource-defang"));
        assert.ok(shim.isFile() && (shim.mode & 0o111) === 0o111, "shim must be executable by everyone");
        for (const file of ["bin/provider/src/provider.js", "bin/provider/src/schema-types.js", "schema.json", "package.json"]) {
            assert.ok(fs.existsSync(path.join(unpacked, file)), `${file} missing`);
        }
        assert.deepEqual(JSON.parse(fs.readFileSync(path.join(unpacked, "schema.json"), "utf8")), JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")));
    });

    it("carries every production dependency, resolvable from the archive, and no dev-only package", () => {
        for (const dep of Object.keys(pkg.dependencies)) {
            // By its package.json: some packages (@modelcontextprotocol/sdk) have subpath entries only.
            const resolved = execFileSync("node", ["-p", `require.resolve(${JSON.stringify(`${dep}/package.json`)})`], { cwd: unpacked, encoding: "utf8" }).trim();
            assert.ok(resolved.startsWith(path.join(unpacked, "node_modules")), `${dep} resolved to ${resolved}`);
        }
        for (const dev of ["mocha", "@types/mocha"]) {
            assert.ok(!fs.existsSync(path.join(unpacked, "node_modules", dev)), `dev dependency ${dev} shipped`);
        }
    });

    it("starts from the shim and answers GetPluginInfo and GetSchema over gRPC", async () => {
        const child = spawn(path.join(unpacked, "pulumi-resource-defang"), [], { cwd: work, stdio: ["ignore", "pipe", "pipe"] });
        try {
            const port = await firstLine(child);
            assert.match(port, /^\d+$/);
            const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
            try {
                const info = await rpc<any>(client, "getPluginInfo", new emptyproto.Empty());
                assert.equal(info.getVersion(), pkg.version);
                const request = new provproto.GetSchemaRequest();
                const schema = JSON.parse((await rpc<any>(client, "getSchema", request)).getSchema());
                assert.equal(schema.name, "defang");
                assert.equal(schema.version, pkg.version);
                assert.equal(schema.resources["defang:index:Project"].isComponent, true);
            } finally {
                client.close();
            }
        } finally {
            child.kill();
        }
    });

    it("fails with a clear message when the compiled provider is not beside the shim", () => {
        const lonely = path.join(work, "lonely");
        fs.mkdirSync(lonely);
        fs.copyFileSync(path.join(unpacked, "pulumi-resource-defang"), path.join(lonely, "pulumi-resource-defang"));
        fs.chmodSync(path.join(lonely, "pulumi-resource-defang"), 0o755);
        assert.throws(
            () => execFileSync(path.join(lonely, "pulumi-resource-defang"), [], { stdio: "pipe" }),
            (err: any) => err.status === 1 && /bin\/provider\/src\/provider\.js not found/.test(err.stderr.toString()),
        );
    });
});
