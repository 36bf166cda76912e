// The plan's CloudWatch alarms and where they notify. Ours: one SNS topic per project, encrypted with a
// customer-managed KMS key (CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key),
// whose policy lets only this account's alarms publish, over TLS; e-mail subscriptions as the plan
// lists them. With an external topic (the component's `alarms.topicArn`, or compose
// `x-defang-aws.alarmTopicArn`) nothing is created but the subscriptions.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { description } from "../plan/naming";
import type { AlarmPlan, MetricDimension, MetricQuery, ObservabilityPlan } from "../plan/types";
import { childName, serviceChildName } from "./context";
import { Context, child, policyJson, settle, tagged } from "./core";

/** What metric dimensions name, read from the resources: ARN suffixes, the cluster's and the stores' members' names. */
export interface MetricTargets {
    loadBalancer?: pulumi.Output<string>;
    targetGroups: Map<string, { primary: pulumi.Output<string>; alternate?: pulumi.Output<string> }>;
    cluster: pulumi.Output<string>;
    /** Per store, its instances' or nodes' names (aws/stores.ts StoreOutputs.members). */
    stores: Map<string, pulumi.Output<string>[]>;
    /** Per static site, its CloudFront distribution's id (the dashboard only: sites exist after the alarms). */
    distributions?: Map<string, pulumi.Output<string>>;
}

export interface AlarmResources {
    topicArn: pulumi.Output<string>;
    /** Alarms by physical name (an ECS service waits for the alarms that can roll it back). */
    alarms: Map<string, aws.cloudwatch.MetricAlarm>;
}

/** Resolves a dimension the plan could not know (ARN suffixes), or keeps a literal one. */
export function dimensionValue(value: MetricDimension, targets: MetricTargets): pulumi.Input<string> {
    if (typeof value === "string") return value;
    if (value.ref === "loadBalancer") {
        if (!targets.loadBalancer) throw new Error("a metric names the load balancer, but the plan has none");
        return targets.loadBalancer;
    }
    if (value.ref === "cluster") return targets.cluster;
    if (value.ref === "distribution") {
        const id = targets.distributions?.get(value.site);
        if (!id) throw new Error(`a metric names the distribution of static site ${value.site}, which does not exist`);
        return id;
    }
    if (value.ref === "store") {
        const member = targets.stores.get(value.store)?.[value.member];
        if (!member) throw new Error(`a metric names member ${value.member} of store ${value.store}, which does not exist`);
        return member;
    }
    const tg = targets.targetGroups.get(value.targetGroup);
    const suffix = value.alternate ? tg?.alternate : tg?.primary;
    if (!suffix) throw new Error(`a metric names target group ${value.targetGroup}${value.alternate ? " (alternate)" : ""}, which the load balancer does not have`);
    return suffix;
}

function dimensions(m: MetricQuery, targets: MetricTargets): Record<string, pulumi.Input<string>> {
    return Object.fromEntries(Object.entries(m.dimensions).map(([k, v]) => [k, dimensionValue(v, targets)]));
}

export async function createAlarms(ctx: Context, plan: ObservabilityPlan, targets: MetricTargets, externalTopicArn?: pulumi.Input<string>): Promise<AlarmResources> {
    const topicArn = externalTopicArn !== undefined ? pulumi.output(externalTopicArn) : plan.topic.external?.arn !== undefined ? pulumi.output(plan.topic.external.arn) : createTopic(ctx, plan);
    plan.topic.emails.forEach((email) => {
        new aws.sns.TopicSubscription(childName(ctx, "alarms-email", email), { topic: topicArn, protocol: "email", endpoint: email }, child(ctx));
    });
    const alarms = new Map<string, aws.cloudwatch.MetricAlarm>();
    for (const a of plan.alarms) {
        alarms.set(a.name, createAlarm(ctx, a, targets, topicArn));
        await settle();
    }
    return { topicArn, alarms };
}

function createTopic(ctx: Context, plan: ObservabilityPlan): pulumi.Output<string> {
    const { partition, region, accountId } = ctx.account;
    const key = new aws.kms.Key(
        childName(ctx, "alarms-key"),
        {
            description: description("kmsKeyDescription", `Encrypts the SNS topic ${plan.topic.name} that ${ctx.plan.project}/${ctx.plan.stack}'s CloudWatch alarms publish to`),
            enableKeyRotation: true,
            deletionWindowInDays: ctx.plan.settings.protectData ? 30 : 7,
            policy: policyJson([
                // The account administers its key through IAM, as with AWS's default key policy.
                { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
                {
                    Sid: "CloudWatchAlarmsPublish",
                    Effect: "Allow",
                    Principal: { Service: "cloudwatch.amazonaws.com" },
                    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                    Resource: "*",
                    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
                },
            ]),
            tags: tagged(ctx, plan.topic.keyAlias),
        },
        child(ctx),
    );
    new aws.kms.Alias(childName(ctx, "alarms-key-alias"), { name: plan.topic.keyAlias, targetKeyId: key.keyId }, child(ctx));
    const topic = new aws.sns.Topic(childName(ctx, "alarms"), { name: plan.topic.name, kmsMasterKeyId: key.arn, tags: tagged(ctx, plan.topic.name) }, child(ctx));
    new aws.sns.TopicPolicy(
        childName(ctx, "alarms-policy"),
        {
            arn: topic.arn,
            policy: topic.arn.apply((arn) =>
                policyJson([
                    {
                        Sid: "CloudWatchAlarmsOfThisAccount",
                        Effect: "Allow",
                        Principal: { Service: "cloudwatch.amazonaws.com" },
                        Action: "sns:Publish",
                        Resource: arn,
                        Condition: {
                            StringEquals: { "aws:SourceAccount": accountId },
                            ArnLike: { "aws:SourceArn": `arn:${partition}:cloudwatch:${region}:${accountId}:alarm:*` },
                        },
                    },
                    { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "sns:Publish", Resource: arn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
                ]),
            ),
        },
        child(ctx),
    );
    return topic.arn;
}

function createAlarm(ctx: Context, a: AlarmPlan, targets: MetricTargets, topicArn: pulumi.Output<string>): aws.cloudwatch.MetricAlarm {
    const single = a.metrics.length === 1 && !a.math ? a.metrics[0] : undefined;
    const percentile = single && /^p\d/.test(single.stat);
    const last = a.math?.[a.math.length - 1];
    return new aws.cloudwatch.MetricAlarm(
        alarmLogicalName(ctx, a),
        {
            name: a.name,
            alarmDescription: a.description,
            comparisonOperator: a.comparison,
            threshold: a.threshold,
            evaluationPeriods: a.evaluationPeriods,
            datapointsToAlarm: a.datapointsToAlarm,
            treatMissingData: a.treatMissingData,
            ...(single
                ? {
                      namespace: single.namespace,
                      metricName: single.metricName,
                      dimensions: dimensions(single, targets),
                      period: a.periodSeconds,
                      ...(percentile ? { extendedStatistic: single.stat } : { statistic: single.stat }),
                  }
                : {
                      metricQueries: [
                          ...a.metrics.map((m) => ({
                              id: m.id,
                              returnData: false,
                              metric: { namespace: m.namespace, metricName: m.metricName, dimensions: dimensions(m, targets), period: a.periodSeconds, stat: m.stat },
                          })),
                          ...(a.math ?? []).map((e) => ({ id: e.id, expression: e.expression, returnData: e === last, ...(e === last ? { label: a.kind } : {}) })),
                      ],
                  }),
            alarmActions: [topicArn],
            okActions: [topicArn],
            tags: tagged(ctx, a.name, a.subject !== undefined ? { "defang:service": a.subject } : {}),
        },
        child(ctx),
    );
}

/** A service's or store's alarm is its child (`<name>-<service>/alarm[/<port>]/<kind>`); the load balancer's is project-wide. */
function alarmLogicalName(ctx: Context, a: AlarmPlan): string {
    if (a.subject === undefined) return childName(ctx, "lb-alarm", a.kind);
    return serviceChildName(ctx, a.subject, "alarm", ...(a.port !== undefined ? [String(a.port)] : []), a.kind);
}
