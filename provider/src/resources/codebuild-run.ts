// One CodeBuild build run to its end, for the custom resources that start builds (ImageBuild builds an
// image, StaticSiteSync copies a folder out of one): start, poll with backoff until it ends, stop it
// past the deadline, and on failure a message with the phase, CodeBuild's reason and the last lines
// of the build log. Builds in progress are registered so a cancelled deployment stops them.
import { CloudWatchLogsClient, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { BatchGetBuildsCommand, type Build, CodeBuildClient, StartBuildCommand, type StartBuildCommandInput, StopBuildCommand } from "@aws-sdk/client-codebuild";
import type { Timing } from "./timing";

export interface BuildClients {
    codebuild: Pick<CodeBuildClient, "send">;
    logs: Pick<CloudWatchLogsClient, "send">;
}

/** Beyond the build timeout, how long a build may wait in CodeBuild's queue and provisioning. */
export const QUEUE_ALLOWANCE_MINUTES = 15;
const LOG_TAIL_LINES = 50;
/** Phases that fail when a fresh role or policy has not propagated yet: worth another build. */
export const RETRIED_PHASES = new Set(["PROVISIONING", "DOWNLOAD_SOURCE"]);

export interface RunOptions extends Pick<Timing, "sleep" | "now" | "pollMs"> {
    /** Builds in progress (id → client), stopped when the engine cancels the deployment. */
    running: Map<string, Pick<CodeBuildClient, "send">>;
    timeoutMinutes: number;
    /** Who is building, for messages: `build of service "web"`. */
    who: string;
}

/** Starts one build and waits for it to end (or stops it at the deadline and throws). */
export async function runBuild(clients: BuildClients, start: StartBuildCommandInput, options: RunOptions): Promise<Build> {
    const { who, timeoutMinutes } = options;
    let started: Build | undefined;
    try {
        started = (await clients.codebuild.send(new StartBuildCommand(start))).build;
    } catch (err) {
        throw new Error(`${who}: starting CodeBuild project ${start.projectName} failed: ${(err as Error).message}`);
    }
    if (!started?.id) throw new Error(`${who}: CodeBuild started no build for project ${start.projectName}`);
    const id = started.id;
    const deadline = options.now() + (timeoutMinutes + QUEUE_ALLOWANCE_MINUTES) * 60_000;
    options.running.set(id, clients.codebuild);
    try {
        for (let wait = options.pollMs.first; ; wait = Math.min(Math.round(wait * 1.5), options.pollMs.max)) {
            const found = await clients.codebuild.send(new BatchGetBuildsCommand({ ids: [id] }));
            const build = found.builds?.[0];
            if (build && build.buildStatus && build.buildStatus !== "IN_PROGRESS") return build;
            if (options.now() >= deadline) {
                await clients.codebuild.send(new StopBuildCommand({ id })).catch(() => undefined);
                throw new Error(`${who}: CodeBuild build ${id} did not finish within ${timeoutMinutes + QUEUE_ALLOWANCE_MINUTES} minutes and was stopped`);
            }
            await options.sleep(wait);
        }
    } finally {
        options.running.delete(id);
    }
}

/** A failed build that another attempt may fix (a phase that fails while a new role propagates). */
export function retriable(build: Build): boolean {
    return (build.buildStatus === "FAILED" || build.buildStatus === "FAULT") && RETRIED_PHASES.has(failedPhase(build)?.phaseType ?? "");
}

/** What went wrong: the phase, CodeBuild's reason and the last lines of the build log. */
export async function failureMessage(clients: BuildClients, build: Build, who: string, where: { projectName: string; region: string }): Promise<string> {
    const phase = failedPhase(build);
    const phaseName = phase?.phaseType ?? build.currentPhase ?? "UNKNOWN";
    const verb =
        build.buildStatus === "TIMED_OUT" ? `timed out in phase ${phaseName}` : build.buildStatus === "STOPPED" ? `was stopped in phase ${phaseName}` : `failed in phase ${phaseName}`;
    const reason = (phase?.contexts ?? [])
        .map((c) => [c.statusCode, c.message].filter(Boolean).join(": "))
        .filter((m) => m.length > 0)
        .join("; ");
    const lines = [`${who} ${verb}${reason ? `: ${reason}` : ""}`, `  CodeBuild build ${build.id} (project ${where.projectName}, region ${where.region})`];
    const group = build.logs?.groupName;
    const stream = build.logs?.streamName;
    if (group && stream) {
        try {
            const events = await clients.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: false, limit: LOG_TAIL_LINES }));
            const tail = (events.events ?? []).flatMap((e) => (e.message ?? "").replace(/\n$/, "").split("\n"));
            lines.push(`  last ${tail.length} lines of the build log (${group} ${stream}):`, ...tail.slice(-LOG_TAIL_LINES).map((l) => `    ${l}`));
        } catch (err) {
            lines.push(`  the build log ${group} ${stream} could not be read: ${(err as Error).message}`);
        }
    } else {
        lines.push("  the build has no CloudWatch log (it failed before its commands ran)");
    }
    return lines.join("\n");
}

/** The phase that did not succeed (CodeBuild marks it FAILED, FAULT, TIMED_OUT or STOPPED). */
function failedPhase(build: Build) {
    return build.phases?.find((p) => p.phaseStatus !== undefined && p.phaseStatus !== "SUCCEEDED" && p.phaseType !== "COMPLETED");
}

/** Stops every build still registered (the engine cancelled the deployment). */
export async function stopAll(running: Map<string, Pick<CodeBuildClient, "send">>): Promise<void> {
    await Promise.all([...running].map(([id, codebuild]) => codebuild.send(new StopBuildCommand({ id })).catch(() => undefined)));
}

/** S3 answers a missing key with NotFound / NoSuchKey / 404. */
export function isNotFound(err: unknown): boolean {
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    return e?.name === "NotFound" || e?.name === "NoSuchKey" || e?.$metadata?.httpStatusCode === 404;
}
