// The IAM role ECS assumes to run blue/green, canary and linear rollouts (the ECS infrastructure role
// for load balancers): it registers tasks in a port's two target groups and moves the weights of the
// port's production listener rule. Least privilege: the Describe calls (which take no resource), and
// the writes on exactly this project's rollout target groups and rules — not AWS's managed policy,
// which allows them on every target group, listener and rule of the account.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { description } from "../plan/naming";
import { childName } from "./context";
import { BaseContext, child, policyJson, tagged } from "./core";
import type { LoadBalancerResources } from "./loadbalancer";

export interface RolloutRole {
    role: aws.iam.Role;
    /** Services that shift traffic wait for it: ECS checks the role's rights when it creates them. */
    policy: aws.iam.RolePolicy;
}

export function createRolloutRole(ctx: BaseContext, name: string, lb: LoadBalancerResources): RolloutRole {
    const { accountId } = ctx.account;
    const role = new aws.iam.Role(
        childName(ctx, "ecs-rollout-role"),
        {
            name,
            description: description("iamRoleDescription", `Lets ECS shift ${ctx.plan.project}/${ctx.plan.stack}'s load balancer traffic between target groups during rollouts`),
            assumeRolePolicy: policyJson([{ Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": accountId } } }]),
            tags: tagged(ctx, name),
        },
        child(ctx),
    );
    const groups = [...lb.alternates.keys()].flatMap((key) => [lb.targetGroups.get(key)!.arn, lb.alternates.get(key)!.arn]);
    const rules = [...lb.productionRules.values()].map((r) => r.arn);
    const policy = new aws.iam.RolePolicy(
        childName(ctx, "ecs-rollout-policy"),
        {
            name: "traffic-shifting",
            role: role.id,
            policy: pulumi.all([pulumi.all(groups), pulumi.all(rules)]).apply(([g, r]) =>
                policyJson([
                    {
                        Sid: "ReadRouting",
                        Effect: "Allow",
                        Action: ["elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth"],
                        Resource: "*",
                    },
                    { Sid: "RegisterTasks", Effect: "Allow", Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"], Resource: [...g].sort() },
                    { Sid: "ShiftTraffic", Effect: "Allow", Action: "elasticloadbalancing:ModifyRule", Resource: [...r].sort() },
                ]),
            ),
        },
        child(ctx),
    );
    return { role, policy };
}
