// Evaluates the security rules (reference/security-rules.md) over a resource graph for one mode.
// Violations of rules that are mandatory in that mode fail; the others are advisory.
import type { Mode } from "../plan/modes";
import { COMPUTE_RULES } from "./compute";
import { dataRules } from "./data";
import { IAM_RULES } from "./iam";
import { NETWORK_RULES } from "./network";
import { STORAGE_RULES } from "./storage";
import { Graph, PolicyResource, Rule, Violation } from "./types";

export type { PolicyResource, Violation, Rule } from "./types";

export function rulesFor(mode: Mode): Rule[] {
    return [...NETWORK_RULES, ...COMPUTE_RULES, ...IAM_RULES, ...dataRules(mode), ...STORAGE_RULES];
}

export function checkPolicies(resources: PolicyResource[], mode: Mode): Violation[] {
    const graph = new Graph(resources);
    return rulesFor(mode).flatMap((rule) =>
        rule.check(graph).map(({ resource, message }) => ({
            rule: rule.id,
            severity: rule.severity,
            resource: resource.name,
            type: resource.type,
            message,
            mandatory: rule.modes.includes(mode),
        })),
    );
}

/** `RULE (Severity) type name: message` */
export function formatViolation(v: Violation): string {
    return `${v.rule} (${v.severity}${v.mandatory ? "" : ", advisory"}) ${v.type} ${v.resource}: ${v.message}`;
}
