// What the long run does when the process itself breaks (an unhandled rejection or an uncaught
// exception, which no harness check sees): keep the mutant that was running, with the stack and
// its ops in FAILURE.json, so `--replay` or `--from N --count 1` reproduces it.
import * as fs from "fs";
import * as path from "path";
import type { CurrentMutant, Failure } from "./campaign";

/** The exit code of a crashed campaign (1 is "some mutants failed", 2 a usage error). */
export const CRASH_EXIT = 3;

/** Writes the crashed mutant into `into`/mutant-N (from memory: its scratch directory may be gone); returns that directory. */
export function recordCrash(into: string, current: CurrentMutant, kind: "unhandled rejection" | "uncaught exception", error: unknown): string {
    const dest = path.join(into, `mutant-${current.index}`);
    fs.rmSync(dest, { recursive: true, force: true });
    if (fs.existsSync(current.dir)) fs.cpSync(current.dir, dest, { recursive: true });
    fs.mkdirSync(dest, { recursive: true });
    fs.writeFileSync(path.join(dest, current.fileName), current.text);
    for (const [name, text] of Object.entries(current.extraFiles)) fs.writeFileSync(path.join(dest, name), text);
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const failure: Failure & { crash: { kind: string; stack: string } } = {
        index: current.index,
        seed: current.seed,
        ops: current.ops,
        problems: [{ command: "process", kind: kind, detail: stack }],
        kept: dest,
        crash: { kind, stack },
    };
    fs.writeFileSync(path.join(dest, "FAILURE.json"), JSON.stringify(failure, null, 2) + "\n");
    return dest;
}
