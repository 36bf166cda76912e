// The files of a static site as S3 objects (pure: no AWS). The folder arrives as a gzipped tarball (the
// extraction build's `tar -czf`); each file becomes an object under its relative path with a content
// type and a cache policy: HTML is revalidated on every request (a deploy shows at once), files whose
// name carries a content hash (`app-3f9a1c2b.js`, Next.js `_next/static/…`) are immutable for a year,
// the rest is cached an hour. Pages also get an extensionless key (`about.html` → `about`,
// `docs/index.html` → `docs`), so `/about` works as on the usual static hosts; the CDN function maps
// `/docs/` to `docs/index.html`.
import { createHash } from "crypto";
import * as path from "path";
import { gunzipSync } from "zlib";

/** Bump when the object keys, types or cache headers change: every file is uploaded again once. */
export const SITE_FORMAT = 1;

/** A site larger than this (uncompressed) is refused: it is held in memory while it syncs. */
export const MAX_SITE_BYTES = 1024 ** 3;

export const CACHE_HTML = "public, max-age=0, must-revalidate";
export const CACHE_IMMUTABLE = "public, max-age=31536000, immutable";
export const CACHE_DEFAULT = "public, max-age=3600";

const TYPES: Record<string, string> = {
    html: "text/html", htm: "text/html", css: "text/css", js: "text/javascript", mjs: "text/javascript", cjs: "text/javascript",
    json: "application/json", map: "application/json", webmanifest: "application/manifest+json", txt: "text/plain", md: "text/markdown",
    csv: "text/csv", xml: "application/xml", rss: "application/rss+xml", atom: "application/atom+xml", yaml: "application/yaml", yml: "application/yaml",
    svg: "image/svg+xml", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp", avif: "image/avif",
    ico: "image/x-icon", bmp: "image/bmp", woff: "font/woff", woff2: "font/woff2", ttf: "font/ttf", otf: "font/otf", eot: "application/vnd.ms-fontobject",
    pdf: "application/pdf", wasm: "application/wasm", zip: "application/zip", gz: "application/gzip", mp4: "video/mp4", webm: "video/webm",
    mp3: "audio/mpeg", wav: "audio/wav", ogg: "audio/ogg", m4a: "audio/mp4",
};

/** MIME type by extension (`application/octet-stream` when unknown); text types in UTF-8. */
export function contentType(file: string): string {
    const ext = path.posix.extname(file).slice(1).toLowerCase();
    const type = TYPES[ext] ?? "application/octet-stream";
    return /^text\/|^application\/(json|xml|manifest\+json|rss\+xml|atom\+xml|yaml)$|^image\/svg\+xml$/.test(type) ? `${type}; charset=utf-8` : type;
}

/** A hash-like part (8+ characters mixing letters and digits) right before an extension: `index-B9xQ2kLm.js`. */
const HASHED = /[.-](?=[A-Za-z0-9_]*\d)(?=[A-Za-z0-9_]*[A-Za-z])[A-Za-z0-9_]{8,}\.[a-z0-9]+$/;

export function cacheControl(file: string): string {
    if (/\.html?$/i.test(file)) return CACHE_HTML;
    if (file.startsWith("_next/static/") || HASHED.test(path.posix.basename(file))) return CACHE_IMMUTABLE;
    return CACHE_DEFAULT;
}

export interface SiteObject {
    key: string;
    body: Buffer;
    /** Hex MD5 of the body: S3's ETag of an SSE-S3 object put in one request. */
    md5: string;
    contentType: string;
    cacheControl: string;
}

/** The objects for a set of files (relative POSIX paths): the files, then the extensionless page keys. */
export function siteObjects(files: Map<string, Buffer>): SiteObject[] {
    const object = (key: string, source: string): SiteObject => {
        const body = files.get(source)!;
        return { key, body, md5: md5(body), contentType: contentType(source), cacheControl: cacheControl(source) };
    };
    const out = [...files.keys()].sort().map((f) => object(f, f));
    const aliases = new Map<string, string>();
    for (const f of [...files.keys()].sort()) {
        let alias: string | undefined;
        if (/\.html$/.test(f) && path.posix.basename(f) !== "index.html") alias = f.slice(0, -".html".length);
        else if (path.posix.basename(f) === "index.html" && f !== "index.html" && !files.has(`${path.posix.dirname(f)}.html`)) alias = path.posix.dirname(f);
        if (alias && !files.has(alias) && !aliases.has(alias)) aliases.set(alias, f);
    }
    for (const [alias, f] of [...aliases].sort(([a], [b]) => (a < b ? -1 : 1))) out.push(object(alias, f));
    return out;
}

export function md5(body: Buffer): string {
    return createHash("md5").update(body).digest("hex");
}

/** A digest of the whole site (keys, bodies, headers): what the sync reports as the site's version. */
export function siteHash(objects: SiteObject[]): string {
    const h = createHash("sha256");
    for (const o of objects) h.update(`${o.key}\0${o.md5}\0${o.contentType}\0${o.cacheControl}\n`);
    return h.digest("hex");
}

export class SiteArchiveError extends Error {}

/**
 * The regular files of a gzipped tar (ustar, GNU long names, pax `path`), by relative path. Symbolic
 * links to files inside the archive become copies of their target; links leaving it are dropped.
 */
export function readTarGz(gz: Buffer, maxBytes = MAX_SITE_BYTES): Map<string, Buffer> {
    let tar: Buffer;
    try {
        tar = gunzipSync(gz, { maxOutputLength: maxBytes + 1024 * 1024 });
    } catch (err) {
        throw new SiteArchiveError(/output length|buffer/i.test((err as Error).message) ? `the site is larger than ${maxBytes / 1024 ** 2} MiB` : `the site archive is not a gzip file: ${(err as Error).message}`);
    }
    const files = new Map<string, Buffer>();
    const links = new Map<string, string>();
    let longName: string | undefined;
    let total = 0;
    for (let at = 0; at + 512 <= tar.length; ) {
        const header = tar.subarray(at, at + 512);
        if (header.every((b) => b === 0)) break;
        const size = parseInt(field(header, 124, 12).trim() || "0", 8);
        if (!Number.isFinite(size) || size < 0) throw new SiteArchiveError(`the site archive has a corrupt header at byte ${at}`);
        const type = String.fromCharCode(header[156] || 48);
        const body = tar.subarray(at + 512, at + 512 + size);
        at += 512 + Math.ceil(size / 512) * 512;
        const prefix = field(header, 345, 155);
        let name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
        longName = undefined;
        if (type === "L") {
            longName = body.toString("utf8").replace(/\0+$/, "");
            continue;
        }
        if (type === "x") {
            const p = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString("utf8"));
            if (p) longName = p[1];
            continue;
        }
        name = clean(name);
        if (!name) continue;
        if (type === "0" || type === "\0" || type === "7") {
            total += size;
            if (total > maxBytes) throw new SiteArchiveError(`the site is larger than ${maxBytes / 1024 ** 2} MiB`);
            files.set(name, Buffer.from(body));
        } else if (type === "2") {
            links.set(name, path.posix.normalize(path.posix.join(path.posix.dirname(name), field(header, 157, 100))));
        }
    }
    for (const [name, target] of links) {
        let resolved: string | undefined = target;
        for (let hops = 0; resolved !== undefined && !files.has(resolved) && hops < 8; hops++) resolved = links.get(resolved);
        if (resolved !== undefined && files.has(resolved)) files.set(name, files.get(resolved)!);
    }
    return files;
}

function field(header: Buffer, offset: number, length: number): string {
    const raw = header.subarray(offset, offset + length);
    const end = raw.indexOf(0);
    return raw.subarray(0, end < 0 ? length : end).toString("utf8");
}

/** `./a/b.html` → `a/b.html`; absolute paths and paths leaving the folder → "". */
function clean(name: string): string {
    const n = path.posix.normalize(name.replace(/^(\.\/)+/, ""));
    if (n === "." || n.startsWith("..") || n.startsWith("/")) return "";
    return n.replace(/\/$/, "");
}
