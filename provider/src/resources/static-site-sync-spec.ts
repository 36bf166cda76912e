// defang:index:StaticSiteSync — publishes the folder of a static site's image to its bucket.
//
// INTERNAL: the token is deliberately absent from schema.json (so no SDK exposes it). Only the
// defang:index:Project component creates it, and this package's plugin implements it
// (resources/static-site-sync.ts): one resource per site, whatever its number of files, so a site of
// 2,000 files plans and deploys as one step. Validation and diffing are here, pure and cheap, because
// the engine calls them during every preview.
//
// It syncs again when the image (by digest), the folder, the buckets, the distribution or the object
// format (static-site-files.ts SITE_FORMAT) change; nothing is ever replaced.
import { createHash } from "crypto";
import { type CheckFailure, UNKNOWN, changedTriggers, nonEmptyStrings, plain, timeoutFailures } from "./wire";

export const STATIC_SITE_SYNC_TOKEN = "defang:index:StaticSiteSync";

export interface StaticSiteSyncInputs {
    /** Region of the buckets and of the extraction project. */
    region: string;
    /** Compose service name (messages). */
    service: string;
    /** The image the folder is copied out of (by digest when built by the component). */
    image: string;
    platform: string;
    /** Absolute folder in the image. */
    folder: string;
    /** The site's private bucket. */
    siteBucket: string;
    /** CloudFront distribution to invalidate when files change. */
    distributionId: string;
    /** The build bucket, where the extraction leaves the folder as `<service>/site/<hash>.tar.gz`. */
    archiveBucket: string;
    /** CodeBuild project that copies the folder out of the image (aws/build.ts). */
    extractProject: string;
    /** SITE_FORMAT of the component: a new format uploads every file again. */
    format: number;
    /** Stop the extraction and fail after this many minutes (default 30). */
    timeoutMinutes?: number;
}

export interface StaticSiteSyncOutputs extends StaticSiteSyncInputs {
    archiveKey: string;
    /** Digest of every key, body and header of the site. */
    siteHash: string;
    objects: number;
    bytes: number;
    uploaded: number;
    deleted: number;
    /** The invalidation created because files changed (absent when none did). */
    invalidationId?: string;
}

export const RESYNC_TRIGGERS = ["region", "image", "platform", "folder", "siteBucket", "distributionId", "archiveBucket", "format"] as const;

export const DEFAULT_EXTRACT_TIMEOUT_MINUTES = 30;

const REQUIRED = ["region", "service", "image", "platform", "folder", "siteBucket", "distributionId", "archiveBucket", "extractProject"] as const;

/** Where the extraction of these inputs leaves its tarball: content-addressed by image, platform and folder. */
export function archiveKey(inputs: Pick<StaticSiteSyncInputs, "service" | "image" | "platform" | "folder">): string {
    const hash = createHash("sha256").update([inputs.image, inputs.platform, inputs.folder].join("\n")).digest("hex").slice(0, 32);
    return `${inputs.service}/site/${hash}.tar.gz`;
}

export function checkStaticSiteSync(news: unknown): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
    const inputs = plain(news) as Record<string, unknown>;
    const failures = nonEmptyStrings(inputs, REQUIRED);
    const folder = inputs.folder;
    if (typeof folder === "string" && folder !== UNKNOWN && !folder.startsWith("/")) failures.push({ property: "folder", reason: "folder must be an absolute path in the image" });
    if (inputs.format !== UNKNOWN && !(typeof inputs.format === "number" && Number.isInteger(inputs.format))) failures.push({ property: "format", reason: "format must be a whole number" });
    failures.push(...timeoutFailures(inputs, 5, 480));
    return { inputs, failures };
}

/** An update when a trigger differs or is not known yet; never a replacement. */
export function diffStaticSiteSync(olds: unknown, news: unknown): { changes: boolean; replaces: string[]; changed: string[] } {
    const changed = changedTriggers(olds, news, RESYNC_TRIGGERS);
    return { changes: changed.length > 0, replaces: [], changed };
}
