// Closing a scope (the main project, or an included one): build context default, `env_file`
// merged under `environment` (environment wins), bare environment keys resolved from the scope's
// variables (else they stay bare config references), `label_file` merged under `labels`.
import * as fs from "fs";
import * as path from "path";
import type { Diagnostics } from "./diag";
import { EnvTemplate } from "./interpolate-tree";
import { RawMap, assign, entryLoc, entryLocs, isMap, isSeq, newMap, setEntryLocs } from "./tree";
import { isFile } from "./fs-checks";
import { readEnvFile } from "./variables";
import type { Scope } from "./documents";
import { checkInsideProject } from "./boundary";

export function finishScope(model: RawMap, scope: Scope, diags: Diagnostics): void {
    const services = model.services;
    if (!isMap(services)) return;
    for (const name of Object.keys(services)) {
        const svc = services[name];
        if (!isMap(svc)) continue;
        if (isMap(svc.build) && svc.build.context === undefined) svc.build.context = scope.workingDir;
        if (isMap(svc.build)) checkBuildPaths(svc, scope, diags);
        resolveEnvironment(svc, scope, diags);
        resolveLabels(svc, scope, diags);
    }
}

function resolveEnvironment(svc: RawMap, scope: Scope, diags: Diagnostics): void {
    const env = isMap(svc.environment) ? svc.environment : undefined;
    if (env) {
        for (const key of Object.keys(env)) {
            if (env[key] !== null) continue;
            const v = scope.vars.get(key);
            if (v !== undefined) env[key] = typeof v === "string" ? v : new EnvTemplate(v);
        }
    }
    if (!isSeq(svc.env_file) || svc.env_file.length === 0) return;
    const fromFiles = newMap();
    const files = svc.env_file;
    files.forEach((entry, i) => {
        if (!isMap(entry) || typeof entry.path !== "string") return;
        if (!checkInsideProject(scope.boundary, entry.path, "env_file", entryLoc(files, i), diags)) return;
        const required = entry.required !== false && entry.required !== "false";
        if (!isFile(entry.path)) {
            if (required) {
                diags.error("env-file-not-found", `env file ${entry.path} not found`, entryLoc(files, i),
                    "create the file, or mark it optional with {path: FILE, required: false}");
            }
            return;
        }
        const lookup = (n: string) => {
            const own = fromFiles[n];
            if (typeof own === "string") return own;
            return scope.vars.get(n);
        };
        const vars = entry.format === "raw" ? readRaw(entry.path) : readEnvFile(entry.path, lookup, diags);
        for (const [k, v] of vars) {
            assign(fromFiles, k, typeof v === "string" ? v : new EnvTemplate(v));
            setEntryLocs(fromFiles, k, { value: entryLoc(files, i) });
        }
    });
    const merged = fromFiles;
    if (env) {
        for (const key of Object.keys(env)) {
            assign(merged, key, env[key]);
            setEntryLocs(merged, key, entryLocs(env, key) ?? {});
        }
    }
    svc.environment = merged;
}

function readRaw(file: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
        if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
        const eq = line.indexOf("=");
        if (eq > 0) out.set(line.slice(0, eq), line.slice(eq + 1));
    }
    return out;
}

function resolveLabels(svc: RawMap, scope: Scope, diags: Diagnostics): void {
    if (!isSeq(svc.label_file) || svc.label_file.length === 0) return;
    const merged = newMap();
    const files = svc.label_file;
    files.forEach((f, i) => {
        if (typeof f !== "string") return;
        if (!checkInsideProject(scope.boundary, f, "label_file", entryLoc(files, i), diags)) return;
        if (!isFile(f)) {
            diags.error("label-file-not-found", `label file ${f} not found`, entryLoc(files, i), "create the file or remove it from label_file");
            return;
        }
        for (const [k, v] of readEnvFile(f, () => undefined, diags)) assign(merged, k, typeof v === "string" ? v : "");
    });
    const labels = isMap(svc.labels) ? svc.labels : undefined;
    if (labels) for (const k of Object.keys(labels)) {
        assign(merged, k, labels[k]);
        setEntryLocs(merged, k, entryLocs(labels, k) ?? {});
    }
    svc.labels = merged;
}


/** Build contexts are zipped and uploaded at `up`: local ones (absolute after canonicalization) stay inside the project. */
function checkBuildPaths(svc: RawMap, scope: Scope, diags: Diagnostics): void {
    const build = svc.build as RawMap;
    const at = (key: string) => entryLoc(build, key) ?? entryLoc(svc, "build");
    const context = build.context;
    if (typeof context === "string" && path.isAbsolute(context)) {
        if (!checkInsideProject(scope.boundary, context, "build context", at("context"), diags)) return;
        // A Dockerfile given by an absolute or ../ path may leave the context.
        if (typeof build.dockerfile === "string") {
            checkInsideProject(scope.boundary, path.resolve(context, build.dockerfile), "dockerfile", at("dockerfile"), diags);
        }
    }
    const extra = build.additional_contexts;
    if (isMap(extra)) {
        for (const name of Object.keys(extra)) {
            const p = extra[name];
            if (typeof p === "string" && path.isAbsolute(p)) checkInsideProject(scope.boundary, p, "additional context", entryLoc(extra, name) ?? at("additional_contexts"), diags);
        }
    }
}
