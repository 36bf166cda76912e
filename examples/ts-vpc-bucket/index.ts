// Your own infrastructure around a defang.Project: the program creates the VPC and an S3 bucket with
// @pulumi/aws, hands the VPC to the component (`network` input), passes the bucket's name to the
// worker (`config` input), and grants the worker's task role access to the bucket (`services` output).
//
//   pulumi config set aws:region us-east-1
//   pulumi up
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as defang from "pulumi-defang";
import { createNetwork } from "./network";

const config = new pulumi.Config();
const mode = (config.get("mode") ?? defang.Mode.Balanced) as defang.Mode;

const network = createNetwork("uploads");

const bucket = new aws.s3.Bucket("uploads", { forceDestroy: false });
new aws.s3.BucketPublicAccessBlock("uploads", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});
new aws.s3.BucketServerSideEncryptionConfiguration("uploads", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
});

const app = new defang.Project("uploads", {
    composeFiles: ["compose.yaml"],
    mode,
    network: {
        vpcId: network.vpcId,
        publicSubnetIds: network.publicSubnetIds,
        privateSubnetIds: network.privateSubnetIds,
    },
    // An output of another resource can fill a config reference: it reaches the container as an ECS secret.
    config: { BUCKET_NAME: bucket.bucket },
});

// The worker's containers run as its task role; let that role (and nothing else) read and write the bucket.
const workerRole = app.services.apply((services) => services["worker"].taskRoleArn.split("/").pop()!);
new aws.iam.RolePolicy("uploads-worker-bucket", {
    role: workerRole,
    policy: aws.iam.getPolicyDocumentOutput({
        statements: [
            { actions: ["s3:ListBucket"], resources: [bucket.arn] },
            { actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], resources: [pulumi.interpolate`${bucket.arn}/*`] },
        ],
    }).json,
});

export const url = app.endpoints.apply((e) => e["web"]);
export const bucketName = bucket.bucket;
export const vpcId = app.vpcId;
