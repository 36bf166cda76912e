// Managed stores (x-defang-postgres / redis / mongodb) and stateful containers. A store must be
// reachable by its service name, which needs a host port; a database is never public, so ingress
// ports on it become host ports.
import type { ServiceConfig } from "../types";
import type { ServiceReporter } from "./report";
import { imageName, imageRepo } from "./util";
import { namedMounts } from "../volumes";

export type Engine = "postgres" | "redis" | "mongodb";

const EXTENSION: Record<Engine, string> = { postgres: "x-defang-postgres", redis: "x-defang-redis", mongodb: "x-defang-mongodb" };
const EXAMPLE_IMAGE: Record<Engine, string> = { postgres: "postgres:16", redis: "redis:7.2", mongodb: "mongo:5" };
const TARGET: Record<Engine, string> = { postgres: "Amazon RDS for PostgreSQL", redis: "Amazon ElastiCache", mongodb: "Amazon DocumentDB" };

/** Images that keep data in the container (Defang's list, plus common variants). */
const STATEFUL = [
    "cassandra", "couchdb", "elasticsearch", "opensearch", "etcd", "influxdb", "mariadb", "minio", "mongo", "mongodb",
    "mongodb-community-server", "mssql/server", "azure-sql-edge", "mysql", "nats", "neo4j", "oracle/database", "percona",
    "postgres", "postgresql", "pgvector", "postgis", "timescaledb", "rabbitmq", "redis", "redis-stack", "redis-stack-server",
    "redismod", "valkey", "rethinkdb", "scylla", "vault", "zookeeper", "kafka", "clickhouse-server", "qdrant",
];

/** The store engine an image runs, if it is one we can manage. */
export function engineOfImage(image: string | undefined): Engine | undefined {
    if (!image) return undefined;
    const name = imageName(image);
    if (/^(postgres|postgresql|pgvector|postgis)$/.test(name)) return "postgres";
    if (/^(redis|valkey|redis-stack|redis-stack-server)$/.test(name)) return "redis";
    if (/^(mongo|mongodb-community-server|mongodb-enterprise-server)$/.test(name)) return "mongodb";
    return undefined;
}

/** The managed engines a service asks for with x-defang-* (normally one). */
export function managedEngines(svc: ServiceConfig): Engine[] {
    return (["postgres", "redis", "mongodb"] as const).filter((e) => svc.defang?.[e]);
}

/** The service carries a store extension, valid or not (an invalid one is reported on its own). */
export function wantsManagedStore(svc: ServiceConfig): boolean {
    return Object.values(EXTENSION).some((key) => svc.extensions?.[key] !== undefined);
}

export function isStatefulImage(image: string): boolean {
    const repo = imageRepo(image);
    const name = imageName(image);
    return STATEFUL.some((s) => (s.includes("/") ? repo.endsWith(s) : name === s || name.endsWith(`-${s}`)));
}

export function checkStore(svc: ServiceConfig, r: ServiceReporter): void {
    const engines = managedEngines(svc);
    // A service is one thing in the cloud: a database, a bucket or a static site.
    const kinds = [...engines.map((e) => EXTENSION[e]), ...["x-defang-s3", "x-defang-static-files"].filter((k) => svc.extensions?.[k] !== undefined)];
    if (kinds.length > 1) {
        r.report("managed-store-conflict", [kinds[1]], { keys: kinds.map((k) => `\`${k}\``).join(" and ") });
        return;
    }
    const [engine] = engines;
    if (engine) {
        if (engineOfImage(svc.image) !== engine) {
            const value = svc.image ? `\`${svc.image}\`` : "a build";
            r.report("managed-image-mismatch", [svc.image ? "image" : EXTENSION[engine]], { key: EXTENSION[engine], engine, value, example: EXAMPLE_IMAGE[engine] });
        }
        return;
    }
    // With a named volume its data survives on EFS: checkVolumes warns about databases on NFS instead.
    if (svc.image && isStatefulImage(svc.image) && !wantsManagedStore(svc) && svc.extensions?.["x-defang-s3"] === undefined && namedMounts(svc).length === 0) {
        const engine = engineOfImage(svc.image);
        const suggestion = engine ? storeSuggestion(engine) : "keep its data in a managed service, or mount a named volume at its data directory (kept on Amazon EFS)";
        r.report("stateful-image-unmanaged", ["image"], { value: `\`${svc.image}\``, suggestion });
    }
}

/** What to do instead of keeping a database in a container (or on a network file system). */
export function storeSuggestion(engine: Engine | undefined): string {
    return engine
        ? `add \`${EXTENSION[engine]}: true\` to run it on ${TARGET[engine]} (backed up, encrypted)`
        : "keep its data in a managed service (e.g. Amazon RDS, created outside the compose file)";
}

/** Defang's store fixup: a host port for every store (managed or not), never an ingress one. */
export function fixStorePorts(svc: ServiceConfig, r: ServiceReporter): void {
    const engine = managedEngines(svc)[0] ?? engineOfImage(svc.image);
    if (!engine) return;
    const ports = svc.ports ?? [];
    if (!ports.length) {
        const port = defaultPort(svc, engine);
        svc.ports = [{ mode: "host", target: port, protocol: "tcp" }];
        r.report("store-port-added", svc.image ? ["image"] : [], { engine, value: port });
        return;
    }
    ports.forEach((p, i) => {
        if (p.mode !== "ingress") return;
        r.report("store-port-host", ["ports", i], { value: p.target, engine });
        p.mode = "host";
        delete p.published;
        delete p.app_protocol;
    });
}

function defaultPort(svc: ServiceConfig, engine: Engine): number {
    const args = [...(svc.entrypoint ?? []), ...(svc.command ?? [])];
    if (engine === "postgres") {
        const pgport = svc.environment?.PGPORT;
        return typeof pgport === "string" && /^\d+$/.test(pgport) ? Number(pgport) : 5432;
    }
    let port = engine === "redis" ? 6379 : 27017;
    args.forEach((a, i) => {
        if (engine === "mongodb" && a === "--shardsvr") port = 27018;
        if (engine === "mongodb" && a === "--configsvr") port = 27019;
        const value = a === "--port" ? args[i + 1] : a.startsWith("--port=") ? a.slice(7) : undefined;
        if (value && /^\d+$/.test(value)) port = Number(value);
    });
    return port;
}

/** `x-defang-llm` on a LiteLLM image with no ports: the gateway listens on 4000. */
export function fixLlmGatewayPort(svc: ServiceConfig, r: ServiceReporter): void {
    if (!svc.defang?.llm || !svc.image || (svc.ports ?? []).length) return;
    if (imageName(svc.image) !== "litellm") return;
    svc.ports = [{ mode: "host", target: 4000, protocol: "tcp" }];
    r.report("llm-gateway-port", ["image"]);
}
