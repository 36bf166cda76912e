// What `plan` prints (and the MCP `plan` tool returns): the offline graph as JSON for machines and
// as a tree for people. Both mark placeholders — values the offline engine invented where AWS assigns
// them at deploy — so nobody takes a mock id or load balancer name for the real one.
import type { OfflineDependency, OfflinePlanResult, OfflineResource } from "../offline/plan";
import { PlaceholderIndex } from "../offline/placeholders";

export const PLACEHOLDER_LEGEND =
    "<...> marks a placeholder: a value the offline engine made up where AWS assigns one at deploy (ids, ARNs, DNS names, addresses, account 123456789012).";

export interface PlanJsonResource {
    type: string;
    name: string;
    parent?: string;
    inputs: Record<string, unknown>;
    /** What it waits for at deploy, each with the inputs that carry the dependency (or "dependsOn"). */
    dependencies: OfflineDependency[];
    /** Paths into `inputs` (`a.b[0]`) of the values that hold a placeholder; absent when none. */
    placeholders?: string[];
}

export interface PlanJson {
    project: string;
    mode: string;
    region: string;
    stack: string;
    resources: PlanJsonResource[];
    outputs: Record<string, unknown>;
    /** Paths into `outputs` of the values that hold a placeholder. */
    outputPlaceholders: string[];
}

export function planJson(result: OfflinePlanResult, stack: string): PlanJson {
    const index = new PlaceholderIndex(result.placeholders ?? []);
    return {
        project: result.project,
        mode: result.mode,
        region: result.region,
        stack,
        resources: result.resources.map(({ type, name, parent, inputs, dependencies }) => {
            const marked = index.paths(inputs);
            return { type, name, ...(parent ? { parent } : {}), inputs, dependencies: dependencies ?? [], ...(marked.length > 0 ? { placeholders: marked } : {}) };
        }),
        outputs: result.outputs,
        outputPlaceholders: index.paths(result.outputs),
    };
}

/** The resources indented under their parents, each with its most telling inputs, placeholders marked. */
export function renderTree(result: OfflinePlanResult, stack: string): string {
    const index = new PlaceholderIndex(result.placeholders ?? []);
    const children = new Map<string | undefined, OfflineResource[]>();
    const names = new Set(result.resources.map((r) => r.name));
    for (const r of result.resources) {
        const parent = r.parent && names.has(r.parent) ? r.parent : undefined;
        children.set(parent, [...(children.get(parent) ?? []), r]);
    }
    const count = result.resources.filter((r) => r.type.startsWith("aws:") || r.type.startsWith("random:")).length;
    const body: string[] = [];
    const walk = (parent: string | undefined, depth: number) => {
        const list = [...(children.get(parent) ?? [])].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
        for (const r of list) {
            const details = keyInputs(r, index);
            body.push(`${"  ".repeat(depth)}${r.type}  ${r.name}${details ? `  ${details}` : ""}`);
            walk(r.name, depth + 1);
        }
    };
    walk(undefined, 0);
    const endpoints = result.outputs.endpoints as Record<string, string> | undefined;
    if (endpoints && typeof endpoints === "object" && Object.keys(endpoints).length > 0) {
        body.push("", "Endpoints:");
        for (const [svc, url] of Object.entries(endpoints).sort()) body.push(`  ${svc}  ${index.mark(String(url))}`);
    }
    const header = [`Plan for ${result.project} (${result.mode}, ${result.region}, stack ${stack}): ${count} resources`, ...(index.marked > 0 ? [PLACEHOLDER_LEGEND] : []), ""];
    return [...header, ...body].join("\n") + "\n";
}

/** Inputs worth a glance per type (everything is in --json). */
const KEY_INPUTS: Record<string, string[]> = {
    "aws:ec2/vpc:Vpc": ["cidrBlock"],
    "aws:ec2/subnet:Subnet": ["cidrBlock", "availabilityZone"],
    "aws:ec2/natGateway:NatGateway": ["connectivityType"],
    "aws:ec2/securityGroup:SecurityGroup": ["description"],
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ["ipProtocol", "fromPort", "toPort", "cidrIpv4", "cidrIpv6", "referencedSecurityGroupId"],
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ["ipProtocol", "fromPort", "toPort", "cidrIpv4", "referencedSecurityGroupId"],
    "aws:ecs/cluster:Cluster": ["name"],
    "aws:ecs/taskDefinition:TaskDefinition": ["family", "cpu", "memory"],
    "aws:ecs/service:Service": ["desiredCount", "capacityProviderStrategies"],
    "aws:lb/loadBalancer:LoadBalancer": ["name", "internal"],
    "aws:lb/targetGroup:TargetGroup": ["name", "port", "protocolVersion"],
    "aws:lb/listener:Listener": ["protocol", "port"],
    "aws:lb/listenerRule:ListenerRule": ["priority"],
    "aws:cloudwatch/logGroup:LogGroup": ["name", "retentionInDays"],
    "aws:ssm/parameter:Parameter": ["name", "type"],
    "aws:iam/role:Role": ["name"],
    "aws:ecr/repository:Repository": ["name"],
    "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": ["name"],
    "aws:servicediscovery/service:Service": ["name"],
    "aws:route53/record:Record": ["name", "type", "records"],
    "aws:rds/instance:Instance": ["instanceClass", "engineVersion", "multiAz"],
    "aws:elasticache/replicationGroup:ReplicationGroup": ["nodeType", "numCacheClusters"],
    "aws:docdb/clusterInstance:ClusterInstance": ["instanceClass"],
    "aws:acm/certificate:Certificate": ["domainName"],
    "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix"],
    "aws:s3/bucketVersioning:BucketVersioning": ["versioningConfiguration.status"],
    "aws:efs/fileSystem:FileSystem": ["creationToken", "throughputMode"],
    "aws:efs/accessPoint:AccessPoint": ["rootDirectory.path", "posixUser.uid", "posixUser.gid"],
    "aws:efs/backupPolicy:BackupPolicy": ["backupPolicy.status"],
    "aws:cloudfront/distribution:Distribution": ["priceClass", "aliases"],
    "aws:cloudfront/function:Function": ["name"],
    "defang:index:StaticSiteSync": ["service", "folder"],
    "aws:codebuild/project:Project": ["name", "environment.type", "environment.computeType"],
    "defang:index:ImageBuild": ["platform", "contextHash"],
    "defang:index:TaskRun": ["service", "timeoutMinutes"],
    "defang:index:Project": ["mode"],
};

function keyInputs(r: OfflineResource, index: PlaceholderIndex): string {
    const keys = KEY_INPUTS[r.type] ?? [];
    // `a.b` reads a nested field (shown by its last segment).
    const value = (k: string) => k.split(".").reduce<unknown>((v, part) => (v && typeof v === "object" ? (v as Record<string, unknown>)[part] : undefined), r.inputs);
    return keys
        .filter((k) => value(k) !== undefined)
        .map((k) => `${k.split(".").pop()}=${short(value(k), index)}`)
        .join(" ");
}

function short(v: unknown, index: PlaceholderIndex): string {
    if (Array.isArray(v)) return v.map((x) => (typeof x === "object" && x && "capacityProvider" in x ? strategy(x as Strategy) : short(x, index))).join(",");
    if (typeof v === "object" && v !== null) return JSON.stringify(v);
    const s = index.mark(String(v));
    if (s.length <= 60) return s;
    // Cut, but never inside a marker: a placeholder that starts before the cut is closed after it.
    const cut = s.slice(0, 57);
    return cut.lastIndexOf("<") > cut.lastIndexOf(">") ? `${cut}...>` : `${cut}...`;
}

interface Strategy {
    capacityProvider: string;
    weight?: number;
    base?: number;
}

function strategy(x: Strategy): string {
    return `${x.capacityProvider}:${x.weight ?? 0}${x.base ? `+${x.base}` : ""}`;
}
