// Loading and planning the realistic apps of tests/compose/realworld/ the way the component does
// (compose + Defang rules, then the planner), with findings as short comparable strings.
import * as path from "path";
import { loadForDeploy, type Diagnostic, type LoadOptions } from "../../provider/src/compose";
import { planDeployment, type DeploymentPlan, type Mode, type ServicePlan, type StorePlan } from "../../provider/src/plan";

export const REALWORLD = path.join(__dirname, "realworld");

export interface AppRun {
    dir: string;
    /** `severity code file:line:col` for every error and warning, compose then plan, sorted. */
    findings: string[];
    /** Infos too (the fixups applied). */
    infos: string[];
    diagnostics: Diagnostic[];
    plan?: DeploymentPlan;
}

export function finding(d: Diagnostic, dir: string): string {
    const file = d.file ? path.relative(dir, d.file) : "-";
    return `${d.severity} ${d.code} ${file}:${d.line ?? "-"}:${d.column ?? "-"}`;
}

/** Load and plan one app (mode affordable unless given), as `plan` would. */
export function runApp(app: string, mode: Mode = "affordable", opts: Partial<LoadOptions> = {}): AppRun {
    const dir = path.join(REALWORLD, app);
    const loaded = loadForDeploy({ workingDir: dir, environment: {}, ...opts, mode });
    const diagnostics = [...loaded.diagnostics];
    let plan: DeploymentPlan | undefined;
    if (loaded.project && !diagnostics.some((d) => d.severity === "error")) {
        const planned = planDeployment(loaded.project, { mode, stack: "prod", region: "us-east-1", availableZones: ["us-east-1a", "us-east-1b", "us-east-1c"] });
        diagnostics.push(...planned.diagnostics);
        plan = planned.plan;
    }
    const shown = (keep: (d: Diagnostic) => boolean) => diagnostics.filter(keep).map((d) => finding(d, dir)).sort();
    return { dir, diagnostics, plan, findings: shown((d) => d.severity !== "info"), infos: shown((d) => d.severity === "info") };
}

export function service(plan: DeploymentPlan | undefined, name: string): ServicePlan {
    const s = plan?.services.find((x) => x.name === name);
    if (!s) throw new Error(`no service ${name} in the plan (${plan?.services.map((x) => x.name).join(", ")})`);
    return s;
}

export function store(plan: DeploymentPlan | undefined, name: string): StorePlan {
    const s = plan?.stores.find((x) => x.name === name);
    if (!s) throw new Error(`no store ${name} in the plan`);
    return s;
}

/** The facts of a service a reader checks first: kind, size, count, exposure, secrets. */
export function facts(s: ServicePlan) {
    return {
        kind: s.kind,
        compute: s.compute,
        cpu: s.cpu,
        memory: s.memory,
        replicas: s.replicas,
        ingress: s.ingress.map((i) => `${i.port}/${i.appProtocol}`),
        private: s.privatePorts.map((p) => `${p.port}/${p.protocol}`),
        secrets: s.container.secrets.map((x) => `${x.name}:${x.source.kind}`),
    };
}

export function env(s: ServicePlan): Record<string, string> {
    return Object.fromEntries(s.container.environment.map((e) => [e.name, e.value]));
}
