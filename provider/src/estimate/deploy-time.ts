// The expected duration of a first deploy: every resource of the offline plan takes its typical
// provisioning time (provisioning-times.json, from reference/aws.md §4) and starts once everything it
// depends on exists (Pulumi runs independent steps in parallel, unbounded by default). The longest
// chain of waits bounds the deploy. Pure: the plan's resources and their dependencies in, times out.
import timesFile from "./provisioning-times.json";
import { ResourceGraph } from "./graph";
import type { PlannedResource } from "./types";

export interface TimedResource extends PlannedResource {
    /** What it waits for (logical names and types), as `runOfflinePlan` captures them. */
    dependencies?: Array<{ type: string; name: string }>;
}

type Condition = boolean | number | string | { atLeast: number };

interface TimeEntry {
    types: string[];
    when?: Record<string, Condition>;
    seconds: number;
    source: string;
    evidence: string;
}

interface TimesFile {
    version: string;
    sources: Record<string, { title: string; date: string }>;
    default: Omit<TimeEntry, "types" | "when">;
    times: TimeEntry[];
}

export const PROVISIONING_TIMES = timesFile as TimesFile;
export const PROVISIONING_TIMES_FILE = "provider/src/estimate/provisioning-times.json";

/** Managed stores: what application services must never wait for. */
export const STORE_TYPES: ReadonlySet<string> = new Set([
    "aws:rds/instance:Instance",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:docdb/cluster:Cluster",
    "aws:docdb/clusterInstance:ClusterInstance",
]);
export const SERVICE_TYPE = "aws:ecs/service:Service";
export const JOB_TYPE = "defang:index:TaskRun";

export interface Step {
    type: string;
    name: string;
    /** Seconds from the start of the deploy. */
    start: number;
    seconds: number;
    finish: number;
    /** Key into the data file's sources (`default` when the type has no figure of its own). */
    source: string;
}

export interface Readiness {
    /** Compose service (or store) name. */
    name: string;
    type: string;
    resource: string;
    ready: number;
    /** The chain of waits that makes it ready then, first step first. */
    chain: Step[];
    /** Managed stores it waits for, directly or through other resources (compose names). */
    waitsForStores: string[];
    /** The one-off jobs it waits for (compose names; a job waits for the stores it migrates, by design). */
    waitsForJobs: string[];
}

export interface DeployTime {
    /** Seconds until the last resource exists. */
    total: number;
    /** The chain of waits that bounds it, first step first. */
    chain: Step[];
    services: Readiness[];
    stores: Readiness[];
    jobs: Readiness[];
    /** Assumptions (figures the reference does not give) that this graph relies on. */
    assumptions: string[];
    /** Types timed with the default figure, for whoever extends the data file. */
    defaulted: string[];
    source: { file: string; version: string };
}

/** Seconds one resource takes to create, and the data file entry that says so. */
export function provisioningTime(r: PlannedResource): { seconds: number; source: string; evidence: string } {
    const entry = PROVISIONING_TIMES.times.find((t) => t.types.includes(r.type) && matches(t.when, r.inputs));
    if (entry) return { seconds: entry.seconds, source: entry.source, evidence: entry.evidence };
    return { ...PROVISIONING_TIMES.default, source: "default" };
}

function matches(when: TimeEntry["when"], inputs: Record<string, unknown>): boolean {
    return Object.entries(when ?? {}).every(([key, want]) => {
        const have = inputs[key];
        if (typeof want === "object") return typeof have === "number" && have >= want.atLeast;
        return have === want;
    });
}

export function deployTime(resources: readonly TimedResource[], serviceNames: Iterable<string> = []): DeployTime {
    const key = (type: string, name: string) => `${type}::${name}`;
    const byKey = new Map(resources.map((r) => [key(r.type, r.name), r]));
    const steps = new Map<TimedResource, Step & { after?: TimedResource }>();
    const stack = new Set<TimedResource>();

    // Earliest finish = own time after the latest finish among the dependencies (memoized, cycle-safe).
    const schedule = (r: TimedResource): Step & { after?: TimedResource } => {
        const known = steps.get(r);
        if (known) return known;
        stack.add(r);
        let start = 0;
        let after: TimedResource | undefined;
        for (const d of r.dependencies ?? []) {
            const dep = byKey.get(key(d.type, d.name));
            if (!dep || stack.has(dep)) continue;
            const finish = schedule(dep).finish;
            if (!after || finish > start) [start, after] = [finish, dep];
        }
        stack.delete(r);
        const { seconds, source } = provisioningTime(r);
        const step = { type: r.type, name: r.name, start, seconds, finish: start + seconds, source, after };
        steps.set(r, step);
        return step;
    };
    for (const r of resources) schedule(r);

    const chainTo = (r: TimedResource): Step[] => {
        const out: Step[] = [];
        for (let at: TimedResource | undefined = r; at; at = steps.get(at)!.after) {
            const { after: _after, ...step } = steps.get(at)!;
            out.unshift(step);
        }
        return out;
    };
    const ancestors = (r: TimedResource): TimedResource[] => {
        const seen = new Set<TimedResource>();
        const visit = (x: TimedResource) => {
            for (const d of x.dependencies ?? []) {
                const dep = byKey.get(key(d.type, d.name));
                if (dep && !seen.has(dep)) {
                    seen.add(dep);
                    visit(dep);
                }
            }
        };
        visit(r);
        return [...seen];
    };

    const graph = new ResourceGraph(resources, serviceNames);
    const nameOf = (r: TimedResource) => graph.serviceOf(r) ?? r.name;
    const names = (list: TimedResource[]) => [...new Set(list.map(nameOf))].sort();
    const readiness = (r: TimedResource): Readiness => {
        const before = ancestors(r);
        return {
            name: nameOf(r),
            type: r.type,
            resource: r.name,
            ready: steps.get(r)!.finish,
            chain: chainTo(r),
            waitsForStores: names(before.filter((a) => STORE_TYPES.has(a.type))),
            waitsForJobs: names(before.filter((a) => a.type === JOB_TYPE)),
        };
    };
    const last = resources.reduce<TimedResource | undefined>((best, r) => (!best || steps.get(r)!.finish > steps.get(best)!.finish ? r : best), undefined);
    const used = new Set(resources.map((r) => provisioningTime(r)));
    const sorted = (list: Readiness[]) => list.sort((a, b) => a.name.localeCompare(b.name) || a.resource.localeCompare(b.resource));
    return {
        total: last ? steps.get(last)!.finish : 0,
        chain: last ? chainTo(last) : [],
        services: sorted(resources.filter((r) => r.type === SERVICE_TYPE).map(readiness)),
        stores: sorted(resources.filter((r) => STORE_TYPES.has(r.type)).map(readiness)),
        jobs: sorted(resources.filter((r) => r.type === JOB_TYPE).map(readiness)),
        assumptions: [...new Set([...used].filter((t) => t.source === "assumption" && t.seconds > 0).map((t) => `${clock(t.seconds)}: ${t.evidence}`))],
        defaulted: [...new Set(resources.filter((r) => provisioningTime(r).source === "default").map((r) => r.type))].sort(),
        source: { file: PROVISIONING_TIMES_FILE, version: PROVISIONING_TIMES.version },
    };
}

/** Seconds as m:ss (h:mm:ss from an hour). */
export function clock(seconds: number): string {
    const s = Math.round(seconds);
    const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
    const pad = (n: number) => String(n).padStart(2, "0");
    return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}
