// Plausible answers to the invokes (data sources) the component calls, for runs without AWS.
import type { MockAccount } from "./mock-state";
import { stableHex } from "./mock-state";
import { inventedStrings } from "./placeholders";

export interface InvokeFixtures {
    /** SSM parameters that "exist": full name → value (getParameter / getParametersByPath). */
    ssmParameters: Record<string, string>;
    /** Public hosted zones by domain; by default a zone is found for any domain. Map a domain to null to make it missing. */
    hostedZones: Record<string, string | null>;
}

/** Availability zones per region (the ones a new account sees); others get a, b, c. */
const ZONES: Record<string, string[]> = {
    "us-east-1": ["a", "b", "c", "d", "e", "f"],
    "us-east-2": ["a", "b", "c"],
    "us-west-1": ["b", "c"],
    "us-west-2": ["a", "b", "c", "d"],
    "ca-central-1": ["a", "b", "d"],
    "eu-west-1": ["a", "b", "c"],
    "eu-central-1": ["a", "b", "c"],
    "ap-northeast-1": ["a", "c", "d"],
    "ap-southeast-1": ["a", "b", "c"],
    "sa-east-1": ["a", "b", "c"],
};

export function zonesOf(region: string): string[] {
    return (ZONES[region] ?? ["a", "b", "c"]).map((z) => `${region}${z}`);
}

export function partitionOf(region: string): string {
    if (region.startsWith("cn-")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    return "aws";
}

type Args = Record<string, unknown>;

export function mockInvoke(token: string, args: Args, a: MockAccount, fx: InvokeFixtures): Record<string, unknown> {
    switch (token) {
        case "aws:index/getRegion:getRegion":
            return { id: a.region, name: a.region, region: a.region, description: a.region, endpoint: `ec2.${a.region}.amazonaws.com` };
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { id: a.accountId, accountId: a.accountId, arn: `arn:${a.partition}:iam::${a.accountId}:user/offline`, userId: "AIDAOFFLINEPLAN" };
        case "aws:index/getPartition:getPartition":
            return { id: a.partition, partition: a.partition, dnsSuffix: a.partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
        case "aws:index/getAvailabilityZones:getAvailabilityZones": {
            const names = zonesOf(a.region);
            const prefix = a.region.replace(/-/g, "").replace(/(north|south|east|west|central)/g, (m) => m[0]);
            return { id: a.region, names, zoneIds: names.map((_, i) => `${prefix}-az${i + 1}`), groupNames: [a.region], state: args.state ?? "available" };
        }
        case "aws:route53/getZone:getZone":
            return hostedZone(args, fx);
        case "aws:ssm/getParameter:getParameter":
            return ssmParameter(args, a, fx);
        case "aws:ssm/getParametersByPath:getParametersByPath":
            return ssmParametersByPath(args, a, fx);
        case "aws:iam/getPolicyDocument:getPolicyDocument":
            return policyDocument(args);
        case "aws:s3/getBucket:getBucket": {
            const bucket = String(args.bucket ?? "");
            return { id: bucket, bucket, arn: `arn:${a.partition}:s3:::${bucket}`, region: a.region, bucketDomainName: `${bucket}.s3.amazonaws.com`, bucketRegionalDomainName: `${bucket}.s3.${a.region}.amazonaws.com`, hostedZoneId: "Z3AQBSTGFYJSTF" };
        }
        case "aws:ec2/getSubnet:getSubnet": {
            const id = String(args.id ?? "");
            const zones = zonesOf(a.region);
            return { id, availabilityZone: zones[parseInt(stableHex(`subnet:${id}`, 2), 16) % zones.length], vpcId: "vpc-offline", cidrBlock: "10.0.0.0/20" };
        }
        case "aws:ec2/getAmi:getAmi":
            return { id: `ami-${stableHex(JSON.stringify(args), 17)}`, imageId: `ami-${stableHex(JSON.stringify(args), 17)}`, architecture: "x86_64" };
        case "aws:elb/getHostedZoneId:getHostedZoneId":
        case "aws:lb/getHostedZoneId:getHostedZoneId":
            return { id: "Z35SXDOTRQ7X7K" };
        default:
            // Unknown invokes echo their arguments with an id, so a new data source fails visibly in tests
            // rather than silently returning nothing.
            return { id: `${token}-offline`, ...args };
    }
}

/**
 * The answer fields that stand in for what AWS would return for the caller's account (the rest is
 * real: the region, its zone names, the partition, policy documents computed from the arguments).
 */
const INVENTED_FIELDS: Record<string, string[]> = {
    "aws:index/getCallerIdentity:getCallerIdentity": ["accountId", "arn", "userId"],
    "aws:index/getAvailabilityZones:getAvailabilityZones": ["zoneIds"],
    "aws:route53/getZone:getZone": ["id", "zoneId", "nameServers"],
    // Only a public parameter's value (an AMI id) is invented here: a config value is a secret, never listed.
    "aws:ssm/getParameter:getParameter": ["arn"],
    "aws:ssm/getParametersByPath:getParametersByPath": ["arns"],
    "aws:ec2/getAmi:getAmi": ["id", "imageId"],
    "aws:elb/getHostedZoneId:getHostedZoneId": ["id"],
    "aws:lb/getHostedZoneId:getHostedZoneId": ["id"],
};

/** The placeholders in an invoke's answer: its invented fields, less what the arguments or the fixtures gave. */
export function inventedInvokeValues(token: string, answer: Record<string, unknown>, args: Args, fx: InvokeFixtures): string[] {
    const fields = [...(INVENTED_FIELDS[token] ?? [])];
    if (token === "aws:ssm/getParameter:getParameter" && String(args.name ?? "").startsWith("/aws/service/")) fields.push("value");
    const given = [args, Object.values(fx.ssmParameters), Object.values(fx.hostedZones).filter((z) => z !== null)];
    return inventedStrings(fields.map((f) => answer[f]), given);
}

function hostedZone(args: Args, fx: InvokeFixtures): Record<string, unknown> {
    const name = String(args.name ?? "").replace(/\.$/, "");
    if (args.zoneId) return { id: args.zoneId, zoneId: args.zoneId, name: name || "example.com", privateZone: false, nameServers: [] };
    // By default the registrable domain (its last two labels) has a public zone, as most accounts do;
    // a fixture adds or removes zones.
    const exists = name in fx.hostedZones ? fx.hostedZones[name] !== null : name.split(".").length === 2;
    if (!exists) throw new Error(`no matching Route 53 Hosted Zone found for "${name}"`);
    const zoneId = fx.hostedZones[name] ?? `Z${stableHex(`zone:${name}`, 20).toUpperCase()}`;
    return { id: zoneId, zoneId, name, privateZone: Boolean(args.privateZone), nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.net"], resourceRecordSetCount: 2 };
}

function ssmParameter(args: Args, a: MockAccount, fx: InvokeFixtures): Record<string, unknown> {
    const name = String(args.name ?? "");
    const arnOf = `arn:${a.partition}:ssm:${a.region}:${a.accountId}:parameter${name.startsWith("/") ? "" : "/"}${name}`;
    if (name.startsWith("/aws/service/")) {
        // Public parameters (e.g. the ECS GPU-optimized AMI id).
        return { id: name, name, arn: arnOf, type: "String", value: `ami-${stableHex(name, 17)}`, insecureValue: `ami-${stableHex(name, 17)}`, version: 1 };
    }
    const value = fx.ssmParameters[name] ?? `offline-placeholder-for-${name.split("/").pop()}`;
    return { id: name, name, arn: arnOf, type: "SecureString", value, insecureValue: "", version: 1, withDecryption: args.withDecryption ?? true };
}

function ssmParametersByPath(args: Args, a: MockAccount, fx: InvokeFixtures): Record<string, unknown> {
    const path = String(args.path ?? "/");
    const prefix = path.endsWith("/") ? path : `${path}/`;
    const recursive = Boolean(args.recursive);
    const names = Object.keys(fx.ssmParameters)
        .filter((n) => n.startsWith(prefix) && (recursive || !n.slice(prefix.length).includes("/")))
        .sort();
    return {
        id: path,
        path,
        names,
        values: names.map((n) => fx.ssmParameters[n]),
        types: names.map(() => "SecureString"),
        arns: names.map((n) => `arn:${a.partition}:ssm:${a.region}:${a.accountId}:parameter${n}`),
        withDecryption: args.withDecryption ?? true,
    };
}

/** A faithful-enough rendering of iam.getPolicyDocument for the shapes IAM statements take. */
function policyDocument(args: Args): Record<string, unknown> {
    const statements = (Array.isArray(args.statements) ? args.statements : []) as Array<Record<string, unknown>>;
    const one = (v: unknown) => (Array.isArray(v) && v.length === 1 ? v[0] : v);
    const doc = {
        Version: "2012-10-17",
        Statement: statements.map((s) => {
            const out: Record<string, unknown> = {};
            if (s.sid) out.Sid = s.sid;
            out.Effect = s.effect ?? "Allow";
            if (s.actions) out.Action = one(s.actions);
            if (s.notActions) out.NotAction = one(s.notActions);
            if (s.resources) out.Resource = one(s.resources);
            if (s.notResources) out.NotResource = one(s.notResources);
            if (Array.isArray(s.principals)) {
                const p: Record<string, unknown> = {};
                for (const pr of s.principals as Array<{ type: string; identifiers: string[] }>) p[pr.type] = one(pr.identifiers);
                out.Principal = p;
            }
            if (Array.isArray(s.conditions)) {
                const c: Record<string, Record<string, unknown>> = {};
                for (const cond of s.conditions as Array<{ test: string; variable: string; values: string[] }>) {
                    (c[cond.test] ??= {})[cond.variable] = one(cond.values);
                }
                out.Condition = c;
            }
            return out;
        }),
    };
    const json = JSON.stringify(doc, null, 2);
    return { id: stableHex(json, 10), json, minifiedJson: JSON.stringify(doc) };
}
