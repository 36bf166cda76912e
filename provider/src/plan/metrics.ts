// Metric dimensions the alarms and the dashboard share: a service's ECS metrics, the target groups a
// port's traffic goes through, the nodes and instances of a managed store.
import type { PlanContext } from "./context";
import { clusterName } from "./naming";
import type { ServicePlan, StorePlan, TargetGroupPlan } from "./types";

/** `{ ClusterName, ServiceName }` of a service's ECS metrics. */
export function ecsDimensions(ctx: PlanContext, s: ServicePlan): Record<string, string> {
    return { ClusterName: clusterName(ctx.project.name, ctx.options.stack), ServiceName: s.ecsServiceName };
}

/** The target groups a port's traffic goes through: its own, and the alternate one of a traffic-shifting rollout. */
export function portTargetGroups(tg: TargetGroupPlan): Array<{ ref: "targetGroup"; targetGroup: string; alternate?: boolean }> {
    return [{ ref: "targetGroup", targetGroup: tg.key }, ...(tg.alternateName ? [{ ref: "targetGroup" as const, targetGroup: tg.key, alternate: true }] : [])];
}

/** ElastiCache names the nodes of a replication group `<id>-001`, `<id>-002`, …; DocumentDB instances are `<cluster>-1`, … (aws/mongodb.ts). */
export function storeMembers(store: StorePlan): string[] {
    if (store.kind === "redis") return Array.from({ length: store.numCacheClusters }, (_v, i) => `${store.identifier}-${String(i + 1).padStart(3, "0")}`);
    if (store.kind === "mongodb") return Array.from({ length: store.instances }, (_v, i) => `${store.identifier}-${i + 1}`);
    return [store.identifier];
}
