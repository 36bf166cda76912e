// Finding the public Route 53 hosted zone of a domain name at deploy time: the given zone when the name
// is inside it, else the closest zone found walking up the parent domains (`a.b.example.com` →
// `b.example.com` → `example.com`). Results are remembered per component, so the alias records made
// after the load balancer use the zones the certificates found.
import * as aws from "@pulumi/aws";
import type { AwsContext } from "./context";

export interface FoundZone {
    zoneId: string;
    /** Zone name without the trailing dot. */
    name: string;
}

/** Per component: domain → zone (undefined = looked up, none found). */
const found = new WeakMap<AwsContext["parent"], Map<string, FoundZone | undefined>>();
/** Per component: zone name → lookup (shared by every domain under it). */
const byName = new WeakMap<AwsContext["parent"], Map<string, Promise<FoundZone | undefined>>>();

/** `*.api.example.com` → `api.example.com`; lower case, no trailing dot. */
export function baseDomain(domain: string): string {
    return domain.toLowerCase().replace(/\.$/, "").replace(/^\*\./, "");
}

/** Candidate zone names, longest first; never a bare top-level domain. */
export function parentDomains(domain: string): string[] {
    const labels = baseDomain(domain).split(".");
    const out: string[] = [];
    for (let i = 0; i + 2 <= labels.length; i++) out.push(labels.slice(i).join("."));
    return out;
}

export function isInZone(domain: string, zoneName: string): boolean {
    const d = baseDomain(domain);
    const z = baseDomain(zoneName);
    return d === z || d.endsWith(`.${z}`);
}

/** The zone of `domain`, or undefined when neither the given zone nor any parent domain has one. */
export async function findZone(ctx: AwsContext, domain: string, givenZoneId?: string): Promise<FoundZone | undefined> {
    const cache = cacheOf(found, ctx);
    const key = `${givenZoneId ?? ""}|${baseDomain(domain)}`;
    if (cache.has(key)) return cache.get(key);
    let zone: FoundZone | undefined;
    if (givenZoneId) {
        const given = await lookup(ctx, { zoneId: givenZoneId });
        // A zone that does not contain the name could never validate it (ACM would wait for hours).
        if (given && (given.name === "" || isInZone(domain, given.name))) zone = given;
    }
    for (const candidate of zone ? [] : parentDomains(domain)) {
        zone = await lookupByName(ctx, candidate);
        if (zone) break;
    }
    cache.set(key, zone);
    cache.set(`|${baseDomain(domain)}`, zone);
    return zone;
}

/** A zone already found for `domain` by `findZone` in this component (undefined when none or not looked up). */
export function knownZone(ctx: AwsContext, domain: string): FoundZone | undefined {
    return cacheOf(found, ctx).get(`|${baseDomain(domain)}`);
}

function lookupByName(ctx: AwsContext, name: string): Promise<FoundZone | undefined> {
    const cache = cacheOf(byName, ctx);
    let pending = cache.get(name);
    if (!pending) {
        pending = lookup(ctx, { name });
        cache.set(name, pending);
    }
    return pending;
}

/** Route 53 answers "no matching hosted zone" with an error: that is "not found" here. */
async function lookup(ctx: AwsContext, by: { name?: string; zoneId?: string }): Promise<FoundZone | undefined> {
    try {
        const zone = await aws.route53.getZone({ ...by, privateZone: false }, { parent: ctx.parent });
        return { zoneId: zone.zoneId ?? zone.id, name: baseDomain(zone.name ?? by.name ?? "") };
    } catch {
        return undefined;
    }
}

function cacheOf<V>(map: WeakMap<AwsContext["parent"], Map<string, V>>, ctx: AwsContext): Map<string, V> {
    let cache = map.get(ctx.parent);
    if (!cache) {
        cache = new Map();
        map.set(ctx.parent, cache);
    }
    return cache;
}
