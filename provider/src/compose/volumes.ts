// Short volume syntax (`[source:]target[:options]`), as compose-go's format.ParseVolume reads it:
// a source that looks like a path (`.`, `/`, `~`, a Windows drive or pipe) is a bind mount, anything
// else a named volume; no source is an anonymous volume.
import * as path from "path";
import type { ServiceConfig, ServiceVolume } from "./types";

export class VolumeError extends Error {}

export interface VolumeSpec {
    type: "volume" | "bind";
    source?: string;
    target: string;
    read_only?: boolean;
    consistency?: string;
    bind?: { propagation?: string; create_host_path?: boolean; selinux?: string };
    volume?: { nocopy?: boolean };
}

const PROPAGATION = ["shared", "rshared", "slave", "rslave", "private", "rprivate"];
const CONSISTENCY = ["consistent", "cached", "delegated"];

export function parseVolumeSpec(spec: string): VolumeSpec {
    if (spec.trim() === "") throw new VolumeError("invalid empty volume spec");
    const parts = splitVolume(spec);
    if (parts.length > 3) throw new VolumeError(`invalid spec: ${spec}: too many colons`);
    let source: string | undefined;
    let target: string;
    let options: string[] = [];
    if (parts.length === 1) target = parts[0];
    else {
        source = parts[0];
        target = parts[1];
        if (parts.length === 3) options = parts[2].split(",").filter((o) => o !== "");
    }
    if (target === "") throw new VolumeError(`invalid spec: ${spec}: empty target`);
    const isBind = source !== undefined && isFilePath(source);
    const v: VolumeSpec = { type: isBind ? "bind" : "volume", target: cleanTarget(target) };
    if (source !== undefined && source !== "") v.source = source;
    if (isBind) v.bind = { create_host_path: true };
    else v.volume = {};
    for (const o of options) {
        if (o === "ro") v.read_only = true;
        else if (o === "rw") continue;
        else if (o === "z" || o === "Z") (v.bind ??= {}).selinux = o;
        else if (o === "nocopy") (v.volume ??= {}).nocopy = true;
        else if (PROPAGATION.includes(o)) (v.bind ??= {}).propagation = o;
        else if (CONSISTENCY.includes(o)) v.consistency = o;
        else throw new VolumeError(`invalid spec: ${spec}: unknown option '${o}'`);
    }
    return v;
}

function splitVolume(spec: string): string[] {
    const raw = spec.split(":");
    const parts: string[] = [];
    for (let i = 0; i < raw.length; i++) {
        // Keep a Windows drive letter with its path: `C:\data:/data`.
        if (/^[a-zA-Z]$/.test(raw[i]) && i + 1 < raw.length && /^[\\/]/.test(raw[i + 1]) && parts.length === 0) {
            parts.push(`${raw[i]}:${raw[i + 1]}`);
            i++;
        } else parts.push(raw[i]);
    }
    return parts;
}

export function isFilePath(source: string): boolean {
    if (source === "") return false;
    if (".~/".includes(source[0])) return true;
    if (source.startsWith("\\\\")) return true;
    return /^[a-zA-Z]:[\\/]/.test(source);
}

/** compose-go path-cleans volume targets (POSIX semantics, keeps Windows-looking targets). */
export function cleanTarget(target: string): string {
    if (/^[a-zA-Z]:[\\/]/.test(target) || target.startsWith("\\\\")) return target;
    return path.posix.normalize(target).replace(/(.)\/$/, "$1");
}

/** The named volumes a service mounts (an EFS file system each), with their index in `volumes`. */
export function namedMounts(svc: Pick<ServiceConfig, "volumes">): Array<{ volume: ServiceVolume; index: number; name: string }> {
    return (svc.volumes ?? []).flatMap((volume, index) => (volume.type === "volume" && volume.source ? [{ volume, index, name: volume.source }] : []));
}
