// defang:index:ImageBuild — builds one service's image with CodeBuild during `pulumi up`.
//
// INTERNAL: the token is deliberately absent from schema.json (so no SDK exposes it). Only the
// defang:index:Project component creates it, and this package's plugin implements it
// (resources/image-build.ts). Its inputs and outputs are this file's interfaces; validation and
// diffing are here too, pure and cheap, because the engine calls them during every preview.
import { imageTag } from "../build/tag";
import { type CheckFailure, UNKNOWN, changedTriggers, nonEmptyStrings, plain, timeoutFailures } from "./wire";

export const IMAGE_BUILD_TOKEN = "defang:index:ImageBuild";

export interface ImageBuildInputs {
    region: string;
    /** CodeBuild project that runs the build (its buildspec logs in, builds, tags and pushes). */
    projectName: string;
    /** S3 bucket for build contexts; the archive goes to `<service>/<contextHash>.zip`. */
    bucket: string;
    service: string;
    /** Content hash of the build context (build/context.ts). */
    contextHash: string;
    repositoryUrl: string;
    repositoryName: string;
    platform: string;
    dockerfile?: string;
    target?: string;
    args?: Record<string, string>;
    /**
     * The zip on the machine running the program. Not a reason to rebuild: absolute paths differ
     * between machines, the content hash decides. Absent in preview and offline runs.
     */
    archivePath?: string;
    /** Stop and fail a build still running after this many minutes (default 60). */
    timeoutMinutes?: number;
}

export interface ImageBuildOutputs extends ImageBuildInputs {
    /** `<repositoryUrl>@sha256:…`: what the task definition runs (a digest never moves). */
    imageUri: string;
    /** `b-<hash>`: the tag the image was pushed with (see build/tag.ts). */
    imageTag: string;
    imageDigest: string;
    /** The CodeBuild build that produced the image; absent when an image with the tag already existed. */
    buildId?: string;
}

/** Inputs whose change means a different image: an update (a build unless the image exists). Nothing is ever replaced. */
export const REBUILD_TRIGGERS = ["region", "projectName", "repositoryUrl", "repositoryName", "contextHash", "platform", "dockerfile", "target", "args"] as const;

export const DEFAULT_TIMEOUT_MINUTES = 60;

const REQUIRED = ["region", "projectName", "bucket", "service", "contextHash", "repositoryUrl", "repositoryName", "platform"] as const;

export type { CheckFailure };

/** Validates new inputs (unknown values pass: they are checked again when known). */
export function checkImageBuild(news: unknown): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
    const inputs = plain(news) as Record<string, unknown>;
    const failures: CheckFailure[] = nonEmptyStrings(inputs, REQUIRED);
    for (const key of ["dockerfile", "target", "archivePath"] as const) {
        const v = inputs[key];
        if (v !== undefined && v !== UNKNOWN && typeof v !== "string") failures.push({ property: key, reason: `${key} must be a string` });
    }
    const args = inputs.args;
    if (args !== undefined && args !== UNKNOWN) {
        const ok = typeof args === "object" && args !== null && !Array.isArray(args) && Object.values(args).every((v) => typeof v === "string" || v === UNKNOWN);
        if (!ok) failures.push({ property: "args", reason: "args must be a map of strings" });
    }
    failures.push(...timeoutFailures(inputs, 5, 480));
    return { inputs, failures };
}

/** What changed: an update when a trigger differs or is not known yet; never a replacement. */
export function diffImageBuild(olds: unknown, news: unknown): { changes: boolean; replaces: string[]; changed: string[] } {
    const changed = changedTriggers(olds, news, REBUILD_TRIGGERS);
    return { changes: changed.length > 0, replaces: [], changed: [...changed] };
}

/** The tag an input set builds to. */
export function tagOf(inputs: ImageBuildInputs): string {
    return imageTag({ contextHash: inputs.contextHash, platform: inputs.platform, dockerfile: inputs.dockerfile, target: inputs.target, args: inputs.args });
}
