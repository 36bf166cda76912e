// A fuzzing campaign: N seeded mutants of the corpus, each exercised through the CLI commands.
// Shared by the bounded CI test (fuzz.test.ts) and the long hand-run runner (scripts/fuzz.ts).
import * as fs from "fs";
import * as path from "path";
import { createReferencedFiles } from "../support/samples";
import type { Mode } from "../../provider/src/plan/modes";
import { exercise, type Exercise, type Problem } from "./harness";
import { checkPlanted } from "./invariants";
import { mutate } from "./mutate";
import { Rng } from "./rng";
import { corpusSeeds, Workspace, type Seed } from "./sources";

export interface CampaignOptions {
    seed: number;
    count: number;
    /** Seeds to mutate (default: the whole corpus). */
    seeds?: Seed[];
    /** Modes to plan each mutant in (default: all three). */
    planModes?: (index: number) => Mode[];
    /** Estimate every n-th mutant (0: never). */
    estimateEvery?: number;
    /** Check determinism on every n-th mutant (0: never). */
    repeatEvery?: number;
    /** Keep failing mutants here (default: discard). */
    keepFailuresIn?: string;
    /** Start at mutant `from` of the seeded sequence (the earlier ones are generated, not run): reproduces one quickly. */
    from?: number;
    /** Told each mutant before it runs (the crash handler records the one that was running). */
    onMutant?: (m: CurrentMutant) => void;
    onProgress?: (index: number, failures: number) => void;
}

export interface Failure {
    index: number;
    seed: string;
    ops: string[];
    problems: Problem[];
    /** Where the mutant was kept, when asked. */
    kept?: string;
}

/** The mutant being exercised: enough to write it back out when the process crashes. */
export interface CurrentMutant {
    index: number;
    seed: string;
    ops: string[];
    /** Its compose file name, text and the files beside it. */
    fileName: string;
    text: string;
    extraFiles: Record<string, string>;
    dir: string;
}

export interface CampaignResult {
    mutants: number;
    failures: Failure[];
    /** Mutants by how `validate` ended: 0 clean, 1 errors. */
    validateExit: Record<string, number>;
    /** Error codes seen, with counts (what the mutants exercised). */
    errorCodes: Record<string, number>;
    /** Time spent per command (validate, render, plan, estimate), in ms. */
    commandMs: Record<string, number>;
    /** Things worth a look that are not failures (unlocated deploy-time warnings), with counts. */
    notes: Map<string, number>;
    /** The slowest mutants (ms, seed, ops), slowest first. */
    slowest: Array<{ ms: number; seed: string; ops: string[] }>;
    ms: number;
}

export const MODES: Mode[] = ["affordable", "balanced", "high_availability"];

export async function campaign(opts: CampaignOptions): Promise<CampaignResult> {
    const started = Date.now();
    const rng = new Rng(opts.seed);
    const seeds = opts.seeds ?? corpusSeeds();
    const texts = new Map<string, string>();
    const ws = new Workspace();
    const result: CampaignResult = { mutants: 0, failures: [], validateExit: {}, errorCodes: {}, commandMs: {}, notes: new Map(), slowest: [], ms: 0 };
    try {
        for (let i = 0; i < (opts.from ?? 0) + opts.count; i++) {
            const seed = rng.pick(seeds);
            if (!texts.has(seed.file)) texts.set(seed.file, fs.readFileSync(seed.file, "utf8"));
            const mutant = mutate(texts.get(seed.file)!, path.basename(seed.file), rng);
            // Skipped mutants still draw from the generator, so mutant N is the same with or without --from.
            if (i < (opts.from ?? 0)) continue;
            const file = ws.prepare(seed);
            const dir = path.dirname(file);
            // Announced before its files are written, so a crash while writing them is charged to this mutant.
            opts.onMutant?.({ index: i, seed: seed.name, ops: mutant.ops, fileName: path.basename(file), text: mutant.text, extraFiles: mutant.extraFiles, dir });
            for (const f of mutant.removeFiles) fs.rmSync(path.join(dir, f), { force: true });
            for (const [name, text] of Object.entries(mutant.extraFiles)) fs.writeFileSync(path.join(dir, name), text);
            fs.writeFileSync(file, mutant.text);
            if (mutant.createReferenced) createReferencedFiles(dir, mutant.text);

            const ex: Exercise = {
                validateMode: MODES[i % 3],
                planModes: opts.planModes ? opts.planModes(i) : MODES,
                estimateMode: opts.estimateEvery && i % opts.estimateEvery === 0 ? MODES[(i + 1) % 3] : undefined,
                repeat: !!opts.repeatEvery && i % opts.repeatEvery === 0,
                jsonPlanMode: mutant.planted.some((p) => p.invariant === "secret-never-printed") ? MODES[i % 3] : undefined,
            };
            const { problems, runs } = await exercise(file, dir, ex);
            problems.push(...checkPlanted(mutant.planted, runs));
            result.mutants++;
            const v = runs[0];
            result.validateExit[String(v.code)] = (result.validateExit[String(v.code)] ?? 0) + 1;
            for (const r of runs) {
                const command = r.command.split(" ")[0];
                result.commandMs[command] = (result.commandMs[command] ?? 0) + r.ms;
                for (const d of r.diagnostics) if (d.severity === "error") result.errorCodes[d.code] = (result.errorCodes[d.code] ?? 0) + 1;
            }
            result.slowest.push({ ms: runs.reduce((n, r) => n + r.ms, 0), seed: seed.name, ops: mutant.ops });
            result.slowest = result.slowest.sort((a, b) => b.ms - a.ms).slice(0, 10);
            for (const p of problems.filter(isNote)) {
                const key = `${p.command.split(" ")[0]}: ${p.detail.replace(/\(.*?\)|"[^"]*"/g, "…")}`;
                result.notes.set(key, (result.notes.get(key) ?? 0) + 1);
            }
            const hard = problems.filter((p) => !isNote(p));
            if (hard.length > 0) {
                const failure: Failure = { index: i, seed: seed.name, ops: mutant.ops, problems: hard };
                if (opts.keepFailuresIn) failure.kept = keep(dir, opts.keepFailuresIn, i, failure);
                result.failures.push(failure);
            }
            fs.rmSync(dir, { recursive: true, force: true });
            opts.onProgress?.(i, result.failures.length);
        }
    } finally {
        ws.dispose();
    }
    result.ms = Date.now() - started;
    return result;
}

function keep(dir: string, into: string, index: number, failure: Failure): string {
    const dest = path.join(into, `mutant-${index}`);
    fs.rmSync(dest, { recursive: true, force: true });
    fs.cpSync(dir, dest, { recursive: true });
    fs.writeFileSync(path.join(dest, "FAILURE.json"), JSON.stringify(failure, null, 2) + "\n");
    return dest;
}

/** One line per problem, grouped by mutant: what a failing test prints. */
export function describeFailures(failures: Failure[], limit = 20): string {
    return failures
        .slice(0, limit)
        .map((f) => [`#${f.index} ${f.seed} [${f.ops.join("; ")}]${f.kept ? ` kept in ${f.kept}` : ""}`, ...f.problems.map((p) => `    ${p.command}: ${p.kind}: ${p.detail.slice(0, 600)}`)].join("\n"))
        .join("\n");
}

function isNote(p: Problem): boolean {
    return p.kind.startsWith("note:");
}
