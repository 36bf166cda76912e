// Shared networking: the load balancer (hours, one public IPv4 per AZ when internet-facing, LCUs from
// usage), NAT gateways (hours + GB processed from usage), Elastic IPs, Route 53 zones (a Cloud Map
// private DNS namespace is one), VPC endpoints.
import type { PlannedResource } from "../types";
import { fmt, HOURS_PER_MONTH, line, list, str, type PriceContext, type PricerResult } from "./context";

const SUBNET = "aws:ec2/subnet:Subnet";
const NAT = "aws:ec2/natGateway:NatGateway";

export function priceLoadBalancer(r: PlannedResource, ctx: PriceContext): PricerResult {
    const kind = str(r.inputs.loadBalancerType) ?? "application";
    if (kind !== "application") throw new Error(`load balancer '${r.name}' is of type '${kind}'; only Application Load Balancers are priced`);
    const lines = [
        line(r, ctx, {
            service: null,
            description: `Application Load Balancer: ${HOURS_PER_MONTH} h`,
            quantity: HOURS_PER_MONTH,
            unit: "hours",
            unitPrice: ctx.prices.usd("alb.hour", "Application Load Balancer hours"),
        }),
    ];
    if (r.inputs.internal !== true) {
        const { azs, assumed } = loadBalancerZones(r, ctx);
        lines.push(line(r, ctx, {
            service: null,
            description: `Public IPv4 address per AZ of the internet-facing load balancer: ${azs} × ${HOURS_PER_MONTH} h${assumed ? " (AZ count assumed)" : ""}`,
            quantity: azs * HOURS_PER_MONTH,
            unit: "IP-hours",
            unitPrice: ctx.prices.usd("ipv4.hour", "public IPv4 address"),
        }));
    }
    const lcu = lcuPerHour(ctx);
    if (lcu > 0) {
        lines.push(line(r, ctx, {
            service: null,
            description: `Load balancer capacity units (usage): ${fmt(lcu)} LCU × ${HOURS_PER_MONTH} h`,
            quantity: lcu * HOURS_PER_MONTH,
            unit: "LCU-hours",
            unitPrice: ctx.prices.usd("alb.lcu-hour", "ALB LCU-hours"),
        }));
    } else {
        ctx.usageNeeded.add("load balancer capacity units (loadBalancer in the usage file)");
    }
    return lines;
}

/** AWS bills the larger of the four LCU dimensions (ALB: 25 new connections/s, 3,000 active/min, 1 GB/h, 1,000 rule evaluations/s). */
export function lcuPerHour(ctx: PriceContext): number {
    const u = ctx.usage.loadBalancer;
    if (u.lcuPerHour !== undefined) return u.lcuPerHour;
    return Math.max(u.newConnectionsPerSecond / 25, u.activeConnectionsPerMinute / 3000, u.processedGBPerHour / 1, u.ruleEvaluationsPerSecond / 1000);
}

function loadBalancerZones(r: PlannedResource, ctx: PriceContext): { azs: number; assumed: boolean } {
    const subnets = list(r.inputs.subnets).length || list(r.inputs.subnetMappings).length;
    if (subnets > 0) return { azs: subnets, assumed: false };
    const publicSubnets = ctx.graph.ofType(SUBNET).filter((s) => s.inputs.mapPublicIpOnLaunch === true || /public/i.test(s.name)).length;
    if (publicSubnets > 0) return { azs: publicSubnets, assumed: false };
    return { azs: 2, assumed: true };
}

export function priceNatGateway(r: PlannedResource, ctx: PriceContext): PricerResult {
    const lines = [
        line(r, ctx, {
            service: null,
            description: `NAT gateway: ${HOURS_PER_MONTH} h`,
            quantity: HOURS_PER_MONTH,
            unit: "hours",
            unitPrice: ctx.prices.usd("nat.hour", "NAT gateway hours"),
        }),
    ];
    const isPublic = (str(r.inputs.connectivityType) ?? "public") === "public";
    if (isPublic && !str(r.inputs.allocationId) && list(r.inputs.secondaryAllocationIds).length === 0) {
        // No Elastic IP of ours: AWS assigns one, which is billed like any public IPv4.
        lines.push(line(r, ctx, {
            service: null,
            description: `Public IPv4 address of the NAT gateway: ${HOURS_PER_MONTH} h`,
            quantity: HOURS_PER_MONTH,
            unit: "IP-hours",
            unitPrice: ctx.prices.usd("ipv4.hour", "public IPv4 address"),
        }));
    }
    const gb = ctx.usage.natGateway.processedGB;
    const nats = ctx.graph.ofType(NAT).length;
    if (gb > 0) {
        lines.push(line(r, ctx, {
            service: null,
            description: `NAT data processed (usage): ${fmt(gb / nats)} GB${nats > 1 ? ` (${fmt(gb)} GB shared by ${nats} gateways)` : ""}`,
            quantity: gb / nats,
            unit: "GB",
            unitPrice: ctx.prices.usd("nat.gb", "NAT gateway data processed"),
        }));
    } else {
        ctx.usageNeeded.add("GB through the NAT gateway (natGateway.processedGB)");
    }
    return lines;
}

export function priceElasticIp(r: PlannedResource, ctx: PriceContext): PricerResult {
    return [
        line(r, ctx, {
            service: null,
            description: `Elastic IP (public IPv4 address): ${HOURS_PER_MONTH} h`,
            quantity: HOURS_PER_MONTH,
            unit: "IP-hours",
            unitPrice: ctx.prices.usd("ipv4.hour", "public IPv4 address"),
        }),
    ];
}

/** A Route 53 hosted zone, or a Cloud Map DNS namespace (which creates one). */
export function priceHostedZone(r: PlannedResource, ctx: PriceContext): PricerResult {
    const isNamespace = r.type.startsWith("aws:servicediscovery/");
    const isPrivate = isNamespace ? r.type.includes("private") : list(r.inputs.vpcs).length > 0;
    return [
        line(r, ctx, {
            service: null,
            description: `Route 53 ${isPrivate ? "private" : "public"} hosted zone${isNamespace ? " of the Cloud Map namespace" : ""}${str(r.inputs.name) ? ` ${str(r.inputs.name)}` : ""}`,
            quantity: 1,
            unit: "zone-months",
            unitPrice: ctx.prices.usd("route53.zone-month", "Route 53 hosted zone"),
        }),
    ];
}

export function priceVpcEndpoint(r: PlannedResource, _ctx: PriceContext): PricerResult {
    const kind = str(r.inputs.vpcEndpointType) ?? "Gateway";
    if (kind === "Gateway") return { unpriced: "free", detail: "gateway endpoints (S3, DynamoDB) are free" };
    throw new Error(`VPC endpoint '${r.name}' is of type ${kind}; interface endpoints are not in the price data yet`);
}

export function priceFlowLog(r: PlannedResource, _ctx: PriceContext): PricerResult {
    const dest = str(r.inputs.logDestinationType) ?? "cloud-watch-logs";
    return { unpriced: "usage", detail: `flow log records are billed as log ingestion (${dest}); include them in logs.ingestedGB` };
}
