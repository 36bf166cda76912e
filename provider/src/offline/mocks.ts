// The offline engine: Pulumi's mock monitor with plausible AWS answers, shared by the CLI (`plan`,
// `estimate`) and by every test in the repository.
//
// Pulumi allows one mock monitor per process (a second `setMocks` replaces the first and breaks
// whatever still uses it), so `offlineEngine()` installs it once and each run only resets what it
// captured. Preview is always false: with preview on, values are unknown and applies never run.
import * as pulumi from "@pulumi/pulumi";
import { deserializeProperties, serializeProperties } from "@pulumi/pulumi/runtime/rpc";
import type { MockAccount } from "./mock-state";
import { mockResourceState } from "./mock-state";
import { InvokeFixtures, inventedInvokeValues, mockInvoke, partitionOf } from "./mock-invokes";
import { inventedStrings } from "./placeholders";
import { SECRET_PLACEHOLDER, redactSecrets, revealSecrets } from "./redact";
import { type RegistrationViolation, checkGraph, checkRegistration } from "./limits-check";

// Internal runtime helpers (exported by the JS, absent from the .d.ts).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const settings = require("@pulumi/pulumi/runtime/settings") as {
    getMonitor(): unknown;
    waitForRPCs(): Promise<void>;
    _setStack(stack: string): void;
    _setProject(project: string): void;
};

/** One resource registration, as the engine would see it. */
export interface CapturedResource {
    /** Pulumi type token, e.g. `aws:ecs/service:Service`. */
    type: string;
    /** Logical name. */
    name: string;
    /** Logical name of the parent resource (absent for the top-level component). */
    parent?: string;
    /** Resolved inputs; every secret value replaced by "[secret]". */
    inputs: Record<string, unknown>;
    /** Resolved inputs with secrets unwrapped (tests only: never print these). */
    raw: Record<string, unknown>;
    /** Names of the top-level inputs that are secret. */
    secretInputs: string[];
    custom: boolean;
    urn: string;
    id: string;
    /** Resource options the engine would receive (the mock monitor itself ignores them). */
    options: CapturedOptions;
}

export interface CapturedOptions {
    /** URNs of explicit and implied dependencies (dependsOn, and resources whose outputs are inputs). */
    dependencies: string[];
    /** Per top-level input, the URNs of the resources whose outputs it holds (the implied dependencies). */
    propertyDependencies: Record<string, string[]>;
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    ignoreChanges: string[];
    /** `replacementTrigger`: a change of this value replaces the resource. */
    replacementTrigger?: unknown;
    /** Pulumi `customTimeouts` (durations such as "45m"), when set. */
    customTimeouts?: { create?: string; update?: string; delete?: string };
    /** Earlier logical names the resource answers to (Pulumi `aliases`). */
    aliases: string[];
    /** Provider reference (`<urn>::<id>`) when the resource names an explicit provider, else "". */
    provider: string;
}

export interface CapturedInvoke {
    token: string;
    inputs: Record<string, unknown>;
}

export interface RunSettings {
    region: string;
    accountId: string;
    stack: string;
    project: string;
    /** SSM parameters that exist before the run (full name → value). */
    ssmParameters: Record<string, string>;
    /** Public hosted zones by domain (default: one for every registrable domain, its last two labels); null = none. */
    hostedZones: Record<string, string | null>;
}

export const DEFAULT_RUN: RunSettings = {
    region: "us-east-1",
    accountId: "123456789012",
    stack: "dev",
    project: "pulumi-defang",
    ssmParameters: {},
    hostedZones: {},
};

interface MonitorRequest {
    getParent(): string;
    getDependenciesList?(): string[];
    getPropertydependenciesMap?(): { forEach(fn: (deps: { getUrnsList(): string[] }, key: string) => void): void };
    getProtect?(): boolean;
    getRetainondelete?(): boolean;
    getDeletebeforereplace?(): boolean;
    getIgnorechangesList?(): string[];
    getReplacementTrigger?(): { toJavaScript(): unknown } | undefined;
    getCustomtimeouts?(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
    getAliasesList?(): Array<{ getSpec?(): { getName(): string } | undefined; getUrn?(): string }>;
    getProvider?(): string;
}
type MonitorMethod = (req: MonitorRequest, callback: unknown) => unknown;

/** What registerResource reads from the request beyond the options above (the mock monitor's own fields). */
interface RegisterRequest extends MonitorRequest {
    getType(): string;
    getName(): string;
    getObject(): Parameters<typeof deserializeProperties>[0];
    getCustom(): boolean;
    getImportid(): string;
}

/** The mock monitor's URN scheme and its record of registrations (registeredOutputs reads it). */
interface MockMonitor {
    resources: Map<string, { urn: string; id: string | null; state: unknown }>;
    newUrn(parent: string, type: string, name: string): string;
}

type RegisterCallback = (err: unknown, response?: unknown) => void;

export class OfflineEngine {
    readonly resources: CapturedResource[] = [];
    readonly invokes: CapturedInvoke[] = [];
    /** Registrations AWS would refuse (plan/aws-limits.ts), found as each one arrives. */
    readonly violations: RegistrationViolation[] = [];
    /** Values this run invented where AWS assigns them at deploy (see placeholders.ts). */
    readonly placeholders = new Set<string>();
    private run: RunSettings = { ...DEFAULT_RUN };
    /** Parent URN and options of the registration being answered (set synchronously by the patched monitor). */
    private pendingParent: string | undefined;
    private pendingOptions: CapturedOptions | undefined;
    private monitor: MockMonitor | undefined;

    /** Starts a run: clears the captures and applies the run's settings (stack, region, fixtures). */
    beginRun(overrides: Partial<RunSettings> = {}): RunSettings {
        this.resources.length = 0;
        this.invokes.length = 0;
        this.violations.length = 0;
        this.placeholders.clear();
        this.run = { ...DEFAULT_RUN, ...overrides };
        this.placeholders.add(this.run.accountId);
        settings._setStack(this.run.stack);
        settings._setProject(this.run.project);
        this.monitor?.resources.clear();
        return this.run;
    }

    get settings(): RunSettings {
        return this.run;
    }

    get account(): MockAccount {
        return { region: this.run.region, accountId: this.run.accountId, partition: partitionOf(this.run.region) };
    }

    /** Every violation of the run: each registration's, then the graph's (quotas, duplicate names). */
    limitViolations(): RegistrationViolation[] {
        return [...this.violations, ...checkGraph(this.resources.map((r) => ({ type: r.type, name: r.name, inputs: r.raw })))];
    }

    /** Waits until every registration, invoke and output registration in flight has finished. */
    async settle(): Promise<void> {
        await settings.waitForRPCs();
    }

    /** The outputs a component registered (registerOutputs), secrets redacted or revealed. */
    registeredOutputs(urn: string, reveal = false): Record<string, unknown> | undefined {
        const entry = this.monitor?.resources.get(urn);
        if (!entry) return undefined;
        const state = entry.state as { toJavaScript?: () => unknown };
        const props = typeof state?.toJavaScript === "function" ? deserializeProperties(state as Parameters<typeof deserializeProperties>[0]) : {};
        return (reveal ? revealSecrets(props) : redactSecrets(props)) as Record<string, unknown>;
    }

    readonly mocks: pulumi.runtime.Mocks = {
        newResource: (args) => {
            const parentUrn = this.pendingParent;
            const options = this.pendingOptions ?? { dependencies: [], propertyDependencies: {}, protect: false, retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], aliases: [], provider: "" };
            this.pendingParent = undefined;
            this.pendingOptions = undefined;
            const { id, state } = args.custom
                ? mockResourceState(args.type, args.name, args.inputs, this.account)
                : { id: "", state: {} };
            // Generated secrets (random:*) are placeholders too, but never printed, so never listed.
            // Unwrapped and redacted once: inputs are walked for every registration.
            const raw = revealSecrets(args.inputs) as Record<string, unknown>;
            const redacted = redactSecrets(args.inputs) as Record<string, unknown>;
            if (args.custom && !args.type.startsWith("random:")) for (const v of inventedStrings({ id, state }, raw)) this.placeholders.add(v);
            const parentName = parentUrn ? parentUrn.split("::").slice(3).join("::") : undefined;
            // Same URN scheme as the mock monitor: only the immediate parent's type is prefixed.
            const typePath = parentUrn ? `${parentUrn.split("::")[2].split("$").pop()}$${args.type}` : args.type;
            if (args.custom !== false) this.violations.push(...checkRegistration({ type: args.type, name: args.name, inputs: raw }));
            this.resources.push({
                type: args.type,
                name: args.name,
                parent: parentName || undefined,
                inputs: redacted,
                raw,
                secretInputs: Object.keys(args.inputs).filter((k) => redacted[k] === SECRET_PLACEHOLDER),
                custom: args.custom ?? true,
                urn: `urn:pulumi:${this.run.stack}::${this.run.project}::${typePath}::${args.name}`,
                id,
                options,
            });
            return { id, state };
        },
        call: (args) => {
            const inputs = revealSecrets(args.inputs) as Record<string, unknown>;
            this.invokes.push({ token: args.token, inputs });
            const answer = mockInvoke(args.token, inputs, this.account, this.fixtures());
            for (const v of inventedInvokeValues(args.token, answer, inputs, this.fixtures())) this.placeholders.add(v);
            return answer;
        },
    };

    private fixtures(): InvokeFixtures {
        return { ssmParameters: this.run.ssmParameters, hostedZones: this.run.hostedZones };
    }

    /** @internal Installs the mock monitor (once per process) and hooks it to learn each registration's parent. */
    install(): void {
        void pulumi.runtime.setMocks(this.mocks, DEFAULT_RUN.project, DEFAULT_RUN.stack, false);
        const monitor = settings.getMonitor() as unknown as Record<string, MonitorMethod> & MockMonitor;
        for (const method of ["registerResource", "readResource"]) {
            const original = monitor[method].bind(monitor);
            // The mock monitor calls newResource synchronously at the start of these methods.
            monitor[method] = (req, callback) => {
                this.pendingParent = req.getParent() || undefined;
                this.pendingOptions = {
                    dependencies: req.getDependenciesList?.() ?? [],
                    propertyDependencies: propertyDependencies(req),
                    protect: req.getProtect?.() ?? false,
                    retainOnDelete: req.getRetainondelete?.() ?? false,
                    deleteBeforeReplace: req.getDeletebeforereplace?.() ?? false,
                    ignoreChanges: req.getIgnorechangesList?.() ?? [],
                    ...(req.getReplacementTrigger?.() ? { replacementTrigger: req.getReplacementTrigger()!.toJavaScript() } : {}),
                    ...customTimeouts(req.getCustomtimeouts?.()),
                    aliases: (req.getAliasesList?.() ?? []).map((a) => a.getSpec?.()?.getName() || (a.getUrn?.() ?? "").split("::").pop() || ""),
                    provider: req.getProvider?.() ?? "",
                };
                if (method === "registerResource") return this.register(monitor, req as RegisterRequest, callback as RegisterCallback);
                return original(req, callback);
            };
        }
        this.monitor = monitor;
    }

    /**
     * The mock monitor's registerResource, answered without a protobuf response: the runtime reads the
     * answer through getUrn/getId/getObject().toJavaScript()/getPropertydependenciesMap/getResult only,
     * and building the Struct for it and reading it back was a tenth of a large plan's time.
     */
    private register(monitor: MockMonitor, req: RegisterRequest, callback: RegisterCallback): void {
        const answer = async () => {
            const result = await this.mocks.newResource({
                type: req.getType(),
                name: req.getName(),
                inputs: deserializeProperties(req.getObject()),
                provider: req.getProvider?.() ?? "",
                custom: req.getCustom(),
                id: req.getImportid(),
            });
            const urn = monitor.newUrn(req.getParent(), req.getType(), req.getName());
            const state = (await serializeProperties("", result.state)) as Record<string, unknown>;
            monitor.resources.set(urn, { urn, id: result.id ?? null, state });
            return {
                getUrn: () => urn,
                getId: () => result.id || "",
                getObject: () => ({ toJavaScript: () => state }),
                getPropertydependenciesMap: () => undefined,
                getResult: () => 0, // Result.SUCCESS: no unknowns to keep
            };
        };
        answer().then(
            (response) => callback(null, response),
            (err) => callback(err, undefined),
        );
    }
}

function propertyDependencies(req: MonitorRequest): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    req.getPropertydependenciesMap?.().forEach((deps, key) => {
        const urns = deps.getUrnsList();
        if (urns.length > 0) out[key] = urns;
    });
    return out;
}

/** The request's custom timeouts, as `{ customTimeouts }` when any is set. */
function customTimeouts(t: { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined): Pick<CapturedOptions, "customTimeouts"> {
    if (!t) return {};
    const out = Object.fromEntries(([["create", t.getCreate()], ["update", t.getUpdate()], ["delete", t.getDelete()]] as const).filter(([, v]) => v));
    return Object.keys(out).length > 0 ? { customTimeouts: out } : {};
}

let engine: OfflineEngine | undefined;

/** The process-wide offline engine; installs Pulumi's mock monitor on first use. */
export function offlineEngine(): OfflineEngine {
    if (!engine) {
        engine = new OfflineEngine();
        engine.install();
    }
    return engine;
}
