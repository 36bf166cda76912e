// Files outside the project directory (issue 11, class 4): env files, label files, includes, extends
// sources and build contexts resolving outside the first compose file's directory are refused with
// `file-outside-project`, unless the caller opts in with allowFilesOutsideProject.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { loadProject, type LoadOptions } from "../../provider/src/compose";
import { parseDotenv } from "../../provider/src/compose/dotenv";
import { errors, ok, oneError, tempDir } from "./helpers";

const SECRET = "AKIAIOSFODNN7EXAMPLE";

/** A project directory `app/` beside an `outside/` directory holding a credentials-like env file. */
function layout(compose: string, extra: Record<string, string> = {}): { root: string; app: string } {
    const root = tempDir({
        "outside/creds.env": `AWS_SECRET_ACCESS_KEY=${SECRET}\n`,
        "outside/base.yaml": "services:\n  base:\n    image: nginx\n",
        "outside/ctx/Dockerfile": "FROM scratch\n",
        "app/compose.yaml": compose,
        "app/inside.env": "A=1\n",
        ...extra,
    });
    return { root, app: path.join(root, "app") };
}

function load(app: string, opts: Partial<LoadOptions> = {}) {
    return loadProject({ files: [path.join(app, "compose.yaml")], workingDir: app, ...opts });
}

describe("compose: files outside the project directory", () => {
    it("env_file with ../ is refused at its line, and the file's value is not read", () => {
        const { app } = layout("services:\n  web:\n    image: nginx\n    env_file: ../outside/creds.env\n");
        const r = load(app);
        const d = oneError(r, "file-outside-project");
        assert.strictEqual(d.line, 4);
        assert.match(d.message, /env_file .*creds\.env is outside the project directory/);
        assert.match(d.hint ?? "", /allowFilesOutsideProject.*--allow-files-outside-project/);
        assert.ok(!JSON.stringify(r.diagnostics).includes(SECRET));
    });

    it("env_file with an absolute path is refused", () => {
        const { root, app } = layout("");
        fs.writeFileSync(path.join(app, "compose.yaml"), `services:\n  web:\n    image: nginx\n    env_file:\n      - ${path.join(root, "outside/creds.env")}\n`);
        oneError(load(app), "file-outside-project");
    });

    it("env_file with ~ is refused (home directory outside the project)", () => {
        const { root, app } = layout("services:\n  web:\n    image: nginx\n    env_file: ~/creds.env\n");
        const r = load(app, { environment: { HOME: path.join(root, "outside") } });
        assert.match(oneError(r, "file-outside-project").message, /outside[/\\]creds\.env/);
    });

    it("a symlink inside the project pointing out is refused", () => {
        const { root, app } = layout("services:\n  web:\n    image: nginx\n    env_file: ./link.env\n");
        fs.symlinkSync(path.join(root, "outside/creds.env"), path.join(app, "link.env"));
        oneError(load(app), "file-outside-project");
    });

    it("a default .env that is a symlink pointing out is refused and not read; opting in reads it", () => {
        const { root, app } = layout("services:\n  web:\n    image: nginx\n    environment:\n      KEY: ${AWS_SECRET_ACCESS_KEY}\n");
        fs.symlinkSync(path.join(root, "outside/creds.env"), path.join(app, ".env"));
        const r = load(app);
        const d = oneError(r, "file-outside-project");
        assert.match(d.message, /default env file \(\.env\)/);
        assert.ok(!JSON.stringify(r.diagnostics).includes(SECRET));
        ok(load(app, { allowFilesOutsideProject: true }));
    });

    it("label_file, include, extends.file, build context and additional_contexts outside are refused", () => {
        const cases = [
            "services:\n  web:\n    image: nginx\n    label_file: ../outside/creds.env\n",
            "include:\n  - ../outside/base.yaml\nservices:\n  web:\n    image: nginx\n",
            "services:\n  web:\n    extends:\n      file: ../outside/base.yaml\n      service: base\n",
            "services:\n  web:\n    build: ../outside/ctx\n",
            "services:\n  web:\n    build:\n      context: \"~/\"\n",
            "services:\n  web:\n    build:\n      context: .\n      additional_contexts:\n        extra: ../outside/ctx\n",
            "services:\n  web:\n    build:\n      context: .\n      dockerfile: ../outside/ctx/Dockerfile\n",
        ];
        for (const text of cases) {
            const { root, app } = layout(text);
            const r = load(app, { environment: { HOME: root } });
            assert.ok(errors(r).some((d) => d.code === "file-outside-project" && d.file && d.line), `${text}\n${JSON.stringify(r.diagnostics)}`);
        }
    });

    it("files inside the project, remote contexts and the opt-in load", () => {
        const inside = layout("services:\n  web:\n    build:\n      context: .\n      additional_contexts:\n        img: docker-image://alpine\n    env_file: inside.env\n  git:\n    build: https://github.com/docker/getting-started.git\n");
        ok(load(inside.app));
        const { app } = layout("services:\n  web:\n    image: nginx\n    env_file: ../outside/creds.env\n    build: ../outside/ctx\n");
        const p = ok(load(app, { allowFilesOutsideProject: true }));
        assert.strictEqual(p.services.web.environment?.AWS_SECRET_ACCESS_KEY, SECRET);
    });
});

describe("env files: syntax errors never print a value", () => {
    it("a malformed line with a secret-looking value is reported by line, column and key only", () => {
        const bad = [`TOKEN="${SECRET}\n`, `${SECRET}/abc+def\n`, `KEY=\${${SECRET}\n`, `my key ${SECRET}=1\n`];
        for (const text of bad) {
            const r = parseDotenv("OK=1\n" + text);
            assert.ok(r.error, text);
            assert.strictEqual(r.error!.line, 2);
            assert.ok(!r.error!.message.includes(SECRET), r.error!.message);
            assert.ok(!r.error!.message.includes("abc"), r.error!.message);
        }
        assert.match(parseDotenv(`TOKEN="${SECRET}\n`).error!.message, /unterminated quoted value of TOKEN/);
        assert.strictEqual(parseDotenv(`A=1\nx!=1\n`).error!.column, 2);
    });

    it("through the loader: .env and env_file errors are located without the line's text", () => {
        const dir = tempDir({ ".env": `X=1\nPASS="${SECRET}\n`, "svc.env": `${SECRET}\n=oops\n`, "compose.yaml": "services:\n  web:\n    image: nginx\n    env_file: svc.env\n" });
        const r = loadProject({ workingDir: dir });
        const found = r.diagnostics.filter((d) => d.code === "env-file-syntax");
        assert.ok(found.length >= 1, JSON.stringify(r.diagnostics));
        assert.ok(!JSON.stringify(r.diagnostics).includes(SECRET));
        assert.ok(found.every((d) => d.file && d.line && d.column));
    });
});
