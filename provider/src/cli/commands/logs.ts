// `pulumi-defang logs [SERVICE...]`: the deployed services' container logs from CloudWatch, interleaved
// by time (like `docker compose logs`), optionally followed.
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { Command } from "./index";
import { optFlag, optString, parseArgs, UsageError } from "../args";
import { printDiagnostics } from "../diagnostics";
import { awsErrorLine, loadTarget, TARGET_OPTIONS, TARGET_USAGE } from "../stack-target";
import { formatEvent, parseSince, type LogSource, type TailResult } from "../../ops/log-tail";

const USAGE = `Usage: pulumi-defang logs [SERVICE...] [options]

Prints the container logs of the deployed services (all, or those named) from their CloudWatch log
groups /Defang/<project>/<stack>/ecs/<service>, oldest first. Uses the AWS credentials of the
environment.

Options:
${TARGET_USAGE}
      --since WHEN       How far back: 30s, 10m, 2h, 1d or an ISO time (default 1h).
      --filter PATTERN   A CloudWatch Logs filter pattern (e.g. ERROR, or '"connection refused"').
      --follow           Keep printing new events (every 2 s) until interrupted.
  -h, --help             This help.

Exit codes: 0 done, 1 the compose app has errors or AWS refused, 2 bad options.`;

export interface LogsDeps {
    read(region: string, sources: LogSource[], startTime: number, filter?: string): Promise<TailResult>;
    now(): number;
    sleep(ms: number): Promise<void>;
    /** How many polls --follow makes (tests bound it; users stop it with Ctrl-C). */
    maxPolls: number;
    stdout(s: string): void;
    stderr(s: string): void;
}

const FOLLOW_INTERVAL_MS = 2_000;

function defaultDeps(): LogsDeps {
    let client: CloudWatchLogsClient | undefined;
    return {
        read: (region, sources, startTime, filter) => {
            // Loaded on demand: only logs needs the CloudWatch Logs client.
            // eslint-disable-next-line @typescript-eslint/no-var-requires
            const sdk = require("@aws-sdk/client-cloudwatch-logs") as typeof import("@aws-sdk/client-cloudwatch-logs");
            // eslint-disable-next-line @typescript-eslint/no-var-requires
            const { readLogs } = require("../../ops/log-tail") as typeof import("../../ops/log-tail");
            client ??= new sdk.CloudWatchLogsClient({ region });
            return readLogs(client, sources, startTime, filter);
        },
        now: () => Date.now(),
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        maxPolls: Number.POSITIVE_INFINITY,
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
    };
}

export async function runLogs(argv: string[], deps: LogsDeps = defaultDeps()): Promise<number> {
    const args = parseArgs(argv, [...TARGET_OPTIONS, { name: "since", value: true }, { name: "filter", value: true }, { name: "follow" }], 256);
    const sinceText = optString(args, "since") ?? "1h";
    let since = parseSince(sinceText, deps.now());
    if (since === undefined) throw new UsageError(`--since '${sinceText}': use 30s, 10m, 2h, 1d or an ISO time`);

    const target = loadTarget(args, deps.stderr);
    printDiagnostics(target.diagnostics.filter((d) => d.severity === "error"), deps.stderr, process.cwd());
    if (!target.plan) return 1;
    const { plan, region } = target;
    const all = plan.services.map((s) => ({ service: s.name, logGroupName: s.logGroupName }));
    const wanted = args.positionals;
    const unknown = wanted.filter((w) => !all.some((s) => s.service === w));
    if (unknown.length > 0) {
        const stores = unknown.filter((u) => plan.stores.some((st) => st.name === u));
        const why = stores.length > 0 ? `${stores.join(", ")} ${stores.length === 1 ? "is a managed store" : "are managed stores"} (no container logs)` : `the project's services are ${all.map((s) => s.service).join(", ")}`;
        throw new UsageError(`unknown service ${unknown.join(", ")}: ${why}`);
    }
    const sources = wanted.length > 0 ? all.filter((s) => wanted.includes(s.service)) : all;
    const width = Math.max(...sources.map((s) => s.service.length));
    const filter = optString(args, "filter");

    // Events of the last polled millisecond come again in the next poll: remember them until time moves on.
    const seen = new Map<string, number>();
    try {
        for (let poll = 0; ; poll++) {
            const result = await deps.read(region, sources, since, filter);
            if (poll === 0) for (const m of result.missing) deps.stderr(`${m}: no log group ${sources.find((s) => s.service === m)!.logGroupName} in ${region} (not deployed in this stack yet?)\n`);
            for (const e of result.events) {
                if (seen.has(e.eventId)) continue;
                seen.set(e.eventId, e.timestamp);
                deps.stdout(formatEvent(e, width) + "\n");
                since = Math.max(since, e.timestamp);
            }
            for (const [id, t] of seen) if (t < since) seen.delete(id);
            if (!optFlag(args, "follow") || poll + 1 >= deps.maxPolls) return 0;
            await deps.sleep(FOLLOW_INTERVAL_MS);
        }
    } catch (err) {
        const line = awsErrorLine(err);
        if (!line) throw err;
        deps.stderr(`pulumi-defang logs: ${line}\n`);
        return 1;
    }
}

export const logsCommand: Command = {
    name: "logs",
    summary: "Print (or follow) the deployed services' container logs from CloudWatch.",
    usage: USAGE,
    run: (argv) => runLogs(argv),
};
