// Several files merged in order (docker compose -f a -f b), discovery, !reset / !override, and the
// SourceMap that points back into the right file after merges and extends.
import * as assert from "assert";
import * as path from "path";
import { loadProject } from "../../provider/src/compose";
import { ok, tempDir, warnings, errors } from "./helpers";

function merged(base: string, override: string, extra: Record<string, string> = {}) {
    const dir = tempDir({ "base.yaml": base, "override.yaml": override, ...extra });
    return { dir, result: loadProject({ workingDir: dir, files: ["base.yaml", "override.yaml"] }) };
}

describe("merging -f files (compose override rules)", () => {
    const base = `
name: app
services:
  web:
    image: web:1
    command: ["npm", "start"]
    environment: [A=1, B=2]
    labels: { team: a }
    ports: ["8080:80", "9000:9000"]
    volumes: ["data:/data", "./conf:/etc/conf"]
    dns: 8.8.8.8
    depends_on:
      db: { condition: service_healthy }
    healthcheck: { test: ["CMD", "true"], interval: 10s }
    logging: { driver: json-file, options: { max-size: 10m } }
    secrets: [s1]
  db:
    image: postgres
`;
    const override = `
services:
  web:
    image: web:2
    command: npm run dev
    environment: { B: "20", C: "3" }
    labels: [owner=b]
    ports: ["8080:80", "7000:7000"]
    volumes: ["./src:/data"]
    dns: [9.9.9.9]
    depends_on:
      db: { required: false }
    healthcheck: { test: "curl -f localhost", retries: 3 }
    logging: { driver: json-file, options: { max-file: "3" } }
    secrets: [{ source: s1, target: /run/secrets/s1, mode: "0400" }]
`;
    const { dir, result } = merged(base, override);
    const web = ok(result).services.web;

    it("scalars are replaced, command/entrypoint and healthcheck.test replaced whole", () => {
        assert.strictEqual(web.image, "web:2");
        assert.deepStrictEqual(web.command, ["npm", "run", "dev"]);
        assert.deepStrictEqual(web.healthcheck, { test: ["CMD-SHELL", "curl -f localhost"], interval: 10e9, retries: 3 });
    });
    it("KEY=VALUE mappings merge by key whatever their syntax", () => {
        assert.deepStrictEqual(web.environment, { A: "1", B: "20", C: "3" });
        assert.deepStrictEqual(web.labels, { team: "a", owner: "b" });
    });
    it("sequences append; ports, volumes (by target) and secrets (by target) are de-duplicated", () => {
        assert.deepStrictEqual(web.ports!.map((p) => `${p.published}:${p.target}`), ["8080:80", "9000:9000", "7000:7000"]);
        assert.deepStrictEqual(web.volumes!.map((v) => [v.type, v.source, v.target]), [["bind", path.join(dir, "src"), "/data"], ["bind", path.join(dir, "conf"), "/etc/conf"]]);
        assert.deepStrictEqual(web.secrets, [{ source: "s1", target: "/run/secrets/s1", mode: "0400" }]);
        assert.deepStrictEqual(web.dns, ["8.8.8.8", "9.9.9.9"]);
    });
    it("mappings merge recursively (depends_on, logging with the same driver)", () => {
        assert.deepStrictEqual(web.depends_on, { db: { condition: "service_healthy", required: false } });
        assert.deepStrictEqual(web.logging, { driver: "json-file", options: { "max-size": "10m", "max-file": "3" } });
    });
    it("logging options are replaced when the driver changes", () => {
        const r = merged(base, "services:\n  web:\n    logging: { driver: syslog, options: { tag: x } }\n").result;
        assert.deepStrictEqual(ok(r).services.web.logging, { driver: "syslog", options: { tag: "x" } });
    });
    it("an override's null keeps the base value", () => {
        assert.strictEqual(ok(merged(base, "services:\n  web:\n    image:\n").result).services.web.image, "web:1");
    });
    it("a key one file leaves to another is only required once merged (compose-go validates the merged model)", () => {
        const alone = loadProject({ workingDir: dir, files: ["override.yaml"] });
        const e = errors(alone).find((d) => d.code === "missing-key")!;
        assert.deepStrictEqual([path.basename(e.file!), e.line, e.message], ["override.yaml", 12, "'depends_on.db' of service 'web' is missing the required key 'condition'"]);
        const nullAlone = errors(loadProject({ workingDir: tempDir({ "c.yaml": "services:\n  web:\n    image:\n" }), files: ["c.yaml"] }));
        assert.deepStrictEqual(nullAlone.map((d) => [d.code, d.line]), [["wrong-type", 3]]);
    });
    it("!reset removes and !override replaces", () => {
        const p = ok(merged(base, "services:\n  web:\n    ports: !reset []\n    environment: !override\n      ONLY: x\n    dns: !reset\n").result);
        assert.strictEqual(p.services.web.ports, undefined);
        assert.strictEqual(p.services.web.dns, undefined);
        assert.deepStrictEqual(p.services.web.environment, { ONLY: "x" });
    });
    it("relative paths of later files resolve against the project directory (the first file's)", () => {
        const dir2 = tempDir({ "compose.yaml": "services:\n  a:\n    build: .\n", "sub/override.yaml": "services:\n  a:\n    volumes: [\"./x:/x\"]\n" });
        const p = ok(loadProject({ workingDir: dir2, files: ["compose.yaml", "sub/override.yaml"] }));
        assert.strictEqual(p.services.a.volumes![0].source, path.join(dir2, "x"));
        assert.deepStrictEqual(p.files, [path.join(dir2, "compose.yaml"), path.join(dir2, "sub", "override.yaml")]);
    });
    it("a multi-document file merges its documents in order", () => {
        const dir2 = tempDir({ "compose.yaml": "services:\n  a:\n    image: one\n---\nservices:\n  a:\n    image: two\n  b:\n    image: b\n" });
        const p = ok(loadProject({ workingDir: dir2 }));
        assert.deepStrictEqual([p.services.a.image, p.services.b.image], ["two", "b"]);
    });
    it("YAML anchors and merge keys (<<) work within a document", () => {
        const dir2 = tempDir({ "compose.yaml": "x-common: &common\n  restart: always\n  environment: { A: \"1\" }\nservices:\n  a:\n    <<: *common\n    image: a\n  b:\n    <<: *common\n    image: b\n    restart: \"no\"\n" });
        const p = ok(loadProject({ workingDir: dir2 }));
        assert.deepStrictEqual([p.services.a.restart, p.services.b.restart, p.services.b.environment.A], ["always", "no", "1"]);
        assert.deepStrictEqual(p.extensions, { "x-common": { restart: "always", environment: { A: "1" } } });
    });
});

describe("discovery", () => {
    it("finds compose.yaml and its override file", () => {
        const dir = tempDir({ "compose.yaml": "services:\n  a:\n    image: a\n", "compose.override.yaml": "services:\n  a:\n    image: b\n" });
        const p = ok(loadProject({ workingDir: dir }));
        assert.strictEqual(p.services.a.image, "b");
        assert.strictEqual(p.files.length, 2);
    });
    it("looks in parent directories and takes the first name in compose's order, with a warning", () => {
        const dir = tempDir({ "docker-compose.yml": "services:\n  a:\n    image: old\n", "compose.yml": "services:\n  a:\n    image: new\n", "deep/er/x.txt": "" });
        const r = loadProject({ workingDir: path.join(dir, "deep", "er") });
        assert.strictEqual(ok(r).services.a.image, "new");
        assert.strictEqual(ok(r).workingDir, dir);
        assert.deepStrictEqual(warnings(r).map((w) => w.code), ["multiple-compose-files"]);
    });
    it("no compose file is an error saying what to do", () => {
        const r = loadProject({ workingDir: tempDir({ "x.txt": "" }) });
        const e = errors(r)[0];
        assert.strictEqual(e.code, "no-compose-file");
        assert.match(e.hint!, /compose\.yaml/);
    });
});

describe("SourceMap", () => {
    it("locates values after merges, in the file that provided them", () => {
        const { dir, result } = merged("services:\n  web:\n    image: a\n    ports: [\"80:80\"]\n    environment: [A=1]\n", "services:\n  web:\n    environment:\n      B: \"2\"\n    ports:\n      - 9000:9000\n");
        const src = ok(result).sources;
        const base = path.join(dir, "base.yaml");
        const over = path.join(dir, "override.yaml");
        assert.deepStrictEqual(src.locate(["services", "web", "image"]), { file: base, line: 3, column: 12 });
        assert.deepStrictEqual(src.locate(["services", "web", "environment", "A"]), { file: base, line: 5, column: 19 });
        assert.deepStrictEqual(src.locate(["services", "web", "environment", "B"]), { file: over, line: 4, column: 10 });
        assert.deepStrictEqual(src.locate(["services", "web", "ports", 1]), { file: over, line: 6, column: 9 });
        assert.deepStrictEqual(src.locate(["services", "web", "ports", 1, "target"]), { file: over, line: 6, column: 9 });
        assert.deepStrictEqual(src.locate(["services", "web"]), { file: base, line: 2, column: 3 });
        assert.deepStrictEqual(src.locate(["services", "web", "nothing", "here"]), { file: base, line: 2, column: 3 });
    });
    it("locates included services in the included file", () => {
        const dir = tempDir({ "lib/db.yaml": "services:\n  db:\n    image: postgres\n", "compose.yaml": "include: [lib/db.yaml]\nservices:\n  web:\n    image: web\n" });
        const p = ok(loadProject({ workingDir: dir }));
        assert.deepStrictEqual(p.sources.locate(["services", "db", "image"]), { file: path.join(dir, "lib", "db.yaml"), line: 3, column: 12 });
        assert.ok(p.files.includes(path.join(dir, "lib", "db.yaml")));
    });
    it("locates values inherited through extends in the base file", () => {
        const dir = tempDir({ "base.yaml": "services:\n  b:\n    image: img\n    environment:\n      X: \"1\"\n", "compose.yaml": "services:\n  a:\n    extends: { file: base.yaml, service: b }\n    environment:\n      Y: \"2\"\n" });
        const src = ok(loadProject({ workingDir: dir })).sources;
        assert.deepStrictEqual(src.locate(["services", "a", "image"]), { file: path.join(dir, "base.yaml"), line: 3, column: 12 });
        assert.deepStrictEqual(src.locate(["services", "a", "environment", "Y"]), { file: path.join(dir, "compose.yaml"), line: 5, column: 10 });
    });
});

describe("normalization of service-level limits", () => {
    it("scale, mem_limit, mem_reservation and cpus move into deploy", () => {
        const dir = tempDir({ "compose.yaml": "services:\n  a:\n    image: x\n    scale: 3\n    mem_limit: 512m\n    mem_reservation: 256m\n    cpus: \"1.5\"\n" });
        const d = ok(loadProject({ workingDir: dir })).services.a.deploy!;
        assert.deepStrictEqual(d, { replicas: 3, resources: { limits: { memory: 512 * 2 ** 20, cpus: 1.5 }, reservations: { memory: 256 * 2 ** 20 } } });
    });
    it("the same setting twice with different values is an error", () => {
        const dir = tempDir({ "compose.yaml": "services:\n  a:\n    image: x\n    scale: 2\n    deploy:\n      replicas: 3\n" });
        const e = errors(loadProject({ workingDir: dir }));
        assert.deepStrictEqual(e.map((d) => [d.code, d.line]), [["conflicting-values", 4]]);
    });
    it("agreeing values are fine, and --no-normalize leaves them where they are", () => {
        const dir = tempDir({ "compose.yaml": "services:\n  a:\n    image: x\n    scale: 2\n    deploy:\n      replicas: 2\n" });
        assert.strictEqual(ok(loadProject({ workingDir: dir })).services.a.deploy!.replicas, 2);
        assert.strictEqual(ok(loadProject({ workingDir: dir, skipNormalization: true })).services.a.scale, 2);
    });
});
