// The build contexts of a plan, prepared while the component builds its graph (the program runs
// where the compose files are): each built service's (and static site's) context is walked and hashed — the hash is
// the ImageBuild's input, so an unchanged context never rebuilds — and, for a deployment, zipped
// into a content-addressed cache in the user's cache directory, which the ImageBuild uploads. A preview or
// an offline plan only hashes (the engine never creates resources then).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BuildContextError, type ContextProblem, collectContext, hashContext, writeArchive } from "../build/context";
import type { DeploymentPlan } from "../plan/types";
import { byName } from "../by-name";

export interface PreparedContext {
    /** Content hash of the context, or UNUSABLE_CONTEXT when it could not be read (offline and preview only). */
    contextHash: string;
    /** The zip to upload (deployments only). */
    archivePath?: string;
}

export interface ContextFinding {
    service: string;
    message: string;
    /** Already reported by the Defang rules (as a warning): only a deployment must stop on it. */
    reportedByRules: boolean;
}

export const UNUSABLE_CONTEXT = "unusable-context";

/** Archives older than this are removed from the cache when a new one is written. */
const CACHE_MAX_AGE_MS = 2 * 24 * 3600 * 1000;

/** Problems the Defang rules already report on the compose file (build/context.ts finds them again). */
const RULES_REPORT: ReadonlySet<ContextProblem> = new Set(["context-missing", "dockerfile-outside", "no-dockerfile", "dockerfile-missing"]);

/**
 * Where archives wait for their upload: the user's cache directory (never a shared, world-writable
 * one: whoever can replace an archive there decides what gets built with the project's role).
 */
export function contextCacheDir(): string {
    const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
    return path.join(base, "pulumi-defang", "contexts");
}

/** Creates the cache directory private to this user, refusing one others could write to. */
function privateDir(dir: string): void {
    let stat: fs.Stats;
    try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        stat = fs.lstatSync(dir);
    } catch (err) {
        throw new BuildContextError(`cannot create the build context cache ${dir}: ${(err as Error).message}; set XDG_CACHE_HOME to a writable private directory`, "cache-unsafe");
    }
    const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
    if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0) {
        throw new BuildContextError(`the build context cache ${dir} is not a directory private to this user; remove it or set XDG_CACHE_HOME to a private directory`, "cache-unsafe");
    }
}

/** Hashes (and with `writeArchives`, zips) the context of every service the plan builds. */
export function prepareContexts(
    plan: Pick<DeploymentPlan, "services" | "staticSites">,
    options: { writeArchives: boolean; cacheDir?: string },
): { contexts: Record<string, PreparedContext>; findings: ContextFinding[] } {
    const contexts = byName<PreparedContext>();
    const findings: ContextFinding[] = [];
    const cacheDir = options.cacheDir ?? contextCacheDir();
    for (const s of [...plan.services, ...(plan.staticSites ?? [])]) {
        if (s.image.kind !== "build") continue;
        const image = s.image;
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(image.context) || image.context.startsWith("git@")) {
            findings.push({
                service: s.name,
                message: `service "${s.name}": remote build contexts (${image.context}) are not supported; clone the repository next to the compose file and point build.context at the directory`,
                reportedByRules: false,
            });
            contexts[s.name] = { contextHash: UNUSABLE_CONTEXT };
            continue;
        }
        try {
            const ctx = collectContext(image.context, image.dockerfile);
            const contextHash = hashContext(ctx);
            if (!options.writeArchives) {
                contexts[s.name] = { contextHash };
                continue;
            }
            privateDir(cacheDir);
            const archivePath = path.join(cacheDir, `${contextHash}.zip`);
            if (fs.existsSync(archivePath)) {
                // Fresh again, so a prune (below, for another service) keeps it for this deployment.
                const now = new Date();
                fs.utimesSync(archivePath, now, now);
            } else {
                pruneCache(cacheDir);
                writeArchive(ctx, archivePath);
            }
            contexts[s.name] = { contextHash, archivePath };
        } catch (err) {
            if (!(err instanceof BuildContextError)) throw err;
            findings.push({ service: s.name, message: `service "${s.name}": ${err.message}`, reportedByRules: RULES_REPORT.has(err.problem) });
            contexts[s.name] = { contextHash: UNUSABLE_CONTEXT };
        }
    }
    return { contexts, findings };
}

function pruneCache(dir: string): void {
    let names: string[];
    try {
        names = fs.readdirSync(dir);
    } catch {
        return;
    }
    const now = Date.now();
    for (const name of names) {
        const file = path.join(dir, name);
        try {
            if (now - fs.statSync(file).mtimeMs > CACHE_MAX_AGE_MS) fs.rmSync(file, { force: true });
        } catch {
            // another process may be pruning too
        }
    }
}
