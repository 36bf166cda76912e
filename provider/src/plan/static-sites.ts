// `x-defang-static-files` → a static site: the service's image is built (or pulled) as any service's,
// its folder is copied out and synced to a private S3 bucket behind CloudFront (origin access control:
// only the distribution reads the bucket). Public names come from `domainname`, dotted network aliases
// or `<service>.<domain.name>`; they get an ACM certificate in us-east-1 and Route 53 aliases at
// deploy. The redirect rules (compose/defang/static-files.ts) run in a CloudFront Function, except the
// catch-all `/* <page> 200`, which is the bucket's "no such file" answer (single-page apps).
import type { ServiceConfig } from "../compose/types";
import { parseRedirect } from "../compose/defang/static-files";
import { isArm, planImage, platformOf } from "./container";
import { type PlanContext, servicePath } from "./context";
import { staticFilesOptions } from "./extensions";
import { isFqdn, normalizeHost } from "./hosts";
import { cloudFrontFunctionName, cloudFrontOriginAccessName, dnsLabel, s3BucketName } from "./naming";
import type { RedirectPlan, StaticSitePlan } from "./types";

/** CloudFront Functions hold at most 10 KB of code; the rules are kept well below, beside the handler. */
export const MAX_REDIRECT_BYTES = 8000;

export function planStaticSites(ctx: PlanContext, services: ServiceConfig[]): StaticSitePlan[] {
    const { options, settings } = ctx;
    const out: StaticSitePlan[] = [];
    for (const svc of services) {
        const sf = staticFilesOptions(svc);
        if (!sf || !sf.folder.startsWith("/")) continue; // the Defang rules report a relative folder
        const image = planImage(ctx, svc);
        if (!image) continue;
        const redirects: RedirectPlan[] = [];
        let fallback: string | undefined;
        for (const text of sf.redirects) {
            const rule = parseRedirect(text);
            if ("error" in rule) continue; // reported at its line by the Defang rules
            if (rule.status === 200 && rule.splat && rule.from === "/") fallback ??= rule.to;
            else redirects.push({ from: rule.from, prefix: rule.splat, to: rule.to, status: rule.status });
        }
        if (JSON.stringify(redirects).length > MAX_REDIRECT_BYTES) {
            ctx.error(
                "static-files-redirects-too-many",
                servicePath(svc.name, "x-defang-static-files", "redirects"),
                `service ${svc.name}: ${redirects.length} redirect rules do not fit in a CloudFront Function (10 KB of code)`,
                "Use prefix rules (`/docs/* https://docs.example.com/:splat`) instead of one rule per page.",
            );
            continue;
        }
        const site: StaticSitePlan = {
            name: svc.name,
            label: dnsLabel(svc.name),
            image,
            platform: platformOf(svc),
            cpuArchitecture: isArm(image.kind === "build" ? image.platform : platformOf(svc)) ? "ARM64" : "X86_64",
            folder: sf.folder.replace(/(.)\/+$/, "$1"),
            bucketName: s3BucketName(ctx.naming, options.accountId ?? "", svc.name, "site"),
            functionName: cloudFrontFunctionName(ctx.naming, svc.name),
            originAccessName: cloudFrontOriginAccessName(ctx.naming, svc.name),
            redirects,
            domains: siteDomains(ctx, svc),
            priceClass: settings.cdnPriceClass,
            source: servicePath(svc.name),
        };
        if (fallback) site.fallback = fallback;
        if (options.domain?.zoneId) site.zoneId = options.domain.zoneId;
        out.push(site);
    }
    return out;
}

/** `domainname`, dotted network aliases, else `<label>.<domain.name>` when the component has a domain. */
function siteDomains(ctx: PlanContext, svc: ServiceConfig): string[] {
    const names: string[] = [];
    if (svc.domainname) {
        const host = normalizeHost(svc.domainname);
        if (isFqdn(host, false)) names.push(host);
        else ctx.error("domainname-invalid", servicePath(svc.name, "domainname"), `service ${svc.name}: domainname "${svc.domainname}" is not a host name`, "Use a fully-qualified name such as www.example.com.");
    }
    for (const cfg of Object.values(svc.networks ?? {})) {
        for (const alias of cfg?.aliases ?? []) if (alias.includes(".") && isFqdn(alias, false)) names.push(normalizeHost(alias));
    }
    const domain = ctx.options.domain?.name ? normalizeHost(ctx.options.domain.name) : undefined;
    if (names.length === 0 && domain && isFqdn(domain, false)) names.push(`${dnsLabel(svc.name)}.${domain}`);
    return [...new Set(names)];
}
