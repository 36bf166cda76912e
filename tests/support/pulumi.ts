// THE shared Pulumi-mocks harness for every mocha test in the repository.
//
// Mocha runs all spec files in one process and Pulumi allows one mock monitor per process, so no
// test may call `pulumi.runtime.setMocks` itself: build resources inside `expand(...)` (or use
// `expandProject(...)`) and assert on what was captured. Each call resets the captures; calls are
// serialized, so concurrent use from one file cannot mix runs.
//
//     import { expandProject } from "../support/pulumi";
//     const run = await expandProject({ composeYaml, mode: "balanced" });
//     const [svc] = run.ofType("aws:ecs/service:Service");
//
// The answers (ARNs, DNS names, AZs, account 123456789012, region us-east-1) come from
// provider/src/offline/mocks.ts, the same engine the CLI's `plan` and `estimate` use.
import * as pulumi from "@pulumi/pulumi";
import type { Diagnostic } from "../../provider/src/compose/types";
import { InfrastructureInputs, InfrastructureOutputs, createInfrastructure } from "../../provider/src/aws/infrastructure";
import type { DeploymentPlan } from "../../provider/src/plan/types";
import { zonesOf } from "../../provider/src/offline/mock-invokes";
import { CapturedInvoke, CapturedResource, RunSettings, offlineEngine } from "../../provider/src/offline/mocks";
import { closeSession, openSession } from "../../provider/src/offline/session";
import { Project } from "../../provider/src/project";
import type { ProjectArgs } from "../../provider/src/schema-types";

export type { CapturedResource, CapturedInvoke };

export interface ExpandOptions extends Partial<RunSettings> {
    /**
     * true (default): like `pulumi-defang plan` (offline: deploy-time checks skipped).
     * false: like `pulumi up` against an account (deploy-time checks run; invokes still mocked).
     */
    offline?: boolean;
}

export interface Expansion<T> {
    /** What the build function returned (undefined when it threw). */
    value?: T;
    /** The error the build function threw synchronously (e.g. compose errors in the constructor). */
    thrown?: Error;
    /** Errors of the component's asynchronous build step (e.g. a deploy-time check). */
    errors: Error[];
    /** Diagnostics the component reported (warnings, and the errors behind a failure). */
    diagnostics: Diagnostic[];
    /** Every registration, in order (components included, `custom: false`). */
    resources: CapturedResource[];
    invokes: CapturedInvoke[];
    /** Custom resources of one type token. */
    ofType(type: string): CapturedResource[];
    /** The one resource with this logical name (throws when absent or ambiguous). */
    named(name: string): CapturedResource;
    /** The one resource of this type (optionally whose name ends with `suffix`); throws otherwise. */
    one(type: string, suffix?: string): CapturedResource;
    /** Outputs a component registered, secrets as "[secret]" (or revealed). */
    outputsOf(component: pulumi.Resource, reveal?: boolean): Promise<Record<string, unknown>>;
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs `build` under the offline engine and waits until every registration has finished. */
export function expand<T>(build: () => T, options: ExpandOptions = {}): Promise<Expansion<T>> {
    const next = queue.then(() => runOnce(build, options));
    queue = next.catch(() => undefined);
    return next;
}

/** Builds a defang:index:Project named `app` (or `options.name`) and waits for the whole graph. */
export function expandProject(args: ProjectArgs, options: ExpandOptions & { name?: string } = {}): Promise<Expansion<Project>> {
    return expand(() => new Project(options.name ?? "app", args), options);
}

async function runOnce<T>(build: () => T, options: ExpandOptions): Promise<Expansion<T>> {
    const engine = offlineEngine();
    const { offline = true, ...settings } = options;
    engine.beginRun(settings);
    const session = openSession(offline);
    let value: T | undefined;
    let thrown: Error | undefined;
    try {
        try {
            value = build();
        } catch (err) {
            thrown = err as Error;
        }
        await engine.settle();
    } finally {
        closeSession(session);
    }
    const resources = [...engine.resources];
    const custom = resources.filter((r) => r.custom);
    return {
        value,
        thrown,
        errors: [...session.errors],
        diagnostics: [...session.diagnostics],
        resources,
        invokes: [...engine.invokes],
        ofType: (type) => custom.filter((r) => r.type === type),
        named(name) {
            const found = resources.filter((r) => r.name === name);
            if (found.length !== 1) throw new Error(`expected one resource named ${name}, found ${found.length}`);
            return found[0];
        },
        one(type, suffix) {
            const found = custom.filter((r) => r.type === type && (suffix === undefined || r.name.endsWith(suffix)));
            if (found.length !== 1) {
                throw new Error(`expected one ${type}${suffix ? ` named *${suffix}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
            }
            return found[0];
        },
        async outputsOf(component, reveal = false) {
            const urn = await value_(component.urn);
            return engine.registeredOutputs(urn, reveal) ?? {};
        },
    };
}

/** The value of an output (runs are never previews, so values are known). */
export function value_<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}
export { value_ as valueOf };

/** A parsed JSON input (policy documents, container definitions). */
export function json<T = any>(text: unknown): T {
    if (typeof text !== "string") throw new Error(`expected a JSON string, got ${typeof text}`);
    return JSON.parse(text) as T;
}

/**
 * Runs the aws layer on a hand-written DeploymentPlan (no compose loading, no planner), under a
 * test component named `app`. `value.outputs` resolves to the layer's outputs, or to the Error it failed with.
 */
export function expandPlan(
    plan: DeploymentPlan,
    inputs: Partial<Omit<InfrastructureInputs, "parent" | "plan">> = {},
    options: ExpandOptions = {},
): Promise<Expansion<{ parent: pulumi.ComponentResource; outputs: Promise<InfrastructureOutputs | Error> }>> {
    return expand(() => {
        const engine = offlineEngine();
        const parent = new pulumi.ComponentResource("test:index:Harness", inputs.name ?? "app", {}, {});
        const outputs = createInfrastructure({
            parent,
            name: "app",
            plan,
            account: engine.account,
            zones: zonesOf(engine.account.region),
            config: {},
            images: {},
            existingConfig: { values: {} },
            offline: options.offline ?? true,
            ...inputs,
        }).catch((err: Error) => err);
        return { parent, outputs };
    }, options);
}
