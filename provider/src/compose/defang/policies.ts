// x-defang-policies entries that hand the task role administrator-like rights. Attaching them is allowed
// (the user may mean it), but a compromised container then owns the account, so each gets a warning;
// the security rule IAM-05 checks the same on the planned graph.
import type { ServiceReporter } from "./report";

/** Why an AWS-managed policy (ARN `arn:aws:iam::aws:policy/...` or bare name) is admin-like, or undefined. */
export function adminLikePolicy(policy: string): string | undefined {
    let name = policy;
    if (policy.startsWith("arn:")) {
        // Customer-managed ARNs (an account id) are the user's own, scoped policies.
        const m = /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/.exec(policy);
        if (!m) return undefined;
        name = m[1];
    }
    const leaf = name.slice(name.lastIndexOf("/") + 1);
    if (/^AdministratorAccess/i.test(leaf)) return "full administrator access";
    if (/^PowerUserAccess$/i.test(leaf)) return "every action except IAM and Organizations";
    if (/^IAMFullAccess$/i.test(leaf)) return "it can grant itself any permission";
    if (/FullAccess$/i.test(leaf)) return "every action of a service on every resource";
    return undefined;
}

/** Warn on each admin-like entry, at its list item (or at the key for a single / comma-separated string). */
export function checkAdminPolicies(value: unknown, r: ServiceReporter): void {
    const key = "x-defang-policies";
    const items: Array<[string, Array<string | number>]> = Array.isArray(value)
        ? value.map((v, i) => [String(v), [key, i]])
        : [[String(value), [key]]];
    for (const [item, path] of items) {
        for (const policy of item.split(",").map((s) => s.trim()).filter((s) => s)) {
            const why = adminLikePolicy(policy);
            if (why) r.report("policy-admin-like", path, { policy, why });
        }
    }
}
