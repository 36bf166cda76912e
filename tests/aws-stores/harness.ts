// Runs one aws/ module under the shared Pulumi mocks (tests/support/pulumi.ts over
// provider/src/offline/mocks.ts: never a setMocks of our own) with a hand-built AwsContext, and returns
// what was registered: resources with inputs (secrets redacted, and revealed in `raw`), the resource
// options that matter for data safety, the invokes made and the warnings reported.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { formatDiagnostic } from "../../provider/src/compose/index";
import { type CapturedResource, type RunSettings, offlineEngine } from "../../provider/src/offline/mocks";
import { expand } from "../support/pulumi";
import type { AwsContext } from "../../provider/src/aws/context";
import type { DeploymentPlan } from "../../provider/src/plan/types";

/** Options the engine would receive with a registration (the mock monitor itself ignores them). */
export interface CapturedOptions {
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    ignoreChanges: string[];
}

export interface AwsRun<T> {
    result: T;
    resources: CapturedResource[];
    options: Map<string, CapturedOptions>;
    invokes: Array<{ token: string; inputs: Record<string, unknown> }>;
    warnings: string[];
}

export const FIXED = {
    region: "us-east-1",
    accountId: "123456789012",
    partition: "aws",
    vpcId: "vpc-0fixture",
    publicSubnetIds: ["subnet-public-a", "subnet-public-b"],
    privateSubnetIds: ["subnet-private-a", "subnet-private-b"],
    privateZoneId: "ZPRIVATEFIXTURE",
    appsSecurityGroupId: "sg-apps-fixture",
    clusterName: "app-dev",
    clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/app-dev",
};

interface MonitorRequest {
    getType(): string;
    getName(): string;
    getProtect(): boolean;
    getRetainondelete(): boolean;
    getDeletebeforereplace(): boolean;
    getIgnorechangesList(): string[];
}

// Internal runtime helpers (exported by the JS, absent from the .d.ts).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): Record<string, unknown> };

const captured = new Map<string, CapturedOptions>();
let optionsHooked = false;

/** Records the data-safety options of every registration; passes the request on untouched. */
function hookOptions(): void {
    if (optionsHooked) return;
    const monitor = settings.getMonitor() as Record<string, (req: MonitorRequest, cb: unknown) => unknown>;
    const next = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        captured.set(`${req.getType()}::${req.getName()}`, {
            protect: req.getProtect(),
            retainOnDelete: req.getRetainondelete(),
            deleteBeforeReplace: req.getDeletebeforereplace(),
            ignoreChanges: req.getIgnorechangesList(),
        });
        return next(req, cb);
    };
    optionsHooked = true;
}

/** Builds the context the component would pass, around a fresh component resource. */
export function fixtureContext(plan: DeploymentPlan, config: Record<string, pulumi.Input<string>> = {}): AwsContext {
    const parent = new pulumi.ComponentResource("defang:index:Project", "app", {}, {});
    return {
        parent,
        name: "app",
        plan,
        tags: plan.tags,
        region: pulumi.output(FIXED.region),
        accountId: pulumi.output(FIXED.accountId),
        partition: pulumi.output(FIXED.partition),
        vpcId: pulumi.output(FIXED.vpcId),
        publicSubnetIds: pulumi.output(FIXED.publicSubnetIds),
        privateSubnetIds: pulumi.output(FIXED.privateSubnetIds),
        privateZoneId: pulumi.output(FIXED.privateZoneId),
        appsSecurityGroupId: pulumi.output(FIXED.appsSecurityGroupId),
        clusterArn: pulumi.output(FIXED.clusterArn),
        clusterName: pulumi.output(FIXED.clusterName),
        config,
        offline: true,
    };
}

/**
 * One run through the shared harness (tests/support/pulumi.ts: serialized runs, an offline session):
 * `build` against a fixture context, then every RPC settled, including those started after `build`'s
 * own awaits (zone lookups before certificates).
 */
export async function runAws<T>(
    plan: DeploymentPlan,
    build: (ctx: AwsContext) => T | Promise<T>,
    opts: { config?: Record<string, pulumi.Input<string>>; run?: Partial<RunSettings> } = {},
): Promise<AwsRun<T>> {
    let result: T | undefined;
    let failure: unknown;
    const expansion = await expand(
        () => {
            hookOptions();
            captured.clear();
            // Awaited inside the run, so the harness settles only after the module is done.
            return Promise.resolve(build(fixtureContext(plan, opts.config))).then(
                (r) => (result = r),
                (e: unknown) => (failure = e),
            );
        },
        { project: plan.project, stack: plan.stack, ...opts.run },
    );
    if (expansion.thrown) throw expansion.thrown;
    await expansion.value;
    await offlineEngine().settle();
    if (failure) throw failure;
    const engine = offlineEngine();
    return {
        result: result as T,
        resources: [...engine.resources],
        options: new Map(captured),
        invokes: [...engine.invokes],
        warnings: expansion.diagnostics.filter((d) => d.severity === "warning").map(formatDiagnostic),
    };
}

/** Resolves an Output under the mocks (applies run once the registration answered). */
export function resolve<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((done) => output.apply((v) => done(v)));
}

export function ofType(run: AwsRun<unknown>, type: string): CapturedResource[] {
    return run.resources.filter((r) => r.type === type);
}

export function one(run: AwsRun<unknown>, type: string): CapturedResource {
    const found = ofType(run, type);
    if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
    return found[0];
}

export function optionsOf(run: AwsRun<unknown>, resource: CapturedResource): CapturedOptions {
    const o = run.options.get(`${resource.type}::${resource.name}`);
    if (!o) throw new Error(`no options captured for ${resource.type} ${resource.name}`);
    return o;
}

/** No redacted input of any resource holds the secret in clear (secrets print as "[secret]"). */
export function assertNowherePlain(run: AwsRun<unknown>, secret: string): void {
    assert.ok(secret.length >= 8, "a real secret to look for");
    for (const r of run.resources) {
        assert.ok(!JSON.stringify(r.inputs).includes(secret), `${r.type} ${r.name} has the secret in plaintext`);
    }
}
