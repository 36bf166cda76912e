// Diagnostic codes are one family: users script on them (`validate --json`, `plan`), so every layer's
// codes are kebab-case and no code means two things. The layers with a code list (Defang rules, plan,
// deploy, usage file) are read from it — the type system makes each layer use only listed codes; the
// compose loader has none, so its codes are read from its sources (every code it reports is a string
// literal in a `.error(`/`.warn(` call or a `code:`/`code =` position). Real apps run through the
// offline plan then show that every code a user can meet is kebab-case and belongs to a layer.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEPLOY_CODES } from "../../provider/src/aws/codes";
import { RULES } from "../../provider/src/compose/defang/rules";
import { USAGE_CODES } from "../../provider/src/estimate/usage";
import { runOfflinePlan } from "../../provider/src/offline/plan";
import { PLAN_CODES } from "../../provider/src/plan/codes";
import { REPO_ROOT, SAMPLES_DIR } from "../support/shared";
import { withReferencedFiles } from "../support/samples";

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SRC = path.join(REPO_ROOT, "provider", "src");

/**
 * Codes that two layers report on purpose, with one meaning (e.g. the same check run early by the rules
 * and again by the plan for callers that skip the rules). Empty today: add a code here only with the
 * reason both layers mean the same thing.
 */
const SHARED: Record<string, string> = {};

function sources(dir: string, skip: string[] = []): string[] {
    const out: string[] = [];
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (skip.includes(p)) continue;
        if (e.isDirectory()) out.push(...sources(p, skip));
        else if (e.name.endsWith(".ts")) out.push(p);
    }
    return out;
}

/** String literals in a diagnostic-code position: `.error("x"`, `.warn("x"`, `code: "x"`, `code = "x"`. */
function codeLiterals(files: string[]): Set<string> {
    const found = new Set<string>();
    const re = /(?:\.(?:error|warn|info)\(\s*|\bcode\s*[:=]\s*)"([^"]*)"/g;
    for (const file of files) {
        for (const m of fs.readFileSync(file, "utf8").matchAll(re)) found.add(m[1]);
    }
    return found;
}

const COMPOSE = path.join(SRC, "compose");
const LAYERS: Record<string, ReadonlySet<string>> = {
    loader: codeLiterals(sources(COMPOSE, [path.join(COMPOSE, "defang")])),
    rules: new Set(RULES.map((r) => r.code)),
    plan: new Set<string>(PLAN_CODES),
    deploy: new Set<string>(DEPLOY_CODES),
    usage: new Set<string>(USAGE_CODES),
};

function layersOf(code: string): string[] {
    return Object.keys(LAYERS).filter((layer) => LAYERS[layer].has(code));
}

describe("diagnostic codes: one kebab-case family across layers", function () {
    this.timeout(120_000);

    it("reads the loader's codes from its sources (the scan finds them)", () => {
        for (const code of ["yaml-syntax", "file-not-found", "unset-variable", "unknown-key", "depends-on-cycle"]) {
            assert.ok(LAYERS.loader.has(code), `the scan misses the loader code ${code}`);
        }
        assert.ok(LAYERS.loader.size >= 30, `only ${LAYERS.loader.size} loader codes found`);
    });

    it("names every code of every layer in kebab-case", () => {
        const bad = Object.entries(LAYERS).flatMap(([layer, codes]) => [...codes].filter((c) => !KEBAB.test(c)).map((c) => `${layer}: ${c}`));
        assert.deepEqual(bad, []);
    });

    it("never lets two layers define the same code (unless listed as shared, with one meaning)", () => {
        const all = new Set(Object.values(LAYERS).flatMap((codes) => [...codes]));
        const clashes = [...all].filter((c) => layersOf(c).length > 1 && !(c in SHARED)).map((c) => `${c}: ${layersOf(c).join(" + ")}`);
        assert.deepEqual(clashes, []);
        for (const code of Object.keys(SHARED)) assert.ok(layersOf(code).length > 1, `${code} is listed as shared but only ${layersOf(code).join("")} uses it`);
    });

    it("lists only codes the layer reports (no stale entries)", () => {
        const used = (files: string[], listFile: string) => codeLiteralsAnywhere(files.filter((f) => f !== listFile));
        const plan = used(sources(path.join(SRC, "plan")), path.join(SRC, "plan", "codes.ts"));
        const deploy = used([...sources(path.join(SRC, "aws")), path.join(SRC, "project.ts"), ...sources(path.join(SRC, "offline"))], path.join(SRC, "aws", "codes.ts"));
        const usage = new Set([...fs.readFileSync(path.join(SRC, "estimate", "usage.ts"), "utf8").matchAll(/(?:err\([^,]+,\s*|code:\s*)"([^"]+)"/g)].map((m) => m[1]));
        assert.deepEqual(PLAN_CODES.filter((c) => !plan.has(c)), []);
        assert.deepEqual(DEPLOY_CODES.filter((c) => !deploy.has(c)), []);
        assert.deepEqual(USAGE_CODES.filter((c) => !usage.has(c)), []);
    });

    it("reports only listed kebab-case codes on real apps and on one that trips every layer", async () => {
        const seen = new Map<string, string>();
        const runs: Array<Parameters<typeof runOfflinePlan>[0]> = [];
        for (const sample of ["mastra-extended", "golang-mongodb", "django-celery", "python-implicit-gpu", "fastapi-postgres-pubsub", "sailsjs"]) {
            const file = withReferencedFiles(path.join(SAMPLES_DIR, sample, "compose.yaml"));
            runs.push({ files: [file], workingDir: path.dirname(file), mode: "affordable" });
        }
        runs.push({ composeYaml: EVERY_LAYER, workingDir: os.tmpdir(), projectName: "codes", mode: "affordable" });
        runs.push({ composeYaml: TOO_LARGE, workingDir: os.tmpdir(), projectName: "codes", mode: "balanced" });
        for (const opts of runs) {
            const result = await runOfflinePlan(opts);
            for (const d of result.diagnostics) seen.set(d.code, opts.files?.[0] ?? "inline compose");
        }
        const bad = [...seen].filter(([code]) => !KEBAB.test(code) || layersOf(code).length === 0).map(([code, app]) => `${code} (${app})`);
        assert.deepEqual(bad, []);
        // The runs reach every layer that reports during a plan, so a code from any of them is checked.
        for (const layer of ["loader", "rules", "plan", "deploy"]) {
            assert.ok([...seen.keys()].some((c) => LAYERS[layer].has(c)), `no ${layer} code was reported: ${[...seen.keys()].join(", ")}`);
        }
        for (const code of ["obsolete-version", "yaml11-boolean", "environment-literal-secret", "gpu-quota", "fargate-too-large"]) assert.ok(seen.has(code), code);
    });
});

/** Every string literal that names a code anywhere in the files (list entries excluded by the caller). */
function codeLiteralsAnywhere(files: string[]): Set<string> {
    const found = new Set<string>();
    for (const file of files) for (const m of fs.readFileSync(file, "utf8").matchAll(/"([a-z][a-z0-9-]*)"/g)) found.add(m[1]);
    return found;
}


/** Warnings from the loader (obsolete version, YAML 1.1 boolean), the rules and the plan in one app. */
const EVERY_LAYER = `version: "3.9"
services:
  web:
    image: nginx:1.27
    read_only: yes
    ports: ["80:80"]
    environment:
      API_TOKEN: hunter2
  worker:
    image: busybox
    restart: "no"
    x-defang-autoscaling: true
`;

/** A plan error: more memory than any Fargate task has. */
const TOO_LARGE = `services:
  web:
    image: nginx:1.27
    deploy:
      resources:
        reservations:
          cpus: "2"
          memory: 200G
`;
