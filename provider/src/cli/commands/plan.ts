// `pulumi-defang plan`: runs the real component offline (Pulumi's mock monitor, plausible AWS
// answers, no credentials) and prints every resource it would create, as a tree or as JSON.
import type { Command } from "./index";
import { optFlag, parseArgs, requireFiles } from "../args";
import { COMPOSE_OPTIONS, composeInputs, modeOption, regionOption, stackOption } from "../common-options";
import { hasErrors } from "../../compose";
import { printDiagnostics } from "../diagnostics";
import type { OfflinePlanOptions, OfflinePlanResult, OfflineResource } from "../../offline/plan";

const USAGE = `Usage: pulumi-defang plan [options]

Shows, without AWS credentials, every resource 'defang.Project' would create for the compose
application: the real component runs under Pulumi's mock engine (account 123456789012, the
region's availability zones, a public hosted zone for any domain). Secrets print as "[secret]".

Options:
  -f, --file FILE        Compose file (repeatable; merged in order). Default: compose.yaml discovery.
      --mode MODE        affordable (default), balanced or high_availability (Defang's aliases work).
      --region REGION    AWS region (default: $AWS_REGION, else us-east-1).
      --stack NAME       Pulumi stack name: part of the config path /Defang/<project>/<stack>/ (default dev).
      --profile NAME     Activate a compose profile (repeatable).
      --env-file FILE    Interpolation variables, like docker compose --env-file (repeatable).
  -p, --project-name N   Project name (default: compose name:, else the directory).
      --json             Print {"project","mode","region","resources":[{"type","name","parent","inputs"}],"outputs"}.
      --check            Also check the graph against the security rules (reference/security-rules.md):
                         violations go to stderr; those mandatory in the mode fail the command.
  -h, --help             This help.

Diagnostics go to stderr. Exit codes: 0 planned, 1 the compose app has errors (or --check found a
mandatory violation), 2 bad options.`;

export interface PlanDeps {
    runOfflinePlan(opts: OfflinePlanOptions): Promise<OfflinePlanResult>;
    stdout(s: string): void;
    stderr(s: string): void;
}

function defaultDeps(): PlanDeps {
    return {
        // Loaded lazily: only this path needs the component and the mock engine.
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        runOfflinePlan: (opts) => {
            requireFiles(opts.files ?? [], process.cwd(), "-f");
            requireFiles(opts.envFiles ?? [], process.cwd(), "--env-file");
            return (require("../../offline/plan") as typeof import("../../offline/plan")).runOfflinePlan(opts);
        },
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
    };
}

export async function runPlan(argv: string[], deps: PlanDeps = defaultDeps()): Promise<number> {
    const args = parseArgs(argv, [
        ...COMPOSE_OPTIONS,
        { name: "mode", value: true },
        { name: "region", value: true },
        { name: "stack", value: true },
        { name: "json" },
        { name: "check" },
    ]);
    const mode = modeOption(args);
    const region = regionOption(args, "us-east-1");
    const stack = stackOption(args, "dev");
    const result = await deps.runOfflinePlan({ ...composeInputs(args), mode, region, stack });
    printDiagnostics(result.diagnostics, deps.stderr, process.cwd());
    if (hasErrors(result.diagnostics)) return 1;

    let failed = false;
    if (optFlag(args, "check")) {
        // Loaded on demand: only --check needs the rules.
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const policy = require("../../policy") as typeof import("../../policy");
        const violations = policy.checkPolicies(result.resources, mode);
        for (const v of violations) deps.stderr(`${v.mandatory ? "violation" : "advisory"}: ${policy.formatViolation(v)}\n`);
        failed = violations.some((v) => v.mandatory);
    }

    if (optFlag(args, "json")) {
        const { project, region: r, outputs } = result;
        const resources = result.resources.map(({ type, name, parent, inputs }) => ({ type, name, ...(parent ? { parent } : {}), inputs }));
        deps.stdout(JSON.stringify({ project, mode: result.mode, region: r, resources, outputs }, null, 2) + "\n");
    } else {
        deps.stdout(renderTree(result));
    }
    return failed ? 1 : 0;
}

/** The resources indented under their parents, each with its most telling inputs. */
export function renderTree(result: OfflinePlanResult): string {
    const children = new Map<string | undefined, OfflineResource[]>();
    const names = new Set(result.resources.map((r) => r.name));
    for (const r of result.resources) {
        const parent = r.parent && names.has(r.parent) ? r.parent : undefined;
        children.set(parent, [...(children.get(parent) ?? []), r]);
    }
    const lines: string[] = [`Plan for ${result.project} (${result.mode}, ${result.region}): ${result.resources.filter((r) => r.type.startsWith("aws:") || r.type.startsWith("random:")).length} resources`, ""];
    const walk = (parent: string | undefined, depth: number) => {
        const list = [...(children.get(parent) ?? [])].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
        for (const r of list) {
            const details = keyInputs(r);
            lines.push(`${"  ".repeat(depth)}${r.type}  ${r.name}${details ? `  ${details}` : ""}`);
            walk(r.name, depth + 1);
        }
    };
    walk(undefined, 0);
    const endpoints = result.outputs.endpoints as Record<string, string> | undefined;
    if (endpoints && Object.keys(endpoints).length > 0) {
        lines.push("", "Endpoints:");
        for (const [svc, url] of Object.entries(endpoints).sort()) lines.push(`  ${svc}  ${url}`);
    }
    return lines.join("\n") + "\n";
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
    "aws:route53/record:Record": ["name", "type"],
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

function keyInputs(r: OfflineResource): string {
    const keys = KEY_INPUTS[r.type] ?? [];
    // `a.b` reads a nested field (shown by its last segment).
    const value = (k: string) => k.split(".").reduce<unknown>((v, part) => (v && typeof v === "object" ? (v as Record<string, unknown>)[part] : undefined), r.inputs);
    return keys
        .filter((k) => value(k) !== undefined)
        .map((k) => `${k.split(".").pop()}=${short(value(k))}`)
        .join(" ");
}

function short(v: unknown): string {
    if (Array.isArray(v)) return v.map((x) => (typeof x === "object" && x && "capacityProvider" in x ? `${(x as { capacityProvider: string }).capacityProvider}:${(x as { weight?: number }).weight ?? 0}${(x as { base?: number }).base ? `+${(x as { base?: number }).base}` : ""}` : short(x))).join(",");
    if (typeof v === "object" && v !== null) return JSON.stringify(v);
    const s = String(v);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export const planCommand: Command = {
    name: "plan",
    summary: "Show every AWS resource the component would create (offline, no credentials)",
    usage: USAGE,
    run: (argv) => runPlan(argv),
};
