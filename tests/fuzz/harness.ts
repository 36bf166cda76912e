// Drives the four CLI commands in-process on one compose file and checks what a user must always
// get: no exception or stack trace, exit code 0 or 1, every error and warning located (file, line,
// column) with a hint, no "undefined" / "NaN" / "[object Object]" in any output, the same output twice.
import { runValidate } from "../../provider/src/cli/commands/validate";
import { runRender } from "../../provider/src/cli/commands/render";
import { runPlan } from "../../provider/src/cli/commands/plan";
import { runEstimate } from "../../provider/src/cli/commands/estimate";
import { hasErrors, loadForDeploy, loadProject, type Diagnostic } from "../../provider/src/compose";
import { runOfflinePlan, type OfflinePlanOptions } from "../../provider/src/offline/plan";
import type { Mode } from "../../provider/src/plan/modes";
import { DEPLOY_CODES } from "../../provider/src/aws/codes";

export interface Problem {
    command: string;
    kind: string;
    detail: string;
}

export interface RunResult {
    command: string;
    code: number | "threw";
    out: string;
    err: string;
    diagnostics: Diagnostic[];
    ms: number;
}

export interface Exercise {
    /** Mode for validate. */
    validateMode: Mode;
    /** Modes to plan in. */
    planModes: Mode[];
    /** Mode to estimate in (none: skip). */
    estimateMode?: Mode;
    /** Run validate and the first plan twice and compare. */
    repeat: boolean;
    /** Mode for a `plan --json` run too (a mutant with a planted secret: no flagged value may appear there). */
    jsonPlanMode?: Mode;
}

/** What no output may contain: a crash, a stack frame, or a value printed without thought. */
const FORBIDDEN: Array<[RegExp, string]> = [
    [/\b(TypeError|ReferenceError|RangeError|SyntaxError|AssertionError)\b/, "a JavaScript error name"],
    [/^\s+at .+:\d+:\d+\)?$/m, "a stack frame"],
    [/internal error/i, "an internal error"],
    [/(?<![-\w])undefined(?![-\w])/, "'undefined'"],
    [/\bNaN\b/, "'NaN'"],
    [/\[object Object\]/, "'[object Object]'"],
    [/Maximum call stack/, "a stack overflow"],
];

async function run(command: string, body: (out: (s: string) => void, err: (s: string) => void, capture: (d: Diagnostic[]) => void) => Promise<number>): Promise<RunResult> {
    const r: RunResult = { command, code: "threw", out: "", err: "", diagnostics: [], ms: 0 };
    const started = Date.now();
    try {
        r.code = await body((s) => (r.out += s), (s) => (r.err += s), (d) => (r.diagnostics = d));
    } catch (e) {
        r.err += `THREW: ${(e as Error)?.stack ?? String(e)}`;
    }
    r.ms = Date.now() - started;
    return r;
}

/** `validate --json`: the findings checked are the ones it printed. */
export async function validate(file: string, cwd: string, mode: Mode): Promise<RunResult> {
    const r = await run(`validate --mode ${mode} --json`, (out, err) => runValidate(["-f", file, "--mode", mode, "--json"], { load: loadForDeploy, cwd, stdout: out, stderr: err }));
    try {
        if (r.code !== "threw") r.diagnostics = (JSON.parse(r.out) as Array<Diagnostic & { hint: string | null }>).map((d) => ({ ...d, hint: d.hint ?? undefined }));
    } catch {
        r.err += "validate --json printed something that is not JSON";
        r.code = "threw";
    }
    return r;
}

export function render(file: string, cwd: string, format: "yaml" | "json" = "yaml"): Promise<RunResult> {
    return run(`render --format ${format}`, (out, err, capture) =>
        runRender(["-f", file, "--format", format], {
            load: (o) => {
                const r = loadProject(o);
                capture(r.diagnostics);
                return r;
            },
            cwd,
            environment: {},
            stdout: out,
            stderr: err,
        }),
    );
}

/** plan's and estimate's dependencies: the real offline engine, its findings captured for the checks. */
function offlineDeps(out: (s: string) => void, err: (s: string) => void, capture: (d: Diagnostic[]) => void) {
    return {
        runOfflinePlan: async (o: OfflinePlanOptions) => {
            const r = await runOfflinePlan(o);
            capture(r.diagnostics);
            return r;
        },
        stdout: out,
        stderr: err,
    };
}

export function plan(file: string, mode: Mode): Promise<RunResult> {
    return run(`plan --mode ${mode}`, (out, err, capture) =>
        runPlan(["-f", file, "--mode", mode], offlineDeps(out, err, capture)),
    );
}

export function planJson(file: string, mode: Mode): Promise<RunResult> {
    return run(`plan --mode ${mode} --json`, (out, err, capture) =>
        runPlan(["-f", file, "--mode", mode, "--json"], offlineDeps(out, err, capture)),
    );
}

export function estimate(file: string, mode: Mode): Promise<RunResult> {
    return run(`estimate --mode ${mode}`, (out, err, capture) =>
        runEstimate(["-f", file, "--mode", mode], offlineDeps(out, err, capture)),
    );
}

/** The invariants of one command's run. */
export function check(r: RunResult): Problem[] {
    const problems: Problem[] = [];
    const add = (kind: string, detail: string) => problems.push({ command: r.command, kind, detail });
    if (r.code === "threw") add("exception", r.err);
    else if (r.code !== 0 && r.code !== 1) add("exit code", `exit code ${r.code}`);
    for (const [re, what] of FORBIDDEN) {
        const m = re.exec(r.out) ?? re.exec(r.err);
        if (m) add("output", `${what} in the output: ${around(m.input, m.index)}`);
    }
    for (const d of r.diagnostics) {
        for (const [re, what] of FORBIDDEN) {
            if (re.test(d.message) || re.test(d.hint ?? "")) add("message", `${what} in [${d.code}] ${d.message} / hint: ${d.hint}`);
        }
        if (d.severity === "info") continue;
        // Deploy-time warnings about the account (quotas, hosted zones, build contexts) are reported by
        // the component, not at a compose line: listed by the long run, not a failure.
        const accountLevel = d.severity === "warning" && (DEPLOY_CODES as readonly string[]).includes(d.code);
        if (!d.file || !(d.line! >= 1) || !(d.column! >= 1)) add(accountLevel ? "note: unlocated deploy warning" : `unlocated ${d.severity}`, `[${d.code}] ${d.message}`);
        if (!d.hint) add(`${d.severity} without hint`, `[${d.code}] ${d.message}`);
    }
    if (r.code === 1 && !hasErrors(r.diagnostics) && !/missing price|no price/i.test(r.err)) add("exit code", "exit 1 without an error diagnostic");
    if (r.code === 0 && hasErrors(r.diagnostics)) add("exit code", "exit 0 despite an error diagnostic");
    return problems;
}

function around(text: string, at: number): string {
    return JSON.stringify(text.slice(Math.max(0, at - 120), at + 120));
}

/** Runs every command the exercise asks for and checks each run, plus determinism and agreement. */
export async function exercise(file: string, cwd: string, ex: Exercise): Promise<{ problems: Problem[]; runs: RunResult[] }> {
    const runs: RunResult[] = [];
    const problems: Problem[] = [];
    const v = await validate(file, cwd, ex.validateMode);
    runs.push(v, await render(file, cwd));
    for (const mode of ex.planModes) runs.push(await plan(file, mode));
    if (ex.estimateMode) runs.push(await estimate(file, ex.estimateMode));
    for (const r of runs) problems.push(...check(r));
    // Checked by the planted secrets' invariant only: the JSON holds the file's own values, which the output
    // checks (no 'undefined', no error names) would take for ours.
    if (ex.jsonPlanMode) runs.push(await planJson(file, ex.jsonPlanMode));

    if (ex.repeat) {
        const again = await validate(file, cwd, ex.validateMode);
        if (again.out !== v.out || again.err !== v.err) problems.push({ command: v.command, kind: "nondeterministic", detail: "a second run printed something else" });
        const first = runs.find((r) => r.command.startsWith("plan"));
        if (first) {
            const p = await plan(file, first.command.split(" ").pop() as Mode);
            if (p.out !== first.out || p.err !== first.err) problems.push({ command: first.command, kind: "nondeterministic", detail: diffAt(first.out + first.err, p.out + p.err) });
        }
    }
    // validate and plan read the same rules and the same planner: they must agree on "it deploys".
    const samePlan = runs.find((r) => r.command === `plan --mode ${ex.validateMode}`);
    if (samePlan && v.code === 1 && samePlan.code === 0) problems.push({ command: samePlan.command, kind: "disagreement", detail: "validate failed but plan succeeded" });
    if (samePlan && v.code === 0 && samePlan.code === 1) {
        const codes = samePlan.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
        problems.push({ command: samePlan.command, kind: "disagreement", detail: `validate passed but plan failed (${codes.join(", ")})` });
    }
    return { problems, runs };
}

function diffAt(a: string, b: string): string {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return `first difference at ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 60), i + 60))} vs ${JSON.stringify(b.slice(Math.max(0, i - 60), i + 60))}`;
}
