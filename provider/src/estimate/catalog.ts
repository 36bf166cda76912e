// Every resource type the estimate knows, and what it costs: a pricer, free (with the reason), or
// usage-only (billed by use the estimate takes from the usage file). A type missing here is
// "unknown": the tests fail on it, so a new resource type cannot slip into a plan unpriced.
import type { Pricer } from "./pricers/context";
import { priceEcsService } from "./pricers/fargate";
import { priceElasticIp, priceFlowLog, priceHostedZone, priceLoadBalancer, priceNatGateway, priceVpcEndpoint } from "./pricers/network";
import { priceCacheCluster, priceDocdbCluster, priceDocdbInstance, priceRdsInstance, priceReplicationGroup } from "./pricers/stores";
import { priceAutoScalingGroup, priceEc2Instance } from "./pricers/ec2";
import { priceEcsCluster, priceSsmParameter } from "./pricers/misc";
import { priceDashboard, priceKmsKey, priceMetricAlarm } from "./pricers/observability";
import { priceBucket, priceDistribution, priceEfsBackup, priceFileSystem } from "./pricers/files";

export type CatalogEntry = { kind: "priced"; price: Pricer } | { kind: "free"; why: string } | { kind: "usage"; why: string };

const priced = (price: Pricer): CatalogEntry => ({ kind: "priced", price });
const free = (why: string): CatalogEntry => ({ kind: "free", why });
const usage = (why: string): CatalogEntry => ({ kind: "usage", why });

const NO_CHARGE = "no charge";
const CONFIG = "configuration, no charge";

export const CATALOG: Record<string, CatalogEntry> = {
    // --- compute ---
    "aws:ecs/service:Service": priced(priceEcsService),
    "aws:ecs/taskDefinition:TaskDefinition": free("a task definition costs nothing; its tasks are priced on the ECS service (one-off tasks per run)"),
    "aws:ecs/cluster:Cluster": priced(priceEcsCluster),
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": free(CONFIG),
    "aws:ecs/capacityProvider:CapacityProvider": free("capacity is priced on its Auto Scaling group or instances"),
    "aws:autoscaling/group:Group": priced(priceAutoScalingGroup),
    "aws:ec2/instance:Instance": priced(priceEc2Instance),
    "aws:ec2/launchTemplate:LaunchTemplate": free("priced on the instances that use it"),
    "aws:iam/instanceProfile:InstanceProfile": free(NO_CHARGE),
    "aws:appautoscaling/target:Target": free("autoscaling is free; the tasks it runs are priced on the ECS service"),
    "aws:appautoscaling/policy:Policy": free("autoscaling is free (target tracking creates CloudWatch alarms, not estimated)"),
    // --- network ---
    "aws:ec2/vpc:Vpc": free(NO_CHARGE),
    "aws:ec2/subnet:Subnet": free(NO_CHARGE),
    "aws:ec2/internetGateway:InternetGateway": free(NO_CHARGE),
    "aws:ec2/routeTable:RouteTable": free(NO_CHARGE),
    "aws:ec2/route:Route": free(NO_CHARGE),
    "aws:ec2/routeTableAssociation:RouteTableAssociation": free(NO_CHARGE),
    "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation": free(NO_CHARGE),
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": free(NO_CHARGE),
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": free(NO_CHARGE),
    "aws:ec2/networkAcl:NetworkAcl": free(NO_CHARGE),
    "aws:ec2/securityGroup:SecurityGroup": free(NO_CHARGE),
    "aws:ec2/securityGroupRule:SecurityGroupRule": free(NO_CHARGE),
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": free(NO_CHARGE),
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": free(NO_CHARGE),
    "aws:ec2/vpcDhcpOptions:VpcDhcpOptions": free(NO_CHARGE),
    "aws:ec2/vpcDhcpOptionsAssociation:VpcDhcpOptionsAssociation": free(NO_CHARGE),
    "aws:ec2/eip:Eip": priced(priceElasticIp),
    "aws:ec2/natGateway:NatGateway": priced(priceNatGateway),
    "aws:ec2/vpcEndpoint:VpcEndpoint": priced(priceVpcEndpoint),
    "aws:ec2/flowLog:FlowLog": priced(priceFlowLog),
    // --- load balancing ---
    "aws:lb/loadBalancer:LoadBalancer": priced(priceLoadBalancer),
    "aws:alb/loadBalancer:LoadBalancer": priced(priceLoadBalancer),
    "aws:lb/targetGroup:TargetGroup": free("included in the load balancer's hours and LCUs"),
    "aws:alb/targetGroup:TargetGroup": free("included in the load balancer's hours and LCUs"),
    "aws:lb/listener:Listener": free("included in the load balancer's hours and LCUs"),
    "aws:alb/listener:Listener": free("included in the load balancer's hours and LCUs"),
    "aws:lb/listenerRule:ListenerRule": free("included in the load balancer's LCUs (rule evaluations)"),
    "aws:alb/listenerRule:ListenerRule": free("included in the load balancer's LCUs (rule evaluations)"),
    "aws:lb/listenerCertificate:ListenerCertificate": free(NO_CHARGE),
    "aws:acm/certificate:Certificate": free("public ACM certificates are free"),
    "aws:acm/certificateValidation:CertificateValidation": free(NO_CHARGE),
    // --- DNS and discovery ---
    "aws:route53/zone:Zone": priced(priceHostedZone),
    "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": priced(priceHostedZone),
    "aws:servicediscovery/publicDnsNamespace:PublicDnsNamespace": priced(priceHostedZone),
    "aws:servicediscovery/service:Service": free("ECS service discovery: the namespace's hosted zone is priced; queries are usage (dns.queriesMillions)"),
    "aws:route53/record:Record": free("records are free; queries are usage (alias queries to AWS resources free)"),
    "aws:route53/zoneAssociation:ZoneAssociation": free(NO_CHARGE),
    // --- identity, config and secrets ---
    "aws:iam/role:Role": free(NO_CHARGE),
    "aws:iam/rolePolicy:RolePolicy": free(NO_CHARGE),
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": free(NO_CHARGE),
    "aws:iam/policy:Policy": free(NO_CHARGE),
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": free(NO_CHARGE),
    "aws:ssm/parameter:Parameter": priced(priceSsmParameter),
    "random:index/randomPassword:RandomPassword": free("generated locally"),
    "random:index/randomString:RandomString": free("generated locally"),
    "random:index/randomId:RandomId": free("generated locally"),
    // --- operations: alarms, notifications, dashboard ---
    "aws:cloudwatch/metricAlarm:MetricAlarm": priced(priceMetricAlarm),
    "aws:cloudwatch/dashboard:Dashboard": priced(priceDashboard),
    "aws:kms/key:Key": priced(priceKmsKey),
    "aws:kms/alias:Alias": free(NO_CHARGE),
    "aws:sns/topic:Topic": usage("topics are free; notifications are billed by use past a free monthly allowance (e-mail $2.00 per 100,000 past 1,000) and not estimated"),
    "aws:sns/topicPolicy:TopicPolicy": free(CONFIG),
    "aws:sns/topicSubscription:TopicSubscription": free("subscriptions are free; deliveries are billed on the topic"),
    // --- logs and images ---
    "aws:cloudwatch/logGroup:LogGroup": usage("billed per GB ingested and stored (logs.ingestedGB, logs.storedGB)"),
    "aws:ecr/repository:Repository": usage("billed per GB stored (ecr.storageGB)"),
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": free(CONFIG),
    "aws:ecr/repositoryPolicy:RepositoryPolicy": free(CONFIG),
    "aws:codebuild/project:Project": usage("billed per build minute, by compute type, only while an image builds; builds are not estimated"),
    "defang:index:ImageBuild": free("starts a build on its CodeBuild project, which bills the minutes (usage, not estimated)"),
    "defang:index:TaskRun": usage("one Fargate task per deploy that changes the job, billed per second while it runs (minutes per deploy; not estimated)"),
    // --- buckets (build contexts, x-defang-s3 data, static sites) ---
    "aws:s3/bucket:Bucket": priced(priceBucket),
    "aws:s3/bucketVersioning:BucketVersioning": free("configuration; noncurrent versions are billed as storage of the bucket"),
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": free(CONFIG),
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": free(CONFIG),
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": free("configuration, no charge (SSE-S3)"),
    "aws:s3/bucketPolicy:BucketPolicy": free(CONFIG),
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": free("configuration, no charge (expirations are free)"),
    // --- volumes (EFS) ---
    "aws:efs/fileSystem:FileSystem": priced(priceFileSystem),
    "aws:efs/backupPolicy:BackupPolicy": priced(priceEfsBackup),
    "aws:efs/accessPoint:AccessPoint": free(NO_CHARGE),
    "aws:efs/mountTarget:MountTarget": free("no charge (traffic within an AZ is free)"),
    "aws:efs/fileSystemPolicy:FileSystemPolicy": free(CONFIG),
    // --- static sites (CloudFront) ---
    "aws:cloudfront/distribution:Distribution": priced(priceDistribution),
    "aws:cloudfront/originAccessControl:OriginAccessControl": free(NO_CHARGE),
    "aws:cloudfront/function:Function": usage("billed per million invocations beyond CloudFront's 2 million free a month (not estimated)"),
    "defang:index:StaticSiteSync": free("runs the extraction build (CodeBuild minutes, not estimated) and S3 PUTs of changed files"),
    // --- managed stores ---
    "aws:rds/instance:Instance": priced(priceRdsInstance),
    "aws:rds/subnetGroup:SubnetGroup": free(CONFIG),
    "aws:rds/parameterGroup:ParameterGroup": free(CONFIG),
    "aws:elasticache/replicationGroup:ReplicationGroup": priced(priceReplicationGroup),
    "aws:elasticache/cluster:Cluster": priced(priceCacheCluster),
    "aws:elasticache/subnetGroup:SubnetGroup": free(CONFIG),
    "aws:elasticache/parameterGroup:ParameterGroup": free(CONFIG),
    "aws:docdb/cluster:Cluster": priced(priceDocdbCluster),
    "aws:docdb/clusterInstance:ClusterInstance": priced(priceDocdbInstance),
    "aws:docdb/subnetGroup:SubnetGroup": free(CONFIG),
    "aws:docdb/clusterParameterGroup:ClusterParameterGroup": free(CONFIG),
};

/** The entry for a type; components (defang:*, pulumi:*) group children and cost nothing. */
export function catalogEntry(type: string): CatalogEntry | undefined {
    if (CATALOG[type]) return CATALOG[type];
    if (type.startsWith("defang:") || type.startsWith("pulumi:")) return free("a component grouping its children");
    return undefined;
}
