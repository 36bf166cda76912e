// Build rules: the cloud builder gets one context directory with a Dockerfile in it and the build args
// known when deploying. Config values never reach builders: the loader already turns an unset
// `${VAR}` in a build arg into "" with its `unset-variable` warning, so no rule is needed here.
import * as path from "path";
import type { ServiceConfig } from "../types";
import type { ServiceReporter } from "./report";
import { BUILD_IGNORED_FIELDS, BUILD_REJECTED_FIELDS } from "./rules";
import { PLATFORMS, present } from "./fields";
import { displayPath } from "./util";
import { isDirectory, isFile } from "../fs-checks";

export function isRemoteContext(context: string): boolean {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith("git@");
}

export function checkBuild(svc: ServiceConfig, workingDir: string, r: ServiceReporter): void {
    const build = svc.build;
    if (!build) return;
    const b = build as unknown as Record<string, unknown>;
    for (const field of BUILD_REJECTED_FIELDS) {
        if (present(b[field])) r.report(`build-${field.replace(/_/g, "-")}-unsupported`, ["build", field]);
    }
    for (const field of BUILD_IGNORED_FIELDS) {
        if (present(b[field])) r.report(`build-${field.replace(/_/g, "-")}-ignored`, ["build", field]);
    }
    const platforms = build.platforms ?? [];
    if (platforms.length > 1) r.report("build-platforms-unsupported", ["build", "platforms"], { value: platforms.join(", ") });
    else if (platforms.length === 1 && !PLATFORMS.has(platforms[0].toLowerCase())) {
        r.report("platform-unsupported", ["build", "platforms", 0], { value: platforms[0] });
    }
    checkContext(svc, workingDir, r);
}

function checkContext(svc: ServiceConfig, workingDir: string, r: ServiceReporter): void {
    const build = svc.build!;
    if (isRemoteContext(build.context ?? "")) return;
    const context = path.resolve(workingDir, build.context ?? ".");
    if (!isDirectory(context)) {
        r.report("build-context-missing", ["build", "context"], { value: JSON.stringify(displayPath(context, workingDir)) });
        return;
    }
    if (build.dockerfile_inline) return;
    const dockerfile = build.dockerfile;
    if (dockerfile) {
        const full = path.resolve(context, dockerfile);
        const rel = path.relative(context, full);
        if ((!path.isAbsolute(dockerfile) && dockerfile.startsWith("..")) || rel.startsWith("..") || path.isAbsolute(rel)) {
            r.report("dockerfile-outside-context", ["build", "dockerfile"], { value: JSON.stringify(dockerfile) });
            return;
        }
        if (rel !== "Dockerfile") {
            if (!isFile(full)) r.report("dockerfile-missing", ["build", "dockerfile"], { value: JSON.stringify(dockerfile) });
            return;
        }
    }
    // No Dockerfile named, or the default name: Defang falls back to an automatic (Railpack) build.
    if (!isFile(path.join(context, "Dockerfile")) && !isFile(path.join(context, "dockerfile"))) {
        r.report("dockerfile-default-missing", ["build", "context"], { value: JSON.stringify(displayPath(context, workingDir)) });
    }
}

/** Drop build args without a value; when both `build` and `image` are set, deploy the image (as Defang does). */
export function fixBuild(svc: ServiceConfig, r: ServiceReporter): void {
    const build = svc.build;
    if (!build) return;
    for (const [key, value] of Object.entries(build.args ?? {})) {
        if (value === null || value === undefined) {
            r.report("build-arg-empty", ["build", "args", key], { key });
            delete build.args![key];
        }
    }
    if (svc.image) {
        r.report("build-and-image", ["image"], { value: svc.image });
        delete svc.build;
    }
}
