// Static sites (plan/static-sites.ts): per site a private bucket (aws/s3.ts) that only its CloudFront
// distribution reads (origin access control, signed requests, the distribution's ARN in the bucket
// policy), a viewer-request function for redirects and directory indexes (static-site-function.ts),
// HTTPS only (AWS's managed security-headers policy, caching by the objects' Cache-Control), for each
// public name an ACM certificate in us-east-1 and Route 53 alias records, and one StaticSiteSync that
// copies the folder out of the image and syncs it (resources/static-site-sync.ts).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MAX_COMMON_NAME, commonName } from "../plan/hosts";
import { description } from "../plan/naming";
import type { StaticSitePlan } from "../plan/types";
import { SITE_FORMAT } from "../resources/static-site-files";
import { STATIC_SITE_SYNC_TOKEN, type StaticSiteSyncInputs } from "../resources/static-site-sync-spec";
import { pluginVersion } from "./build-image";
import { type IssuedCertificate, issueCertificate, logicalPart } from "./certificates";
import { findZone, knownZone } from "./certificates-zones";
import { childName, serviceChildName } from "./context";
import { type Context, child, displayPrefix, tagged } from "./core";
import { bucketTags, createPrivateBucket } from "./s3";
import { siteFunctionCode } from "./static-site-function";
import { warn } from "./stores-warnings";

/** AWS managed policies (CloudFront "Use managed cache policies" / "managed response headers policies"). */
export const CACHING_OPTIMIZED_POLICY = "658327ea-f89d-4fab-a63d-7e88639e58f6";
export const SECURITY_HEADERS_POLICY = "67f7725c-6f97-4210-82d7-5512b31e9d03";
const ORIGIN_ID = "site-bucket";

type SyncArgs = { [K in keyof StaticSiteSyncInputs]: pulumi.Input<NonNullable<StaticSiteSyncInputs[K]>> | undefined };

/** The component's side of defang:index:StaticSiteSync (implemented by this package's plugin). */
export class StaticSiteSync extends pulumi.CustomResource {
    declare readonly siteHash: pulumi.Output<string>;
    declare readonly objects: pulumi.Output<number>;

    constructor(name: string, args: SyncArgs, opts: pulumi.CustomResourceOptions = {}) {
        const outputs = { archiveKey: undefined, siteHash: undefined, objects: undefined, bytes: undefined, uploaded: undefined, deleted: undefined, invalidationId: undefined };
        super(STATIC_SITE_SYNC_TOKEN, name, { ...args, ...outputs }, { version: pluginVersion(), ...opts });
    }
}

/** What a site needs from the build chain: the image to copy out of, and where the extraction runs. */
export interface SiteSource {
    image: pulumi.Input<string>;
    archiveBucket: pulumi.Input<string>;
    extractProject: pulumi.Input<string>;
    /** The build role's policy and the image build: the extraction waits for them. */
    dependsOn: pulumi.Resource[];
}

export interface StaticSiteResources {
    plan: StaticSitePlan;
    bucket: aws.s3.Bucket;
    distribution: aws.cloudfront.Distribution;
    sync: StaticSiteSync;
    /** `https://<first public name>`, else the distribution's `*.cloudfront.net` name. */
    url: pulumi.Output<string>;
    /** Public names with a certificate and alias records. */
    domains: string[];
}

export async function createStaticSites(ctx: Context, sites: StaticSitePlan[], sources: Map<string, SiteSource>, timeoutMinutes: number): Promise<StaticSiteResources[]> {
    const out: StaticSiteResources[] = [];
    let usEast1: aws.Provider | undefined;
    const provider = (): aws.Provider => (usEast1 ??= cloudFrontProvider(ctx));
    for (const site of sites) {
        const source = sources.get(site.name);
        if (!source) throw new Error(`no image source was prepared for static site "${site.name}"`);
        const cert = await siteCertificate(ctx, site, provider);
        out.push(createSite(ctx, site, source, cert, timeoutMinutes));
    }
    return out;
}

function createSite(ctx: Context, site: StaticSitePlan, source: SiteSource, cert: IssuedCertificate | undefined, timeoutMinutes: number): StaticSiteResources {
    const prefix = displayPrefix(ctx.plan);
    // Children of the site's compose service: `<name>-<site>/<what>`.
    const name = (...what: string[]) => serviceChildName(ctx, site.name, ...what);
    const access = new aws.cloudfront.OriginAccessControl(
        name("origin-access"),
        {
            name: site.originAccessName,
            description: `CloudFront reads the files of ${site.name} (${prefix})`,
            originAccessControlOriginType: "s3",
            signingBehavior: "always",
            signingProtocol: "sigv4",
        },
        child(ctx),
    );
    const fn = new aws.cloudfront.Function(
        name("viewer-request"),
        {
            name: site.functionName,
            runtime: "cloudfront-js-2.0",
            comment: description("cloudFrontFunctionComment", `Redirects and directory indexes of ${site.name} (${prefix})`),
            code: siteFunctionCode(site.redirects),
            publish: true,
        },
        child(ctx),
    );
    // The bucket's domain is the origin; the distribution's ARN goes into the bucket policy, made after both.
    let distributionArn: pulumi.Output<string> | undefined;
    const { bucket, policy } = createPrivateBucket(ctx, {
        logicalName: (...what) => name("bucket", ...what),
        name: { bucket: site.bucketName },
        // The image is the source of these files: destroying the site may delete them.
        forceDestroy: true,
        tags: bucketTags(ctx, "static-site", { "defang:service": site.name }),
        statements: (arn) => distributionArn!.apply((source) => cloudFrontReadStatements(arn, source)),
    });
    const domains = cert ? cert.domains : [];
    const distribution = new aws.cloudfront.Distribution(
        name("cdn"),
        {
            enabled: true,
            comment: description("cloudFrontDistributionComment", `${site.name} static files (${prefix})`),
            isIpv6Enabled: true,
            httpVersion: "http2and3",
            priceClass: site.priceClass,
            defaultRootObject: "index.html",
            aliases: domains,
            origins: [{ originId: ORIGIN_ID, domainName: bucket.bucketRegionalDomainName, originAccessControlId: access.id }],
            defaultCacheBehavior: {
                targetOriginId: ORIGIN_ID,
                viewerProtocolPolicy: "redirect-to-https",
                allowedMethods: ["GET", "HEAD", "OPTIONS"],
                cachedMethods: ["GET", "HEAD"],
                compress: true,
                cachePolicyId: CACHING_OPTIMIZED_POLICY,
                responseHeadersPolicyId: SECURITY_HEADERS_POLICY,
                functionAssociations: [{ eventType: "viewer-request", functionArn: fn.arn }],
            },
            // Single-page apps: a path with no file answers the fallback page (the bucket says 404, or 403 before its policy lets CloudFront list).
            customErrorResponses: site.fallback ? [403, 404].map((code) => ({ errorCode: code, responseCode: 200, responsePagePath: site.fallback!, errorCachingMinTtl: 10 })) : [],
            restrictions: { geoRestriction: { restrictionType: "none" } },
            viewerCertificate: cert
                ? { acmCertificateArn: cert.certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }
                : { cloudfrontDefaultCertificate: true },
            tags: tagged(ctx, undefined, { "defang:service": site.name }),
        },
        child(ctx),
    );
    distributionArn = distribution.arn;
    for (const domain of domains) {
        const zoneId = knownZone(ctx, domain)?.zoneId ?? site.zoneId;
        if (!zoneId) continue;
        for (const type of ["A", "AAAA"]) {
            new aws.route53.Record(
                name(type === "A" ? "cdn-alias" : "cdn-alias6", logicalPart(domain)),
                { zoneId, name: domain, type, aliases: [{ name: distribution.domainName, zoneId: distribution.hostedZoneId, evaluateTargetHealth: false }] },
                child(ctx),
            );
        }
    }
    const sync = new StaticSiteSync(
        name("files"),
        {
            region: ctx.account.region,
            service: site.name,
            image: source.image,
            platform: site.platform,
            folder: site.folder,
            siteBucket: bucket.bucket,
            distributionId: distribution.id,
            archiveBucket: source.archiveBucket,
            extractProject: source.extractProject,
            format: SITE_FORMAT,
            timeoutMinutes,
        },
        child(ctx, { dependsOn: [policy, ...source.dependsOn] }),
    );
    const url = domains.length > 0 ? pulumi.output(`https://${domains[0]}`) : pulumi.interpolate`https://${distribution.domainName}`;
    return { plan: site, bucket, distribution, sync, url, domains };
}

/** Only this distribution reads the bucket (GetObject), and lists it so a missing file is a 404, not a 403. */
export function cloudFrontReadStatements(bucketArn: string, distributionArn: string): Array<Record<string, unknown>> {
    const from = { Principal: { Service: "cloudfront.amazonaws.com" }, Condition: { StringEquals: { "AWS:SourceArn": distributionArn } } };
    return [
        { Sid: "CloudFrontReadsFiles", Effect: "Allow", Action: "s3:GetObject", Resource: `${bucketArn}/*`, ...from },
        { Sid: "CloudFrontListsFiles", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn, ...from },
    ];
}

/** A certificate (us-east-1) for the names whose zone is found; the others are warned about and not served. */
async function siteCertificate(ctx: Context, site: StaticSitePlan, provider: () => aws.Provider): Promise<IssuedCertificate | undefined> {
    if (site.domains.length === 0) return undefined;
    const found: string[] = [];
    const missing: string[] = [];
    let zone: Awaited<ReturnType<typeof findZone>>;
    for (const domain of site.domains) {
        const z = await findZone(ctx, domain, site.zoneId);
        // One certificate, validated in one zone: names of other zones get a warning.
        if (z && (!zone || z.zoneId === zone.zoneId)) {
            zone = z;
            found.push(domain);
        } else missing.push(domain);
    }
    if (missing.length > 0) {
        warn(
            ctx,
            "domain-no-zone",
            `${site.name}: no public Route 53 hosted zone of this account holds ${missing.join(", ")}${found.length > 0 ? ` (or it is another zone than ${found[0]}'s)` : ""}, so CloudFront does not serve ${missing.length === 1 ? "it" : "them"}; the site stays reachable at its *.cloudfront.net address (output staticSites)`,
            "Create a public hosted zone for the domain in this account (delegated from your registrar) or pass its id as domain.zoneId; one static site takes names of one zone.",
        );
    }
    if (!zone) return undefined;
    const first = commonName(found, zone.name);
    if (first === undefined) {
        warn(
            ctx,
            "certificate-name-too-long",
            `${site.name}: ${found.join(", ")} ${found.length === 1 ? "is" : "are"} longer than the ${MAX_COMMON_NAME} characters a certificate's first name may have, and no parent domain inside the hosted zone ${zone.name} is short enough to stand first; CloudFront does not serve ${found.length === 1 ? "it" : "them"}`,
            `Use a host name of at most ${MAX_COMMON_NAME} characters; the site stays reachable at its *.cloudfront.net address (output staticSites).`,
        );
        return undefined;
    }
    // Children of the site: `<name>-<site>/cdn-cert/<domain>`, its records and validation.
    return issueCertificate(ctx, { service: site.name, domains: found, zoneId: zone.zoneId }, first, zone, found, { provider: provider(), prefix: "cdn-" });
}

/** CloudFront takes certificates from us-east-1 only: an explicit provider there, with the stack's AWS profile if it sets one. */
function cloudFrontProvider(ctx: Context): aws.Provider {
    const config = new pulumi.Config("aws");
    const profile = config.get("profile");
    return new aws.Provider(childName(ctx, "us-east-1"), { region: "us-east-1", ...(profile ? { profile } : {}) }, { parent: ctx.parent });
}
