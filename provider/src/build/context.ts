// A compose build context as Docker would send it: the directory walked with `.dockerignore` applied
// (the Dockerfile and the ignore file always go, as with Docker), then a content hash and a
// deterministic zip of exactly those entries. The hash covers paths, kinds, modes and contents — not
// mtimes, owners or the absolute path — so the same sources give the same hash on every machine and
// an unchanged context is never rebuilt. Modes are normalized to 0755 / 0644 (what git keeps): the
// executable bit survives, umask differences between machines do not change the hash.
//
// Pure but for reading the context and writing the archive: no Pulumi, no AWS.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { IgnoreMatcher, IgnoreSyntaxError, parseDockerignore } from "./dockerignore";
import { ZipWriter } from "./zip";
import { isDirectory, isFile } from "../compose/fs-checks";

/** Contexts above this size (after `.dockerignore`) are refused: uploads and builds get slow and costly. */
export const CONTEXT_LIMIT_BYTES = 500 * 1024 * 1024;

/** What is left out when the context has no `.dockerignore` (only this: we do not guess more). */
export const DEFAULT_IGNORES = [".git"];

export interface ContextEntry {
    /** Slash-separated path relative to the context root. */
    path: string;
    kind: "file" | "dir";
    /** 0o755 or 0o644 for files (executable or not), 0o755 for directories. */
    mode: number;
    size: number;
    /** Absolute path to read the content from (a symlink's target for a linked file). */
    source?: string;
}

export interface BuildContext {
    root: string;
    /** The Dockerfile, relative to the root (slash-separated). */
    dockerfile: string;
    /** The ignore file that applied, relative to the root; absent when the defaults applied. */
    ignoreFile?: string;
    /** In walk order: names sorted by code units within each directory, a directory before its contents. */
    entries: ContextEntry[];
    /** Sum of the file sizes. */
    bytes: number;
}

/** Why a context was refused (callers decide who reports what: the Defang rules already warn about some). */
export type ContextProblem =
    | "context-missing"
    | "dockerfile-outside"
    | "no-dockerfile"
    | "dockerfile-missing"
    | "too-large"
    | "links"
    | "special-files"
    | "ignore-syntax"
    | "unreadable"
    /** The archive cache is not private to the user (aws/build-context.ts). */
    | "cache-unsafe";

/** A context Docker could not build from as asked, or one we refuse; the message is for the user. */
export class BuildContextError extends Error {
    constructor(
        message: string,
        readonly problem: ContextProblem,
    ) {
        super(message);
        this.name = "BuildContextError";
    }
}

export interface CollectOptions {
    limitBytes?: number;
}

/** Walks a context; throws BuildContextError with what is wrong and what to do instead. */
export function collectContext(contextDir: string, dockerfile: string | undefined, options: CollectOptions = {}): BuildContext {
    const root = path.resolve(contextDir);
    if (!isDirectory(root)) throw new BuildContextError(`build context ${root} does not exist or is not a directory`, "context-missing");
    const dockerfileRel = resolveDockerfile(root, dockerfile);
    const { matcher, ignoreFile } = ignoreRules(root, dockerfileRel);
    const forced = new Set([dockerfileRel, ...(ignoreFile ? [ignoreFile] : [])]);
    const realRoot = fs.realpathSync(root);
    const entries: ContextEntry[] = [];
    const badLinks: string[] = [];
    const special: string[] = [];

    const walk = (relDir: string): boolean => {
        let included = false;
        for (const name of fs.readdirSync(path.join(root, relDir)).sort(byCodeUnits)) {
            const rel = relDir ? `${relDir}/${name}` : name;
            const abs = path.join(root, rel);
            const stat = fs.lstatSync(abs);
            const ignored = !forced.has(rel) && matcher.ignores(rel);
            if (stat.isDirectory()) {
                if (ignored && matcher.prunes(rel) && ![...forced].some((f) => f.startsWith(`${rel}/`))) continue;
                const at = entries.length;
                const below = walk(rel);
                if (!ignored || below) {
                    entries.splice(at, 0, { path: rel, kind: "dir", mode: 0o755, size: 0 });
                    included = true;
                }
                continue;
            }
            if (ignored) continue;
            if (stat.isSymbolicLink()) {
                const target = linkedFile(abs, realRoot);
                if (!target) badLinks.push(rel);
                else entries.push({ path: rel, kind: "file", mode: fileMode(target.stat.mode), size: target.stat.size, source: target.path });
            } else if (stat.isFile()) {
                entries.push({ path: rel, kind: "file", mode: fileMode(stat.mode), size: stat.size, source: abs });
            } else {
                special.push(rel);
                continue;
            }
            included = true;
        }
        return included;
    };
    try {
        walk("");
    } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (!e.code) throw err;
        throw new BuildContextError(`cannot read the build context ${root}: ${e.message}`, "unreadable");
    }

    if (badLinks.length > 0) {
        throw new BuildContextError(
            `build context ${root} has symbolic links that point outside the context, to a directory, or nowhere: ${listSome(badLinks)}; ` +
                `they cannot be uploaded as files. Add them to .dockerignore, or replace each link by a copy of the file`,
            "links",
        );
    }
    if (special.length > 0) {
        throw new BuildContextError(`build context ${root} has sockets, pipes or device files: ${listSome(special)}; add them to .dockerignore`, "special-files");
    }
    const bytes = entries.reduce((sum, e) => sum + e.size, 0);
    const limit = options.limitBytes ?? CONTEXT_LIMIT_BYTES;
    if (bytes > limit) {
        throw new BuildContextError(
            `build context ${root} is ${mib(bytes)} after ${ignoreFile ?? "the default ignores (.git)"}, more than the ${mib(limit)} limit; ` +
                `the biggest paths: ${biggest(entries)}. Add what the image does not need to ${ignoreFile ?? ".dockerignore"}`,
            "too-large",
        );
    }
    return { root, dockerfile: dockerfileRel, ignoreFile, entries, bytes };
}

/** The content hash of a context (sha256, hex): reads every file. */
export function hashContext(ctx: BuildContext): string {
    const hash = createHash("sha256");
    for (const e of ctx.entries) digestEntry(hash, e, e.kind === "file" ? readEntry(e) : undefined);
    return hash.digest("hex");
}

/** Writes the context as a deterministic zip to `file`; returns the content hash (same as hashContext). */
export function writeArchive(ctx: BuildContext, file: string): { hash: string; archiveBytes: number } {
    const hash = createHash("sha256");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    const fd = fs.openSync(partial, "w", 0o600);
    let archiveBytes: number;
    try {
        const zip = new ZipWriter(fd);
        for (const e of ctx.entries) {
            if (e.kind === "dir") {
                zip.addDirectory(e.path, e.mode);
                digestEntry(hash, e, undefined);
            } else {
                const data = readEntry(e);
                zip.addFile(e.path, data, e.mode);
                digestEntry(hash, e, data);
            }
        }
        archiveBytes = zip.finish();
    } finally {
        fs.closeSync(fd);
    }
    // Renamed into place only when complete, so a reader never sees half an archive.
    fs.renameSync(partial, file);
    return { hash: hash.digest("hex"), archiveBytes };
}

function digestEntry(hash: ReturnType<typeof createHash>, e: ContextEntry, data: Buffer | undefined): void {
    hash.update(`${e.kind}\0${e.mode.toString(8)}\0${e.path}\0`);
    if (data) hash.update(createHash("sha256").update(data).digest("hex"));
    hash.update("\n");
}

function readEntry(e: ContextEntry): Buffer {
    try {
        return fs.readFileSync(e.source!);
    } catch (err) {
        throw new BuildContextError(`cannot read ${e.source}: ${(err as Error).message}`, "unreadable");
    }
}

function resolveDockerfile(root: string, dockerfile: string | undefined): string {
    const named = dockerfile ?? "Dockerfile";
    const full = path.resolve(root, named);
    const rel = path.relative(root, full);
    if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
        throw new BuildContextError(`dockerfile ${JSON.stringify(named)} is outside the build context ${root}; move it into the context and name it relative to it`, "dockerfile-outside");
    }
    if (isFile(full)) return rel.split(path.sep).join("/");
    // Docker also accepts a lower-case `dockerfile` when none is named.
    if (dockerfile === undefined && isFile(path.join(root, "dockerfile"))) return "dockerfile";
    const isDefault = dockerfile === undefined || rel === "Dockerfile";
    throw new BuildContextError(
        isDefault
            ? `build context ${root} has no Dockerfile; automatic builds without one are not supported: add a Dockerfile, or pass a prebuilt image in the component's images input`
            : `dockerfile ${JSON.stringify(named)} does not exist in the build context ${root}`,
        isDefault ? "no-dockerfile" : "dockerfile-missing",
    );
}

/** `<Dockerfile>.dockerignore` next to the Dockerfile wins over `.dockerignore` at the root (BuildKit's rule). */
function ignoreRules(root: string, dockerfileRel: string): { matcher: IgnoreMatcher; ignoreFile?: string } {
    for (const candidate of [`${dockerfileRel}.dockerignore`, ".dockerignore"]) {
        const full = path.join(root, candidate);
        if (!isFile(full)) continue;
        try {
            return { matcher: new IgnoreMatcher(parseDockerignore(fs.readFileSync(full, "utf8"))), ignoreFile: candidate };
        } catch (err) {
            if (err instanceof IgnoreSyntaxError) throw new BuildContextError(`${path.join(root, candidate)}:${err.line}: ${err.message}`, "ignore-syntax");
            throw err;
        }
    }
    return { matcher: new IgnoreMatcher(parseDockerignore(DEFAULT_IGNORES.join("\n"))) };
}

/** A symlink's target when it is a regular file inside the context. */
function linkedFile(abs: string, realRoot: string): { path: string; stat: fs.Stats } | undefined {
    let target: string;
    try {
        target = fs.realpathSync(abs);
    } catch {
        return undefined; // dangling
    }
    const rel = path.relative(realRoot, target);
    if (rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
    const stat = fs.statSync(target);
    return stat.isFile() ? { path: target, stat } : undefined;
}

function fileMode(mode: number): number {
    return mode & 0o111 ? 0o755 : 0o644;
}

/** The largest top-level entries (what a user would add to .dockerignore), with sizes. */
function biggest(entries: ContextEntry[]): string {
    const sizes = new Map<string, number>();
    for (const e of entries) {
        if (e.kind !== "file") continue;
        const top = e.path.includes("/") ? `${e.path.split("/")[0]}/` : e.path;
        sizes.set(top, (sizes.get(top) ?? 0) + e.size);
    }
    return [...sizes.entries()]
        .sort((a, b) => b[1] - a[1] || byCodeUnits(a[0], b[0]))
        .slice(0, 5)
        .map(([p, size]) => `${p} (${mib(size)})`)
        .join(", ");
}

function listSome(paths: string[]): string {
    const shown = paths.slice(0, 5).join(", ");
    return paths.length > 5 ? `${shown} and ${paths.length - 5} more` : shown;
}

function mib(bytes: number): string {
    return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Plain code-unit order: the same on every platform and locale. */
function byCodeUnits(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
