// `runOfflinePlan`: the real component under the offline engine, no AWS credentials. What the CLI's
// `plan` prints and `estimate` prices. Callable several times in one process (runs are sequential).
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { DeployCode } from "../aws/codes";
import { Diagnostic, composeProjectName, dedupeDiagnostics, hasErrors } from "../compose";
import { diagnosticAt } from "../compose/types";
import type { RegistrationViolation } from "./limits-check";
import type { Mode } from "../plan/modes";
import { Project, composeLoadOptions, type ProjectInternalArgs } from "../project";
import { offlineEngine, type CapturedResource } from "./mocks";
import { type OfflineSession, closeSession, openSession } from "./session";

export interface OfflinePlanOptions {
    files?: string[];
    workingDir?: string;
    composeYaml?: string;
    mode: Mode;
    region?: string;
    stack?: string;
    /** The Pulumi project the run stands for (physical names hash it; default "pulumi-defang"). */
    pulumiProject?: string;
    projectName?: string;
    environment?: Record<string, string>;
    profiles?: string[];
    envFiles?: string[];
    allowFilesOutsideProject?: boolean;
}

export interface OfflineResource {
    /** Pulumi type token, e.g. `aws:ecs/service:Service`. */
    type: string;
    /** Logical name. */
    name: string;
    /** Logical name of the parent (absent for the component itself). */
    parent?: string;
    /** Resolved inputs; every secret value is the string "[secret]". */
    inputs: Record<string, unknown>;
    /** The id the offline engine gave it (lets tools follow references such as security group ids). */
    id?: string;
    /** What it waits for at deploy: the resources its inputs come from, and its explicit dependsOn. */
    dependencies?: OfflineDependency[];
}

export interface OfflineDependency {
    type: string;
    name: string;
    /** The inputs that carry the dependency, or ["dependsOn"] when only the resource option does. */
    via: string[];
}

export interface OfflinePlanResult {
    project: string;
    mode: Mode;
    region: string;
    resources: OfflineResource[];
    outputs: Record<string, unknown>;
    diagnostics: Diagnostic[];
    /** Values the offline engine invented where AWS assigns them at deploy (offline/placeholders.ts). */
    placeholders?: string[];
    /**
     * The resources with their secret inputs revealed, for the security rules alone (a task definition whose
     * container definitions are a Pulumi secret is still checked). Never printed: a function, so JSON drops it.
     */
    revealed?: () => OfflineResource[];
}

export const DEFAULT_REGION = "us-east-1";
export const DEFAULT_STACK = "dev";

let queue: Promise<unknown> = Promise.resolve();

export function runOfflinePlan(opts: OfflinePlanOptions): Promise<OfflinePlanResult> {
    const next = queue.then(() => withoutDebugTraces(() => runOnce(opts)));
    queue = next.catch(() => undefined);
    return next;
}

/** Pulumi's internal hooks for debugging a real deployment, replaced while an offline plan runs. */
interface DebugHooks {
    debuggable: { debuggablePromise?: (p: Promise<unknown>, ctx: unknown) => Promise<unknown> };
    resource: { stackTrace?: (skip: number) => unknown[] };
}

function debugHooks(): DebugHooks {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const debuggable = require("@pulumi/pulumi/runtime/debuggable") as DebugHooks["debuggable"];
    return { debuggable, resource: pulumi.Resource as unknown as DebugHooks["resource"] };
}

/**
 * Pulumi's runtime records a stack trace on every promise it creates (leak diagnostics) and on every
 * resource (its source position), and tracks each pending promise: with thousands of resources that was
 * most of a plan's CPU (500 services: 31 s, 2 GB). Offline, none of it is ever shown, so none is made
 * while the plan runs (PULUMI_DEFANG_DEBUG keeps them). Each hook is replaced only if it is there.
 */
async function withoutDebugTraces<T>(run: () => Promise<T>): Promise<T> {
    if (process.env.PULUMI_DEFANG_DEBUG) return run();
    const { debuggable, resource } = debugHooks();
    const saved = { limit: Error.stackTraceLimit, promise: debuggable.debuggablePromise, stackTrace: resource.stackTrace };
    Error.stackTraceLimit = 0;
    if (typeof saved.promise === "function") debuggable.debuggablePromise = (p) => p;
    if (typeof saved.stackTrace === "function") resource.stackTrace = () => [];
    try {
        return await run();
    } finally {
        Error.stackTraceLimit = saved.limit;
        if (typeof saved.promise === "function") debuggable.debuggablePromise = saved.promise;
        if (typeof saved.stackTrace === "function") resource.stackTrace = saved.stackTrace;
    }
}

async function runOnce(opts: OfflinePlanOptions): Promise<OfflinePlanResult> {
    const region = opts.region ?? DEFAULT_REGION;
    const engine = offlineEngine();
    engine.beginRun({ region, stack: opts.stack ?? DEFAULT_STACK, ...(opts.pulumiProject ? { project: opts.pulumiProject } : {}) });
    const name = componentName(opts);
    const session = openSession(true);
    let project: Project | undefined;
    let thrown: unknown;
    try {
        try {
            project = new Project(name, { ...projectArgs(opts), mode: opts.mode });
        } catch (err) {
            thrown = err;
        }
        await engine.settle();
    } finally {
        closeSession(session);
    }

    const diagnostics = [...session.diagnostics, ...limitDiagnostics(name, engine.limitViolations(), session)];
    for (const err of [thrown, ...session.errors]) {
        if (err === undefined) continue;
        if (!isUserError(err)) throw err;
        // Compose and plan errors are already diagnostics; other user errors (deploy checks) become one.
        if (!hasErrors(diagnostics)) diagnostics.push({ severity: "error", code: "deploy-error" satisfies DeployCode, message: (err as Error).message });
    }
    const outputs = project ? (engine.registeredOutputs(await urnOf(project)) ?? {}) : {};
    const byUrn = new Map(engine.resources.map((r) => [r.urn, r]));
    const captured = [...engine.resources]; // the engine's list is emptied by its next run
    return {
        project: name,
        mode: opts.mode,
        region,
        resources: engine.resources.map((r) => ({
            type: r.type,
            name: r.name,
            ...(r.parent ? { parent: r.parent } : {}),
            inputs: r.inputs,
            ...(r.id ? { id: r.id } : {}),
            dependencies: dependenciesOf(r, byUrn),
        })),
        outputs,
        diagnostics,
        placeholders: [...engine.placeholders].sort(),
        revealed: () => captured.map((r) => ({ type: r.type, name: r.name, ...(r.parent ? { parent: r.parent } : {}), inputs: r.raw, ...(r.id ? { id: r.id } : {}) })),
    };
}

/** A registration's dependencies by logical name, each with the inputs that carry it (sorted, stable). */
function dependenciesOf(r: CapturedResource, byUrn: Map<string, CapturedResource>): OfflineDependency[] {
    const via = new Map<string, string[]>();
    for (const urn of r.options.dependencies) via.set(urn, []);
    for (const [input, urns] of Object.entries(r.options.propertyDependencies)) {
        for (const urn of urns) via.set(urn, [...(via.get(urn) ?? []), input]);
    }
    const out: OfflineDependency[] = [];
    for (const [urn, inputs] of via) {
        const dep = byUrn.get(urn);
        if (!dep) continue; // a provider or a resource outside this run: nothing the deploy waits for here
        out.push({ type: dep.type, name: dep.name, via: inputs.length > 0 ? inputs.sort() : ["dependsOn"] });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
}

/** The component args an offline run stands for. */
function projectArgs(opts: OfflinePlanOptions): ProjectInternalArgs {
    return {
        composeFiles: opts.files,
        composeYaml: opts.composeYaml,
        workingDir: opts.workingDir,
        projectName: opts.projectName,
        environment: opts.environment,
        profiles: opts.profiles,
        envFiles: opts.envFiles,
        allowFilesOutsideProject: opts.allowFilesOutsideProject,
    };
}

/** The component's logical name: the compose project's name (as `docker compose` derives it). */
function componentName(opts: OfflinePlanOptions): string {
    if (opts.projectName) return opts.projectName;
    try {
        // The name alone: the component loads (and reports on) the whole project itself.
        const named = composeProjectName(composeLoadOptions(projectArgs(opts)));
        if (named) return named;
    } catch {
        // The component reports the problem properly; only the name is at stake here.
    }
    const dir = opts.workingDir ?? (opts.files?.[0] ? path.dirname(path.resolve(opts.files[0])) : process.cwd());
    return path.basename(dir).toLowerCase().replace(/[^a-z0-9_-]/g, "") || "project";
}

/**
 * What AWS would refuse, as errors at the compose service a resource belongs to (its logical name
 * `<name>-<service>/…` says which) or unlocated for project-wide resources.
 */
export function limitDiagnostics(name: string, violations: RegistrationViolation[], session: OfflineSession): Diagnostic[] {
    return dedupeDiagnostics(
        violations.map((v) => {
            const rest = v.resource.startsWith(`${name}-`) ? v.resource.slice(name.length + 1) : "";
            const service = rest.includes("/") ? rest.slice(0, rest.indexOf("/")) : undefined;
            const where = service !== undefined ? session.locate?.(["services", service]) : undefined;
            const hint = v.source ? `AWS refuses it at \`pulumi up\` (${v.source}). ${ADVICE[v.code]}` : ADVICE[v.code];
            return diagnosticAt("error", v.code, `${v.type.split(":").pop()} ${v.resource}: ${v.message}`, where, hint);
        }),
    );
}

const ADVICE: Record<RegistrationViolation["code"], string> = {
    "aws-name-too-long": "Shorten the compose project, stack or service name it is built from.",
    "aws-name-invalid": "Rename what it is built from (the compose service, network, domain or tag) with the characters shown.",
    "aws-value-out-of-range": "Change the compose setting it comes from to a value in the range shown.",
    "aws-quota-exceeded": "Split the service or project, or request a quota increase from AWS (Service Quotas) when the quota is adjustable.",
    "logical-name-duplicate": "This is a bug in pulumi-defang: please report it with the compose file.",
};

function isUserError(err: unknown): boolean {
    return err instanceof pulumi.ResourceError && err.hideStack === true;
}

function urnOf(resource: pulumi.Resource): Promise<string> {
    return new Promise((resolve) => resource.urn.apply(resolve));
}
