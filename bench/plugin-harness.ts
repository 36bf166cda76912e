// A stand-in Pulumi engine for the plugin process, over real gRPC on 127.0.0.1: the Engine service
// (logs) and a ResourceMonitor that answers registrations and invokes with the offline engine's
// plausible AWS state. Enough for the plugin to run `construct` exactly as under `pulumi up`, without
// the Pulumi CLI: used by bench/plugin-start.ts (cold start) and tests/provider/plugin.test.ts (the
// bundled archive constructs a Project). Not a substitute for the engine tests (`make test_engine`):
// no state, no steps, no provider checks.
import { ChildProcess, spawn } from "child_process";
import * as grpc from "@grpc/grpc-js";
import { mockInvoke, partitionOf } from "../provider/src/offline/mock-invokes";
import { mockResourceState, type MockAccount } from "../provider/src/offline/mock-state";

/* eslint-disable @typescript-eslint/no-var-requires */
const resrpc = require("@pulumi/pulumi/proto/resource_grpc_pb");
const resproto = require("@pulumi/pulumi/proto/resource_pb");
const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const engproto = require("@pulumi/pulumi/proto/engine_pb");
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const structproto = require("google-protobuf/google/protobuf/struct_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");
const { deserializeProperties, serializeProperties } = require("@pulumi/pulumi/runtime/rpc");
/* eslint-enable @typescript-eslint/no-var-requires */

export interface LogEntry {
    severity: "debug" | "info" | "warning" | "error";
    urn: string;
    message: string;
}

export interface Registration {
    type: string;
    name: string;
    custom: boolean;
    urn: string;
    /** Milliseconds since the engine started. */
    at: number;
}

export interface FakeEngine {
    engineAddress: string;
    monitorAddress: string;
    logs: LogEntry[];
    registrations: Registration[];
    invokes: string[];
    started: number;
    close(): Promise<void>;
}

const SEVERITIES = ["debug", "info", "warning", "error"] as const;
// Monitor features a current engine has that the provider's runtime asks about; output values stay
// off so registrations carry plain values.
const FEATURES = new Set(["secrets", "resourceReferences", "deletedWith", "aliasSpecs"]);

async function listen(server: grpc.Server): Promise<string> {
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    return `127.0.0.1:${port}`;
}

/** Starts the Engine and ResourceMonitor services for a stack `dev` of project `project` in `region`. */
export async function startFakeEngine(project = "bench", stack = "dev", region = "us-east-1"): Promise<FakeEngine> {
    const started = Date.now();
    const account: MockAccount = { region, accountId: "123456789012", partition: partitionOf(region) };
    const logs: LogEntry[] = [];
    const registrations: Registration[] = [];
    const invokes: string[] = [];
    const urnOf = (parent: string, type: string, name: string) => {
        const qualified = parent ? `${parent.split("::")[2]}$${type}` : type;
        return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
    };

    const engine = new grpc.Server();
    engine.addService(engrpc.EngineService, {
        log: (call: any, callback: any) => {
            const req = call.request;
            logs.push({ severity: SEVERITIES[req.getSeverity()] ?? "info", urn: req.getUrn(), message: req.getMessage() });
            callback(null, new emptyproto.Empty());
        },
        getRootResource: (_call: any, callback: any) => callback(null, new engproto.GetRootResourceResponse()),
        setRootResource: (_call: any, callback: any) => callback(null, new engproto.SetRootResourceResponse()),
    });

    const monitor = new grpc.Server();
    monitor.addService(resrpc.ResourceMonitorService, {
        supportsFeature: (call: any, callback: any) => {
            const resp = new resproto.SupportsFeatureResponse();
            resp.setHassupport(FEATURES.has(call.request.getId()));
            callback(null, resp);
        },
        registerResource: (call: any, callback: any) => {
            void (async () => {
                const req = call.request;
                const inputs = deserializeProperties(req.getObject());
                const urn = urnOf(req.getParent(), req.getType(), req.getName());
                registrations.push({ type: req.getType(), name: req.getName(), custom: req.getCustom(), urn, at: Date.now() - started });
                const { id, state } = req.getCustom() ? mockResourceState(req.getType(), req.getName(), inputs, account) : { id: "", state: {} };
                const resp = new resproto.RegisterResourceResponse();
                resp.setUrn(urn);
                resp.setId(id);
                resp.setObject(structproto.Struct.fromJavaScript(await serializeProperties("state", state)));
                callback(null, resp);
            })().catch((err) => callback(err));
        },
        registerResourceOutputs: (_call: any, callback: any) => callback(null, new emptyproto.Empty()),
        registerPackage: (_call: any, callback: any) => {
            const resp = new resproto.RegisterPackageResponse();
            resp.setRef("fake-package");
            callback(null, resp);
        },
        invoke: (call: any, callback: any) => {
            void (async () => {
                const req = call.request;
                invokes.push(req.getTok());
                const args = deserializeProperties(req.getArgs());
                const result = mockInvoke(req.getTok(), args, account, { ssmParameters: {}, hostedZones: {} });
                const resp = new provproto.InvokeResponse();
                resp.setReturn(structproto.Struct.fromJavaScript(await serializeProperties("return", result)));
                callback(null, resp);
            })().catch((err) => callback(err));
        },
    });

    const [engineAddress, monitorAddress] = await Promise.all([listen(engine), listen(monitor)]);
    return {
        engineAddress,
        monitorAddress,
        logs,
        registrations,
        invokes,
        started,
        close: async () => {
            engine.forceShutdown();
            monitor.forceShutdown();
        },
    };
}

export interface PluginProcess {
    child: ChildProcess;
    /** The plugin's gRPC port (its first line of output). */
    port: number;
    /** Milliseconds from spawn to the port line. */
    portAfter: number;
    stderr(): string;
    client: any;
    stop(): void;
}

/** Starts a plugin launcher as the engine does (engine address as argument) and connects to it. */
export function startPlugin(launcher: string, engineAddress: string, cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<PluginProcess> {
    const spawned = Date.now();
    const child = spawn(launcher, [engineAddress], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    return new Promise((resolve, reject) => {
        child.stdout!.on("data", (d: Buffer) => {
            out += d.toString();
            if (!out.includes("\n")) return;
            const port = Number(out.split("\n")[0].trim());
            const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
            resolve({
                child,
                port,
                portAfter: Date.now() - spawned,
                stderr: () => err,
                client,
                stop: () => {
                    client.close();
                    child.kill();
                },
            });
        });
        child.on("exit", (code) => reject(new Error(`plugin exited with ${code} before printing its port: ${err}`)));
    });
}

export interface ConstructCall {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    project: string;
    stack: string;
    dryRun: boolean;
    config?: Record<string, string>;
}

/** One Construct RPC; resolves with the URN and state, rejects with the gRPC error. */
export async function construct(plugin: PluginProcess, engine: FakeEngine, call: ConstructCall): Promise<{ urn: string; state: Record<string, unknown> }> {
    const req = new provproto.ConstructRequest();
    req.setProject(call.project);
    req.setStack(call.stack);
    req.setDryrun(call.dryRun);
    req.setParallel(16);
    req.setMonitorendpoint(engine.monitorAddress);
    req.setType(call.type);
    req.setName(call.name);
    req.setInputs(structproto.Struct.fromJavaScript(await serializeProperties("inputs", call.inputs)));
    for (const [key, value] of Object.entries(call.config ?? {})) req.getConfigMap().set(key, value);
    const resp: any = await new Promise((resolve, reject) => plugin.client.construct(req, (err: Error | null, r: unknown) => (err ? reject(err) : resolve(r))));
    return { urn: resp.getUrn(), state: deserializeProperties(resp.getState()) };
}
