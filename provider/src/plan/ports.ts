// A service's ports: ingress ports (behind the ALB), private ports (host ports, `expose`, and the
// ingress ports too — other services may call them directly), and the container's port mappings.
import type { ServiceConfig } from "../compose/types";
import { type PlanContext, servicePath } from "./context";
import type { ContainerPlan } from "./types";

export type AppProtocol = "http" | "http2" | "grpc";

export interface IngressPort {
    port: number;
    appProtocol: AppProtocol;
    /** Index in `ports` (for error locations). */
    index: number;
}

export interface ServicePorts {
    ingress: IngressPort[];
    privatePorts: Array<{ port: number; protocol: "tcp" | "udp" }>;
    portMappings: ContainerPlan["portMappings"];
}

function appProtocolOf(protocol: string | undefined, appProtocol: string | undefined): AppProtocol {
    const p = (appProtocol ?? protocol ?? "").toLowerCase();
    return p === "http2" || p === "grpc" ? p : "http";
}

function transportOf(protocol: string | undefined): "tcp" | "udp" {
    return (protocol ?? "tcp").toLowerCase() === "udp" ? "udp" : "tcp";
}

/** `expose` entries: "8000", "8000-8010", "8000/udp". Ranges are capped at 100 ports. */
function parseExpose(ctx: PlanContext, svc: ServiceConfig): Array<{ port: number; protocol: "tcp" | "udp" }> {
    const out: Array<{ port: number; protocol: "tcp" | "udp" }> = [];
    (svc.expose ?? []).forEach((entry, i) => {
        const m = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp))?$/i.exec(String(entry).trim());
        const from = m ? Number(m[1]) : NaN;
        const to = m && m[2] ? Number(m[2]) : from;
        if (!m || from < 1 || to > 65535 || to < from || to - from >= 100) {
            ctx.error(
                "expose-invalid",
                servicePath(svc.name, "expose", i),
                `service ${svc.name}: expose entry "${entry}" is not a port, a range of at most 100 ports, or port/protocol`,
                `Write expose entries like "8080", "9000-9009" or "5353/udp".`,
            );
            return;
        }
        for (let p = from; p <= to; p++) out.push({ port: p, protocol: transportOf(m[3]) });
    });
    return out;
}

/**
 * @param allowIngress false for jobs and managed stores: their ingress ports are treated as private.
 */
export function servicePorts(ctx: PlanContext, svc: ServiceConfig, label: string, allowIngress: boolean): ServicePorts {
    const ingress: IngressPort[] = [];
    const priv = new Map<string, { port: number; protocol: "tcp" | "udp" }>();
    const mappings = new Map<string, ContainerPlan["portMappings"][number]>();
    const addPrivate = (port: number, protocol: "tcp" | "udp", appProtocol?: AppProtocol): void => {
        priv.set(`${port}/${protocol}`, { port, protocol });
        const key = `${port}/${protocol}`;
        if (!mappings.has(key)) {
            const m: ContainerPlan["portMappings"][number] = { name: `${label}-${port}-${protocol}`.slice(0, 64), containerPort: port, protocol };
            if (appProtocol) m.appProtocol = appProtocol;
            mappings.set(key, m);
        }
    };

    (svc.ports ?? []).forEach((p, index) => {
        const protocol = transportOf(p.protocol);
        // UDP cannot go through an ALB (Defang switches it to host).
        const isIngress = p.mode !== "host" && protocol === "tcp";
        if (isIngress && allowIngress) {
            const appProtocol = appProtocolOf(p.protocol, p.app_protocol);
            if (!ingress.some((i) => i.port === p.target)) ingress.push({ port: p.target, appProtocol, index });
            addPrivate(p.target, protocol, appProtocol);
        } else {
            const app = protocol === "tcp" && (p.app_protocol || /^http|grpc/.test(p.protocol ?? "")) ? appProtocolOf(p.protocol, p.app_protocol) : undefined;
            addPrivate(p.target, protocol, app);
        }
    });
    for (const e of parseExpose(ctx, svc)) addPrivate(e.port, e.protocol);

    const byPort = (a: { port: number; protocol: string }, b: { port: number; protocol: string }): number =>
        a.port - b.port || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0);
    return {
        ingress,
        privatePorts: [...priv.values()].sort(byPort),
        portMappings: [...mappings.values()].sort((a, b) => byPort({ port: a.containerPort, protocol: a.protocol }, { port: b.containerPort, protocol: b.protocol })),
    };
}

export interface PortRange {
    from: number;
    to: number;
}

/** Ports as the fewest ranges (contiguous ports share one): one security group rule each. */
export function portRanges(ports: Iterable<number>): PortRange[] {
    const sorted = [...new Set(ports)].sort((a, b) => a - b);
    const out: PortRange[] = [];
    for (const p of sorted) {
        const last = out[out.length - 1];
        if (last && p === last.to + 1) last.to = p;
        else out.push({ from: p, to: p });
    }
    return out;
}

/** `8080` or `9000-9099`: how a range reads in names and descriptions. */
export function rangeText(r: PortRange): string {
    return r.from === r.to ? String(r.from) : `${r.from}-${r.to}`;
}

/** A service's private ports as ranges per protocol (tcp first): the rules each of its networks gets. */
export function privatePortRanges(ports: Array<{ port: number; protocol: "tcp" | "udp" }>): Array<PortRange & { protocol: "tcp" | "udp" }> {
    return (["tcp", "udp"] as const).flatMap((protocol) => portRanges(ports.filter((p) => p.protocol === protocol).map((p) => p.port)).map((r) => ({ ...r, protocol })));
}
