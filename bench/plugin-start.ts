// Benchmark: the plugin archive as users get it. Prints its size, its size and file count once
// unpacked (what `pulumi plugin install` leaves in ~/.pulumi/plugins), and the plugin's cold start:
// a fresh process started the way the engine starts it, timed from spawn to its port line, to the
// component's own registration (its code loaded and the compose file read) and to the end of the first
// `construct` of a 10-service app (every child registered), against the stand-in engine of
// plugin-harness.ts; and the CPU time the plugin process used by then (Linux; steadier than wall time on
// a shared machine). Median of N runs, each a new process, after one warm-up run (OS file cache).
// Several --archive options are measured in interleaved runs, so that load on the machine hits all alike.
//
//   node bin/bench/plugin-start.js [--archive dist/pulumi-resource-defang-v<version>-<os>-<arch>.tar.gz]... [--runs N]
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { construct, startFakeEngine, startPlugin } from "./plugin-harness";
import { syntheticCompose } from "./expand";

const root = path.resolve(__dirname, __dirname.includes(`${path.sep}bin${path.sep}`) ? "../.." : "..");

function hostArchive(): string {
    const version = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
    const platform = `${process.platform === "win32" ? "windows" : process.platform}-${process.arch === "x64" ? "amd64" : process.arch}`;
    return path.join(root, "dist", `pulumi-resource-defang-v${version}-${platform}.tar.gz`);
}

function walk(dir: string): { files: number; bytes: number } {
    let files = 0;
    let bytes = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            const sub = walk(full);
            files += sub.files;
            bytes += sub.bytes;
        } else {
            files++;
            bytes += fs.lstatSync(full).size;
        }
    }
    return { files, bytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

interface StartTimes {
    port: number;
    component: number;
    construct: number;
    /** CPU time (user + system) of the plugin process at the end of construct; NaN where /proc is absent. */
    cpu: number;
    resources: number;
}

function cpuMs(pid: number | undefined): number {
    try {
        const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
        // utime and stime (fields 14 and 15 of stat) in clock ticks, 100 per second on Linux.
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
        return NaN;
    }
}

async function coldStart(dir: string, compose: string, config: Record<string, string>): Promise<StartTimes> {
    const engine = await startFakeEngine("bench", "dev");
    const launcher = path.join(dir, process.platform === "win32" ? "pulumi-resource-defang.cmd" : "pulumi-resource-defang");
    const spawned = Date.now();
    const plugin = await startPlugin(launcher, engine.engineAddress, os.tmpdir());
    try {
        const inputs = { composeYaml: compose, projectName: "bench", mode: "balanced", config };
        await construct(plugin, engine, { type: "defang:index:Project", name: "bench", inputs, project: "bench", stack: "dev", dryRun: false });
        const done = Date.now() - spawned;
        const cpu = cpuMs(plugin.child.pid);
        const component = engine.registrations.find((r) => r.type === "defang:index:Project");
        if (!component) throw new Error("the plugin never registered defang:index:Project");
        return { port: plugin.portAfter, component: component.at + engine.started - spawned, construct: done, cpu, resources: engine.registrations.length };
    } finally {
        plugin.stop();
        await engine.close();
    }
}

interface Unpacked {
    archive: string;
    dir: string;
    samples: StartTimes[];
}

async function main(argv: string[]): Promise<void> {
    const archives = argv.flatMap((a, i) => (argv[i - 1] === "--archive" ? [path.resolve(a)] : []));
    const runs = argv.indexOf("--runs") >= 0 ? Number(argv[argv.indexOf("--runs") + 1]) : 5;
    if (archives.length === 0) archives.push(hostArchive());
    const unpacked: Unpacked[] = [];
    try {
        for (const archive of archives) {
            if (!fs.existsSync(archive)) throw new Error(`${archive} is missing: run 'make dist' first`);
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-plugin-bench-"));
            unpacked.push({ archive, dir, samples: [] });
            execFileSync("tar", ["-xzf", archive, "-C", dir]);
        }
        const compose = syntheticCompose(10);
        const config = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`API_KEY_${i}`, `value-${i}`]));
        for (const u of unpacked) await coldStart(u.dir, compose, config);
        for (let i = 0; i < runs; i++) for (const u of unpacked) u.samples.push(await coldStart(u.dir, compose, config));

        for (const u of unpacked) {
            const installed = walk(u.dir);
            const m = (pick: (s: StartTimes) => number) => median(u.samples.map(pick)).toFixed(0).padStart(6);
            console.log(`archive   ${path.relative(process.cwd(), u.archive)}: ${mb(fs.statSync(u.archive).size)}`);
            console.log(`installed ${mb(installed.bytes)} in ${installed.files} files`);
            console.log(`cold start, median of ${runs} fresh processes after a warm-up (10-service app, ${u.samples[0].resources} registrations); ms from spawn:`);
            console.log(`  port printed           ${m((s) => s.port)}`);
            console.log(`  component registered   ${m((s) => s.component)}`);
            console.log(`  first construct done   ${m((s) => s.construct)}   (plugin CPU time ${m((s) => s.cpu)})`);
        }
    } finally {
        for (const u of unpacked) fs.rmSync(u.dir, { recursive: true, force: true });
    }
}

main(process.argv.slice(2)).catch((err) => {
    console.error(`plugin-start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
});
