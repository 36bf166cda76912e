// The bounded fuzzing run CI does on every change: seeded mutants of the whole corpus through
// validate, render, plan and estimate (in-process), checking what a user must always get — no
// exception or stack trace, exit code 0 or 1, every error located with a hint, no "undefined" /
// "NaN" / "[object Object]", the same output twice. The long run is scripts/fuzz.ts.
import { strict as assert } from "assert";
import { campaign, describeFailures } from "./campaign";
import { corpusSeeds } from "./sources";

/** Mutants per run: each is validated, rendered and planned in the three modes; every 5th estimated. */
const COUNT = Number(process.env.FUZZ_COUNT ?? 250);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);

describe("fuzz: mutated corpus files through every command", function () {
    this.timeout(300_000);

    it(`${COUNT} seeded mutants: no crash, exit 0/1, located errors with hints, deterministic`, async () => {
        const seeds = corpusSeeds();
        assert.ok(seeds.length > 150, `the corpus has ${seeds.length} compose files`);
        const result = await campaign({
            seed: SEED,
            count: COUNT,
            seeds,
            estimateEvery: 5,
            repeatEvery: 10,
        });
        assert.equal(result.failures.length, 0, `${result.failures.length} mutants broke an invariant:\n${describeFailures(result.failures)}`);
        // The mutants must reach past the YAML parser, and some must load cleanly (so plan runs for real).
        assert.ok((result.validateExit["0"] ?? 0) >= COUNT / 20, `only ${result.validateExit["0"] ?? 0} mutants validated cleanly`);
        assert.ok(Object.keys(result.errorCodes).length >= 20, `only ${Object.keys(result.errorCodes).length} distinct error codes exercised`);
    });
});
