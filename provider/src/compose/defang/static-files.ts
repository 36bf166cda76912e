// `x-defang-static-files`: the service's image is built (or pulled) only to take a folder out of it;
// the folder is published on a CDN (S3 + CloudFront) and no container runs. As in Defang's samples the
// folder is a path inside the image (a Next.js static export copied to `/static`, nginx's
// `/usr/share/nginx/html`), so it must be absolute. Each `redirects` entry is one rule in the format of
// Netlify's `_redirects` lines: `<from> <to> [status]`, `from` a path that may end in `*` (then `to` may
// use `:splat`), status 301 (default), 302, 303, 307, 308, or 200 to serve `to` in place of `from`
// (`/* /index.html 200` is the single-page-app fallback).
import type { ServiceConfig } from "../types";
import type { ServiceReporter } from "./report";
import { setWithoutContainer } from "./fields";

export type RedirectStatus = 200 | 301 | 302 | 303 | 307 | 308;

export interface RedirectRule {
    /** Path without the trailing `*`. */
    from: string;
    /** `from` ended in `*`: it matches every path under it, and `:splat` in `to` is what followed. */
    splat: boolean;
    to: string;
    status: RedirectStatus;
}

const STATUSES: ReadonlySet<number> = new Set([200, 301, 302, 303, 307, 308]);
const SAFE_PATH = /^\/[A-Za-z0-9._~!$&'()+,;=:@%/-]*$/;

/** Keys that mean nothing when no container runs (reported as ignored when present). */
const CONTAINER_KEYS: Array<keyof ServiceConfig> = ["ports", "command", "entrypoint", "environment", "env_file", "volumes", "healthcheck", "deploy", "user", "working_dir"];

export function parseRedirect(text: string): RedirectRule | { error: string } {
    const words = text.trim().split(/\s+/);
    if (words.length < 2 || words.length > 3 || words[0] === "") return { error: "it needs a source path and a target, and at most a status code" };
    const [rawFrom, to, status] = words;
    const splat = rawFrom.endsWith("*");
    const from = splat ? rawFrom.slice(0, -1) : rawFrom;
    if (!SAFE_PATH.test(from) || from.includes("*")) return { error: `the source ${rawFrom} must be a path starting with \`/\` (a \`*\` only at its end)` };
    const code = status === undefined ? 301 : Number(status);
    if (!Number.isInteger(code) || !STATUSES.has(code)) return { error: `the status ${status} is not one of 200 (serve the target), 301, 302, 303, 307, 308` };
    const isUrl = /^https?:\/\/[A-Za-z0-9.-]+(:\d+)?(\/\S*)?$/.test(to);
    if (!isUrl && !SAFE_PATH.test(to)) return { error: `the target ${to} must be a path starting with \`/\` or an http(s) URL` };
    if (code === 200 && isUrl) return { error: "status 200 serves a file of the site: its target must be a path, not a URL" };
    if (to.includes(":splat") && !splat) return { error: "`:splat` in the target needs a source ending in `*`" };
    return { from, splat, to, status: code as RedirectStatus };
}

export function checkStaticFiles(svc: ServiceConfig, r: ServiceReporter): void {
    const sf = svc.defang?.staticFiles;
    if (!sf) return;
    const at = typeof svc.extensions?.["x-defang-static-files"] === "string" ? ["x-defang-static-files"] : ["x-defang-static-files", "folder"];
    if (!sf.folder.startsWith("/")) r.report("static-files-folder-relative", at, { value: sf.folder });
    else if (sf.folder.split("/").includes("..")) r.report("static-files-folder-relative", at, { value: sf.folder });
    if (!svc.image && !svc.build) r.report("static-files-no-image", ["x-defang-static-files"]);
    (sf.redirects ?? []).forEach((text, i) => {
        const parsed = parseRedirect(text);
        if ("error" in parsed) r.report("static-files-redirect-invalid", ["x-defang-static-files", "redirects", i], { value: text, reason: parsed.error });
    });
    const ignored = setWithoutContainer(svc, CONTAINER_KEYS);
    if (ignored.length > 0) r.report("static-files-no-container", ["x-defang-static-files"], { fields: ignored.map((k) => `\`${k}\``).join(", ") });
}
