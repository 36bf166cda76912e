// Metric dimensions the alarms and the dashboard share: a service's ECS metrics, the target groups a
// port's traffic goes through, the nodes and instances of a managed store.
import type { MetricDimension, ServicePlan, StorePlan, TargetGroupPlan } from "./types";

/** `{ ClusterName, ServiceName }` of a service's ECS metrics (the cluster's name as it exists, see MetricDimension). */
export function ecsDimensions(s: ServicePlan): Record<string, MetricDimension> {
    return { ClusterName: { ref: "cluster" }, ServiceName: s.ecsServiceName };
}

/** The target groups a port's traffic goes through: its own, and the alternate one of a traffic-shifting rollout. */
export function portTargetGroups(tg: TargetGroupPlan): Array<{ ref: "targetGroup"; targetGroup: string; alternate?: boolean }> {
    return [{ ref: "targetGroup", targetGroup: tg.key }, ...(tg.alternateName ? [{ ref: "targetGroup" as const, targetGroup: tg.key, alternate: true }] : [])];
}

/** A store's instances or nodes (one metric each): the RDS instance, each ElastiCache node, each DocumentDB instance. */
export function storeMembers(store: StorePlan): MetricDimension[] {
    const count = store.kind === "redis" ? store.numCacheClusters : store.kind === "mongodb" ? store.instances : 1;
    return Array.from({ length: count }, (_v, member) => ({ ref: "store" as const, store: store.name, member }));
}
