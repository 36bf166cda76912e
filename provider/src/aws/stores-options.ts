// Resource options shared by every managed store: the data outlives mistakes.
import * as pulumi from "@pulumi/pulumi";
import type { StorePlanBase } from "../plan/types";
import type { AwsContext } from "./context";

/** Fixed maintenance windows (UTC), chosen so backups never overlap maintenance. */
export const BACKUP_WINDOW = "04:00-05:00";
export const MAINTENANCE_WINDOW = "sun:05:30-sun:06:30";
/** ElastiCache takes its snapshots outside the RDS backup hour to spread the I/O. */
export const CACHE_SNAPSHOT_WINDOW = "03:00-04:00";

/**
 * Options for a resource that holds data (database instance, cluster, replication group).
 * - `protect` + `retainOnDelete` when the plan asks (high_availability): neither an accidental
 *   `pulumi destroy` nor a replacement can delete the data.
 * - `deleteBeforeReplace: false` in every mode: if a replacement is ever demanded, the old store
 *   keeps serving until the new one exists.
 * - `ignoreChanges` for inputs that only matter at creation (restore snapshot, master user, initial
 *   database) or that AWS moves itself; a later edit must never replace the store.
 */
export function statefulOptions(ctx: AwsContext, store: StorePlanBase, ignoreChanges: string[]): pulumi.CustomResourceOptions {
    return {
        parent: ctx.parent,
        protect: store.protect,
        retainOnDelete: store.protect,
        deleteBeforeReplace: false,
        ignoreChanges: [...ignoreChanges].sort(),
    };
}

/**
 * True when `version` pins a minor release ("16.4", "7.1.0"): auto minor upgrades then move AWS ahead
 * of the program, so the version must be ignored after creation. A bare major ("16") is a prefix the
 * AWS provider matches against the running version, so it needs no ignore and still allows upgrades.
 */
export function pinsMinorVersion(version: string, majorParts = 1): boolean {
    return version.split(".").length > majorParts;
}

/** Deterministic name of the snapshot taken when a store is deleted: the plan's, else `<identifier>-final`. */
export function finalSnapshotName(store: StorePlanBase): string {
    return store.finalSnapshotIdentifier ?? `${store.identifier}-final`;
}
