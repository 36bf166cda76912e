// The long fuzzing run, by hand (CI runs a bounded one: tests/fuzz/fuzz.test.ts).
//
//   node -r ts-node/register/transpile-only scripts/fuzz.ts [--seed N] [--count N] [--from N] [--only SUBSTRING] [--keep DIR] [--modes all|one]
//   node -r ts-node/register/transpile-only scripts/fuzz.ts --replay DIR     (re-check kept mutants after a fix)
//
// Mutates the shared corpus's compose files and drives validate, render, plan (three modes) and
// estimate on each mutant; prints every broken invariant and keeps the failing mutants in --keep
// (default /tmp/defang-fuzz-failures) with a FAILURE.json saying what was done to them. `--from N`
// starts at mutant N of the seeded sequence (`--from N --count 1` reproduces one). A crash of the
// process (unhandled rejection, uncaught exception) keeps the running mutant the same way and exits 3.
import * as fs from "fs";
import * as path from "path";
import { campaign, describeFailures, MODES, type CurrentMutant, type Failure } from "../tests/fuzz/campaign";
import { CRASH_EXIT, recordCrash } from "../tests/fuzz/crash";
import { exercise } from "../tests/fuzz/harness";
import { corpusSeeds } from "../tests/fuzz/sources";

function option(name: string, fallback: string): string {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

/** Exercises every kept mutant again; prints those still failing. */
async function replay(dir: string): Promise<number> {
    const still: Failure[] = [];
    const kept = fs.readdirSync(dir).filter((d) => d.startsWith("mutant-"));
    for (const d of kept) {
        const before = JSON.parse(fs.readFileSync(path.join(dir, d, "FAILURE.json"), "utf8")) as Failure;
        const file = path.join(dir, d, path.basename(before.seed));
        const { problems } = await exercise(file, path.dirname(file), { validateMode: MODES[before.index % 3], planModes: MODES, estimateMode: "balanced", repeat: true });
        const hard = problems.filter((p) => !p.kind.startsWith("note:"));
        if (hard.length > 0) still.push({ ...before, problems: hard, kept: path.join(dir, d) });
    }
    process.stdout.write(`${still.length} of ${kept.length} kept mutants still fail\n${describeFailures(still, 200)}\n`);
    return still.length > 0 ? 1 : 0;
}

async function main(): Promise<number> {
    const replayDir = option("replay", "");
    if (replayDir) return replay(replayDir);
    const seed = Number(option("seed", "1"));
    const count = Number(option("count", "2000"));
    const from = Number(option("from", "0"));
    const only = option("only", "");
    const keep = option("keep", "/tmp/defang-fuzz-failures");
    if (!Number.isInteger(from) || from < 0 || !Number.isInteger(count) || count < 0) {
        process.stderr.write("--from and --count take whole numbers\n");
        return 2;
    }
    let current: CurrentMutant | undefined;
    const crashed = (kind: "unhandled rejection" | "uncaught exception") => (error: unknown) => {
        const where = current ? recordCrash(keep, current, kind, error) : "no mutant had started";
        process.stderr.write(`${kind} during mutant #${current?.index ?? "?"} (${current?.seed ?? "?"}), kept in ${where}:\n${error instanceof Error ? error.stack : String(error)}\n`);
        process.exit(CRASH_EXIT);
    };
    process.on("unhandledRejection", crashed("unhandled rejection"));
    process.on("uncaughtException", crashed("uncaught exception"));
    const seeds = corpusSeeds().filter((s) => s.name.includes(only));
    if (seeds.length === 0) {
        process.stderr.write(`no corpus file matches '${only}'\n`);
        return 2;
    }
    const result = await campaign({
        seed,
        count,
        from,
        seeds,
        planModes: option("modes", "all") === "one" ? (i) => [MODES[(i + 1) % 3]] : undefined,
        estimateEvery: 3,
        repeatEvery: 10,
        keepFailuresIn: keep,
        onMutant: (m) => (current = m),
        onProgress: (i, failures) => {
            if ((i + 1) % 100 === 0) process.stderr.write(`${i + 1}/${count} mutants, ${failures} failing\n`);
        },
    });
    const codes = Object.entries(result.errorCodes).sort((a, b) => b[1] - a[1]);
    process.stdout.write(
        [
            `seed ${seed}${from ? `, from mutant ${from}` : ""}: ${result.mutants} mutants of ${seeds.length} corpus files in ${(result.ms / 1000).toFixed(1)} s`,
            `validate exit codes: ${JSON.stringify(result.validateExit)}; time per command (ms): ${JSON.stringify(result.commandMs)}`,
            `error codes seen (${codes.length}): ${codes.map(([c, n]) => `${c}×${n}`).join(", ")}`,
            `notes (not failures): ${[...result.notes].map(([k, n]) => `\n  ${n}× ${k}`).join("") || "none"}`,
            `slowest: ${result.slowest.map((s) => `\n  ${s.ms} ms ${s.seed} [${s.ops.join("; ")}]`).join("")}`,
            `${result.failures.length} failing mutants${result.failures.length ? ` (kept in ${keep})` : ""}`,
            describeFailures(result.failures, 200),
        ].join("\n") + "\n",
    );
    return result.failures.length > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
