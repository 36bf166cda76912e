// Compose networks: which services may reach which is kept (security groups per network), but
// `internal: true` (no outbound traffic) cannot be: tasks need the internet to pull images and to
// ship logs. Say so where the user wrote it rather than deploy something more open silently.
import type { ComposeProject } from "../types";
import type { Reporter } from "./report";

export function checkNetworks(project: ComposeProject, r: Reporter): void {
    const used = new Set(Object.values(project.services).flatMap((s) => Object.keys(s.networks ?? {})));
    for (const [name, net] of Object.entries(project.networks ?? {})) {
        if (net.internal && used.has(name)) r.report("network-internal-egress", ["networks", name, "internal"], { name });
    }
}
