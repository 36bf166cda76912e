// Volumes. A named volume declared at the top level becomes an Amazon EFS file system (plan/volumes.ts):
// it survives task restarts and is shared by every service that mounts it. What EFS cannot be is refused
// at its line: host paths (the Docker socket above all), volume drivers and options, `external` volumes,
// two POSIX owners for one volume. Bind mounts of project files stay warnings (their files are not
// shipped), anonymous volumes stay container-local (warned), tmpfs is ignored.
import * as path from "path";
import type { ComposeProject, ServiceConfig, ServiceVolume } from "../types";
import type { Reporter, ServiceReporter } from "./report";
import { engineOfImage, isStatefulImage, storeSuggestion } from "./stores";
import { displayPath } from "./util";
import { namedMounts } from "../volumes";

/** The POSIX identity EFS access points use when the service gives no numeric `user:` (documented in the README). */
export const DEFAULT_VOLUME_OWNER = { uid: 1000, gid: 1000 } as const;

/** Container runtime sockets: mounting one hands the container its host (and Fargate has none). */
const HOST_SOCKETS = ["/var/run/docker.sock", "/run/docker.sock", "/run/containerd/containerd.sock", "/var/run/crio/crio.sock"];

/** `uid[:gid]` of a numeric, non-root `user:` (names cannot be resolved without the image; root stays the default). */
export function numericOwner(user: string | undefined): { uid: number; gid: number } | undefined {
    const m = /^\s*(\d+)(?::(\d+))?\s*$/.exec(user ?? "");
    if (!m) return undefined;
    const uid = Number(m[1]);
    const gid = m[2] !== undefined ? Number(m[2]) : uid;
    if (uid === 0 || uid > 2 ** 32 - 2 || gid > 2 ** 32 - 2) return undefined;
    return { uid, gid };
}

/**
 * One service's volumes. `runsContainer` is false for managed stores, `x-defang-s3` stand-ins and
 * static sites: nothing of theirs is mounted (their own rules say so).
 */
export function checkVolumes(svc: ServiceConfig, runsContainer: boolean, workingDir: string, r: ServiceReporter): void {
    if (!runsContainer) return;
    (svc.volumes ?? []).forEach((v, i) => {
        const at = ["volumes", i];
        if (v.type === "bind" || v.type === "npipe") {
            checkBind(v, workingDir, at, r);
        } else if (v.type === "tmpfs") {
            r.report("tmpfs-ignored", at);
        } else if (v.type !== "volume") {
            r.report("volume-option-unsupported", [...at, "type"], { volume: v.source ?? v.target, option: `type: ${v.type}` });
        } else if (!v.source) {
            r.report("volume-not-persisted", at, { value: v.target });
        } else {
            if (v.volume?.subpath) r.report("volume-option-unsupported", [...at, "volume", "subpath"], { volume: v.source, option: "volume.subpath" });
            r.report("volume-efs", at, { volume: v.source, target: v.target });
        }
    });
    const named = namedMounts(svc);
    if (named.length > 0 && svc.image && isStatefulImage(svc.image)) {
        const engine = engineOfImage(svc.image);
        r.report("volume-database", ["volumes", named[0].index], { value: `\`${svc.image}\``, volume: named[0].name, suggestion: storeSuggestion(engine) });
    }
}

function checkBind(v: ServiceVolume, workingDir: string, at: Array<string | number>, r: ServiceReporter): void {
    const source = v.source ?? "";
    const value = `${displayPath(source, workingDir)}:${v.target}`;
    if (HOST_SOCKETS.includes(path.posix.normalize(source)) || /docker_engine$/.test(source)) {
        r.report("volume-docker-socket", at, { value });
        return;
    }
    const rel = path.relative(workingDir, source);
    const inProject = v.type === "bind" && source !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
    r.report(inProject ? "volume-bind-ignored" : "volume-host-path", at, { value });
}

/**
 * Project-wide: the top-level declaration of every volume a container mounts (no driver, options or
 * `external`: the component creates an EFS file system), and one POSIX owner per volume (one access point).
 */
export function checkVolumeDeclarations(project: ComposeProject, containers: ServiceConfig[], reporter: Reporter): void {
    const owners = new Map<string, { service: string; user: string; key: string }>();
    const checked = new Set<string>();
    for (const svc of containers) {
        const r = reporter.forService(svc.name);
        for (const { name, index } of namedMounts(svc)) {
            if (!checked.has(name)) {
                checked.add(name);
                checkDeclaration(project, name, reporter);
            }
            const owner = numericOwner(svc.user) ?? DEFAULT_VOLUME_OWNER;
            const key = `${owner.uid}:${owner.gid}`;
            const user = svc.user ? `\`${svc.user}\`` : "the default user";
            const first = owners.get(name);
            if (!first) owners.set(name, { service: svc.name, user, key });
            else if (first.key !== key) {
                r.report("volume-owner-conflict", svc.user ? ["user"] : ["volumes", index], { volume: name, other: first.service, otherUser: first.user, user });
            }
        }
    }
}

function checkDeclaration(project: ComposeProject, name: string, reporter: Reporter): void {
    const decl = project.volumes?.[name];
    if (!decl) return; // the loader reports volumes used but not declared
    const at = ["volumes", name];
    if (decl.external) reporter.report("volume-external-unsupported", [...at, "external"], { volume: name });
    const opts = Object.keys(decl.driver_opts ?? {});
    if (decl.driver && decl.driver !== "local") reporter.report("volume-driver-unsupported", [...at, "driver"], { volume: name, what: `driver \`${decl.driver}\`` });
    else if (opts.length > 0) reporter.report("volume-driver-unsupported", [...at, "driver_opts"], { volume: name, what: `driver_opts (${opts.join(", ")})` });
}
