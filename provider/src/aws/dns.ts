// Private DNS: a Cloud Map private DNS namespace `<project>.internal` (a Route 53 private zone on the
// VPC) and one discovery service per ECS service, so `api.<project>.internal` (and, through the
// VPC's search domain, plain `api`) resolves to the service's healthy tasks with no sidecar.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ServicePlan } from "../plan/types";
import { description } from "../plan/naming";
import { childName, renamedFrom, serviceChildName } from "./context";
import { BaseContext, child, tagged } from "./core";

/** Seconds a resolver may cache a task's address: short, so replaced tasks drop out quickly. */
export const DISCOVERY_TTL_SECONDS = 10;

export interface PrivateDns {
    namespaceId: pulumi.Output<string>;
    zoneId: pulumi.Output<string>;
}

export function createPrivateNamespace(ctx: BaseContext, vpcId: pulumi.Input<string>): PrivateDns {
    const namespace = new aws.servicediscovery.PrivateDnsNamespace(
        childName(ctx, "namespace"),
        { name: ctx.plan.dns.namespace, vpc: vpcId, description: description("cloudMapDescription", `Private names of the ${ctx.plan.project} services (${ctx.plan.stack})`), tags: tagged(ctx) },
        child(ctx),
    );
    return { namespaceId: namespace.id, zoneId: namespace.hostedZone };
}

/** A/MULTIVALUE records for the tasks of one service, registered and deregistered by ECS. */
export function createDiscoveryService(ctx: BaseContext, service: ServicePlan, dns: PrivateDns): aws.servicediscovery.Service {
    return new aws.servicediscovery.Service(
        serviceChildName(ctx, service.name, "discovery"),
        {
            name: service.label,
            description: description("cloudMapDescription", `${service.name} tasks`),
            dnsConfig: {
                namespaceId: dns.namespaceId,
                routingPolicy: "MULTIVALUE",
                dnsRecords: [{ type: "A", ttl: DISCOVERY_TTL_SECONDS }],
            },
            // ECS reports task health to Cloud Map; unhealthy tasks leave DNS.
            healthCheckCustomConfig: { failureThreshold: 1 },
            forceDestroy: true,
            tags: tagged(ctx),
        },
        child(ctx),
    );
}

/**
 * Network aliases: ECS registers a service in one Cloud Map service only, so each alias is a CNAME
 * in the namespace's zone pointing at the service's own name.
 */
export function createAliasNames(ctx: BaseContext, service: ServicePlan, dns: PrivateDns, dependsOn: pulumi.Resource[]): void {
    const suffix = `.${ctx.plan.dns.namespace}`;
    const names = new Set(service.aliases.map((a) => (a.endsWith(suffix) ? a : `${a}${suffix}`)));
    names.delete(service.privateFqdn);
    for (const fqdn of names) {
        const alias = fqdn.slice(0, -suffix.length);
        new aws.route53.Record(
            // "dns-alias", not "alias": a public alias record of the service (certificates.ts) may name the same host.
            renamedFrom(ctx, serviceChildName(ctx, service.name, "dns-alias", alias), childName(ctx, service.name, "alias", alias)),
            { zoneId: dns.zoneId, name: fqdn, type: "CNAME", ttl: 60, records: [service.privateFqdn] },
            child(ctx, { dependsOn }),
        );
    }
}
