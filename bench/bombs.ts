// Benchmark: hostile inputs against the budget (each command < 5 s and < 500 MB, or a located error).
// Cases: a 100k-character environment value (alone, and next to a managed store), 3,000 ports, 500
// services, a .env doubling bomb. Each runs the built CLI's validate, render, plan, plan --json and
// estimate under /usr/bin/time: wall time, CPU (user + sys) and peak RSS.
//
//   node bin/bench/bombs.js        (after `npm run build`; needs /usr/bin/time)
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const CLI = path.resolve(__dirname, "../provider/src/cli/main.js");
const BUDGET_S = 5;
const BUDGET_MB = 500;

function service(name: string, extra: string[] = []): string[] {
    return [`  ${name}:`, `    image: ghcr.io/acme/${name}:1.0`, "    deploy: {resources: {reservations: {cpus: '0.25', memory: 512M}}}", ...extra];
}

const CASES: Record<string, Record<string, string>> = {
    "100k env value": {
        "compose.yaml": ["services:", ...service("app", ["    environment:", `      BLOB: ${"a".repeat(100_000)}`])].join("\n") + "\n",
    },
    "100k env value + managed store": {
        "compose.yaml": ["services:", ...service("app", ["    environment:", `      BLOB: ${"a".repeat(100_000)}`, "      DATABASE_URL: postgres://db:5432/app"]),
            "  db:", "    image: postgres:16", "    x-defang-postgres: true", "    ports: [{target: 5432, mode: host}]", "    environment: {POSTGRES_PASSWORD: }"].join("\n") + "\n",
    },
    "3,000 ports": {
        "compose.yaml": ["services:", ...service("app", ["    ports:", ...Array.from({ length: 3000 }, (_, i) => `      - {target: ${10000 + i}, mode: host}`)])].join("\n") + "\n",
    },
    "500 services": {
        "compose.yaml": ["services:", ...Array.from({ length: 500 }, (_, i) => service(`svc${i}`, [`    ports: [{target: ${8000 + i}, mode: host}]`, "    environment: {LOG_LEVEL: info}"])).flat()].join("\n") + "\n",
    },
    ".env doubling bomb": {
        ".env": ["A=xxxxxxxxxxxxxxxx", ...Array.from({ length: 60 }, (_, i) => `V${i + 1}=\${${i ? `V${i}` : "A"}}\${${i ? `V${i}` : "A"}}`)].join("\n") + "\n",
        "compose.yaml": ["services:", ...service("app", ["    environment:", "      X: ${V60}"])].join("\n") + "\n",
    },
};

const COMMANDS = [["validate"], ["render"], ["plan"], ["plan", "--json"], ["estimate"]];

function measure(dir: string, args: string[]): { wall: number; cpu: number; mb: number; code: number; located?: string } {
    const r = spawnSync("/usr/bin/time", ["-f", "TIME %e %U %S %M", process.execPath, CLI, ...args], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 30 });
    const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? "");
    if (!m) throw new Error(`no timing for ${args.join(" ")}: ${r.stderr}`);
    // The first located error (file:line:col … [code]) when the command refused the input.
    const located = /^(\S+:\d+:\d+): error: .*\[([a-z0-9-]+)\]$/m.exec(`${r.stdout}\n${r.stderr}`);
    return { wall: +m[1], cpu: +m[2] + +m[3], mb: +m[4] / 1024, code: r.status ?? -1, located: located ? `${path.basename(located[1])} [${located[2]}]` : undefined };
}

function main(): void {
    let over = 0;
    console.log(`budget: < ${BUDGET_S} s and < ${BUDGET_MB} MB per command, or a located error`);
    console.log(`${"case".padEnd(32)}${"command".padEnd(16)}${"wall s".padStart(8)}${"cpu s".padStart(8)}${"RSS MB".padStart(8)}  exit  result`);
    for (const [name, files] of Object.entries(CASES)) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-bombs-"));
        for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
        for (const args of COMMANDS) {
            const m = measure(dir, args);
            const within = m.wall < BUDGET_S && m.mb < BUDGET_MB;
            const verdict = within ? (m.code === 0 ? "ok" : m.located ? `ok, error ${m.located}` : "ok, exit without a located error") : "OVER BUDGET";
            if (!within) over++;
            console.log(`${name.padEnd(32)}${args.join(" ").padEnd(16)}${m.wall.toFixed(2).padStart(8)}${m.cpu.toFixed(2).padStart(8)}${m.mb.toFixed(0).padStart(8)}  ${String(m.code).padStart(4)}  ${verdict}`);
        }
        fs.rmSync(dir, { recursive: true, force: true });
    }
    console.log(over ? `${over} run(s) over budget` : "every run within budget");
}

main();
