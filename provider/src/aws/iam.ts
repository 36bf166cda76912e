// IAM: one task execution role per project (what ECS itself needs to start tasks: pull images,
// write this project's log groups, read this project's SSM parameters) and one task role per
// service (what the application may call: nothing unless the compose file asks, e.g. Bedrock or
// x-defang-policies). Every statement names its resources; only actions AWS cannot scope
// (ecr:GetAuthorizationToken) use "*". ECS Exec stays off, so task roles carry no ssmmessages rights.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ServicePlan } from "../plan/types";
import { description, iamRoleName } from "../plan/naming";
import { childName, renamedFrom, serviceChildName } from "./context";
import { BaseContext, Context, child, displayPrefix, namingScope, policyJson, tagged } from "./core";
import { bedrockStatements } from "./llm";
import { serviceLogGroupArns } from "./logs";

/** Trust policy letting ECS tasks of this account (only) assume a role. */
export function ecsTasksTrust(accountId: string): string {
    return policyJson([
        {
            Effect: "Allow",
            Principal: { Service: "ecs-tasks.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": accountId } },
        },
    ]);
}

/** `<account>.dkr.ecr.<region>.amazonaws.com/<repo>[:tag|@digest]` → the repository ARN. */
export function ecrRepositoryArn(image: string, partition: string): string | undefined {
    // The repository is matched by ECR's own name characters only, so no wildcard can reach the ARN.
    const m = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?=$|[:@])/.exec(image);
    return m ? `arn:${partition}:ecr:${m[2]}:${m[1]}:repository/${m[3]}` : undefined;
}

export interface ExecutionRoleNeeds {
    /** ECR repositories the tasks pull from (ours and any ECR image the compose file or `images` names). */
    repositoryArns: pulumi.Input<string[]>;
    /** Any service has ECS secrets. */
    readsParameters: boolean;
}

export function executionRoleStatements(ctx: Pick<BaseContext, "plan" | "account">, repositoryArns: string[], readsParameters: boolean): Array<Record<string, unknown>> {
    const { partition, region, accountId } = ctx.account;
    const statements: Array<Record<string, unknown>> = [];
    if (repositoryArns.length > 0) {
        // GetAuthorizationToken has no resource-level permissions: AWS requires "*" for it.
        statements.push({ Sid: "EcrLogin", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" });
        statements.push({
            Sid: "EcrPull",
            Effect: "Allow",
            Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
            Resource: [...new Set(repositoryArns)].sort(),
        });
    }
    const logs = serviceLogGroupArns(ctx);
    if (logs.length > 0) {
        // `<folder>/*` matches the groups and (the wildcard spans `:`) their log streams.
        statements.push({ Sid: "WriteServiceLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: logs.length === 1 ? logs[0] : logs });
    }
    if (readsParameters) {
        statements.push({
            Sid: "ReadProjectConfig",
            Effect: "Allow",
            Action: "ssm:GetParameters",
            Resource: `arn:${partition}:ssm:${region}:${accountId}:parameter${ctx.plan.config.prefix}*`,
        });
        // Only when SSM decrypts a SecureString on the role's behalf (covers customer-managed keys).
        statements.push({
            Sid: "DecryptProjectConfig",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: `arn:${partition}:kms:${region}:${accountId}:key/*`,
            Condition: { StringEquals: { "kms:ViaService": `ssm.${region}.amazonaws.com` } },
        });
    }
    return statements;
}

/** The role and its inline policy (a task started before the policy exists cannot pull its image or read its secrets). */
export interface ExecutionRole {
    role: aws.iam.Role;
    policy: aws.iam.RolePolicy;
}

export function createExecutionRole(ctx: BaseContext, needs: ExecutionRoleNeeds): ExecutionRole {
    const role = new aws.iam.Role(
        childName(ctx, "execution-role"),
        {
            name: iamRoleName(namingScope(ctx), "execution"),
            description: description("iamRoleDescription", `ECS task execution role of ${displayPrefix(ctx.plan)}: pull images, write logs, read config`),
            assumeRolePolicy: ecsTasksTrust(ctx.account.accountId),
            tags: tagged(ctx),
        },
        child(ctx),
    );
    const policy = new aws.iam.RolePolicy(
        childName(ctx, "execution-role-policy"),
        {
            name: "execution",
            role: role.id,
            policy: pulumi.output(needs.repositoryArns).apply((arns) => policyJson(executionRoleStatements(ctx, arns, needs.readsParameters))),
        },
        child(ctx),
    );
    return { role, policy };
}

/** `arn:…:policy/<name>` for a bare customer-managed policy name (x-defang-policies). */
export function policyArn(policy: string, partition: string, accountId: string): string {
    return policy.startsWith("arn:") ? policy : `arn:${partition}:iam::${accountId}:policy/${policy.replace(/^\/+/, "")}`;
}

/** A service's task role and the policies granted to it (a one-off job waits for them: it runs once). */
export interface TaskRole {
    role: aws.iam.Role;
    grants: pulumi.Resource[];
}

export function createTaskRole(ctx: Context, service: ServicePlan): TaskRole {
    const role = new aws.iam.Role(
        serviceChildName(ctx, service.name, "task-role"),
        {
            name: iamRoleName(namingScope(ctx), `${service.name}-task`),
            description: description("iamRoleDescription", `Task role of ${service.name} in ${displayPrefix(ctx.plan)}`),
            assumeRolePolicy: ecsTasksTrust(ctx.account.accountId),
            tags: tagged(ctx, undefined, { "defang:service": service.name }),
        },
        child(ctx),
    );
    const grants: pulumi.Resource[] = [];
    if (service.taskRole.bedrock) {
        const bedrock = new aws.iam.RolePolicy(
            serviceChildName(ctx, service.name, "bedrock-policy"),
            { name: "bedrock", role: role.id, policy: bedrockStatements(ctx).apply((statements) => policyJson(statements)) },
            child(ctx),
        );
        grants.push(bedrock);
    }
    for (const policy of service.taskRole.policies) {
        const arn = policyArn(policy, ctx.account.partition, ctx.account.accountId);
        const path = arn.split(":").pop()!.replace(/^policy\//, "");
        const attachment = new aws.iam.RolePolicyAttachment(
            renamedFrom(ctx, serviceChildName(ctx, service.name, "policy", path), [ctx.name, service.name, "policy", path.replace(/\//g, "-")].join("-")),
            { role: role.name, policyArn: arn },
            child(ctx),
        );
        grants.push(attachment);
    }
    return { role, grants };
}
