// Every Defang sample of the corpus through the offline plan in all three modes, checked against the
// security rules that are mandatory in that mode; other real compose apps (awesome-compose, compose-cli's
// ECS cases) must end as a plan or as located diagnostics, never as an internal error.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { knownResourceTypes } from "../../provider/src/offline/mock-state";
import { runOfflinePlan } from "../../provider/src/offline/plan";
import { MODES } from "../../provider/src/plan/modes";
import { checkPolicies, formatViolation } from "../../provider/src/policy";
import { CORPUS_DIR } from "../support/shared";
import { createReferencedFiles } from "../support/samples";
import { plannedSample, sampleNames } from "../support/planned-samples";

const CORPUS = CORPUS_DIR;

/** Copies a sample to a temp dir and creates the build contexts, Dockerfiles and env files it names (the corpus has compose files only). */
export function materialize(dir: string, file: string, into: string): string {
    const dst = path.join(into, path.basename(dir));
    fs.cpSync(dir, dst, { recursive: true });
    const composePath = path.join(dst, file);
    createReferencedFiles(dst, fs.readFileSync(composePath, "utf8"));
    return composePath;
}

describe("corpus: every Defang sample plans in every mode and passes the mandatory security rules", function () {
    this.timeout(900_000);
    const samples = sampleNames();
    const known = new Set([...knownResourceTypes(), "defang:index:Project"]);

    it("finds the samples", () => assert.ok(samples.length >= 50, `${samples.length} samples`));

    for (const sample of samples) {
        it(sample, async () => {
            for (const mode of MODES) {
                const plan = await plannedSample(sample, mode);
                // Errors include every AWS limit the offline engine's registration check finds (plan/aws-limits.ts).
                const errors = plan.diagnostics.filter((d) => d.severity === "error");
                assert.deepEqual(errors.map((d) => `${d.code}: ${d.message}`), [], `${sample} ${mode}`);
                assert.ok(plan.resources.some((r) => r.type === "aws:ecs/cluster:Cluster"), `${sample} ${mode}: a cluster`);
                assert.equal(new Set(plan.resources.map((r) => r.name)).size, plan.resources.length, `${sample} ${mode}: a logical name twice`);
                for (const r of plan.resources) {
                    assert.ok(known.has(r.type), `${sample} ${mode}: the offline engine has no plausible state for ${r.type}`);
                    if (r.type !== "defang:index:Project") assert.equal(r.parent, plan.project, `${r.name} is a child of the component`);
                }
                for (const p of plan.resources.filter((r) => r.type === "aws:ssm/parameter:Parameter")) assert.equal(p.inputs.value, "[secret]", p.name);
                const violations = checkPolicies(plan.revealed!(), mode).filter((v) => v.mandatory);
                assert.deepEqual(violations.map(formatViolation), [], `${sample} ${mode}`);
                // Every rollout is waited for and fails `pulumi up` when ECS rolls it back (aws/service.ts).
                for (const s of plan.resources.filter((r) => r.type === "aws:ecs/service:Service")) {
                    const i = s.inputs as Record<string, any>;
                    assert.deepEqual([i.waitForSteadyState, i.deploymentController, i.deploymentCircuitBreaker], [true, { type: "ECS" }, { enable: true, rollback: true }], `${sample} ${mode} ${s.name}`);
                    assert.ok(i.alarms?.rollback && i.alarms.enable && i.alarms.alarmNames.length > 0, `${sample} ${mode} ${s.name}: deployment alarms`);
                    const alarms = new Set(plan.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm").map((r) => r.inputs.name));
                    for (const n of i.alarms.alarmNames) assert.ok(alarms.has(n), `${sample} ${mode} ${s.name}: alarm ${n} exists`);
                }
            }
        });
    }
});

describe("corpus: other real compose apps end in a plan or located diagnostics, never an internal error", function () {
    this.timeout(900_000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "compose-apps-"));
    const apps: Array<{ dir: string; file: string; label: string }> = [];
    const awesome = path.join(CORPUS, "awesome-compose");
    for (const d of fs.readdirSync(awesome).sort()) {
        for (const f of ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]) {
            if (fs.existsSync(path.join(awesome, d, f))) {
                apps.push({ dir: path.join(awesome, d), file: f, label: `awesome-compose/${d}` });
                break;
            }
        }
    }
    const inline = path.join(CORPUS, "compose-cli/ecs/inline");
    if (fs.existsSync(inline)) {
        const dir = fs.mkdtempSync(path.join(tmp, "inline-"));
        for (const f of fs.readdirSync(inline).filter((x) => /\.ya?ml$/.test(x)).sort()) {
            fs.mkdirSync(path.join(dir, f.replace(/\.ya?ml$/, "")), { recursive: true });
            fs.copyFileSync(path.join(inline, f), path.join(dir, f.replace(/\.ya?ml$/, ""), "compose.yaml"));
            apps.push({ dir: path.join(dir, f.replace(/\.ya?ml$/, "")), file: "compose.yaml", label: `compose-cli/ecs/inline/${f}` });
        }
    }

    it("finds the apps", () => assert.ok(apps.length >= 40, `${apps.length} apps`));

    let planned = 0;
    let withVolumes = 0;
    for (const app of apps) {
        it(app.label, async () => {
            const file = materialize(app.dir, app.file, fs.mkdtempSync(path.join(tmp, "app-")));
            const plan = await runOfflinePlan({ files: [file], mode: "affordable", environment: {} });
            const errors = plan.diagnostics.filter((d) => d.severity === "error");
            if (errors.length > 0) {
                for (const e of errors) assert.ok(e.code && e.message, JSON.stringify(e));
                assert.ok(errors.some((e) => e.file !== undefined) || errors.every((e) => e.code !== "deploy-error"), JSON.stringify(errors));
                return;
            }
            planned++;
            assert.deepEqual(checkPolicies(plan.revealed!(), "affordable").filter((v) => v.mandatory).map(formatViolation), []);
            // Apps with named volumes (EFS) get the stricter modes' storage rules too.
            if (!plan.resources.some((r) => r.type === "aws:efs/fileSystem:FileSystem")) return;
            withVolumes++;
            for (const mode of ["balanced", "high_availability"] as const) {
                const stricter = await runOfflinePlan({ files: [file], mode, environment: {} });
                assert.deepEqual(stricter.diagnostics.filter((d) => d.severity === "error"), [], mode);
                assert.deepEqual(checkPolicies(stricter.revealed!(), mode).filter((v) => v.mandatory).map(formatViolation), [], mode);
            }
        });
    }

    it("planned most of them, some with named volumes on EFS", () => {
        assert.ok(planned >= apps.length / 3, `${planned} of ${apps.length}`);
        assert.ok(withVolumes >= 3, `${withVolumes} apps with EFS volumes`);
    });
});
