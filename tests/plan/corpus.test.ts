// Every compose file of the corpus that passes Defang's rules plans in every mode; nothing throws on any
// file, even one that skipped the rules; every error is located and has a hint.
import { strict as assert } from "assert";
import * as path from "path";
import { loadProject } from "../../provider/src/compose";
import { planDeployment } from "../../provider/src/plan";
import { PLAN_CODES, type PlanCode } from "../../provider/src/plan/codes";
import { MODES } from "../../provider/src/plan/modes";
import { CORPUS, loadSample } from "./corpus";
import { yamlFilesUnder } from "../support/shared";

/** The corpus's YAML files but the JSON schema's directory. */
function composeFiles(dir: string): string[] {
    return yamlFilesUnder(dir).filter((p) => !p.includes(`${path.sep}schema${path.sep}`));
}

describe("plan: the corpus", function () {
    this.timeout(300000);
    const files = composeFiles(CORPUS);

    it("plans every file that passes Defang's rules, in every mode", () => {
        let planned = 0;
        const failures: string[] = [];
        for (const file of files) {
            for (const mode of MODES) {
                let loaded: ReturnType<typeof loadSample>;
                try {
                    loaded = loadSample(file, mode);
                } catch {
                    continue; // refused by the loader or Defang's rules: not the plan's input
                }
                try {
                    const r = planDeployment(loaded.project, { mode, stack: "prod" });
                    if (r.plan) planned++;
                    else failures.push(`${path.relative(CORPUS, file)} (${mode}): ${r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code).join(", ")}`);
                } finally {
                    loaded.cleanup();
                }
            }
        }
        assert.deepEqual(failures, []);
        assert.ok(planned >= 3 * 53, `only ${planned} plans`);
    });

    it("never throws, and locates every error with a code and a hint, even without Defang's rules", () => {
        for (const file of files) {
            const loaded = loadProject({ files: [file], workingDir: path.dirname(file) });
            if (!loaded.project) continue;
            for (const mode of ["affordable", "high_availability"] as const) {
                const r = planDeployment(loaded.project, { mode, stack: "prod" });
                for (const d of r.diagnostics) {
                    assert.ok(PLAN_CODES.includes(d.code as PlanCode), `${file}: ${d.code} is not a plan code`);
                    assert.ok(d.message.length > 0, file);
                    if (d.severity === "error") assert.ok(d.hint, `${file}: ${d.code} has no hint`);
                }
            }
        }
    });
});
