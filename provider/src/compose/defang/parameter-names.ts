// Environment keys become SSM parameter names (`/Defang/<project>/<stack>/<service>/<KEY>`) when their
// value is kept out of the task definition; SSM allows fewer characters than environment names, so
// `API TOKEN` and `API_TOKEN` fold to one parameter. Refused rather than silently merged. Across
// services no fold happens: the service name is part of the path and compose names need no folding.
import { parameterLeaf } from "../secret-names";
import type { ServiceConfig } from "../types";
import type { ServiceReporter } from "./report";

export function checkParameterNames(svc: ServiceConfig, r: ServiceReporter): void {
    const first = new Map<string, string>();
    for (const key of Object.keys(svc.environment ?? {})) {
        const leaf = parameterLeaf(key);
        const other = first.get(leaf);
        if (other === undefined) {
            first.set(leaf, key);
            continue;
        }
        r.report("parameter-name-collision", ["environment", key], { key: JSON.stringify(key), other: JSON.stringify(other), parameter: `${svc.name}/${leaf}` });
    }
}
