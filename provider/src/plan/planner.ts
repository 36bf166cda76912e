// ComposeProject + options → DeploymentPlan. Orchestrates the planning steps; each decision lives in
// its own module (sizing, ports, loadbalancer, secrets, stores, gpu, autoscaling, network, naming).
import type { ComposeProject, DocPath, ServiceConfig } from "../compose/types";
import { planBuilds } from "./build";
import { checkClientUrls } from "./clients";
import type { PlanCode } from "./codes";
import { PlanContext, servicePath } from "./context";
import { type StoreKind, objectStore, staticFiles, storeKind } from "./extensions";
import { planBuckets, wireBucketClients } from "./buckets";
import { planStaticSites } from "./static-sites";
import { planVolumes } from "./volumes";
import { type GpuTask, gpuCount, gpuPath, planGpuCapacity } from "./gpu";
import { isFqdn } from "./hosts";
import type { PlanResult } from "./index";
import { type IngressService, planLoadBalancer } from "./loadbalancer";
import { MODE_TABLE } from "./modes";
import { clusterName, dnsLabel, namespaceName } from "./naming";
import { planNetwork } from "./network";
import { type ServicePorts, servicePorts } from "./ports";
import { checkSecurityGroupQuotas } from "./quotas";
import { type WiredEnvironment, configPrefix, wireEnvironment } from "./secrets";
import { planObservability } from "./alarms";
import { requestedStrategy } from "./rollout";
import { isJob, planService } from "./service";
import { groupSidecars, sidecarHost } from "./sidecars";
import { planStore } from "./stores";
import { planTags } from "./tags";
import { type ConfigPlan, type DeploymentPlan, GPU_CAPACITY_PROVIDER, type LoadBalancerPlan, type PlanOptions, type ServicePlan, type StaticSitePlan, type StorePlan } from "./types";

export function buildPlan(project: ComposeProject, options: PlanOptions): PlanResult {
    if (!MODE_TABLE[options.mode]) {
        return {
            diagnostics: [{ severity: "error", code: "mode-invalid" satisfies PlanCode, message: `unknown mode "${String(options.mode)}"`, hint: `Use one of ${Object.keys(MODE_TABLE).join(", ")}.` }],
        };
    }
    const ctx = new PlanContext(project, options);
    const { settings } = ctx;
    const prefix = configPrefix(ctx) ?? `/Defang/${project.name}/${options.stack}/`;
    const tags = planTags(ctx);
    const namespace = namespaceName(project.name);
    const adopt = options.network?.adopt;

    const containers: ServiceConfig[] = [];
    const storeServices: Array<{ svc: ServiceConfig; kind: StoreKind }> = [];
    // Services that run no container: the folder of a static site's image is served by CloudFront, an
    // `x-defang-s3` stand-in is replaced by a bucket.
    const siteServices: ServiceConfig[] = [];
    const bucketServices: ServiceConfig[] = [];
    for (const svc of Object.values(project.services)) {
        const kind = storeKind(svc);
        if (staticFiles(svc)) siteServices.push(svc);
        else if (objectStore(svc)) bucketServices.push(svc);
        else if (kind) storeServices.push({ svc, kind });
        else containers.push(svc);
    }

    const names = privateNames(ctx, [...containers, ...storeServices.map((s) => s.svc)], namespace);
    // Sidecars (network_mode: "service:<host>") run in their host's task: planned with it, not alone.
    const sidecars = groupSidecars(ctx, containers);
    const tasks = containers.filter((s) => sidecarHost(s) === undefined);
    const gpus = new Map(tasks.map((s) => [s.name, gpuCount(s)]));
    const anyGpu = [...gpus.values()].some((n) => n > 0);
    const network = planNetwork(ctx, anyGpu && !adopt);
    const placement = placements(ctx);

    // Ports, then the load balancer over every ingress service.
    const portsOf = new Map<string, ServicePorts>();
    const ingressServices: IngressService[] = [];
    for (const svc of tasks) {
        const job = isJob(svc);
        const ports = servicePorts(ctx, svc, names.label(svc.name), !job);
        if (job && (svc.ports ?? []).some((p) => p.mode !== "host")) {
            ctx.warn("job-ingress", servicePath(svc.name, "ports"), `service ${svc.name} runs once per deploy (restart: "no"); its ingress ports are not published`, "Make the ports mode: host, or drop restart: \"no\".");
        }
        portsOf.set(svc.name, ports);
        if (ports.ingress.length > 0) {
            ingressServices.push({
                name: svc.name,
                label: names.label(svc.name),
                ports: ports.ingress,
                domainname: svc.domainname,
                fqdnAliases: names.publicAliases(svc.name),
                healthcheck: svc.healthcheck,
                shiftsTraffic: requestedStrategy(ctx, svc).strategy !== "rolling",
            });
        } else {
            // A dotted alias is a public host name, routed to an ingress port: without one it goes nowhere.
            for (const alias of names.publicAliases(svc.name)) {
                ctx.warn(
                    "alias-ignored",
                    aliasPath(svc, alias),
                    `service ${svc.name}: alias ${alias} has a dot, so it is a public host name, but ${svc.name} has no ingress port to route it to; it is ignored (other services cannot reach ${svc.name} by it either)`,
                    `Use a name without dots (e.g. ${dnsLabel(alias)}) for a private alias, or give ${svc.name} an ingress port.`,
                );
            }
        }
    }
    const lb = planLoadBalancer(ctx, ingressServices);

    const configNames: string[] = [];
    const derived: ConfigPlan["derived"] = [];
    const collect = (more: string[], moreDerived: ConfigPlan["derived"]): void => {
        for (const n of more) if (!configNames.includes(n)) configNames.push(n);
        derived.push(...moreDerived);
    };

    const services: ServicePlan[] = [];
    const planned: Array<{ svc: ServiceConfig; plan: ServicePlan }> = [];
    const gpuTasks: GpuTask[] = [];
    const gpuPaths = new Map<string, Array<string | number>>();
    for (const svc of tasks) {
        const env: WiredEnvironment = wireEnvironment(ctx, svc, prefix);
        collect(env.configNames, env.derived);
        const withSidecars = (sidecars.byHost.get(svc.name) ?? []).map((c) => {
            const wired = wireEnvironment(ctx, c, prefix);
            collect(wired.configNames, wired.derived);
            return { svc: c, env: wired, label: names.label(c.name) };
        });
        const count = gpus.get(svc.name) ?? 0;
        const plan = planService(ctx, {
            svc,
            label: names.label(svc.name),
            privateFqdn: `${names.label(svc.name)}.${namespace}`,
            aliases: names.privateAliases(svc.name),
            kind: isJob(svc) ? "job" : "service",
            gpus: count,
            subnets: count > 0 ? placement.gpu : placement.apps,
            ports: portsOf.get(svc.name)!,
            exposure: lb.exposure.get(svc.name),
            env,
            sidecars: withSidecars,
        });
        if (!plan) continue;
        services.push(plan);
        planned.push({ svc, plan });
        if (plan.compute === "gpu") {
            const surge = settings.minimumHealthyPercent > 0 ? plan.replicas : 0;
            gpuTasks.push({ service: plan.name, gpus: count, cpu: plan.cpu, memory: plan.memory, peakTasks: (plan.autoscaling?.max ?? plan.replicas) + surge });
            gpuPaths.set(plan.name, gpuPath(svc));
        }
    }

    const stores: StorePlan[] = [];
    for (const { svc, kind } of storeServices) {
        const label = names.label(svc.name);
        const r = planStore(ctx, { svc, kind, prefix, label, privateFqdn: `${label}.${namespace}`, subnets: placement.stores });
        collect(r.configNames, r.derived);
        if (r.store) stores.push(r.store);
    }
    // Whoever depends on a sidecar depends on the task it runs in.
    for (const s of services) {
        s.dependsOn = s.dependsOn
            .map((d) => ({ ...d, service: sidecars.hostOf.get(d.service) ?? d.service }))
            .filter((d, i, all) => d.service !== s.name && all.findIndex((o) => o.service === d.service) === i);
    }
    const volumes = planVolumes(ctx, planned);
    const buckets = planBuckets(ctx, bucketServices, containers);
    wireBucketClients(ctx, buckets, planned);
    const staticSites = planStaticSites(ctx, siteServices);
    checkSiteHosts(ctx, staticSites, lb.loadBalancer);
    checkSecurityGroupQuotas(ctx, services);
    const gpu = planGpuCapacity(ctx, gpuTasks, gpuPaths);
    checkClientUrls(ctx, containers, stores);
    const config = configPlan(ctx, prefix, configNames, derived);

    if (adopt && containers.length + storeServices.length > 1) {
        ctx.warn(
            "no-search-domain",
            undefined,
            `the adopted VPC keeps its own DHCP options, so bare service names (e.g. ${names.label((containers[0] ?? storeServices[0].svc).name)}) do not resolve`,
            `Address services as <service>.${namespace} in URLs (e.g. http://api.${namespace}:8080).`,
        );
    }

    const observability = planObservability(ctx, services, stores, lb.loadBalancer, staticSites);
    if (ctx.hasErrors() || !network) return { diagnostics: ctx.diagnostics };
    const plan: DeploymentPlan = {
        project: project.name,
        stack: options.stack,
        mode: options.mode,
        settings,
        tags,
        network,
        dns: { namespace, searchDomain: !adopt },
        cluster: {
            name: clusterName(ctx.naming),
            containerInsights: settings.containerInsights,
            capacityProviders: ["FARGATE", "FARGATE_SPOT", ...(gpu ? [GPU_CAPACITY_PROVIDER] : [])],
        },
        services,
        stores,
        config,
        observability,
        diagnostics: ctx.diagnostics.filter((d) => d.severity !== "error"),
    };
    if (options.region) plan.region = options.region;
    if (options.pulumiProject !== undefined) plan.pulumiProject = options.pulumiProject;
    if (lb.loadBalancer) plan.loadBalancer = lb.loadBalancer;
    if (gpu) plan.gpu = gpu;
    if (volumes.length > 0) plan.volumes = volumes;
    if (buckets.length > 0) plan.buckets = buckets;
    if (staticSites.length > 0) plan.staticSites = staticSites;
    const builds = planBuilds(ctx.naming, settings, services, staticSites);
    if (builds) plan.builds = builds;
    return { plan, diagnostics: ctx.diagnostics };
}

/** A public name routes to one thing: a static site's CloudFront distribution or a service behind the load balancer. */
function checkSiteHosts(ctx: PlanContext, sites: StaticSitePlan[], lb: LoadBalancerPlan | undefined): void {
    const owner = new Map<string, string>();
    const serviceOf = new Map((lb?.targetGroups ?? []).map((tg) => [tg.key, tg.service]));
    for (const rule of lb?.rules ?? []) for (const host of rule.hosts) owner.set(host, serviceOf.get(rule.targetGroup) ?? rule.targetGroup);
    for (const site of sites) {
        for (const host of site.domains) {
            const other = owner.get(host);
            if (other !== undefined && other !== site.name) {
                ctx.error(
                    "host-conflict",
                    servicePath(site.name, "domainname"),
                    `host ${host} is claimed by services ${other} and ${site.name}`,
                    "Each public host name can route to one service only; give one of them another domainname or alias.",
                );
            }
            owner.set(host, site.name);
        }
    }
}

/** Where tasks and stores run: the mode's layout, or what an adopted VPC offers. */
function placements(ctx: PlanContext): { apps: "public" | "private"; gpu: "public" | "private"; stores: "public" | "private" } {
    const adopt = ctx.options.network?.adopt;
    if (adopt && adopt.privateSubnetIds.length === 0) {
        ctx.warn(
            "adopt-no-private-subnets",
            undefined,
            "the adopted network has no private subnets: tasks get public IPs in the public subnets and managed stores sit there too (not publicly accessible, reachable only from the project's services)",
            "Pass privateSubnetIds (with a NAT route) to keep tasks and databases off the public subnets.",
        );
        return { apps: "public", gpu: "public", stores: "public" };
    }
    if (adopt) return { apps: "private", gpu: "private", stores: "private" };
    return { apps: ctx.settings.servicesInPublicSubnets ? "public" : "private", gpu: "private", stores: "private" };
}

interface PrivateNames {
    label(service: string): string;
    privateAliases(service: string): string[];
    publicAliases(service: string): string[];
}

/** DNS labels and network aliases; two services (or aliases) that would share a name are an error. */
function privateNames(ctx: PlanContext, services: ServiceConfig[], namespace: string): PrivateNames {
    const labels = new Map<string, string>();
    const owner = new Map<string, string>();
    const priv = new Map<string, string[]>();
    const pub = new Map<string, string[]>();
    const take = (name: string, svc: string, path: Array<string | number>): boolean => {
        const other = owner.get(name);
        if (other !== undefined && other !== svc) {
            ctx.error(
                "dns-name-clash",
                servicePath(svc, ...path),
                `services ${other} and ${svc} would both be reached as ${name}.${namespace}`,
                "Rename one service or alias: private DNS names are the lower-cased name with `_` and `.` turned into `-`.",
            );
            return false;
        }
        owner.set(name, svc);
        return other === undefined;
    };
    for (const svc of services) {
        const label = dnsLabel(svc.name);
        labels.set(svc.name, label);
        take(label, svc.name, []);
    }
    for (const svc of services) {
        const privs: string[] = [];
        const pubs: string[] = [];
        for (const [net, cfg] of Object.entries(svc.networks ?? {})) {
            for (const alias of cfg?.aliases ?? []) {
                if (alias.includes(".")) {
                    if (isFqdn(alias)) pubs.push(alias.toLowerCase());
                    else ctx.warn("alias-ignored", servicePath(svc.name, "networks", net, "aliases"), `service ${svc.name}: alias ${alias} is neither a single name nor a valid host name; it is ignored`,
                        "use a single name (reached privately as that name) or a full host name such as www.example.com (routed publicly)");
                    continue;
                }
                const label = dnsLabel(alias);
                if (label === labels.get(svc.name) || privs.includes(label)) continue;
                if (take(label, svc.name, ["networks", net, "aliases"])) privs.push(label);
            }
        }
        priv.set(svc.name, privs.sort());
        pub.set(svc.name, [...new Set(pubs)]);
    }
    return {
        label: (s) => labels.get(s) ?? dnsLabel(s),
        privateAliases: (s) => priv.get(s) ?? [],
        publicAliases: (s) => pub.get(s) ?? [],
    };
}

function configPlan(ctx: PlanContext, prefix: string, names: string[], derived: ConfigPlan["derived"]): ConfigPlan {
    const required = [...names].sort();
    const given = ctx.options.providedConfig ?? [];
    const unused = given.filter((n) => !required.includes(n));
    if (unused.length > 0) {
        ctx.info("config-unused", undefined, `config ${unused.sort().join(", ")} ${unused.length === 1 ? "is" : "are"} given but no service references ${unused.length === 1 ? "it" : "them"}`);
    }
    return {
        prefix,
        required,
        provided: required.filter((n) => given.includes(n)),
        derived: [...derived].sort((a, b) => (a.parameter < b.parameter ? -1 : a.parameter > b.parameter ? 1 : 0)),
    };
}

/** Where an alias is written (the first network listing it). */
function aliasPath(svc: ServiceConfig, alias: string): DocPath {
    for (const [net, cfg] of Object.entries(svc.networks ?? {})) {
        const i = (cfg?.aliases ?? []).findIndex((a) => a.toLowerCase() === alias.toLowerCase());
        if (i >= 0) return servicePath(svc.name, "networks", net, "aliases", i);
    }
    return servicePath(svc.name, "networks");
}
