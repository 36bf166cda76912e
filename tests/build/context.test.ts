// Build contexts: what is sent (ignore files, defaults, the always-sent Dockerfile), a hash that only
// content, paths and modes change, a zip that is byte-for-byte reproducible and that a standard
// reader (Python's zipfile) extracts with the executable bit, and the refusals with their messages.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BuildContextError, collectContext, hashContext, writeArchive } from "../../provider/src/build/context";
import { ZipWriter } from "../../provider/src/build/zip";

type Spec = string | { content?: string; mode?: number; link?: string; dir?: true };

function tree(files: Record<string, Spec>, into = fs.mkdtempSync(path.join(os.tmpdir(), "defang-ctx-"))): string {
    for (const [rel, spec] of Object.entries(files)) {
        const full = path.join(into, rel);
        fs.mkdirSync(path.dirname(full), { recursive: true });
        if (typeof spec === "string") fs.writeFileSync(full, spec);
        else if (spec.dir) fs.mkdirSync(full, { recursive: true });
        else if (spec.link !== undefined) fs.symlinkSync(spec.link, full);
        else {
            fs.writeFileSync(full, spec.content ?? "");
            if (spec.mode !== undefined) fs.chmodSync(full, spec.mode);
        }
    }
    return into;
}

const paths = (dir: string, dockerfile?: string) => collectContext(dir, dockerfile).entries.map((e) => (e.kind === "dir" ? `${e.path}/` : e.path));

/** Entries of a zip as Python's zipfile reads them: name, Unix mode, content. */
function readZip(file: string): Array<{ name: string; mode: number; content: string }> {
    const script = [
        "import json, sys, zipfile",
        "z = zipfile.ZipFile(sys.argv[1])",
        "assert z.testzip() is None",
        "print(json.dumps([{'name': i.filename, 'mode': i.external_attr >> 16, 'content': z.read(i).decode('utf-8', 'replace')} for i in z.infolist()]))",
    ].join("\n");
    return JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8", maxBuffer: 1 << 28 }));
}

const refused = (fn: () => unknown, pattern: RegExp) =>
    assert.throws(fn, (err: unknown) => {
        assert.ok(err instanceof BuildContextError, `expected a BuildContextError, got ${String(err)}`);
        assert.match((err as Error).message, pattern);
        return true;
    });

describe("build/context: what is sent", () => {
    it("without a .dockerignore, leaves out .git only (no guessing: node_modules goes)", () => {
        const dir = tree({ Dockerfile: "FROM scratch\n", ".git/config": "x", "node_modules/a/index.js": "x", "src/app.py": "print()" });
        assert.deepEqual(paths(dir), ["Dockerfile", "node_modules/", "node_modules/a/", "node_modules/a/index.js", "src/", "src/app.py"]);
        assert.equal(collectContext(dir, undefined).ignoreFile, undefined);
    });

    it("applies .dockerignore, and always sends the Dockerfile and the ignore file (as Docker does)", () => {
        const dir = tree({ Dockerfile: "FROM scratch\n", ".dockerignore": "*\n!src\nsrc/**/*.test.js\n", "src/a.js": "a", "src/a.test.js": "t", "README.md": "r", ".git/HEAD": "x" });
        assert.deepEqual(paths(dir), [".dockerignore", "Dockerfile", "src/", "src/a.js"]);
    });

    it("sends a Dockerfile inside an ignored directory, and keeps the directory", () => {
        const dir = tree({ "docker/Dockerfile": "FROM scratch\n", "docker/other": "x", ".dockerignore": "docker\n", "app.txt": "a" });
        assert.deepEqual(paths(dir, "docker/Dockerfile"), [".dockerignore", "app.txt", "docker/", "docker/Dockerfile"]);
    });

    it("prefers <Dockerfile>.dockerignore next to the Dockerfile over the root .dockerignore", () => {
        const dir = tree({ "Dockerfile.prod": "FROM scratch\n", "Dockerfile.prod.dockerignore": "*.log\n", ".dockerignore": "*.txt\n", "a.txt": "a", "b.log": "b" });
        const ctx = collectContext(dir, "Dockerfile.prod");
        assert.equal(ctx.ignoreFile, "Dockerfile.prod.dockerignore");
        assert.deepEqual(ctx.entries.map((e) => e.path), [".dockerignore", "Dockerfile.prod", "Dockerfile.prod.dockerignore", "a.txt"]);
    });

    it("keeps empty directories and directories that only hold re-included files", () => {
        const dir = tree({ Dockerfile: "FROM scratch\n", "empty": { dir: true }, "logs/keep/.gitkeep": "", "logs/x.log": "x", ".dockerignore": "logs\n!logs/keep/.gitkeep\n" });
        assert.deepEqual(paths(dir), [".dockerignore", "Dockerfile", "empty/", "logs/", "logs/keep/", "logs/keep/.gitkeep"]);
    });

    it("accepts a lower-case dockerfile when none is named", () => {
        const dir = tree({ dockerfile: "FROM scratch\n" });
        assert.equal(collectContext(dir, undefined).dockerfile, "dockerfile");
    });

    it("sends a symlink to a file inside the context as that file, with its mode", () => {
        const dir = tree({ Dockerfile: "FROM scratch\n", "bin/run.sh": { content: "#!/bin/sh\n", mode: 0o755 }, "run": { link: "bin/run.sh" } });
        const link = collectContext(dir, undefined).entries.find((e) => e.path === "run")!;
        assert.deepEqual([link.kind, link.mode, link.size], ["file", 0o755, 10]);
    });
});

describe("build/context: the content hash", () => {
    const files = { Dockerfile: "FROM scratch\nCOPY . /app\n", "app/main.py": "print('hi')\n", "app/run.sh": { content: "#!/bin/sh\n", mode: 0o755 }, "data/empty": { dir: true as const } };

    it("does not change when only mtimes change, nor between two copies at different paths", () => {
        const a = tree(files);
        const b = tree(files);
        const before = hashContext(collectContext(a, undefined));
        const past = new Date("2001-02-03T04:05:06Z");
        for (const rel of ["Dockerfile", "app/main.py", "app", "data/empty"]) fs.utimesSync(path.join(a, rel), past, past);
        assert.equal(hashContext(collectContext(a, undefined)), before);
        assert.equal(hashContext(collectContext(b, undefined)), before);
        assert.match(before, /^[0-9a-f]{64}$/);
    });

    it("changes with a content change, a new file, a rename or the executable bit; not with group-write", () => {
        const base = hashContext(collectContext(tree(files), undefined));
        const variant = (change: (dir: string) => void) => {
            const dir = tree(files);
            change(dir);
            return hashContext(collectContext(dir, undefined));
        };
        const content = variant((d) => fs.writeFileSync(path.join(d, "app/main.py"), "print('bye')\n"));
        const added = variant((d) => fs.writeFileSync(path.join(d, "app/new.py"), ""));
        const renamed = variant((d) => fs.renameSync(path.join(d, "app/main.py"), path.join(d, "app/main2.py")));
        const executable = variant((d) => fs.chmodSync(path.join(d, "app/main.py"), 0o755));
        const groupWrite = variant((d) => fs.chmodSync(path.join(d, "app/main.py"), 0o664));
        assert.equal(new Set([base, content, added, renamed, executable]).size, 5);
        assert.equal(groupWrite, base);
    });

    it("leaves ignored files out of the hash", () => {
        const dir = tree({ ...files, ".dockerignore": "*.log\n" });
        const before = hashContext(collectContext(dir, undefined));
        fs.writeFileSync(path.join(dir, "debug.log"), "noise");
        assert.equal(hashContext(collectContext(dir, undefined)), before);
    });
});

describe("build/context: the archive", () => {
    it("is byte-for-byte reproducible, hashes like hashContext, and extracts with modes and contents", () => {
        const dir = tree({ Dockerfile: "FROM scratch\n", "app/run.sh": { content: "#!/bin/sh\necho hi\n", mode: 0o755 }, "app/big.txt": "x".repeat(100_000), "ünï cödé.txt": "utf8" });
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "defang-zip-"));
        const first = writeArchive(collectContext(dir, undefined), path.join(out, "a.zip"));
        const past = new Date("1999-01-01T00:00:00Z");
        fs.utimesSync(path.join(dir, "app/run.sh"), past, past);
        const second = writeArchive(collectContext(dir, undefined), path.join(out, "b.zip"));
        assert.deepEqual(fs.readFileSync(path.join(out, "a.zip")), fs.readFileSync(path.join(out, "b.zip")));
        assert.equal(first.hash, second.hash);
        assert.equal(first.hash, hashContext(collectContext(dir, undefined)));
        assert.ok(first.archiveBytes < 100_000, `deflated: ${first.archiveBytes} bytes`);
        assert.equal(fs.statSync(path.join(out, "a.zip")).mode & 0o777, 0o600);

        const entries = readZip(path.join(out, "a.zip"));
        assert.deepEqual(
            entries.map((e) => [e.name, e.mode.toString(8)]),
            [
                ["Dockerfile", "100644"],
                ["app/", "40755"],
                ["app/big.txt", "100644"],
                ["app/run.sh", "100755"],
                ["ünï cödé.txt", "100644"],
            ],
        );
        assert.equal(entries.find((e) => e.name === "app/run.sh")!.content, "#!/bin/sh\necho hi\n");
        assert.equal(entries.find((e) => e.name === "app/big.txt")!.content.length, 100_000);
    });

    it("writes the ZIP64 end records past 65535 entries, and readers still find every entry", function () {
        this.timeout(60_000);
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "defang-zip64-")), "many.zip");
        const fd = fs.openSync(file, "w");
        const zip = new ZipWriter(fd);
        const count = 65_600;
        for (let i = 0; i < count; i++) zip.addFile(`f/${String(i).padStart(5, "0")}`, Buffer.from(String(i)));
        zip.finish();
        fs.closeSync(fd);
        const script = "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nn = z.namelist()\nprint(len(n), n[-1], z.read(n[-1]).decode())";
        assert.equal(execFileSync("python3", ["-c", script, file], { encoding: "utf8" }).trim(), `${count} f/65599 65599`);
    });
});

describe("build/context: refusals say what is wrong and what to do", () => {
    it("a missing context directory", () => {
        refused(() => collectContext("/nonexistent/defang/ctx", undefined), /build context \/nonexistent\/defang\/ctx does not exist/);
    });

    it("a Dockerfile outside the context", () => {
        const dir = tree({ "ctx/app.py": "", Dockerfile: "FROM scratch\n" });
        refused(() => collectContext(path.join(dir, "ctx"), "../Dockerfile"), /dockerfile "..\/Dockerfile" is outside the build context .*move it into the context/);
        refused(() => collectContext(path.join(dir, "ctx"), path.join(dir, "Dockerfile")), /is outside the build context/);
    });

    it("no Dockerfile (automatic builds are not supported), or a named one that is missing", () => {
        const dir = tree({ "app.py": "" });
        refused(() => collectContext(dir, undefined), /has no Dockerfile; automatic builds without one are not supported: add a Dockerfile, or pass a prebuilt image/);
        refused(() => collectContext(dir, "Dockerfile.prod"), /dockerfile "Dockerfile.prod" does not exist in the build context/);
    });

    it("a context over the limit, naming its biggest paths", () => {
        const dir = tree({ Dockerfile: "FROM scratch\n", "data/a.bin": "x".repeat(3000), "data/b.bin": "x".repeat(3000), "models/m.bin": "x".repeat(2000), "small.txt": "s" });
        refused(() => collectContext(dir, undefined, { limitBytes: 4096 }), /is 0\.0 MiB after the default ignores \(\.git\), more than the 0\.0 MiB limit; the biggest paths: data\/ \(0\.0 MiB\), models\/ \(0\.0 MiB\), Dockerfile .*Add what the image does not need to \.dockerignore/);
        assert.equal(collectContext(dir, undefined, { limitBytes: 8100 }).bytes, 8014);
    });

    it("symlinks that leave the context, point to a directory or dangle — unless ignored", () => {
        const outside = tree({ "secret.txt": "s" });
        const dir = tree({ Dockerfile: "FROM scratch\n", "out": { link: path.join(outside, "secret.txt") }, "dirlink": { link: "." }, "gone": { link: "missing" } });
        refused(() => collectContext(dir, undefined), /symbolic links that point outside the context, to a directory, or nowhere: dirlink, gone, out; .*Add them to \.dockerignore/);
        fs.writeFileSync(path.join(dir, ".dockerignore"), "out\ndirlink\ngone\n");
        assert.deepEqual(paths(dir), [".dockerignore", "Dockerfile"]);
    });

    it("a bad .dockerignore pattern, with its file and line", () => {
        const dir = tree({ Dockerfile: "FROM scratch\n", ".dockerignore": "ok\n[oops\n" });
        refused(() => collectContext(dir, undefined), /\.dockerignore:2: bad pattern "\[oops"/);
    });
});
