// Hand-built ComposeProjects for the Defang rule tests, with a fake SourceMap: every path of the
// document gets its own line (in document order) so a test can assert the exact location a rule
// reports, independently of the YAML loader.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ComposeProject, DocPath, ServiceConfig, SourceLocation } from "../../../provider/src/compose/types";

export const FILE = "/work/app/compose.yaml";

export type ServiceSpec = Partial<ServiceConfig>;

export interface FixtureSpec {
    name?: string;
    workingDir?: string;
    services: Record<string, ServiceSpec>;
    secrets?: ComposeProject["secrets"];
    networks?: ComposeProject["networks"];
    models?: ComposeProject["models"];
    volumes?: ComposeProject["volumes"];
    extensions?: ComposeProject["extensions"];
}

export interface Fixture {
    project: ComposeProject;
    /** Where the fake source map puts `path`. */
    at(...path: DocPath): SourceLocation;
}

const key = (p: DocPath) => JSON.stringify(p);

export function fixture(spec: FixtureSpec): Fixture {
    const services: Record<string, ServiceConfig> = {};
    for (const [name, s] of Object.entries(spec.services)) services[name] = { ...s, name, environment: s.environment ?? {} };

    // The document as the user wrote it: extensions sit beside the other service keys.
    const doc: Record<string, unknown> = {
        services: Object.fromEntries(
            Object.entries(services).map(([name, s]) => {
                const { extensions, name: _n, defang: _d, other, ...rest } = s;
                // Port-level extensions (x-defang-listener) sit beside the port's keys too.
                const ports = rest.ports?.map(({ extensions: portExtensions, ...port }) => ({ ...port, ...portExtensions }));
                return [name, { ...rest, ...(ports ? { ports } : {}), ...other, ...extensions }];
            }),
        ),
    };
    for (const k of ["secrets", "networks", "models", "volumes"] as const) if (spec[k]) doc[k] = spec[k];
    Object.assign(doc, spec.extensions ?? {});

    const lines = new Map<string, SourceLocation>();
    let line = 1;
    const walk = (value: unknown, p: Array<string | number>) => {
        lines.set(key(p), { file: FILE, line: line++, column: p.length * 2 + 1 });
        if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...p, i]));
        else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) if (v !== undefined) walk(v, [...p, k]);
    };
    walk(doc, []);

    const locate = (p: DocPath): SourceLocation | undefined => {
        for (let n = p.length; n >= 0; n--) {
            const hit = lines.get(key(p.slice(0, n)));
            if (hit) return hit;
        }
        return undefined;
    };
    const project: ComposeProject = {
        name: spec.name ?? "app",
        workingDir: spec.workingDir ?? path.dirname(FILE),
        files: [FILE],
        services,
        sources: { locate },
        ...(spec.secrets ? { secrets: spec.secrets } : {}),
        ...(spec.networks ? { networks: spec.networks } : {}),
        ...(spec.models ? { models: spec.models } : {}),
        ...(spec.volumes ? { volumes: spec.volumes } : {}),
        ...(spec.extensions ? { extensions: spec.extensions } : {}),
    };
    return {
        project,
        at: (...p) => {
            const hit = lines.get(key(p));
            if (!hit) throw new Error(`fixture has no node at ${key(p)}`);
            return hit;
        },
    };
}

/** A service that passes every rule: image, one ingress port with a local HTTP healthcheck, a reservation. */
export function goodService(extra: ServiceSpec = {}): ServiceSpec {
    return {
        image: "nginx:1.27",
        ports: [{ mode: "ingress", target: 80, protocol: "tcp", app_protocol: "http" }],
        healthcheck: { test: ["CMD", "curl", "-f", "http://localhost/"], interval: 30e9, timeout: 5e9 },
        deploy: { resources: { reservations: { cpus: 0.5, memory: 512 * 2 ** 20 } } },
        ...extra,
    };
}

/** A private helper service: no ports, a reservation. */
export function workerService(extra: ServiceSpec = {}): ServiceSpec {
    return { image: "busybox:1.36", deploy: { resources: { reservations: { memory: 256 * 2 ** 20 } } }, ...extra };
}

/** A temporary directory with the given files (paths relative to it; directories end with "/"). */
export function tempTree(files: string[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-rules-"));
    for (const f of files) {
        const full = path.join(dir, f);
        if (f.endsWith("/")) fs.mkdirSync(full, { recursive: true });
        else {
            fs.mkdirSync(path.dirname(full), { recursive: true });
            fs.writeFileSync(full, "FROM scratch\n");
        }
    }
    return dir;
}
