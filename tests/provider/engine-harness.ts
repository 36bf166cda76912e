// What the opt-in engine tests (`make test_engine`) share: the Pulumi CLI built from the Go module
// proxy, the plugin archive of `make dist`, the Node.js SDK, and a file-backend stack whose engine
// finds our plugin (installed from the archive) and the stand-in aws/random plugins (tests/provider/engine).
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { LocalWorkspace, PulumiCommand, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";

export const ROOT = path.resolve(__dirname, "../..");
// The CLI is <CLI_ROOT>/bin/pulumi (the layout PulumiCommand expects).
const CLI_ROOT = process.env.PULUMI_CLI_ROOT ?? path.join(ROOT, "bin/pulumi-cli");
const CLI = path.join(CLI_ROOT, "bin");
const STUBS = path.join(__dirname, "engine");
const version = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
const archive = path.join(ROOT, "dist", `pulumi-resource-defang-v${version}-linux-amd64.tar.gz`);

/** Fails early, saying which make target provides what is missing. */
export function requireEngine(): void {
    assert.ok(fs.existsSync(path.join(CLI, "pulumi")), `no Pulumi CLI in ${CLI}: run make test_engine`);
    assert.ok(fs.existsSync(archive), `no plugin archive ${archive}: run make dist`);
}

/** The generated Node.js SDK as `make build_sdk_nodejs` compiles it. */
export function defangSdk(): any {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return require(path.join(ROOT, "bin/sdk/nodejs"));
}

/**
 * Stack `dev` of `projectName` in a file backend under `home`, with the stand-in aws/random plugins on
 * PATH, `extraEnv` (e.g. moto's endpoint) in the engine's environment and aws:region us-east-1. Our
 * plugin is installed from the archive (`install: "file"`), or left for the engine to download
 * (`install: "download"`: automatic plugin acquisition on, nothing installed).
 */
export async function engineStack(
    home: string,
    projectName: string,
    program: PulumiFn,
    extraEnv: Record<string, string> = {},
    install: "file" | "download" = "file",
): Promise<{ stack: Stack; env: Record<string, string> }> {
    const env: Record<string, string> = {
        PATH: `${STUBS}:${CLI}:${process.env.PATH}`,
        PULUMI_HOME: path.join(home, "pulumi-home"),
        PULUMI_BACKEND_URL: `file://${home}`,
        PULUMI_CONFIG_PASSPHRASE: "engine-test",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        ...(install === "file" ? { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true" } : {}),
        ...extraEnv,
    };
    if (install === "file") {
        execFileSync(path.join(CLI, "pulumi"), ["plugin", "install", "resource", "defang", version, "--file", archive], { env: { ...process.env, ...env }, stdio: "pipe" });
    }
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: "dev", projectName, program },
        {
            envVars: env,
            pulumiHome: env.PULUMI_HOME,
            pulumiCommand: await PulumiCommand.get({ root: CLI_ROOT, skipVersionCheck: true }),
            projectSettings: { name: projectName, runtime: "nodejs", backend: { url: env.PULUMI_BACKEND_URL } },
        },
    );
    await stack.setConfig("aws:region", { value: "us-east-1" });
    return { stack, env };
}

/** The Pulumi CLI the engine tests use. */
export const PULUMI = path.join(CLI, "pulumi");
