// `x-defang-s3` (Defang's managed object storage, defang#688): a service whose local stand-in is MinIO
// becomes a private S3 bucket (`true`), or names an existing bucket to use (`{bucket: NAME}`). No
// container runs: the services that `depends_on` it reach the bucket through the S3 API with their task
// role. A port published to the internet on the stand-in has no meaning any more (the bucket is
// private), so it is refused; everything else the stand-in sets is ignored, and said so.
import type { ComposeProject, ServiceConfig } from "../types";
import type { Reporter, ServiceReporter } from "./report";
import { setWithoutContainer } from "./fields";

/** Keys of a stand-in that mean nothing once a bucket replaces it (reported as ignored when present). */
const STAND_IN_KEYS: Array<keyof ServiceConfig> = ["build", "command", "entrypoint", "environment", "env_file", "volumes", "healthcheck", "deploy", "user", "working_dir"];

export function wantsObjectStore(svc: ServiceConfig): boolean {
    return svc.extensions?.["x-defang-s3"] !== undefined;
}

/**
 * Why AWS would refuse `name` as a bucket name (general purpose buckets, reference: S3 "Bucket naming
 * rules"), or undefined when it is valid. Dots are legal for an existing bucket but break virtual-host
 * TLS, so a bucket we create never has them (plan/naming.ts). The same rule as plan/aws-limits.ts's
 * s3BucketName, which compose/ may not import (tests/plan/aws-limits.test.ts holds the two together).
 */
export function bucketNameProblem(name: string): string | undefined {
    if (name.length < 3 || name.length > 63) return `it has ${name.length} characters (3 to 63 are allowed)`;
    if (!/^[a-z0-9.-]+$/.test(name)) return "only lower-case letters, digits, `.` and `-` are allowed";
    if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return "it must begin and end with a letter or digit";
    if (name.includes("..")) return "it has two adjacent dots";
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "it is formatted as an IP address";
    const prefix = ["xn--", "sthree-", "amzn-s3-demo-"].find((p) => name.startsWith(p));
    if (prefix) return `the prefix \`${prefix}\` is reserved`;
    const suffix = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"].find((s) => name.endsWith(s));
    if (suffix) return `the suffix \`${suffix}\` is reserved`;
    return undefined;
}

export function checkObjectStore(svc: ServiceConfig, r: ServiceReporter): void {
    if (!wantsObjectStore(svc)) return;
    const bucket = svc.defang?.s3?.bucket;
    if (bucket !== undefined) {
        const problem = bucketNameProblem(bucket);
        if (problem) r.report("s3-bucket-name-invalid", ["x-defang-s3", "bucket"], { value: bucket, reason: problem });
    }
    (svc.ports ?? []).forEach((p, i) => {
        if (p.mode === "ingress") r.report("s3-ingress-port", ["ports", i], { value: p.target, name: svc.name });
    });
    const ignored = setWithoutContainer(svc, STAND_IN_KEYS).concat((svc.ports ?? []).some((p) => p.mode !== "ingress") ? ["ports"] : []);
    if (ignored.length > 0) r.report("s3-stand-in", ["x-defang-s3"], { fields: ignored.map((k) => `\`${k}\``).join(", ") });
}

/** A bucket nobody depends on is reachable by no service: say which services could use it. */
export function checkObjectStoreClients(project: ComposeProject, reporter: Reporter): void {
    const services = Object.values(project.services);
    for (const svc of services.filter(wantsObjectStore)) {
        if (svc.defang?.s3 === undefined) continue;
        const clients = services.filter((s) => s.depends_on?.[svc.name] !== undefined);
        if (clients.length === 0) reporter.forService(svc.name).report("s3-no-clients", ["x-defang-s3"], { name: svc.name });
    }
}
