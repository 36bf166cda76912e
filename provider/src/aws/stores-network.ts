// Network pieces every managed store shares: a security group admitting its port from the project's
// services only, and the private DNS name that keeps `db:5432` working.
import { tagged } from "./core";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StorePlan } from "../plan/types";
import { description, securityGroupName } from "../plan/naming";
import { type AwsContext, serviceChildName } from "./context";

const ENGINE_NAMES: Record<StorePlan["kind"], string> = {
    postgres: "RDS for PostgreSQL",
    redis: "ElastiCache",
    mongodb: "DocumentDB",
};

/** The plan puts stores in private subnets, except on an adopted VPC that has none (still not public). */
export function storeSubnetIds(ctx: AwsContext, store: StorePlan): pulumi.Output<string[]> {
    return store.subnets === "public" ? ctx.publicSubnetIds : ctx.privateSubnetIds;
}

/** TTL of the store's CNAME: the target (the AWS endpoint name) never changes, only its A records do. */
export const STORE_CNAME_TTL = 60;

/**
 * A security group for the store: one ingress rule on the store's port from the apps marker SG, no
 * CIDR, no egress (a database never opens connections). Rules are standalone resources with
 * descriptions (SG-02, SG-03, SG-05). The SG description is constant: changing it would replace it.
 */
export function storeSecurityGroup(ctx: AwsContext, store: StorePlan): { group: aws.ec2.SecurityGroup; ingress: aws.vpc.SecurityGroupIngressRule } {
    const sg = new aws.ec2.SecurityGroup(
        serviceChildName(ctx, store.name, "sg"),
        {
            name: securityGroupName(ctx.plan, `service-${store.name}`),
            vpcId: ctx.vpcId,
            description: description("securityGroupDescription", `${ENGINE_NAMES[store.kind]} for compose service ${store.name}`),
            revokeRulesOnDelete: true,
            tags: tagged(ctx, `${ctx.name}-${store.name}`),
        },
        { parent: ctx.parent },
    );
    const ingress = new aws.vpc.SecurityGroupIngressRule(
        serviceChildName(ctx, store.name, "from-apps"),
        {
            securityGroupId: sg.id,
            referencedSecurityGroupId: ctx.appsSecurityGroupId,
            ipProtocol: "tcp",
            fromPort: store.port,
            toPort: store.port,
            // EC2 refuses an apostrophe in a rule description (aws-limits: securityGroupRuleDescription).
            description: description("securityGroupRuleDescription", `${store.kind} ${store.port} from the services of the project`),
            tags: ctx.tags,
        },
        { parent: ctx.parent },
    );
    return { group: sg, ingress };
}

/**
 * `<label>.<project>.internal` → the store's endpoint. Its name is known from the plan, so app services
 * reference the name, never this record or the store, and start without waiting for the database.
 */
export function storeDnsRecord(ctx: AwsContext, store: StorePlan, address: pulumi.Output<string>): aws.route53.Record {
    return new aws.route53.Record(
        serviceChildName(ctx, store.name, "dns"),
        {
            zoneId: ctx.privateZoneId,
            name: store.privateFqdn,
            type: "CNAME",
            ttl: STORE_CNAME_TTL,
            records: [address],
            allowOverwrite: false,
        },
        { parent: ctx.parent },
    );
}
