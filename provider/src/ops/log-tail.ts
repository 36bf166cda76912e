// Reads the services' CloudWatch log groups (`/Defang/<project>/<stack>/ecs/<service>`, named by the
// plan) and interleaves their events by time, like `docker compose logs`. A group that does not exist
// yet (a service never deployed) is reported, not fatal.
import { CloudWatchLogsClient, FilterLogEventsCommand, ResourceNotFoundException } from "@aws-sdk/client-cloudwatch-logs";

export interface LogSource {
    service: string;
    logGroupName: string;
}

export interface LogEvent {
    service: string;
    timestamp: number;
    message: string;
    /** CloudWatch's id, to drop events seen by an earlier poll of the same window. */
    eventId: string;
}

export interface TailResult {
    events: LogEvent[];
    /** Services whose log group does not exist (not deployed yet, or another stack/region). */
    missing: string[];
}

/** At most this many events per group and call: enough for a terminal, bounded for a large backlog. */
const PAGE_LIMIT = 10_000;

export async function readLogs(logs: CloudWatchLogsClient, sources: LogSource[], startTime: number, filterPattern?: string): Promise<TailResult> {
    const events: LogEvent[] = [];
    const missing: string[] = [];
    for (const source of sources) {
        try {
            let next: string | undefined;
            let read = 0;
            do {
                const page = await logs.send(
                    new FilterLogEventsCommand({ logGroupName: source.logGroupName, startTime, filterPattern, nextToken: next }),
                );
                for (const e of page.events ?? []) {
                    events.push({ service: source.service, timestamp: e.timestamp ?? 0, message: (e.message ?? "").replace(/\n$/, ""), eventId: e.eventId ?? "" });
                }
                read += page.events?.length ?? 0;
                next = page.nextToken;
            } while (next && read < PAGE_LIMIT);
        } catch (err) {
            if (err instanceof ResourceNotFoundException) missing.push(source.service);
            else throw err;
        }
    }
    events.sort((a, b) => a.timestamp - b.timestamp || (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
    return { events, missing };
}

/** `web  2026-11-26T20:01:02.345Z  message`, the service column padded to the widest name. */
export function formatEvent(e: LogEvent, width: number): string {
    return `${e.service.padEnd(width)}  ${new Date(e.timestamp).toISOString()}  ${e.message}`;
}

/** `30s`, `10m`, `2h`, `1d` before `now`, or an ISO time; undefined when the text is neither. */
export function parseSince(text: string, now: number): number | undefined {
    const m = /^(\d+)(s|m|h|d)$/.exec(text.trim());
    if (m) return now - Number(m[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as "s" | "m" | "h" | "d"];
    const t = Date.parse(text);
    return Number.isNaN(t) ? undefined : t;
}
