import { strict as assert } from "assert";
import type { Expansion } from "../support/pulumi";
import { expandPlan } from "../support/pulumi";
import { acceptancePlan } from "./fixtures";
import { ROLE, ROLE_POLICY, SERVICE, statements } from "./helpers";

type Run = Expansion<unknown>;
const SUBNET = "aws:ec2/subnet:Subnet";
const NAT = "aws:ec2/natGateway:NatGateway";
const ROUTE = "aws:ec2/route:Route";

function natByName(run: Run): Map<string, string> {
    return new Map(run.ofType(NAT).map((n) => [n.id, n.name]));
}

describe("aws/network: VPC per mode", function () {
    const runs: Record<string, Run> = {};
    before(async () => {
        for (const mode of ["affordable", "balanced", "high_availability"] as const) runs[mode] = await expandPlan(acceptancePlan(mode));
    });

    it("creates a VPC with DNS support and hostnames on the plan's CIDR", () => {
        for (const run of Object.values(runs)) {
            const vpc = run.one("aws:ec2/vpc:Vpc");
            assert.equal(vpc.inputs.cidrBlock, "10.0.0.0/16");
            assert.equal(vpc.inputs.enableDnsSupport, true);
            assert.equal(vpc.inputs.enableDnsHostnames, true);
        }
    });

    it("puts a public and a private subnet in each zone, none assigning public IPs on launch", () => {
        const zones = (run: Run, kind: string) => run.ofType(SUBNET).filter((s) => s.name.startsWith(`app-${kind}-`)).map((s) => `${s.inputs.availabilityZone} ${s.inputs.cidrBlock}`);
        assert.deepEqual(zones(runs.affordable, "public"), ["us-east-1a 10.0.0.0/20", "us-east-1b 10.0.16.0/20"]);
        assert.deepEqual(zones(runs.affordable, "private"), ["us-east-1a 10.0.128.0/20", "us-east-1b 10.0.144.0/20"]);
        assert.equal(runs.high_availability.ofType(SUBNET).length, 6);
        for (const run of Object.values(runs)) for (const s of run.ofType(SUBNET)) assert.equal(s.inputs.mapPublicIpOnLaunch, false, s.name);
    });

    it("has no NAT in affordable, one in balanced, one per zone in high_availability — each with its own EIP", () => {
        assert.equal(runs.affordable.ofType(NAT).length, 0);
        assert.equal(runs.affordable.ofType("aws:ec2/eip:Eip").length, 0);
        assert.equal(runs.balanced.ofType(NAT).length, 1);
        assert.equal(runs.balanced.ofType("aws:ec2/eip:Eip").length, 1);
        assert.equal(runs.high_availability.ofType(NAT).length, 3);
        assert.equal(runs.high_availability.ofType("aws:ec2/eip:Eip").length, 3);
        for (const run of Object.values(runs)) {
            const publicSubnets = new Set(run.ofType(SUBNET).filter((s) => s.name.includes("-public-")).map((s) => s.id));
            const eips = new Set(run.ofType("aws:ec2/eip:Eip").map((e) => e.id));
            for (const nat of run.ofType(NAT)) {
                assert.ok(publicSubnets.has(String(nat.inputs.subnetId)), `${nat.name} in a public subnet`);
                assert.ok(eips.has(String(nat.inputs.allocationId)), `${nat.name} has an EIP`);
            }
        }
    });

    it("routes private subnets through the zone's NAT (or none), public ones through the internet gateway", () => {
        const igw = runs.balanced.one("aws:ec2/internetGateway:InternetGateway");
        const publicRoute = runs.balanced.one(ROUTE, "public-default-route");
        assert.equal(publicRoute.inputs.gatewayId, igw.id);
        assert.equal(publicRoute.inputs.destinationCidrBlock, "0.0.0.0/0");

        assert.deepEqual(runs.affordable.ofType(ROUTE).map((r) => r.name), ["app-public-default-route"]);
        const single = natByName(runs.balanced);
        assert.deepEqual(
            runs.balanced.ofType(ROUTE).filter((r) => r.name.includes("private")).map((r) => `${r.name} -> ${single.get(String(r.inputs.natGatewayId))}`),
            ["app-private-default-route-us-east-1a -> app-nat-us-east-1a", "app-private-default-route-us-east-1b -> app-nat-us-east-1a"],
        );
        const perAz = natByName(runs.high_availability);
        assert.deepEqual(
            runs.high_availability.ofType(ROUTE).filter((r) => r.name.includes("private")).map((r) => `${r.name} -> ${perAz.get(String(r.inputs.natGatewayId))}`),
            [
                "app-private-default-route-us-east-1a -> app-nat-us-east-1a",
                "app-private-default-route-us-east-1b -> app-nat-us-east-1b",
                "app-private-default-route-us-east-1c -> app-nat-us-east-1c",
            ],
        );
    });

    it("adds an S3 gateway endpoint on every route table", () => {
        const run = runs.high_availability;
        const endpoint = run.one("aws:ec2/vpcEndpoint:VpcEndpoint");
        assert.equal(endpoint.inputs.serviceName, "com.amazonaws.us-east-1.s3");
        assert.equal(endpoint.inputs.vpcEndpointType, "Gateway");
        const tables = run.ofType("aws:ec2/routeTable:RouteTable").map((t) => t.id).sort();
        assert.deepEqual([...(endpoint.inputs.routeTableIds as string[])].sort(), tables);
        assert.equal(tables.length, 4);
    });

    it("takes over the default security group with no rules (NET-01)", () => {
        for (const run of Object.values(runs)) {
            const d = run.one("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
            assert.equal(d.inputs.vpcId, run.one("aws:ec2/vpc:Vpc").id);
            assert.equal(d.inputs.ingress, undefined);
            assert.equal(d.inputs.egress, undefined);
        }
    });

    it("makes <project>.internal the search domain through DHCP options", () => {
        const run = runs.affordable;
        const options = run.one("aws:ec2/vpcDhcpOptions:VpcDhcpOptions");
        assert.equal(options.inputs.domainName, "shop.internal");
        assert.deepEqual(options.inputs.domainNameServers, ["AmazonProvidedDNS"]);
        const association = run.one("aws:ec2/vpcDhcpOptionsAssociation:VpcDhcpOptionsAssociation");
        assert.equal(association.inputs.dhcpOptionsId, options.id);
        assert.equal(association.inputs.vpcId, run.one("aws:ec2/vpc:Vpc").id);
    });

    it("logs VPC flows in balanced and high_availability only, through a role that may write only that group", () => {
        assert.equal(runs.affordable.ofType("aws:ec2/flowLog:FlowLog").length, 0);
        for (const run of [runs.balanced, runs.high_availability]) {
            const flow = run.one("aws:ec2/flowLog:FlowLog");
            const group = run.named("app-vpc-flow-logs");
            assert.equal(group.inputs.name, "/Defang/shop/dev/vpc/flow-logs");
            assert.equal(flow.inputs.vpcId, run.one("aws:ec2/vpc:Vpc").id);
            assert.equal(flow.inputs.logDestinationType, "cloud-watch-logs");
            assert.equal(flow.inputs.trafficType, "ALL");
            const arn = "arn:aws:logs:us-east-1:123456789012:log-group:/Defang/shop/dev/vpc/flow-logs";
            assert.equal(flow.inputs.logDestination, arn);
            const role = run.named("app-vpc-flow-logs-role");
            assert.equal(flow.inputs.iamRoleArn, `arn:aws:iam::123456789012:role/${role.inputs.name}`);
            const trust = JSON.parse(String(role.inputs.assumeRolePolicy)).Statement[0];
            assert.deepEqual(trust.Principal, { Service: "vpc-flow-logs.amazonaws.com" });
            assert.deepEqual(trust.Condition.StringEquals, { "aws:SourceAccount": "123456789012" });
            const [statement] = statements(run.named("app-vpc-flow-logs-policy"));
            assert.deepEqual(statement.Resource, [arn, `${arn}:*`]);
            assert.deepEqual(statement.Action, ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]);
        }
    });

    it("clamps the zones to what the region offers (us-west-1 has two)", async () => {
        const run = await expandPlan(acceptancePlan("high_availability"), {}, { region: "us-west-1" });
        assert.deepEqual(run.ofType(SUBNET).filter((s) => s.name.includes("-public-")).map((s) => s.inputs.availabilityZone), ["us-west-1b", "us-west-1c"]);
        assert.equal(run.ofType(NAT).length, 2);
    });

    it("adopts a given VPC: no network resources, the given ids everywhere", async () => {
        const plan = acceptancePlan("balanced");
        plan.network.adopt = { vpcId: "vpc-given", publicSubnetIds: ["subnet-pa", "subnet-pb"], privateSubnetIds: ["subnet-qa", "subnet-qb"] };
        plan.dns.searchDomain = false;
        const run = await expandPlan(plan, { network: { vpcId: "vpc-given", publicSubnetIds: ["subnet-pa", "subnet-pb"], privateSubnetIds: ["subnet-qa", "subnet-qb"] } });
        for (const type of ["aws:ec2/vpc:Vpc", SUBNET, NAT, ROUTE, "aws:ec2/internetGateway:InternetGateway", "aws:ec2/vpcDhcpOptions:VpcDhcpOptions", "aws:ec2/flowLog:FlowLog", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"]) {
            assert.equal(run.ofType(type).length, 0, type);
        }
        for (const s of run.ofType(SERVICE)) assert.deepEqual((s.inputs.networkConfiguration as { subnets: string[] }).subnets, ["subnet-qa", "subnet-qb"]);
        for (const g of run.ofType("aws:ec2/securityGroup:SecurityGroup")) assert.equal(g.inputs.vpcId, "vpc-given");
        assert.deepEqual(run.one("aws:lb/loadBalancer:LoadBalancer").inputs.subnets, ["subnet-pa", "subnet-pb"]);
        assert.equal(run.one("aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace").inputs.vpc, "vpc-given");
        assert.equal(run.ofType(ROLE).filter((r) => r.name.includes("flow")).length, 0);
        assert.equal(run.ofType(ROLE_POLICY).filter((r) => r.name.includes("flow")).length, 0);
    });
});
