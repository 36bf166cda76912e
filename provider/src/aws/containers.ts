// The ECS container definition of a service, as the JSON text the task definition takes. Config
// values arrive only as `secrets` (SSM ARNs); `environment` holds the plan's literal values.
import * as pulumi from "@pulumi/pulumi";
import type { ServicePlan } from "../plan/types";

export interface ContainerInputs {
    image: pulumi.Input<string>;
    /** ECS secrets: variable name → SSM parameter ARN. */
    secrets: Array<{ name: string; valueFrom: pulumi.Input<string> }>;
    logGroupName: pulumi.Input<string>;
    region: string;
}

export function containerDefinition(service: ServicePlan, image: string, secrets: Array<{ name: string; valueFrom: string }>, logGroupName: string, region: string): Record<string, unknown> {
    const c = service.container;
    const def: Record<string, unknown> = {
        name: c.name,
        image,
        essential: true,
        portMappings: c.portMappings.map((p) => ({
            name: p.name,
            containerPort: p.containerPort,
            hostPort: p.containerPort,
            protocol: p.protocol,
            ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
        })),
        environment: c.environment.map((e) => ({ name: e.name, value: e.value })),
        secrets: [...secrets].sort((a, b) => a.name.localeCompare(b.name)),
        linuxParameters: { initProcessEnabled: c.initProcessEnabled, ...(c.capabilities ? { capabilities: c.capabilities } : {}) },
        readonlyRootFilesystem: c.readonlyRootFilesystem,
        logConfiguration: {
            logDriver: "awslogs",
            options: { "awslogs-group": logGroupName, "awslogs-region": region, "awslogs-stream-prefix": service.label },
        },
    };
    if (c.command) def.command = c.command;
    if (c.entrypoint) def.entryPoint = c.entrypoint;
    if (c.workingDir) def.workingDirectory = c.workingDir;
    if (c.user) def.user = c.user;
    if (c.ulimits) def.ulimits = c.ulimits;
    if (c.dockerLabels) def.dockerLabels = c.dockerLabels;
    if (c.stopTimeout !== undefined) def.stopTimeout = c.stopTimeout;
    if (c.memoryReservation !== undefined) def.memoryReservation = c.memoryReservation;
    if (c.memoryLimit !== undefined) def.memory = c.memoryLimit;
    if (c.healthCheck) {
        def.healthCheck = {
            command: c.healthCheck.command,
            interval: c.healthCheck.interval,
            timeout: c.healthCheck.timeout,
            retries: c.healthCheck.retries,
            startPeriod: c.healthCheck.startPeriod,
        };
    }
    if (service.mounts && service.mounts.length > 0) {
        def.mountPoints = service.mounts.map((m) => ({ sourceVolume: m.taskVolume, containerPath: m.containerPath, readOnly: m.readOnly }));
    }
    if (service.gpu && service.gpu.count > 0) def.resourceRequirements = [{ type: "GPU", value: String(service.gpu.count) }];
    return def;
}

/** `containerDefinitions` input: the JSON array, resolved once image and secret ARNs are known. */
export function containerDefinitionsJson(service: ServicePlan, inputs: ContainerInputs): pulumi.Output<string> {
    return pulumi
        .all([inputs.image, inputs.logGroupName, pulumi.all(inputs.secrets.map((s) => s.valueFrom))])
        .apply(([image, group, arns]) =>
            JSON.stringify([
                containerDefinition(
                    service,
                    image,
                    inputs.secrets.map((s, i) => ({ name: s.name, valueFrom: arns[i] })),
                    group,
                    inputs.region,
                ),
            ]),
        );
}
