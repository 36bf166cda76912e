// defang:index:TaskRun — runs a one-off job (a compose service with `restart: "no"`) once per deploy.
//
// INTERNAL: the token is deliberately absent from schema.json (so no SDK exposes it). Only the
// defang:index:Project component creates it, and this package's plugin implements it
// (resources/task-run.ts). Its inputs and outputs are this file's interfaces; validation and diffing
// are here too, pure and cheap, because the engine calls them during every preview.
//
// When a job runs again: a new task definition revision (new image, command, environment, secrets,
// size), another cluster or region, or other network settings. Anything else (the timeout, the
// capacity strategy, the log settings) updates the recorded inputs without running it.
import { type CheckFailure, containsUnknown, nonEmptyStrings, plain, timeoutFailures, UNKNOWN } from "./wire";

export const TASK_RUN_TOKEN = "defang:index:TaskRun";

export interface CapacityItem {
    capacityProvider: string;
    weight: number;
    base?: number;
}

export interface TaskRunInputs {
    region: string;
    clusterArn: string;
    /** The revision to run: a new revision is a new image or configuration, so the job runs again. */
    taskDefinitionArn: string;
    /** Compose service name (messages, tags). */
    service: string;
    /** The essential container whose exit code decides success. */
    containerName: string;
    subnetIds: string[];
    securityGroupIds: string[];
    assignPublicIp: boolean;
    /** Where the task runs; absent when `launchType` says (ECS refuses both). */
    capacityProviderStrategy?: CapacityItem[];
    launchType?: "FARGATE" | "EC2";
    /** The container's awslogs group and stream prefix: its stream is `<prefix>/<container>/<task id>`. */
    logGroupName: string;
    logStreamPrefix: string;
    /** Stop the task and fail the deploy when it has not stopped after this many minutes (default 30). */
    timeoutMinutes?: number;
}

export interface TaskRunOutputs extends TaskRunInputs {
    /** The task that ran to success (the last attempt). */
    taskArn: string;
    exitCode: number;
    /** ISO 8601 times of the successful task. */
    startedAt?: string;
    stoppedAt?: string;
}

/** Inputs whose change runs the job again (an update, never a replacement). */
export const RERUN_TRIGGERS = ["region", "clusterArn", "taskDefinitionArn", "subnetIds", "securityGroupIds", "assignPublicIp"] as const;

export const DEFAULT_TIMEOUT_MINUTES = 30;
export const MAX_TIMEOUT_MINUTES = 1440;

const REQUIRED = ["region", "clusterArn", "taskDefinitionArn", "service", "containerName", "logGroupName", "logStreamPrefix"] as const;
const LAUNCH_TYPES = ["FARGATE", "EC2"];

export type { CheckFailure };

/** Validates new inputs (unknown values pass: they are checked again when known). */
export function checkTaskRun(news: unknown): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
    const inputs = plain(news) as Record<string, unknown>;
    const failures: CheckFailure[] = nonEmptyStrings(inputs, REQUIRED);
    const fail = (property: string, reason: string) => failures.push({ property, reason });
    for (const key of ["subnetIds", "securityGroupIds"] as const) {
        const v = inputs[key];
        if (v === UNKNOWN) continue;
        if (!Array.isArray(v) || v.length === 0 || !v.every((x) => x === UNKNOWN || (typeof x === "string" && x !== ""))) fail(key, `${key} must be a non-empty list of ids`);
    }
    if (inputs.securityGroupIds !== UNKNOWN && Array.isArray(inputs.securityGroupIds) && inputs.securityGroupIds.length > 5) {
        fail("securityGroupIds", "an ECS task takes at most 5 security groups");
    }
    const publicIp = inputs.assignPublicIp;
    if (publicIp !== UNKNOWN && typeof publicIp !== "boolean") fail("assignPublicIp", "assignPublicIp must be true or false");

    const strategy = inputs.capacityProviderStrategy;
    const launchType = inputs.launchType;
    const hasStrategy = strategy !== undefined && !(Array.isArray(strategy) && strategy.length === 0);
    if (strategy !== undefined && strategy !== UNKNOWN && !validStrategy(strategy)) {
        fail("capacityProviderStrategy", "capacityProviderStrategy must be a list of { capacityProvider, weight (0-1000), base (0-100000) } with at least one positive weight");
    }
    if (launchType !== undefined && launchType !== UNKNOWN && !LAUNCH_TYPES.includes(launchType as string)) {
        fail("launchType", `launchType must be one of ${LAUNCH_TYPES.join(", ")}`);
    }
    if (hasStrategy && launchType !== undefined) fail("launchType", "give a capacityProviderStrategy or a launchType, not both (ECS refuses both)");
    if (!hasStrategy && launchType === undefined) fail("capacityProviderStrategy", "give a capacityProviderStrategy or a launchType");

    failures.push(...timeoutFailures(inputs, 1, MAX_TIMEOUT_MINUTES));
    return { inputs, failures };
}

function validStrategy(value: unknown): boolean {
    if (!Array.isArray(value) || value.length === 0 || value.length > 20) return false;
    const items = value.filter((item) => item !== UNKNOWN);
    const ok = items.every((item) => {
        if (item === null || typeof item !== "object") return false;
        const { capacityProvider, weight, base } = item as Record<string, unknown>;
        const name = capacityProvider === UNKNOWN || (typeof capacityProvider === "string" && capacityProvider !== "");
        const w = weight === UNKNOWN || (Number.isInteger(weight) && (weight as number) >= 0 && (weight as number) <= 1000);
        const b = base === undefined || base === UNKNOWN || (Number.isInteger(base) && (base as number) >= 0 && (base as number) <= 100000);
        return name && w && b;
    });
    // ECS needs some capacity to place on: a positive weight, or a base.
    const places = items.some((item) => {
        const { weight, base } = item as Record<string, unknown>;
        return weight === UNKNOWN || (weight as number) > 0 || (typeof base === "number" && base > 0);
    });
    return ok && (places || items.length < value.length);
}

/** What changed: the job runs again when a trigger differs or is not known yet; never a replacement. */
export function diffTaskRun(olds: unknown, news: unknown): { changes: boolean; replaces: string[]; changed: string[] } {
    const before = plain(olds) as Record<string, unknown>;
    const after = plain(news) as Record<string, unknown>;
    const changed = RERUN_TRIGGERS.filter((key) => containsUnknown(after[key]) || canonical(key, before[key]) !== canonical(key, after[key]));
    return { changes: changed.length > 0, replaces: [], changed: [...changed] };
}

/** Lists of ids compare as sets (the engine may send them in any order). */
function canonical(key: string, value: unknown): string {
    if (value === undefined || value === null) return "";
    if (Array.isArray(value) && (key === "subnetIds" || key === "securityGroupIds")) return JSON.stringify([...new Set(value.map(String))].sort());
    return JSON.stringify(value);
}

/** The task id: the last segment of its ARN (`arn:…:task/<cluster>/<id>`). */
export function taskId(taskArn: string): string {
    return taskArn.split("/").pop() ?? taskArn;
}

/** The awslogs stream of a task's container: `<prefix>/<container>/<task id>`. */
export function logStreamOf(inputs: Pick<TaskRunInputs, "logStreamPrefix" | "containerName">, taskArn: string): string {
    return `${inputs.logStreamPrefix}/${inputs.containerName}/${taskId(taskArn)}`;
}
