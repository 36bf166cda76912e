// Benchmark: load + validate (compose loader, then Defang's rules) every compose file of the shared
// corpus. One untimed warm-up pass, then RUNS timed passes; prints each file's median and the median
// of the per-pass totals.
//
//   node bin/bench/compose-load.js [corpus-dir]        (after `npm run build`)
//   npx ts-node -P tsconfig.json bench/compose-load.ts [corpus-dir]
import * as fs from "fs";
import * as path from "path";
import { loadForDeploy } from "../provider/src/compose";

const RUNS = 5;

/** Data files of the corpus that are not compose documents. */
const NOT_COMPOSE = [/interpolation-cases\.yaml$/, /tests-inline\.yaml$/, /full-example\.expected\.yaml$/, /^schema\//];

function findCorpus(): string {
    if (process.argv[2]) return path.resolve(process.argv[2]);
    if (process.env.PULUMI_DEFANG_SHARED) return path.resolve(process.env.PULUMI_DEFANG_SHARED, "corpus");
    // The repository root is the nearest parent with a package.json; the corpus sits beside it.
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    return path.resolve(dir, "../shared/corpus");
}

function composeFiles(root: string): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, e.name);
            if (e.isDirectory()) walk(full);
            else if (/\.ya?ml$/.test(e.name) && !NOT_COMPOSE.some((re) => re.test(path.relative(root, full)))) out.push(full);
        }
    };
    walk(root);
    return out.sort();
}

function loadOnce(file: string): { ms: number; errors: number; warnings: number } {
    const start = process.hrtime.bigint();
    let errors = 0;
    let warnings = 0;
    try {
        const r = loadForDeploy({ files: [file], workingDir: path.dirname(file), mode: "affordable" });
        for (const d of r.diagnostics) {
            if (d.severity === "error") errors++;
            else if (d.severity === "warning") warnings++;
        }
    } catch {
        errors = -1; // an internal failure: shown as "crash" below
    }
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, errors, warnings };
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function main(): void {
    const root = findCorpus();
    if (!fs.existsSync(root)) {
        process.stderr.write(`corpus not found at ${root} (pass its path, or set PULUMI_DEFANG_SHARED)\n`);
        process.exit(2);
    }
    const files = composeFiles(root);
    for (const f of files) loadOnce(f); // warm-up: module loading, schema compilation, JIT

    const perFile = new Map<string, number[]>(files.map((f) => [f, []]));
    const totals: number[] = [];
    const last = new Map<string, { errors: number; warnings: number }>();
    for (let run = 0; run < RUNS; run++) {
        let total = 0;
        for (const f of files) {
            const r = loadOnce(f);
            perFile.get(f)!.push(r.ms);
            last.set(f, r);
            total += r.ms;
        }
        totals.push(total);
    }

    const width = Math.max(...files.map((f) => path.relative(root, f).length));
    process.stdout.write(`${"file".padEnd(width)}  median ms  errors  warnings\n`);
    for (const f of files) {
        const r = last.get(f)!;
        const errors = r.errors < 0 ? "crash" : String(r.errors);
        process.stdout.write(`${path.relative(root, f).padEnd(width)}  ${median(perFile.get(f)!).toFixed(2).padStart(9)}  ${errors.padStart(6)}  ${String(r.warnings).padStart(8)}\n`);
    }
    const crashes = [...last.values()].filter((r) => r.errors < 0).length;
    process.stdout.write(
        `\n${files.length} files, ${RUNS} runs after a warm-up: total per run ${totals.map((t) => t.toFixed(1)).join(" / ")} ms; ` +
            `median total ${median(totals).toFixed(1)} ms (${(median(totals) / files.length).toFixed(2)} ms per file)` +
            (crashes ? `; ${crashes} internal failures` : "") +
            "\n",
    );
}

main();
