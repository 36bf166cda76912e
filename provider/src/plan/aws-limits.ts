// The AWS API's own rules for every value we send it, in one table: name rules (length, characters,
// first/last character, `--`, case, reserved prefixes), description and tag rules, numeric ranges, the
// allowed sets (log retention, Fargate sizes) and the quotas a compose file can push us past. Pulumi's
// mocks apply none of them, so `plan`, the naming functions (plan/naming.ts) and the offline engine's
// registration check (offline/limits-check.ts) all read this table, and a graph that breaks a rule
// fails before `pulumi up` does. Every entry cites the AWS page it comes from. Pure: no Pulumi.

/** Diagnostic codes of a broken rule (one per kind of rule; the message names the resource and limit). */
export type LimitCode = "aws-name-too-long" | "aws-name-invalid" | "aws-value-out-of-range" | "aws-quota-exceeded";

export interface StringRule {
    /** What the value is, for messages: "RDS DB instance identifier". */
    what: string;
    min: number;
    max: number;
    /** The whole value must match (characters, and any structure AWS documents). */
    pattern: RegExp;
    /** The pattern in words, for messages. */
    allowed: string;
    /** First character must be a letter. */
    letterFirst?: boolean;
    /** Must not end with a hyphen. */
    noTrailingHyphen?: boolean;
    /** Must not contain `--`. */
    noDoubleHyphen?: boolean;
    /** Lower case only (AWS stores it lower-cased and the provider compares it so). */
    lowercase?: boolean;
    /** Prefixes AWS reserves (compared case-insensitively). */
    reservedPrefixes?: string[];
    /** Suffixes AWS reserves (compared case-insensitively). */
    reservedSuffixes?: string[];
    /** Whole values AWS reserves. */
    reserved?: string[];
    source: string;
}

const ECS_CHARS = /^[A-Za-z0-9_-]*$/;
const IAM_CHARS = /^[\w+=,.@-]*$/;
/** EC2 names and descriptions (security groups). */
const EC2_CHARS = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
/** EC2 rule descriptions: the same set without `&` (rules that reference a security group refuse it). */
const EC2_RULE_CHARS = /^[A-Za-z0-9 ._\-:/()#,@[\]+=;{}!$*]*$/;
const LOWER_ID_CHARS = /^[a-z0-9-]*$/;

const DB_ID = (what: string, max: number, source: string): StringRule => ({
    what,
    min: 1,
    max,
    pattern: LOWER_ID_CHARS,
    allowed: "lower-case letters, digits and hyphens",
    letterFirst: true,
    noTrailingHyphen: true,
    noDoubleHyphen: true,
    lowercase: true,
    source,
});

/** Every string value with an AWS rule, by the kind of value. */
export const STRINGS = {
    // --- Elastic Load Balancing -----------------------------------------------------------------
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html
    loadBalancerName: {
        what: "load balancer name",
        min: 1,
        max: 32,
        pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
        allowed: "letters, digits and hyphens, not starting or ending with a hyphen",
        reservedPrefixes: ["internal-"],
        source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html",
    },
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html
    targetGroupName: {
        what: "target group name",
        min: 1,
        max: 32,
        pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
        allowed: "letters, digits and hyphens, not starting or ending with a hyphen",
        source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
    },
    // --- EC2 security groups ----------------------------------------------------------------------
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
    securityGroupName: {
        what: "security group name",
        min: 1,
        max: 255,
        pattern: EC2_CHARS,
        allowed: "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*",
        reservedPrefixes: ["sg-"],
        source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html",
    },
    securityGroupDescription: {
        what: "security group description",
        min: 1,
        max: 255,
        pattern: EC2_CHARS,
        allowed: "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*",
        source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html",
    },
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UserIdGroupPair.html (and API_IpRange.html)
    securityGroupRuleDescription: {
        what: "security group rule description",
        min: 0,
        max: 255,
        pattern: EC2_RULE_CHARS,
        allowed: "letters, digits, spaces and ._-:/()#,@[]+=;{}!$*",
        source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UserIdGroupPair.html",
    },
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html
    launchTemplateName: {
        what: "launch template name",
        min: 3,
        max: 128,
        pattern: /^[A-Za-z0-9().\-/_]*$/,
        allowed: "letters, digits and ().-/_",
        source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html",
    },
    // https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html
    autoScalingGroupName: {
        what: "Auto Scaling group name",
        min: 1,
        max: 255,
        pattern: /^[\x20-\x7E]*$/,
        allowed: "printable characters",
        source: "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html",
    },
    // --- IAM ----------------------------------------------------------------------------------------
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
    iamRoleName: {
        what: "IAM role name",
        min: 1,
        max: 64,
        pattern: IAM_CHARS,
        allowed: "letters, digits and +=,.@_-",
        source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
    },
    iamRoleDescription: {
        what: "IAM role description",
        min: 0,
        max: 1000,
        pattern: /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/,
        allowed: "printable Latin-1 characters",
        source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
    },
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html
    iamInlinePolicyName: {
        what: "IAM inline policy name",
        min: 1,
        max: 128,
        pattern: IAM_CHARS,
        allowed: "letters, digits and +=,.@_-",
        source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html",
    },
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateInstanceProfile.html
    iamInstanceProfileName: {
        what: "IAM instance profile name",
        min: 1,
        max: 128,
        pattern: IAM_CHARS,
        allowed: "letters, digits and +=,.@_-",
        source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateInstanceProfile.html",
    },
    // --- ECS ----------------------------------------------------------------------------------------
    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html
    ecsClusterName: {
        what: "ECS cluster name",
        min: 1,
        max: 255,
        pattern: ECS_CHARS,
        allowed: "letters, digits, hyphens and underscores",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html",
    },
    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html
    ecsServiceName: {
        what: "ECS service name",
        min: 1,
        max: 255,
        pattern: ECS_CHARS,
        allowed: "letters, digits, hyphens and underscores",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
    },
    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
    ecsTaskFamily: {
        what: "ECS task definition family",
        min: 1,
        max: 255,
        pattern: ECS_CHARS,
        allowed: "letters, digits, hyphens and underscores",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
    },
    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
    ecsContainerName: {
        what: "ECS container name",
        min: 1,
        max: 255,
        pattern: ECS_CHARS,
        allowed: "letters, digits, hyphens and underscores",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
    },
    ecsImage: {
        what: "container image reference",
        min: 1,
        max: 255,
        pattern: /^[A-Za-z0-9\-_:./@#]*$/,
        allowed: "letters, digits and -_:./@#",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
    },
    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Volume.html
    ecsVolumeName: {
        what: "ECS task volume name",
        min: 1,
        max: 255,
        pattern: ECS_CHARS,
        allowed: "letters, digits, hyphens and underscores",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Volume.html",
    },
    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html
    ecsPortMappingName: {
        what: "ECS port mapping name",
        min: 1,
        max: 64,
        pattern: /^[a-z0-9_][a-z0-9_-]*$/,
        allowed: "lower-case letters, digits, underscores and hyphens, not starting with a hyphen",
        source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html",
    },
    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCapacityProvider.html
    ecsCapacityProviderName: {
        what: "ECS capacity provider name",
        min: 1,
        max: 255,
        pattern: ECS_CHARS,
        allowed: "letters, digits, hyphens and underscores",
        reservedPrefixes: ["aws", "ecs", "fargate"],
        source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCapacityProvider.html",
    },
    // --- CloudWatch Logs, SSM, Cloud Map ---------------------------------------------------------------
    // https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html
    logGroupName: {
        what: "CloudWatch log group name",
        min: 1,
        max: 512,
        pattern: /^[.\-_/#A-Za-z0-9]*$/,
        allowed: "letters, digits and ._-/#",
        source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
    },
    // https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html — a name may be
    // 2048 characters, but the name with its ARN prefix (arn:<partition>:ssm:<region>:<account>:parameter,
    // ≤ 61 characters) may not pass 1011; hierarchies have at most 15 levels.
    ssmParameterName: {
        what: "SSM parameter name",
        min: 1,
        max: 950,
        pattern: /^(?:\/[A-Za-z0-9_.-]+){1,15}$|^[A-Za-z0-9_.-]+$/,
        allowed: "letters, digits and _.- in at most 15 /-separated levels",
        reservedPrefixes: ["aws", "ssm", "/aws", "/ssm"],
        source: "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html",
    },
    ssmParameterDescription: {
        what: "SSM parameter description",
        min: 0,
        max: 1024,
        pattern: /^[^]*$/,
        allowed: "any characters",
        source: "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html",
    },
    // https://docs.aws.amazon.com/cloud-map/latest/api/API_CreateService.html
    cloudMapServiceName: {
        what: "Cloud Map service name",
        min: 1,
        max: 127,
        pattern: /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*$/,
        allowed: "DNS labels of letters, digits, _ and -",
        source: "https://docs.aws.amazon.com/cloud-map/latest/api/API_CreateService.html",
    },
    cloudMapDescription: {
        what: "Cloud Map description",
        min: 0,
        max: 1024,
        pattern: /^[^]*$/,
        allowed: "any characters",
        source: "https://docs.aws.amazon.com/cloud-map/latest/api/API_CreateService.html",
    },
    // https://docs.aws.amazon.com/cloud-map/latest/api/API_CreatePrivateDnsNamespace.html
    cloudMapNamespaceName: {
        what: "Cloud Map private DNS namespace name",
        min: 3,
        max: 253,
        pattern: /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/,
        allowed: "a DNS name of lower-case labels",
        source: "https://docs.aws.amazon.com/cloud-map/latest/api/API_CreatePrivateDnsNamespace.html",
    },
    // --- RDS, DocumentDB, ElastiCache ---------------------------------------------------------------
    rdsInstanceIdentifier: DB_ID("RDS DB instance identifier", 63, "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html"),
    // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html
    rdsParameterGroupName: DB_ID("RDS DB parameter group name", 255, "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html"),
    // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html (the AWS provider
    // accepts lower case only: AWS stores it lower-cased)
    rdsSubnetGroupName: {
        what: "RDS DB subnet group name",
        min: 1,
        max: 255,
        pattern: /^[a-z0-9._ -]*$/,
        allowed: "lower-case letters, digits, periods, underscores, spaces and hyphens",
        lowercase: true,
        reserved: ["default"],
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html",
    },
    // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSnapshot.html
    dbSnapshotIdentifier: DB_ID("DB snapshot identifier", 255, "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSnapshot.html"),
    docdbClusterIdentifier: DB_ID("DocumentDB cluster identifier", 63, "https://docs.aws.amazon.com/documentdb/latest/developerguide/API_CreateDBCluster.html"),
    docdbInstanceIdentifier: DB_ID("DocumentDB instance identifier", 63, "https://docs.aws.amazon.com/documentdb/latest/developerguide/API_CreateDBInstance.html"),
    docdbClusterParameterGroupName: DB_ID(
        "DocumentDB cluster parameter group name",
        255,
        "https://docs.aws.amazon.com/documentdb/latest/developerguide/API_CreateDBClusterParameterGroup.html",
    ),
    docdbSubnetGroupName: {
        what: "DocumentDB subnet group name",
        min: 1,
        max: 255,
        pattern: /^[a-z0-9._ -]*$/,
        allowed: "lower-case letters, digits, periods, underscores, spaces and hyphens",
        lowercase: true,
        reserved: ["default"],
        source: "https://docs.aws.amazon.com/documentdb/latest/developerguide/API_CreateDBSubnetGroup.html",
    },
    // https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html
    elastiCacheReplicationGroupId: DB_ID("ElastiCache replication group id", 40, "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html"),
    // https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheSubnetGroup.html
    elastiCacheSubnetGroupName: {
        what: "ElastiCache subnet group name",
        min: 1,
        max: 255,
        pattern: LOWER_ID_CHARS,
        allowed: "lower-case letters, digits and hyphens",
        lowercase: true,
        source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheSubnetGroup.html",
    },
    // --- ECR, CodeBuild, S3 ----------------------------------------------------------------------
    // https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
    ecrRepositoryName: {
        what: "ECR repository name",
        min: 2,
        max: 256,
        pattern: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
        allowed: "lower-case letters and digits separated by single . _ - and /",
        lowercase: true,
        source: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html",
    },
    // https://docs.aws.amazon.com/codebuild/latest/APIReference/API_CreateProject.html
    codeBuildProjectName: {
        what: "CodeBuild project name",
        min: 2,
        max: 255,
        pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
        allowed: "letters, digits, hyphens and underscores, a letter or digit first",
        source: "https://docs.aws.amazon.com/codebuild/latest/APIReference/API_CreateProject.html",
    },
    codeBuildDescription: {
        what: "CodeBuild project description",
        min: 0,
        max: 255,
        pattern: /^[^]*$/,
        allowed: "any characters",
        source: "https://docs.aws.amazon.com/codebuild/latest/APIReference/API_CreateProject.html",
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html — a bucket name is 3–63
    // characters; the AWS provider completes a prefix with 26 characters, so a prefix may have 37.
    s3BucketPrefix: {
        what: "S3 bucket name prefix",
        min: 1,
        max: 37,
        pattern: /^[a-z0-9](?:[a-z0-9-]*(?:\.[a-z0-9-]+)*)?[-.]?$/,
        allowed: "lower-case letters, digits, hyphens and single periods, a letter or digit first",
        lowercase: true,
        reservedPrefixes: ["xn--", "sthree-", "amzn-s3-demo-"],
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
    },
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html — a bucket we name in full
    // (x-defang-s3 data, static sites) or a user's existing bucket: no `..`, not an IP address.
    s3BucketName: {
        what: "S3 bucket name",
        min: 3,
        max: 63,
        pattern: /^(?!\d{1,3}(?:\.\d{1,3}){3}$)(?!.*\.\.)[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/,
        allowed: "lower-case letters, digits, hyphens and single periods, a letter or digit at each end, not an IP address",
        lowercase: true,
        reservedPrefixes: ["xn--", "sthree-", "amzn-s3-demo-"],
        reservedSuffixes: ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"],
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
    },
    // --- EFS ----------------------------------------------------------------------------------------
    // https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html
    efsCreationToken: {
        what: "EFS creation token",
        min: 1,
        max: 64,
        pattern: /^.+$/,
        allowed: "any characters",
        source: "https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html",
    },
    // https://docs.aws.amazon.com/efs/latest/ug/API_RootDirectory.html
    efsAccessPointPath: {
        what: "EFS access point root directory",
        min: 1,
        max: 100,
        pattern: /^(?:\/|(?:\/(?!\.)[^$#<>;`|&?{}^*/\n]+){1,4})$/,
        allowed: "/ and up to four directories, none starting with a period, without $#<>;`|&?{}^*",
        source: "https://docs.aws.amazon.com/efs/latest/ug/API_RootDirectory.html",
    },
    // --- CloudFront (names unique per account, all regions) -----------------------------------------
    // https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_OriginAccessControlConfig.html
    cloudFrontOriginAccessControlName: {
        what: "CloudFront origin access control name",
        min: 1,
        max: 64,
        pattern: /^[^]*$/,
        allowed: "any characters",
        source: "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_OriginAccessControlConfig.html",
    },
    // https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateFunction.html
    cloudFrontFunctionName: {
        what: "CloudFront function name",
        min: 1,
        max: 64,
        pattern: /^[A-Za-z0-9_-]*$/,
        allowed: "letters, digits, hyphens and underscores",
        source: "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateFunction.html",
    },
    // https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_FunctionConfig.html
    cloudFrontFunctionComment: {
        what: "CloudFront function comment",
        min: 0,
        max: 128,
        pattern: /^[^]*$/,
        allowed: "any characters",
        source: "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_FunctionConfig.html",
    },
    // https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DistributionConfig.html
    cloudFrontDistributionComment: {
        what: "CloudFront distribution comment",
        min: 0,
        max: 128,
        pattern: /^[^]*$/,
        allowed: "any characters",
        source: "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DistributionConfig.html",
    },
    // --- ACM, Route 53 ------------------------------------------------------------------------------
    // https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html
    acmDomainName: {
        what: "certificate domain name (its common name)",
        min: 1,
        max: 64,
        pattern: /^(?:\*\.)?[a-z0-9.-]*$/,
        allowed: "a host name, optionally starting with *.",
        source: "https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html",
    },
    acmSubjectAlternativeName: {
        what: "certificate subject alternative name",
        min: 1,
        max: 253,
        pattern: /^(?:\*\.)?[a-z0-9.-]*$/,
        allowed: "a host name, optionally starting with *.",
        source: "https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html",
    },
    // https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html
    route53RecordName: {
        what: "Route 53 record name",
        min: 1,
        max: 255,
        pattern: /^[A-Za-z0-9_.*-]*\.?$/,
        allowed: "a DNS name",
        source: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html",
    },
    // --- Application Auto Scaling ---------------------------------------------------------------
    // https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html
    scalingPolicyName: {
        what: "scaling policy name",
        min: 1,
        max: 256,
        pattern: /^[\x20-\x7E]*$/,
        allowed: "printable characters",
        source: "https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html",
    },
    // --- CloudWatch alarms and dashboards, SNS, KMS (plan/alarms.ts, plan/dashboard.ts) -------------
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
    cloudWatchAlarmName: {
        what: "CloudWatch alarm name",
        min: 1,
        max: 255,
        pattern: /^[^\x00-\x1F\x7F]*$/,
        allowed: "characters other than ASCII control characters",
        source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html",
    },
    cloudWatchAlarmDescription: {
        what: "CloudWatch alarm description",
        min: 0,
        max: 1024,
        pattern: /^[^]*$/,
        allowed: "any characters",
        source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html",
    },
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html
    cloudWatchDashboardName: {
        what: "CloudWatch dashboard name",
        min: 1,
        max: 255,
        pattern: /^[A-Za-z0-9_-]*$/,
        allowed: "letters, digits, hyphens and underscores",
        source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html",
    },
    // https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html (a FIFO topic's name ends in .fifo; ours are standard)
    snsTopicName: {
        what: "SNS topic name",
        min: 1,
        max: 256,
        pattern: /^[A-Za-z0-9_-]*$/,
        allowed: "letters, digits, hyphens and underscores",
        source: "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html",
    },
    // https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
    kmsAliasName: {
        what: "KMS alias name",
        min: 7,
        max: 256,
        pattern: /^alias\/[A-Za-z0-9/_-]+$/,
        allowed: "alias/ followed by letters, digits and /_-",
        reservedPrefixes: ["alias/aws/"],
        source: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html",
    },
    // https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
    kmsKeyDescription: {
        what: "KMS key description",
        min: 0,
        max: 8192,
        pattern: /^[^]*$/,
        allowed: "any characters",
        source: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html",
    },
    // --- Tags: the characters are the strictest of the services we tag (IAM, ECS, RDS, ElastiCache);
    // EC2 accepts any character, only the lengths apply there (ec2TagKey/ec2TagValue) ---------------
    // https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html
    tagKey: {
        what: "tag key",
        min: 1,
        max: 128,
        pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
        allowed: "letters, digits, spaces and _.:/=+-@",
        reservedPrefixes: ["aws:"],
        source: "https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html",
    },
    tagValue: {
        what: "tag value",
        min: 0,
        max: 256,
        pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
        allowed: "letters, digits, spaces and _.:/=+-@",
        source: "https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html",
    },
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions
    ec2TagKey: {
        what: "EC2 tag key",
        min: 1,
        max: 128,
        pattern: /^[^]*$/,
        allowed: "any characters",
        reservedPrefixes: ["aws:"],
        source: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions",
    },
    ec2TagValue: {
        what: "EC2 tag value",
        min: 0,
        max: 256,
        pattern: /^[^]*$/,
        allowed: "any characters",
        source: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions",
    },
} satisfies Record<string, StringRule>;

export type StringKind = keyof typeof STRINGS;

export interface RangeRule {
    what: string;
    min: number;
    max: number;
    /** Whole numbers only. */
    integer: boolean;
    source: string;
}

const ECS_QUOTAS = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html";
const ECS_HEALTH = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html";
const ALB_TG = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html";

/** Numeric values with an AWS range. */
export const RANGES = {
    // ECS: a service's desired count, and Application Auto Scaling's bounds on it, are tasks of one service.
    tasksPerService: { what: "tasks of one ECS service", min: 0, max: 5000, integer: true, source: ECS_QUOTAS },
    ecsHealthCheckInterval: { what: "container health check interval (s)", min: 5, max: 300, integer: true, source: ECS_HEALTH },
    ecsHealthCheckTimeout: { what: "container health check timeout (s)", min: 2, max: 60, integer: true, source: ECS_HEALTH },
    ecsHealthCheckRetries: { what: "container health check retries", min: 1, max: 10, integer: true, source: ECS_HEALTH },
    ecsHealthCheckStartPeriod: { what: "container health check start period (s)", min: 0, max: 300, integer: true, source: ECS_HEALTH },
    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html (stopTimeout)
    ecsStopTimeout: { what: "container stop timeout (s)", min: 2, max: 120, integer: true, source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html" },
    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EphemeralStorage.html
    fargateEphemeralStorageGiB: { what: "Fargate ephemeral storage (GiB)", min: 21, max: 200, integer: true, source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EphemeralStorage.html" },
    // ALB target group health checks and attributes.
    albHealthCheckInterval: { what: "target group health check interval (s)", min: 5, max: 300, integer: true, source: ALB_TG },
    albHealthCheckTimeout: { what: "target group health check timeout (s)", min: 2, max: 120, integer: true, source: ALB_TG },
    albHealthyThreshold: { what: "target group healthy threshold", min: 2, max: 10, integer: true, source: ALB_TG },
    albUnhealthyThreshold: { what: "target group unhealthy threshold", min: 2, max: 10, integer: true, source: ALB_TG },
    albHealthCheckPathLength: { what: "target group health check path length", min: 1, max: 1024, integer: true, source: ALB_TG },
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroupAttribute.html
    albDeregistrationDelay: {
        what: "target group deregistration delay (s)",
        min: 0,
        max: 3600,
        integer: true,
        source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroupAttribute.html",
    },
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAttribute.html
    albIdleTimeout: { what: "load balancer idle timeout (s)", min: 1, max: 4000, integer: true, source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAttribute.html" },
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateRule.html
    listenerRulePriority: { what: "listener rule priority", min: 1, max: 50000, integer: true, source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateRule.html" },
    // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (BackupRetentionPeriod)
    rdsBackupRetentionDays: { what: "RDS backup retention (days)", min: 0, max: 35, integer: true, source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html" },
    docdbBackupRetentionDays: { what: "DocumentDB backup retention (days)", min: 1, max: 35, integer: true, source: "https://docs.aws.amazon.com/documentdb/latest/developerguide/API_CreateDBCluster.html" },
    elastiCacheSnapshotRetentionDays: {
        what: "ElastiCache snapshot retention (days)",
        min: 0,
        max: 35,
        integer: true,
        source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html",
    },
    // ECS deployment strategies (plan/rollout.ts, modes.ts `rollout`).
    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html
    ecsBakeMinutes: { what: "deployment bake time (minutes)", min: 0, max: 1440, integer: true, source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html" },
    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CanaryConfiguration.html
    ecsCanaryPercent: { what: "canary traffic (%)", min: 0.1, max: 100, integer: false, source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CanaryConfiguration.html" },
    ecsCanaryBakeMinutes: { what: "canary bake time (minutes)", min: 0, max: 1440, integer: true, source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CanaryConfiguration.html" },
    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinearConfiguration.html
    ecsLinearStepPercent: { what: "linear step (% of traffic)", min: 3, max: 100, integer: false, source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinearConfiguration.html" },
    ecsLinearStepBakeMinutes: { what: "linear step bake time (minutes)", min: 0, max: 1440, integer: true, source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinearConfiguration.html" },
} satisfies Record<string, RangeRule>;

export type RangeKind = keyof typeof RANGES;

/** Values CloudWatch Logs accepts as a retention (days). */
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
export const LOG_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/**
 * Valid Fargate task sizes (Linux): memory (MiB) per CPU tier (CPU units).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
 */
export const FARGATE_TASK_SIZES: ReadonlyArray<{ cpu: number; memory: readonly number[] }> = [
    { cpu: 256, memory: [512, 1024, 2048] },
    { cpu: 512, memory: [1024, 2048, 3072, 4096] },
    { cpu: 1024, memory: steps(2048, 8192, 1024) },
    { cpu: 2048, memory: steps(4096, 16384, 1024) },
    { cpu: 4096, memory: steps(8192, 30720, 1024) },
    { cpu: 8192, memory: steps(16384, 61440, 4096) },
    { cpu: 16384, memory: steps(32768, 122880, 8192) },
];

function steps(from: number, to: number, step: number): number[] {
    const out: number[] = [];
    for (let m = from; m <= to; m += step) out.push(m);
    return out;
}

export interface QuotaRule {
    what: string;
    max: number;
    /** AWS raises it on request (Service Quotas); we plan for the default. */
    adjustable: boolean;
    source: string;
}

const VPC_QUOTAS = "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html";
const CLOUDWATCH_QUOTAS = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html";
const ALB_QUOTAS = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html";

/** Counts a compose file can push past. */
export const QUOTAS = {
    securityGroupInboundRules: { what: "inbound rules per security group", max: 60, adjustable: true, source: VPC_QUOTAS },
    securityGroupOutboundRules: { what: "outbound rules per security group", max: 60, adjustable: true, source: VPC_QUOTAS },
    securityGroupsPerInterface: { what: "security groups per network interface", max: 5, adjustable: true, source: VPC_QUOTAS },
    targetGroupsPerLoadBalancer: { what: "target groups per Application Load Balancer", max: 100, adjustable: false, source: ALB_QUOTAS },
    rulesPerLoadBalancer: { what: "listener rules per Application Load Balancer (default rules excluded)", max: 100, adjustable: true, source: ALB_QUOTAS },
    conditionValuesPerRule: { what: "condition values per listener rule", max: 5, adjustable: false, source: ALB_QUOTAS },
    certificatesPerLoadBalancer: { what: "certificates per Application Load Balancer (default excluded)", max: 25, adjustable: true, source: ALB_QUOTAS },
    containersPerTask: { what: "containers per ECS task definition", max: 10, adjustable: false, source: ECS_QUOTAS },
    taskDefinitionBytes: { what: "bytes of one ECS task definition", max: 64 * 1024, adjustable: false, source: ECS_QUOTAS },
    // https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html
    namesPerCertificate: { what: "domain names per ACM certificate", max: 10, adjustable: true, source: "https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html" },
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html (Dashboards) and the
    // dashboard body's structure: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
    dashboardWidgets: { what: "widgets per CloudWatch dashboard", max: 500, adjustable: false, source: CLOUDWATCH_QUOTAS },
    dashboardMetrics: { what: "metrics per CloudWatch dashboard (all widgets)", max: 2500, adjustable: false, source: CLOUDWATCH_QUOTAS },
    // https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html
    tagsPerResource: { what: "tags per resource", max: 50, adjustable: false, source: "https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html" },
} satisfies Record<string, QuotaRule>;

export type QuotaKind = keyof typeof QUOTAS;

export interface LimitViolation {
    code: LimitCode;
    message: string;
    /** The rule's source, for the hint. */
    source: string;
}

/** Why `value` breaks the rule of `kind`, or undefined when AWS accepts it. */
export function checkString(kind: StringKind, value: string): LimitViolation | undefined {
    const rule: StringRule = STRINGS[kind];
    const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
    const bad = (code: LimitCode, why: string): LimitViolation => ({ code, message: `${rule.what} "${shown}" ${why}`, source: rule.source });
    const length = [...value].length;
    if (length > rule.max) return bad("aws-name-too-long", `has ${length} characters; AWS allows at most ${rule.max}`);
    if (length < rule.min) return bad("aws-name-invalid", `has ${length} characters; AWS needs at least ${rule.min}`);
    if (rule.lowercase && value !== value.toLowerCase()) return bad("aws-name-invalid", "has upper-case letters; AWS accepts lower case only");
    if (!rule.pattern.test(value)) return bad("aws-name-invalid", `is not made of ${rule.allowed}`);
    if (rule.letterFirst && value.length > 0 && !/^[A-Za-z]/.test(value)) return bad("aws-name-invalid", "must start with a letter");
    if (rule.noTrailingHyphen && value.endsWith("-")) return bad("aws-name-invalid", "must not end with a hyphen");
    if (rule.noDoubleHyphen && value.includes("--")) return bad("aws-name-invalid", "must not contain two consecutive hyphens");
    const prefix = rule.reservedPrefixes?.find((p) => value.toLowerCase().startsWith(p.toLowerCase()));
    if (prefix) return bad("aws-name-invalid", `must not start with "${prefix}" (reserved by AWS)`);
    const suffix = rule.reservedSuffixes?.find((x) => value.toLowerCase().endsWith(x.toLowerCase()));
    if (suffix) return bad("aws-name-invalid", `must not end with "${suffix}" (reserved by AWS)`);
    if (rule.reserved?.includes(value.toLowerCase())) return bad("aws-name-invalid", "is reserved by AWS");
    return undefined;
}

export function checkRange(kind: RangeKind, value: number): LimitViolation | undefined {
    const rule: RangeRule = RANGES[kind];
    if (Number.isFinite(value) && value >= rule.min && value <= rule.max && (!rule.integer || Number.isInteger(value))) return undefined;
    return {
        code: "aws-value-out-of-range",
        message: `${rule.what} is ${value}; AWS accepts ${rule.integer ? "whole numbers " : ""}from ${rule.min} to ${rule.max}`,
        source: rule.source,
    };
}

/** `value` moved into the rule's range (for values we derive from compose settings AWS bounds more tightly). */
export function clampTo(kind: RangeKind, value: number): number {
    const rule: RangeRule = RANGES[kind];
    return Math.min(rule.max, Math.max(rule.min, value));
}

export function checkQuota(kind: QuotaKind, count: number): LimitViolation | undefined {
    const rule: QuotaRule = QUOTAS[kind];
    if (count <= rule.max) return undefined;
    return {
        code: "aws-quota-exceeded",
        message: `${count} ${rule.what}; AWS allows ${rule.max}${rule.adjustable ? " by default" : ""}`,
        source: rule.source,
    };
}

export function checkLogRetention(days: number): LimitViolation | undefined {
    if (LOG_RETENTION_DAYS.includes(days)) return undefined;
    return {
        code: "aws-value-out-of-range",
        message: `log retention of ${days} days; CloudWatch Logs accepts ${LOG_RETENTION_DAYS.join(", ")}`,
        source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html",
    };
}

export function checkFargateSize(cpu: number, memory: number): LimitViolation | undefined {
    if (FARGATE_TASK_SIZES.some((t) => t.cpu === cpu && t.memory.includes(memory))) return undefined;
    return {
        code: "aws-value-out-of-range",
        message: `Fargate has no task size of ${cpu} CPU units with ${memory} MiB`,
        source: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size",
    };
}
