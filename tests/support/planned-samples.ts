// The Defang samples of the corpus, each planned offline once per mode per process and shared by
// every test that only reads the graph (the plan is the slow part: about a second per sample and mode).
// Each sample is copied once to a temporary directory with the build contexts and env files it names
// (the corpus has compose files only); the copies go when the process exits.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runOfflinePlan, type OfflinePlanResult } from "../../provider/src/offline/plan";
import type { Mode } from "../../provider/src/plan/modes";
import { SAMPLES_DIR } from "./shared";
import { withReferencedFiles } from "./samples";

/** Names of the samples with a compose.yaml, sorted (empty when the corpus is absent). */
export function sampleNames(): string[] {
    if (!fs.existsSync(SAMPLES_DIR)) return [];
    return fs
        .readdirSync(SAMPLES_DIR)
        .filter((d) => fs.existsSync(path.join(SAMPLES_DIR, d, "compose.yaml")))
        .sort();
}

/** The sample's compose text as the corpus holds it. */
export function sampleText(sample: string): string {
    return fs.readFileSync(path.join(SAMPLES_DIR, sample, "compose.yaml"), "utf8");
}

let root: string | undefined;
const copies = new Map<string, string>();
const plans = new Map<string, Promise<OfflinePlanResult>>();

/** The sample's compose file in its temporary copy (made on first use). */
export function sampleFile(sample: string): string {
    if (!root) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planned-samples-"));
        process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
        root = dir;
    }
    let file = copies.get(sample);
    if (!file) {
        file = withReferencedFiles(path.join(SAMPLES_DIR, sample, "compose.yaml"), path.join(root, sample));
        copies.set(sample, file);
    }
    return file;
}

/** The offline plan of a sample in a mode (us-east-1, stack dev, no variables), computed once. */
export function plannedSample(sample: string, mode: Mode): Promise<OfflinePlanResult> {
    const key = `${sample}\0${mode}`;
    let plan = plans.get(key);
    if (!plan) {
        plan = runOfflinePlan({ files: [sampleFile(sample)], mode, region: "us-east-1", stack: "dev", environment: {} });
        plans.set(key, plan);
    }
    return plan;
}
