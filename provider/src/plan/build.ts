// Image builds (CodeBuild), decided here so the aws layer only realizes them: the compute type per
// built service, the CodeBuild project names, and the project-wide pieces (context bucket, log group,
// expiry, timeout). Compute follows Defang (reference 9.3): the build's `shm_size` picks the size,
// unset → LARGE (8 vCPUs), because most builds are CPU-bound and minutes are billed per size.
import { physicalName } from "./naming";
import type { BuildCompute, BuildsPlan, ModeSettings, ServicePlan, StaticSitePlan } from "./types";

const GiB = 1024 ** 3;

/** Build contexts in S3 are transient inputs: gone after this many days (a rebuild re-uploads). */
export const CONTEXT_EXPIRY_DAYS = 14;
/** A build that has not finished after this long is stopped and the deployment fails. */
export const BUILD_TIMEOUT_MINUTES = 60;

export function buildCompute(shmSizeBytes: number | undefined): BuildCompute {
    if (shmSizeBytes === undefined) return "BUILD_GENERAL1_LARGE";
    if (shmSizeBytes <= 4 * GiB) return "BUILD_GENERAL1_SMALL";
    if (shmSizeBytes <= 8 * GiB) return "BUILD_GENERAL1_MEDIUM";
    if (shmSizeBytes <= 16 * GiB) return "BUILD_GENERAL1_LARGE";
    if (shmSizeBytes <= 64 * GiB) return "BUILD_GENERAL1_XLARGE";
    return "BUILD_GENERAL1_2XLARGE";
}

/** CodeBuild project name: ≤ 255, `[A-Za-z0-9][A-Za-z0-9_-]*`. */
export function codeBuildProjectName(project: string, stack: string, service: string): string {
    return physicalName([project, stack, service], { maxLength: 150, extraChars: "-_" });
}

/** The CodeBuild project that copies static sites' folders out of their images (`_` cannot follow a project and stack otherwise). */
export function extractProjectName(project: string, stack: string): string {
    return `${physicalName([project, stack], { maxLength: 120, extraChars: "-_" })}_static-files`;
}

/** The project-wide build pieces, when any service or static site is built from source, or a static site exists. */
export function planBuilds(project: string, stack: string, settings: ModeSettings, services: ServicePlan[], sites: StaticSitePlan[] = []): BuildsPlan | undefined {
    const built = [...services, ...sites].filter((s) => s.image.kind === "build").map((s) => s.name);
    if (built.length === 0 && sites.length === 0) return undefined;
    const safe = (s: string): string => physicalName([s], { maxLength: 100, extraChars: "-_.#" });
    const plan: BuildsPlan = {
        services: built,
        // S3 bucket prefix: ≤ 37 chars, lower case, a random suffix completes it.
        bucketPrefix: `${physicalName([project, stack, "builds"], { maxLength: 36, lowercase: true })}-`,
        logGroupName: `/Defang/${safe(project)}/${safe(stack)}/builds`,
        logRetentionDays: settings.logRetentionDays,
        contextExpiryDays: CONTEXT_EXPIRY_DAYS,
        timeoutMinutes: BUILD_TIMEOUT_MINUTES,
    };
    if (sites.length > 0) {
        plan.sites = sites.map((s) => s.name);
        plan.extractProject = extractProjectName(project, stack);
    }
    return plan;
}
