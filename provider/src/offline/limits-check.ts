// The offline engine's check of every registration against the AWS rules of plan/aws-limits.ts, so that
// `plan` (and `validate`, `estimate`, the tests) fail where `pulumi up` would: names — given, or the
// longest one Pulumi's auto-naming could make (logical name + `-` + 7 characters) —, descriptions, tags,
// value ranges, and, once the graph is complete, the quotas that count resources (rules per security
// group, target groups and rules per load balancer) and logical names used twice.
import {
    type LimitCode,
    type LimitViolation,
    type QuotaKind,
    type RangeKind,
    type StringKind,
    checkFargateSize,
    checkLogRetention,
    checkQuota,
    checkRange,
    checkString,
} from "../plan/aws-limits";

export interface RegistrationViolation {
    type: string;
    /** Logical name of the resource. */
    resource: string;
    code: LimitCode | "logical-name-duplicate";
    message: string;
    source?: string;
}

interface Registration {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

/** A name field; `auto`: Pulumi names the resource from its logical name when the field is absent. */
interface NameField {
    field: string;
    kind: StringKind;
    auto?: boolean;
    /** The input that asks Pulumi for a name with this prefix instead (default `namePrefix`). */
    prefixField?: string;
}

const NAMES: Record<string, NameField[]> = {
    "aws:lb/loadBalancer:LoadBalancer": [{ field: "name", kind: "loadBalancerName", auto: true }],
    "aws:lb/targetGroup:TargetGroup": [{ field: "name", kind: "targetGroupName", auto: true }],
    "aws:ec2/securityGroup:SecurityGroup": [
        { field: "name", kind: "securityGroupName", auto: true },
        { field: "description", kind: "securityGroupDescription" },
    ],
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": [{ field: "description", kind: "securityGroupRuleDescription" }],
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": [{ field: "description", kind: "securityGroupRuleDescription" }],
    "aws:ec2/launchTemplate:LaunchTemplate": [{ field: "name", kind: "launchTemplateName", auto: true }],
    "aws:autoscaling/group:Group": [{ field: "name", kind: "autoScalingGroupName", auto: true }],
    "aws:iam/role:Role": [
        { field: "name", kind: "iamRoleName", auto: true },
        { field: "description", kind: "iamRoleDescription" },
    ],
    "aws:iam/rolePolicy:RolePolicy": [{ field: "name", kind: "iamInlinePolicyName", auto: true }],
    "aws:iam/instanceProfile:InstanceProfile": [{ field: "name", kind: "iamInstanceProfileName", auto: true }],
    "aws:ecs/cluster:Cluster": [{ field: "name", kind: "ecsClusterName", auto: true }],
    "aws:ecs/service:Service": [{ field: "name", kind: "ecsServiceName", auto: true }],
    "aws:ecs/taskDefinition:TaskDefinition": [{ field: "family", kind: "ecsTaskFamily" }],
    "aws:ecs/capacityProvider:CapacityProvider": [{ field: "name", kind: "ecsCapacityProviderName", auto: true }],
    "aws:cloudwatch/logGroup:LogGroup": [{ field: "name", kind: "logGroupName", auto: true }],
    "aws:ssm/parameter:Parameter": [
        { field: "name", kind: "ssmParameterName", auto: true },
        { field: "description", kind: "ssmParameterDescription" },
    ],
    "aws:servicediscovery/service:Service": [
        { field: "name", kind: "cloudMapServiceName" },
        { field: "description", kind: "cloudMapDescription" },
    ],
    "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": [
        { field: "name", kind: "cloudMapNamespaceName" },
        { field: "description", kind: "cloudMapDescription" },
    ],
    "aws:rds/instance:Instance": [
        { field: "identifier", kind: "rdsInstanceIdentifier", auto: true },
        { field: "finalSnapshotIdentifier", kind: "dbSnapshotIdentifier" },
    ],
    "aws:rds/parameterGroup:ParameterGroup": [{ field: "name", kind: "rdsParameterGroupName", auto: true }],
    "aws:rds/subnetGroup:SubnetGroup": [{ field: "name", kind: "rdsSubnetGroupName", auto: true }],
    "aws:docdb/cluster:Cluster": [
        { field: "clusterIdentifier", kind: "docdbClusterIdentifier", auto: true },
        { field: "finalSnapshotIdentifier", kind: "dbSnapshotIdentifier" },
    ],
    "aws:docdb/clusterInstance:ClusterInstance": [{ field: "identifier", kind: "docdbInstanceIdentifier", auto: true }],
    "aws:docdb/clusterParameterGroup:ClusterParameterGroup": [{ field: "name", kind: "docdbClusterParameterGroupName", auto: true }],
    "aws:docdb/subnetGroup:SubnetGroup": [{ field: "name", kind: "docdbSubnetGroupName", auto: true }],
    "aws:elasticache/replicationGroup:ReplicationGroup": [{ field: "replicationGroupId", kind: "elastiCacheReplicationGroupId", auto: true }],
    "aws:elasticache/subnetGroup:SubnetGroup": [{ field: "name", kind: "elastiCacheSubnetGroupName", auto: true }],
    "aws:ecr/repository:Repository": [{ field: "name", kind: "ecrRepositoryName", auto: true }],
    "aws:codebuild/project:Project": [
        { field: "name", kind: "codeBuildProjectName", auto: true },
        { field: "description", kind: "codeBuildDescription" },
    ],
    "aws:s3/bucket:Bucket": [
        { field: "bucket", kind: "s3BucketName", auto: true, prefixField: "bucketPrefix" },
        { field: "bucketPrefix", kind: "s3BucketPrefix" },
    ],
    "aws:efs/fileSystem:FileSystem": [{ field: "creationToken", kind: "efsCreationToken" }],
    "aws:cloudfront/originAccessControl:OriginAccessControl": [{ field: "name", kind: "cloudFrontOriginAccessControlName" }],
    "aws:cloudfront/function:Function": [
        { field: "name", kind: "cloudFrontFunctionName", auto: true },
        { field: "comment", kind: "cloudFrontFunctionComment" },
    ],
    "aws:cloudfront/distribution:Distribution": [{ field: "comment", kind: "cloudFrontDistributionComment" }],
    "aws:acm/certificate:Certificate": [{ field: "domainName", kind: "acmDomainName" }],
    "aws:appautoscaling/policy:Policy": [{ field: "name", kind: "scalingPolicyName", auto: true }],
    "aws:cloudwatch/metricAlarm:MetricAlarm": [
        { field: "name", kind: "cloudWatchAlarmName", auto: true },
        { field: "alarmDescription", kind: "cloudWatchAlarmDescription" },
    ],
    "aws:cloudwatch/dashboard:Dashboard": [{ field: "dashboardName", kind: "cloudWatchDashboardName" }],
    "aws:sns/topic:Topic": [{ field: "name", kind: "snsTopicName", auto: true }],
    "aws:kms/alias:Alias": [{ field: "name", kind: "kmsAliasName" }],
    "aws:kms/key:Key": [{ field: "description", kind: "kmsKeyDescription" }],
};

/** Pulumi's auto-name: the logical name, `-`, 7 random characters (lower-cased where AWS wants it). */
const AUTONAME_SUFFIX = "-abcdef0";
/** Kinds whose auto-name the AWS provider lower-cases (S3 refuses upper case). */
const LOWERCASED_AUTONAMES: ReadonlySet<StringKind> = new Set<StringKind>(["s3BucketName"]);

function autoName(kind: StringKind, logical: string): string {
    const name = `${logical}${AUTONAME_SUFFIX}`;
    return LOWERCASED_AUTONAMES.has(kind) ? name.toLowerCase() : name;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined);

/** Violations of one registration (its names, descriptions, tags and values). */
export function checkRegistration(r: Registration): RegistrationViolation[] {
    const found: Array<LimitViolation | undefined> = [];
    for (const f of NAMES[r.type] ?? []) {
        const given = str(r.inputs[f.field]);
        if (given !== undefined) found.push(checkString(f.kind, given));
        else if (f.auto && r.inputs[f.prefixField ?? "namePrefix"] === undefined) found.push(checkString(f.kind, autoName(f.kind, r.name)));
    }
    found.push(...checkTags(r.type, r.inputs), ...checkValues(r));
    return found.filter((v): v is LimitViolation => v !== undefined).map((v) => ({ type: r.type, resource: r.name, ...v }));
}

function checkTags(type: string, inputs: Record<string, unknown>): Array<LimitViolation | undefined> {
    const ec2 = /^aws:(ec2|vpc)\//.test(type);
    const tags = inputs.tags;
    const pairs: Array<[string, string]> = Array.isArray(tags)
        ? tags.map((t) => [String((t as { key?: unknown }).key ?? ""), String((t as { value?: unknown }).value ?? "")])
        : tags && typeof tags === "object"
          ? Object.entries(tags as Record<string, unknown>).map(([k, v]) => [k, String(v ?? "")])
          : [];
    return [checkQuota("tagsPerResource", pairs.length), ...pairs.flatMap(([k, v]) => [checkString(ec2 ? "ec2TagKey" : "tagKey", k), checkString(ec2 ? "ec2TagValue" : "tagValue", v)])];
}

function range(kind: RangeKind, value: unknown): LimitViolation | undefined {
    const n = num(value);
    return n === undefined ? undefined : checkRange(kind, n);
}

function checkValues(r: Registration): Array<LimitViolation | undefined> {
    const i = r.inputs;
    switch (r.type) {
        case "aws:ecs/taskDefinition:TaskDefinition":
            return checkTaskDefinition(i);
        case "aws:ecs/service:Service":
            return [range("tasksPerService", i.desiredCount), ...checkDeployment(i.deploymentConfiguration)];
        case "aws:appautoscaling/target:Target":
            return [range("tasksPerService", i.minCapacity), range("tasksPerService", i.maxCapacity)];
        case "aws:cloudwatch/logGroup:LogGroup":
            return [num(i.retentionInDays) === undefined ? undefined : checkLogRetention(num(i.retentionInDays)!)];
        case "aws:lb/targetGroup:TargetGroup": {
            const hc = (i.healthCheck ?? {}) as Record<string, unknown>;
            return [
                range("albHealthCheckInterval", hc.interval),
                range("albHealthCheckTimeout", hc.timeout),
                range("albHealthyThreshold", hc.healthyThreshold),
                range("albUnhealthyThreshold", hc.unhealthyThreshold),
                str(hc.path) === undefined ? undefined : checkRange("albHealthCheckPathLength", str(hc.path)!.length),
                range("albDeregistrationDelay", i.deregistrationDelay),
            ];
        }
        case "aws:lb/loadBalancer:LoadBalancer":
            return [range("albIdleTimeout", i.idleTimeout)];
        case "aws:lb/listenerRule:ListenerRule": {
            const conditions = Array.isArray(i.conditions) ? (i.conditions as Array<Record<string, { values?: unknown[] }>>) : [];
            return [range("listenerRulePriority", i.priority), ...conditions.flatMap((c) => Object.values(c).map((v) => checkQuota("conditionValuesPerRule", v?.values?.length ?? 0)))];
        }
        case "aws:efs/accessPoint:AccessPoint": {
            const path = str((i.rootDirectory as { path?: unknown } | undefined)?.path);
            return [path === undefined ? undefined : checkString("efsAccessPointPath", path)];
        }
        case "aws:acm/certificate:Certificate": {
            const sans = Array.isArray(i.subjectAlternativeNames) ? i.subjectAlternativeNames.map(String) : [];
            const names = new Set([str(i.domainName) ?? "", ...sans]);
            return [...sans.map((n) => checkString("acmSubjectAlternativeName", n)), checkQuota("namesPerCertificate", names.size)];
        }
        case "aws:cloudwatch/dashboard:Dashboard":
            return checkDashboardBody(str(i.dashboardBody));
        case "aws:route53/record:Record":
            return [str(i.name) ? checkString("route53RecordName", str(i.name)!) : undefined];
        case "aws:rds/instance:Instance":
            return [range("rdsBackupRetentionDays", i.backupRetentionPeriod)];
        case "aws:docdb/cluster:Cluster":
            return [range("docdbBackupRetentionDays", i.backupRetentionPeriod)];
        case "aws:elasticache/replicationGroup:ReplicationGroup":
            return [range("elastiCacheSnapshotRetentionDays", i.snapshotRetentionLimit)];
        default:
            return [];
    }
}

/** A dashboard body's widgets and metrics (each metric row is one array in a widget's `metrics`). */
function checkDashboardBody(body: string | undefined): Array<LimitViolation | undefined> {
    if (body === undefined) return [];
    let widgets: Array<{ properties?: { metrics?: unknown[] } }>;
    try {
        widgets = (JSON.parse(body) as { widgets?: typeof widgets }).widgets ?? [];
    } catch {
        return [];
    }
    const metrics = widgets.reduce((n, w) => n + (Array.isArray(w.properties?.metrics) ? w.properties!.metrics!.length : 0), 0);
    return [checkQuota("dashboardWidgets", widgets.length), checkQuota("dashboardMetrics", metrics)];
}

/** An ECS deployment strategy's bake times and traffic steps (the provider sends the minutes as strings). */
function checkDeployment(value: unknown): Array<LimitViolation | undefined> {
    const d = (value ?? {}) as Record<string, unknown>;
    const canary = (d.canaryConfiguration ?? {}) as Record<string, unknown>;
    const linear = (d.linearConfiguration ?? {}) as Record<string, unknown>;
    const percent = (kind: RangeKind, v: unknown) => (typeof v === "number" ? checkRange(kind, v) : undefined);
    return [
        range("ecsBakeMinutes", d.bakeTimeInMinutes),
        percent("ecsCanaryPercent", canary.canaryPercent),
        range("ecsCanaryBakeMinutes", canary.canaryBakeTimeInMinutes),
        percent("ecsLinearStepPercent", linear.stepPercent),
        range("ecsLinearStepBakeMinutes", linear.stepBakeTimeInMinutes),
    ];
}

function checkTaskDefinition(i: Record<string, unknown>): Array<LimitViolation | undefined> {
    const out: Array<LimitViolation | undefined> = [];
    const fargate = Array.isArray(i.requiresCompatibilities) && i.requiresCompatibilities.includes("FARGATE");
    if (fargate && num(i.cpu) !== undefined && num(i.memory) !== undefined) out.push(checkFargateSize(num(i.cpu)!, num(i.memory)!));
    const storage = (i.ephemeralStorage as { sizeInGib?: unknown } | undefined)?.sizeInGib;
    out.push(range("fargateEphemeralStorageGiB", storage));
    // The size AWS counts is the registered definition: its settings and containers (tags are metadata).
    const text = str(i.containerDefinitions);
    let containers: Array<Record<string, unknown>> = [];
    try {
        containers = text ? (JSON.parse(text) as Array<Record<string, unknown>>) : [];
    } catch {
        containers = [];
    }
    out.push(checkQuota("containersPerTask", containers.length));
    const { tags: _tags, ...definition } = i;
    out.push(checkQuota("taskDefinitionBytes", Buffer.byteLength(JSON.stringify({ ...definition, containerDefinitions: containers }), "utf8")));
    const volumes = Array.isArray(i.volumes) ? (i.volumes as Array<{ name?: unknown }>) : [];
    for (const v of volumes) if (str(v.name) !== undefined) out.push(checkString("ecsVolumeName", str(v.name)!));
    for (const c of containers) {
        if (str(c.name) !== undefined) out.push(checkString("ecsContainerName", str(c.name)!));
        if (str(c.image) !== undefined) out.push(checkString("ecsImage", str(c.image)!));
        for (const m of (c.portMappings as Array<{ name?: unknown }> | undefined) ?? []) if (str(m.name) !== undefined) out.push(checkString("ecsPortMappingName", str(m.name)!));
        const hc = c.healthCheck as Record<string, unknown> | undefined;
        if (hc) {
            out.push(
                range("ecsHealthCheckInterval", hc.interval),
                range("ecsHealthCheckTimeout", hc.timeout),
                range("ecsHealthCheckRetries", hc.retries),
                range("ecsHealthCheckStartPeriod", hc.startPeriod),
            );
        }
        out.push(range("ecsStopTimeout", c.stopTimeout));
    }
    return out;
}

/** Quotas over the whole graph, and logical names given twice (Pulumi refuses a graph with both). */
export function checkGraph(resources: Registration[]): RegistrationViolation[] {
    const out: RegistrationViolation[] = [];
    const count = (type: string, key: string, quota: QuotaKind): void => {
        const groups = new Map<string, Registration[]>();
        for (const r of resources.filter((x) => x.type === type)) {
            const k = str(r.inputs[key]) ?? "";
            groups.set(k, [...(groups.get(k) ?? []), r]);
        }
        for (const members of groups.values()) {
            const v = checkQuota(quota, members.length);
            if (v) out.push({ type, resource: members[members.length - 1].name, ...v });
        }
    };
    count("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "securityGroupId", "securityGroupInboundRules");
    count("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "securityGroupId", "securityGroupOutboundRules");
    count("aws:lb/listenerRule:ListenerRule", "listenerArn", "rulesPerLoadBalancer");
    count("aws:lb/listenerCertificate:ListenerCertificate", "listenerArn", "certificatesPerLoadBalancer");
    const groups = resources.filter((r) => r.type === "aws:lb/targetGroup:TargetGroup");
    const tooMany = checkQuota("targetGroupsPerLoadBalancer", groups.length);
    if (tooMany && groups.length > 0) out.push({ type: groups[0].type, resource: groups[groups.length - 1].name, ...tooMany });

    const seen = new Map<string, string>();
    for (const r of resources) {
        const other = seen.get(r.name);
        if (other !== undefined) {
            out.push({
                type: r.type,
                resource: r.name,
                code: "logical-name-duplicate",
                message: `${other} and ${r.type} share the logical name ${r.name}`,
            });
        } else seen.set(r.name, r.type);
    }
    return out;
}
