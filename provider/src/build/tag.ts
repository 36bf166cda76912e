// The tag of a built image: a hash of everything that decides the image — the context's content
// hash and the build settings — so an unchanged service is never rebuilt and a changed Dockerfile
// path, target, platform or build arg never reuses an image built without it. Shared by the
// ImageBuild resource (which tags and looks images up by it) and the offline engine. Pure.
import { createHash } from "crypto";

export interface BuildSettings {
    contextHash: string;
    platform: string;
    dockerfile?: string;
    target?: string;
    args?: Record<string, string>;
}

/** `b-<32 hex>`: a valid ECR tag (≤ 128 chars of [A-Za-z0-9_.-]). */
export function imageTag(s: BuildSettings): string {
    const args = Object.keys(s.args ?? {})
        .sort()
        .map((k) => [k, s.args![k]]);
    const canonical = JSON.stringify([s.contextHash, s.platform, s.dockerfile ?? "", s.target ?? "", args]);
    return `b-${createHash("sha256").update(canonical).digest("hex").slice(0, 32)}`;
}
