// The security-rule checker itself: each rule fires on a violating graph and stays quiet on a good one.
import { strict as assert } from "assert";
import { checkPolicies } from "../../provider/src/policy";
import type { PolicyResource } from "../../provider/src/policy";
import type { Mode } from "../../provider/src/plan/types";

const r = (type: string, name: string, inputs: Record<string, unknown>, id?: string): PolicyResource => ({ type, name, inputs, id });
const fired = (resources: PolicyResource[], mode: Mode = "balanced") => [...new Set(checkPolicies(resources, mode).filter((v) => v.mandatory).map((v) => v.rule))].sort();

const ALB = r("aws:lb/loadBalancer:LoadBalancer", "lb", { loadBalancerType: "application", internal: false, dropInvalidHeaderFields: true, desyncMitigationMode: "defensive", enableDeletionProtection: true, securityGroups: ["sg-lb"] }, "lb-arn");
const LB_SG = r("aws:ec2/securityGroup:SecurityGroup", "lb-sg", { description: "lb" }, "sg-lb");
const APP_SG = r("aws:ec2/securityGroup:SecurityGroup", "app-sg", { description: "app" }, "sg-app");
const ingress = (name: string, inputs: Record<string, unknown>) => r("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name, { description: name, ...inputs });
const task = (container: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    r("aws:ecs/taskDefinition:TaskDefinition", "task", { executionRoleArn: "exec", taskRoleArn: "task", containerDefinitions: JSON.stringify([{ name: "c", logConfiguration: { logDriver: "awslogs" }, ...container }]), ...extra });
const rolePolicy = (statement: Record<string, unknown>) => r("aws:iam/rolePolicy:RolePolicy", "p", { policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }) });

describe("policy: security rules as pure functions", () => {
    it("passes a well-formed graph", () => {
        const good = [
            ALB,
            LB_SG,
            APP_SG,
            ingress("lb-80", { securityGroupId: "sg-lb", ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" }),
            ingress("lb-443", { securityGroupId: "sg-lb", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "::/0" }),
            ingress("app-8080", { securityGroupId: "sg-app", ipProtocol: "tcp", fromPort: 8080, toPort: 8080, referencedSecurityGroupId: "sg-lb" }),
            r("aws:lb/listener:Listener", "https", { loadBalancerArn: "lb-arn", protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }),
            r("aws:lb/listener:Listener", "http", { loadBalancerArn: "lb-arn", protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS" } }] }),
            task({ secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:ssm:us-east-1:123456789012:parameter/Defang/a/b/DB_PASSWORD" }], environment: [{ name: "PORT", value: "80" }] }),
            r("aws:cloudwatch/logGroup:LogGroup", "logs", { retentionInDays: 7 }),
            rolePolicy({ Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" }),
            r("aws:ecs/cluster:Cluster", "c", { settings: [{ name: "containerInsights", value: "enabled" }] }),
        ];
        assert.deepEqual(fired(good, "high_availability"), []);
    });

    it("SG-01: world ingress anywhere but the load balancer's 80/443", () => {
        assert.deepEqual(fired([ALB, LB_SG, APP_SG, ingress("ssh", { securityGroupId: "sg-app", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" })]), ["SG-01"]);
        assert.deepEqual(fired([ALB, LB_SG, ingress("lb-all", { securityGroupId: "sg-lb", ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" })]), ["SG-01"]);
        assert.deepEqual(fired([ALB, LB_SG, ingress("no-source", { securityGroupId: "sg-app", ipProtocol: "tcp", fromPort: 5432, toPort: 5432 })]), ["SG-01"]);
    });

    it("SG-02: stores admit only security groups on their port", () => {
        const db = r("aws:rds/instance:Instance", "db", { vpcSecurityGroupIds: ["sg-db"], port: 5432, storageEncrypted: true, backupRetentionPeriod: 7, deletionProtection: true, parameterGroupName: "pg", engine: "postgres" });
        const pg = r("aws:rds/parameterGroup:ParameterGroup", "pg", { name: "pg", parameters: [{ name: "rds.force_ssl", value: "1" }] });
        const cidr = ingress("db-cidr", { securityGroupId: "sg-db", ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "10.0.0.0/16" });
        const wrongPort = ingress("db-port", { securityGroupId: "sg-db", ipProtocol: "tcp", fromPort: 0, toPort: 65535, referencedSecurityGroupId: "sg-app" });
        assert.deepEqual(fired([db, pg, cidr], "affordable"), ["SG-02"]);
        assert.deepEqual(fired([db, pg, wrongPort], "affordable"), ["SG-02"]);
    });

    it("LB-01/02/05/06/07", () => {
        assert.deepEqual(fired([{ ...ALB, inputs: { ...ALB.inputs, dropInvalidHeaderFields: false, enableDeletionProtection: false } }], "high_availability"), ["LB-01", "LB-02"]);
        const https = r("aws:lb/listener:Listener", "https", { loadBalancerArn: "lb-arn", protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-2016-08" });
        const http = r("aws:lb/listener:Listener", "http", { loadBalancerArn: "lb-arn", protocol: "HTTP", defaultActions: [{ type: "forward" }] });
        assert.deepEqual(fired([ALB, https, http]), ["LB-05", "LB-06"]);
        assert.deepEqual(fired([r("aws:lb/targetGroup:TargetGroup", "tg", { protocol: "HTTP", healthCheck: {} })]), ["LB-07"]);
    });

    it("ECS-02/04/05/07/08/10 and LOG-01", () => {
        assert.deepEqual(fired([r("aws:ecs/service:Service", "s", { networkConfiguration: { assignPublicIp: true } })], "balanced"), ["ECS-02"]);
        assert.deepEqual(fired([r("aws:ecs/service:Service", "s", { networkConfiguration: { assignPublicIp: true } })], "affordable"), []);
        assert.deepEqual(fired([task({ privileged: true })]), ["ECS-04"]);
        assert.deepEqual(fired([task({}, { pidMode: "host" })]), ["ECS-05"]);
        assert.deepEqual(fired([task({ environment: [{ name: "API_KEY", value: "x" }] })]), ["ECS-07"]);
        assert.deepEqual(fired([task({ environment: [{ name: "TOKEN_TYPE", value: "bearer" }] })]), []);
        // ECS-07 also reads values: a key under an innocent name, a password inside a URL.
        assert.deepEqual(fired([task({ environment: [{ name: "KEY_ID", value: "AKIAIOSFODNN7EXAMPLE" }] })]), ["ECS-07"]);
        assert.deepEqual(fired([task({ environment: [{ name: "DATABASE_URL", value: "postgres://app:s3cr3t@db/app" }] })]), ["ECS-07"]);
        assert.deepEqual(fired([task({ environment: [{ name: "DATABASE_URL", value: "postgres://app@db/app" }] })]), []);
        assert.deepEqual(fired([task({ secrets: [{ name: "X", valueFrom: "arn:aws:secretsmanager:us-east-1:1:secret:x" }] })]), ["ECS-07"]);
        assert.deepEqual(fired([task({}, { taskRoleArn: "exec" })]), ["ECS-08"]);
        assert.deepEqual(fired([task({ logConfiguration: undefined })]), ["ECS-10"]);
        assert.deepEqual(fired([r("aws:cloudwatch/logGroup:LogGroup", "l", { retentionInDays: 2 })]), ["LOG-01"]);
        assert.deepEqual(fired([r("aws:cloudwatch/logGroup:LogGroup", "l", {})]), ["LOG-01"]);
    });

    it("BLD-01: no secret-looking value in a CodeBuild PLAINTEXT variable", () => {
        const project = (vars: unknown[]) => r("aws:codebuild/project:Project", "b", { environment: { environmentVariables: vars } });
        assert.deepEqual(fired([project([{ name: "A", value: "ghp_1234567890abcdefghijklmnopqrstuvwxyz", type: "PLAINTEXT" }])]), ["BLD-01"]);
        assert.deepEqual(fired([project([{ name: "A", value: "ghp_1234567890abcdefghijklmnopqrstuvwxyz" }])]), ["BLD-01"]);
        assert.deepEqual(fired([project([{ name: "A", value: "/Defang/shop/dev/w/build-args/A", type: "PARAMETER_STORE" }])]), []);
        assert.deepEqual(fired([project([{ name: "DOCKER_BUILDKIT", value: "1", type: "PLAINTEXT" }])]), []);
    });

    it("IAM-01..04", () => {
        assert.deepEqual(fired([rolePolicy({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b" })]), ["IAM-01"]);
        assert.deepEqual(fired([rolePolicy({ Effect: "Allow", Action: "ssm:GetParameters", Resource: "*" })]), ["IAM-02"]);
        assert.deepEqual(fired([rolePolicy({ Effect: "Allow", Action: ["iam:PassRole"], Resource: "*" })]), ["IAM-02", "IAM-04"]);
        const trust = (principal: unknown) => r("aws:iam/role:Role", "role", { assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }] }) });
        assert.deepEqual(fired([trust("*")]), ["IAM-03"]);
        assert.deepEqual(fired([trust({ AWS: "*" })]), ["IAM-03"]);
        assert.deepEqual(fired([trust({ Service: "ecs-tasks.amazonaws.com" })]), []);
    });

    it("IAM-05: admin-like managed policies and service-wide actions, mandatory in high_availability only", () => {
        const attach = (policyArn: string) => r("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", { role: "task", policyArn });
        for (const name of ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess", "AmazonS3FullAccess", "job-function/AdministratorAccess-Amplify"]) {
            assert.deepEqual(fired([attach(`arn:aws:iam::aws:policy/${name}`)], "high_availability"), ["IAM-05"], name);
            assert.deepEqual(fired([attach(`arn:aws:iam::aws:policy/${name}`)], "balanced"), [], name);
            const advisory = checkPolicies([attach(`arn:aws:iam::aws:policy/${name}`)], "affordable").filter((v) => v.rule === "IAM-05");
            assert.equal(advisory.length, 1, name);
            assert.equal(advisory[0].mandatory, false);
        }
        assert.deepEqual(fired([attach("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")], "high_availability"), []);
        // A customer-managed policy is the user's own scoped policy, whatever its name.
        assert.deepEqual(fired([attach("arn:aws:iam::123456789012:policy/AdministratorAccess")], "high_availability"), []);
        assert.deepEqual(fired([r("aws:iam/role:Role", "role", { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] })], "high_availability"), ["IAM-05"]);
        assert.deepEqual(fired([rolePolicy({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b" })], "high_availability"), ["IAM-05"]);
        assert.deepEqual(fired([rolePolicy({ Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::b" })], "high_availability"), []);
        assert.deepEqual(fired([rolePolicy({ Effect: "Deny", Action: "s3:*", Resource: "*" })], "high_availability"), []);
    });

    it("stores: RDS, ElastiCache and DocumentDB safety per mode", () => {
        const rds = (inputs: Record<string, unknown>) => r("aws:rds/instance:Instance", "db", { storageEncrypted: true, backupRetentionPeriod: 7, multiAz: true, deletionProtection: true, engine: "mysql", enabledCloudwatchLogsExports: ["postgresql"], performanceInsightsEnabled: true, monitoringInterval: 60, ...inputs });
        assert.deepEqual(fired([rds({})], "high_availability"), []);
        assert.deepEqual(fired([rds({ storageEncrypted: false, publiclyAccessible: true })], "affordable"), ["RDS-01", "RDS-02"]);
        assert.deepEqual(fired([rds({ backupRetentionPeriod: 1 })], "affordable"), []);
        assert.deepEqual(fired([rds({ backupRetentionPeriod: 1 })], "balanced"), ["RDS-03"]);
        assert.deepEqual(fired([rds({ multiAz: false, skipFinalSnapshot: true })], "high_availability"), ["RDS-04", "RDS-05"]);
        const cache = (inputs: Record<string, unknown>) => r("aws:elasticache/replicationGroup:ReplicationGroup", "c", { atRestEncryptionEnabled: true, transitEncryptionEnabled: true, automaticFailoverEnabled: true, multiAzEnabled: true, numCacheClusters: 2, snapshotRetentionLimit: 7, ...inputs });
        assert.deepEqual(fired([cache({})], "high_availability"), []);
        assert.deepEqual(fired([cache({ atRestEncryptionEnabled: false, numCacheClusters: 1, snapshotRetentionLimit: 0 })], "high_availability"), ["EC-01", "EC-03", "EC-04"]);
        const doc = r("aws:docdb/cluster:Cluster", "d", { storageEncrypted: false, backupRetentionPeriod: 1 });
        assert.deepEqual(fired([doc], "balanced"), ["DOC-01", "DOC-02b", "DOC-02c"]);
    });

    it("NET-01, SSM-01 and ECR-01", () => {
        const vpc = r("aws:ec2/vpc:Vpc", "vpc", {}, "vpc-1");
        assert.deepEqual(fired([vpc], "balanced"), ["NET-01"]);
        assert.deepEqual(fired([vpc], "affordable"), []);
        const closed = [vpc, r("aws:ec2/flowLog:FlowLog", "fl", { vpcId: "vpc-1" }), r("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "d", { vpcId: "vpc-1" })];
        assert.deepEqual(fired(closed, "balanced"), []);
        assert.deepEqual(fired([r("aws:ssm/parameter:Parameter", "p", { type: "String" })]), ["SSM-01"]);
        assert.deepEqual(fired([r("aws:ecr/repository:Repository", "r", { imageScanningConfiguration: { scanOnPush: false } })]), ["ECR-01"]);
    });
    it("EFS-01…05: encrypted, TLS-only without root access, IAM mounts through an access point, backed up, NFS from groups only", () => {
        const fs = (inputs: Record<string, unknown> = {}) => r("aws:efs/fileSystem:FileSystem", "fs", { encrypted: true, ...inputs }, "fs-1");
        const tlsOnly = { Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } };
        const fsPolicy = (...statements: unknown[]) => r("aws:efs/fileSystemPolicy:FileSystemPolicy", "p", { fileSystemId: "fs-1", policy: JSON.stringify({ Statement: statements }) });
        const backup = (status: string) => r("aws:efs/backupPolicy:BackupPolicy", "b", { fileSystemId: "fs-1", backupPolicy: { status } });
        const good = [fs(), fsPolicy(tlsOnly, { Effect: "Allow", Action: ["elasticfilesystem:ClientMount"] }), backup("ENABLED")];
        assert.deepEqual(fired(good, "high_availability"), []);
        assert.deepEqual(fired([fs({ encrypted: false }), ...good.slice(1)]), ["EFS-01"]);
        assert.deepEqual(fired([fs(), fsPolicy({ Effect: "Allow", Action: "elasticfilesystem:ClientMount" }), backup("ENABLED")]), ["EFS-02"]);
        assert.deepEqual(fired([fs(), fsPolicy(tlsOnly, { Effect: "Allow", Action: ["elasticfilesystem:ClientRootAccess"] }), backup("ENABLED")]), ["EFS-02"]);
        assert.deepEqual(fired([fs(), good[1], backup("DISABLED")], "balanced"), ["EFS-04"]);
        assert.deepEqual(fired([fs(), good[1], backup("DISABLED")], "affordable"), []);
        const volume = (auth: Record<string, unknown>) => task({}, { volumes: [{ name: "data", efsVolumeConfiguration: { fileSystemId: "fs-1", transitEncryption: "ENABLED", authorizationConfig: auth } }] });
        assert.deepEqual(fired([volume({ accessPointId: "fsap-1", iam: "ENABLED" })]), []);
        assert.deepEqual(fired([volume({ iam: "ENABLED" })]), ["EFS-03"]);
        assert.deepEqual(fired([volume({ accessPointId: "fsap-1", iam: "DISABLED" })]), ["EFS-03"]);
        const mount = r("aws:efs/mountTarget:MountTarget", "mt", { fileSystemId: "fs-1", securityGroups: ["sg-efs"] });
        const nfs = ingress("nfs", { securityGroupId: "sg-efs", ipProtocol: "tcp", fromPort: 2049, toPort: 2049, referencedSecurityGroupId: "sg-app" });
        assert.deepEqual(fired([...good, mount, nfs]), []);
        assert.deepEqual(fired([...good, mount, ingress("vpc", { securityGroupId: "sg-efs", ipProtocol: "tcp", fromPort: 2049, toPort: 2049, cidrIpv4: "10.0.0.0/16" })]), ["EFS-05"]);
        assert.deepEqual(fired([...good, mount, ingress("ssh", { securityGroupId: "sg-efs", ipProtocol: "tcp", fromPort: 22, toPort: 22, referencedSecurityGroupId: "sg-app" })]), ["EFS-05"]);
    });

    it("S3-01/02/03: buckets blocked, encrypted, TLS-only, not open to anyone; data buckets versioned in production modes", () => {
        const bucket = (tags: Record<string, string> = {}) => r("aws:s3/bucket:Bucket", "b", { bucket: "data-1", tags }, "data-1");
        const block = r("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", { bucket: "data-1", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
        const sse = r("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "sse", { bucket: "data-1", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
        const policy = (...statements: unknown[]) => r("aws:s3/bucketPolicy:BucketPolicy", "pol", { bucket: "data-1", policy: JSON.stringify({ Statement: statements }) });
        const tls = { Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } };
        assert.deepEqual(fired([bucket(), block, sse, policy(tls)], "high_availability"), []);
        assert.deepEqual(fired([bucket(), block, policy(tls)]), ["S3-02"]);
        assert.deepEqual(fired([bucket(), block, sse, policy()]), ["S3-02"]);
        assert.deepEqual(fired([bucket(), block, sse, policy(tls, { Effect: "Allow", Principal: "*", Action: "s3:GetObject" })]), ["S3-02"]);
        const data = bucket({ "defang:purpose": "object-store" });
        assert.deepEqual(fired([data, block, sse, policy(tls)], "balanced"), ["S3-03"]);
        assert.deepEqual(fired([data, block, sse, policy(tls)], "affordable"), []);
        const versioned = r("aws:s3/bucketVersioning:BucketVersioning", "v", { bucket: "data-1", versioningConfiguration: { status: "Enabled" } });
        assert.deepEqual(fired([data, block, sse, policy(tls), versioned], "balanced"), []);
    });

    it("CF-01…04: HTTPS with a current TLS floor, S3 read through an origin access control, security headers; logs advisory", () => {
        const cdn = (inputs: Record<string, unknown> = {}, behaviour: Record<string, unknown> = {}) =>
            r("aws:cloudfront/distribution:Distribution", "cdn", {
                origins: [{ originId: "o", domainName: "site.s3.us-east-1.amazonaws.com", originAccessControlId: "E1" }],
                defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https", responseHeadersPolicyId: "67f7725c", ...behaviour },
                viewerCertificate: { acmCertificateArn: "arn", minimumProtocolVersion: "TLSv1.2_2021" },
                ...inputs,
            });
        assert.deepEqual(fired([cdn()], "high_availability"), []);
        assert.deepEqual(fired([cdn({}, { viewerProtocolPolicy: "allow-all" })]), ["CF-01"]);
        assert.deepEqual(fired([cdn({ viewerCertificate: { acmCertificateArn: "arn", minimumProtocolVersion: "TLSv1" } })]), ["CF-01"]);
        assert.deepEqual(fired([cdn({ origins: [{ originId: "o", domainName: "site.s3.us-east-1.amazonaws.com", s3OriginConfig: { originAccessIdentity: "origin-access-identity/cloudfront/E2" } }] })]), ["CF-02"]);
        assert.deepEqual(fired([cdn({}, { responseHeadersPolicyId: undefined })]), ["CF-03"]);
        assert.deepEqual(checkPolicies([cdn()], "high_availability").map((v) => [v.rule, v.mandatory]), [["CF-04", false]]);
    });
});
