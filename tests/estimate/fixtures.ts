// Hand-written resource lists shaped exactly like runOfflinePlan().resources (type token, logical
// name, parent, resolved inputs; references are mock ids/ARNs), for pricing tests that must not
// depend on the rest of the pipeline.
import type { PlannedResource } from "../../provider/src/estimate";

export const PROJECT = "app";
const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const parent = `urn:pulumi:dev::app::defang:index:Project::${PROJECT}`;

export function component(): PlannedResource {
    return { type: "defang:index:Project", name: PROJECT, inputs: {} };
}

export interface FargateSpec {
    service: string;
    cpu: number;
    memory: number;
    desired?: number;
    arm?: boolean;
    strategy?: Array<{ capacityProvider: string; base?: number; weight: number }>;
    publicIp?: boolean;
    ephemeralGiB?: number;
}

export function fargate(s: FargateSpec): PlannedResource[] {
    const family = `${PROJECT}-${s.service}`;
    const taskDef: PlannedResource = {
        type: "aws:ecs/taskDefinition:TaskDefinition",
        name: `${PROJECT}-${s.service}-task`,
        parent,
        inputs: {
            family,
            cpu: String(s.cpu),
            memory: String(s.memory),
            networkMode: "awsvpc",
            requiresCompatibilities: ["FARGATE"],
            runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: s.arm ? "ARM64" : "X86_64" },
            ...(s.ephemeralGiB ? { ephemeralStorage: { sizeInGib: s.ephemeralGiB } } : {}),
            containerDefinitions: JSON.stringify([{ name: s.service, image: "nginx" }]),
        },
    };
    const service: PlannedResource = {
        type: "aws:ecs/service:Service",
        name: `${PROJECT}-${s.service}-service`,
        parent,
        inputs: {
            cluster: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${PROJECT}-cluster-1a2b3c4`,
            taskDefinition: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${family}:1`,
            desiredCount: s.desired ?? 1,
            capacityProviderStrategies: s.strategy ?? [{ capacityProvider: "FARGATE", weight: 1 }],
            networkConfiguration: { assignPublicIp: s.publicIp ?? false, subnets: ["subnet-1", "subnet-2"], securityGroups: ["sg-1"] },
        },
    };
    return [taskDef, service];
}

export function alb(azs = 2, internal = false): PlannedResource[] {
    return [
        { type: "aws:lb/loadBalancer:LoadBalancer", name: `${PROJECT}-alb`, parent, inputs: { loadBalancerType: "application", internal, subnets: Array.from({ length: azs }, (_, i) => `subnet-pub-${i}`) } },
        { type: "aws:lb/listener:Listener", name: `${PROJECT}-https`, parent, inputs: { port: 443 } },
    ];
}

export function nat(azs: number): PlannedResource[] {
    const out: PlannedResource[] = [];
    for (let i = 0; i < azs; i++) {
        out.push({ type: "aws:ec2/eip:Eip", name: `${PROJECT}-nat-eip-${i}`, parent, inputs: { domain: "vpc" } });
        out.push({ type: "aws:ec2/natGateway:NatGateway", name: `${PROJECT}-nat-${i}`, parent, inputs: { allocationId: `eipalloc-${i}`, subnetId: `subnet-pub-${i}` } });
    }
    return out;
}

export function postgres(store: string, opts: { instanceClass?: string; multiAz?: boolean; gb?: number; storageType?: string } = {}): PlannedResource[] {
    return [
        { type: "aws:rds/subnetGroup:SubnetGroup", name: `${PROJECT}-${store}-subnets`, parent, inputs: {} },
        {
            type: "aws:rds/instance:Instance",
            name: `${PROJECT}-${store}-db`,
            parent,
            inputs: { engine: "postgres", engineVersion: "16.4", instanceClass: opts.instanceClass ?? "db.t4g.micro", multiAz: opts.multiAz ?? false, allocatedStorage: opts.gb ?? 20, storageType: opts.storageType ?? "gp3", backupRetentionPeriod: 1 },
        },
    ];
}

export function redis(store: string, opts: { nodeType?: string; engine?: string; nodes?: number } = {}): PlannedResource[] {
    return [
        {
            type: "aws:elasticache/replicationGroup:ReplicationGroup",
            name: `${PROJECT}-${store}-cache`,
            parent,
            inputs: { engine: opts.engine ?? "redis", nodeType: opts.nodeType ?? "cache.t4g.micro", numCacheClusters: opts.nodes ?? 1 },
        },
    ];
}

export function docdb(store: string, instances: number, instanceClass = "db.t3.medium"): PlannedResource[] {
    const out: PlannedResource[] = [{ type: "aws:docdb/cluster:Cluster", name: `${PROJECT}-${store}-cluster`, parent, inputs: { engine: "docdb" } }];
    for (let i = 0; i < instances; i++) {
        out.push({ type: "aws:docdb/clusterInstance:ClusterInstance", name: `${PROJECT}-${store}-${i}`, parent, inputs: { instanceClass, clusterIdentifier: `${PROJECT}-${store}-cluster-abc` } });
    }
    return out;
}

export function zone(kind: "route53" | "cloudmap"): PlannedResource {
    return kind === "route53"
        ? { type: "aws:route53/zone:Zone", name: `${PROJECT}-zone`, parent, inputs: { name: "example.com" } }
        : { type: "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace", name: `${PROJECT}-ns`, parent, inputs: { name: `${PROJECT}.internal`, vpc: "vpc-1" } };
}

export function freeStuff(): PlannedResource[] {
    return [
        { type: "aws:ec2/vpc:Vpc", name: `${PROJECT}-vpc`, parent, inputs: { cidrBlock: "10.0.0.0/16" } },
        { type: "aws:ec2/securityGroup:SecurityGroup", name: `${PROJECT}-web-sg`, parent, inputs: {} },
        { type: "aws:iam/role:Role", name: `${PROJECT}-web-task-role`, parent, inputs: {} },
        { type: "aws:ssm/parameter:Parameter", name: `${PROJECT}-db-password`, parent, inputs: { type: "SecureString" } },
        { type: "aws:cloudwatch/logGroup:LogGroup", name: `${PROJECT}-web-logs`, parent, inputs: { retentionInDays: 1 } },
    ];
}
