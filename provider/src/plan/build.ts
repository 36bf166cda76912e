// Image builds (CodeBuild), decided here so the aws layer only realizes them: the compute type per
// built service, the CodeBuild project names, and the project-wide pieces (context bucket, log group,
// expiry, timeout). Compute follows Defang (reference 9.3): the build's `shm_size` picks the size,
// unset → LARGE (8 vCPUs), because most builds are CPU-bound and minutes are billed per size.
import { type NamingScope, buildBucketPrefix, extractProjectName, projectLogGroupName } from "./naming";
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

/** The project-wide build pieces, when any service or static site is built from source, or a static site exists. */
export function planBuilds(scope: NamingScope, settings: ModeSettings, services: ServicePlan[], sites: StaticSitePlan[] = []): BuildsPlan | undefined {
    const built = [...services, ...sites].filter((s) => s.image.kind === "build").map((s) => s.name);
    if (built.length === 0 && sites.length === 0) return undefined;
    const plan: BuildsPlan = {
        services: built,
        bucketPrefix: buildBucketPrefix(scope),
        logGroupName: projectLogGroupName(scope, "builds"),
        logRetentionDays: settings.logRetentionDays,
        contextExpiryDays: CONTEXT_EXPIRY_DAYS,
        timeoutMinutes: BUILD_TIMEOUT_MINUTES,
    };
    if (sites.length > 0) {
        plan.sites = sites.map((s) => s.name);
        plan.extractProject = extractProjectName(scope);
    }
    return plan;
}
