// The CLI defers the modules behind Pulumi's function serialization (cli/defer-closure-modules.ts):
// a plan never loads the TypeScript compiler or Arborist, and code that does serialize a function
// still gets both, working. Each case runs in a child process so this process's module cache stays clean.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../support/shared";

const BUILT = path.join(REPO_ROOT, "bin/provider/src/cli");

/** Runs `script` in a child node (cwd: the repository) and returns what it printed as JSON. */
function child(script: string): Record<string, unknown> {
    const r = spawnSync(process.execPath, ["-e", script], { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

const LOADED = `const loaded = () => ({
    compiler: Object.keys(require.cache).some((k) => /[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$/.test(k)),
    arborist: Object.keys(require.cache).some((k) => /[\\\\/]@npmcli[\\\\/]arborist[\\\\/]lib[\\\\/]arborist[\\\\/]/.test(k)),
});`;

describe("cli: modules for function serialization load only when used", function () {
    this.timeout(120_000);

    it("a plan loads neither the TypeScript compiler nor Arborist", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-defer-"));
        const compose = path.join(dir, "compose.yaml");
        fs.writeFileSync(compose, "services:\n  web:\n    image: nginx:1.27\n    ports: ['80:80']\n");
        try {
            const out = child(`${LOADED}
                const print = process.stdout.write.bind(process.stdout);
                process.stdout.write = () => true; // the plan's own output is not under test
                process.stderr.write = () => true;
                require(${JSON.stringify(path.join(BUILT, "main.js"))}).main(["plan", "-f", ${JSON.stringify(compose)}])
                    .then((code) => print(JSON.stringify({ code, ...loaded() }) + "\\n"));`);
            assert.deepEqual(out, { code: 0, compiler: false, arborist: false });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("serializing a function and computing code paths still work, loading both on first use", () => {
        const out = child(`${LOADED}
            require(${JSON.stringify(path.join(BUILT, "defer-closure-modules.js"))});
            const pulumi = require("@pulumi/pulumi");
            const before = loaded();
            Promise.all([pulumi.runtime.serializeFunction(function add(a, b) { return a + b; }), pulumi.runtime.computeCodePaths()])
                .then(([fn, paths]) => console.log(JSON.stringify({ before, after: loaded(), exported: /return a \\+ b/.test(fn.text), paths: paths.size > 0 })));`);
        assert.deepEqual(out, {
            before: { compiler: false, arborist: false },
            after: { compiler: true, arborist: true },
            exported: true,
            paths: true,
        });
    });
});
