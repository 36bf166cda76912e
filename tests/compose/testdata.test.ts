// compose-go's loader/testdata: extends (same file, other file, nested, withdir, !reset), include
// (relative paths, project_directory, env), combined include + extends, profiles, version, and the
// negative files (cycles, empty) — each rejected with a location.
import * as assert from "assert";
import * as path from "path";
import { loadProject } from "../../provider/src/compose";
import { corpus } from "./paths";
import { loadYaml, ok, oneError, tempDir, warnings } from "./helpers";

const loaderDir = corpus("compose-go", "loader");
const testdata = (...p: string[]) => path.join(loaderDir, "testdata", ...p);
// compose-go's testdata reaches into sibling directories on purpose: compose semantics, so opted in.
const file = (...p: string[]) => loadProject({ files: [testdata(...p)], allowFilesOutsideProject: true });
/** An inline document in compose-go's test working directory (loader/). */
const inLoader = (text: string, environment: Record<string, string> = {}) => loadYaml(text, { workingDir: loaderDir, environment });

describe("loader testdata: extends", () => {
    it("extends a service of another file; its relative paths stay relative to that file", () => {
        const s = ok(file("compose-test-extends.yaml")).services.importer;
        assert.strictEqual(s.image, "nginx");
        assert.strictEqual(s.container_name, "imported"); // ${SOURCE:-imported}: the env_file does not feed interpolation
        assert.deepStrictEqual(s.env_file, [{ path: testdata("subdir", "extra.env") }]);
        assert.strictEqual(s.environment.SOURCE, "extends");
        assert.deepStrictEqual(s.volumes, [{ type: "bind", source: "/opt/data", target: "/var/lib/mysql", bind: { create_host_path: true } }]);
    });

    it("extends in the same file, several times, and through a chain (TestExtends)", () => {
        const p = ok(inLoader(`
name: test-extends
services:
  test1: { extends: { file: testdata/extends/base.yaml, service: base }, hostname: test1 }
  test2: { extends: { file: testdata/extends/base.yaml, service: base }, hostname: test2 }
  test3: { extends: { file: testdata/extends/base.yaml, service: another }, hostname: test3 }
`));
        assert.deepStrictEqual(["test1", "test2", "test3"].map((n) => [p.services[n].hostname, p.services[n].image]),
            [["test1", "base"], ["test2", "base"], ["test3", "base"]]);
    });

    it("ports and ulimits come from the base (TestExtendsPort, TestExtendsUlimits)", () => {
        const p = ok(inLoader(`
name: x
services:
  test: { image: test, extends: { file: testdata/extends/base.yaml, service: with-port } }
  u: { extends: { file: testdata/extends/base.yaml, service: withUlimits } }
`));
        assert.strictEqual(p.services.test.ports![0].target, 8000);
        assert.deepStrictEqual(p.services.u.ulimits, { nproc: { single: 65535 }, nofile: { soft: 20000, hard: 40000 } });
    });

    it("a nested extends resolves the build context against the file that declares it (TestExtendsRelativePath)", () => {
        const p = ok(inLoader(`
name: x
services:
  test: { extends: { file: testdata/extends/base.yaml, service: with-build } }
`));
        assert.strictEqual(p.services.test.build!.context, testdata("extends"));
        assert.strictEqual(ok(file("extends", "nested.yaml")).services["with-build"].build!.context, testdata("extends"));
    });

    it("extends through a file in another directory (withdir)", () => {
        assert.strictEqual(ok(file("extends", "withdir", "compose.yaml")).services.test.image, "hello-world");
    });

    it("!reset removes the inherited value (extends/reset.yaml)", () => {
        const p = ok(file("extends", "reset.yaml"));
        assert.deepStrictEqual(p.services.init.command, ["sleep", "infinity"]);
        assert.strictEqual(p.services.base.image, "alpine:latest");
        assert.strictEqual(p.services.base.command, undefined);
    });

    it("interpolation inside an extended file uses the project's variables", () => {
        const p = ok(inLoader(`
name: x
services:
  a: { extends: { file: testdata/extends/interpolated.yaml, service: foo } }
`, { SOURCE: "/data" }));
        assert.strictEqual(p.services.a.volumes![0].source, "/data");
    });

    it("an extends cycle is an error at the extends that closes it", () => {
        const d = oneError(loadYaml(`
services:
  a: { image: x, extends: b }
  b: { extends: c }
  c: { extends: a }
`), "extends-cycle");
        assert.match(d.message, /circular 'extends'/);
    });

    it("extending an unknown service is an error naming the services that exist", () => {
        const d = oneError(loadYaml("services:\n  a:\n    extends: nope\n  b:\n    image: x\n"), "extends-not-found");
        assert.strictEqual(d.line, 3);
    });
});

describe("loader testdata: include", () => {
    it("includes relative to the included file (include/compose.yaml)", () => {
        const p = ok(file("include", "compose.yaml"));
        assert.strictEqual(p.services.included.build!.context, testdata("include"));
        assert.strictEqual(p.services.included.volumes![0].source, testdata("include"));
    });

    it("project_directory rebases the included file's paths (TestIncludeWithProjectDirectory)", () => {
        const s = ok(file("include", "project-directory.yaml")).services.service;
        assert.strictEqual(s.build!.context, testdata("subdir"));
        assert.strictEqual(s.volumes![0].source, testdata("subdir", "compose-test-extends-imported.yaml"));
        assert.strictEqual(s.env_file![0].path, testdata("subdir", "extra.env"));
        assert.strictEqual(s.environment.SOURCE, "extends");
    });

    it("an include that extends another file loads (combined/compose.yaml)", () => {
        const p = ok(file("combined", "compose.yaml"));
        assert.strictEqual(p.services.service.build!.context, testdata("combined", "dir"));
    });

    it("the same service included twice is fine; the including file overrides it (TestLoadWithMultipleInclude/Conflict)", () => {
        const p = ok(inLoader(`
name: test-multi-include
include:
  - path: ./testdata/subdir/compose-test-extends-imported.yaml
    env_file: ./testdata/subdir/extra.env
  - path: ./testdata/compose-include.yaml
services:
  bar:
    image: busybox
    environment: !override
      - ZOT=QIX
  foo:
    image: busybox
    depends_on: [imported]
`, { SOURCE: "override" }));
        assert.strictEqual(p.services.imported.container_name, "override");
        assert.strictEqual(p.services.bar.image, "busybox");
        assert.deepStrictEqual(p.services.bar.environment, { ZOT: "QIX" });
    });

    it("an include's env_file is visible only inside the include (TestLoadWithIncludeEnv)", () => {
        const dir = tempDir({
            "custom.env": "VAR_NAME=value\n",
            "module/compose.yml": "services:\n  b:\n    image: alpine\n    environment: [VAR_NAME]\n",
        });
        const p = ok(loadYaml("include:\n  - path: [./module/compose.yml]\n    env_file: [./custom.env]\nservices:\n  a:\n    image: alpine\n    environment: [VAR_NAME]\n", { workingDir: dir }));
        assert.strictEqual(p.services.b.environment.VAR_NAME, "value");
        assert.deepStrictEqual(p.services.a.environment.VAR_NAME, { kind: "config", bare: true, parts: [{ ref: "VAR_NAME" }] });
    });

    it("include then extends inside the included project (TestNestedIncludeAndExtends)", () => {
        const dir = tempDir({
            "dir/included.yaml": "services:\n  included:\n    extends:\n      file: dir/extended.yaml\n      service: extended\n",
            "dir/extended.yaml": "services:\n  extended:\n    image: alpine\n",
        });
        const p = ok(loadYaml("include:\n  - project_directory: .\n    path: dir/included.yaml\n", { workingDir: dir }));
        assert.strictEqual(p.services.included.image, "alpine");
    });

    it("two includes defining a service differently conflict", () => {
        const dir = tempDir({ "a.yaml": "services:\n  s:\n    image: a\n", "b.yaml": "services:\n  s:\n    image: b\n" });
        oneError(loadYaml("include: [a.yaml, b.yaml]\nservices:\n  t:\n    image: t\n", { workingDir: dir }), "include-conflict");
    });

    it("NEGATIVE: an include cycle is an error at the include entry", () => {
        const d = oneError(file("compose-include-cycle.yaml"), "include-cycle");
        assert.strictEqual(d.file, testdata("compose-include-cycle.yaml"));
        assert.deepStrictEqual([d.line, d.column], [2, 5]);
    });

    it("a missing included file is an error", () => {
        oneError(loadYaml("include: [nope.yaml]\nservices:\n  a:\n    image: x\n"), "include-not-found");
    });

    it("an include path that is not a file name (empty, null) is a located error, not a crash", () => {
        for (const path of ["\n      -", " ['']"]) {
            const d = oneError(loadYaml(`include:\n  - path:${path}\nservices:\n  a:\n    image: x\n`), "include-invalid");
            assert.deepStrictEqual([d.line, d.column], [2, 5], path);
        }
    });
});

describe("loader testdata: dependencies, profiles, version, empty", () => {
    it("NEGATIVE: a depends_on cycle is an error at the dependency that closes it", () => {
        const d = oneError(file("compose-depends-on-cycle.yaml"), "depends-on-cycle");
        assert.match(d.message, /service1 → service2 → service3 → service1/);
        assert.strictEqual(d.line, 14);
    });

    it("NEGATIVE: a service depending on itself is an error", () => {
        const d = oneError(file("compose-depends-on-self.yaml"), "depends-on-cycle");
        assert.match(d.message, /service1' depends on itself/);
    });

    it("a cycle through a service disabled by its profile is not a cycle", () => {
        // compose-depends-on-profile-no-cycle.yaml in the corpus is byte-identical to the cycle file;
        // the case it is named after is a cycle broken by a profile, built here.
        const text = "services:\n  service1:\n    image: a\n    depends_on: [service2]\n  service2:\n    image: b\n    depends_on:\n      service3: { condition: service_started, required: false }\n  service3:\n    image: c\n    profiles: [debug]\n    depends_on: [service1]\n";
        const p = ok(loadYaml(text));
        assert.deepStrictEqual(Object.keys(p.services), ["service1", "service2"]);
        assert.deepStrictEqual(Object.keys(p.disabledServices!), ["service3"]);
        oneError(loadYaml(text, { profiles: ["debug"] }), "depends-on-cycle");
    });

    it("profiles: services without profiles are always on, '*' enables all", () => {
        const text = "services:\n  web: { image: a }\n  debug: { image: b, profiles: [debug] }\n  test: { image: c, profiles: [test, ci] }\n";
        assert.deepStrictEqual(Object.keys(ok(loadYaml(text)).services), ["web"]);
        assert.deepStrictEqual(Object.keys(ok(loadYaml(text, { profiles: ["ci"] })).services), ["web", "test"]);
        assert.deepStrictEqual(Object.keys(ok(loadYaml(text, { profiles: ["*"] })).services), ["web", "debug", "test"]);
        assert.deepStrictEqual(Object.keys(ok(loadYaml(text)).disabledServices!), ["debug", "test"]);
    });

    it("a required dependency on a disabled service is a warning (the dependency is ignored)", () => {
        const r = loadYaml("services:\n  web: { image: a, depends_on: [db] }\n  db: { image: b, profiles: [db] }\n");
        ok(r);
        assert.deepStrictEqual(warnings(r).map((w) => w.code), ["depends-on-disabled"]);
    });

    it("the obsolete version key is a warning, and the file loads", () => {
        const r = file("compose-test-with-version.yaml");
        const p = ok(r);
        assert.deepStrictEqual(warnings(r).map((w) => [w.code, w.line]), [["obsolete-version", 1]]);
        assert.deepStrictEqual(p.services.web.depends_on, { other: { condition: "service_started", required: true, restart: false } });
        assert.deepStrictEqual(p.services.web.networks, { front: null, default: null });
        assert.strictEqual(p.networks!.front.name, "compose-test-with-version_front");
    });

    it("NEGATIVE: an empty file is an error with a location", () => {
        const d = oneError(file("empty.yaml"), "empty-file");
        assert.deepStrictEqual([d.line, d.column], [1, 1]);
    });
});
