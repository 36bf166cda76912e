// GPU hosts: an Auto Scaling group priced at max(min size, tasks it must host) with its launch
// template's volumes; ECS Managed Instances priced on the service, one host of the first allowed type
// per task; Spot GPU capacity priced on demand as an upper bound and said so.
import { strict as assert } from "assert";
import { estimateResources, type PlannedResource } from "../../provider/src/estimate";
import { component, fargate } from "./fixtures";


function gpuService(capacityProvider: string, desired: number): PlannedResource[] {
    const [td, svc] = fargate({ service: "llm", cpu: 4096, memory: 15360, desired });
    td.inputs.requiresCompatibilities = ["EC2"];
    svc.inputs.capacityProviderStrategies = [{ capacityProvider, weight: 1 }];
    return [td, svc];
}

function asg(spot: boolean, minSize: number): PlannedResource[] {
    return [
        { type: "aws:ec2/launchTemplate:LaunchTemplate", name: "app-gpu", inputs: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 100, volumeType: "gp3" } }] } },
        {
            type: "aws:autoscaling/group:Group",
            name: "app-gpu",
            inputs: {
                minSize,
                maxSize: 4,
                mixedInstancesPolicy: {
                    instancesDistribution: { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: spot ? 0 : 100 },
                    launchTemplate: { launchTemplateSpecification: { launchTemplateId: "lt-0123456789abcdef0", version: "$Latest" }, overrides: [{ instanceType: "g4dn.xlarge" }, { instanceType: "g5.xlarge" }] },
                },
            },
        },
        { type: "aws:ecs/capacityProvider:CapacityProvider", name: "app-gpu", inputs: { name: "app-dev-gpu", autoScalingGroupProvider: { autoScalingGroupArn: "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:1a2b:autoScalingGroupName/app-gpu-3c4d5e6" } } },
    ];
}

function managedInstances(spot: boolean): PlannedResource {
    return {
        type: "aws:ecs/capacityProvider:CapacityProvider",
        name: "app-gpu",
        inputs: {
            name: "app-dev-gpu",
            cluster: "app-dev",
            managedInstancesProvider: {
                instanceLaunchTemplate: {
                    capacityOptionType: spot ? "SPOT" : "ON_DEMAND",
                    storageConfiguration: { storageSizeGib: 100 },
                    instanceRequirements: { acceleratorTypes: ["gpu"], allowedInstanceTypes: ["g4dn.xlarge", "g5.xlarge"] },
                },
            },
        },
    };
}

const run = (resources: PlannedResource[]) => estimateResources([component(), ...resources], { region: "us-east-1", serviceNames: ["llm"] });

describe("estimate: GPU capacity", () => {
    it("prices an Auto Scaling group at the hosts its tasks need, with the template's volumes", () => {
        const e = run([...asg(false, 0), ...gpuService("app-dev-gpu", 1)]);
        const host = e.lines.find((l) => /EC2 g4dn\.xlarge/.test(l.description))!;
        assert.equal(host.quantity, 730);
        assert.equal(host.monthly, 383.98); // 730 × $0.526
        assert.equal(e.lines.find((l) => /EBS gp3/.test(l.description))!.monthly, 8); // 100 GB × $0.08
        assert.ok(!e.lines.some((l) => /Fargate/.test(l.description)), "the service itself is not Fargate");
        assert.equal(e.unpriced.find((u) => u.type === "aws:ecs/service:Service")?.reason, "free");
    });

    it("prices the group's minimum size when it is larger, and says Spot is priced on demand", () => {
        const e = run([...asg(true, 2), ...gpuService("app-dev-gpu", 1)]);
        const host = e.lines.find((l) => /EC2 g4dn\.xlarge/.test(l.description))!;
        assert.equal(host.quantity, 2 * 730);
        assert.match(host.description, /Spot-capable, priced on demand as an upper bound/);
        assert.ok(e.notes.some((n) => /Spot GPU capacity is priced on demand/.test(n)));
    });

    it("leaves a group that scales from zero with no task unpriced, quoting its hourly price", () => {
        const e = run(asg(false, 0));
        assert.equal(e.total, 0);
        assert.ok(e.notes.some((n) => /scales from zero.*g4dn\.xlarge.*\$0\.526\/h/.test(n)));
    });

    it("prices ECS Managed Instances on the service: one host of the first allowed type per task", () => {
        const e = run([managedInstances(false), ...gpuService("app-dev-gpu", 2)]);
        const host = e.lines.find((l) => /Managed Instances GPU host g4dn\.xlarge/.test(l.description))!;
        assert.equal(host.service, "llm");
        assert.equal(host.quantity, 2 * 730);
        assert.equal(host.monthly, 767.96);
        assert.equal(e.lines.find((l) => /GPU host storage/.test(l.description))!.monthly, 16);
        assert.ok(e.notes.some((n) => /management fee/.test(n)));
    });
});
