// What a user must get for each thing mutate-security.ts planted, keyed by the diagnostic code the
// implementation reports. An invariant whose implementation is not merged yet goes in PENDING_INVARIANTS,
// which the harness skips (empty: every issue-11 class is implemented).
import type { Problem, RunResult } from "./harness";
import type { InvariantName, Planted } from "./mutate-security";

/** Invariants not checked yet: their codes land from other branches of issue 11. */
export const PENDING_INVARIANTS: readonly InvariantName[] = [];

/**
 * Per command run: a bound that catches super-linear work (the quadratic scans this issue fixed took 20-75 s)
 * without failing on a busy machine. The 5 s / 500 MB budget is measured by bench/bombs.ts, alone.
 */
export const COMMAND_BUDGET_MS = 20_000;

type Check = (p: Planted, runs: RunResult[]) => string | undefined;

const validateRun = (runs: RunResult[]) => runs.find((r) => r.command.startsWith("validate"));
const codes = (r: RunResult | undefined, severity: "error" | "warning") => new Set((r?.diagnostics ?? []).filter((d) => d.severity === severity).map((d) => d.code));

/**
 * validate reported `code` with at least `severity` (an error also satisfies a warning: the file was refused
 * anyway). The loader stops at the first stage that fails (YAML, schema, names, ports, extends… before the
 * Defang rules), so another error excuses a missing one; a file refused for nothing at all does not.
 */
function expects(code: string, severity: "error" | "warning"): Check {
    return (_p, runs) => {
        const v = validateRun(runs);
        if (!v) return undefined;
        const errors = codes(v, "error");
        if (errors.has(code) || (severity === "warning" && codes(v, "warning").has(code))) return undefined;
        if (errors.size > 0) return undefined;
        return `validate reported no ${severity} ${code}`;
    };
}

/** A warning for a field that cannot carry a secret, unless validate refused the file for something else first. */
function warns(code: string): Check {
    return (p, runs) => (validateRun(runs)?.code === 1 ? undefined : expects(code, "warning")(p, runs));
}

export const INVARIANTS: Record<InvariantName, { code?: string; check: Check }> = {
    // plan and estimate print the deployment (plan --json is the same data): a planted value never appears, nor in any diagnostic.
    "secret-never-printed": {
        check: (p, runs) => {
            const leak = runs.find((r) => (r.command.startsWith("plan") || r.command.startsWith("estimate") || r.command.startsWith("validate")) && (r.out.includes(p.value) || r.err.includes(p.value)));
            return leak ? `${leak.command} printed the secret planted in ${p.where}` : undefined;
        },
    },
    "command-secret-warned": { code: "command-literal-secret", check: warns("command-literal-secret") },
    "label-secret-warned": { code: "label-literal-secret", check: warns("label-literal-secret") },
    "build-arg-secret-warned": { code: "build-arg-literal-secret", check: warns("build-arg-literal-secret") },
    "admin-policy-warned": { code: "policy-admin-like", check: warns("policy-admin-like") },
    "parameter-collision": { code: "parameter-name-collision", check: expects("parameter-name-collision", "error") },
    "image-invalid": { code: "image-reference-invalid", check: expects("image-reference-invalid", "error") },
    "outside-file-refused": { code: "file-outside-project", check: expects("file-outside-project", "error") },
    "interpolation-bounded": {
        code: "interpolation-too-large",
        check: (p, runs) => expects("interpolation-too-large", "error")(p, runs) ?? slowest(runs),
    },
    "bounded-work": { check: (_p, runs) => slowest(runs) },
};

function slowest(runs: RunResult[]): string | undefined {
    const slow = runs.find((r) => r.ms > COMMAND_BUDGET_MS);
    return slow ? `${slow.command} took ${slow.ms} ms (budget ${COMMAND_BUDGET_MS} ms)` : undefined;
}

/** The problems of the planted things whose invariant is not pending. */
export function checkPlanted(planted: Planted[], runs: RunResult[], pending: readonly InvariantName[] = PENDING_INVARIANTS): Problem[] {
    const problems: Problem[] = [];
    for (const p of planted) {
        if (pending.includes(p.invariant)) continue;
        const detail = INVARIANTS[p.invariant].check(p, runs);
        if (detail) problems.push({ command: "planted", kind: `invariant ${p.invariant}`, detail: `${p.where}: ${detail}` });
    }
    return problems;
}
