// Connection URLs in the app services that point at a managed store but would be refused by it:
// RDS only accepts TLS (rds.force_ssl), DocumentDB needs TLS and no retryable writes, a cache with
// AUTH requires `rediss://`. Warned at the environment entry that holds the URL.
import { type EnvValue, type ServiceConfig, isConfigTemplate } from "../compose/types";
import { type PlanContext, servicePath } from "./context";
import type { StorePlan } from "./types";

/** An environment value as written (config references as `${NAME}`). */
export function envText(value: EnvValue): string {
    return isConfigTemplate(value) ? value.parts.map((p) => (typeof p === "string" ? p : `\${${p.ref}}`)).join("") : value;
}

interface Url {
    scheme: string;
    host: string;
    query: string;
}

/** The first `scheme://[user@]host…` URL in a value. */
export function parseUrl(value: string): Url | undefined {
    // Anchored at each "://" and walked back for the scheme: an unanchored regex retried the scheme at
    // every letter of a long value (quadratic: an 80 KB value took ~20 s).
    for (let sep = value.indexOf("://"); sep >= 0; sep = value.indexOf("://", sep + 1)) {
        let start = sep;
        while (start > 0 && /[a-z0-9+.-]/i.test(value[start - 1])) start--;
        // The scheme starts at its first letter (digits, '+', '.', '-' only after it).
        while (start < sep && !/[a-z]/i.test(value[start])) start++;
        if (start === sep) continue;
        const m = /^([a-z][a-z0-9+.-]*):\/\/([^\s/?#]*)([^\s?#]*)(\?[^\s#]*)?/i.exec(value.slice(start));
        if (m) return urlOf(m);
    }
    return undefined;
}

function urlOf(m: RegExpExecArray): Url {
    const authority = m[2];
    const hostPort = authority.slice(authority.lastIndexOf("@") + 1);
    const host = hostPort.replace(/:\d*$/, "").toLowerCase();
    return { scheme: m[1].toLowerCase(), host, query: (m[4] ?? "").toLowerCase() };
}

function pointsAt(url: Url, store: StorePlan): boolean {
    const hosts = [store.label, store.name.toLowerCase(), store.privateFqdn];
    return url.host.split(",").some((h) => hosts.includes(h.replace(/:\d*$/, "")));
}

export function checkClientUrls(ctx: PlanContext, services: ServiceConfig[], stores: StorePlan[]): void {
    if (stores.length === 0) return;
    for (const svc of services) {
        for (const key of Object.keys(svc.environment ?? {}).sort()) {
            const url = parseUrl(envText(svc.environment[key]));
            if (!url) continue;
            const store = stores.find((s) => pointsAt(url, s));
            if (!store) continue;
            const path = servicePath(svc.name, "environment", key);
            if (store.kind === "postgres" && /^postgres(ql)?(\+|$)/.test(url.scheme) && !/[?&](sslmode|ssl)=/.test(url.query)) {
                ctx.warn(
                    "postgres-tls",
                    path,
                    `service ${svc.name}: ${key} connects to ${store.name} without sslmode; the managed database (RDS) accepts TLS connections only`,
                    "Append ?sslmode=require to the URL (most drivers then use TLS).",
                );
            }
            if (store.kind === "mongodb" && /^mongodb/.test(url.scheme) && (!/[?&](tls|ssl)=true/.test(url.query) || !/[?&]retrywrites=false/.test(url.query))) {
                ctx.warn(
                    "documentdb-client",
                    path,
                    `service ${svc.name}: ${key} connects to ${store.name}, a DocumentDB cluster, which requires TLS and does not support retryable writes`,
                    "Add ?tls=true&retryWrites=false to the URL and trust the Amazon RDS CA bundle (https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem).",
                );
            }
            if (store.kind === "redis" && store.transitEncryptionMode === "required" && url.scheme === "redis") {
                ctx.warn(
                    "redis-tls",
                    path,
                    `service ${svc.name}: ${key} uses redis:// but the cache ${store.name} requires TLS (it has a password)`,
                    "Use rediss:// in the URL.",
                );
            }
        }
    }
}
