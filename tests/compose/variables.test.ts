// Interpolation inside the loader (Defang semantics), env files (dotenv syntax) and project names.
import * as assert from "assert";
import * as path from "path";
import { loadProject } from "../../provider/src/compose";
import { parseDotenv } from "../../provider/src/compose/dotenv";
import { renderProject } from "../../provider/src/compose/render";
import { corpus } from "./paths";
import { errors, loadYaml, ok, oneError, tempDir, warnings } from "./helpers";

const cfg = (...parts: Array<string | { ref: string }>) => ({ kind: "config", parts });
const bare = (name: string) => ({ kind: "config", bare: true, parts: [{ ref: name }] });

describe("interpolation in the loader (Defang semantics)", () => {
    const text = `
services:
  app:
    image: repo/app:\${TAG}
    environment:
      DATABASE_URL: postgres://u:\${PW}@db:5432/app?x=$$y
      ONLY_REF: \${SECRET}
      DEFAULTED: \${MISSING:-fallback}
      FROM_VAR: \${DEFINED}
      BARE:
      BARE_DEFINED:
      LITERAL: a$$b
    labels:
      - "cost=\${COST}"
  list:
    image: x
    environment:
      - TOKEN=\${TOKEN}
      - KEY
`;
    const r = loadYaml(text, { environment: { DEFINED: "yes", BARE_DEFINED: "from-var" } });
    const p = ok(r);

    it("environment values that stay unresolved become config references", () => {
        const env = p.services.app.environment;
        assert.deepStrictEqual(env.DATABASE_URL, cfg("postgres://u:", { ref: "PW" }, "@db:5432/app?x=$y"));
        assert.deepStrictEqual(env.ONLY_REF, cfg({ ref: "SECRET" }));
        assert.deepStrictEqual(env.BARE, bare("BARE"));
        assert.deepStrictEqual(p.services.list.environment, { TOKEN: cfg({ ref: "TOKEN" }), KEY: bare("KEY") });
    });
    it("defaults, defined variables and $$ resolve at load time", () => {
        const env = p.services.app.environment;
        assert.deepStrictEqual([env.DEFAULTED, env.FROM_VAR, env.BARE_DEFINED, env.LITERAL], ["fallback", "yes", "from-var", "a$b"]);
    });
    it("outside environment an unset variable becomes \"\" with a located warning", () => {
        assert.strictEqual(p.services.app.image, "repo/app:");
        assert.deepStrictEqual(p.services.app.labels, { cost: "" });
        const ws = warnings(r).filter((w) => w.code === "unset-variable").map((w) => [w.message.split(" ")[1], w.line]);
        assert.deepStrictEqual(ws, [["TAG", 4], ["COST", 14]]);
    });
    it("render prints config references as ${NAME}, bare ones as null, and $ as $$", () => {
        const doc = JSON.parse(renderProject(p, "json"));
        assert.strictEqual(doc.services.app.environment.DATABASE_URL, "postgres://u:${PW}@db:5432/app?x=$$y");
        assert.strictEqual(doc.services.app.environment.BARE, null);
        assert.strictEqual(doc.services.app.environment.LITERAL, "a$$b");
        // …and the output loads back to the same environment.
        const again = ok(loadYaml(renderProject(p, "yaml"))).services.app.environment;
        assert.deepStrictEqual(again, p.services.app.environment);
    });
    it("a file read twice (included by two files) reports its warnings once", () => {
        const dir = tempDir({ "common.yaml": "services:\n  c:\n    image: c:${UNSET_TAG}\n", "a.yaml": "include: [common.yaml]\nservices:\n  a:\n    image: a\n" });
        const r = loadYaml("include: [common.yaml, a.yaml]\nservices:\n  m:\n    image: m\n", { workingDir: dir });
        ok(r);
        assert.strictEqual(warnings(r).filter((w) => w.code === "unset-variable").length, 1);
    });
    it("a required variable is an error located at the value", () => {
        const d = oneError(loadYaml("services:\n  a:\n    image: ${IMAGE:?set IMAGE to the image to deploy}\n"), "required-variable");
        assert.deepStrictEqual([d.line, d.column, d.message], [3, 12, "required variable IMAGE is missing a value: set IMAGE to the image to deploy"]);
    });
    it("the shell environment is never used", () => {
        process.env.PULUMI_DEFANG_TEST_SHELL_ONLY = "leak";
        try {
            const env = ok(loadYaml("services:\n  a:\n    image: x\n    environment: [PULUMI_DEFANG_TEST_SHELL_ONLY]\n")).services.a.environment;
            assert.deepStrictEqual(env.PULUMI_DEFANG_TEST_SHELL_ONLY, bare("PULUMI_DEFANG_TEST_SHELL_ONLY"));
        } finally {
            delete process.env.PULUMI_DEFANG_TEST_SHELL_ONLY;
        }
    });
    it("numbers given as strings through variables are cast", () => {
        const p2 = ok(loadYaml("services:\n  a:\n    image: x\n    deploy:\n      replicas: ${N}\n    ports:\n      - target: ${PORT}\n        published: ${PORT}\n", { environment: { N: "3", PORT: "8080" } }));
        assert.strictEqual(p2.services.a.deploy!.replicas, 3);
        assert.deepStrictEqual(p2.services.a.ports, [{ mode: "ingress", target: 8080, published: "8080", protocol: "tcp" }]);
    });
});

describe("variables: .env, --env-file and env_file", () => {
    it(".env beside the compose file feeds interpolation; the caller's map wins", () => {
        const dir = tempDir({ ".env": "TAG=1.0\nPORT=80\n", "compose.yaml": "services:\n  a:\n    image: app:${TAG}\n    ports: [\"${PORT}:80\"]\n" });
        const p = ok(loadProject({ workingDir: dir, environment: { PORT: "8080" } }));
        assert.strictEqual(p.services.a.image, "app:1.0");
        assert.strictEqual(p.services.a.ports![0].published, "8080");
    });
    it("explicit env files replace .env; later files override earlier ones", () => {
        const dir = tempDir({ ".env": "TAG=dotenv\n", "a.env": "TAG=a\nX=a\n", "b.env": "TAG=b\n", "compose.yaml": "services:\n  s:\n    image: ${TAG}-${X}\n" });
        assert.strictEqual(ok(loadProject({ workingDir: dir, envFiles: ["a.env", "b.env"] })).services.s.image, "b-a");
    });
    it("env_file values go under environment (environment wins); unresolved references stay config references", () => {
        const dir = tempDir({ "app.env": "A=from-file\nB=from-file\nURL=http://${HOST}/x\nC=${A}-c\n" });
        const env = ok(loadYaml("services:\n  s:\n    image: x\n    env_file: app.env\n    environment:\n      B: from-env\n", { workingDir: dir })).services.s.environment;
        assert.deepStrictEqual(env, { A: "from-file", B: "from-env", URL: cfg("http://", { ref: "HOST" }, "/x"), C: "from-file-c" });
    });
    it("a syntax error in an env file is located", () => {
        const dir = tempDir({ "bad.env": "OK=1\nNOT VALID=2\n" });
        const d = oneError(loadYaml("services:\n  s:\n    image: x\n    env_file: bad.env\n", { workingDir: dir }), "env-file-syntax");
        assert.deepStrictEqual([path.basename(d.file!), d.line], ["bad.env", 2]);
    });
    it("compose-go's cli testdata: env files and overrides", () => {
        const dir = corpus("compose-go", "cli", "testdata", "env-file");
        const p = ok(loadProject({ files: [path.join(dir, "compose-with-env-files.yaml")], envFiles: [path.join(dir, "simple-env")] }));
        assert.ok(Object.keys(p.services).length > 0);
    });
});

describe("project name", () => {
    it("from the option, then COMPOSE_PROJECT_NAME, then name:, then the directory", () => {
        const dir = tempDir({ "compose.yaml": "name: From_File\nservices:\n  a:\n    image: ${COMPOSE_PROJECT_NAME}\n" });
        assert.strictEqual(ok(loadProject({ workingDir: dir, projectName: "opt" })).name, "opt");
        assert.strictEqual(ok(loadProject({ workingDir: dir, environment: { COMPOSE_PROJECT_NAME: "Env" } })).name, "env");
        const p = ok(loadProject({ workingDir: dir }));
        assert.strictEqual(p.name, "from_file");
        assert.strictEqual(p.services.a.image, "from_file");
    });
    it("the directory name is normalized (compose-go's UNNORMALIZED PATH)", () => {
        const p = ok(loadProject({ workingDir: corpus("compose-go", "cli", "testdata", "UNNORMALIZED PATH") }));
        assert.strictEqual(p.name, "unnormalizedpath");
    });
    it("an invalid explicit name is an error", () => {
        assert.strictEqual(errors(loadYaml("services: {}", { projectName: "Bad Name" }))[0].code, "invalid-project-name");
    });
});

describe("dotenv syntax (compose-go's dotenv)", () => {
    const parse = (s: string, lookup: Record<string, string> = {}) => Object.fromEntries(parseDotenv(s, (n) => lookup[n]).vars);
    it("KEY=value, KEY: value, export, comments, inline comments, trailing spaces", () => {
        assert.deepStrictEqual(parse("# c\nA=1\nexport B=2\nC: 3\nD=4 # comment\nE=5#not-a-comment\nF=  spaced  \n"),
            { A: "1", B: "2", C: "3", D: "4", E: "5#not-a-comment", F: "spaced" });
    });
    it("quotes: single literal, double with escapes and several lines", () => {
        assert.deepStrictEqual(parse("S='a $X \\n b'\nD=\"a\\nb\\t\\\"q\\\" \\$X\"\nM=\"line1\nline2\"\n", { X: "x" }),
            { S: "a $X \\n b", D: "a\nb\t\"q\" $X", M: "line1\nline2" });
    });
    it("interpolation with earlier keys and the caller's variables (caller first)", () => {
        assert.deepStrictEqual(parse("A=1\nB=${A}-${X}\nC=${Y:-dflt}\nX=file\nD=$X\n", { X: "caller" }), { A: "1", B: "1-caller", C: "dflt", X: "file", D: "caller" });
    });
    it("a key alone inherits from the caller's variables, or is absent", () => {
        assert.deepStrictEqual(parse("INHERIT\nABSENT\nZ=1\n", { INHERIT: "v" }), { INHERIT: "v", Z: "1" });
    });
    it("errors carry the line", () => {
        assert.deepStrictEqual(parseDotenv("A=1\nB C=2\n").error?.line, 2);
        assert.match(parseDotenv("A=1\nQ=\"open\n").error!.message, /unterminated quoted value/);
        assert.deepStrictEqual(parseDotenv("A=1\nB!=2\n").error?.line, 2);
    });
});
