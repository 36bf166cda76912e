// A moto server (pip package moto[server]) on 127.0.0.1 for the tests of the AWS API calls the package
// makes itself (SSM, CloudWatch Logs, CodeBuild, S3, ECR). One server per process, started on first
// use on a free port. Clients reach it through `client()` (in-process) or `env` (a child process);
// this process's environment is left alone, so no other test talks to moto by accident.
// Under `make test` (PULUMI_DEFANG_REQUIRE_MOTO=1) or CI a missing moto fails the tests; elsewhere
// they are skipped with the reason.
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";

export interface Moto {
    endpoint: string;
    /** Environment for a child process whose AWS SDK clients should talk to moto. */
    env: Record<string, string>;
    /** Configuration for an AWS SDK v3 client in this process (endpoint, region, dummy credentials). */
    client(region?: string): { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
    /** Forgets every resource (moto's reset API), for test isolation. */
    reset(): Promise<void>;
}

let started: Promise<Moto> | undefined;
let child: ChildProcess | undefined;

/** The moto_server executable: $PULUMI_DEFANG_MOTO, the repository's .venv, else PATH. */
function executable(): string | undefined {
    const candidates = [process.env.PULUMI_DEFANG_MOTO, path.join(__dirname, "../../.venv/bin/moto_server")].filter((c): c is string => !!c);
    for (const c of candidates) if (fs.existsSync(c)) return c;
    const which = spawnSync("sh", ["-c", "command -v moto_server"], { encoding: "utf8" });
    return which.status === 0 ? which.stdout.trim() : undefined;
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.once("error", reject);
        srv.listen(0, "127.0.0.1", () => {
            const port = (srv.address() as net.AddressInfo).port;
            srv.close(() => resolve(port));
        });
    });
}

async function waitReady(endpoint: string, deadline: number): Promise<void> {
    for (;;) {
        try {
            const r = await fetch(`${endpoint}/moto-api/data.json`);
            if (r.ok) return;
        } catch {
            // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`moto did not answer on ${endpoint} within 30 s`);
        await new Promise((r) => setTimeout(r, 200));
    }
}

async function start(bin: string): Promise<Moto> {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    child = spawn(bin, ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
    child.unref();
    process.once("exit", () => child?.kill());
    await waitReady(endpoint, Date.now() + 30_000);
    const env = { AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_REGION: "us-east-1" };
    return {
        endpoint,
        env,
        client: (region = "us-east-1") => ({ endpoint, region, credentials: { accessKeyId: "testing", secretAccessKey: "testing" } }),
        reset: async () => {
            await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
        },
    };
}

/** In a mocha `before`: the shared moto server; skips the suite (or fails, when moto is required) if moto is not installed. */
export async function useMoto(ctx: Mocha.Context): Promise<Moto> {
    const bin = executable();
    if (!bin) {
        const why = "moto_server not found (pip install -r tests/requirements-moto.txt, or make test)";
        if (process.env.PULUMI_DEFANG_REQUIRE_MOTO || process.env.CI) throw new Error(why);
        ctx.skip();
    }
    ctx.timeout(60_000);
    started ??= start(bin!);
    return started;
}
