// Load balancing, security groups and VPC rules (security-rules.md §1, §2, NET-01).
import { ALL_MODES, Graph, PRODUCTION, PolicyResource, Rule, list, obj, str } from "./types";

const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const TG = "aws:lb/targetGroup:TargetGroup";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const LEGACY_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";

const isAlb = (lb: PolicyResource) => (str(lb.inputs.loadBalancerType) ?? "application") === "application";
const WORLD = ["0.0.0.0/0", "::/0"];
const OUTDATED_TLS = [
    "ELBSecurityPolicy-2016-08",
    "ELBSecurityPolicy-2015-05",
    "ELBSecurityPolicy-TLS-1-0-2015-04",
    "ELBSecurityPolicy-TLS-1-1-2017-01",
    "ELBSecurityPolicy-FS-2018-06",
    "ELBSecurityPolicy-FS-1-1-2019-08",
    "ELBSecurityPolicy-TLS13-1-0-2021-06",
    "ELBSecurityPolicy-TLS13-1-1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
];

interface IngressView {
    resource: PolicyResource;
    groupId?: string;
    cidrs: string[];
    hasSource: boolean;
    from: number;
    to: number;
    allPorts: boolean;
}

/** Every ingress rule of the graph in one shape: standalone, legacy and inline. */
export function ingressRules(g: Graph): IngressView[] {
    const views: IngressView[] = [];
    const ports = (p: unknown, from: unknown, to: unknown) => {
        const all = String(p) === "-1" || String(p) === "all" || (from === 0 && to === 0) || from === undefined;
        return { from: typeof from === "number" ? from : 0, to: typeof to === "number" ? to : 65535, allPorts: all };
    };
    for (const r of g.ofType(INGRESS)) {
        const i = r.inputs;
        views.push({
            resource: r,
            groupId: str(i.securityGroupId),
            cidrs: [str(i.cidrIpv4), str(i.cidrIpv6)].filter((c): c is string => !!c),
            hasSource: !!(i.cidrIpv4 || i.cidrIpv6 || i.prefixListId || i.referencedSecurityGroupId),
            ...ports(i.ipProtocol, i.fromPort, i.toPort),
        });
    }
    for (const r of g.ofType(LEGACY_RULE).filter((x) => x.inputs.type === "ingress")) {
        const i = r.inputs;
        const cidrs = [...list(i.cidrBlocks), ...list(i.ipv6CidrBlocks)].map(String);
        views.push({ resource: r, groupId: str(i.securityGroupId), cidrs, hasSource: cidrs.length > 0 || !!i.sourceSecurityGroupId || list(i.prefixListIds).length > 0 || i.self === true, ...ports(i.protocol, i.fromPort, i.toPort) });
    }
    for (const r of g.ofType(SG)) {
        for (const raw of list(r.inputs.ingress)) {
            const i = obj(raw);
            const cidrs = [...list(i.cidrBlocks), ...list(i.ipv6CidrBlocks)].map(String);
            views.push({ resource: r, groupId: r.id, cidrs, hasSource: cidrs.length > 0 || list(i.securityGroups).length > 0 || list(i.prefixListIds).length > 0 || i.self === true, ...ports(i.protocol, i.fromPort, i.toPort) });
        }
    }
    return views;
}

function albGroupIds(g: Graph): Set<string> {
    const ids = new Set<string>();
    for (const lb of g.ofType(LB)) if (isAlb(lb) && lb.inputs.internal !== true) for (const id of list(lb.inputs.securityGroups)) ids.add(String(id));
    return ids;
}

export const NETWORK_RULES: Rule[] = [
    {
        id: "LB-01",
        severity: "High",
        modes: ALL_MODES,
        check: (g) => g.ofType(LB).filter((lb) => isAlb(lb) && lb.inputs.dropInvalidHeaderFields !== true).map((resource) => ({ resource, message: "ALB does not drop invalid header fields" })),
    },
    {
        id: "LB-02",
        severity: "Med",
        modes: ["high_availability"],
        check: (g) => g.ofType(LB).filter((lb) => lb.inputs.enableDeletionProtection !== true).map((resource) => ({ resource, message: "load balancer without deletion protection" })),
    },
    {
        id: "LB-04",
        severity: "Low",
        modes: ALL_MODES,
        check: (g) =>
            g
                .ofType(LB)
                .filter((lb) => lb.inputs.desyncMitigationMode !== undefined && !["defensive", "strictest"].includes(String(lb.inputs.desyncMitigationMode)))
                .map((resource) => ({ resource, message: `desync mitigation mode ${resource.inputs.desyncMitigationMode}` })),
    },
    {
        // A plain-HTTP forwarding listener is allowed only when no certificate exists for that load balancer.
        id: "LB-05",
        severity: "High",
        modes: PRODUCTION,
        check: (g) => {
            const tls = new Set(g.ofType(LISTENER).filter((l) => ["HTTPS", "TLS"].includes(String(l.inputs.protocol))).map((l) => String(l.inputs.loadBalancerArn)));
            return g
                .ofType(LISTENER)
                .filter((l) => String(l.inputs.protocol ?? "HTTP") === "HTTP" && tls.has(String(l.inputs.loadBalancerArn)))
                .filter((l) => {
                    const actions = list(l.inputs.defaultActions).map(obj);
                    return !(actions.length === 1 && actions[0].type === "redirect" && obj(actions[0].redirect).protocol === "HTTPS");
                })
                .map((resource) => ({ resource, message: "HTTP listener serves content although the load balancer has HTTPS: it must only redirect" }));
        },
    },
    {
        id: "LB-06",
        severity: "High",
        modes: ALL_MODES,
        check: (g) =>
            g
                .ofType(LISTENER)
                .filter((l) => ["HTTPS", "TLS"].includes(String(l.inputs.protocol)))
                .filter((l) => {
                    const p = str(l.inputs.sslPolicy);
                    return !p || OUTDATED_TLS.includes(p) || !/^ELBSecurityPolicy-(TLS13-1-2-|TLS-1-2|FS-1-2)/.test(p);
                })
                .map((resource) => ({ resource, message: `TLS policy ${resource.inputs.sslPolicy ?? "(default)"} is not a modern one` })),
    },
    {
        id: "LB-07",
        severity: "Med",
        modes: ALL_MODES,
        check: (g) =>
            g
                .ofType(TG)
                .filter((t) => ["HTTP", "HTTPS"].includes(String(t.inputs.protocol ?? "HTTP")) && !str(obj(t.inputs.healthCheck).path))
                .map((resource) => ({ resource, message: "HTTP target group without a health-check path" })),
    },
    {
        id: "SG-01",
        severity: "Critical",
        modes: ALL_MODES,
        check: (g) => {
            const alb = albGroupIds(g);
            return ingressRules(g)
                .filter((r) => !r.hasSource || r.cidrs.some((c) => WORLD.includes(c)))
                .filter((r) => !(r.groupId && alb.has(r.groupId) && !r.allPorts && [80, 443].includes(r.from) && r.from === r.to))
                .map((r) => ({ resource: r.resource, message: `world-open ingress ${r.allPorts ? "on all ports" : `on ${r.from}-${r.to}`} outside the load balancer's 80/443` }));
        },
    },
    {
        id: "SG-02",
        severity: "High",
        modes: ALL_MODES,
        check: (g) => {
            const out: Array<{ resource: PolicyResource; message: string }> = [];
            const stores: Array<[PolicyResource, unknown[], number]> = [
                ...g.ofType("aws:rds/instance:Instance").map((r): [PolicyResource, unknown[], number] => [r, list(r.inputs.vpcSecurityGroupIds), Number(r.inputs.port ?? 5432)]),
                ...g.ofType("aws:elasticache/replicationGroup:ReplicationGroup").map((r): [PolicyResource, unknown[], number] => [r, list(r.inputs.securityGroupIds), Number(r.inputs.port ?? 6379)]),
                ...g.ofType("aws:docdb/cluster:Cluster").map((r): [PolicyResource, unknown[], number] => [r, list(r.inputs.vpcSecurityGroupIds), Number(r.inputs.port ?? 27017)]),
            ];
            const rules = ingressRules(g);
            for (const [store, groups, port] of stores) {
                for (const rule of rules.filter((r) => r.groupId && groups.map(String).includes(r.groupId))) {
                    if (rule.cidrs.length > 0 || !rule.hasSource) out.push({ resource: rule.resource, message: `${store.name}: ingress from an address range, not a security group` });
                    else if (rule.allPorts || rule.from !== port || rule.to !== port) out.push({ resource: rule.resource, message: `${store.name}: ingress on ports other than ${port}` });
                }
            }
            return out;
        },
    },
    {
        id: "SG-03",
        severity: "Low",
        modes: [],
        check: (g) =>
            [...g.ofType(SG, INGRESS, EGRESS, LEGACY_RULE)]
                .filter((r) => !str(r.inputs.description))
                .map((resource) => ({ resource, message: "no description" })),
    },
    {
        // Stricter than the rule's wording: the component never uses inline rules at all.
        id: "SG-05",
        severity: "High",
        modes: ALL_MODES,
        check: (g) => {
            const standalone = new Set([...g.ofType(INGRESS, EGRESS, LEGACY_RULE)].map((r) => String(r.inputs.securityGroupId)));
            return g
                .ofType(SG)
                .filter((sg) => (list(sg.inputs.ingress).length > 0 || list(sg.inputs.egress).length > 0) && sg.id !== undefined && standalone.has(sg.id))
                .map((resource) => ({ resource, message: "inline rules mixed with standalone rules" }));
        },
    },
    {
        id: "NET-01",
        severity: "Low",
        modes: PRODUCTION,
        check: (g) => {
            const out: Array<{ resource: PolicyResource; message: string }> = [];
            const logged = new Set(g.ofType("aws:ec2/flowLog:FlowLog").map((f) => String(f.inputs.vpcId)));
            const closed = new Set(
                g
                    .ofType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")
                    .filter((d) => list(d.inputs.ingress).length === 0 && list(d.inputs.egress).length === 0)
                    .map((d) => String(d.inputs.vpcId)),
            );
            for (const vpc of g.ofType("aws:ec2/vpc:Vpc")) {
                if (!vpc.id || !logged.has(vpc.id)) out.push({ resource: vpc, message: "VPC without flow logs" });
                if (!vpc.id || !closed.has(vpc.id)) out.push({ resource: vpc, message: "VPC default security group not managed with no rules" });
            }
            return out;
        },
    },
];
