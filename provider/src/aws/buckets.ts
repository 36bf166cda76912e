// `x-defang-s3` buckets (plan/buckets.ts): a private bucket per stand-in (aws/s3.ts) with versioning and
// noncurrent-version expiry where the mode says, retained and protected in high_availability; or an
// existing bucket, looked up so a missing one fails the deploy with its name. Clients get a task-role
// policy on that bucket and its objects only.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { BucketPlan, ServicePlan } from "../plan/types";
import { serviceChildName } from "./context";
import { type Context, child, policyJson } from "./core";
import { bucketTags, createPrivateBucket } from "./s3";

export interface BucketResources {
    plan: BucketPlan;
    name: pulumi.Output<string>;
    arn: pulumi.Output<string>;
    /** What a client must wait for (the bucket and its policy); nothing for an adopted bucket. */
    ready: pulumi.Resource[];
}

export function createBuckets(ctx: Context, plans: BucketPlan[]): Map<string, BucketResources> {
    const out = new Map<string, BucketResources>();
    for (const plan of plans) {
        if (plan.adopted) {
            // Fails the deployment, naming the bucket, when it does not exist or is not visible to the account.
            const found = aws.s3.getBucketOutput({ bucket: plan.bucketName }, { parent: ctx.parent });
            out.set(plan.name, { plan, name: pulumi.output(plan.bucketName), arn: found.arn, ready: [] });
            continue;
        }
        // Children of the stand-in service: `<name>-<service>/bucket[/<what>]`.
        const logicalName = (...what: string[]) => serviceChildName(ctx, plan.name, "bucket", ...what);
        const { bucket, policy } = createPrivateBucket(ctx, {
            logicalName,
            name: { bucket: plan.bucketName },
            forceDestroy: plan.forceDestroy,
            protect: plan.protect,
            tags: bucketTags(ctx, "object-store", { "defang:service": plan.name }),
        });
        const ready: pulumi.Resource[] = [bucket, policy];
        if (plan.versioning) {
            const versioning = new aws.s3.BucketVersioning(
                logicalName("versioning"),
                { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
                child(ctx),
            );
            ready.push(versioning);
        }
        new aws.s3.BucketLifecycleConfiguration(
            logicalName("lifecycle"),
            { bucket: bucket.id, rules: lifecycleRules(plan) },
            // S3 rejects noncurrent-version rules until versioning is on.
            child(ctx, { dependsOn: ready.slice(2) }),
        );
        out.set(plan.name, { plan, name: bucket.bucket, arn: bucket.arn, ready });
    }
    return out;
}

export function lifecycleRules(plan: BucketPlan): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
    const rules: aws.types.input.s3.BucketLifecycleConfigurationRule[] = [
        { id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
    ];
    if (plan.versioning && plan.noncurrentVersionExpiryDays !== undefined) {
        rules.push({
            id: "expire-noncurrent-versions",
            status: "Enabled",
            filter: {},
            noncurrentVersionExpiration: { noncurrentDays: plan.noncurrentVersionExpiryDays },
            expiration: { expiredObjectDeleteMarker: true },
        });
    }
    return rules;
}

/** A client's rights: list and locate the bucket, read, write and delete its objects (multipart included). */
export function bucketStatements(plan: BucketPlan, bucketArn: string): Array<Record<string, unknown>> {
    const sid = plan.name.replace(/[^A-Za-z0-9]/g, "");
    return [
        { Sid: `List${sid}`, Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"], Resource: bucketArn },
        {
            Sid: `Objects${sid}`,
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:GetObjectTagging", "s3:PutObjectTagging"],
            Resource: `${bucketArn}/*`,
        },
    ];
}

/** The task-role policy of a client of one or more buckets (the resources its tasks must wait for). */
export function grantBuckets(ctx: Context, service: ServicePlan, role: aws.iam.Role, buckets: Map<string, BucketResources>): pulumi.Resource[] {
    const mine = (service.taskRole.buckets ?? []).flatMap((name) => (buckets.has(name) ? [buckets.get(name)!] : []));
    if (mine.length === 0) return [];
    const policy = new aws.iam.RolePolicy(
        serviceChildName(ctx, service.name, "buckets-policy"),
        { name: "buckets", role: role.id, policy: pulumi.all(mine.map((b) => b.arn)).apply((arns) => policyJson(mine.flatMap((b, i) => bucketStatements(b.plan, arns[i])))) },
        child(ctx),
    );
    return [policy, ...mine.flatMap((b) => b.ready)];
}
