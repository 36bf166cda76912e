// `domainname` → ACM certificates validated by DNS in the public Route 53 zone of each name, and alias
// records to the ALB. A name whose zone cannot be found gets a warning saying what to do and keeps
// working over HTTP (no certificate, no record): a deploy never fails or hangs on DNS it cannot change.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MAX_COMMON_NAME, commonName } from "../plan/hosts";
import type { CertificatePlan } from "../plan/types";
import { baseDomain, type FoundZone, findZone, knownZone } from "./certificates-zones";
import { type AwsContext, childName, renamedFrom, serviceChildName } from "./context";
import { warn } from "./stores-warnings";

export interface IssuedCertificate {
    domains: string[];
    /** ARN of the validated certificate (resolves once validation completes). */
    certificateArn: pulumi.Output<string>;
}

/** Validation CNAMEs are deterministic per name and account: overwriting one only rewrites the same value. */
export const VALIDATION_RECORD_TTL = 60;
/** Certificates an ALB listener takes besides its default one. */
export const ALB_CERTIFICATE_QUOTA = 25;

/** Certificates to attach to the HTTPS listener. Zones are looked up at deploy; none found → a warning and no certificate. */
export async function createCertificates(ctx: AwsContext, plans: CertificatePlan[]): Promise<IssuedCertificate[]> {
    const issued: IssuedCertificate[] = [];
    for (const plan of plans) {
        const owner = ownerOf(plan);
        const byZone = new Map<string, { zone: FoundZone; domains: string[] }>();
        const missing: string[] = [];
        for (const domain of unique(plan.domains)) {
            const zone = await findZone(ctx, domain, plan.zoneId);
            if (!zone) {
                missing.push(domain);
                continue;
            }
            const group = byZone.get(zone.zoneId) ?? { zone, domains: [] };
            group.domains.push(domain);
            byZone.set(zone.zoneId, group);
        }
        if (missing.length > 0) warnNoZone(ctx, owner, missing);
        // One certificate per zone: each is validated by records in a single zone we can write.
        for (const group of byZone.values()) {
            const first = commonName(group.domains, group.zone.name);
            if (first === undefined) warnNoCommonName(ctx, owner, group.domains, group.zone);
            else issued.push(issueCertificate(ctx, plan, first, group.zone, group.domains));
        }
    }
    if (issued.length > ALB_CERTIFICATE_QUOTA) {
        warn(
            ctx,
            "alb-certificate-quota",
            `${issued.length} certificates exceed the ${ALB_CERTIFICATE_QUOTA} an ALB listener takes by default`,
            `Request a quota increase ("Certificates per Application Load Balancer"), or use domain.name for one wildcard certificate.`,
        );
    }
    return issued;
}

/** Alias A/AAAA records for every host routed to the ALB whose zone is known. */
export function createAliasRecords(
    ctx: AwsContext,
    plans: CertificatePlan[],
    alb: { dnsName: pulumi.Output<string>; zoneId: pulumi.Output<string>; dualstack?: boolean },
): aws.route53.Record[] {
    const records: aws.route53.Record[] = [];
    const seen = new Set<string>();
    for (const plan of plans) {
        for (const domain of plan.domains) {
            const name = domain.toLowerCase().replace(/\.$/, "");
            if (seen.has(name)) continue;
            seen.add(name);
            // Zones were found (or not, with a warning) by createCertificates; a given zone is trusted.
            const zoneId = knownZone(ctx, domain)?.zoneId ?? plan.zoneId;
            if (!zoneId) continue;
            for (const type of alb.dualstack ? ["A", "AAAA"] : ["A"]) {
                records.push(
                    new aws.route53.Record(
                        certificateChildName(ctx, plan, type === "A" ? "alias" : "alias6", name),
                        {
                            zoneId,
                            name,
                            type,
                            aliases: [{ name: alb.dnsName, zoneId: alb.zoneId, evaluateTargetHealth: true }],
                        },
                        { parent: ctx.parent },
                    ),
                );
            }
        }
    }
    return records;
}

/**
/** Where a certificate goes besides the default: another region (`provider`), and a `prefix` on its children's names. */
export interface CertificatePlacement {
    /** CloudFront takes certificates from us-east-1 only; the validation records are Route 53's, global. */
    provider?: pulumi.ProviderResource;
    /** Starts the `what` of the certificate's children (`cdn-`: a static site's distribution). */
    prefix?: string;
}

/**
 * A certificate for `domains` with `first` as its common name (≤ 64 characters): one of the domains, or a
 * parent domain in the same zone when every domain is longer (they are then subject alternative names).
 */
export function issueCertificate(ctx: AwsContext, plan: CertificatePlan, first: string, zone: FoundZone, domains: string[], placement: CertificatePlacement = {}): IssuedCertificate {
    const { provider, prefix = "" } = placement;
    const regional = provider ? { parent: ctx.parent, provider } : { parent: ctx.parent };
    const primary = domains[0];
    const alternatives = domains.filter((d) => d !== first);
    const certificate = new aws.acm.Certificate(
        certificateChildName(ctx, plan, `${prefix}cert`, primary),
        {
            domainName: first,
            subjectAlternativeNames: alternatives.length > 0 ? alternatives : undefined,
            validationMethod: "DNS",
            keyAlgorithm: "RSA_2048",
            tags: ctx.tags,
        },
        regional,
    );
    // `*.example.com` and `example.com` share one validation record.
    const bases = unique([first, ...domains].map(baseDomain));
    const records = bases.map((base) => {
        const option = certificate.domainValidationOptions.apply((options) => options.find((o) => baseDomain(o.domainName) === base));
        return new aws.route53.Record(
            // "cert-record": the certificate's validation (below) is named "cert-validation" already.
            prefix
                ? certificateChildName(ctx, plan, `${prefix}cert-record`, base)
                : renamedFrom(ctx, certificateChildName(ctx, plan, "cert-record", base), childName(ctx, ownerOf(plan), "cert-validation", logicalPart(base))),
            {
                zoneId: zone.zoneId,
                name: option.apply((o) => o?.resourceRecordName ?? ""),
                type: option.apply((o) => o?.resourceRecordType ?? "CNAME"),
                records: [option.apply((o) => o?.resourceRecordValue ?? "")],
                ttl: VALIDATION_RECORD_TTL,
                allowOverwrite: true,
            },
            { parent: ctx.parent },
        );
    });
    const validation = new aws.acm.CertificateValidation(
        certificateChildName(ctx, plan, `${prefix}cert-validation`, primary),
        { certificateArn: certificate.arn, validationRecordFqdns: records.map((r) => r.fqdn) },
        regional,
    );
    return { domains, certificateArn: validation.certificateArn };
}

function warnNoZone(ctx: AwsContext, owner: string, domains: string[]): void {
    const names = domains.join(", ");
    warn(
        ctx,
        "domain-no-zone",
        `${owner}: no public Route 53 hosted zone found for ${names} (nor for a parent domain), so no certificate is issued ` +
            `and no DNS record is created; the load balancer still routes ${names} over HTTP`,
        `For HTTPS, create a public hosted zone for the domain in this AWS account (delegated from your registrar), ` +
            `or pass its id as domain.zoneId, or pass an existing ACM certificate as domain.certificateArn ` +
            `— then point a CNAME for each name at the load balancer (output loadBalancerDnsName).`,
    );
}

function warnNoCommonName(ctx: AwsContext, owner: string, domains: string[], zone: FoundZone): void {
    warn(
        ctx,
        "certificate-name-too-long",
        `${owner}: ${domains.join(", ")} ${domains.length === 1 ? "is" : "are"} longer than the ${MAX_COMMON_NAME} characters a certificate's first name may have, ` +
            `and no parent domain inside the hosted zone ${zone.name} is short enough to stand first; no certificate is issued and the load balancer routes them over HTTP`,
        `Use a host name of at most ${MAX_COMMON_NAME} characters, or pass an existing ACM certificate as domain.certificateArn.`,
    );
}

/**
 * A child of a certificate: of its service (`<name>-<service>/<what>/<domain>`), or, for the project
 * certificate of domain.name, `<name>-domain-<what>:<domain>` (a domain may start like a `what`).
 */
function certificateChildName(ctx: AwsContext, plan: CertificatePlan, what: string, domain: string): string {
    const part = logicalPart(domain);
    if (plan.service) return serviceChildName(ctx, plan.service, what, part);
    return renamedFrom(ctx, `${childName(ctx, "domain", what)}:${part}`, childName(ctx, "domain", what, part));
}

/** The logical-name part for a domain (`*` is not welcome in URNs). */
export function logicalPart(domain: string): string {
    return domain.toLowerCase().replace(/^\*\./, "wildcard.").replace(/\.$/, "");
}

function ownerOf(plan: CertificatePlan): string {
    return plan.service ?? "domain";
}

function unique(values: string[]): string[] {
    return [...new Set(values.map((v) => v.toLowerCase().replace(/\.$/, "")))];
}
