// The MCP tools' work, free of the protocol: the same load, plan and price as the CLI commands, with
// JSON results. Each result has `ok` and the app's `diagnostics`; `ok` is false when the compose
// app has errors (then there is no plan or estimate) or a named input cannot be read.
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { hasErrors, loadForDeploy, loadProject, type Diagnostic, type LoadOptions } from "../compose";
import { renderProject } from "../compose/render";
import { checkMode, checkRegion, checkStack } from "../cli/common-options";
import { diagnosticJson, shownDiagnostics } from "../cli/diagnostics";
import { checkLoaded } from "../cli/commands/validate";
import { deployTimeJson } from "../cli/deploy-time-output";
import { planJson } from "../cli/plan-output";
import { estimateResources, MissingPriceError, parseUsage, supportedRegions } from "../estimate";
import { deployTime } from "../estimate/deploy-time";
import { toJson } from "../estimate/format";
import { serviceNamesOf } from "../estimate/graph";
import type { OfflinePlanOptions, OfflinePlanResult } from "../offline/plan";
import type { Mode } from "../plan/modes";

/** What every tool takes: the compose app (text, or a file or directory), and where it would run. */
export interface AppInput {
    composeYaml?: string;
    path?: string;
    files?: string[];
    workingDir?: string;
    projectName?: string;
    profiles?: string[];
    envFiles?: string[];
    environment?: Record<string, string>;
    allowFilesOutsideProject?: boolean;
    mode?: string;
    region?: string;
    stack?: string;
}

/** A tool's input that cannot be used as given (a missing file, two sources, a bad region name). */
export class ToolInputError extends Error {}

export interface ResolvedApp {
    load: LoadOptions;
    mode: Mode;
    region: string;
    stack: string;
}

/** The app input as loader options plus mode, region and stack (the CLI's defaults and checks). */
export function resolveApp(input: AppInput, cwd = process.cwd()): ResolvedApp {
    const sources = [input.composeYaml !== undefined && "composeYaml", input.path !== undefined && "path", input.files !== undefined && "files"].filter(Boolean);
    if (sources.length > 1) throw new ToolInputError(`give one of composeYaml, path or files, not ${sources.join(" and ")}`);
    const base = path.resolve(cwd, input.workingDir ?? ".");
    const abs = (p: string) => path.resolve(base, p);
    const load: LoadOptions = { workingDir: base, projectName: input.projectName, profiles: input.profiles, environment: input.environment };
    if (input.allowFilesOutsideProject === true) load.allowFilesOutsideProject = true;
    if (input.composeYaml !== undefined) load.inline = [{ filename: "compose.yaml", text: input.composeYaml }];
    if (input.path !== undefined) {
        const target = abs(input.path);
        if (isDirectory(target)) load.workingDir = target;
        else load.files = [requireFile(target, "compose file")];
    }
    if (input.files !== undefined) load.files = input.files.map((f) => requireFile(abs(f), "compose file"));
    if (input.envFiles !== undefined) load.envFiles = input.envFiles.map((f) => requireFile(abs(f), "env file"));
    try {
        return { load, mode: checkMode(input.mode), region: checkRegion(input.region), stack: checkStack(input.stack) };
    } catch (err) {
        throw new ToolInputError((err as Error).message);
    }
}

function isDirectory(p: string): boolean {
    try {
        return fs.statSync(p).isDirectory();
    } catch {
        return false;
    }
}

function requireFile(p: string, what: string): string {
    let ok = false;
    try {
        ok = fs.statSync(p).isFile();
    } catch {
        ok = false;
    }
    if (!ok) throw new ToolInputError(`${p}: no such ${what}`);
    return p;
}

const shown = (diagnostics: readonly Diagnostic[], verbose = false) => shownDiagnostics(diagnostics, undefined, verbose).map(diagnosticJson);

export function validateTool(input: AppInput & { verbose?: boolean }): Record<string, unknown> {
    const app = resolveApp(input);
    const loaded = loadForDeploy({ ...app.load, mode: app.mode });
    const { diagnostics, config } = checkLoaded(loaded, app);
    const count = (severity: string) => diagnostics.filter((d) => d.severity === severity).length;
    return {
        ok: !!loaded.project && !hasErrors(diagnostics),
        project: loaded.project?.name ?? null,
        mode: app.mode,
        services: loaded.project ? Object.keys(loaded.project.services).sort() : [],
        errors: count("error"),
        warnings: count("warning"),
        diagnostics: shown(diagnostics, input.verbose),
        // Values the deploy reads from SSM /Defang/<project>/<stack>/ (or the component's config input).
        config,
    };
}

export function renderTool(input: AppInput): Record<string, unknown> {
    const app = resolveApp(input);
    const loaded = loadProject(app.load);
    const ok = !!loaded.project && !hasErrors(loaded.diagnostics);
    return {
        ok,
        diagnostics: shown(loaded.diagnostics),
        // The YAML form keeps x-* extensions at every level (x-defang-postgres…), which compose-go's JSON form drops.
        ...(ok ? { project: parseYaml(renderProject(loaded.project!, "yaml")) } : {}),
    };
}

/** The offline plan's entry point, loaded on first use (it brings the component and the mock engine). */
export type RunOfflinePlan = (opts: OfflinePlanOptions) => Promise<OfflinePlanResult>;

// eslint-disable-next-line @typescript-eslint/no-var-requires
const realOfflinePlan: RunOfflinePlan = (opts) => (require("../offline/plan") as typeof import("../offline/plan")).runOfflinePlan(opts);

async function offlinePlan(app: ResolvedApp, run: RunOfflinePlan): Promise<OfflinePlanResult> {
    const { load } = app;
    return run({
        files: load.files,
        composeYaml: load.inline?.[0]?.text,
        workingDir: load.workingDir,
        projectName: load.projectName,
        profiles: load.profiles,
        envFiles: load.envFiles,
        allowFilesOutsideProject: load.allowFilesOutsideProject,
        environment: load.environment ?? {},
        mode: app.mode,
        region: app.region,
        stack: app.stack,
    });
}

export async function planTool(input: AppInput & { criticalPath?: boolean }, run = realOfflinePlan): Promise<Record<string, unknown>> {
    const app = resolveApp(input);
    const result = await offlinePlan(app, run);
    if (hasErrors(result.diagnostics)) return { ok: false, diagnostics: shown(result.diagnostics) };
    return {
        ok: true,
        diagnostics: shown(result.diagnostics),
        ...planJson(result, app.stack),
        ...(input.criticalPath ? { criticalPath: deployTimeJson(deployTime(result.resources, serviceNamesOf(result.outputs))) } : {}),
    };
}

export async function estimateTool(input: AppInput & { usage?: Record<string, unknown> }, run = realOfflinePlan): Promise<Record<string, unknown>> {
    const app = resolveApp(input);
    if (!supportedRegions().includes(app.region)) throw new ToolInputError(`no price data for region '${app.region}'; supported regions: ${supportedRegions().join(", ")}`);
    const usage = input.usage === undefined ? undefined : parseUsage(JSON.stringify(input.usage), "usage");
    if (usage && hasErrors(usage.diagnostics)) return { ok: false, diagnostics: shown(usage.diagnostics) };
    const result = await offlinePlan(app, run);
    if (hasErrors(result.diagnostics)) return { ok: false, diagnostics: shown(result.diagnostics) };
    try {
        const priced = estimateResources(result.resources, { region: app.region, mode: result.mode, project: result.project, usage: usage?.usage, serviceNames: serviceNamesOf(result.outputs) });
        return { ok: true, diagnostics: shown(result.diagnostics), ...toJson(priced) };
    } catch (err) {
        if (err instanceof MissingPriceError) throw new ToolInputError(err.message);
        throw err;
    }
}
