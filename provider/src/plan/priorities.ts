// Listener-rule priorities that do not move: each rule's priority comes from a hash of its own key
// (service, port, chunk), so adding or removing a service leaves every other rule where it was.
// Collisions (rare: ≤ 100 rules in 50,000 slots) are resolved by probing upwards, keys in sorted order.
import { createHash } from "crypto";

export const MIN_PRIORITY = 1;
export const MAX_PRIORITY = 50000;

export function preferredPriority(key: string): number {
    const n = createHash("sha256").update(key).digest().readUInt32BE(0);
    return MIN_PRIORITY + (n % (MAX_PRIORITY - MIN_PRIORITY + 1));
}

/** The last priority, kept for catch-all rules (`/*`), which must come after every host rule. */
export const CATCH_ALL_PRIORITY = MAX_PRIORITY;

/** Unique priorities for `keys` (at most 49,999 of them), never the catch-all one. */
export function assignPriorities(keys: readonly string[]): Map<string, number> {
    const taken = new Set<number>([CATCH_ALL_PRIORITY]);
    const out = new Map<string, number>();
    for (const key of [...new Set(keys)].sort()) {
        let p = preferredPriority(key);
        while (taken.has(p)) p = p >= MAX_PRIORITY ? MIN_PRIORITY : p + 1;
        taken.add(p);
        out.set(key, p);
    }
    return out;
}
