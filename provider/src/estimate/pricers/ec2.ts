// EC2 capacity (GPU hosts for ECS): instances at the Auto Scaling group's minimum size, each with its
// EBS volumes from the launch template. Spot has no list price, so Spot-capable groups are priced on
// demand, as an upper bound, and say so.
import type { PlannedResource } from "../types";
import { fmt, HOURS_PER_MONTH, line, list, num, obj, str, type PriceContext, type PricerResult } from "./context";

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

export function priceAutoScalingGroup(r: PlannedResource, ctx: PriceContext): PricerResult {
    const min = num(r.inputs.minSize) ?? 0;
    const desired = Math.max(min, num(r.inputs.desiredCapacity) ?? 0);
    const mixed = obj(r.inputs.mixedInstancesPolicy);
    const ltSpec = obj(r.inputs.launchTemplate) ?? obj(obj(mixed?.launchTemplate)?.launchTemplateSpecification);
    const template = ctx.graph.resolve(ltSpec?.id ?? ltSpec?.name, LAUNCH_TEMPLATE, r);
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
    if (spot) ctx.notes.add("EC2 Spot has no list price: Spot-capable GPU capacity is priced on demand, an upper bound.");
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
