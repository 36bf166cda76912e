// Compose allows any name where this package puts names into JavaScript objects (services, environment,
// labels, build args, depends_on…). `__proto__` is the one name such an object cannot hold as a plain
// key — assigned, it changes the object's prototype and vanishes — so it is refused wherever it appears
// (a YAML key, a `NAME=value` list entry, an env file line), never silently dropped.
import type { Diagnostics } from "./diag";
import { entryLoc, entryLocs, isMap, isSeq } from "./tree";

const RESERVED = "__proto__";

/** Reports (and removes) every `__proto__` key of the merged document, each at its place. */
export function refuseReservedKeys(tree: unknown, diags: Diagnostics): void {
    const pending: unknown[] = [tree];
    while (pending.length > 0) {
        const node = pending.pop();
        if (isSeq(node)) for (const item of node) pending.push(item); // not push(...node): a huge list would overflow the stack
        else if (isMap(node)) {
            if (Object.prototype.hasOwnProperty.call(node, RESERVED)) {
                diags.error("reserved-key", `the name ${RESERVED} is not supported`, entryLocs(node, RESERVED)?.key ?? entryLoc(node, RESERVED), `rename it: ${RESERVED} is reserved in JavaScript, where this file's names become object keys`);
                delete node[RESERVED];
            }
            for (const k of Object.keys(node)) pending.push(node[k]);
        }
    }
}
