// `domainname` → ACM certificates validated by DNS in the public Route 53 zone of each name, and alias
// records to the ALB. A name whose zone cannot be found gets a warning saying what to do and keeps
// working over HTTP (no certificate, no record): a deploy never fails or hangs on DNS it cannot change.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { CertificatePlan } from "../plan/types";
import { baseDomain, type FoundZone, findZone, knownZone } from "./certificates-zones";
import { type AwsContext, childName } from "./context";
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
        for (const group of byZone.values()) issued.push(issueCertificate(ctx, owner, group.zone, group.domains));
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
                        childName(ctx, ownerOf(plan), type === "A" ? "alias" : "alias6", logicalPart(name)),
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
 * One DNS-validated certificate for `domains` (all in `zone`). `provider` puts the certificate and its
 * validation in another region (CloudFront takes certificates from us-east-1 only); the validation
 * records are Route 53's, global.
 */
export function issueCertificate(ctx: AwsContext, owner: string, zone: FoundZone, domains: string[], provider?: pulumi.ProviderResource): IssuedCertificate {
    const regional = provider ? { parent: ctx.parent, provider } : { parent: ctx.parent };
    const [primary, ...alternatives] = domains;
    const certificate = new aws.acm.Certificate(
        childName(ctx, owner, "cert", logicalPart(primary)),
        {
            domainName: primary,
            subjectAlternativeNames: alternatives.length > 0 ? alternatives : undefined,
            validationMethod: "DNS",
            keyAlgorithm: "RSA_2048",
            tags: ctx.tags,
        },
        regional,
    );
    // `*.example.com` and `example.com` share one validation record.
    const bases = unique(domains.map(baseDomain));
    const records = bases.map((base) => {
        const option = certificate.domainValidationOptions.apply((options) => options.find((o) => baseDomain(o.domainName) === base));
        return new aws.route53.Record(
            childName(ctx, owner, "cert-validation", logicalPart(base)),
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
        childName(ctx, owner, "cert-validation", logicalPart(primary)),
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
