// Service names become private DNS labels (`<label>.<project>.internal`, and bare `<label>` through
// the VPC search domain). Two names with one label would resolve to one of them at random.
import type { ServiceReporter } from "./report";

/** Lower case, `_` → `-` (the plan's `ServicePlan.label`). */
export function dnsLabel(name: string): string {
    return name.toLowerCase().replace(/_/g, "-");
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function checkServiceNames(services: ServiceReporter[]): void {
    const owners = new Map<string, string>();
    for (const r of services) {
        const label = dnsLabel(r.name);
        if (!LABEL.test(label)) {
            r.report("service-name-invalid", [], { name: r.name, label });
            continue;
        }
        const other = owners.get(label);
        if (other !== undefined) r.report("service-name-collision", [], { name: r.name, other, label });
        else owners.set(label, r.name);
    }
}
