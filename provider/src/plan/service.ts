// One compose service → one ServicePlan: kind, compute, size, placement, rollout, IAM, scaling.
import type { ServiceConfig } from "../compose/types";
import { QUOTAS, RANGES, checkRange } from "./aws-limits";
import { planAutoscaling } from "./autoscaling";
import { checkTaskDefinitionSize } from "./quotas";
import { isArm, planContainer, planImage, platformOf } from "./container";
import { type PlanContext, servicePath } from "./context";
import { policies, usesLlm } from "./extensions";
import { seconds } from "./healthcheck";
import { JOB_CAPACITY, jobsBefore, planJob } from "./jobs";
import type { ServiceExposure } from "./loadbalancer";
import { serviceLogGroupName } from "./naming";
import type { ServicePorts } from "./ports";
import type { WiredEnvironment } from "./secrets";
import { ec2Size, fargateSize } from "./sizing";
import { GPU_CAPACITY_PROVIDER, type ServicePlan } from "./types";
import { planMounts } from "./volumes";

/** Grace before ALB health checks count, when the compose healthcheck has no start_period. */
export const DEFAULT_GRACE_SECONDS = 60;

export interface ServiceInput {
    svc: ServiceConfig;
    label: string;
    privateFqdn: string;
    aliases: string[];
    kind: ServicePlan["kind"];
    gpus: number;
    subnets: "public" | "private";
    ports: ServicePorts;
    exposure?: ServiceExposure;
    env: WiredEnvironment;
}

export { isJob } from "./jobs";

export function planService(ctx: PlanContext, input: ServiceInput): ServicePlan | undefined {
    const { svc, kind, gpus } = input;
    const { settings } = ctx;
    const compute: ServicePlan["compute"] = gpus > 0 ? "gpu" : "fargate";
    const image = planImage(ctx, svc);
    const size = compute === "gpu" ? ec2Size(ctx, svc) : fargateSize(ctx, svc);
    const platform = image?.kind === "build" ? image.platform : platformOf(svc);
    const arm = isArm(platform);
    if (arm && compute === "gpu") {
        ctx.error(
            "gpu-arm64",
            servicePath(svc.name, "platform"),
            `service ${svc.name} reserves a GPU but asks for ${platform}; the planned GPU hosts (g4dn, g5, g6) are x86_64`,
            "Remove the platform key (or use linux/amd64) for GPU services.",
        );
    }
    const autoscaling = planAutoscaling(ctx, svc, baseReplicas(svc, kind), kind);
    const policyList = checkedPolicies(ctx, svc);
    const networks = checkedNetworks(ctx, svc);
    const afterJobs = jobsBefore(ctx, svc);
    const job = kind === "job" ? planJob(ctx, svc) : undefined;
    const replicasOk = checkReplicas(ctx, svc);
    if (!image || !size || (arm && compute === "gpu") || policyList === undefined || !networks || !replicasOk) return undefined;

    const ingress = input.exposure?.ingress ?? [];
    const replicas = Math.max(baseReplicas(svc, kind), autoscaling?.min ?? 0);
    const plan: ServicePlan = {
        name: svc.name,
        label: input.label,
        kind,
        compute,
        image,
        cpuArchitecture: arm ? "ARM64" : "X86_64",
        cpu: size.cpu,
        memory: size.memory,
        replicas,
        capacity:
            compute === "gpu" ? [{ capacityProvider: GPU_CAPACITY_PROVIDER, weight: 1 }] : (kind === "job" ? JOB_CAPACITY : settings.capacity).map((c) => ({ ...c })),
        subnets: input.subnets,
        // EC2 tasks in awsvpc mode cannot have a public IP; GPU services always sit in private subnets.
        assignPublicIp: input.subnets === "public" && compute === "fargate",
        container: planContainer(ctx, svc, input.env, input.ports, size.memory),
        ingress,
        loadBalancerPorts: input.exposure?.loadBalancerPorts ?? [],
        privatePorts: input.ports.privatePorts,
        networks,
        privateFqdn: input.privateFqdn,
        aliases: input.aliases,
        logRetentionDays: settings.logRetentionDays,
        logGroupName: serviceLogGroupName(ctx.naming, svc.name),
        deployment: {
            minimumHealthyPercent: settings.minimumHealthyPercent,
            maximumPercent: settings.maximumPercent,
            circuitBreaker: { enable: true, rollback: true },
            waitForSteadyState: settings.waitForSteadyState,
        },
        taskRole: { bedrock: usesLlm(svc), policies: policyList },
        dependsOn: Object.entries(svc.depends_on ?? {})
            .map(([service, d]) => ({ service, condition: d.condition }))
            .sort((a, b) => (a.service < b.service ? -1 : 1)),
        source: servicePath(svc.name),
    };
    if (ingress.length > 0) {
        plan.deployment.healthCheckGracePeriodSeconds = Math.min(seconds(svc.healthcheck?.start_period) ?? DEFAULT_GRACE_SECONDS, 2147483647);
    }
    const mounts = planMounts(ctx.project, svc);
    if (mounts.length > 0) plan.mounts = mounts;
    if (autoscaling) plan.autoscaling = autoscaling;
    if (compute === "gpu") plan.gpu = { count: gpus };
    if (afterJobs.length > 0) plan.afterJobs = afterJobs;
    if (job) plan.job = job;
    checkTaskDefinitionSize(ctx, plan);
    return plan;
}

/** `deploy.replicas` (or `scale`) within what one ECS service runs: refused, never clamped. */
function checkReplicas(ctx: PlanContext, svc: ServiceConfig): boolean {
    const replicas = svc.deploy?.replicas ?? svc.scale;
    if (replicas === undefined) return true;
    if (checkRange("tasksPerService", replicas) === undefined) return true;
    const { min, max } = RANGES.tasksPerService;
    ctx.error(
        "replicas-out-of-range",
        // The loader copies `scale` into deploy.replicas; point at what the file says.
        servicePath(svc.name, ...(svc.scale !== undefined ? ["scale"] : ["deploy", "replicas"])),
        `service ${svc.name}: ${replicas} replicas; one ECS service runs a whole number of tasks from ${min} to ${max}`,
        `Use a whole number from ${min} to ${max}; for more capacity, give each task more CPU and memory or split the service.`,
    );
    return false;
}

function baseReplicas(svc: ServiceConfig, kind: ServicePlan["kind"]): number {
    if (kind === "job") return 1;
    return svc.deploy?.replicas ?? svc.scale ?? 1;
}

export function networksOf(svc: ServiceConfig): string[] {
    const names = Object.keys(svc.networks ?? {});
    return names.length > 0 ? names.sort() : ["default"];
}

/**
 * Security groups a task's network interface may carry by default (an AWS quota): the service's own
 * group, the apps marker group and one membership group per compose network.
 */
export const MAX_SECURITY_GROUPS_PER_TASK = QUOTAS.securityGroupsPerInterface.max;

/** The service's networks, or undefined (after an error) when its tasks would need too many security groups. */
function checkedNetworks(ctx: PlanContext, svc: ServiceConfig): string[] | undefined {
    const networks = networksOf(svc);
    const groups = 2 + networks.length;
    if (groups <= MAX_SECURITY_GROUPS_PER_TASK) return networks;
    ctx.error(
        "networks-too-many",
        servicePath(svc.name, "networks"),
        `service ${svc.name} joins ${networks.length} networks (${networks.join(", ")}): its tasks would need ${groups} security groups, more than the ${MAX_SECURITY_GROUPS_PER_TASK} AWS allows per network interface by default`,
        `Join at most ${MAX_SECURITY_GROUPS_PER_TASK - 2} networks per service: services that share one network reach each other, so a hub rarely needs its own network per peer.`,
    );
    return undefined;
}

const POLICY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@/-]{1,128}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$|^([\w+=,.@-]+\/)+[\w+=,.@-]{1,128}$/;

/** x-defang-policies as given (ARNs or names, see ServicePlan.taskRole); undefined after an error. */
function checkedPolicies(ctx: PlanContext, svc: ServiceConfig): string[] | undefined {
    const list = policies(svc);
    const bad = list.filter((p) => (p.startsWith("arn:") ? !POLICY_ARN.test(p) : !POLICY_NAME.test(p)));
    if (bad.length > 0) {
        ctx.error(
            "policy-invalid",
            servicePath(svc.name, "x-defang-policies"),
            `service ${svc.name}: ${bad.map((b) => `"${b}"`).join(", ")} ${bad.length === 1 ? "is" : "are"} neither an IAM policy ARN nor a policy name`,
            "Give arn:aws:iam::<account>:policy/<name> (or an AWS managed policy ARN), or the name of a customer-managed policy in this account.",
        );
        return undefined;
    }
    return [...new Set(list)];
}
