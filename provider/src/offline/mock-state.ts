// Plausible provider state for every resource type the component creates, so that outputs which
// feed other resources (ARNs, DNS names, endpoints, generated passwords) look like AWS's and keep
// their shape through the graph. Deterministic: the same logical name gives the same ids.
import { createHash } from "crypto";
import { IMAGE_BUILD_TOKEN, type ImageBuildInputs, tagOf } from "../resources/image-build-spec";
import { STATIC_SITE_SYNC_TOKEN } from "../resources/static-site-sync-spec";
import { TASK_RUN_TOKEN } from "../resources/task-run-spec";

export interface MockAccount {
    region: string;
    accountId: string;
    partition: string;
}

type Inputs = Record<string, unknown>;
type StateFn = (name: string, inputs: Inputs, a: MockAccount, h: string) => Inputs;

/** Hex digits derived from a resource's type and logical name. */
export function stableHex(seed: string, length: number): string {
    let out = "";
    for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${seed}#${i}`).digest("hex");
    return out.slice(0, length);
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const arn = (a: MockAccount, service: string, resource: string, global = false): string =>
    `arn:${a.partition}:${service}:${global ? "" : a.region}:${global && service === "s3" ? "" : a.accountId}:${resource}`;
const physical = (name: string, inputs: Inputs, h: string): string => str(inputs.name) ?? `${name}-${h.slice(0, 7)}`;

const STATES: Record<string, StateFn> = {
    "aws:ec2/vpc:Vpc": (_n, i, a, h) => ({
        id: `vpc-${h.slice(0, 17)}`,
        arn: arn(a, "ec2", `vpc/vpc-${h.slice(0, 17)}`),
        cidrBlock: i.cidrBlock ?? "10.0.0.0/16",
        defaultSecurityGroupId: `sg-${h.slice(17, 34)}`,
        mainRouteTableId: `rtb-${h.slice(17, 34)}`,
        defaultNetworkAclId: `acl-${h.slice(17, 34)}`,
        ownerId: a.accountId,
    }),
    "aws:ec2/subnet:Subnet": (_n, i, a, h) => ({
        id: `subnet-${h.slice(0, 17)}`,
        arn: arn(a, "ec2", `subnet/subnet-${h.slice(0, 17)}`),
        availabilityZone: i.availabilityZone ?? `${a.region}a`,
        ownerId: a.accountId,
    }),
    "aws:ec2/internetGateway:InternetGateway": (_n, _i, a, h) => ({ id: `igw-${h.slice(0, 17)}`, arn: arn(a, "ec2", `internet-gateway/igw-${h.slice(0, 17)}`) }),
    "aws:ec2/routeTable:RouteTable": (_n, _i, a, h) => ({ id: `rtb-${h.slice(0, 17)}`, arn: arn(a, "ec2", `route-table/rtb-${h.slice(0, 17)}`) }),
    "aws:ec2/route:Route": (_n, _i, _a, h) => ({ id: `r-rtb-${h.slice(0, 17)}` }),
    "aws:ec2/routeTableAssociation:RouteTableAssociation": (_n, _i, _a, h) => ({ id: `rtbassoc-${h.slice(0, 17)}` }),
    "aws:ec2/eip:Eip": (_n, _i, a, h) => ({
        id: `eipalloc-${h.slice(0, 17)}`,
        allocationId: `eipalloc-${h.slice(0, 17)}`,
        publicIp: `203.0.113.${parseInt(h.slice(0, 2), 16) % 254 + 1}`,
        arn: arn(a, "ec2", `elastic-ip/eipalloc-${h.slice(0, 17)}`),
    }),
    "aws:ec2/natGateway:NatGateway": (_n, _i, _a, h) => ({ id: `nat-${h.slice(0, 17)}`, publicIp: `203.0.113.${parseInt(h.slice(2, 4), 16) % 254 + 1}` }),
    "aws:ec2/vpcEndpoint:VpcEndpoint": (_n, _i, a, h) => ({ id: `vpce-${h.slice(0, 17)}`, arn: arn(a, "ec2", `vpc-endpoint/vpce-${h.slice(0, 17)}`), prefixListId: `pl-${h.slice(0, 8)}` }),
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": (_n, _i, a, h) => ({ id: `sg-${h.slice(0, 17)}`, arn: arn(a, "ec2", `security-group/sg-${h.slice(0, 17)}`) }),
    "aws:ec2/securityGroup:SecurityGroup": (n, i, a, h) => ({
        id: `sg-${h.slice(0, 17)}`,
        arn: arn(a, "ec2", `security-group/sg-${h.slice(0, 17)}`),
        name: physical(n, i, h),
        ownerId: a.accountId,
    }),
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (_n, _i, a, h) => ({ id: `sgr-${h.slice(0, 17)}`, arn: arn(a, "ec2", `security-group-rule/sgr-${h.slice(0, 17)}`), securityGroupRuleId: `sgr-${h.slice(0, 17)}` }),
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": (_n, _i, a, h) => ({ id: `sgr-${h.slice(0, 17)}`, arn: arn(a, "ec2", `security-group-rule/sgr-${h.slice(0, 17)}`), securityGroupRuleId: `sgr-${h.slice(0, 17)}` }),
    "aws:ec2/flowLog:FlowLog": (_n, _i, a, h) => ({ id: `fl-${h.slice(0, 17)}`, arn: arn(a, "ec2", `vpc-flow-log/fl-${h.slice(0, 17)}`) }),
    "aws:ec2/vpcDhcpOptions:VpcDhcpOptions": (_n, _i, a, h) => ({ id: `dopt-${h.slice(0, 17)}`, arn: arn(a, "ec2", `dhcp-options/dopt-${h.slice(0, 17)}`), ownerId: a.accountId }),
    "aws:ec2/vpcDhcpOptionsAssociation:VpcDhcpOptionsAssociation": (_n, _i, _a, h) => ({ id: `dopt-${h.slice(0, 17)}-vpc` }),
    "aws:ec2/launchTemplate:LaunchTemplate": (_n, _i, a, h) => ({ id: `lt-${h.slice(0, 17)}`, arn: arn(a, "ec2", `launch-template/lt-${h.slice(0, 17)}`), latestVersion: 1, defaultVersion: 1 }),
    "aws:autoscaling/group:Group": (n, i, a, h) => ({ id: physical(n, i, h), name: physical(n, i, h), arn: arn(a, "autoscaling", `autoScalingGroup:${h.slice(0, 8)}-${h.slice(8, 12)}:autoScalingGroupName/${physical(n, i, h)}`) }),
    "aws:ecs/cluster:Cluster": (n, i, a, h) => ({ id: arn(a, "ecs", `cluster/${physical(n, i, h)}`), arn: arn(a, "ecs", `cluster/${physical(n, i, h)}`), name: physical(n, i, h) }),
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": (_n, i) => ({ id: str(i.clusterName) ?? "cluster" }),
    "aws:ecs/capacityProvider:CapacityProvider": (n, i, a, h) => ({ id: arn(a, "ecs", `capacity-provider/${physical(n, i, h)}`), arn: arn(a, "ecs", `capacity-provider/${physical(n, i, h)}`), name: physical(n, i, h) }),
    "aws:ecs/taskDefinition:TaskDefinition": (n, i, a, h) => {
        const family = str(i.family) ?? physical(n, i, h);
        return { id: family, arn: arn(a, "ecs", `task-definition/${family}:1`), arnWithoutRevision: arn(a, "ecs", `task-definition/${family}`), revision: 1 };
    },
    "aws:ecs/service:Service": (n, i, a, h) => {
        const cluster = (str(i.cluster) ?? "cluster").split("/").pop();
        const serviceArn = arn(a, "ecs", `service/${cluster}/${physical(n, i, h)}`);
        return { id: serviceArn, arn: serviceArn, name: physical(n, i, h) };
    },
    "aws:lb/loadBalancer:LoadBalancer": (n, i, a, h) => {
        const lbName = physical(n, i, h).slice(0, 32);
        const lbArn = arn(a, "elasticloadbalancing", `loadbalancer/app/${lbName}/${h.slice(0, 16)}`);
        return {
            id: lbArn,
            arn: lbArn,
            arnSuffix: `app/${lbName}/${h.slice(0, 16)}`,
            name: lbName,
            dnsName: `${lbName}-${parseInt(h.slice(0, 8), 16)}.${a.region}.elb.amazonaws.com`,
            zoneId: "Z35SXDOTRQ7X7K",
        };
    },
    "aws:lb/targetGroup:TargetGroup": (n, i, a, h) => {
        const tgName = physical(n, i, h).slice(0, 32);
        const tgArn = arn(a, "elasticloadbalancing", `targetgroup/${tgName}/${h.slice(0, 16)}`);
        return { id: tgArn, arn: tgArn, arnSuffix: `targetgroup/${tgName}/${h.slice(0, 16)}`, name: tgName };
    },
    "aws:lb/listener:Listener": (_n, i, a, h) => {
        const lb = str(i.loadBalancerArn)?.split("loadbalancer/")[1] ?? `app/lb/${h.slice(16, 32)}`;
        const lArn = arn(a, "elasticloadbalancing", `listener/${lb}/${h.slice(0, 16)}`);
        return { id: lArn, arn: lArn };
    },
    "aws:lb/listenerRule:ListenerRule": (_n, i, a, h) => {
        const l = str(i.listenerArn)?.split("listener/")[1] ?? `app/lb/${h.slice(16, 32)}/${h.slice(32, 48)}`;
        const rArn = arn(a, "elasticloadbalancing", `listener-rule/${l}/${h.slice(0, 16)}`);
        return { id: rArn, arn: rArn };
    },
    "aws:lb/listenerCertificate:ListenerCertificate": (_n, i) => ({ id: `${str(i.listenerArn) ?? "listener"}_${str(i.certificateArn) ?? "certificate"}` }),
    "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": (_n, _i, a, h) => ({
        id: `ns-${h.slice(0, 16)}`,
        arn: arn(a, "servicediscovery", `namespace/ns-${h.slice(0, 16)}`),
        hostedZone: `Z${h.slice(0, 20).toUpperCase()}`,
    }),
    "aws:servicediscovery/service:Service": (_n, _i, a, h) => ({ id: `srv-${h.slice(0, 16)}`, arn: arn(a, "servicediscovery", `service/srv-${h.slice(0, 16)}`) }),
    "aws:ssm/parameter:Parameter": (n, i, a, h) => {
        const paramName = physical(n, i, h);
        return { id: paramName, arn: arn(a, "ssm", `parameter${paramName.startsWith("/") ? "" : "/"}${paramName}`), name: paramName, version: 1, tier: i.tier ?? "Standard" };
    },
    "aws:iam/role:Role": (n, i, a, h) => ({ id: physical(n, i, h), arn: arn(a, "iam", `role/${physical(n, i, h)}`, true), name: physical(n, i, h), uniqueId: `AROA${h.slice(0, 17).toUpperCase()}` }),
    "aws:iam/policy:Policy": (n, i, a, h) => ({ id: arn(a, "iam", `policy/${physical(n, i, h)}`, true), arn: arn(a, "iam", `policy/${physical(n, i, h)}`, true), name: physical(n, i, h), policyId: `ANPA${h.slice(0, 17).toUpperCase()}` }),
    "aws:iam/rolePolicy:RolePolicy": (n, i, _a, h) => ({ id: `${str(i.role) ?? "role"}:${physical(n, i, h)}`, name: physical(n, i, h) }),
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (_n, i, _a, h) => ({ id: `${str(i.role) ?? "role"}-${h.slice(0, 20)}` }),
    "aws:iam/instanceProfile:InstanceProfile": (n, i, a, h) => ({ id: physical(n, i, h), arn: arn(a, "iam", `instance-profile/${physical(n, i, h)}`, true), name: physical(n, i, h) }),
    "aws:cloudwatch/logGroup:LogGroup": (n, i, a, h) => ({ id: physical(n, i, h), arn: arn(a, "logs", `log-group:${physical(n, i, h)}`), name: physical(n, i, h) }),
    "aws:ecr/repository:Repository": (n, i, a, h) => {
        const repo = physical(n, i, h).toLowerCase();
        return { id: repo, arn: arn(a, "ecr", `repository/${repo}`), name: repo, registryId: a.accountId, repositoryUrl: `${a.accountId}.dkr.ecr.${a.region}.amazonaws.com/${repo}` };
    },
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": (_n, i) => ({ id: str(i.repository) ?? "repository", registryId: "123456789012" }),
    "aws:rds/instance:Instance": (n, i, a, h) => {
        const ident = (str(i.identifier) ?? physical(n, i, h)).toLowerCase();
        const address = `${ident}.c${h.slice(0, 11)}.${a.region}.rds.amazonaws.com`;
        const port = typeof i.port === "number" ? i.port : 5432;
        return { id: `db-${h.slice(0, 26).toUpperCase()}`, arn: arn(a, "rds", `db:${ident}`), identifier: ident, address, endpoint: `${address}:${port}`, port, hostedZoneId: "Z2R2ITUGPM61AM", resourceId: `db-${h.slice(0, 26).toUpperCase()}` };
    },
    "aws:rds/subnetGroup:SubnetGroup": (n, i, a, h) => ({ id: physical(n, i, h).toLowerCase(), arn: arn(a, "rds", `subgrp:${physical(n, i, h).toLowerCase()}`), name: physical(n, i, h).toLowerCase() }),
    "aws:rds/parameterGroup:ParameterGroup": (n, i, a, h) => ({ id: physical(n, i, h).toLowerCase(), arn: arn(a, "rds", `pg:${physical(n, i, h).toLowerCase()}`), name: physical(n, i, h).toLowerCase() }),
    "aws:elasticache/replicationGroup:ReplicationGroup": (n, i, a, h) => {
        const ident = (str(i.replicationGroupId) ?? physical(n, i, h)).toLowerCase().slice(0, 40);
        return {
            id: ident,
            arn: arn(a, "elasticache", `replicationgroup:${ident}`),
            primaryEndpointAddress: `master.${ident}.${h.slice(0, 6)}.${a.region.replace(/-/g, "")}.cache.amazonaws.com`,
            readerEndpointAddress: `replica.${ident}.${h.slice(0, 6)}.${a.region.replace(/-/g, "")}.cache.amazonaws.com`,
            port: typeof i.port === "number" ? i.port : 6379,
        };
    },
    "aws:elasticache/subnetGroup:SubnetGroup": (n, i, a, h) => ({ id: physical(n, i, h).toLowerCase(), arn: arn(a, "elasticache", `subnetgroup:${physical(n, i, h).toLowerCase()}`), name: physical(n, i, h).toLowerCase() }),
    "aws:elasticache/parameterGroup:ParameterGroup": (n, i, a, h) => ({ id: physical(n, i, h).toLowerCase(), arn: arn(a, "elasticache", `parametergroup:${physical(n, i, h).toLowerCase()}`), name: physical(n, i, h).toLowerCase() }),
    "aws:docdb/cluster:Cluster": (n, i, a, h) => {
        const ident = (str(i.clusterIdentifier) ?? physical(n, i, h)).toLowerCase();
        return {
            id: ident,
            arn: arn(a, "rds", `cluster:${ident}`),
            clusterIdentifier: ident,
            endpoint: `${ident}.cluster-c${h.slice(0, 11)}.${a.region}.docdb.amazonaws.com`,
            readerEndpoint: `${ident}.cluster-ro-c${h.slice(0, 11)}.${a.region}.docdb.amazonaws.com`,
            port: typeof i.port === "number" ? i.port : 27017,
            hostedZoneId: "ZNKXH85TT8WVW",
        };
    },
    "aws:docdb/clusterInstance:ClusterInstance": (n, i, a, h) => {
        const ident = (str(i.identifier) ?? physical(n, i, h)).toLowerCase();
        return { id: ident, arn: arn(a, "rds", `db:${ident}`), identifier: ident, endpoint: `${ident}.c${h.slice(0, 11)}.${a.region}.docdb.amazonaws.com`, port: 27017 };
    },
    "aws:docdb/subnetGroup:SubnetGroup": (n, i, a, h) => ({ id: physical(n, i, h).toLowerCase(), arn: arn(a, "rds", `subgrp:${physical(n, i, h).toLowerCase()}`), name: physical(n, i, h).toLowerCase() }),
    "aws:docdb/clusterParameterGroup:ClusterParameterGroup": (n, i, a, h) => ({ id: physical(n, i, h).toLowerCase(), arn: arn(a, "rds", `cluster-pg:${physical(n, i, h).toLowerCase()}`), name: physical(n, i, h).toLowerCase() }),
    "aws:acm/certificate:Certificate": (_n, i, a, h) => {
        const names = [str(i.domainName), ...(Array.isArray(i.subjectAlternativeNames) ? i.subjectAlternativeNames : [])].filter((d): d is string => typeof d === "string");
        const unique = [...new Set(names)];
        return {
            id: arn(a, "acm", `certificate/${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`),
            arn: arn(a, "acm", `certificate/${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`),
            status: "ISSUED",
            domainValidationOptions: unique.map((d) => {
                const base = d.replace(/^\*\./, "");
                const v = stableHex(`acm:${d}`, 32);
                return { domainName: d, resourceRecordName: `_${v.slice(0, 32)}.${base}.`, resourceRecordType: "CNAME", resourceRecordValue: `_${stableHex(`acmv:${d}`, 32)}.acm-validations.aws.` };
            }),
        };
    },
    "aws:acm/certificateValidation:CertificateValidation": (_n, i) => ({ id: str(i.certificateArn) ?? "certificate", certificateArn: i.certificateArn }),
    "aws:route53/record:Record": (_n, i, _a, h) => ({ id: `${str(i.zoneId) ?? "Z"}_${str(i.name) ?? h.slice(0, 8)}_${str(i.type) ?? "A"}`, fqdn: String(i.name ?? "").replace(/\.$/, "") }),
    "aws:route53/zone:Zone": (_n, i, _a, h) => ({ id: `Z${h.slice(0, 20).toUpperCase()}`, zoneId: `Z${h.slice(0, 20).toUpperCase()}`, nameServers: [`ns-1.awsdns-01.org`, `ns-2.awsdns-02.net`], name: i.name }),
    "aws:appautoscaling/target:Target": (_n, i, a, h) => ({ id: str(i.resourceId) ?? h.slice(0, 12), arn: arn(a, "application-autoscaling", `scalable-target/${h.slice(0, 24)}`) }),
    "aws:appautoscaling/policy:Policy": (n, i, a, h) => ({ id: physical(n, i, h), arn: arn(a, "autoscaling", `scalingPolicy:${h.slice(0, 8)}:resource/ecs/${physical(n, i, h)}`), alarmArns: [] }),
    "aws:cloudwatch/metricAlarm:MetricAlarm": (n, i, a, h) => ({ id: physical(n, i, h), arn: arn(a, "cloudwatch", `alarm:${physical(n, i, h)}`) }),
    "aws:cloudwatch/dashboard:Dashboard": (n, i, a, h) => {
        const name = str(i.dashboardName) ?? physical(n, i, h);
        return { id: name, dashboardArn: arn(a, "cloudwatch", `dashboard/${name}`, true) };
    },
    "aws:sns/topic:Topic": (n, i, a, h) => ({ id: arn(a, "sns", physical(n, i, h)), arn: arn(a, "sns", physical(n, i, h)), name: physical(n, i, h), owner: a.accountId }),
    "aws:sns/topicPolicy:TopicPolicy": (_n, i, a) => ({ id: str(i.arn) ?? "topic", owner: a.accountId }),
    "aws:sns/topicSubscription:TopicSubscription": (_n, i, _a, h) => ({ id: `${str(i.topic) ?? "topic"}:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`, arn: `${str(i.topic) ?? "topic"}:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`, pendingConfirmation: true }),
    "aws:kms/alias:Alias": (_n, i, a) => ({ id: str(i.name) ?? "alias/key", arn: arn(a, "kms", str(i.name) ?? "alias/key") }),
    "aws:s3/bucket:Bucket": (n, i, a, h) => {
        const b = (str(i.bucket) ?? (str(i.bucketPrefix) ? `${str(i.bucketPrefix)}${h.slice(0, 26)}` : physical(n, i, h))).toLowerCase();
        return { id: b, arn: `arn:${a.partition}:s3:::${b}`, bucket: b, bucketDomainName: `${b}.s3.amazonaws.com`, bucketRegionalDomainName: `${b}.s3.${a.region}.amazonaws.com` };
    },
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": (_n, i) => ({ id: str(i.bucket) ?? "bucket" }),
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": (_n, i) => ({ id: str(i.bucket) ?? "bucket" }),
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": (_n, i) => ({ id: str(i.bucket) ?? "bucket" }),
    "aws:s3/bucketPolicy:BucketPolicy": (_n, i) => ({ id: str(i.bucket) ?? "bucket" }),
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": (_n, i) => ({ id: str(i.bucket) ?? "bucket" }),
    "aws:codebuild/project:Project": (n, i, a, h) => ({ id: physical(n, i, h), arn: arn(a, "codebuild", `project/${physical(n, i, h)}`), name: physical(n, i, h), badgeUrl: "" }),
    // The image build (this package's own custom resource): the pushed image by a digest derived from its tag.
    [IMAGE_BUILD_TOKEN]: (n, i, _a, h) => {
        const tag = tagOf(i as unknown as ImageBuildInputs);
        const digest = `sha256:${stableHex(`image:${str(i.repositoryUrl) ?? n}:${tag}`, 64)}`;
        return { id: `${str(i.repositoryUrl) ?? n}@${digest}`, imageUri: `${str(i.repositoryUrl) ?? n}@${digest}`, imageTag: tag, imageDigest: digest, buildId: `${str(i.projectName) ?? n}:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}` };
    },
    // A one-off job's run (this package's own custom resource): a task of its cluster that exited 0.
    [TASK_RUN_TOKEN]: (_n, i, a, h) => {
        const cluster = (str(i.clusterArn) ?? "cluster").split("/").pop();
        const taskArn = arn(a, "ecs", `task/${cluster}/${h.slice(0, 32)}`);
        return { id: taskArn, taskArn, exitCode: 0 };
    },
    "aws:kms/key:Key": (_n, _i, a, h) => {
        const keyId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
        return { id: keyId, keyId, arn: arn(a, "kms", `key/${keyId}`) };
    },
    "aws:efs/fileSystem:FileSystem": (_n, _i, a, h) => ({ id: `fs-${h.slice(0, 17)}`, arn: arn(a, "elasticfilesystem", `file-system/fs-${h.slice(0, 17)}`), dnsName: `fs-${h.slice(0, 17)}.efs.${a.region}.amazonaws.com`, ownerId: a.accountId }),
    "aws:efs/accessPoint:AccessPoint": (_n, i, a, h) => ({ id: `fsap-${h.slice(0, 17)}`, arn: arn(a, "elasticfilesystem", `access-point/fsap-${h.slice(0, 17)}`), fileSystemArn: arn(a, "elasticfilesystem", `file-system/${str(i.fileSystemId) ?? "fs"}`), ownerId: a.accountId }),
    "aws:efs/mountTarget:MountTarget": (_n, i, a, h) => ({
        id: `fsmt-${h.slice(0, 17)}`,
        ipAddress: `10.0.${parseInt(h.slice(0, 2), 16) % 250}.${parseInt(h.slice(2, 4), 16) % 250 + 4}`,
        dnsName: `${str(i.fileSystemId) ?? "fs"}.efs.${a.region}.amazonaws.com`,
        networkInterfaceId: `eni-${h.slice(17, 34)}`,
    }),
    "aws:efs/backupPolicy:BackupPolicy": (_n, i) => ({ id: str(i.fileSystemId) ?? "fs" }),
    "aws:efs/fileSystemPolicy:FileSystemPolicy": (_n, i) => ({ id: str(i.fileSystemId) ?? "fs" }),
    "aws:s3/bucketVersioning:BucketVersioning": (_n, i) => ({ id: str(i.bucket) ?? "bucket" }),
    "aws:cloudfront/originAccessControl:OriginAccessControl": (_n, _i, _a, h) => ({ id: `E${h.slice(0, 13).toUpperCase()}`, etag: `E${h.slice(13, 26).toUpperCase()}` }),
    "aws:cloudfront/function:Function": (n, i, a, h) => ({ id: physical(n, i, h), arn: `arn:${a.partition}:cloudfront::${a.accountId}:function/${physical(n, i, h)}`, etag: `E${h.slice(0, 13).toUpperCase()}`, liveStageEtag: `E${h.slice(13, 26).toUpperCase()}`, status: "DEPLOYED" }),
    "aws:cloudfront/distribution:Distribution": (_n, _i, a, h) => {
        const id = `E${h.slice(0, 13).toUpperCase()}`;
        return { id, arn: `arn:${a.partition}:cloudfront::${a.accountId}:distribution/${id}`, domainName: `d${h.slice(13, 26)}.cloudfront.net`, hostedZoneId: "Z2FDTNDATAQYW2", status: "Deployed", etag: `E${h.slice(26, 39).toUpperCase()}`, callerReference: h.slice(0, 16) };
    },
    // A static site's sync (this package's own custom resource): the files it would publish are not known offline.
    [STATIC_SITE_SYNC_TOKEN]: (_n, i, _a, h) => ({ id: `${str(i.siteBucket) ?? "bucket"}/${str(i.service) ?? "site"}`, archiveKey: `${str(i.service) ?? "site"}/site/${h.slice(0, 32)}.tar.gz`, siteHash: h, objects: 0, bytes: 0, uploaded: 0, deleted: 0 }),
    "random:index/randomPassword:RandomPassword": (_n, i, _a, h) => ({ id: "none", result: passwordLike(h, typeof i.length === "number" ? i.length : 32) }),
    "random:index/randomString:RandomString": (_n, i, _a, h) => ({ id: passwordLike(h, typeof i.length === "number" ? i.length : 16), result: passwordLike(h, typeof i.length === "number" ? i.length : 16) }),
    "random:index/randomId:RandomId": (_n, i, _a, h) => {
        const hex = h.slice(0, 2 * (typeof i.byteLength === "number" ? i.byteLength : 4));
        return { id: Buffer.from(hex, "hex").toString("base64url"), hex, b64Url: Buffer.from(hex, "hex").toString("base64url"), b64Std: Buffer.from(hex, "hex").toString("base64"), dec: BigInt(`0x${hex || "0"}`).toString() };
    },
};

function passwordLike(h: string, length: number): string {
    // Alphanumeric only: fits RDS, ElastiCache and DocumentDB password rules.
    const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let out = "";
    const bytes = stableHex(`pw:${h}`, length * 2);
    for (let i = 0; i < length; i++) out += alphabet[parseInt(bytes.slice(2 * i, 2 * i + 2), 16) % alphabet.length];
    return out;
}

/** Types the offline engine knows how to answer; others get a generic id/arn (and are reported by tests). */
export function knownResourceTypes(): string[] {
    return Object.keys(STATES);
}

/** `{ id, state }` for a registration: the inputs echoed back plus the outputs AWS would compute. */
export function mockResourceState(type: string, name: string, inputs: Inputs, account: MockAccount): { id: string; state: Inputs } {
    const h = stableHex(`${type}::${name}`, 64);
    const fn = STATES[type];
    const extra = fn ? fn(name, inputs, account, h) : genericState(type, name, inputs, account, h);
    const { id, ...rest } = extra;
    return { id: String(id ?? `${name}-${h.slice(0, 7)}`), state: { ...inputs, ...rest } };
}

function genericState(type: string, name: string, inputs: Inputs, a: MockAccount, h: string): Inputs {
    // "aws:sqs/queue:Queue" → service "sqs", resource "queue/<name>"
    const [pkg, mod = "index"] = type.split(":");
    const service = mod.split("/")[0];
    const state: Inputs = { id: `${name}-${h.slice(0, 7)}`, name: physical(name, inputs, h) };
    if (pkg === "aws") state.arn = arn(a, service, `${type.split(":").pop()?.toLowerCase()}/${physical(name, inputs, h)}`);
    return state;
}
