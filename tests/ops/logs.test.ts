// `pulumi-defang logs` against a moto server: the services' log groups as the plan names them, events
// interleaved by time, a service filter, --since, --follow without repeats, and a group not created yet.
import { strict as assert } from "assert";
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { runLogs, type LogsDeps } from "../../provider/src/cli/commands/logs";
import { UsageError } from "../../provider/src/cli/args";
import { parseSince, readLogs } from "../../provider/src/ops/log-tail";
import { opsHarness } from "./harness";

const COMPOSE = `
name: shop
services:
  web:
    image: nginx
  worker:
    image: busybox
  db:
    image: postgres:16
    x-defang-postgres: true
`;
const NOW = Date.parse("2026-11-26T20:00:00Z");

describe("cli: logs (against moto)", () => {
    const h = opsHarness(COMPOSE);
    const { out, err } = h;
    let client: CloudWatchLogsClient | undefined;
    const cwl = () => (client ??= new CloudWatchLogsClient(h.moto.client("us-east-1")));

    async function put(service: string, events: Array<[number, string]>): Promise<void> {
        const group = `/Defang/shop/prod/ecs/${service}`;
        await cwl().send(new CreateLogGroupCommand({ logGroupName: group })).catch(() => undefined);
        events = [...events].sort((a, b) => a[0] - b[0]); // PutLogEvents wants chronological order
        const stream = `app/${service}/${events[0][0]}`;
        await cwl().send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
        await cwl().send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: events.map(([t, message]) => ({ timestamp: t, message })) }));
    }

    const deps = (more: Partial<LogsDeps> = {}): LogsDeps => {
        return {
            read: (_region, sources, start, filter) => readLogs(cwl(), sources, start, filter),
            now: () => NOW,
            sleep: async () => undefined,
            maxPolls: 1,
            stdout: (s) => out.push(s),
            stderr: (s) => err.push(s),
            ...more,
        };
    };

    it("interleaves the services' events by time, within --since, and says which groups do not exist yet", async () => {
        await put("web", [[NOW - 50_000, "GET / 200"], [NOW - 10_000, "GET /health 200"]]);
        await put("worker", [[NOW - 30_000, "job 1 done"], [NOW - 7_200_000, "too old"]]);
        assert.equal(await runLogs(["-s", "prod", "--region", "us-east-1", "--since", "1h"], deps()), 0);
        assert.deepEqual(out.map((l) => l.replace(/\s+/g, " ").trim()), [
            `web ${new Date(NOW - 50_000).toISOString()} GET / 200`,
            `worker ${new Date(NOW - 30_000).toISOString()} job 1 done`,
            `web ${new Date(NOW - 10_000).toISOString()} GET /health 200`,
        ]);
        assert.deepEqual(err, []);
    });

    it("reads only the services named, and explains a managed store or an unknown name", async () => {
        await put("web", [[NOW - 5_000, "web line"]]);
        await put("worker", [[NOW - 5_000, "worker line"]]);
        assert.equal(await runLogs(["worker", "-s", "prod", "--region", "us-east-1"], deps()), 0);
        assert.equal(out.length, 1);
        assert.match(out[0].trimEnd(), /^worker\s+\S+\s+worker line$/);
        await assert.rejects(runLogs(["db", "-s", "prod", "--region", "us-east-1"], deps()), (e: Error) => e instanceof UsageError && /db is a managed store/.test(e.message));
        await assert.rejects(runLogs(["api", "-s", "prod", "--region", "us-east-1"], deps()), (e: Error) => e instanceof UsageError && /services are web, worker/.test(e.message));
    });

    it("reports a service whose log group does not exist (not deployed in that stack)", async () => {
        await put("web", [[NOW - 5_000, "hello"]]);
        assert.equal(await runLogs(["-s", "prod", "--region", "us-east-1"], deps()), 0);
        assert.match(err.join(""), /worker: no log group \/Defang\/shop\/prod\/ecs\/worker in us-east-1/);
    });

    it("follows: prints new events once, never the same event twice", async () => {
        await put("web", [[NOW - 5_000, "first"]]);
        let polls = 0;
        const more: Partial<LogsDeps> = {
            maxPolls: 3,
            sleep: async () => {
                polls++;
                if (polls === 1) await put("web", [[NOW + 1_000, "second"]]);
            },
        };
        assert.equal(await runLogs(["web", "-s", "prod", "--region", "us-east-1", "--follow"], deps(more)), 0);
        assert.deepEqual(out.map((l) => l.trim().split(/\s+/).slice(2).join(" ")), ["first", "second"]);
    });

    it("parses --since as a duration or a time, and refuses anything else", async () => {
        assert.equal(parseSince("10m", NOW), NOW - 600_000);
        assert.equal(parseSince("2h", NOW), NOW - 7_200_000);
        assert.equal(parseSince("2026-11-26T19:00:00Z", NOW), NOW - 3_600_000);
        assert.equal(parseSince("yesterday-ish", NOW), undefined);
        await assert.rejects(runLogs(["-s", "prod", "--region", "us-east-1", "--since", "soon"], deps()), UsageError);
    });
});
