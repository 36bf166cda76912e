// The VPC: public and private subnets per AZ, internet gateway, routes, NAT gateways as the plan
// says (none / single / one per AZ), an S3 gateway endpoint (image layers from ECR come from S3:
// free instead of through NAT), the default security group emptied (NET-01), flow logs and the
// `<project>.internal` search domain. With `network` the caller's VPC is adopted instead.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { NetworkArgs } from "../schema-types";
import { childName } from "./context";
import { BaseContext, child, displayPrefix, namingScope, policyJson, tagged } from "./core";
import { description, iamRoleName, projectLogGroupName } from "../plan/naming";

export interface NetworkResources {
    vpcId: pulumi.Output<string>;
    publicSubnetIds: pulumi.Output<string[]>;
    privateSubnetIds: pulumi.Output<string[]>;
    /** Zones used (empty for an adopted VPC). */
    availabilityZones: string[];
    natGateways: number;
}

export function createNetwork(ctx: BaseContext, zonesAvailable: string[], adopt?: NetworkArgs): NetworkResources {
    if (adopt) {
        return {
            vpcId: pulumi.output(adopt.vpcId),
            publicSubnetIds: pulumi.output(adopt.publicSubnetIds),
            privateSubnetIds: pulumi.output(adopt.privateSubnetIds),
            availabilityZones: [],
            natGateways: 0,
        };
    }
    const plan = ctx.plan.network;
    const count = Math.min(plan.availabilityZones, zonesAvailable.length, plan.publicSubnetCidrs.length, plan.privateSubnetCidrs.length);
    if (count < 1) throw new Error(`the region offers no availability zone for the VPC (zones: ${zonesAvailable.join(", ") || "none"})`);
    // The plan names the zones when it knew them; otherwise the first ones the region offers.
    const zones = (plan.zones && plan.zones.length >= count ? plan.zones : zonesAvailable).slice(0, count);
    const prefix = displayPrefix(ctx.plan);

    const vpc = new aws.ec2.Vpc(
        childName(ctx, "vpc"),
        { cidrBlock: plan.cidrBlock, enableDnsSupport: true, enableDnsHostnames: true, tags: tagged(ctx, prefix) },
        child(ctx),
    );
    // NET-01: take the default security group over with no rules, so nothing can use it to talk.
    new aws.ec2.DefaultSecurityGroup(
        childName(ctx, "vpc-default-sg"),
        { vpcId: vpc.id, tags: tagged(ctx, `${prefix}-default (no rules)`) },
        child(ctx),
    );
    const igw = new aws.ec2.InternetGateway(childName(ctx, "igw"), { vpcId: vpc.id, tags: tagged(ctx, prefix) }, child(ctx));

    const publicSubnets = zones.map(
        (az, i) =>
            new aws.ec2.Subnet(
                childName(ctx, "public", az),
                {
                    vpcId: vpc.id,
                    cidrBlock: plan.publicSubnetCidrs[i],
                    availabilityZone: az,
                    // Tasks that need a public IP ask for one explicitly (assignPublicIp); nothing else gets one.
                    mapPublicIpOnLaunch: false,
                    tags: tagged(ctx, `${prefix}-public-${az}`, { "defang:subnet": "public" }),
                },
                child(ctx),
            ),
    );
    const privateSubnets = zones.map(
        (az, i) =>
            new aws.ec2.Subnet(
                childName(ctx, "private", az),
                {
                    vpcId: vpc.id,
                    cidrBlock: plan.privateSubnetCidrs[i],
                    availabilityZone: az,
                    mapPublicIpOnLaunch: false,
                    tags: tagged(ctx, `${prefix}-private-${az}`, { "defang:subnet": "private" }),
                },
                child(ctx),
            ),
    );

    const publicRoutes = new aws.ec2.RouteTable(childName(ctx, "public-rt"), { vpcId: vpc.id, tags: tagged(ctx, `${prefix}-public`) }, child(ctx));
    new aws.ec2.Route(
        childName(ctx, "public-default-route"),
        { routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
        child(ctx),
    );
    publicSubnets.forEach((subnet, i) => {
        new aws.ec2.RouteTableAssociation(childName(ctx, "public-rta", zones[i]), { subnetId: subnet.id, routeTableId: publicRoutes.id }, child(ctx));
    });

    const natCount = plan.natGateways === "none" ? 0 : plan.natGateways === "single" ? 1 : zones.length;
    const nats = zones.slice(0, natCount).map((az, i) => {
        const eip = new aws.ec2.Eip(childName(ctx, "nat-eip", az), { domain: "vpc", tags: tagged(ctx, `${prefix}-nat-${az}`) }, child(ctx, { dependsOn: [igw] }));
        return new aws.ec2.NatGateway(
            childName(ctx, "nat", az),
            { allocationId: eip.allocationId, subnetId: publicSubnets[i].id, connectivityType: "public", tags: tagged(ctx, `${prefix}-nat-${az}`) },
            child(ctx, { dependsOn: [igw] }),
        );
    });

    // One private route table per AZ: with a NAT per AZ each zone keeps egress when another fails.
    const privateRoutes = zones.map((az, i) => {
        const table = new aws.ec2.RouteTable(childName(ctx, "private-rt", az), { vpcId: vpc.id, tags: tagged(ctx, `${prefix}-private-${az}`) }, child(ctx));
        if (nats.length > 0) {
            new aws.ec2.Route(
                childName(ctx, "private-default-route", az),
                { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nats[Math.min(i, nats.length - 1)].id },
                child(ctx),
            );
        }
        new aws.ec2.RouteTableAssociation(childName(ctx, "private-rta", az), { subnetId: privateSubnets[i].id, routeTableId: table.id }, child(ctx));
        return table;
    });

    if (plan.s3GatewayEndpoint) {
        new aws.ec2.VpcEndpoint(
            childName(ctx, "s3-endpoint"),
            {
                vpcId: vpc.id,
                serviceName: `com.amazonaws.${ctx.account.region}.s3`,
                vpcEndpointType: "Gateway",
                routeTableIds: [publicRoutes.id, ...privateRoutes.map((t) => t.id)],
                tags: tagged(ctx, `${prefix}-s3`),
            },
            child(ctx),
        );
    }
    if (plan.flowLogs) createFlowLogs(ctx, vpc);
    if (ctx.plan.dns.searchDomain) {
        // Bare service names (`http://api:8080`) resolve through the search domain `<project>.internal`.
        const options = new aws.ec2.VpcDhcpOptions(
            childName(ctx, "dhcp-options"),
            { domainName: ctx.plan.dns.namespace, domainNameServers: ["AmazonProvidedDNS"], tags: tagged(ctx, prefix) },
            child(ctx),
        );
        new aws.ec2.VpcDhcpOptionsAssociation(childName(ctx, "dhcp-options-association"), { vpcId: vpc.id, dhcpOptionsId: options.id }, child(ctx));
    }

    return {
        vpcId: vpc.id,
        publicSubnetIds: pulumi.all(publicSubnets.map((s) => s.id)),
        privateSubnetIds: pulumi.all(privateSubnets.map((s) => s.id)),
        availabilityZones: zones,
        natGateways: nats.length,
    };
}

/** VPC flow logs to a CloudWatch log group, written by a role that may write only there. */
function createFlowLogs(ctx: BaseContext, vpc: aws.ec2.Vpc): void {
    const { region, accountId, partition } = ctx.account;
    const group = new aws.cloudwatch.LogGroup(
        childName(ctx, "vpc-flow-logs"),
        { name: projectLogGroupName(ctx.plan, "vpc/flow-logs"), retentionInDays: ctx.plan.settings.logRetentionDays, tags: tagged(ctx) },
        child(ctx),
    );
    const role = new aws.iam.Role(
        childName(ctx, "vpc-flow-logs-role"),
        {
            name: iamRoleName(namingScope(ctx), "vpc-flow-logs"),
            description: description("iamRoleDescription", `VPC flow logs of ${displayPrefix(ctx.plan)}`),
            assumeRolePolicy: policyJson([
                {
                    Effect: "Allow",
                    Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        StringEquals: { "aws:SourceAccount": accountId },
                        ArnLike: { "aws:SourceArn": `arn:${partition}:ec2:${region}:${accountId}:vpc-flow-log/*` },
                    },
                },
            ]),
            tags: tagged(ctx),
        },
        child(ctx),
    );
    new aws.iam.RolePolicy(
        childName(ctx, "vpc-flow-logs-policy"),
        {
            name: "flow-logs",
            role: role.id,
            policy: group.arn.apply((arn) =>
                policyJson([
                    {
                        Sid: "WriteFlowLogs",
                        Effect: "Allow",
                        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                        Resource: [arn, `${arn}:*`],
                    },
                ]),
            ),
        },
        child(ctx),
    );
    new aws.ec2.FlowLog(
        childName(ctx, "vpc-flow-log"),
        {
            vpcId: vpc.id,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: group.arn,
            iamRoleArn: role.arn,
            maxAggregationInterval: 600,
            tags: tagged(ctx),
        },
        child(ctx),
    );
}
