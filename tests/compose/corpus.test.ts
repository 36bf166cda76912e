// The corpus (../shared/corpus): every positive compose file loads and renders (`render` exits 0),
// every negative one is rejected with a located error, and every Defang sample loads.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { loadProject, type LoadResult } from "../../provider/src/compose";
import { runRender } from "../../provider/src/cli/commands/render";
import { renderProject } from "../../provider/src/compose/render";
import { corpus } from "./paths";
import { assertLocated, errors, ok, oneError } from "./helpers";
import { yamlFilesUnder } from "../support/shared";

const rel = (f: string) => path.relative(corpus(), f);
const testdata = corpus("compose-go", "loader", "testdata");

/** compose-go's NEGATIVE testdata (corpus README) and the extends-only base file. */
const NEGATIVE: Record<string, string> = {
    "compose-go/loader/testdata/compose-depends-on-cycle.yaml": "depends-on-cycle",
    "compose-go/loader/testdata/compose-depends-on-self.yaml": "depends-on-cycle",
    "compose-go/loader/testdata/compose-include-cycle.yaml": "include-cycle",
    "compose-go/loader/testdata/empty.yaml": "empty-file",
    // Byte-identical to compose-depends-on-cycle.yaml in this corpus (see testdata.test.ts).
    "compose-go/loader/testdata/compose-depends-on-profile-no-cycle.yaml": "depends-on-cycle",
};

/**
 * Positive-corpus files that cannot load on their own, for reasons outside the loader: each is
 * checked to fail with the stated, located error (and exercised the way it is meant to be used elsewhere).
 */
const NOT_STANDALONE: Record<string, string> = {
    // Meant to be included with project_directory ../subdir (include/project-directory.yaml): its
    // env_file is relative to that directory. compose-go fails the same way when loading it alone.
    "compose-go/loader/testdata/include/dir/compose.yaml": "env-file-not-found",
    // compose-go's tests load these with a custom "remote:" resource loader.
    "compose-go/loader/testdata/remote/cycle/compose-cycle.yaml": "extends-file-not-found",
    "compose-go/loader/testdata/remote/cycle/compose.yaml": "extends-file-not-found",
    "compose-go/loader/testdata/remote/nested/compose.yaml": "extends-file-not-found",
};

const positive = [
    ...yamlFilesUnder(corpus("awesome-compose")),
    ...yamlFilesUnder(testdata).filter((f) => rel(f) !== "compose-go/loader/testdata/extends/base.yaml"),
    ...yamlFilesUnder(corpus("compose-cli", "ecs", "inline")),
].filter((f) => !NEGATIVE[rel(f)] && !NOT_STANDALONE[rel(f)]);

/** compose-cli's TestEnvFile inputs name env files relative to compose-cli's ecs/ directory. */
const ECS_RELATIVE = new Set(["compose-cli/ecs/inline/TestEnvFile.yaml", "compose-cli/ecs/inline/TestEnvFileAndEnv.yaml"]);

function load(f: string): LoadResult {
    if (ECS_RELATIVE.has(rel(f))) {
        const ecs = corpus("compose-cli", "ecs");
        // Upstream conformance files reach into sibling directories on purpose: opted in.
        return loadProject({ inline: [{ filename: path.join(ecs, path.basename(f)), text: fs.readFileSync(f, "utf8") }], workingDir: ecs, allowFilesOutsideProject: true });
    }
    return loadProject({ files: [f], allowFilesOutsideProject: true });
}

async function render(f: string): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await runRender(["-f", f, "--format", "json"], {
        load: () => load(f),
        cwd: path.dirname(f),
        environment: {},
        stdout: (s) => (out += s),
        stderr: (s) => (err += s),
    });
    return { code, out, err };
}

describe("corpus: positive compose files load and render", () => {
    it("covers the corpus README's positive set", () => assert.ok(positive.length >= 70, `${positive.length} files`));
    for (const f of positive) {
        it(`${rel(f)}`, async () => {
            const r = await render(f);
            assert.strictEqual(r.code, 0, r.err);
            const doc = JSON.parse(r.out);
            assert.ok(doc.name && typeof doc.services === "object");
            // Every warning still says where.
            for (const d of load(f).diagnostics) if (d.file) assertLocated(d);
        });
    }

    it("compose-cli TestEnvFile / TestEnvFileAndEnv: env_file feeds environment, environment wins", () => {
        const [a, b] = [...ECS_RELATIVE].map((r) => ok(load(corpus(r))).services.foo.environment.FOO);
        assert.deepStrictEqual([a, b], ["BAR", "ZOT"]);
    });
});

describe("corpus: negative files are rejected with a location", () => {
    for (const [file, code] of Object.entries({ ...NEGATIVE, ...NOT_STANDALONE })) {
        it(`${file} → ${code}`, async () => {
            oneError(load(corpus(file)), code);
            assert.strictEqual((await render(corpus(file))).code, 1);
        });
    }

    const copilot = corpus("copilot-cli", "internal", "pkg", "docker", "dockercompose", "testdata");
    const COPILOT: Record<string, [string, number, number]> = {
        "bad-service-compose.yml": ["wrong-type", 2, 8],
        "bad-services-compose.yml": ["wrong-type", 1, 11],
        "invalid-compose.yml": ["wrong-type", 4, 12],
        "invalid-ports.yml": ["invalid-port", 5, 9],
        "unrecognized-field-name.yml": ["unknown-key", 4, 7],
    };
    for (const [name, [code, line, column]] of Object.entries(COPILOT)) {
        it(`copilot-cli ${name} → ${code} at ${line}:${column}`, () => {
            const d = oneError(loadProject({ files: [path.join(copilot, name)] }), code);
            assert.deepStrictEqual([d.line, d.column], [line, column]);
        });
    }

    it("compose-go schema/using-variables.yaml passes the schema check before interpolation (its values only make sense per field)", () => {
        const r = loadProject({ files: [corpus("compose-go", "schema", "using-variables.yaml")] });
        assert.ok(!errors(r).some((d) => ["wrong-type", "unknown-key", "invalid-value"].includes(d.code)), JSON.stringify(errors(r)));
    });
});

describe("corpus: Defang samples", () => {
    const root = corpus("defang-samples");
    const samples = fs.readdirSync(root).filter((d) => fs.statSync(path.join(root, d)).isDirectory()).sort();
    const files = samples.flatMap((d) => fs.readdirSync(path.join(root, d)).filter((f) => /^compose.*\.ya?ml$/.test(f)).map((f) => path.join(root, d, f)));

    // ollama/compose.dev.yaml extends a service 'app' that ollama/compose.yaml does not define
    // (it defines 'ollama' and 'ui'); docker compose rejects it the same way.
    const BROKEN: Record<string, string> = { "defang-samples/ollama/compose.dev.yaml": "extends-not-found" };

    it("has every sample file (53 samples, 73 files)", () => {
        assert.strictEqual(samples.length, 53);
        assert.strictEqual(files.length, 73);
    });
    for (const f of files) {
        it(`${rel(f)}`, () => {
            const r = loadProject({ files: [f] });
            if (BROKEN[rel(f)]) {
                const d = oneError(r, BROKEN[rel(f)]);
                assert.match(d.message, /'app' extends 'app', which is not defined in compose.yaml/);
                return;
            }
            ok(r);
            for (const d of r.diagnostics) assertLocated(d);
        });
    }
});

describe("corpus: render output loads back to the same project", () => {
    const root = corpus();
    const files = [
        ...yamlFilesUnder(path.join(root, "defang-samples")),
        ...positive,
    ];
    it("for every loadable corpus file, in YAML and JSON", () => {
        let checked = 0;
        for (const f of files) {
            const r = load(f);
            if (!r.project) continue;
            const once = JSON.parse(renderProject(r.project, "json"));
            for (const format of ["yaml", "json"] as const) {
                const again = loadProject({ inline: [{ filename: path.join(path.dirname(f), `rendered.${format}`), text: renderProject(r.project, format) }], workingDir: path.dirname(f), allowFilesOutsideProject: true });
                assert.deepStrictEqual(errors(again), [], `${rel(f)} (${format})`);
                assert.deepStrictEqual(JSON.parse(renderProject(again.project!, "json")), once, `${rel(f)} (${format})`);
            }
            checked++;
        }
        assert.ok(checked >= 160, `${checked} files`);
    });
});
