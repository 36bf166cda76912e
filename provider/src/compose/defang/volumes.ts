// Volumes are container-local for now: named and anonymous volumes lose their data when a task is
// replaced, and bind mounts have no host to read from. EFS-backed named volumes are planned; until
// they land these stay warnings (as in Defang) rather than errors, so existing apps still deploy.
import type { ServiceConfig } from "../types";
import type { ServiceReporter } from "./report";
import { displayPath } from "./util";

export function checkVolumes(svc: ServiceConfig, isManagedStore: boolean, workingDir: string, r: ServiceReporter): void {
    // A managed store replaces the container, and with it the container's data directory.
    if (isManagedStore) return;
    (svc.volumes ?? []).forEach((v, i) => {
        const value = v.source ? `${v.type === "bind" ? displayPath(v.source, workingDir) : v.source}:${v.target}` : v.target;
        if (v.type === "bind" || v.type === "npipe") r.report("volume-bind-ignored", ["volumes", i], { value });
        else if (v.type === "tmpfs") r.report("tmpfs-ignored", ["volumes", i]);
        else r.report("volume-not-persisted", ["volumes", i], { value });
    });
}
