// Named volumes → Amazon EFS. One file system per top-level volume a container mounts, encrypted at rest
// and in transit, reached through one access point whose root directory `/<volume>` is created with the
// volume's POSIX owner (the numeric `user:` of the services mounting it, else 1000:1000) and through
// which every NFS call runs as that owner. Mount targets go where the mounting tasks run; throughput,
// the move to Infrequent Access, backups and protection follow the mode. Nothing that forces a
// replacement (creation token, encryption, performance mode) depends on the mode.
import type { ComposeProject, ServiceConfig } from "../compose/types";
import { DEFAULT_VOLUME_OWNER, numericOwner } from "../compose/defang/volumes";
import { namedMounts } from "../compose/volumes";
import type { PlanContext } from "./context";
import { efsCreationToken, efsRootDirectory, taskVolumeName } from "./naming";
import { type MountPlan, type ServicePlan, type VolumePlan, taskContainers } from "./types";
import { own } from "../by-name";

/** Mode of the access point's root directory: the owner writes, the group and others read. */
export const VOLUME_ROOT_PERMISSIONS = "0755";

/** The container's mounts of named volumes, in compose order (a volume not declared at the top level is the loader's error). */
export function planMounts(project: ComposeProject, svc: ServiceConfig): MountPlan[] {
    return namedMounts(svc)
        .filter(({ name }) => project.volumes?.[name] !== undefined)
        .map(({ volume, name }) => ({ volume: name, taskVolume: taskVolumeName(name), containerPath: volume.target, readOnly: volume.read_only === true }));
}

/**
 * One VolumePlan per volume the planned tasks mount, in the order they first mount them. A volume is
 * the task's: its security group and task role are the service's, whichever of its containers (the
 * service's own or a sidecar's) mounts it; the task writes when any of them does.
 */
export function planVolumes(ctx: PlanContext, planned: Array<{ svc: ServiceConfig; plan: ServicePlan }>): VolumePlan[] {
    const { project, options, settings } = ctx;
    const byName = new Map<string, VolumePlan>();
    const writers = new Map<string, Set<string>>();
    for (const { svc, plan } of planned) {
        for (const container of taskContainers(plan)) {
            // Its compose service (the volume's owner is its `user:`): a sidecar's own, else the service's.
            const owner = (container.service !== undefined ? own(project.services, container.service) : undefined) ?? svc;
            for (const mount of container.mounts ?? []) {
                let volume = byName.get(mount.volume);
                if (!volume) {
                    volume = {
                        name: mount.volume,
                        creationToken: efsCreationToken(ctx.naming, mount.volume),
                        displayName: `${project.name}-${options.stack}-${mount.volume}`,
                        taskVolumeName: taskVolumeName(mount.volume),
                        rootDirectory: efsRootDirectory(mount.volume),
                        owner: { ...(numericOwner(owner.user) ?? DEFAULT_VOLUME_OWNER) },
                        permissions: VOLUME_ROOT_PERMISSIONS,
                        services: [],
                        readOnlyServices: [],
                        subnets: plan.subnets,
                        throughputMode: settings.efsThroughputMode,
                        transitionToIA: settings.efsTransitionToIA,
                        backups: settings.efsBackups,
                        protect: settings.protectData,
                        source: ["volumes", mount.volume],
                    };
                    byName.set(mount.volume, volume);
                    writers.set(mount.volume, new Set());
                }
                if (!volume.services.includes(plan.name)) volume.services.push(plan.name);
                if (!mount.readOnly) writers.get(mount.volume)!.add(plan.name);
                // One mount target per AZ: where every mounting task runs, else the private subnets (reachable from the public ones).
                if (volume.subnets !== plan.subnets) volume.subnets = "private";
            }
        }
    }
    const adoptedWithoutPrivate = options.network?.adopt !== undefined && options.network.adopt.privateSubnetIds.length === 0;
    for (const volume of byName.values()) {
        volume.readOnlyServices = volume.services.filter((s) => !writers.get(volume.name)!.has(s));
        if (adoptedWithoutPrivate) volume.subnets = "public";
    }
    return [...byName.values()];
}
