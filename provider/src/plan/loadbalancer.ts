// The shared load balancer: a target group per ingress port, host-header rules with stable
// priorities, the default action, and the certificates the HTTPS listener needs.
import type { HealthCheck } from "../compose/types";
import { QUOTAS, checkQuota, clampTo } from "./aws-limits";
import { type PlanContext, servicePath } from "./context";
import { healthUrl, isDisabled, seconds } from "./healthcheck";
import { MAX_COMMON_NAME, commonName, domainHost, isFqdn, isUnder, normalizeHost, wildcardCovers } from "./hosts";
import { alternateTargetGroupName, iamRoleName, loadBalancerName, targetGroupName } from "./naming";
import type { IngressPort } from "./ports";
import { CATCH_ALL_PRIORITY, assignPriorities } from "./priorities";
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
    /** The service asks ECS for a blue/green, canary or linear rollout (plan/rollout.ts). */
    shiftsTraffic: boolean;
}

export interface ServiceExposure {
    ingress: IngressPlan[];
    loadBalancerPorts: number[];
    /** Every ingress port is routed by exactly one listener rule, which ECS can shift to a second target group. */
    shiftable: boolean;
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
    const pending: Array<{ key: string; targetGroup: string; hosts: string[]; grpc: boolean; listener?: "http" }> = [];
    const listenerOf = new Map<string, IngressPort["listener"]>();
    const unrouted: Array<{ service: string; port: number; targetGroup: string; index: number }> = [];
    const certificates: CertificatePlan[] = [];
    /** Where each target group's port is written, so a quota error can point at the port that crosses it. */
    const portPath = new Map<string, ReturnType<typeof servicePath>>();
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
            portPath.set(tg.key, servicePath(svc.name, "ports", p.index));
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
            if (p.listener) listenerOf.set(tg.key, p.listener);
            const perRule = p.appProtocol === "grpc" ? VALUES_PER_RULE - 1 : VALUES_PER_RULE;
            for (let c = 0; c * perRule < unique.length; c++) {
                pending.push({ key: `${svc.name}:${p.port}:${c}`, targetGroup: tg.key, hosts: unique.slice(c * perRule, (c + 1) * perRule), grpc: p.appProtocol === "grpc" });
            }
        });
        exposure.set(svc.name, { ingress, loadBalancerPorts: [...lbPorts].sort((a, b) => a - b), shiftable: false });
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

    const https = options.domain?.certificateArn !== undefined || certificates.length > 0;
    checkListeners(ctx, withIngress, https);
    // A port forced onto plain HTTP gets its rules on the port-80 listener (which otherwise only redirects).
    if (https) for (const r of rules) if (listenerOf.get(r.targetGroup) === "http") r.listener = "http";
    // The default route of a port forced onto HTTP: the port-80 listener only redirects, so it gets a catch-all rule there.
    if (https && defaultTargetGroup && listenerOf.get(defaultTargetGroup) === "http") {
        rules.push({ priority: CATCH_ALL_PRIORITY, targetGroup: defaultTargetGroup, hosts: [], catchAll: true, listener: "http" });
    }
    const rolloutRole = planTrafficShifting(ctx, withIngress, { exposure, rules, targetGroups, defaultTargetGroup, https, listenerOf, vpcKey });
    // Counted once rollouts have their second target groups and catch-all rules.
    const alternates = targetGroups.filter((t) => t.alternateName !== undefined).length;
    if (targetGroups.length + alternates > MAX_TARGET_GROUPS) {
        ctx.error(
            "alb-too-many-target-groups",
            portPath.get(firstPast(targetGroups, MAX_TARGET_GROUPS, (t) => (t.alternateName !== undefined ? 2 : 1)).key),
            `the project needs ${targetGroups.length + alternates} target groups (${targetGroups.length} ingress ports, ${alternates} of them with a second group for blue/green, canary or linear rollouts); one load balancer holds at most ${MAX_TARGET_GROUPS}`,
            "Make some ports `mode: host` (private), give some services x-defang-rollout: rolling, or split the project.",
        );
    }
    if (rules.length > MAX_RULES) {
        // In file order: the port whose rules cross the quota.
        const rulesOf = new Map<string, number>();
        for (const r of rules) rulesOf.set(r.targetGroup, (rulesOf.get(r.targetGroup) ?? 0) + 1);
        ctx.error("alb-too-many-rules", portPath.get(firstPast(targetGroups, MAX_RULES, (t) => rulesOf.get(t.key) ?? 0).key), `the project needs ${rules.length} listener rules; one load balancer holds at most ${MAX_RULES}`, "Use fewer host names (domainname, aliases) per service, or split the project.");
    }
    if (certificates.length > MAX_CERTIFICATES) {
        const past = firstPast(certificates, MAX_CERTIFICATES, () => 1);
        ctx.error("alb-too-many-certificates", past.service ? servicePath(past.service, "domainname") : undefined, `the project needs ${certificates.length} certificates; one load balancer holds at most ${MAX_CERTIFICATES}`, "Publish services under one domain (domain.name) so a single wildcard certificate covers them.");
    }

    const lb: LoadBalancerPlan = {
        name: loadBalancerName(ctx.naming),
        https,
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
    if (rolloutRole) lb.rolloutRole = rolloutRole;
    return { loadBalancer: lb, exposure };
}

/** The first item at which a running count (each item weighing `weight`) passes `max`; the caller knows it does. */
function firstPast<T>(items: T[], max: number, weight: (item: T) => number): T {
    let total = 0;
    for (const item of items) {
        total += weight(item);
        if (total > max) return item;
    }
    return items[items.length - 1];
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

/**
 * `x-defang-listener` as Defang reads it: `http` serves the port on the plain port-80 listener (Defang's
 * way to keep a port off TLS), `https` requires the HTTPS listener, which exists only with a certificate.
 */
function checkListeners(ctx: PlanContext, services: IngressService[], https: boolean): void {
    for (const svc of services) {
        for (const p of svc.ports) {
            const at = servicePath(svc.name, "ports", p.index, "x-defang-listener");
            if (p.listener === "https" && !https) {
                ctx.error(
                    "listener-https-unavailable",
                    at,
                    `service ${svc.name} port ${p.port} asks for the HTTPS listener, but the load balancer has no certificate, so it serves plain HTTP only`,
                    `Give ${svc.name} a domainname in a Route 53 zone you own, or pass the component domain.name or domain.certificateArn; or remove x-defang-listener.`,
                );
            } else if (p.listener === "http" && https) {
                ctx.warn(
                    "listener-http-plaintext",
                    at,
                    `service ${svc.name} port ${p.port} is served on the plain HTTP listener (port 80, x-defang-listener: http): its requests are not encrypted and not redirected to HTTPS`,
                    "Remove x-defang-listener (or write https) to serve it over TLS like the other ports.",
                );
            }
        }
    }
}

interface Routing {
    exposure: Map<string, ServiceExposure>;
    rules: ListenerRulePlan[];
    targetGroups: TargetGroupPlan[];
    defaultTargetGroup?: string;
    https: boolean;
    listenerOf: Map<string, IngressPort["listener"]>;
    vpcKey: string;
}

/**
 * Blue/green, canary and linear rollouts: ECS starts the new revision in a second target group and moves
 * each port's listener rule (a weighted forward to both groups) to it. A port needs exactly one rule for
 * that: the port served by the listener's default action gets a catch-all rule (`/*`, last priority);
 * a port split over several rules (more than 5 host names) cannot be shifted, and its service rolls.
 * Returns the IAM role ECS needs, when any service shifts traffic.
 */
function planTrafficShifting(ctx: PlanContext, services: IngressService[], r: Routing): { name: string } | undefined {
    let any = false;
    for (const svc of services) {
        const exposed = r.exposure.get(svc.name);
        if (!exposed) continue;
        const rulesOf = (tg: string) => r.rules.filter((rule) => rule.targetGroup === tg);
        exposed.shiftable = exposed.ingress.every((i) => rulesOf(i.targetGroup).length === 1 || (rulesOf(i.targetGroup).length === 0 && r.defaultTargetGroup === i.targetGroup));
        if (!svc.shiftsTraffic || !exposed.shiftable) continue;
        any = true;
        for (const i of exposed.ingress) {
            if (rulesOf(i.targetGroup).length === 0) {
                const rule: ListenerRulePlan = { priority: CATCH_ALL_PRIORITY, targetGroup: i.targetGroup, hosts: [], catchAll: true };
                if (r.https && r.listenerOf.get(i.targetGroup) === "http") rule.listener = "http";
                r.rules.push(rule);
            }
            for (const rule of rulesOf(i.targetGroup)) rule.production = true;
            const tg = r.targetGroups.find((t) => t.key === i.targetGroup)!;
            tg.alternateName = alternateTargetGroupName(ctx.naming, svc.label, tg.port, `${tg.protocolVersion}|${r.vpcKey}`);
        }
    }
    r.rules.sort((a, b) => a.priority - b.priority);
    return any ? { name: iamRoleName(ctx.naming, "ecs-rollout") } : undefined;
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
