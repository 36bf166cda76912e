// Port syntax, as compose-go parses it (docker/go-connections nat.ParsePortSpec):
//   [host_ip:][published:]target[/protocol]
// host_ip may be an IPv6 address in brackets; published and target may be ranges (`8000-8002:80-82`
// expands to one entry per port; a host range with a single target keeps `published` as the range).

import * as net from "net";

export interface PortSpec {
    mode: "ingress";
    host_ip?: string;
    target: number;
    published?: string;
    protocol: string;
}

export class PortError extends Error {}

export function parsePortSpec(raw: string): PortSpec[] {
    const { ip: rawIp, host, container } = splitParts(raw);
    let [containerPort, proto] = splitProto(container);
    let ip = rawIp;
    if (ip.startsWith("[")) {
        if (!ip.endsWith("]")) throw new PortError(`invalid IP address ${ip}`);
        ip = ip.slice(1, -1);
    }
    if (ip !== "" && !isIP(ip)) throw new PortError(`invalid IP address: ${ip}`);
    if (containerPort === "") throw new PortError(`no port specified: ${raw}<empty>`);
    const c = parseRange(containerPort);
    if (!c) throw new PortError(`invalid containerPort: ${containerPort}`);
    let h: [number, number] | undefined;
    if (host !== "") {
        h = parseRange(host);
        if (!h) throw new PortError(`invalid hostPort: ${host}`);
        if (c[1] - c[0] !== h[1] - h[0] && c[1] !== c[0]) {
            throw new PortError(`invalid ranges specified for container and host Ports: ${containerPort} and ${host}`);
        }
    }
    proto = proto.toLowerCase();
    if (!["tcp", "udp", "sctp"].includes(proto)) throw new PortError(`invalid proto: ${proto}`);
    const out: PortSpec[] = [];
    for (let i = 0; i <= c[1] - c[0]; i++) {
        const spec: PortSpec = { mode: "ingress", target: c[0] + i, protocol: proto };
        if (ip !== "") spec.host_ip = ip;
        if (h) spec.published = c[0] === c[1] && h[0] !== h[1] ? `${h[0]}-${h[1]}` : String(h[0] + i);
        out.push(spec);
    }
    return out;
}

function splitParts(raw: string): { ip: string; host: string; container: string } {
    const parts = raw.split(":");
    const n = parts.length;
    const container = parts[n - 1];
    if (n === 1) return { ip: "", host: "", container };
    if (n === 2) return { ip: "", host: parts[0], container };
    if (n === 3) return { ip: parts[0], host: parts[1], container };
    return { ip: parts.slice(0, n - 2).join(":"), host: parts[n - 2], container };
}

function splitProto(s: string): [string, string] {
    const i = s.indexOf("/");
    if (i < 0) return [s, "tcp"];
    if (i === 0) return ["", s.slice(1)];
    return [s.slice(0, i), s.slice(i + 1) || "tcp"];
}

function parseRange(s: string): [number, number] | undefined {
    const m = /^(\d+)(?:-(\d+))?$/.exec(s);
    if (!m) return undefined;
    const start = Number(m[1]);
    const end = m[2] === undefined ? start : Number(m[2]);
    if (start > 65535 || end > 65535 || end < start) return undefined;
    return [start, end];
}

function isIP(s: string): boolean {
    return net.isIP(s) !== 0;
}

/** Key that makes two port entries the same binding (compose-go's port unicity). */
export function portKey(p: { host_ip?: unknown; published?: unknown; target?: unknown; protocol?: unknown }): string {
    const host = typeof p.host_ip === "string" && p.host_ip ? p.host_ip : "0.0.0.0";
    const published = p.published === undefined || p.published === null ? "" : String(p.published);
    const protocol = typeof p.protocol === "string" && p.protocol ? p.protocol : "tcp";
    return `${host}:${published}:${String(p.target)}/${protocol}`;
}
