// The x-defang-* extensions: validated against x-defang.schema.json (Ajv 2020), then read into the typed
// `service.defang` view. Unknown service-level x-* keys are warned about (Defang does the same); unknown
// x-defang-* keys are errors, since a typo there silently drops a database or a policy.
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import type { ComposeProject, DefangServiceExtensions, ServiceConfig } from "../types";
import type { Reporter, ServiceReporter } from "./report";
import schema from "./x-defang.schema.json";
import { closest } from "./util";
import { checkAdminPolicies } from "./policies";

export const DEFANG_EXTENSIONS = Object.keys(schema.properties);

/** Extensions of Defang that we know of but do not implement (yet). */
const NOT_IMPLEMENTED: Record<string, string> = {
    "x-defang-aliases": "remove it: Pulumi aliases of Defang's own resources do not apply to pulumi-defang's resources",
};

/** What each extension accepts, for the hint of an invalid value. */
const ACCEPTED: Record<string, string> = {
    "x-defang-postgres": "accepted: `true`, or `{allow-downtime: true|false, from-snapshot: <snapshot id>}`",
    "x-defang-redis": "accepted: `true`, or `{allow-downtime: true|false, from-snapshot: <snapshot name>}`",
    "x-defang-mongodb": "accepted: `true`, or `{allow-downtime: true|false, from-snapshot: <snapshot id>}`",
    "x-defang-llm": "accepted: `true`, or an object",
    "x-defang-autoscaling": "accepted: `true`, or `{min: <tasks>, max: <tasks>, cpu: <CPU percent 1-100>, memory: <memory percent 1-100>, requests: <requests per task per minute>}` (positive integers, min ≤ max; `target` is `cpu`)",
    "x-defang-rollout": "accepted: `rolling`, `canary`, `linear` or `blue-green`, or `{strategy: <one of them>, alarms: true|false}`",
    "x-defang-s3": "accepted: `true` (a new private bucket), or `{bucket: <name of an existing bucket>}`",
    "x-defang-static-files": "accepted: a folder (`/app/dist`), or `{folder: <folder>, redirects: [<path>, ...]}`",
    "x-defang-dns-role": "accepted: an IAM role ARN, `arn:aws:iam::<account>:role/<name>`",
    "x-defang-policies": "accepted: a policy ARN or customer-managed policy name, a comma-separated list of them, or a YAML list",
};

let validator: ValidateFunction | undefined;

function validate(extensions: Record<string, unknown>): ErrorObject[] {
    validator ??= new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    return validator(extensions) ? [] : [...(validator.errors ?? [])];
}

/** Check the extensions of one service and fill `service.defang` from the valid ones. */
export function checkServiceExtensions(svc: ServiceConfig, r: ServiceReporter): void {
    const ext = svc.extensions ?? {};
    const errors = groupByExtension(validate(ext));
    const defang: DefangServiceExtensions = {};
    for (const [key, value] of Object.entries(ext)) {
        if (!key.startsWith("x-")) continue;
        if (!key.startsWith("x-defang-")) {
            r.report("extension-unknown", [key], { key });
            continue;
        }
        if (NOT_IMPLEMENTED[key]) {
            r.report("defang-extension-unsupported", [key], { key, suggestion: NOT_IMPLEMENTED[key] });
            continue;
        }
        if (!DEFANG_EXTENSIONS.includes(key)) {
            const near = closest(key, DEFANG_EXTENSIONS);
            const suggestion = near ? `did you mean \`${near}\`?` : `known extensions: ${DEFANG_EXTENSIONS.join(", ")}`;
            r.report("defang-extension-unknown", [key], { key, suggestion });
            continue;
        }
        const errs = errors.get(key);
        if (errs) {
            reportSchemaError(key, value, errs, r);
            continue;
        }
        readExtension(key, value, defang, r);
    }
    svc.defang = defang;
}

/** Top-level `x-*` keys are the usual home of YAML anchors: only `x-defang-*` ones are checked. */
export function checkProjectExtensions(project: ComposeProject, r: Reporter): void {
    for (const key of Object.keys(project.extensions ?? {})) {
        if (!key.startsWith("x-defang-")) continue;
        if (key === AWS_PROJECT_KEY) {
            checkAwsProject(project.extensions?.[key], r);
        } else if (DEFANG_EXTENSIONS.includes(key)) {
            r.report("defang-extension-misplaced", [key], { key });
        } else if (NOT_IMPLEMENTED[key]) {
            r.report("defang-extension-unsupported", [key], { key, suggestion: NOT_IMPLEMENTED[key] });
        } else {
            const near = closest(key, DEFANG_EXTENSIONS);
            const suggestion = near
                ? `did you mean \`${near}\` (on a service)?`
                : `known extensions (on services): ${DEFANG_EXTENSIONS.join(", ")}`;
            r.report("defang-extension-unknown", [key], { key, suggestion });
        }
    }
}

/** Defang's project-level AWS settings; pulumi-defang reads `alarmTopicArn` and says where the others live. */
export const AWS_PROJECT_KEY = "x-defang-aws";

const AWS_PROJECT_ELSEWHERE: Record<string, string> = {
    projectDomain: "pass the component's `domain.name` input",
    publicZoneId: "pass the component's `domain.zoneId` input",
    albCertificateArn: "pass the component's `domain.certificateArn` input",
    dnsRoleArn: "put `x-defang-dns-role` on the service whose domainname is in the other account",
    vpcID: "pass the component's `network` input (vpcId, publicSubnetIds, privateSubnetIds)",
    publicSubnetIDs: "pass the component's `network` input (vpcId, publicSubnetIds, privateSubnetIds)",
    privateSubnetIDs: "pass the component's `network` input (vpcId, publicSubnetIds, privateSubnetIds)",
};

let awsProjectValidator: ValidateFunction | undefined;

function checkAwsProject(value: unknown, r: Reporter): void {
    awsProjectValidator ??= new Ajv2020({ allErrors: true, strict: false }).compile(schema.$defs.awsProject);
    if (!awsProjectValidator(value)) {
        const bad = (awsProjectValidator.errors ?? []).find((e) => e.instancePath !== "") ?? awsProjectValidator.errors?.[0];
        const path = pointerPath(bad?.instancePath ?? "");
        const detail = path.length > 0 ? `\`${[AWS_PROJECT_KEY, ...path].join(".")}\` ${JSON.stringify((value as Record<string, unknown>)[String(path[0])])} is not an SNS topic ARN` : `\`${AWS_PROJECT_KEY}\` must be a map`;
        r.report("extension-invalid", [AWS_PROJECT_KEY, ...path], { detail, accepted: "accepted: `{alarmTopicArn: arn:aws:sns:<region>:<account>:<topic>}`" });
        return;
    }
    for (const key of Object.keys(value as Record<string, unknown>)) {
        if (key === "alarmTopicArn") continue;
        const elsewhere = AWS_PROJECT_ELSEWHERE[key];
        r.report("defang-aws-option-unsupported", [AWS_PROJECT_KEY, key], {
            key,
            why: elsewhere ? "the component takes it as an input instead" : "Defang has no such setting",
            instead: elsewhere ?? "the only x-defang-aws setting pulumi-defang reads is `alarmTopicArn`",
        });
    }
}

function groupByExtension(errors: ErrorObject[]): Map<string, ErrorObject[]> {
    const byKey = new Map<string, ErrorObject[]>();
    for (const e of errors) {
        const [key] = pointerPath(e.instancePath);
        if (typeof key !== "string") continue;
        byKey.set(key, [...(byKey.get(key) ?? []), e]);
    }
    return byKey;
}

function pointerPath(pointer: string): Array<string | number> {
    if (!pointer) return [];
    return pointer
        .slice(1)
        .split("/")
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** One diagnostic per invalid extension, at the most specific value the schema complained about. */
function reportSchemaError(key: string, value: unknown, errors: ErrorObject[], r: ServiceReporter): void {
    const depth = (e: ErrorObject) => pointerPath(e.instancePath).length + (e.keyword === "additionalProperties" ? 1 : 0);
    const deepest = Math.max(...errors.map(depth));
    const candidates = errors.filter((e) => depth(e) === deepest);
    const error = candidates.find((e) => e.keyword !== "anyOf" && e.keyword !== "enum") ?? candidates[0];
    const path = pointerPath(error.instancePath);
    let accepted = ACCEPTED[key];
    let detail: string;
    if (error.keyword === "additionalProperties") {
        const extra = String((error.params as { additionalProperty: string }).additionalProperty);
        const allowed = Object.keys(objectSchemaProperties(key));
        const near = closest(extra, allowed);
        detail = `\`${key}\` has no option \`${extra}\``;
        if (near) accepted = `did you mean \`${near}\`? ${accepted}`;
        path.push(extra);
    } else if (error.keyword === "required") {
        detail = `\`${key}\` needs \`${String((error.params as { missingProperty: string }).missingProperty)}\``;
    } else if (path.length > 1) {
        detail = `\`${[key, ...path.slice(1)].join(".")}\` ${describe(error)}`;
    } else if (error.keyword === "pattern") {
        detail = `\`${key}\` value ${JSON.stringify(value)} is not ${key === "x-defang-dns-role" ? "an IAM role ARN" : "a list of IAM policy ARNs or names"}`;
    } else {
        detail = `\`${key}\` does not accept ${JSON.stringify(value)}`;
        if (value === false || value === "false") accepted = `remove \`${key}\` to turn it off; ${accepted}`;
    }
    r.report("extension-invalid", [key, ...path.slice(1)], { detail, accepted });
}

function describe(e: ErrorObject): string {
    if (e.keyword === "pattern") return "is not an IAM policy ARN or name";
    return e.message ?? "is invalid";
}

function objectSchemaProperties(key: string): Record<string, unknown> {
    const props = schema.properties as Record<string, { $ref?: string; anyOf?: Array<{ properties?: Record<string, unknown> }> }>;
    const defs = schema.$defs as Record<string, { anyOf?: Array<{ properties?: Record<string, unknown> }> }>;
    let node = props[key];
    if (node?.$ref) node = defs[node.$ref.replace("#/$defs/", "")];
    return node?.anyOf?.find((s) => s.properties)?.properties ?? {};
}

/** Read a schema-valid extension into the typed view; false when a semantic check failed. */
function readExtension(key: string, value: unknown, defang: DefangServiceExtensions, r: ServiceReporter): boolean {
    const obj = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
    switch (key) {
        case "x-defang-postgres":
        case "x-defang-redis":
        case "x-defang-mongodb": {
            const store = key === "x-defang-postgres" ? "postgres" : key === "x-defang-redis" ? "redis" : "mongodb";
            defang[store] = {};
            if (obj?.["allow-downtime"] !== undefined) defang[store].allowDowntime = obj["allow-downtime"] as boolean;
            if (obj?.["from-snapshot"] !== undefined) defang[store].fromSnapshot = obj["from-snapshot"] as string;
            return true;
        }
        case "x-defang-llm":
            defang.llm = obj ?? true;
            return true;
        case "x-defang-autoscaling": {
            const min = obj?.min as number | undefined;
            const max = obj?.max as number | undefined;
            if (min !== undefined && max !== undefined && min > max) {
                r.report("extension-invalid", [key, "min"], {
                    detail: `\`x-defang-autoscaling\` min (${min}) is greater than max (${max})`,
                    accepted: ACCEPTED[key],
                });
                return false;
            }
            if (obj?.target !== undefined && obj?.cpu !== undefined && obj.target !== obj.cpu) {
                r.report("extension-invalid", [key, "cpu"], {
                    detail: `\`x-defang-autoscaling\` sets the CPU target twice: target ${String(obj.target)} and cpu ${String(obj.cpu)}`,
                    accepted: ACCEPTED[key],
                });
                return false;
            }
            defang.autoscaling = {};
            if (min !== undefined) defang.autoscaling.min = min;
            if (max !== undefined) defang.autoscaling.max = max;
            const cpu = (obj?.cpu ?? obj?.target) as number | undefined;
            if (cpu !== undefined) defang.autoscaling.target = cpu;
            if (obj?.memory !== undefined) defang.autoscaling.memory = obj.memory as number;
            if (obj?.requests !== undefined) defang.autoscaling.requests = obj.requests as number;
            return true;
        }
        case "x-defang-rollout":
            defang.rollout = obj
                ? { ...(obj.strategy !== undefined ? { strategy: obj.strategy as "rolling" } : {}), ...(obj.alarms !== undefined ? { alarms: obj.alarms as boolean } : {}) }
                : { strategy: value as "rolling" };
            return true;
        case "x-defang-static-files":
            defang.staticFiles = obj
                ? { folder: obj.folder as string, ...(obj.redirects ? { redirects: obj.redirects as string[] } : {}) }
                : { folder: value as string };
            return true;
        case "x-defang-s3":
            defang.s3 = typeof obj?.bucket === "string" ? { bucket: obj.bucket } : {};
            return true;
        case "x-defang-dns-role":
            defang.dnsRole = value as string;
            return true;
        case "x-defang-policies": {
            const items = Array.isArray(value) ? (value as string[]) : [value as string];
            defang.policies = items.flatMap((s) => s.split(",")).map((s) => s.trim()).filter((s) => s);
            checkAdminPolicies(value, r);
            return true;
        }
    }
    return false;
}
