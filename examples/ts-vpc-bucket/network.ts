// A VPC shaped the way the component expects an adopted one: public subnets with an internet
// gateway (load balancer), private subnets with a NAT gateway (tasks, databases), two zones.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface Network {
    vpcId: pulumi.Output<string>;
    publicSubnetIds: pulumi.Output<string>[];
    privateSubnetIds: pulumi.Output<string>[];
}

export function createNetwork(name: string): Network {
    const zones = aws.getAvailabilityZonesOutput({ state: "available" }).names;
    const vpc = new aws.ec2.Vpc(name, { cidrBlock: "10.20.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: name } });
    const igw = new aws.ec2.InternetGateway(name, { vpcId: vpc.id });
    const publicRoutes = new aws.ec2.RouteTable(`${name}-public`, {
        vpcId: vpc.id,
        routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
    });

    const publicSubnets: aws.ec2.Subnet[] = [];
    const privateSubnets: aws.ec2.Subnet[] = [];
    for (const i of [0, 1]) {
        const availabilityZone = zones[i];
        const pub = new aws.ec2.Subnet(`${name}-public-${i}`, {
            vpcId: vpc.id,
            availabilityZone,
            cidrBlock: `10.20.${i}.0/24`,
            tags: { Name: `${name}-public-${i}` },
        });
        new aws.ec2.RouteTableAssociation(`${name}-public-${i}`, { subnetId: pub.id, routeTableId: publicRoutes.id });
        publicSubnets.push(pub);
        privateSubnets.push(
            new aws.ec2.Subnet(`${name}-private-${i}`, {
                vpcId: vpc.id,
                availabilityZone,
                cidrBlock: `10.20.${100 + i}.0/24`,
                tags: { Name: `${name}-private-${i}` },
            }),
        );
    }

    // One NAT gateway: tasks in private subnets pull images and call AWS APIs through it.
    const eip = new aws.ec2.Eip(`${name}-nat`, { domain: "vpc" });
    const nat = new aws.ec2.NatGateway(name, { subnetId: publicSubnets[0].id, allocationId: eip.id }, { dependsOn: [igw] });
    const privateRoutes = new aws.ec2.RouteTable(`${name}-private`, {
        vpcId: vpc.id,
        routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }],
    });
    privateSubnets.forEach((subnet, i) => new aws.ec2.RouteTableAssociation(`${name}-private-${i}`, { subnetId: subnet.id, routeTableId: privateRoutes.id }));

    return { vpcId: vpc.id, publicSubnetIds: publicSubnets.map((s) => s.id), privateSubnetIds: privateSubnets.map((s) => s.id) };
}
