// Secret handling for captured resource inputs and outputs. Under the mock monitor a secret arrives
// as `{ <sig>: <secretSig>, value }` (secretness is pushed up to the top-level property).
import { isRpcSecret, unwrapRpcSecret } from "@pulumi/pulumi/runtime/rpc";

export const SECRET_PLACEHOLDER = "[secret]";

/** Every secret value replaced by "[secret]" (what `plan` prints). */
export function redactSecrets(value: unknown): unknown {
    if (isRpcSecret(value)) return SECRET_PLACEHOLDER;
    if (Array.isArray(value)) return value.map(redactSecrets);
    if (isPlainObject(value)) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = redactSecrets(v);
        return out;
    }
    return value;
}

/** Every secret unwrapped to its value (for tests that check what a secret contains). */
export function revealSecrets(value: unknown): unknown {
    if (isRpcSecret(value)) return revealSecrets(unwrapRpcSecret(value));
    if (Array.isArray(value)) return value.map(revealSecrets);
    if (isPlainObject(value)) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = revealSecrets(v);
        return out;
    }
    return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (typeof value !== "object" || value === null) return false;
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}
