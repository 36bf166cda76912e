// EC2 capacity (GPU hosts for ECS): instances at the Auto Scaling group's minimum size, each with its
// EBS volumes from the launch template. Spot has no list price, so Spot-capable groups are priced on
// demand, as an upper bound, and say so.
import type { EstimateLine, PlannedResource } from "../types";
import { fmt, HOURS_PER_MONTH, line, list, num, obj, str, type PriceContext, type PricerResult } from "./context";

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const CAPACITY_PROVIDER = "aws:ecs/capacityProvider:CapacityProvider";
const ECS_SERVICE = "aws:ecs/service:Service";

export function priceAutoScalingGroup(r: PlannedResource, ctx: PriceContext): PricerResult {
    const min = num(r.inputs.minSize) ?? 0;
    // ECS managed scaling keeps at least one host per task it places (hosts are sized to one task).
    const desired = Math.max(min, num(r.inputs.desiredCapacity) ?? 0, tasksOnGroup(r, ctx));
    const mixed = obj(r.inputs.mixedInstancesPolicy);
    const ltSpec = obj(r.inputs.launchTemplate) ?? obj(obj(mixed?.launchTemplate)?.launchTemplateSpecification);
    const template = ctx.graph.resolve(ltSpec?.launchTemplateId ?? ltSpec?.id ?? ltSpec?.launchTemplateName ?? ltSpec?.name, LAUNCH_TEMPLATE, r);
    const override = list(obj(mixed?.launchTemplate)?.overrides).map(obj)[0];
    const type = str(override?.instanceType) ?? str(template?.inputs.instanceType);
    if (!type) throw new Error(`Auto Scaling group '${r.name}' has no resolvable instance type`);
    const hourly = ctx.prices.usd(`ec2.${type}.hour`, `EC2 ${type} (Linux, on demand)`);
    const dist = obj(mixed?.instancesDistribution);
    const spot = dist !== undefined && (num(dist.onDemandPercentageAboveBaseCapacity) ?? 100) < 100;
    if (desired === 0) {
        ctx.notes.add(`GPU capacity scales from zero: each running ${type} costs $${hourly.toFixed(3)}/h (${spot ? "Spot usually less" : "on demand"}).`);
        return { unpriced: "usage", detail: `scales from 0 instances; ${type} at $${hourly}/h while running` };
    }
    const lines = [
        line(r, ctx, {
            description: `EC2 ${type}${spot ? " (Spot-capable, priced on demand as an upper bound)" : ""}: ${fmt(desired)} instance${desired === 1 ? "" : "s"} × ${HOURS_PER_MONTH} h`,
            quantity: desired * HOURS_PER_MONTH,
            unit: "instance-hours",
            unitPrice: hourly,
        }),
    ];
    if (spot) ctx.notes.add("EC2 Spot has no list price: Spot GPU capacity is priced on demand, an upper bound.");
    const volumeGb = template ? list(template.inputs.blockDeviceMappings).map((m) => num(obj(obj(m)?.ebs)?.volumeSize) ?? 0).reduce((a, b) => a + b, 0) : 0;
    if (volumeGb > 0) {
        lines.push(line(r, ctx, {
            description: `EBS gp3 volumes: ${fmt(volumeGb)} GB × ${fmt(desired)} instance${desired === 1 ? "" : "s"}`,
            quantity: volumeGb * desired,
            unit: "GB-months",
            unitPrice: ctx.prices.usd("ebs.gp3.gb-month", "EBS gp3 storage"),
        }));
    } else {
        ctx.notes.add("GPU hosts' root volumes come from the AMI's default size and are not priced.");
    }
    return lines;
}

export function priceEc2Instance(r: PlannedResource, ctx: PriceContext): PricerResult {
    const type = str(r.inputs.instanceType);
    if (!type) throw new Error(`EC2 instance '${r.name}' has no instanceType`);
    return [
        line(r, ctx, {
            description: `EC2 ${type}: ${HOURS_PER_MONTH} h`,
            quantity: HOURS_PER_MONTH,
            unit: "instance-hours",
            unitPrice: ctx.prices.usd(`ec2.${type}.hour`, `EC2 ${type} (Linux, on demand)`),
        }),
    ];
}

/** Tasks of the ECS services whose capacity provider scales this group. */
function tasksOnGroup(group: PlannedResource, ctx: PriceContext): number {
    let tasks = 0;
    for (const svc of ctx.graph.ofType(ECS_SERVICE)) {
        for (const item of list(svc.inputs.capacityProviderStrategies).map(obj)) {
            const cp = ctx.graph.resolve(item?.capacityProvider, CAPACITY_PROVIDER);
            const asg = obj(cp?.inputs.autoScalingGroupProvider);
            if (cp && asg && ctx.graph.resolve(asg.autoScalingGroupArn, group.type) === group) tasks += num(svc.inputs.desiredCount) ?? 0;
        }
    }
    return tasks;
}

/**
 * GPU hosts of ECS Managed Instances, priced on the service whose tasks they run: one host per task
 * (the plan sizes the candidate types to one task), of the first (cheapest) allowed instance type.
 */
export function managedInstancesLines(svc: PlannedResource, cp: PlannedResource, tasks: number, ctx: PriceContext): EstimateLine[] {
    const lt = obj(obj(cp.inputs.managedInstancesProvider)?.instanceLaunchTemplate);
    const type = str(list(obj(lt?.instanceRequirements)?.allowedInstanceTypes)[0]);
    if (!type) throw new Error(`ECS Managed Instances capacity provider '${cp.name}' names no instance type; the estimate prices the first allowed type`);
    const spot = str(lt?.capacityOptionType) === "SPOT";
    const service = ctx.graph.serviceOf(svc);
    const lines = [
        line(svc, ctx, {
            service,
            description: `ECS Managed Instances GPU host ${type}${spot ? " (Spot, priced on demand as an upper bound)" : ""}: ${fmt(tasks)} instance${tasks === 1 ? "" : "s"} × ${HOURS_PER_MONTH} h`,
            quantity: tasks * HOURS_PER_MONTH,
            unit: "instance-hours",
            unitPrice: ctx.prices.usd(`ec2.${type}.hour`, `EC2 ${type} (Linux, on demand)`),
        }),
    ];
    const gb = num(obj(lt?.storageConfiguration)?.storageSizeGib) ?? 0;
    if (gb > 0) {
        lines.push(line(svc, ctx, {
            service,
            description: `GPU host storage (gp3): ${fmt(gb)} GB × ${fmt(tasks)} instance${tasks === 1 ? "" : "s"}`,
            quantity: gb * tasks,
            unit: "GB-months",
            unitPrice: ctx.prices.usd("ebs.gp3.gb-month", "EBS gp3 storage"),
        }));
    }
    if (spot) ctx.notes.add("EC2 Spot has no list price: Spot GPU capacity is priced on demand, an upper bound.");
    ctx.notes.add("ECS Managed Instances add a management fee per instance-hour that is not in the price data and not included.");
    return lines;
}
