// Image builds in the user's account, as Defang does them: one S3 bucket for uploaded build
// contexts, one CloudWatch log group and one least-privilege IAM role for CodeBuild, and per built
// service a CodeBuild project (privileged Docker, x86_64 or arm64 by the service's platform, compute
// by `shm_size`) plus an ImageBuild that runs it during `pulumi up` and yields the image by digest.
// Every decision (names, sizes, expiry, timeout) is the plan's (plan/build.ts).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { BuildsPlan } from "../plan/types";
import type { PreparedContext } from "./build-context";
import { ImageBuild } from "./build-image";
import { type BuildImage, EXTRACT_VARIABLES, buildArgNames, buildArgVariable, buildspec, extractBuildspec } from "./build-spec";
import { description, iamRoleName } from "../plan/naming";
import { childName, serviceChildName } from "./context";
import { BaseContext, child, displayPrefix, namingScope, policyJson, tagged } from "./core";
import { parameterArn } from "./names";
import { bucketTags, createPrivateBucket } from "./s3";
import { buildArgInputs, createBuildArgParameters } from "./build-secrets";
import { byName } from "../by-name";

/** CodeBuild's standard Amazon Linux 2023 images (Docker included), per architecture. */
export const BUILD_IMAGES = {
    x86_64: "aws/codebuild/amazonlinux-x86_64-standard:5.0",
    arm64: "aws/codebuild/amazonlinux-aarch64-standard:3.0",
} as const;

/** Actions that push to and pull from a repository (the login itself is GetAuthorizationToken). */
const ECR_PUSH_PULL = [
    "ecr:BatchCheckLayerAvailability",
    "ecr:BatchGetImage",
    "ecr:CompleteLayerUpload",
    "ecr:GetDownloadUrlForLayer",
    "ecr:InitiateLayerUpload",
    "ecr:PutImage",
    "ecr:UploadLayerPart",
];

/** A service or static site built from source (what a build needs of either plan). */
export interface BuildTarget {
    name: string;
    image: BuildImage;
    cpuArchitecture: "X86_64" | "ARM64";
}

export interface BuiltService {
    service: BuildTarget;
    repository: aws.ecr.Repository;
    context: PreparedContext;
}

export interface BuildChain {
    bucket: aws.s3.Bucket;
    logGroup: aws.cloudwatch.LogGroup;
    role: aws.iam.Role;
    projects: Record<string, aws.codebuild.Project>;
    builds: Record<string, ImageBuild>;
    /** The project that copies static sites' folders out of their images (plan.extractProject). */
    extract?: aws.codebuild.Project;
    /** The build role's policy: a build started before it exists fails. */
    policy: aws.iam.RolePolicy;
    /** Service → `<repository>@sha256:…`, for the task definitions. */
    imageUris: Record<string, pulumi.Output<string>>;
}

export function createBuilds(ctx: BaseContext, plan: BuildsPlan, services: BuiltService[]): BuildChain {
    const bucket = createContextBucket(ctx, plan);
    const logGroup = new aws.cloudwatch.LogGroup(
        childName(ctx, "build-log-group"),
        { name: plan.logGroupName, retentionInDays: plan.logRetentionDays, tags: tagged(ctx) },
        child(ctx),
    );
    const secretParameters = services.flatMap((s) => Object.values(s.service.image.secretArgs ?? {}));
    const { role, policy } = createBuildRole(ctx, bucket.bucket, logGroup.arn, services.map((s) => s.repository.arn), plan.extractProject !== undefined, secretParameters);

    const projects = byName<aws.codebuild.Project>();
    const builds = byName<ImageBuild>();
    const imageUris = byName<pulumi.Output<string>>();
    for (const { service, repository, context } of services) {
        const image = service.image;
        const argParameters = createBuildArgParameters(ctx, service.name, image);
        const project = new aws.codebuild.Project(
            serviceChildName(ctx, service.name, "build"),
            {
                name: image.buildProject,
                description: description("codeBuildDescription", `Builds the image of ${service.name} in ${displayPrefix(ctx.plan)} (defang)`),
                serviceRole: role.arn,
                buildTimeout: plan.timeoutMinutes,
                artifacts: { type: "NO_ARTIFACTS" },
                // Each build overrides the location with its context's zip; the project's own buildspec
                // stays the one that runs (S3 source, not NO_SOURCE, so no override can drop it).
                source: { type: "S3", location: pulumi.interpolate`${bucket.bucket}/${service.name}/`, buildspec: buildspec(image) },
                environment: {
                    type: service.cpuArchitecture === "ARM64" ? "ARM_CONTAINER" : "LINUX_CONTAINER",
                    image: service.cpuArchitecture === "ARM64" ? BUILD_IMAGES.arm64 : BUILD_IMAGES.x86_64,
                    computeType: image.buildCompute,
                    // docker build needs the Docker daemon, which needs a privileged build container.
                    privilegedMode: true,
                    imagePullCredentialsType: "CODEBUILD",
                    environmentVariables: [
                        { name: "IMAGE_REPO", value: repository.repositoryUrl, type: "PLAINTEXT" },
                        { name: "IMAGE_TAG", value: "manual", type: "PLAINTEXT" },
                        { name: "DOCKER_BUILDKIT", value: "1", type: "PLAINTEXT" },
                        // Build args are not for secrets (they stay in the image's history, as with docker build);
                        // one that looks secret is read from its SecureString, never stored here in plaintext (BLD-01).
                        ...buildArgNames(image).map((name, i) =>
                            image.secretArgs?.[name] !== undefined
                                ? { name: buildArgVariable(i), value: image.secretArgs[name], type: "PARAMETER_STORE" }
                                : { name: buildArgVariable(i), value: image.args[name], type: "PLAINTEXT" },
                        ),
                    ],
                },
                cache: { type: "LOCAL", modes: ["LOCAL_DOCKER_LAYER_CACHE", "LOCAL_SOURCE_CACHE"] },
                logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: logGroup.name }, s3Logs: { status: "DISABLED" } },
                tags: tagged(ctx, undefined, { "defang:service": service.name }),
            },
            child(ctx, { dependsOn: [policy, ...argParameters] }),
        );
        const build = new ImageBuild(
            serviceChildName(ctx, service.name, "image"),
            {
                region: ctx.account.region,
                projectName: project.name,
                bucket: bucket.bucket,
                service: service.name,
                contextHash: context.contextHash,
                repositoryUrl: repository.repositoryUrl,
                repositoryName: repository.name,
                platform: image.platform,
                dockerfile: image.dockerfile,
                target: image.target,
                args: buildArgInputs(image),
                archivePath: context.archivePath,
                timeoutMinutes: plan.timeoutMinutes,
            },
            child(ctx, { dependsOn: [policy, bucket] }),
        );
        projects[service.name] = project;
        builds[service.name] = build;
        imageUris[service.name] = build.imageUri;
    }
    const extract = plan.extractProject ? createExtractProject(ctx, plan, plan.extractProject, role, logGroup, policy) : undefined;
    return { bucket, logGroup, role, projects, builds, imageUris, extract, policy };
}

/**
 * The CodeBuild project that copies a static site's folder out of its image into a tarball in the
 * build bucket (defang:index:StaticSiteSync starts it, with the image, folder and key as variables).
 */
function createExtractProject(ctx: BaseContext, plan: BuildsPlan, name: string, role: aws.iam.Role, logGroup: aws.cloudwatch.LogGroup, policy: aws.iam.RolePolicy): aws.codebuild.Project {
    return new aws.codebuild.Project(
        childName(ctx, "static-files-extract"),
        {
            name,
            description: description("codeBuildDescription", `Copies the static files folders of ${displayPrefix(ctx.plan)} out of their images (defang)`),
            serviceRole: role.arn,
            buildTimeout: plan.timeoutMinutes,
            artifacts: { type: "NO_ARTIFACTS" },
            source: { type: "NO_SOURCE", buildspec: extractBuildspec() },
            environment: {
                type: "LINUX_CONTAINER",
                image: BUILD_IMAGES.x86_64,
                computeType: "BUILD_GENERAL1_SMALL",
                // docker pull / create / cp need the Docker daemon, which needs a privileged build container.
                privilegedMode: true,
                imagePullCredentialsType: "CODEBUILD",
                environmentVariables: EXTRACT_VARIABLES.map((v) => ({ name: v, value: "unset", type: "PLAINTEXT" })),
            },
            logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: logGroup.name }, s3Logs: { status: "DISABLED" } },
            tags: tagged(ctx, undefined, { "defang:purpose": "static-files-extract" }),
        },
        child(ctx, { dependsOn: [policy] }),
    );
}

/**
 * The context bucket: private (all four public-access blocks, ACLs off), encrypted (SSE-S3), TLS only,
 * objects expired after the plan's days. `forceDestroy`: it only ever holds transient build inputs
 * (each is in an image by then), so `pulumi destroy` must not stop on a non-empty bucket.
 */
function createContextBucket(ctx: BaseContext, plan: BuildsPlan): aws.s3.Bucket {
    const { bucket } = createPrivateBucket(ctx, {
        logicalName: (...what) => childName(ctx, "build-contexts", ...what),
        name: { bucketPrefix: plan.bucketPrefix },
        forceDestroy: true,
        tags: bucketTags(ctx, "build-contexts"),
    });
    new aws.s3.BucketLifecycleConfiguration(
        childName(ctx, "build-contexts-lifecycle"),
        {
            bucket: bucket.id,
            rules: [
                {
                    id: "expire-build-contexts",
                    status: "Enabled",
                    filter: {},
                    expiration: { days: plan.contextExpiryDays },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
                },
            ],
        },
        child(ctx),
    );
    return bucket;
}

/** The IAM statements of the CodeBuild role: every one scoped to this project's resources but the ECR login. */
export function buildRoleStatements(
    bucketName: string,
    logGroupArn: string,
    repositoryArns: string[],
    partition: string,
    extracts = false,
    secretArgArns: string[] = [],
): Array<Record<string, unknown>> {
    const group = logGroupArn.replace(/:\*$/, "");
    const statements: Array<Record<string, unknown>> = [
        { Sid: "ReadBuildContexts", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: `arn:${partition}:s3:::${bucketName}/*` },
        { Sid: "LocateContextBucket", Effect: "Allow", Action: "s3:GetBucketLocation", Resource: `arn:${partition}:s3:::${bucketName}` },
        { Sid: "WriteBuildLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [group, `${group}:*`] },
        // GetAuthorizationToken has no resource-level permissions: AWS requires "*" for it.
        { Sid: "EcrLogin", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
    ];
    if (repositoryArns.length > 0) statements.push({ Sid: "EcrPushPull", Effect: "Allow", Action: ECR_PUSH_PULL, Resource: [...new Set(repositoryArns)].sort() });
    // Static sites: the folder taken out of an image lands under `<site>/site/` (static-site-sync-spec.ts).
    // Build args that look secret: exactly their parameters, decrypted only through SSM.
    if (secretArgArns.length > 0) {
        statements.push({ Sid: "ReadSecretBuildArgs", Effect: "Allow", Action: "ssm:GetParameters", Resource: [...new Set(secretArgArns)].sort() });
        const kmsKeys = secretArgArns[0].replace(/:ssm:([^:]*):([^:]*):parameter\/.*$/, ":kms:$1:$2:key/*");
        statements.push({ Sid: "DecryptSecretBuildArgs", Effect: "Allow", Action: "kms:Decrypt", Resource: kmsKeys, Condition: { StringEquals: { "kms:ViaService": kmsKeys.replace(/^arn:[^:]*:kms:([^:]*):.*$/, "ssm.$1.amazonaws.com") } } });
    }
    if (extracts) statements.push({ Sid: "WriteSiteArchives", Effect: "Allow", Action: "s3:PutObject", Resource: `arn:${partition}:s3:::${bucketName}/*/site/*` });
    return statements;
}

function createBuildRole(
    ctx: BaseContext,
    bucketName: pulumi.Output<string>,
    logGroupArn: pulumi.Output<string>,
    repositoryArns: pulumi.Output<string>[],
    extracts: boolean,
    secretParameters: string[],
): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
    const { accountId, partition, region } = ctx.account;
    const secretArgArns = secretParameters.map((name) => parameterArn(partition, region, accountId, name));
    const role = new aws.iam.Role(
        childName(ctx, "build-role"),
        {
            name: iamRoleName(namingScope(ctx), "codebuild"),
            description: description("iamRoleDescription", `CodeBuild role of ${displayPrefix(ctx.plan)}: read build contexts, push images, write build logs`),
            assumeRolePolicy: policyJson([
                {
                    Effect: "Allow",
                    Principal: { Service: "codebuild.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
                },
            ]),
            tags: tagged(ctx),
        },
        child(ctx),
    );
    const policy = new aws.iam.RolePolicy(
        childName(ctx, "build-role-policy"),
        {
            name: "codebuild",
            role: role.id,
            policy: pulumi.all([bucketName, logGroupArn, pulumi.all(repositoryArns)]).apply(([b, l, r]) => policyJson(buildRoleStatements(b, l, r, partition, extracts, secretArgArns))),
        },
        child(ctx),
    );
    return { role, policy };
}
