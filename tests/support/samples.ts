// The corpus keeps compose files only, not the apps' sources: to load or plan a sample as it would
// be in its own repository, copy it to a temporary directory and create what it points at — each
// local build context with its Dockerfile (the one named, else `Dockerfile`) and each env_file — empty.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";

type RawService = { build?: string | { context?: string; dockerfile?: string }; env_file?: unknown } | null;

/** Creates, under `dir`, every local build context and env file the compose text names (skipping URLs and `${…}`). */
export function createReferencedFiles(dir: string, text: string): void {
    let doc: { services?: Record<string, RawService> } | null;
    try {
        doc = parse(text, { merge: true, logLevel: "error" }); // the loader reports the file's warnings itself
    } catch {
        return; // the loader reports the YAML error itself
    }
    const touch = (file: string, content: string) => {
        if (fs.existsSync(file)) return;
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, content);
    };
    // A NUL cannot be in a file name: such a path is for the loader to refuse, not for us to create.
    const local = (p: unknown): p is string => typeof p === "string" && !/^[a-z]+:\/\//i.test(p) && !p.includes("$") && !p.includes("\0");
    for (const svc of Object.values(doc?.services ?? {})) {
        if (!svc || typeof svc !== "object") continue;
        const build = typeof svc.build === "string" ? { context: svc.build } : svc.build;
        const context = build ? (build.context ?? ".") : undefined;
        const inside = (p: string) => !path.relative(dir, path.resolve(dir, p)).startsWith("..");
        if (build && local(context) && inside(context)) {
            const dir_ = path.resolve(dir, context);
            fs.mkdirSync(dir_, { recursive: true });
            touch(path.resolve(dir_, typeof build.dockerfile === "string" ? build.dockerfile : "Dockerfile"), "FROM scratch\n");
        }
        for (const entry of ([] as unknown[]).concat(svc.env_file ?? [])) {
            const p = typeof entry === "string" ? entry : (entry as { path?: unknown } | null)?.path;
            if (local(p) && inside(p)) touch(path.resolve(dir, p), "");
        }
    }
}

/** Copies a compose file into `into` (a new temporary directory by default) with what it references; returns the copy's path. */
export function withReferencedFiles(composeFile: string, into = fs.mkdtempSync(path.join(os.tmpdir(), "defang-sample-"))): string {
    const text = fs.readFileSync(composeFile, "utf8");
    fs.mkdirSync(into, { recursive: true });
    const copy = path.join(into, path.basename(composeFile));
    fs.writeFileSync(copy, text);
    createReferencedFiles(into, text);
    return copy;
}
