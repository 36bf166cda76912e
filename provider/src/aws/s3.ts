// A private S3 bucket, the one way this package makes buckets (build contexts, `x-defang-s3` data,
// static sites): all four public-access blocks, ACLs off (bucket owner enforced), default encryption
// (SSE-S3, bucket key on), and a bucket policy that refuses every request not made over TLS, plus the
// statements the caller adds (e.g. CloudFront reading a site).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type BaseContext, child, policyJson, tagged } from "./core";

export interface PrivateBucketArgs {
    /** Logical names: the bucket's (no argument) and its children's (`public-access`, `ownership`, …). */
    logicalName: (...what: string[]) => string;
    /** An explicit physical name, or a prefix for Pulumi to complete. */
    name: { bucket: string } | { bucketPrefix: string };
    forceDestroy: boolean;
    /** Pulumi `protect` + `retainOnDelete` on the bucket (high_availability data). */
    protect?: boolean;
    tags: Record<string, string>;
    /** More bucket policy statements, given the bucket's ARN. */
    statements?: (bucketArn: string) => pulumi.Input<Array<Record<string, unknown>>>;
    /** Resources the bucket policy must wait for (what the extra statements name). */
    policyDependsOn?: pulumi.Resource[];
}

export interface PrivateBucket {
    bucket: aws.s3.Bucket;
    policy: aws.s3.BucketPolicy;
}

export function createPrivateBucket(ctx: BaseContext, args: PrivateBucketArgs): PrivateBucket {
    const name = args.logicalName;
    const bucket = new aws.s3.Bucket(
        name(),
        { ...args.name, forceDestroy: args.forceDestroy, tags: args.tags },
        child(ctx, args.protect ? { protect: true, retainOnDelete: true } : {}),
    );
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
        name("public-access"),
        { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        child(ctx),
    );
    new aws.s3.BucketOwnershipControls(name("ownership"), { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child(ctx));
    new aws.s3.BucketServerSideEncryptionConfiguration(
        name("encryption"),
        { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }] },
        child(ctx),
    );
    const document = bucket.arn.apply((arn) => pulumi.output(args.statements?.(arn) ?? []).apply((more) => policyJson([denyInsecureTransport(arn), ...more])));
    const policy = new aws.s3.BucketPolicy(
        name("tls-only"),
        { bucket: bucket.id, policy: document },
        // After the public-access block: S3 checks a new policy against it.
        child(ctx, { dependsOn: [publicAccess, ...(args.policyDependsOn ?? [])] }),
    );
    return { bucket, policy };
}

export function denyInsecureTransport(bucketArn: string): Record<string, unknown> {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

/** The same tags with a purpose (`defang:purpose`), which the security rules and the estimate read. */
export function bucketTags(ctx: Pick<BaseContext, "tags">, purpose: string, extra: Record<string, string> = {}): Record<string, string> {
    return tagged(ctx, undefined, { "defang:purpose": purpose, ...extra });
}
