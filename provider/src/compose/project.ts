// The merged, canonical raw model → a ComposeProject: typed binding, compose-go's normalization
// (implicit default network, resource names, Dockerfile default, implicit dependencies), profiles,
// and the dependency checks (undefined or disabled dependencies, cycles).
import type { ComposeProject, NetworkConfig, ServiceConfig } from "./types";
import { Binder } from "./bind";
import { Diagnostics } from "./diag";
import { RawMap, entryLoc, isMap, keyLoc, locatePath } from "./tree";
import type { Variables } from "./variables";

export interface ProjectContext {
    name: string;
    workingDir: string;
    files: string[];
    vars: Variables;
    profiles: string[];
    /** Apply compose-go's normalization and consistency checks (false = `render --no-normalize`). */
    normalize: boolean;
    diags: Diagnostics;
}

export function buildProject(raw: RawMap, ctx: ProjectContext): ComposeProject {
    const binder = new Binder(ctx.diags);
    const all: Record<string, ServiceConfig> = {};
    const rawServices = isMap(raw.services) ? raw.services : {};
    for (const name of Object.keys(rawServices)) {
        const svc = rawServices[name];
        all[name] = binder.service(name, isMap(svc) ? svc : {});
    }
    const project: ComposeProject = {
        name: ctx.name,
        workingDir: ctx.workingDir,
        files: ctx.files,
        services: {},
        sources: { locate: (p) => locatePath(raw, p) },
    };
    bindResources(raw, project, binder);
    const ext: Record<string, unknown> = {};
    for (const k of Object.keys(raw)) if (k.startsWith("x-")) ext[k] = raw[k];
    if (Object.keys(ext).length > 0) project.extensions = ext;

    if (ctx.normalize) {
        for (const [name, s] of Object.entries(all)) relocateLimits(s, isMap(rawServices[name]) ? (rawServices[name] as RawMap) : {}, ctx.diags);
        normalize(project, all, ctx);
    }
    applyProfiles(project, all, ctx.profiles);
    if (ctx.normalize) checkDependencies(project, rawServices, ctx.diags);
    return project;
}

function bindResources(raw: RawMap, project: ComposeProject, binder: Binder): void {
    const sections = [
        ["networks", (r: RawMap, w: string[]) => binder.network(r, w)],
        ["volumes", (r: RawMap, w: string[]) => binder.volume(r, w)],
        ["secrets", (r: RawMap, w: string[]) => binder.secretOrConfig(r, w)],
        ["configs", (r: RawMap, w: string[]) => binder.secretOrConfig(r, w)],
        ["models", (r: RawMap, w: string[]) => binder.model(r, w)],
    ] as const;
    for (const [section, bind] of sections) {
        const m = raw[section];
        if (!isMap(m) || Object.keys(m).length === 0) continue;
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(m)) out[k] = bind(isMap(m[k]) ? (m[k] as RawMap) : {}, [section, k]);
        (project as unknown as Record<string, unknown>)[section] = out;
    }
}

function normalize(project: ComposeProject, services: Record<string, ServiceConfig>, ctx: ProjectContext): void {
    let usesDefault = false;
    for (const s of Object.values(services)) {
        if ((!s.networks || Object.keys(s.networks).length === 0) && !s.network_mode) {
            s.networks = { default: null };
        }
        if (s.networks && "default" in s.networks) usesDefault = true;
        if (s.pull_policy === "if_not_present") s.pull_policy = "missing";
        if (s.build) {
            if (s.build.dockerfile === undefined && s.build.dockerfile_inline === undefined) s.build.dockerfile = "Dockerfile";
            if (s.build.args) {
                for (const [k, v] of Object.entries(s.build.args)) {
                    const value = v === null ? ctx.vars.get(k) : undefined;
                    if (typeof value === "string") s.build.args[k] = value;
                }
            }
        }
        implicitDependencies(s);
    }
    if (usesDefault && !(project.networks && "default" in project.networks)) {
        project.networks = { ...(project.networks ?? {}), default: {} as NetworkConfig };
    }
    // A secret or config read from a variable gets its content (compose-go; render does not print it).
    for (const section of ["secrets", "configs"] as const) {
        for (const r of Object.values(project[section] ?? {})) {
            const v = r.environment !== undefined ? ctx.vars.get(r.environment) : undefined;
            if (typeof v === "string" && r.content === undefined) r.content = v;
        }
    }
    for (const section of ["networks", "volumes", "secrets", "configs"] as const) {
        const resources = project[section] as Record<string, { name?: string; external?: boolean }> | undefined;
        if (!resources) continue;
        for (const [key, r] of Object.entries(resources)) {
            if (r.name === undefined) r.name = r.external ? key : `${project.name}_${key}`;
        }
    }
}

/**
 * The service-level shorthands (`scale`, `mem_limit`, `mem_reservation`, `cpus`) move into `deploy`,
 * where later layers read them; the same setting given twice with different values is an error.
 */
function relocateLimits(s: ServiceConfig, raw: RawMap, diags: Diagnostics): void {
    const move = (key: string, value: number | undefined, target: string, get: () => number | undefined, set: (v: number) => void) => {
        if (value === undefined) return;
        const current = get();
        if (current !== undefined && current !== value) {
            diags.error("conflicting-values", `service '${s.name}' sets '${key}' and '${target}' to different values`, entryLoc(raw, key),
                `keep only '${target}'`);
            return;
        }
        set(value);
    };
    const deploy = () => (s.deploy ??= {});
    const resources = () => (deploy().resources ??= {});
    move("scale", s.scale, "deploy.replicas", () => s.deploy?.replicas, (v) => (deploy().replicas = v));
    move("mem_limit", s.mem_limit, "deploy.resources.limits.memory", () => s.deploy?.resources?.limits?.memory, (v) => ((resources().limits ??= {}).memory = v));
    move("mem_reservation", s.mem_reservation, "deploy.resources.reservations.memory", () => s.deploy?.resources?.reservations?.memory,
        (v) => ((resources().reservations ??= {}).memory = v));
    const cpus = s.other?.cpus;
    const cpuValue = typeof cpus === "number" ? cpus : typeof cpus === "string" && cpus.trim() !== "" && !Number.isNaN(Number(cpus)) ? Number(cpus) : undefined;
    move("cpus", cpuValue, "deploy.resources.limits.cpus", () => s.deploy?.resources?.limits?.cpus, (v) => ((resources().limits ??= {}).cpus = v));
}

function implicitDependencies(s: ServiceConfig): void {
    const add = (name: string, restart: boolean) => {
        s.depends_on ??= {};
        if (!(name in s.depends_on)) s.depends_on[name] = { condition: "service_started", required: true, restart };
    };
    for (const link of s.links ?? []) add(link.split(":")[0], true);
    for (const ns of [s.network_mode, s.ipc, s.pid, s.uts, s.other?.cgroup]) {
        if (typeof ns === "string" && ns.startsWith("service:")) add(ns.slice("service:".length), true);
    }
    for (const v of s.volumes_from ?? []) if (!v.startsWith("container:")) add(v.split(":")[0], false);
}

function applyProfiles(project: ComposeProject, services: Record<string, ServiceConfig>, profiles: string[]): void {
    const all = profiles.includes("*");
    for (const [name, s] of Object.entries(services)) {
        const enabled = !s.profiles || s.profiles.length === 0 || all || s.profiles.some((p) => profiles.includes(p));
        if (enabled) project.services[name] = s;
        else (project.disabledServices ??= {})[name] = s;
    }
}

function checkDependencies(project: ComposeProject, rawServices: RawMap, diags: Diagnostics): void {
    const depLoc = (svc: string, dep?: string) => {
        const raw = rawServices[svc];
        if (!isMap(raw)) return undefined;
        if (dep !== undefined && isMap(raw.depends_on)) return keyLoc(raw.depends_on, dep) ?? entryLoc(raw, "depends_on");
        return entryLoc(raw, "depends_on") ?? entryLoc(rawServices, svc);
    };
    for (const [name, s] of Object.entries(project.services)) {
        for (const [dep, d] of Object.entries(s.depends_on ?? {})) {
            if (project.services[dep]) continue;
            // Like Defang (consistency check off), a missing dependency is ignored, with a warning.
            const disabled = project.disabledServices?.[dep];
            if (disabled) {
                if (d.required) {
                    diags.warn("depends-on-disabled", `service '${name}' depends on '${dep}', which is not enabled (profiles: ${(disabled.profiles ?? []).join(", ")})`,
                        depLoc(name, dep), `it is ignored; enable one of its profiles (--profile ${disabled.profiles?.[0] ?? ""}) or mark the dependency 'required: false'`);
                }
                continue;
            }
            diags.warn("depends-on-undefined", `service '${name}' depends on '${dep}', which is not defined; the dependency is ignored`, depLoc(name, dep),
                `define service '${dep}' or remove it from depends_on`);
        }
    }
    reportCycles(project, depLoc, diags);
}

function reportCycles(project: ComposeProject, depLoc: (svc: string, dep?: string) => ReturnType<typeof entryLoc>, diags: Diagnostics): void {
    const state = new Map<string, "visiting" | "done">();
    const stack: string[] = [];
    const reported = new Set<string>();
    const visit = (name: string) => {
        state.set(name, "visiting");
        stack.push(name);
        for (const dep of Object.keys(project.services[name].depends_on ?? {})) {
            if (!project.services[dep]) continue;
            if (state.get(dep) === "visiting") {
                const cycle = [...stack.slice(stack.indexOf(dep)), dep];
                const key = [...cycle].sort().join(",");
                if (!reported.has(key)) {
                    reported.add(key);
                    const message = cycle.length === 2
                        ? `service '${name}' depends on itself`
                        : `dependency cycle: ${cycle.join(" → ")}`;
                    diags.error("depends-on-cycle", message, depLoc(name, dep), cycle.length === 2
                        ? `remove '${name}' from its own depends_on`
                        : "remove one of these depends_on entries: services must start in some order");
                }
            } else if (!state.has(dep)) visit(dep);
        }
        stack.pop();
        state.set(name, "done");
    };
    for (const name of Object.keys(project.services)) if (!state.has(name)) visit(name);
}
