// One internet-facing Application Load Balancer per project, shared by every ingress port:
// a target group per port (IP targets), host-header rules with the plan's priorities, and either
// HTTPS (TLS 1.2/1.3 policy) with an HTTP→HTTPS redirect, or plain HTTP when no certificate exists.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { LoadBalancerPlan } from "../plan/types";
import type { IssuedCertificate } from "./certificates";
import { childName, renamedFrom, serviceChildName } from "./context";
import { BaseContext, child, tagged } from "./core";

export interface LoadBalancerResources {
    loadBalancer: aws.lb.LoadBalancer;
    targetGroups: Map<string, aws.lb.TargetGroup>;
    /** Listeners and rules: ECS services must wait for them (a target group needs a load balancer). */
    routing: pulumi.Resource[];
    https: boolean;
}

export interface LoadBalancerInputs {
    vpcId: pulumi.Input<string>;
    publicSubnetIds: pulumi.Input<string[]>;
    securityGroup: aws.ec2.SecurityGroup;
    /** The caller's certificate (`domain.certificateArn`), the listener's default when given. */
    certificateArn?: pulumi.Input<string>;
    /** Certificates issued for `domainname`s. */
    issued: IssuedCertificate[];
}

/** HTTPS is served when a certificate exists: the caller's, or one issued for a domainname. */
export function servesHttps(plan: LoadBalancerPlan, certificateArn: unknown, issued: IssuedCertificate[]): boolean {
    return plan.https && (certificateArn !== undefined || issued.length > 0);
}

export function createLoadBalancer(ctx: BaseContext, plan: LoadBalancerPlan, inputs: LoadBalancerInputs): LoadBalancerResources {
    const lb = new aws.lb.LoadBalancer(
        childName(ctx, "lb"),
        {
            name: plan.name,
            loadBalancerType: "application",
            internal: false,
            ipAddressType: "ipv4",
            subnets: inputs.publicSubnetIds,
            securityGroups: [inputs.securityGroup.id],
            dropInvalidHeaderFields: plan.dropInvalidHeaderFields,
            desyncMitigationMode: "defensive",
            enableDeletionProtection: plan.deletionProtection,
            idleTimeout: plan.idleTimeoutSeconds,
            enableHttp2: true,
            tags: tagged(ctx, plan.name),
        },
        // A stack deployed before names carried a hash keeps its load balancer: a new name would replace it
        // and change the DNS name that records and clients point at.
        child(ctx, { ignoreChanges: ["name"] }),
    );

    const targetGroups = new Map<string, aws.lb.TargetGroup>();
    for (const tg of plan.targetGroups) {
        targetGroups.set(
            tg.key,
            new aws.lb.TargetGroup(
                serviceChildName(ctx, tg.service, "tg", String(tg.port)),
                {
                    name: tg.name,
                    vpcId: inputs.vpcId,
                    targetType: "ip",
                    port: tg.port,
                    protocol: "HTTP",
                    protocolVersion: tg.protocolVersion,
                    deregistrationDelay: tg.deregistrationDelaySeconds,
                    loadBalancingAlgorithmType: "least_outstanding_requests",
                    healthCheck: {
                        enabled: true,
                        protocol: "HTTP",
                        path: tg.healthCheck.path,
                        port: tg.healthCheck.port ? String(tg.healthCheck.port) : "traffic-port",
                        matcher: tg.healthCheck.matcher,
                        interval: tg.healthCheck.intervalSeconds,
                        timeout: tg.healthCheck.timeoutSeconds,
                        healthyThreshold: tg.healthCheck.healthyThreshold,
                        unhealthyThreshold: tg.healthCheck.unhealthyThreshold,
                    },
                    tags: tagged(ctx, tg.name, { "defang:service": tg.service }),
                },
                child(ctx),
            ),
        );
    }

    const defaultTarget = plan.defaultTargetGroup ? targetGroups.get(plan.defaultTargetGroup) : undefined;
    const defaultActions: aws.types.input.lb.ListenerDefaultAction[] = defaultTarget
        ? [{ type: "forward", targetGroupArn: defaultTarget.arn }]
        : [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "Not Found" } }];

    const https = servesHttps(plan, inputs.certificateArn, inputs.issued);
    const routing: pulumi.Resource[] = [];
    let main: aws.lb.Listener;
    if (https) {
        const [first, ...others] = inputs.issued;
        main = new aws.lb.Listener(
            childName(ctx, "https"),
            {
                loadBalancerArn: lb.arn,
                port: 443,
                protocol: "HTTPS",
                sslPolicy: plan.sslPolicy,
                certificateArn: inputs.certificateArn ?? first.certificateArn,
                defaultActions,
                tags: tagged(ctx),
            },
            child(ctx),
        );
        const extra = inputs.certificateArn !== undefined ? inputs.issued : others;
        extra.forEach((cert, i) => {
            routing.push(
                new aws.lb.ListenerCertificate(
                    childName(ctx, "https-certificate", cert.domains[0] ?? String(i)),
                    { listenerArn: main.arn, certificateArn: cert.certificateArn },
                    child(ctx),
                ),
            );
        });
        routing.push(
            new aws.lb.Listener(
                childName(ctx, "http-redirect"),
                {
                    loadBalancerArn: lb.arn,
                    port: 80,
                    protocol: "HTTP",
                    defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: plan.httpRedirectCode } }],
                    tags: tagged(ctx),
                },
                child(ctx),
            ),
        );
    } else {
        main = new aws.lb.Listener(
            childName(ctx, "http"),
            { loadBalancerArn: lb.arn, port: 80, protocol: "HTTP", defaultActions, tags: tagged(ctx) },
            child(ctx),
        );
    }
    routing.push(main);

    // Rules are named by target group, not priority: adding a service must not rename (replace) others.
    const ruleNames = new Map<string, number>();
    const groupPlans = new Map(plan.targetGroups.map((tg) => [tg.key, tg]));
    for (const rule of plan.rules) {
        const target = targetGroups.get(rule.targetGroup);
        const group = groupPlans.get(rule.targetGroup);
        const seen = ruleNames.get(rule.targetGroup) ?? 0;
        ruleNames.set(rule.targetGroup, seen + 1);
        if (!target || !group || rule.hosts.length === 0) continue;
        const nth = seen > 0 ? [String(seen + 1)] : [];
        const conditions: aws.types.input.lb.ListenerRuleCondition[] = [{ hostHeader: { values: rule.hosts } }];
        if (rule.grpc) conditions.push({ httpHeader: { httpHeaderName: "content-type", values: ["application/grpc*"] } });
        routing.push(
            new aws.lb.ListenerRule(
                renamedFrom(ctx, serviceChildName(ctx, group.service, "rule", String(group.port), ...nth), childName(ctx, "rule", rule.targetGroup, ...nth)),
                { listenerArn: main.arn, priority: rule.priority, conditions, actions: [{ type: "forward", targetGroupArn: target.arn }], tags: tagged(ctx) },
                child(ctx),
            ),
        );
    }
    return { loadBalancer: lb, targetGroups, routing, https };
}
