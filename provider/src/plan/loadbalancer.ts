// The shared load balancer: a target group per ingress port, host-header rules with stable
// priorities, the default action, and the certificates the HTTPS listener needs.
import type { HealthCheck } from "../compose/types";
import { QUOTAS, checkQuota, clampTo } from "./aws-limits";
import { type PlanContext, servicePath } from "./context";
import { healthUrl, isDisabled, seconds } from "./healthcheck";
import { MAX_COMMON_NAME, commonName, domainHost, isFqdn, isUnder, normalizeHost, wildcardCovers } from "./hosts";
import { loadBalancerName, targetGroupName } from "./naming";
import type { IngressPort } from "./ports";
import { assignPriorities } from "./priorities";
import type { CertificatePlan, IngressPlan, ListenerRulePlan, LoadBalancerPlan, TargetGroupPlan } from "./types";

const MAX_TARGET_GROUPS = QUOTAS.targetGroupsPerLoadBalancer.max;
const MAX_RULES = QUOTAS.rulesPerLoadBalancer.max;
const MAX_CERTIFICATES = QUOTAS.certificatesPerLoadBalancer.max;
const VALUES_PER_RULE = QUOTAS.conditionValuesPerRule.max;
/** TLS 1.3 + 1.2 only (LB-06). */
export const SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

export interface IngressService {
    name: string;
    label: string;
    ports: IngressPort[];
    domainname?: string;
    /** Network aliases that are fully-qualified names (public hosts on the first port). */
    fqdnAliases: string[];
    healthcheck?: HealthCheck;
}

export interface ServiceExposure {
    ingress: IngressPlan[];
    loadBalancerPorts: number[];
}

export interface LoadBalancerResult {
    loadBalancer?: LoadBalancerPlan;
    exposure: Map<string, ServiceExposure>;
}

const PROTOCOL_VERSION = { http: "HTTP1", http2: "HTTP2", grpc: "GRPC" } as const;

export function planLoadBalancer(ctx: PlanContext, services: IngressService[]): LoadBalancerResult {
    const exposure = new Map<string, ServiceExposure>();
    const withIngress = services.filter((s) => s.ports.length > 0);
    if (withIngress.length === 0) return { exposure };

    const { options, settings } = ctx;
    const domain = options.domain?.name ? normalizeHost(options.domain.name) : undefined;
    if (domain !== undefined && !isFqdn(domain, false)) {
        ctx.error("domain-invalid", undefined, `domain.name "${options.domain?.name}" is not a domain name`, "Give a domain you own in Route 53, e.g. example.com or apps.example.com.");
        return { exposure };
    }
    const totalPorts = withIngress.reduce((n, s) => n + s.ports.length, 0);
    const vpcKey = options.network?.adopt?.vpcId ?? "managed-vpc";
    const hostOwner = new Map<string, string>();
    const targetGroups: TargetGroupPlan[] = [];
    const pending: Array<{ key: string; targetGroup: string; hosts: string[]; grpc: boolean }> = [];
    const unrouted: Array<{ service: string; port: number; targetGroup: string; index: number }> = [];
    const certificates: CertificatePlan[] = [];
    let apexRouted = false;

    for (const svc of withIngress) {
        const ingress: IngressPlan[] = [];
        const lbPorts = new Set<number>();
        const url = healthUrl(svc.healthcheck);
        const ownHosts = serviceHosts(ctx, svc);
        svc.ports.forEach((p, i) => {
            const first = i === 0;
            const protocolVersion = PROTOCOL_VERSION[p.appProtocol];
            const tg: TargetGroupPlan = {
                key: `${svc.name}-${p.port}`,
                service: svc.name,
                port: p.port,
                name: targetGroupName(ctx.naming, svc.label, p.port, `${protocolVersion}|${vpcKey}`),
                protocolVersion,
                deregistrationDelaySeconds: settings.deregistrationDelaySeconds,
                healthCheck: targetHealthCheck(ctx, svc, p, url),
            };
            targetGroups.push(tg);
            lbPorts.add(p.port);
            if (tg.healthCheck.port !== undefined) lbPorts.add(tg.healthCheck.port);

            const hosts: string[] = first ? [...ownHosts] : [];
            if (domain) hosts.push(domainHost(svc.label, p.port, first, domain));
            if (domain && totalPorts === 1) {
                hosts.push(domain);
                apexRouted = true;
            }
            const unique = hosts.filter((h, k) => hosts.indexOf(h) === k && claim(ctx, hostOwner, h, svc));
            ingress.push({ port: p.port, appProtocol: p.appProtocol, targetGroup: tg.key, hosts: unique });
            if (unique.length === 0) unrouted.push({ service: svc.name, port: p.port, targetGroup: tg.key, index: p.index });
            const perRule = p.appProtocol === "grpc" ? VALUES_PER_RULE - 1 : VALUES_PER_RULE;
            for (let c = 0; c * perRule < unique.length; c++) {
                pending.push({ key: `${svc.name}:${p.port}:${c}`, targetGroup: tg.key, hosts: unique.slice(c * perRule, (c + 1) * perRule), grpc: p.appProtocol === "grpc" });
            }
        });
        exposure.set(svc.name, { ingress, loadBalancerPorts: [...lbPorts].sort((a, b) => a - b) });
    }

    const priorities = assignPriorities(pending.map((r) => r.key));
    const rules: ListenerRulePlan[] = pending
        .map((r) => {
            const rule: ListenerRulePlan = { priority: priorities.get(r.key)!, targetGroup: r.targetGroup, hosts: r.hosts };
            if (r.grpc) rule.grpc = true;
            return rule;
        })
        .sort((a, b) => a.priority - b.priority);

    let defaultTargetGroup: string | undefined;
    if (unrouted.length > 0) {
        defaultTargetGroup = unrouted[0].targetGroup;
        for (const u of unrouted.slice(1)) {
            ctx.warn(
                "ingress-unrouted",
                servicePath(u.service, "ports", u.index),
                `service ${u.service} port ${u.port} has no host name, and the load balancer's address already serves ${unrouted[0].service} port ${unrouted[0].port}: nothing routes to it`,
                `Set \`domainname\` on ${u.service}, or give the component \`domain.name\` so every ingress service is published as <service>.<name>.`,
            );
        }
    } else if (totalPorts === 1) {
        defaultTargetGroup = targetGroups[0].key;
    }

    if (options.domain?.certificateArn === undefined && domain && targetGroups.length > 0 && usesDomain(hostOwner, domain)) {
        const cert: CertificatePlan = { domains: apexRouted ? [`*.${domain}`, domain] : [`*.${domain}`] };
        if (options.domain?.zoneId) cert.zoneId = options.domain.zoneId;
        certificates.push(cert);
    }
    const hostsOf = new Map<string, string[]>();
    for (const [h, owner] of hostOwner) hostsOf.set(owner, [...(hostsOf.get(owner) ?? []), h]);
    for (const svc of withIngress) {
        const mine = hostsOf.get(svc.name) ?? [];
        const uncovered = mine.filter((h) => !covered(h, domain, options.domain?.certificateArn !== undefined));
        if (uncovered.length === 0) continue;
        const cert: CertificatePlan = { domains: uncovered, service: svc.name };
        const zoneId = options.domain?.zoneId;
        if (zoneId && (!domain || uncovered.every((h) => isUnder(h, domain)))) cert.zoneId = zoneId;
        certificates.push(cert);
    }

    for (const cert of certificates) checkCertificate(ctx, cert);
    if (targetGroups.length > MAX_TARGET_GROUPS) {
        ctx.error("alb-too-many-target-groups", undefined, `the project has ${targetGroups.length} ingress ports; one load balancer holds at most ${MAX_TARGET_GROUPS} target groups`, "Make some ports `mode: host` (private), or split the project.");
    }
    if (rules.length > MAX_RULES) {
        ctx.error("alb-too-many-rules", undefined, `the project needs ${rules.length} listener rules; one load balancer holds at most ${MAX_RULES}`, "Use fewer host names (domainname, aliases) per service, or split the project.");
    }
    if (certificates.length > MAX_CERTIFICATES) {
        ctx.error("alb-too-many-certificates", undefined, `the project needs ${certificates.length} certificates; one load balancer holds at most ${MAX_CERTIFICATES}`, "Publish services under one domain (domain.name) so a single wildcard certificate covers them.");
    }

    const lb: LoadBalancerPlan = {
        name: loadBalancerName(ctx.naming),
        https: options.domain?.certificateArn !== undefined || certificates.length > 0,
        certificates,
        sslPolicy: SSL_POLICY,
        idleTimeoutSeconds: 60,
        deletionProtection: settings.albDeletionProtection,
        dropInvalidHeaderFields: true,
        httpRedirectCode: settings.httpRedirectCode,
        targetGroups,
        rules,
    };
    if (options.domain?.certificateArn !== undefined) lb.certificateArn = options.domain.certificateArn;
    if (defaultTargetGroup) lb.defaultTargetGroup = defaultTargetGroup;
    return { loadBalancer: lb, exposure };
}

/**
 * A certificate AWS can issue: a name of at most 64 characters stands first (one of its names, else a
 * parent domain of the first, aws/certificates.ts), and it holds at most ACM's names per certificate.
 */
function checkCertificate(ctx: PlanContext, cert: CertificatePlan): void {
    const path = cert.service ? servicePath(cert.service, "domainname") : undefined;
    const first = commonName(cert.domains);
    if (first === undefined) {
        const long = cert.domains[0];
        ctx.error(
            "aws-name-too-long",
            path,
            `${long} has ${long.length} characters: a certificate's first name (its common name) may have ${MAX_COMMON_NAME}, and no parent domain of it is short enough to stand first`,
            `Use a host name whose parent domain has at most ${MAX_COMMON_NAME} characters, or pass an existing ACM certificate as domain.certificateArn.`,
        );
        return;
    }
    const names = new Set([first, ...cert.domains]).size;
    const quota = checkQuota("namesPerCertificate", names);
    if (quota) {
        ctx.error(
            "aws-quota-exceeded",
            cert.service ? servicePath(cert.service, "networks") : undefined,
            `${cert.service ? `service ${cert.service}` : "domain.name"}: its certificate would need ${names} names; ACM allows ${QUOTAS.namesPerCertificate.max} per certificate by default`,
            "Use fewer public host names (domainname and dotted network aliases) per service, or request a higher ACM quota.",
        );
    }
}

/** `domainname` and fully-qualified network aliases, validated and lower-cased. */
function serviceHosts(ctx: PlanContext, svc: IngressService): string[] {
    const hosts: string[] = [];
    if (svc.domainname !== undefined) {
        const h = normalizeHost(svc.domainname);
        if (isFqdn(h)) hosts.push(h);
        else {
            ctx.error(
                "domainname-invalid",
                servicePath(svc.name, "domainname"),
                `service ${svc.name}: domainname "${svc.domainname}" is not a fully-qualified host name`,
                "Use a name like app.example.com (letters, digits and hyphens, at least two labels).",
            );
        }
    }
    for (const a of svc.fqdnAliases) hosts.push(normalizeHost(a));
    return hosts;
}

function claim(ctx: PlanContext, owners: Map<string, string>, host: string, svc: IngressService): boolean {
    const owner = owners.get(host);
    if (owner === undefined) {
        owners.set(host, svc.name);
        return true;
    }
    if (owner !== svc.name) {
        ctx.error(
            "host-conflict",
            servicePath(svc.name, svc.domainname !== undefined && normalizeHost(svc.domainname) === host ? "domainname" : "networks"),
            `host ${host} is claimed by services ${owner} and ${svc.name}`,
            "Each public host name can route to one service only; give one of them another domainname or alias.",
        );
    }
    return false;
}

function usesDomain(owners: Map<string, string>, domain: string): boolean {
    return [...owners.keys()].some((h) => wildcardCovers(domain, h) || h === domain);
}

/** Hosts already served by the project certificate (`*.<domain>`) or by the caller's certificateArn. */
function covered(host: string, domain: string | undefined, callerCertificate: boolean): boolean {
    if (!domain) return false;
    if (callerCertificate) return isUnder(host, domain);
    return wildcardCovers(domain, host) || host === domain;
}

/**
 * ALB health check: path and port from the compose healthcheck's loopback URL (else `/` on the traffic
 * port); gRPC targets use the ALB's gRPC health path and accept any gRPC status below 100. Interval,
 * timeout and retries follow the compose healthcheck when given, within ALB limits.
 */
function targetHealthCheck(ctx: PlanContext, svc: IngressService, port: IngressPort, url: ReturnType<typeof healthUrl>): TargetGroupPlan["healthCheck"] {
    const mode = ctx.settings.healthCheck;
    const hc = isDisabled(svc.healthcheck) ? undefined : svc.healthcheck;
    const interval = clampTo("albHealthCheckInterval", seconds(hc?.interval) ?? mode.intervalSeconds);
    const timeout = Math.min(clampTo("albHealthCheckTimeout", seconds(hc?.timeout) ?? mode.timeoutSeconds), interval - 1);
    const grpc = port.appProtocol === "grpc";
    const check: TargetGroupPlan["healthCheck"] = {
        path: grpc ? "/AWS.ALB/healthcheck" : (url?.path ?? "/"),
        matcher: grpc ? "0-99" : "200-399",
        intervalSeconds: interval,
        timeoutSeconds: timeout,
        healthyThreshold: mode.healthyThreshold,
        unhealthyThreshold: clampTo("albUnhealthyThreshold", hc?.retries ?? mode.unhealthyThreshold),
    };
    if (!grpc && url?.port !== undefined && url.port !== port.port) check.port = url.port;
    return check;
}
