// The aws layer's entry point: a DeploymentPlan becomes Pulumi resources, every one a child of the
// component. The order follows the dependencies: network → private DNS → cluster → security
// groups → stores, certificates, load balancer → per-service logs, roles, tasks and services.
import * as pulumi from "@pulumi/pulumi";
import { type DeploymentPlan, type ServicePlan, taskContainers } from "../plan/types";
import type { DatabaseOutput, NetworkArgs, ServiceOutput } from "../schema-types";
import { createAlarms, type MetricTargets } from "./alarms";
import { createAutoscaling } from "./autoscaling";
import { createDashboard } from "./dashboard";
import { createRolloutRole, type RolloutRole } from "./rollout";
import { type BuildChain, BuiltService, createBuilds } from "./build";
import type { PreparedContext } from "./build-context";
import { createAliasRecords, createCertificates } from "./certificates";
import { attachCapacityProviders, createCluster } from "./cluster";
import { Account, BaseContext, Context, settle } from "./core";
import { createAliasNames, createDiscoveryService, createPrivateNamespace } from "./dns";
import { createGpuCapacity } from "./gpu";
import { createExecutionRole, createTaskRole, ecrRepositoryArn } from "./iam";
import { createLoadBalancer, LoadBalancerResources, servesHttps } from "./loadbalancer";
import { createLogGroup } from "./logs";
import { createNetwork } from "./network";
import { createRepository } from "./registry";
import { ExistingConfig, createConfigParameters } from "./secrets";
import { createJobRun } from "./job";
import { createLoadBalancerGroup, createMarkerGroups, createServiceGroup, taskSecurityGroups } from "./security";
import { createEcsService, createTaskDefinition } from "./service";
import { createStores } from "./stores";
import { createBuckets, grantBuckets } from "./buckets";
import { createStaticSites } from "./static-site";
import { type StorageOutputs, mountSubnets, siteSources, storageOutputs } from "./storage";
import { attachVolumes, createVolumes } from "./volumes";
import { byName, own, put } from "../by-name";

export interface InfrastructureInputs {
    parent: pulumi.ComponentResource;
    name: string;
    plan: DeploymentPlan;
    account: Account;
    /** Availability zones the region offers (for our VPC's subnets). */
    zones: string[];
    config: Record<string, pulumi.Input<string>>;
    images: Record<string, pulumi.Input<string>>;
    network?: NetworkArgs;
    certificateArn?: pulumi.Input<string>;
    existingConfig: ExistingConfig;
    /** The caller's SNS topic for alarms (the component's `alarms.topicArn`), instead of one of ours. */
    alarmTopicArn?: pulumi.Input<string>;
    /** Build contexts of the services built from source (aws/build-context.ts), by service. */
    contexts?: Record<string, PreparedContext>;
    offline: boolean;
}

export interface InfrastructureOutputs extends StorageOutputs {
    endpoints: pulumi.Output<Record<string, string>>;
    privateEndpoints: Record<string, string>;
    services: pulumi.Output<Record<string, ServiceOutput>>;
    databases: pulumi.Output<Record<string, DatabaseOutput>>;
    loadBalancerDnsName?: pulumi.Output<string>;
    loadBalancerArn?: pulumi.Output<string>;
    vpcId: pulumi.Output<string>;
    publicSubnetIds: pulumi.Output<string[]>;
    privateSubnetIds: pulumi.Output<string[]>;
    clusterArn: pulumi.Output<string>;
    privateZoneId: pulumi.Output<string>;
    alarmTopicArn: pulumi.Output<string>;
    dashboardUrl: pulumi.Output<string>;
}

export async function createInfrastructure(inp: InfrastructureInputs): Promise<InfrastructureOutputs> {
    // The engine waits for this work as for an RPC in flight: between services it yields (settle), and
    // must not take a moment with no registration pending for the end of the program.
    const done = pulumi.runtime.rpcKeepAlive();
    try {
        return await buildInfrastructure(inp);
    } finally {
        done();
    }
}

async function buildInfrastructure(inp: InfrastructureInputs): Promise<InfrastructureOutputs> {
    const { plan } = inp;
    const base: BaseContext = { parent: inp.parent, name: inp.name, plan, tags: plan.tags, offline: inp.offline, account: inp.account };

    const network = createNetwork(base, inp.zones, inp.network);
    const dns = createPrivateNamespace(base, network.vpcId);
    const cluster = createCluster(base);
    const allNetworks = plan.services.flatMap((s) => s.networks);
    const markers = createMarkerGroups(base, network.vpcId, allNetworks);
    const ctx: Context = {
        ...base,
        region: pulumi.output(inp.account.region),
        accountId: pulumi.output(inp.account.accountId),
        partition: pulumi.output(inp.account.partition),
        vpcId: network.vpcId,
        publicSubnetIds: network.publicSubnetIds,
        privateSubnetIds: network.privateSubnetIds,
        privateZoneId: dns.zoneId,
        appsSecurityGroupId: markers.apps.id,
        clusterArn: cluster.arn,
        clusterName: cluster.name,
        config: inp.config,
    };

    const volumes = createVolumes(ctx, plan.volumes ?? [], await mountSubnets(ctx, plan, network));
    const buckets = createBuckets(ctx, plan.buckets ?? []);
    const gpu = createGpuCapacity(ctx, plan.gpu);
    const capacity = attachCapacityProviders(base, cluster, gpu?.requiresClusterAssociation ? [gpu.capacityProviderName] : []);
    const stores = createStores(ctx, plan.stores);
    const parameters = createConfigParameters(base, inp.config, inp.existingConfig, stores);

    let lb: LoadBalancerResources | undefined;
    let lbGroup;
    if (plan.loadBalancer) {
        const issued = await createCertificates(ctx, plan.loadBalancer.certificates);
        lbGroup = createLoadBalancerGroup(base, network.vpcId, servesHttps(plan.loadBalancer, inp.certificateArn, issued));
        lb = createLoadBalancer(base, plan.loadBalancer, {
            vpcId: network.vpcId,
            publicSubnetIds: network.publicSubnetIds,
            securityGroup: lbGroup,
            certificateArn: inp.certificateArn,
            issued,
        });
        createAliasRecords(ctx, plan.loadBalancer.certificates, { dnsName: lb.loadBalancer.dnsName, zoneId: lb.loadBalancer.zoneId });
    }
    const rolloutRole: RolloutRole | undefined = lb && plan.loadBalancer?.rolloutRole ? createRolloutRole(base, plan.loadBalancer.rolloutRole.name, lb) : undefined;

    // Alarms before services: a service names the alarms that roll its deployments back.
    const targets: MetricTargets = {
        loadBalancer: lb?.loadBalancer.arnSuffix,
        targetGroups: new Map([...(lb?.targetGroups ?? new Map())].map(([key, tg]) => [key, { primary: tg.arnSuffix, alternate: lb?.alternates.get(key)?.arnSuffix }])),
        cluster: cluster.name,
        stores: new Map(Object.entries(stores).map(([name, store]) => [name, store.members])),
    };
    const alarms = await createAlarms(ctx, plan.observability, targets, inp.alarmTopicArn);

    // Images: the caller's (keeps the dependency on whatever produced it), the compose image, or one
    // built from source into our repository (by digest, once the build has pushed it).
    const images = byName<pulumi.Input<string>>();
    const repositoryArns: pulumi.Input<string>[] = [];
    const built: BuiltService[] = [];
    for (const s of plan.services) {
        const given = own(inp.images, s.name);
        if (given !== undefined) images[s.name] = given;
        else if (s.image.kind === "image") images[s.name] = s.image.image;
        else {
            const service = s as BuiltService["service"];
            const repository = createRepository(base, service);
            repositoryArns.push(repository.arn);
            const context = own(inp.contexts, s.name);
            if (!context) throw new Error(`no build context was prepared for service "${s.name}" (prepareContexts runs before createInfrastructure)`);
            built.push({ service, repository, context });
        }
        // A sidecar's image: the caller's for its compose service, else its compose image (keyed `<host>/<container>`:
        // compose names have no `/`, so it never meets a service's key).
        for (const c of s.sidecars ?? []) images[`${s.name}/${c.name}`] = own(inp.images, c.service ?? c.name) ?? c.image ?? "";
    }
    for (const site of plan.staticSites ?? []) {
        if (own(inp.images, site.name) !== undefined || site.image.kind !== "build") continue;
        const target = { name: site.name, image: site.image, cpuArchitecture: site.cpuArchitecture };
        const repository = createRepository(base, target);
        repositoryArns.push(repository.arn);
        const context = own(inp.contexts, site.name);
        if (!context) throw new Error(`no build context was prepared for static site "${site.name}" (prepareContexts runs before createInfrastructure)`);
        built.push({ service: target, repository, context });
    }
    let chain: BuildChain | undefined;
    if (built.length > 0 || plan.builds?.extractProject) {
        if (!plan.builds) throw new Error("the plan builds services from source but has no builds section");
        chain = createBuilds(base, plan.builds, built);
        Object.assign(images, chain.imageUris);
    }
    const pulledFromEcr = pulumi
        .all([pulumi.all(Object.values(images)), pulumi.all(repositoryArns)])
        .apply(([all, ours]) => [...ours, ...all.flatMap((i) => ecrRepositoryArn(i, inp.account.partition) ?? [])]);
    const executionRole = createExecutionRole(base, {
        repositoryArns: pulledFromEcr,
        readsParameters: plan.services.some((s) => taskContainers(s).some((c) => c.secrets.length > 0)),
    });

    const serviceOutputs: Record<string, pulumi.Output<ServiceOutput>> = {};
    const endpoints: Record<string, pulumi.Output<string>> = {};
    const privateEndpoints: Record<string, string> = {};
    const ecsServices = new Map<string, pulumi.Resource>();
    // One-off jobs that ran successfully this deploy (their TaskRun), by name.
    const jobRuns = new Map<string, pulumi.Resource>();
    const afterJobs = (s: ServicePlan) => (s.afterJobs ?? []).flatMap((j) => (jobRuns.has(j) ? [jobRuns.get(j)!] : []));

    for (const s of dependencyOrder(plan.services)) {
        await settle();
        const logGroup = createLogGroup(base, s);
        const taskRole = createTaskRole(ctx, s);
        const { group, egress } = createServiceGroup(base, s, { vpcId: network.vpcId, markers, loadBalancer: lb && lbGroup ? { group: lbGroup, plan: plan.loadBalancer! } : undefined });
        // Its tasks start once they can mount their volumes and use their buckets.
        const mounted = attachVolumes(ctx, s, volumes, taskRole.role, group, gpu?.hostGroup);
        const storage = [...(mounted?.ready ?? []), ...grantBuckets(ctx, s, taskRole.role, buckets)];
        const task = createTaskDefinition(ctx, s, {
            volumes: mounted?.taskVolumes,
            image: images[s.name],
            secrets: s.container.secrets.map((sec) => ({ name: sec.name, valueFrom: parameters.valueFrom(sec.source) })),
            sidecars: Object.fromEntries(
                (s.sidecars ?? []).map((c) => [c.name, { image: images[`${s.name}/${c.name}`], secrets: c.secrets.map((sec) => ({ name: sec.name, valueFrom: parameters.valueFrom(sec.source) })) }]),
            ),
            logGroupName: logGroup.name,
            region: inp.account.region,
            executionRoleArn: executionRole.role.arn,
            taskRoleArn: taskRole.role.arn,
            gpu,
        });
        const subnetIds = s.subnets === "public" ? network.publicSubnetIds : network.privateSubnetIds;

        let serviceArn: pulumi.Output<string> = pulumi.output("");
        if (s.kind === "job") {
            // A job runs once, so everything its task needs must exist first (a service would retry).
            const dependsOnServices = s.dependsOn.flatMap((d) => (ecsServices.has(d.service) ? [ecsServices.get(d.service)!] : []));
            const run = createJobRun(ctx, s, {
                taskDefinitionArn: task.arn,
                subnetIds,
                securityGroupIds: taskSecurityGroups(s, group, markers),
                logGroupName: logGroup.name,
                gpu,
                dependsOn: [
                    capacity,
                    executionRole.policy,
                    ...taskRole.grants,
                    ...storage,
                    egress,
                    ...dependsOnServices,
                    ...afterJobs(s),
                    ...(s.job?.stores ?? []).flatMap((name) => stores[name]?.ready ?? []),
                ],
            });
            jobRuns.set(s.name, run);
        }
        if (s.kind === "service") {
            const discovery = createDiscoveryService(base, s, dns);
            createAliasNames(base, s, dns, [discovery]);
            const ports = s.ingress.flatMap((i) => {
                const tg = lb?.targetGroups.get(i.targetGroup);
                const alternate = lb?.alternates.get(i.targetGroup);
                const rule = lb?.productionRules.get(i.targetGroup);
                const shifting = s.deployment.strategy !== "rolling" && alternate && rule && rolloutRole ? { alternate, rule, roleArn: rolloutRole.role.arn } : undefined;
                return tg ? [{ targetGroup: tg, port: i.port, ...(shifting ? { shifting } : {}) }] : [];
            });
            const after = [...s.dependsOn.flatMap((d) => (ecsServices.has(d.service) ? [ecsServices.get(d.service)!] : [])), ...afterJobs(s)];
            const rollback = s.deployment.alarms.names.flatMap((n) => (alarms.alarms.has(n) ? [alarms.alarms.get(n)!] : []));
            const service = createEcsService(ctx, s, {
                taskDefinition: task,
                subnetIds,
                securityGroupIds: taskSecurityGroups(s, group, markers),
                targets: ports,
                discovery,
                gpu,
                dependsOn: [capacity, ...storage, ...(ports.length > 0 && lb ? lb.routing : []), ...after, ...rollback, ...(ports.some((p) => p.shifting) && rolloutRole ? [rolloutRole.policy] : [])],
            });
            ecsServices.set(s.name, service);
            serviceArn = service.arn;
            const requestsGroup = s.autoscaling?.targetRequestsPerTarget?.targetGroup;
            const requestsTarget = requestsGroup && lb ? targets.targetGroups.get(requestsGroup) : undefined;
            createAutoscaling(
                ctx,
                s,
                { clusterName: cluster.name, serviceName: service.name },
                requestsTarget && lb
                    ? { loadBalancerSuffix: lb.loadBalancer.arnSuffix, targetGroupSuffix: requestsTarget.primary, ...(requestsTarget.alternate && s.deployment.strategy !== "rolling" ? { alternateSuffix: requestsTarget.alternate } : {}) }
                    : undefined,
            );
        }

        const url = lb ? serviceUrl(s, plan, lb) : undefined;
        if (url) put(endpoints, s.name, url);
        const port = s.privatePorts[0]?.port;
        if (port !== undefined) put(privateEndpoints, s.name, `${s.privateFqdn}:${port}`);
        put(serviceOutputs, s.name, pulumi.output({
            ...(url ? { url } : {}),
            privateFqdn: s.privateFqdn,
            serviceArn,
            taskRoleArn: taskRole.role.arn,
            securityGroupId: group.id,
            logGroupName: logGroup.name,
        }) as pulumi.Output<ServiceOutput>);
    }

    const sites = await createStaticSites(ctx, plan.staticSites ?? [], siteSources(plan, inp, images, chain), plan.builds?.timeoutMinutes ?? 60);
    for (const site of sites) put(endpoints, site.plan.name, site.url);

    const databases: Record<string, pulumi.Output<DatabaseOutput>> = {};
    for (const [name, store] of Object.entries(stores)) {
        put(privateEndpoints, name, `${store.endpoint}:${store.port}`);
        put(databases, name, pulumi.output({
            engine: store.engine,
            endpoint: store.endpoint,
            port: store.port,
            address: store.address,
            passwordParameter: store.passwordParameter,
            ...(store.username ? { username: store.username } : {}),
            ...(store.database ? { database: store.database } : {}),
        }) as pulumi.Output<DatabaseOutput>);
    }

    const dashboard = createDashboard(ctx, plan.observability, { ...targets, distributions: new Map(sites.map((s) => [s.plan.name, s.distribution.id])) });

    return {
        ...storageOutputs(volumes, buckets, sites, inp.account.region),
        endpoints: pulumi.output(endpoints),
        privateEndpoints,
        services: pulumi.output(serviceOutputs),
        databases: pulumi.output(databases),
        loadBalancerDnsName: lb?.loadBalancer.dnsName,
        loadBalancerArn: lb?.loadBalancer.arn,
        vpcId: network.vpcId,
        publicSubnetIds: network.publicSubnetIds,
        privateSubnetIds: network.privateSubnetIds,
        clusterArn: cluster.arn,
        privateZoneId: dns.zoneId,
        alarmTopicArn: alarms.topicArn,
        dashboardUrl: dashboard.url,
    };
}

/** Public URL of a service's first ingress port: its host name, else the load balancer's name if it owns the default route. */
function serviceUrl(s: ServicePlan, plan: DeploymentPlan, lb: LoadBalancerResources): pulumi.Output<string> | undefined {
    const scheme = lb.https ? "https" : "http";
    const first = s.ingress[0];
    if (!first) return undefined;
    if (first.hosts.length > 0) return pulumi.output(`${scheme}://${first.hosts[0]}`);
    if (plan.loadBalancer?.defaultTargetGroup === first.targetGroup) return pulumi.interpolate`${scheme}://${lb.loadBalancer.dnsName}`;
    return undefined;
}

/** Services ordered so that each comes after what it depends on (compose forbids cycles; any left are kept in place). */
export function dependencyOrder(services: ServicePlan[]): ServicePlan[] {
    const byName = new Map(services.map((s) => [s.name, s]));
    const done = new Set<string>();
    const visiting = new Set<string>();
    const out: ServicePlan[] = [];
    const visit = (s: ServicePlan) => {
        if (done.has(s.name) || visiting.has(s.name)) return;
        visiting.add(s.name);
        for (const d of s.dependsOn) {
            const dep = byName.get(d.service);
            if (dep) visit(dep);
        }
        visiting.delete(s.name);
        done.add(s.name);
        out.push(s);
    };
    services.forEach(visit);
    return out;
}
