// The ECS container definition of a service, as the JSON text the task definition takes. Config
// values arrive only as `secrets` (SSM ARNs); `environment` holds the plan's literal values.
import * as pulumi from "@pulumi/pulumi";
import type { ContainerPlan, ServicePlan } from "../plan/types";

export interface ContainerInputs {
    image: pulumi.Input<string>;
    /** ECS secrets: variable name → SSM parameter ARN. */
    secrets: Array<{ name: string; valueFrom: pulumi.Input<string> }>;
    logGroupName: pulumi.Input<string>;
    region: string;
    /** Each sidecar's image (the caller's `images` entry, else the one the plan names) and secrets, by container name. */
    sidecars?: Record<string, { image: pulumi.Input<string>; secrets: Array<{ name: string; valueFrom: pulumi.Input<string> }> }>;
}

/**
 * The service's container, or (`container`) one of its sidecars: they share the service's log group,
 * each under its own stream prefix (the service's label, the sidecar's name).
 */
export function containerDefinition(service: ServicePlan, image: string, secrets: Array<{ name: string; valueFrom: string }>, logGroupName: string, region: string, container: ContainerPlan = service.container): Record<string, unknown> {
    const c = container;
    const main = c === service.container;
    const def: Record<string, unknown> = {
        name: c.name,
        image,
        essential: c.essential ?? true,
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
            options: { "awslogs-group": logGroupName, "awslogs-region": region, "awslogs-stream-prefix": main ? service.label : c.name },
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
    if (c.mounts && c.mounts.length > 0) {
        def.mountPoints = c.mounts.map((m) => ({ sourceVolume: m.taskVolume, containerPath: m.containerPath, readOnly: m.readOnly }));
    }
    if (c.dependsOn) def.dependsOn = c.dependsOn.map((d) => ({ containerName: d.containerName, condition: d.condition }));
    if (main && service.gpu && service.gpu.count > 0) def.resourceRequirements = [{ type: "GPU", value: String(service.gpu.count) }];
    return def;
}

/** `containerDefinitions` input: the JSON array (the service's container, then its sidecars), resolved once images and secret ARNs are known. */
export function containerDefinitionsJson(service: ServicePlan, inputs: ContainerInputs): pulumi.Output<string> {
    const resolved = (image: pulumi.Input<string>, secrets: ContainerInputs["secrets"]) =>
        pulumi.all([image, pulumi.all(secrets.map((s) => s.valueFrom))]).apply(([img, arns]) => ({ image: img, secrets: secrets.map((s, i) => ({ name: s.name, valueFrom: arns[i] })) }));
    const sidecars = service.sidecars ?? [];
    return pulumi
        .all([
            inputs.logGroupName,
            resolved(inputs.image, inputs.secrets),
            pulumi.all(sidecars.map((c) => resolved(inputs.sidecars?.[c.name]?.image ?? c.image ?? "", inputs.sidecars?.[c.name]?.secrets ?? []))),
        ])
        .apply(([group, main, others]) =>
            JSON.stringify([
                containerDefinition(service, main.image, main.secrets, group, inputs.region),
                ...sidecars.map((c, i) => containerDefinition(service, others[i].image, others[i].secrets, group, inputs.region, c)),
            ]),
        );
}
