// The container definition of a service: command, entrypoint, user, stop timeout, health check,
// memory, environment and secrets (wired in secrets.ts), named-volume mounts, and the image to run or build.
import type { ServiceConfig } from "../compose/types";
import { ecsCapabilities, ecsUlimits } from "../compose/defang/linux";
import { excerpt, isImageReferenceError, parseImageReference } from "../compose/image-reference";
import { buildCompute } from "./build";
import { type PlanContext, servicePath } from "./context";
import { containerHealthCheck, seconds } from "./healthcheck";
import { RANGES, checkString, clampTo } from "./aws-limits";
import { codeBuildProjectName, containerName, ecrRepositoryName, shortHash } from "./naming";
import type { ServicePorts } from "./ports";
import { type WiredEnvironment, derivedParameter } from "./secrets";
import { detectSecret, secretReason } from "../secret-detector";
import { resourceRequest } from "./sizing";
import type { ContainerPlan, ImagePlan } from "./types";
import { planMounts } from "./volumes";
import { byName, own, put } from "../by-name";
import { parameterLeaf } from "../compose/secret-names";

/** ECS caps a container's stop timeout at 120 seconds. */
const MAX_STOP_TIMEOUT = RANGES.ecsStopTimeout.max;

export function planContainer(ctx: PlanContext, svc: ServiceConfig, env: WiredEnvironment, ports: ServicePorts, taskMemory: number): ContainerPlan {
    const c: ContainerPlan = {
        name: containerName(svc.name),
        environment: env.environment,
        secrets: env.secrets,
        portMappings: ports.portMappings,
        initProcessEnabled: svc.init ?? true,
        readonlyRootFilesystem: svc.read_only ?? false,
    };
    if (svc.command && svc.command.length > 0) c.command = [...svc.command];
    if (svc.entrypoint && svc.entrypoint.length > 0) c.entrypoint = [...svc.entrypoint];
    if (svc.working_dir) c.workingDir = svc.working_dir;
    const capabilities = ecsCapabilities(svc);
    if (capabilities) c.capabilities = capabilities;
    const ulimits = ecsUlimits(svc);
    if (ulimits) c.ulimits = ulimits;
    if (svc.labels && Object.keys(svc.labels).length > 0) c.dockerLabels = Object.fromEntries(Object.entries(svc.labels).sort(([a], [b]) => a.localeCompare(b)));
    if (svc.user) c.user = svc.user;
    const stop = seconds(svc.stop_grace_period);
    if (stop !== undefined) {
        if (stop > MAX_STOP_TIMEOUT) {
            ctx.warn(
                "stop-grace-capped",
                servicePath(svc.name, "stop_grace_period"),
                `service ${svc.name}: stop_grace_period is ${stop}s; ECS allows at most ${MAX_STOP_TIMEOUT}s, so the container gets ${MAX_STOP_TIMEOUT}s to stop`,
                `Set stop_grace_period to ${MAX_STOP_TIMEOUT}s or less.`,
            );
        }
        c.stopTimeout = clampTo("ecsStopTimeout", stop);
    }
    const hc = containerHealthCheck(svc.healthcheck);
    if (hc) c.healthCheck = hc;
    const req = resourceRequest(svc);
    if (req.reservationMiB !== undefined && req.reservationMiB > 0) c.memoryReservation = Math.min(req.reservationMiB, taskMemory);
    if (req.limitMiB !== undefined && req.limitMiB > 0 && req.limitMiB <= taskMemory && req.limitMiB >= (c.memoryReservation ?? 0)) c.memoryLimit = req.limitMiB;
    // Each container mounts what its own compose service lists: a sidecar does not inherit its host's volumes.
    const mounts = planMounts(ctx.project, svc);
    if (mounts.length > 0) c.mounts = mounts;
    return c;
}

/** What runs: the caller's prebuilt image, else the compose `image`, else a build into ECR. */
export function planImage(ctx: PlanContext, svc: ServiceConfig): ImagePlan | undefined {
    const given = own(ctx.options.images, svc.name);
    if (given) return givenImage(ctx, svc, given);
    if (svc.image) return checkedImage(ctx, svc, svc.image);
    if (svc.build) {
        const b = svc.build;
        const args: Record<string, string> = {};
        for (const key of Object.keys(b.args ?? {}).sort()) {
            const value = b.args?.[key];
            if (typeof value === "string") put(args, key, value);
        }
        const image: ImagePlan = {
            kind: "build",
            repository: ecrRepositoryName(ctx.naming, svc.name),
            context: b.context,
            args,
            platform: platformOf(svc),
            buildCompute: buildCompute(b.shm_size),
            buildProject: codeBuildProjectName(ctx.naming, svc.name),
        };
        if (b.dockerfile) image.dockerfile = b.dockerfile;
        if (b.target) image.target = b.target;
        if (b.shm_size !== undefined) image.shmSize = b.shm_size;
        const secretArgs = secretBuildArgs(ctx, svc.name, args);
        if (Object.keys(secretArgs).length > 0) image.secretArgs = secretArgs;
        return image;
    }
    ctx.error(
        "no-image",
        servicePath(svc.name),
        `service ${svc.name} has neither image nor build, so there is nothing to run`,
        `Add an image (e.g. image: nginx:1.27) or a build context, or pass images: { ${svc.name}: "<image>" } to the component.`,
    );
    return undefined;
}

/**
 * Build args the detector flags (or whose name looks secret) reach CodeBuild from Parameter Store:
 * `/Defang/<project>/<stack>/<service>/build-args/<ARG>`, a level below the service's environment
 * parameters (`<service>/<KEY>`), so the two never share a name.
 */
function secretBuildArgs(ctx: PlanContext, service: string, args: Record<string, string>): Record<string, string> {
    const out = byName<string>();
    const taken = new Set<string>();
    const prefix = `/Defang/${ctx.project.name}/${ctx.options.stack}/${parameterLeaf(service)}/`;
    for (const [key, value] of Object.entries(args)) {
        if (secretReason(key, value) === undefined) continue;
        // Two args that fold to one name (`A B`, `A_B`) must not share a parameter: the second gets the key's hash.
        let parameter = derivedParameter(prefix, "build-args", key);
        if (taken.has(parameter)) parameter = derivedParameter(prefix, "build-args", `${key}-${shortHash(key)}`);
        taken.add(parameter);
        put(out, key, parameter);
    }
    return { ...out }; // a plain object again (spread defines `__proto__` as an own key too)
}

/** An image reference ECS accepts (plan/aws-limits.ts: ecsImage), else an error at the service's `image`. */
function checkedImage(ctx: PlanContext, svc: ServiceConfig, image: string): ImagePlan | undefined {
    const broken = checkString("ecsImage", image);
    if (!broken) return { kind: "image", image };
    ctx.error(
        broken.code,
        servicePath(svc.name, "image"),
        `service ${svc.name}: ${broken.message}`,
        "Write an image reference like nginx:1.27, ghcr.io/org/app:v2 or repo@sha256:<digest>.",
    );
    return undefined;
}

/** The component's `images` input: a Docker reference, or an error (a `*` must never widen the ECR pull scope). */
function givenImage(ctx: PlanContext, svc: ServiceConfig, image: string): ImagePlan | undefined {
    const parsed = parseImageReference(image);
    const broken = isImageReferenceError(parsed) ? parsed.error : checkString("ecsImage", image)?.message;
    if (!broken) return { kind: "image", image };
    ctx.error(
        "image-input-invalid",
        undefined,
        `the component's images input for service ${svc.name} ("${excerpt(image)}") is not a valid image reference: ${broken}`,
        "Pass [registry[:port]/]repository[:tag][@sha256:<digest>] with a lower-case repository, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v2; wildcards such as `*` are not allowed.",
    );
    return undefined;
}

export function platformOf(svc: ServiceConfig): string {
    return svc.platform ?? svc.build?.platforms?.[0] ?? "linux/amd64";
}

export function isArm(platform: string): boolean {
    return /arm64|aarch64/i.test(platform);
}

/**
 * Whether a container holds, where ECS takes no secret (command, entrypoint, health check, Docker labels),
 * a literal the detector flags (the `command-literal-secret` / `label-literal-secret` warnings). AWS shows
 * it in the task definition whatever we do; the aws layer keeps that task's container definitions a Pulumi
 * secret, so it is encrypted in state and `"[secret]"` in `plan --json`.
 */
export function holdsLiteralSecret(c: ContainerPlan): boolean {
    const words = [...(c.command ?? []), ...(c.entrypoint ?? []), ...(c.healthCheck?.command ?? [])];
    return words.some((w) => detectSecret(w) !== undefined) || Object.entries(c.dockerLabels ?? {}).some(([k, v]) => secretReason(k, v) !== undefined);
}
