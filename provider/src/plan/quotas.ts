// Quotas by design: counts a compose file decides and AWS caps, checked where the user can fix them.
// Security group rules: a service's group admits its load balancer ports and, from each of its networks,
// its private ports, one rule per contiguous range (aws/security.ts builds exactly these); the load
// balancer's group has one outbound rule per service port range. Past the quota the plan refuses the
// service at its compose line, rather than letting `pulumi up` fail halfway.
import { QUOTAS, checkQuota } from "./aws-limits";
import { type PlanContext, servicePath } from "./context";
import { portRanges, privatePortRanges } from "./ports";
import { type ServicePlan, taskContainers } from "./types";
import { own } from "../by-name";

/** The load balancer's ports of a service (ingress and health-check ports), as rules. */
export function loadBalancerRanges(service: Pick<ServicePlan, "loadBalancerPorts" | "ingress">): ReturnType<typeof portRanges> {
    return portRanges([...service.loadBalancerPorts, ...service.ingress.map((i) => i.port)]);
}

/** Inbound rules of a service's own security group. */
export function serviceInboundRules(service: ServicePlan): number {
    const networks = new Set(service.networks).size;
    return loadBalancerRanges(service).length + networks * privatePortRanges(service.privatePorts).length;
}

export function checkSecurityGroupQuotas(ctx: PlanContext, services: ServicePlan[]): void {
    const inbound = QUOTAS.securityGroupInboundRules.max;
    const outbound = QUOTAS.securityGroupOutboundRules.max;
    let lbRules = 0;
    for (const s of services) {
        const rules = serviceInboundRules(s);
        if (rules > inbound) {
            const ranges = privatePortRanges(s.privatePorts).length;
            const networks = new Set(s.networks).size;
            ctx.error(
                "security-group-rules-too-many",
                portsPath(ctx, s),
                `service ${s.name} needs ${rules} inbound rules on its security group (${ranges} port ranges × ${networks} network${networks === 1 ? "" : "s"}, ` +
                    `${loadBalancerRanges(s).length} from the load balancer); AWS allows ${inbound} per group`,
                "Expose contiguous ports (expose: \"9000-9099\" is one rule), expose fewer ports, or join fewer networks.",
            );
        }
        const before = lbRules;
        lbRules += loadBalancerRanges(s).length;
        if (before <= outbound && lbRules > outbound) {
            ctx.error(
                "security-group-rules-too-many",
                portsPath(ctx, s),
                `the load balancer's security group would need ${lbRules} outbound rules (one per service port range) once service ${s.name} is added; AWS allows ${outbound} per group`,
                "Publish fewer ingress ports (make internal ones mode: host), use contiguous ports, or split the project.",
            );
        }
    }
}

/** `expose` when the service has one (where most ports come from), else `ports`. */
function portsPath(ctx: PlanContext, s: ServicePlan): ReturnType<typeof servicePath> {
    const svc = own(ctx.project.services, s.name);
    return servicePath(s.name, svc?.expose && svc.expose.length > 0 ? "expose" : "ports");
}

/** Room for what the plan does not hold: the image (≤ 255), log settings, ARNs of roles and secrets. */
const TASK_DEFINITION_OVERHEAD = 2048;
const SECRET_ARN_BYTES = 130;

/**
 * A task definition's size from the plan, erring high: the container as planned, secrets as ARNs, plus
 * the settings the aws layer adds. The offline engine checks the registered definition exactly.
 */
export function taskDefinitionBytes(service: ServicePlan): number {
    const containers = taskContainers(service).map((c) => ({ ...c, secrets: c.secrets.map((s) => ({ name: s.name, valueFrom: "x".repeat(SECRET_ARN_BYTES) })) }));
    return Buffer.byteLength(JSON.stringify(containers), "utf8") + TASK_DEFINITION_OVERHEAD * containers.length;
}

export function checkTaskDefinitionSize(ctx: PlanContext, service: ServicePlan): void {
    const bytes = taskDefinitionBytes(service);
    if (checkQuota("taskDefinitionBytes", bytes) === undefined) return;
    ctx.error(
        "aws-quota-exceeded",
        servicePath(service.name, "environment"),
        `service ${service.name}: its task definition would hold about ${bytes} bytes; ECS accepts at most ${QUOTAS.taskDefinitionBytes.max} (64 KiB)`,
        "Move large values out of the task: a config value (environment key without a value, read from SSM), or a file baked into the image.",
    );
}
