// Security groups. Only the load balancer's group is open to the internet, and only on 80/443.
// Each service has its own group that admits its ingress ports from the load balancer's group and
// its private ports from *membership* groups: one marker group per compose network, attached to
// that network's members, with no rules of its own. A project-wide "apps" marker group is attached
// to every app task; managed stores admit their port from it. Rules therefore grow with
// services × (networks + port ranges), never services²: contiguous ports share one rule, and the plan
// refuses a service whose rules would pass a group's quota (plan/quotas.ts). All rules are standalone
// resources (SG-05) and every group and rule says why it exists.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { description, securityGroupName } from "../plan/naming";
import { portRanges, privatePortRanges, rangeText } from "../plan/ports";
import type { LoadBalancerPlan, ServicePlan } from "../plan/types";
import { childName, renamedFrom, serviceChildName } from "./context";
import { BaseContext, child, displayPrefix, tagged } from "./core";

export interface MarkerGroups {
    apps: aws.ec2.SecurityGroup;
    networks: Map<string, aws.ec2.SecurityGroup>;
}

/** Ports the load balancer sends traffic or health checks to (the plan's list; ingress and health-check ports as a fallback). */
export function loadBalancerPorts(service: ServicePlan, lb: LoadBalancerPlan | undefined): number[] {
    const ports = new Set(service.loadBalancerPorts ?? []);
    for (const i of service.ingress) ports.add(i.port);
    for (const tg of lb?.targetGroups ?? []) if (tg.service === service.name && tg.healthCheck.port) ports.add(tg.healthCheck.port);
    return [...ports].sort((a, b) => a - b);
}

export function createMarkerGroups(ctx: BaseContext, vpcId: pulumi.Input<string>, networks: string[]): MarkerGroups {
    const prefix = displayPrefix(ctx.plan);
    const apps = new aws.ec2.SecurityGroup(
        childName(ctx, "apps-sg"),
        {
            name: securityGroupName(ctx.plan, "apps"),
            vpcId,
            description: description("securityGroupDescription", `Marker of every app task of ${prefix}: managed stores admit their port from it. No rules.`),
            tags: tagged(ctx, `${prefix}-apps`),
        },
        child(ctx),
    );
    const byNetwork = new Map<string, aws.ec2.SecurityGroup>();
    for (const network of [...new Set(networks)].sort()) {
        byNetwork.set(
            network,
            new aws.ec2.SecurityGroup(
                childName(ctx, "network", network, "sg"),
                {
                    name: securityGroupName(ctx.plan, `network-${network}`),
                    vpcId,
                    description: description("securityGroupDescription", `Marker of the members of compose network ${network} (${prefix}): their peers admit them. No rules.`),
                    tags: tagged(ctx, `${prefix}-network-${network}`, { "defang:network": network }),
                },
                child(ctx),
            ),
        );
    }
    return { apps, networks: byNetwork };
}

/** The load balancer's group: HTTP (and HTTPS) from anywhere; egress added per target service. */
export function createLoadBalancerGroup(ctx: BaseContext, vpcId: pulumi.Input<string>, https: boolean): aws.ec2.SecurityGroup {
    const prefix = displayPrefix(ctx.plan);
    const sg = new aws.ec2.SecurityGroup(
        childName(ctx, "lb-sg"),
        {
            name: securityGroupName(ctx.plan, "lb"),
            vpcId,
            description: description("securityGroupDescription", `Internet-facing load balancer of ${prefix}: HTTP${https ? "/HTTPS" : ""} from anywhere`),
            tags: tagged(ctx, `${prefix}-lb`),
        },
        child(ctx),
    );
    for (const port of https ? [80, 443] : [80]) {
        const what = port === 443 ? "HTTPS" : https ? "HTTP (redirected to HTTPS)" : "HTTP";
        for (const [family, cidr] of [["ipv4", "0.0.0.0/0"], ["ipv6", "::/0"]] as const) {
            new aws.vpc.SecurityGroupIngressRule(
                childName(ctx, "lb-in", String(port), family),
                {
                    securityGroupId: sg.id,
                    ipProtocol: "tcp",
                    fromPort: port,
                    toPort: port,
                    ...(family === "ipv4" ? { cidrIpv4: cidr } : { cidrIpv6: cidr }),
                    description: description("securityGroupRuleDescription", `${what} from the internet (${family})`),
                    tags: tagged(ctx),
                },
                child(ctx),
            );
        }
    }
    return sg;
}

export interface ServiceGroupInputs {
    vpcId: pulumi.Input<string>;
    markers: MarkerGroups;
    loadBalancer?: { group: aws.ec2.SecurityGroup; plan: LoadBalancerPlan };
}

/** A service's group and its egress rule (a one-off job waits for it: without egress its task cannot pull its image). */
export interface ServiceGroup {
    group: aws.ec2.SecurityGroup;
    egress: aws.vpc.SecurityGroupEgressRule;
}

export function createServiceGroup(ctx: BaseContext, service: ServicePlan, inputs: ServiceGroupInputs): ServiceGroup {
    const prefix = displayPrefix(ctx.plan);
    const sg = new aws.ec2.SecurityGroup(
        serviceChildName(ctx, service.name, "sg"),
        {
            name: securityGroupName(ctx.plan, `service-${service.name}`),
            vpcId: inputs.vpcId,
            description: description("securityGroupDescription", `Tasks of ${service.name} (${prefix}): load balancer and network peers only`),
            tags: tagged(ctx, `${prefix}-${service.label}`, { "defang:service": service.name }),
        },
        child(ctx),
    );
    // Tasks pull images, call AWS APIs and third-party services: egress is open (SG-04, documented).
    const egress = new aws.vpc.SecurityGroupEgressRule(
        serviceChildName(ctx, service.name, "egress-all"),
        {
            securityGroupId: sg.id,
            ipProtocol: "-1",
            cidrIpv4: "0.0.0.0/0",
            description: description("securityGroupRuleDescription", `${service.name}: outbound to registries, AWS APIs and the internet`),
            tags: tagged(ctx),
        },
        child(ctx),
    );

    if (inputs.loadBalancer) {
        const lb = inputs.loadBalancer;
        for (const range of portRanges(loadBalancerPorts(service, lb.plan))) {
            const ports = rangeText(range);
            new aws.vpc.SecurityGroupIngressRule(
                serviceChildName(ctx, service.name, "in-lb", ports),
                {
                    securityGroupId: sg.id,
                    ipProtocol: "tcp",
                    fromPort: range.from,
                    toPort: range.to,
                    referencedSecurityGroupId: lb.group.id,
                    description: description("securityGroupRuleDescription", `${service.name}: port ${ports} from the load balancer`),
                    tags: tagged(ctx),
                },
                child(ctx),
            );
            new aws.vpc.SecurityGroupEgressRule(
                renamedFrom(ctx, serviceChildName(ctx, service.name, "lb-out", ports), childName(ctx, "lb-out", service.name, ports)),
                {
                    securityGroupId: lb.group.id,
                    ipProtocol: "tcp",
                    fromPort: range.from,
                    toPort: range.to,
                    referencedSecurityGroupId: sg.id,
                    description: description("securityGroupRuleDescription", `load balancer to ${service.name} port ${ports}`),
                    tags: tagged(ctx),
                },
                child(ctx),
            );
        }
    }

    for (const network of [...new Set(service.networks)].sort()) {
        const marker = inputs.markers.networks.get(network);
        if (!marker) continue;
        for (const range of privatePortRanges(service.privatePorts)) {
            const ports = rangeText(range);
            new aws.vpc.SecurityGroupIngressRule(
                serviceChildName(ctx, service.name, "in", network, range.protocol, ports),
                {
                    securityGroupId: sg.id,
                    ipProtocol: range.protocol,
                    fromPort: range.from,
                    toPort: range.to,
                    referencedSecurityGroupId: marker.id,
                    description: description("securityGroupRuleDescription", `${service.name}: port ${ports}/${range.protocol} from members of network ${network}`),
                    tags: tagged(ctx),
                },
                child(ctx),
            );
        }
    }
    return { group: sg, egress };
}

/** Groups attached to a service's tasks: its own, the apps marker, and one per network it joins. */
export function taskSecurityGroups(service: ServicePlan, own: aws.ec2.SecurityGroup, markers: MarkerGroups): pulumi.Output<string>[] {
    const networks = [...new Set(service.networks)].sort().flatMap((n) => (markers.networks.has(n) ? [markers.networks.get(n)!.id] : []));
    return [own.id, markers.apps.id, ...networks];
}
