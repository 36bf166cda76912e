// Small helpers shared by the Defang rules.
import * as path from "path";

/** Edit distance (insert / delete / substitute), for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++) {
            cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        prev = cur;
    }
    return prev[b.length];
}

/** The candidate closest to `word`, when it is close enough to be a plausible typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
    const w = word.toLowerCase().replace(/_/g, "-");
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const d = editDistance(w, c.toLowerCase());
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    const limit = Math.max(2, Math.floor(w.length / 3));
    return bestDistance <= limit ? best : undefined;
}

/**
 * The repository part of an image reference, lower case, without registry host, tag or digest:
 * `docker.io/library/postgres:16` → `library/postgres`, `ghcr.io/berriai/litellm@sha256:…` → `berriai/litellm`.
 */
export function imageRepo(image: string): string {
    let ref = image.trim().toLowerCase();
    const at = ref.indexOf("@");
    if (at >= 0) ref = ref.slice(0, at);
    const slash = ref.lastIndexOf("/");
    const colon = ref.lastIndexOf(":");
    if (colon > slash) ref = ref.slice(0, colon);
    const parts = ref.split("/");
    if (parts.length > 1 && (parts[0].includes(".") || parts[0].includes(":") || parts[0] === "localhost")) parts.shift();
    return parts.join("/");
}

/** The last path segment of the repository: `bitnami/postgresql` → `postgresql`. */
export function imageName(image: string): string {
    const repo = imageRepo(image);
    return repo.slice(repo.lastIndexOf("/") + 1);
}

/** The tag of an image reference, if any: `postgres:16-alpine` → `16-alpine`. */
export function imageTag(image: string): string | undefined {
    const ref = image.split("@")[0];
    const colon = ref.lastIndexOf(":");
    return colon > ref.lastIndexOf("/") ? ref.slice(colon + 1) : undefined;
}

/** Whole seconds of a duration in nanoseconds. */
export const NS_PER_SECOND = 1e9;

/** A path as the user wrote it: relative to the project directory when inside it (`./app`). */
export function displayPath(p: string, workingDir: string): string {
    if (!path.isAbsolute(p)) return p;
    const rel = path.relative(workingDir, p);
    if (rel === "") return ".";
    return rel.startsWith("..") || path.isAbsolute(rel) ? p : `./${rel}`;
}
