// Hand-written DeploymentPlans for testing the aws layer without the loader and planner: they
// follow plan/types.ts and the mode table, the way the planner is specified to fill them.
import { planBuilds } from "../../provider/src/plan/build";
import { MODE_TABLE } from "../../provider/src/plan/modes";
import type { DeploymentPlan, ImagePlan, Mode, ServicePlan, TargetGroupPlan } from "../../provider/src/plan/types";

export const PROJECT = "shop";
export const STACK = "dev";

type ServiceSpec = Partial<Omit<ServicePlan, "container">> & { name: string; container?: Partial<ServicePlan["container"]> };

export function service(mode: Mode, spec: ServiceSpec): ServicePlan {
    const m = MODE_TABLE[mode];
    const label = spec.name.toLowerCase().replace(/_/g, "-");
    const { container, ...rest } = spec;
    return {
        label,
        kind: "service",
        compute: "fargate",
        image: { kind: "image", image: `docker.io/library/${spec.name}:latest` },
        cpuArchitecture: "X86_64",
        cpu: 256,
        memory: 512,
        replicas: 1,
        capacity: m.capacity,
        subnets: m.servicesInPublicSubnets ? "public" : "private",
        assignPublicIp: m.servicesInPublicSubnets,
        ingress: [],
        loadBalancerPorts: (spec.ingress ?? []).map((i) => i.port),
        privatePorts: [],
        networks: ["default"],
        privateFqdn: `${label}.${PROJECT}.internal`,
        aliases: [],
        logRetentionDays: m.logRetentionDays,
        logGroupName: `/Defang/${PROJECT}/${STACK}/ecs/${spec.name}`,
        deployment: {
            minimumHealthyPercent: m.minimumHealthyPercent,
            maximumPercent: m.maximumPercent,
            circuitBreaker: { enable: true, rollback: true },
            waitForSteadyState: m.waitForSteadyState,
        },
        taskRole: { bedrock: false, policies: [] },
        dependsOn: [],
        source: ["services", spec.name],
        ...rest,
        container: {
            name: spec.name,
            environment: [],
            secrets: [],
            portMappings: [],
            initProcessEnabled: true,
            readonlyRootFilesystem: false,
            ...container,
        },
    };
}

export function targetGroup(mode: Mode, svc: string, port: number, extra: Partial<TargetGroupPlan> = {}): TargetGroupPlan {
    const m = MODE_TABLE[mode];
    return {
        key: `${svc}-${port}`,
        service: svc,
        port,
        name: `${PROJECT}-${STACK}-${svc}-${port}`.slice(0, 25) + "-a1b2c3",
        protocolVersion: "HTTP1",
        deregistrationDelaySeconds: m.deregistrationDelaySeconds,
        healthCheck: { path: "/", matcher: "200-399", ...m.healthCheck },
        ...extra,
    };
}

export function deploymentPlan(mode: Mode, services: ServicePlan[], extra: Partial<DeploymentPlan> = {}): DeploymentPlan {
    const m = MODE_TABLE[mode];
    const azs = m.availabilityZones;
    const targetGroups = services.flatMap((s) => s.ingress.map((i) => targetGroup(mode, s.name, i.port)));
    const required = [...new Set(services.flatMap((s) => s.container.secrets.flatMap((x) => (x.source.kind === "config" ? [x.source.name] : x.source.kind === "template" ? x.source.parts.flatMap((p) => (typeof p === "string" ? [] : [p.ref])) : []))))].sort();
    return {
        project: PROJECT,
        stack: STACK,
        mode,
        settings: m,
        tags: { "defang:project": PROJECT, "defang:stack": STACK, "defang:mode": mode },
        network: {
            cidrBlock: "10.0.0.0/16",
            availabilityZones: azs,
            publicSubnetCidrs: Array.from({ length: azs }, (_, i) => `10.0.${i * 16}.0/20`),
            privateSubnetCidrs: Array.from({ length: azs }, (_, i) => `10.0.${128 + i * 16}.0/20`),
            natGateways: m.natGateways,
            s3GatewayEndpoint: true,
            flowLogs: m.flowLogs,
        },
        dns: { namespace: `${PROJECT}.internal`, searchDomain: true },
        cluster: { name: `${PROJECT}-${STACK}`, containerInsights: m.containerInsights, capacityProviders: ["FARGATE", "FARGATE_SPOT"] },
        loadBalancer: targetGroups.length
            ? {
                  name: `${PROJECT}-${STACK}-lb-f00d`,
                  https: false,
                  certificates: [],
                  sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                  idleTimeoutSeconds: 60,
                  deletionProtection: m.albDeletionProtection,
                  dropInvalidHeaderFields: true,
                  httpRedirectCode: m.httpRedirectCode,
                  targetGroups,
                  rules: [],
                  defaultTargetGroup: targetGroups[0].key,
              }
            : undefined,
        services,
        stores: [],
        ...(planBuilds({ project: PROJECT, stack: STACK }, m, services) ? { builds: planBuilds({ project: PROJECT, stack: STACK }, m, services) } : {}),
        config: { prefix: `/Defang/${PROJECT}/${STACK}/`, required, provided: [], derived: [] },
        diagnostics: [],
        ...extra,
    };
}

/** A service image built from source, as the planner fills it (plan/container.ts). */
export function builtImage(name: string, extra: Partial<Extract<ImagePlan, { kind: "build" }>> = {}): ImagePlan {
    return { kind: "build", repository: `${PROJECT}-${STACK}/${name}`, context: `/src/${name}`, args: {}, platform: "linux/amd64", buildCompute: "BUILD_GENERAL1_LARGE", buildProject: `${PROJECT}-${STACK}-${name}`, ...extra };
}

/** The issue 3 acceptance app: web (2 × 0.5 vCPU / 1 GiB, ingress 8080) + a postgres container. */
export function acceptancePlan(mode: Mode): DeploymentPlan {
    const web = service(mode, {
        name: "web",
        cpu: 512,
        memory: 1024,
        replicas: 2,
        ingress: [{ port: 8080, appProtocol: "http", targetGroup: "web-8080", hosts: [] }],
        privatePorts: [{ port: 8080, protocol: "tcp" }],
        dependsOn: [{ service: "postgres", condition: "service_started" }],
        container: {
            portMappings: [{ name: "web-8080", containerPort: 8080, protocol: "tcp", appProtocol: "http" }],
            environment: [{ name: "PGHOST", value: "postgres" }],
            secrets: [
                { name: "DATABASE_URL", source: { kind: "template", parameter: "web/DATABASE_URL", parts: ["postgres://app:", { ref: "POSTGRES_PASSWORD" }, "@postgres:5432/app"] } },
                { name: "SECRET_KEY", source: { kind: "config", name: "SECRET_KEY" } },
            ],
        },
    });
    const postgres = service(mode, {
        name: "postgres",
        image: { kind: "image", image: "postgres:16" },
        privatePorts: [{ port: 5432, protocol: "tcp" }],
        container: {
            portMappings: [{ name: "postgres-5432", containerPort: 5432, protocol: "tcp" }],
            secrets: [{ name: "POSTGRES_PASSWORD", source: { kind: "config", name: "POSTGRES_PASSWORD" } }],
        },
    });
    return deploymentPlan(mode, [web, postgres], {
        config: {
            prefix: `/Defang/${PROJECT}/${STACK}/`,
            required: ["POSTGRES_PASSWORD", "SECRET_KEY"],
            provided: [],
            derived: [{ parameter: "web/DATABASE_URL", description: "DATABASE_URL of web" }],
        },
    });
}
