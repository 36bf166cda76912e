// One test per bug the fuzzer found, named after the bug, in the layer that had it.
import { strict as assert } from "assert";
import { loadYaml, tempDir } from "../compose/helpers";
import { loadProject, type Diagnostic } from "../../provider/src/compose";
import { validateIn } from "../validate/run";
import * as fs from "fs";
import * as path from "path";
import { createReferencedFiles } from "../support/samples";
import { Diagnostics } from "../../provider/src/compose/diag";
import { refuseReservedKeys } from "../../provider/src/compose/reserved-keys";
import { byName, own, put } from "../../provider/src/by-name";
import { check as fuzzCheck, plan as fuzzPlan } from "./harness";

function errorsOf(text: string, files: Record<string, string> = {}): Diagnostic[] {
    const dir = tempDir(files);
    return loadYaml(text, { workingDir: dir }).diagnostics.filter((d) => d.severity === "error");
}

function only(errors: Diagnostic[], code: string): Diagnostic {
    const match = errors.filter((d) => d.code === code);
    assert.equal(match.length, 1, `one ${code} expected in ${JSON.stringify(errors, null, 1)}`);
    return match[0];
}

function located(d: Diagnostic, line: number, column?: number): void {
    assert.ok(d.file, `no file: ${JSON.stringify(d)}`);
    assert.equal(d.line, line, JSON.stringify(d));
    if (column !== undefined) assert.equal(d.column, column, JSON.stringify(d));
    assert.ok(d.hint && d.hint.length > 10, `no hint: ${JSON.stringify(d)}`);
}

describe("fuzz regressions: compose loader", () => {
    it("bug: a missing env_file written as one string (env_file: x.env) had no location", () => {
        const d = only(errorsOf("services:\n  web:\n    image: nginx\n    env_file: missing.env\n"), "env-file-not-found");
        located(d, 4, 15);
    });

    it("bug: a missing env_file of an include entry had no location", () => {
        const errors = errorsOf("include:\n  - path: other.yaml\n    env_file: missing.env\nservices: {}\n", { "other.yaml": "services:\n  o:\n    image: nginx\n" });
        located(only(errors, "env-file-not-found"), 3, 15);
    });

    it("bug: a long-syntax port with no keys at all ({}) had no location", () => {
        const d = only(errorsOf("services:\n  web:\n    image: nginx\n    ports:\n      - {}\n"), "invalid-port");
        located(d, 5, 9);
    });

    it("bug: schema errors (required key, enum, range) had no hint", () => {
        const condition = only(errorsOf("services:\n  web:\n    image: x\n    depends_on:\n      db: {required: true}\n  db:\n    image: y\n"), "missing-key");
        assert.match(condition.hint!, /condition: service_started/);
        const enumErr = only(errorsOf("services:\n  web:\n    image: x\n    depends_on:\n      db:\n        condition: service_healty\n  db:\n    image: y\n"), "invalid-value");
        located(enumErr, 6);
        assert.equal(enumErr.hint, "did you mean 'service_healthy'?");
        const typeErr = only(errorsOf("services:\n  web:\n    image: x\n    deploy:\n      replicas: 2.5\n"), "wrong-type");
        assert.match(typeErr.message, /must be an integer or a string \(got 2\.5\)/);
        assert.match(typeErr.hint!, /whole number/);
    });

    it("bug: numbers accepted .nan, .inf, hex and 20-digit integers, and their errors printed null and had no hint", () => {
        for (const [value, shown] of [[".nan", ".nan"], [".inf", ".inf"], ["\"0x10\"", "\"0x10\""], ["\"1e400\"", "\"1e400\""]]) {
            const d = only(errorsOf(`services:\n  web:\n    image: x\n    deploy:\n      resources:\n        reservations:\n          cpus: ${value}\n`), shown === ".nan" || shown === ".inf" ? "wrong-type" : "invalid-value");
            assert.ok(d.message.includes(`(got ${shown})`), d.message);
            located(d, 7);
        }
        const big = only(errorsOf("services:\n  web:\n    image: x\n    healthcheck:\n      retries: \"99999999999999999999\"\n"), "invalid-value");
        assert.match(big.message, /at most 15 digits/);
    });

    it("bug: YAML nested a thousand levels deep overflowed the stack, at a position that changed from run to run", () => {
        for (const text of [`x-deep: ${"[".repeat(5000)}${"]".repeat(5000)}\nservices: {}\n`, `x-deep: ${"{a: ".repeat(300)}1${"}".repeat(300)}\nservices: {}\n`]) {
            const first = only(errorsOf(text), "yaml-syntax");
            assert.match(first.message, /nest too deeply/);
            const again = only(errorsOf(text), "yaml-syntax");
            assert.deepEqual([again.line, again.column, again.message], [first.line, first.column, first.message]);
            located(first, 1);
        }
        let block = "x-deep:\n";
        for (let i = 1; i < 1200; i++) block += `${" ".repeat(i)}a:\n`;
        assert.match(only(errorsOf(block + "services: {}\n"), "yaml-syntax").message, /nest too deeply/);
    });

    it("bug: an alias bomb (aliases of aliases) took seconds per load before being refused", () => {
        let t = "x-l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
        for (let i = 1; i < 9; i++) t += `x-l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(", ")}]\n`;
        const started = Date.now();
        const d = only(errorsOf(t + "services:\n  web:\n    image: nginx\n"), "yaml-syntax");
        assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms`);
        assert.match(d.message, /aliases expand to too many values/);
        located(d, d.line!);
        assert.ok(d.line! >= 2 && d.line! <= 9, "at an alias");
        // Ordinary anchors are untouched.
        const ok = loadProject({ inline: [{ filename: "compose.yaml", text: "x-e: &e\n  A: \"1\"\nservices:\n  a:\n    image: x\n    environment: *e\n  b:\n    image: x\n    environment:\n      <<: *e\n" }], workingDir: tempDir() });
        assert.deepEqual(ok.diagnostics.filter((x) => x.severity === "error"), []);
    });

    it("bug: an include entry whose path list held a null (a truncated file) threw a TypeError", () => {
        located(only(errorsOf("include:\n  - path:\n      -\nservices:\n  a:\n    image: x\n"), "include-invalid"), 2, 5);
    });

    it("bug: a build context holding a NUL crashed the fuzz harness while it created the mutant's files", () => {
        const dir = tempDir({});
        createReferencedFiles(dir, "services:\n  a:\n    build: \"./app\\0\"\n");
        assert.deepEqual(fs.readdirSync(dir), [], "nothing to create: the loader refuses the path");
    });

    it("bug: a merge key (<<) on a scalar and a self-referencing alias had no hint", () => {
        located(only(errorsOf("x-a: &a 5\nservices:\n  web:\n    <<: *a\n    image: x\n"), "yaml-syntax"), 4);
    });
});

describe("fuzz regressions: messages", () => {
    it("bug: '1.5.5M' was read as 1.5 MiB and 99999999999999G as an inexact 20-digit number (then 'no class has 102399999999998980 MiB')", () => {
        for (const size of ["1.5.5M", "99999999999999G"]) {
            const d = only(errorsOf(`services:\n  web:\n    image: x\n    deploy:\n      resources:\n        reservations:\n          memory: ${size}\n`), "invalid-value");
            assert.match(d.message, /must be a byte size/);
            located(d, 7);
        }
    });

    it("bug: an env file's interpolation errors got the hint about KEY=value lines", () => {
        const required = only(errorsOf("services:\n  web:\n    image: x\n", { ".env": "A=${B:?B is required}\n" }), "env-file-syntax");
        assert.match(required.hint!, /earlier line of this file/);
        const template = only(errorsOf("services:\n  web:\n    image: x\n", { ".env": "A=${\n" }), "env-file-syntax");
        assert.match(template.hint!, /\$\$ for a literal/);
    });

    it("bug: an environment entry with no name ('=x') was said to have leading or trailing spaces", () => {
        const d = only(errorsOf("services:\n  web:\n    image: x\n    environment:\n      - =x\n"), "invalid-environment");
        assert.equal(d.message, "an environment entry has no variable name");
        located(d, 5);
    });

    it("bug: healthcheck errors did not say which service", () => {
        const d = only(errorsOf("services:\n  web:\n    image: x\n    healthcheck:\n      test: [CMD, \"true\"]\n      disable: true\n"), "invalid-healthcheck");
        assert.match(d.message, /'healthcheck' of service 'web' has both/);
    });

    it("bug: a service depending on itself was told to 'remove one of these entries'", () => {
        const d = only(errorsOf("services:\n  web:\n    image: x\n    depends_on: [web]\n"), "depends-on-cycle");
        assert.equal(d.hint, "remove 'web' from its own depends_on");
    });

    it("bug: YAML errors got a hint about closing quotes whatever the problem", () => {
        const missingColon = only(errorsOf("services:\n  web:\n    image: x\n    ports\n"), "yaml-syntax");
        assert.match(missingColon.hint!, /add ':' after the key/);
        const extraBracket = only(errorsOf("services:\n  web:\n    image: x\n    ports: [80]]\n"), "yaml-syntax");
        assert.match(extraBracket.hint!, /extra closing bracket/);
    });
});

describe("fuzz regressions: commands agree", () => {
    it("bug: validate passed files that plan then refused (a task larger than Fargate, zero CPUs)", async () => {
        const dir = tempDir({ "compose.yaml": "services:\n  web:\n    image: x\n    deploy:\n      resources:\n        reservations:\n          cpus: \"64\"\n          memory: 512M\n" });
        const run = await validateIn(dir, ["--json"]);
        assert.equal(run.code, 1);
        const [d] = JSON.parse(run.out).filter((x: Diagnostic) => x.severity === "error");
        assert.equal(d.code, "fargate-too-large");
        assert.deepEqual([d.file, d.line], ["compose.yaml", 6]); // the reservations block: cpus and memory together decide
    });
});

describe("fuzz regressions: names that are Object.prototype's keys", () => {
    // Records keyed by service name were plain objects: `builds["constructor"]` answered Object's own
    // function, and the offline engine failed with "dependsOn was passed a value that was not a Resource".
    const NAMES = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"];

    it("bug: services, stores and jobs named constructor, toString, __proto__… broke the aws layer", async function () {
        this.timeout(120_000);
        const variants = [
            "services:\n  NAME:\n    build: ./app\n    x-defang-static-files:\n      folder: /static\n  api:\n    build: ./app\n    ports: [\"80:80\"]\n",
            "services:\n  NAME:\n    image: postgres:16\n    x-defang-postgres: true\n  api:\n    image: nginx\n    depends_on: [NAME]\n",
            "services:\n  NAME:\n    image: nginx\n    restart: \"no\"\n  api:\n    image: nginx\n    ports: [\"80:80\"]\n    depends_on:\n      NAME:\n        condition: service_completed_successfully\n",
        ];
        // The failure surfaced as an unhandled rejection after plan had printed its result.
        const rejections: unknown[] = [];
        const onRejection = (e: unknown) => rejections.push(e);
        process.on("unhandledRejection", onRejection);
        try {
            for (const name of NAMES) {
                for (const text of variants) {
                    const dir = tempDir({ "compose.yaml": text.replace(/NAME/g, name), "app/Dockerfile": "FROM nginx\n" });
                    const run = await fuzzPlan(path.join(dir, "compose.yaml"), "balanced");
                    assert.deepEqual(fuzzCheck(run), [], `${name}: ${run.err}`);
                    await new Promise((resolve) => setTimeout(resolve, 20));
                }
            }
        } finally {
            process.off("unhandledRejection", onRejection);
        }
        assert.deepEqual(rejections.map(String), []);
    });

    it("bug: a service, env variable, label, build arg or dependency named __proto__ vanished without a word", () => {
        const text = "services:\n  __proto__:\n    image: x\n  a:\n    image: x\n    env_file: a.env\n  b:\n    image: x\n    environment:\n      - __proto__=1\n    labels:\n      __proto__: b\n    depends_on: [__proto__]\n";
        const errors = errorsOf(text, { "a.env": "__proto__=2\n" }).filter((d) => d.code === "reserved-key");
        assert.deepEqual(errors.map((d) => `${d.line}:${d.column}`).sort(), ["2:3", "6:15", "10:9", "12:7", "13:18"].sort());
        for (const d of errors) located(d, d.line!);
    });

    it("the __proto__ walk takes a list of 300,000 items (spreading it into push() overflowed the stack)", () => {
        const diags = new Diagnostics();
        refuseReservedKeys({ services: { a: { command: new Array(300_000).fill("x") } } }, diags);
        assert.equal(diags.list.length, 0);
    });

    it("own() and byName() never answer with Object.prototype's members; put() keeps __proto__ as a key", () => {
        const plain: Record<string, number> = {};
        assert.equal(own(plain, "constructor"), undefined);
        assert.equal(byName<number>()["toString"], undefined);
        put(plain, "__proto__", 1);
        assert.deepEqual(Object.keys(plain), ["__proto__"]);
        assert.equal(own(plain, "__proto__"), 1);
    });
});
