// What `plan --critical-path` prints (and the MCP `plan` tool returns with `criticalPath`): the
// expected first-deploy time, the chain of waits that bounds it, and when each service, store and
// job is ready — showing that application services do not wait for managed stores.
import { clock, PROVISIONING_TIMES, type DeployTime, type Readiness, type Step } from "../estimate/deploy-time";
import { TABLE_WIDTH as WIDTH } from "../estimate/format";
import { hanging } from "../estimate/wrap";

/** Steps at least this long are named when a service's chain is summarized (the rest is API calls). */
const NOTABLE_SECONDS = 30;

export function renderDeployTime(dt: DeployTime, what: { project: string; mode: string; region: string; stack: string }): string {
    const out: string[] = [
        `Expected first deploy of ${what.project} (${what.mode}, ${what.region}, stack ${what.stack}): ${clock(dt.total)} (m:ss)`,
        "",
        "Bounded by this chain (each step starts when the one before it exists):",
        "   start   takes  resource",
        ...dt.chain.map((s) => `  ${clock(s.start).padStart(6)}  ${`+${clock(s.seconds)}`.padStart(6)}  ${s.type}  ${s.name}`),
        `  ${clock(dt.total).padStart(6)}          done`,
    ];
    const section = (title: string, list: Readiness[], describe: (r: Readiness) => string) => {
        if (list.length === 0) return;
        const width = Math.max(...list.map((r) => r.name.length));
        out.push("", title);
        for (const r of list) {
            const lead = `  ${r.name.padEnd(width)}  ${clock(r.ready).padStart(6)}  `;
            out.push(...hanging(describe(r), WIDTH, lead, " ".repeat(lead.length + 2)));
        }
    };
    section("Application services (ready: created, and steady where the mode waits for it):", dt.services, (r) => {
        const through = r.waitsForJobs.length ? ` through one-off jobs ${r.waitsForJobs.join(", ")}` : "";
        const stores = r.waitsForStores.length === 0 ? "waits for no managed store" : `waits for managed stores ${r.waitsForStores.join(", ")}${through}`;
        return `${stores}; ${notable(r.chain)}`;
    });
    section("Managed stores:", dt.stores, (r) => `${r.type} ${r.resource}`);
    section("One-off jobs (they run once the stores they use exist, by design):", dt.jobs, (r) =>
        r.waitsForStores.length ? `waits for managed stores ${r.waitsForStores.join(", ")}` : "waits for no managed store",
    );
    const notes = [
        `Times: the typical (p50) creation time of each resource type, from ${dt.source.file} (version ${dt.source.version}; reference/aws.md §4). Resources that do not depend on each other are created in parallel, as pulumi up does.`,
        ...dt.assumptions.map((a) => `Assumed ${a}.`),
        ...(dt.defaulted.length > 0 ? [`Timed at ${clock(PROVISIONING_TIMES.default.seconds)} each (API-only, no figure of their own): ${dt.defaulted.map(shortType).join(", ")}.`] : []),
    ];
    out.push("");
    for (const n of notes) out.push(...hanging(n, WIDTH, "", ""));
    return out.join("\n") + "\n";
}

/** The JSON form: every figure in seconds, the chain and the per-service readiness. */
export function deployTimeJson(dt: DeployTime): Record<string, unknown> {
    return {
        totalSeconds: dt.total,
        chain: dt.chain,
        services: dt.services.map(summary),
        stores: dt.stores.map(summary),
        jobs: dt.jobs.map(summary),
        assumptions: dt.assumptions,
        defaulted: dt.defaulted,
        source: dt.source,
    };
}

function summary(r: Readiness): Record<string, unknown> {
    return { name: r.name, type: r.type, resource: r.resource, readySeconds: r.ready, waitsForStores: r.waitsForStores, waitsForJobs: r.waitsForJobs, chain: r.chain };
}

function notable(chain: Step[]): string {
    const big = chain.filter((s) => s.seconds >= NOTABLE_SECONDS);
    return big.length === 0 ? "API calls only" : `via ${big.map((s) => `${s.name} (${clock(s.seconds)})`).join(" → ")}`;
}

const shortType = (type: string) => (type.startsWith("aws:") ? type.slice(4).split(":")[0] : type);
