// Readers over captured resources: security-group rules by group, policy documents, container definitions.
import type { CapturedResource, Expansion } from "../support/pulumi";
import { json } from "../support/pulumi";

export const SG = "aws:ec2/securityGroup:SecurityGroup";
export const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const TASK = "aws:ecs/taskDefinition:TaskDefinition";
export const SERVICE = "aws:ecs/service:Service";
export const ROLE = "aws:iam/role:Role";
export const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const PARAMETER = "aws:ssm/parameter:Parameter";
export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

export interface RuleView {
    name: string;
    protocol: string;
    from?: number;
    to?: number;
    /** A CIDR, or the logical name of the referenced group. */
    source: string;
    description?: string;
}

/** Ingress (or egress) rules of a group, with referenced groups shown by logical name. */
export function rulesOf(run: Expansion<unknown>, group: CapturedResource, direction: "ingress" | "egress" = "ingress"): RuleView[] {
    const groupsById = new Map(run.ofType(SG).map((g) => [g.id, g.name]));
    return run
        .ofType(direction === "ingress" ? INGRESS : EGRESS)
        .filter((r) => r.inputs.securityGroupId === group.id)
        .map((r) => ({
            name: r.name,
            protocol: String(r.inputs.ipProtocol),
            from: r.inputs.fromPort as number | undefined,
            to: r.inputs.toPort as number | undefined,
            source: String(r.inputs.cidrIpv4 ?? r.inputs.cidrIpv6 ?? groupsById.get(String(r.inputs.referencedSecurityGroupId)) ?? r.inputs.referencedSecurityGroupId),
            description: r.inputs.description as string | undefined,
        }))
        .sort((a, b) => (a.from ?? 0) - (b.from ?? 0) || a.source.localeCompare(b.source));
}

/** `protocol port from source` lines, for exact comparisons. */
export function ruleLines(rules: RuleView[]): string[] {
    return rules.map((r) => `${r.protocol} ${r.from ?? "*"}-${r.to ?? "*"} from ${r.source}`);
}

export interface Statement {
    Sid?: string;
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
    Principal?: unknown;
}

export function statements(policy: CapturedResource): Statement[] {
    return json<{ Statement: Statement[] }>(policy.inputs.policy).Statement;
}

export function containerOf(task: CapturedResource): Record<string, any> {
    const defs = json<Array<Record<string, any>>>(task.inputs.containerDefinitions);
    if (defs.length !== 1) throw new Error(`expected one container in ${task.name}, found ${defs.length}`);
    return defs[0];
}

/** Every world-open ingress rule of the run, as `group: port`. */
export function worldIngress(run: Expansion<unknown>): string[] {
    const groups = new Map(run.ofType(SG).map((g) => [g.id, g.name]));
    return run
        .ofType(INGRESS)
        .filter((r) => r.inputs.cidrIpv4 === "0.0.0.0/0" || r.inputs.cidrIpv6 === "::/0")
        .map((r) => `${groups.get(String(r.inputs.securityGroupId))}: ${r.inputs.ipProtocol} ${r.inputs.fromPort}-${r.inputs.toPort}`)
        .sort();
}
