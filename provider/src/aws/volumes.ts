// Named volumes as Amazon EFS (plan/volumes.ts decides the settings): per volume an encrypted file
// system (AWS Backup on, IA lifecycle, throughput by mode, `protect` in high_availability), one access
// point, a security group admitting NFS from the mounting services' groups only, one mount target per
// AZ in the tasks' subnets, and a file system policy that refuses unencrypted transport and lets only
// IAM principals of the account mount it through the access point — which the task roles of the
// mounting services are allowed to, on this file system only (ClientWrite only where they write).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { description, securityGroupName } from "../plan/naming";
import { type ServicePlan, type VolumePlan, taskContainers } from "../plan/types";
import { childName, serviceChildName } from "./context";
import { Context, child, displayPrefix, policyJson, tagged } from "./core";

export const NFS_PORT = 2049;

/** Subnets a mount target may go in, one per AZ (`key` names the logical resource). */
export interface MountSubnet {
    key: string;
    id: pulumi.Input<string>;
}

export interface VolumeResources {
    plan: VolumePlan;
    /** NFS rule from the GPU hosts' group, once the first GPU service mounts the volume. */
    gpuHostsRule?: aws.vpc.SecurityGroupIngressRule;
    fileSystem: aws.efs.FileSystem;
    accessPoint: aws.efs.AccessPoint;
    securityGroup: aws.ec2.SecurityGroup;
    mountTargets: aws.efs.MountTarget[];
}

/**
 * A volume's own children are project-wide: `<name>-volume-<what>:<volume>[:<part>]` (a compose volume name
 * has no `:`, so the constant `what` and the volume never run into each other; a service's children have a `/`).
 */
export function volumeChildName(ctx: Pick<Context, "name">, what: string, volume: string, ...parts: string[]): string {
    return `${childName(ctx, "volume", what)}:${[volume, ...parts].join(":")}`;
}

export function createVolumes(ctx: Context, volumes: VolumePlan[], subnets: { public: MountSubnet[]; private: MountSubnet[] }): Map<string, VolumeResources> {
    const out = new Map<string, VolumeResources>();
    for (const plan of volumes) {
        const tags = tagged(ctx, plan.displayName, { "defang:volume": plan.name });
        // A replacement would lose every file: the creation token, encryption and performance mode never change with the mode.
        const fileSystem = new aws.efs.FileSystem(
            volumeChildName(ctx, "efs", plan.name),
            {
                creationToken: plan.creationToken,
                encrypted: true,
                performanceMode: "generalPurpose",
                throughputMode: plan.throughputMode,
                lifecyclePolicies: [{ transitionToIa: plan.transitionToIA }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }],
                tags,
            },
            child(ctx, plan.protect ? { protect: true, retainOnDelete: true } : {}),
        );
        new aws.efs.BackupPolicy(
            volumeChildName(ctx, "backup", plan.name),
            { fileSystemId: fileSystem.id, backupPolicy: { status: plan.backups ? "ENABLED" : "DISABLED" } },
            child(ctx),
        );
        const accessPoint = new aws.efs.AccessPoint(
            volumeChildName(ctx, "access-point", plan.name),
            {
                fileSystemId: fileSystem.id,
                posixUser: { uid: plan.owner.uid, gid: plan.owner.gid },
                rootDirectory: {
                    path: plan.rootDirectory,
                    creationInfo: { ownerUid: plan.owner.uid, ownerGid: plan.owner.gid, permissions: plan.permissions },
                },
                tags,
            },
            child(ctx),
        );
        new aws.efs.FileSystemPolicy(
            volumeChildName(ctx, "policy", plan.name),
            { fileSystemId: fileSystem.id, policy: pulumi.all([fileSystem.arn, accessPoint.arn]).apply(([fs, ap]) => policyJson(fileSystemStatements(ctx.account, fs, ap))) },
            child(ctx),
        );
        const securityGroup = new aws.ec2.SecurityGroup(
            volumeChildName(ctx, "sg", plan.name),
            {
                name: securityGroupName(ctx.plan, `volume-${plan.name}`),
                vpcId: ctx.vpcId,
                // Stable: a description change replaces a security group.
                description: description("securityGroupDescription", `EFS mount targets of volume ${plan.name} (${displayPrefix(ctx.plan)}): NFS from the services that mount it only`),
                // Mount targets answer, they never connect out.
                egress: [],
                tags: tagged(ctx, `${displayPrefix(ctx.plan)}-volume-${plan.name}`, { "defang:volume": plan.name }),
            },
            child(ctx),
        );
        const mountTargets = subnets[plan.subnets].map(
            (s) =>
                new aws.efs.MountTarget(
                    volumeChildName(ctx, "mount", plan.name, s.key),
                    { fileSystemId: fileSystem.id, subnetId: s.id, securityGroups: [securityGroup.id] },
                    // EFS takes one mount target per AZ: a replacement (a mode change moving tasks to other subnets) must delete first.
                    child(ctx, { deleteBeforeReplace: true }),
                ),
        );
        out.set(plan.name, { plan, fileSystem, accessPoint, securityGroup, mountTargets });
    }
    return out;
}

/** TLS only; IAM principals of the account (whose own policies must allow it) mount through the access point only. */
export function fileSystemStatements(account: { partition: string; accountId: string }, fileSystemArn: string, accessPointArn: string): Array<Record<string, unknown>> {
    return [
        {
            Sid: "DenyUnencryptedTransport",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: "*",
            Resource: fileSystemArn,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
            Sid: "MountThroughAccessPoint",
            Effect: "Allow",
            Principal: { AWS: `arn:${account.partition}:iam::${account.accountId}:root` },
            Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
            Resource: fileSystemArn,
            Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": accessPointArn }, Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } },
        },
    ];
}

/** The task role's right to mount one volume, through its access point; ClientWrite unless every mount of it is read-only. */
export function mountStatement(volume: VolumePlan, service: string, fileSystemArn: string, accessPointArn: string): Record<string, unknown> {
    const actions = volume.readOnlyServices.includes(service) ? ["elasticfilesystem:ClientMount"] : ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"];
    return {
        Sid: `MountVolume${volume.taskVolumeName.replace(/[^A-Za-z0-9]/g, "")}`,
        Effect: "Allow",
        Action: actions,
        Resource: fileSystemArn,
        Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": accessPointArn } },
    };
}

/** What a service's task needs for its volumes: ECS volume definitions, a task-role policy, NFS admitted from its group. */
export interface ServiceVolumes {
    taskVolumes: pulumi.Output<aws.types.input.ecs.TaskDefinitionVolume[]>;
    /** Mount targets and the NFS rule: its tasks cannot start before they exist. */
    ready: pulumi.Resource[];
}

export function attachVolumes(
    ctx: Context,
    service: ServicePlan,
    volumes: Map<string, VolumeResources>,
    taskRole: aws.iam.Role,
    serviceGroup: aws.ec2.SecurityGroup,
    gpuHosts?: aws.ec2.SecurityGroup,
): ServiceVolumes | undefined {
    const mine = [...new Set(taskContainers(service).flatMap((c) => (c.mounts ?? []).map((m) => m.volume)))].flatMap((name) => (volumes.has(name) ? [volumes.get(name)!] : []));
    if (mine.length === 0) return undefined;
    const ready: pulumi.Resource[] = [];
    for (const v of mine) {
        ready.push(
            new aws.vpc.SecurityGroupIngressRule(
                // The service's child: the rule exists because it mounts the volume.
                serviceChildName(ctx, service.name, "volume-nfs", v.plan.name),
                {
                    securityGroupId: v.securityGroup.id,
                    ipProtocol: "tcp",
                    fromPort: NFS_PORT,
                    toPort: NFS_PORT,
                    referencedSecurityGroupId: serviceGroup.id,
                    description: description("securityGroupRuleDescription", `NFS from ${service.name} to volume ${v.plan.name}`),
                    tags: tagged(ctx),
                },
                child(ctx),
            ),
            ...v.mountTargets,
        );
        // On EC2 (GPU) the container agent mounts the volume from the host, through the hosts' group.
        if (service.compute === "gpu" && gpuHosts) ready.push(admitGpuHosts(ctx, v, gpuHosts));
    }
    const policy = new aws.iam.RolePolicy(
        serviceChildName(ctx, service.name, "volumes-policy"),
        {
            name: "volumes",
            role: taskRole.id,
            policy: pulumi
                .all(mine.map((v) => pulumi.all([v.fileSystem.arn, v.accessPoint.arn])))
                .apply((arns) => policyJson(mine.map((v, i) => mountStatement(v.plan, service.name, arns[i][0], arns[i][1])))),
        },
        child(ctx),
    );
    ready.push(policy);
    const taskVolumes = pulumi.all(mine.map((v) => pulumi.all([v.fileSystem.id, v.accessPoint.id]))).apply((ids) =>
        mine.map((v, i) => ({
            name: v.plan.taskVolumeName,
            efsVolumeConfiguration: {
                fileSystemId: ids[i][0],
                transitEncryption: "ENABLED",
                authorizationConfig: { accessPointId: ids[i][1], iam: "ENABLED" },
            },
        })),
    );
    return { taskVolumes, ready };
}

function admitGpuHosts(ctx: Context, v: VolumeResources, hosts: aws.ec2.SecurityGroup): aws.vpc.SecurityGroupIngressRule {
    v.gpuHostsRule ??= new aws.vpc.SecurityGroupIngressRule(
        volumeChildName(ctx, "nfs-gpu-hosts", v.plan.name),
        {
            securityGroupId: v.securityGroup.id,
            ipProtocol: "tcp",
            fromPort: NFS_PORT,
            toPort: NFS_PORT,
            referencedSecurityGroupId: hosts.id,
            description: description("securityGroupRuleDescription", `NFS from the GPU hosts (their agent mounts volume ${v.plan.name} for GPU tasks)`),
            tags: tagged(ctx),
        },
        child(ctx),
    );
    return v.gpuHostsRule;
}
