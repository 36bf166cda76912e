// Port rules and the port fixups Defang applies. `ingress` = public, through the shared load balancer
// (HTTP, HTTP/2 or gRPC); `host` = private, reachable by the project's other services by name.
import type { ServiceConfig, ServicePort } from "../types";
import type { ServiceReporter } from "./report";

const PROTOCOLS = new Set(["tcp", "udp", "http", "http2", "grpc"]);
const APP_PROTOCOLS = new Set(["http", "http2", "grpc"]);
const MODES = new Set(["ingress", "host"]);

/** The transport of a port, once Defang's `protocol: http|http2|grpc` shorthand is read as tcp. */
export function transport(p: ServicePort): string {
    return p.protocol === "udp" ? "udp" : "tcp";
}

/** Rules on the ports as written. Returns false when a port is invalid (no fixups are applied then). */
export function checkPorts(svc: ServiceConfig, r: ServiceReporter): boolean {
    let ok = true;
    const seen = new Set<string>();
    (svc.ports ?? []).forEach((p, i) => {
        const at = (field?: string) => (field ? ["ports", i, field] : ["ports", i]);
        if (!Number.isInteger(p.target) || p.target < 1 || p.target > 65535) {
            r.report("port-target-invalid", at("target"), { value: String(p.target) });
            ok = false;
            return;
        }
        const value = p.target;
        if (p.host_ip) {
            r.report("port-host-ip-unsupported", at("host_ip"), { value, hostIp: p.host_ip });
            ok = false;
        }
        const protocol = (p.protocol ?? "tcp").toLowerCase();
        if (!PROTOCOLS.has(protocol)) {
            r.report("port-protocol-invalid", at("protocol"), { value, protocol });
            ok = false;
        }
        if (!MODES.has(p.mode)) {
            r.report("port-mode-invalid", at("mode"), { value, mode: String(p.mode) });
            ok = false;
        }
        if (p.app_protocol && !APP_PROTOCOLS.has(p.app_protocol.toLowerCase())) {
            r.report("port-app-protocol-invalid", at("app_protocol"), { value, appProtocol: p.app_protocol });
            ok = false;
        }
        const key = `${value}/${transport(p)}`;
        if (seen.has(key)) {
            r.report("port-duplicate", at(), { value, protocol: transport(p) });
            ok = false;
        }
        seen.add(key);
        checkPublished(p, r, at("published"));
        if (!checkPortExtensions(p, r, i)) ok = false;
    });
    return ok;
}

export const LISTENERS = ["http", "https"] as const;

/**
 * Port-level extensions: Defang's `x-defang-listener: http|https` picks the load balancer listener an
 * ingress port is served on (plan/loadbalancer.ts); other `x-defang-*` keys are typos. `x-` anchors stay.
 */
function checkPortExtensions(p: ServicePort, r: ServiceReporter, i: number): boolean {
    let ok = true;
    for (const [key, v] of Object.entries(p.extensions ?? {})) {
        if (!key.startsWith("x-defang-")) continue;
        const at = ["ports", i, key];
        if (key !== "x-defang-listener") {
            r.report("port-extension-unknown", at, { value: p.target, key });
            ok = false;
        } else if (typeof v !== "string" || !(LISTENERS as readonly string[]).includes(v.toLowerCase())) {
            r.report("port-listener-invalid", at, { value: p.target, detail: `${JSON.stringify(v)}, not \`http\` or \`https\``, fix: "write `x-defang-listener: http` to serve the port on the plain HTTP listener (port 80), or `https` to require TLS" });
            ok = false;
        } else if (p.mode === "host") {
            r.report("port-listener-invalid", at, { value: p.target, detail: "set on a `mode: host` port, which the load balancer does not serve", fix: "remove `x-defang-listener`, or make the port `mode: ingress`" });
            ok = false;
        }
    }
    return ok;
}

function checkPublished(p: ServicePort, r: ServiceReporter, path: Array<string | number>): void {
    if (p.published === undefined || p.published === "") return;
    const vars = { value: p.target, published: p.published };
    const m = /^(\d+)(?:-(\d+))?$/.exec(p.published.trim());
    const where =
        p.mode === "ingress"
            ? "the load balancer listens on 443 (HTTPS) and 80, and forwards to the container port"
            : "other services reach the container port itself";
    if (!m) {
        r.report("port-published-ignored", path, { ...vars, reason: "it is not a port number or range" });
        return;
    }
    const start = Number(m[1]);
    const end = m[2] !== undefined ? Number(m[2]) : start;
    if (start > end) r.report("port-published-ignored", path, { ...vars, reason: "the range is reversed" });
    else if (p.target < start || p.target > end) {
        r.report("port-published-ignored", path, { ...vars, reason: `${where} ${p.target}` });
    }
}

/** Defang's port fixups: protocol shorthand, UDP ingress → host, ingress without app_protocol → http. */
export function fixPorts(svc: ServiceConfig, r: ServiceReporter): void {
    (svc.ports ?? []).forEach((p, i) => {
        const protocol = (p.protocol ?? "tcp").toLowerCase();
        if (APP_PROTOCOLS.has(protocol)) {
            r.report("port-protocol-normalized", ["ports", i, "protocol"], { value: p.target, protocol });
            p.protocol = "tcp";
            p.app_protocol ??= protocol;
        }
        if (p.mode === "ingress" && p.protocol === "udp") {
            r.report("port-udp-host", ["ports", i], { value: p.target });
            p.mode = "host";
            delete p.published;
            delete p.app_protocol;
        }
        if (p.mode === "ingress" && !p.app_protocol) {
            r.report("port-app-protocol-http", ["ports", i], { value: p.target });
            p.app_protocol = "http";
        }
        if (p.app_protocol) p.app_protocol = p.app_protocol.toLowerCase();
    });
}
