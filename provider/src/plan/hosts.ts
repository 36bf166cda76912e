// Public host names: validation and the names a service gets on the shared load balancer.
import { STRINGS } from "./aws-limits";

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A fully-qualified host name (optionally `*.`-prefixed): ≥ 2 labels, ≤ 253 characters, TLD not numeric. */
export function isFqdn(name: string, allowWildcard = true): boolean {
    const n = name.toLowerCase().replace(/\.$/, "");
    if (n.length === 0 || n.length > 253) return false;
    const labels = n.split(".");
    if (labels.length < 2) return false;
    if (allowWildcard && labels[0] === "*") labels.shift();
    if (labels.length < 2) return false;
    if (/^\d+$/.test(labels[labels.length - 1])) return false;
    return labels.every((l) => LABEL.test(l));
}

export function normalizeHost(name: string): string {
    return name.trim().toLowerCase().replace(/\.$/, "");
}

/** True when `host` is `domain` or a name below it. */
export function isUnder(host: string, domain: string): boolean {
    return host === domain || host.endsWith(`.${domain}`);
}

/** True when a `*.domain` certificate covers `host` (exactly one label below `domain`). */
export function wildcardCovers(domain: string, host: string): boolean {
    if (!host.endsWith(`.${domain}`)) return false;
    const head = host.slice(0, host.length - domain.length - 1);
    return head.length > 0 && !head.includes(".") && head !== "*";
}

/** The host a service port gets under the caller's domain: `<label>.<domain>`, other ports `<label>--<port>.<domain>`. */
export function domainHost(label: string, port: number, first: boolean, domain: string): string {
    return first ? `${label}.${domain}` : `${label}--${port}.${domain}`;
}

/** A certificate's first name (its common name) may have at most this many characters (ACM, RFC 5280). */
export const MAX_COMMON_NAME = STRINGS.acmDomainName.max;

/**
 * The name to put first on a certificate for `domains`: the first one short enough to be its common name,
 * else the nearest parent domain of the first (inside `zone` when given, ≥ 2 labels) that is — the long
 * names then ride as subject alternative names (≤ 253 each). Undefined when no name fits.
 */
export function commonName(domains: string[], zone?: string): string | undefined {
    const fits = domains.find((d) => d.length <= MAX_COMMON_NAME);
    if (fits !== undefined || domains.length === 0) return fits;
    const first = domains[0].toLowerCase();
    const base = first.replace(/^\*\./, "");
    const labels = base.split(".");
    const candidates = [...(base !== first ? [base] : []), ...labels.slice(1).map((_, i) => labels.slice(i + 1).join("."))];
    return candidates.find((c) => c.split(".").length >= 2 && c.length <= MAX_COMMON_NAME && (zone === undefined || isUnder(c, zone)));
}
