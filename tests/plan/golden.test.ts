// Golden plans of Defang samples (and our own feature apps) in every mode, loaded with the real loader and Defang's rules.
// Regenerate with UPDATE_GOLDEN=1 and review the diff like code.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { planDeployment } from "../../provider/src/plan";
import { MODES } from "../../provider/src/plan/modes";
import { SAMPLES, loadSample, redacted } from "./corpus";

const GOLDEN = path.resolve(__dirname, "../golden/plans");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

export const GOLDEN_SAMPLES = [
    "crewai",
    "django-celery",
    "bullmq-bullboard-redis",
    "golang-mongodb",
    "python-implicit-gpu",
    "fastapi-postgres",
    "nextjs-postgres",
    "html-css-js",
    "mastra-extended",
    "managed-llm-provider",
];

/** Our own compose apps (tests/plan/compose/<name>/compose.yaml) for features no sample uses. */
export const GOLDEN_LOCAL = ["issue4", "release-jobs", "storage"];

function composeFile(name: string): string {
    return GOLDEN_LOCAL.includes(name) ? path.join(__dirname, "compose", name, "compose.yaml") : path.join(SAMPLES, name, "compose.yaml");
}

describe("plan: golden plans of Defang samples", () => {
    if (UPDATE) fs.mkdirSync(GOLDEN, { recursive: true });
    for (const sample of [...GOLDEN_SAMPLES, ...GOLDEN_LOCAL]) {
        for (const mode of MODES) {
            it(`${sample} in ${mode}`, () => {
                const loaded = loadSample(composeFile(sample), mode);
                try {
                    const r = planDeployment(loaded.project, {
                        mode,
                        stack: "prod",
                        region: "us-east-1",
                        availableZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
                    });
                    assert.ok(r.plan, `${sample}: ${JSON.stringify(r.diagnostics)}`);
                    const actual = redacted(r.plan, loaded.dir);
                    const file = path.join(GOLDEN, `${sample}.${mode}.json`);
                    if (UPDATE) fs.writeFileSync(file, actual);
                    assert.ok(fs.existsSync(file), `missing ${file}: run with UPDATE_GOLDEN=1`);
                    assert.equal(actual, fs.readFileSync(file, "utf8"));
                } finally {
                    loaded.cleanup();
                }
            });
        }
    }
});
