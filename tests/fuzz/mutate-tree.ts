// Structural mutations of a parsed compose document (plain JS values). Each returns a description of
// what it did, or undefined when it does not apply to this document.
import type { Rng } from "./rng";
import * as V from "./values";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type Path = Array<string | number>;

export interface TreeContext {
    rng: Rng;
    /** The mutant's compose file name (for self-includes / self-extends). */
    fileName: string;
    /** Files to write beside the mutant (name → text). */
    extraFiles: Record<string, string>;
    /** Files of the seed's directory to remove (broken references). */
    removeFiles: string[];
    /** Set when the mutation is about a missing file, so the harness does not create it. */
    keepMissing: boolean;
}

export type TreeMutation = (doc: Json, cx: TreeContext) => string | undefined;

const isObj = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

function services(doc: Json): Record<string, Json> | undefined {
    return isObj(doc) && isObj(doc.services) ? doc.services : undefined;
}

function pickService(doc: Json, rng: Rng): [string, Record<string, Json>] | undefined {
    const svcs = services(doc);
    const names = svcs ? Object.keys(svcs).filter((n) => isObj(svcs[n])) : [];
    if (names.length === 0) return undefined;
    const name = rng.pick(names);
    return [name, svcs![name]];
}

/** Every path in the document (breadth-first, bounded). */
function paths(doc: Json, limit = 2000): Path[] {
    const out: Path[] = [];
    const queue: Array<[Json, Path]> = [[doc, []]];
    while (queue.length > 0 && out.length < limit) {
        const [v, p] = queue.shift()!;
        if (p.length > 0) out.push(p);
        if (Array.isArray(v)) v.forEach((x, i) => queue.push([x, [...p, i]]));
        else if (isObj(v)) for (const k of Object.keys(v)) queue.push([v[k], [...p, k]]);
    }
    return out;
}

function parentOf(doc: Json, p: Path): Json {
    let v = doc;
    for (const k of p.slice(0, -1)) v = v?.[k];
    return v;
}

function setAt(doc: Json, p: Path, value: unknown): void {
    const parent = parentOf(doc, p);
    if (parent && typeof parent === "object") defineOwn(parent, p[p.length - 1], value);
}

/** An own property even for `__proto__`. */
function defineOwn(target: Json, key: string | number, value: unknown): void {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function ensure(obj: Record<string, Json>, key: string): Record<string, Json> {
    if (!isObj(obj[key])) obj[key] = {};
    return obj[key];
}

function show(v: unknown): string {
    const s = typeof v === "number" && !Number.isFinite(v) ? String(v) : JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

const typeSwap: TreeMutation = (doc, { rng }) => {
    const ps = paths(doc);
    if (ps.length === 0) return undefined;
    const p = rng.pick(ps);
    const value = rng.pick(V.ANY_VALUES);
    setAt(doc, p, structuredClone(value));
    return `type swap ${p.join(".")} = ${show(value)}`;
};

const deleteKey: TreeMutation = (doc, { rng }) => {
    const ps = paths(doc).filter((p) => typeof p[p.length - 1] === "string");
    if (ps.length === 0) return undefined;
    const p = rng.pick(ps);
    delete parentOf(doc, p)[p[p.length - 1]];
    return `delete ${p.join(".")}`;
};

const duplicateEntry: TreeMutation = (doc, { rng }) => {
    const ps = paths(doc).filter((p) => typeof p[p.length - 1] === "number");
    if (ps.length === 0) return undefined;
    const p = rng.pick(ps);
    const list = parentOf(doc, p) as Json[];
    list.push(structuredClone(list[p[p.length - 1] as number]));
    return `duplicate list item ${p.join(".")}`;
};

const extremeNumber: TreeMutation = (doc, { rng }) => {
    const ps = paths(doc).filter((p) => {
        const v = parentOf(doc, p)?.[p[p.length - 1]];
        return typeof v === "number" || (typeof v === "string" && /^\d/.test(v));
    });
    if (ps.length === 0) return undefined;
    const p = rng.pick(ps);
    const value = rng.pick(V.NUMBERS);
    setAt(doc, p, value);
    return `number ${p.join(".")} = ${show(value)}`;
};

const renameService: TreeMutation = (doc, { rng }) => {
    const svcs = services(doc);
    const picked = pickService(doc, rng);
    if (!svcs || !picked) return undefined;
    const name = rng.pick(V.NAMES);
    const value = svcs[picked[0]];
    delete svcs[picked[0]];
    defineOwn(svcs, name, value);
    return `rename service ${picked[0]} -> ${show(name)}`;
};

/** A second service whose name differs only in case or `_` vs `-` (one DNS label for both). */
const cloneClash: TreeMutation = (doc, { rng }) => {
    const svcs = services(doc);
    const picked = pickService(doc, rng);
    if (!svcs || !picked) return undefined;
    const [name, svc] = picked;
    const variants = [name.replace(/-/g, "_"), name.replace(/_/g, "-"), name.toUpperCase(), `${name}_`, `${name}-`].filter((n) => n !== name);
    const clash = variants.length > 0 ? rng.pick(variants) : `${name}_2`;
    defineOwn(svcs, clash, structuredClone(svc));
    return `clone service ${name} as ${clash}`;
};

const badUnits: TreeMutation = (doc, { rng }) => {
    const picked = pickService(doc, rng);
    if (!picked) return undefined;
    const [name, svc] = picked;
    const where = rng.pick(["limits", "reservations", "top"]);
    const isCpu = rng.chance(0.5);
    const value = rng.pick(isCpu ? V.CPUS : V.MEMORY);
    if (where === "top") {
        const key = isCpu ? "cpus" : rng.pick(["mem_limit", "mem_reservation", "shm_size", "memswap_limit"]);
        svc[key] = value;
        return `${name}.${key} = ${show(value)}`;
    }
    const res = ensure(ensure(ensure(svc, "deploy"), "resources"), where);
    res[isCpu ? "cpus" : "memory"] = value;
    return `${name}.deploy.resources.${where}.${isCpu ? "cpus" : "memory"} = ${show(value)}`;
};

const badPort: TreeMutation = (doc, { rng }) => {
    const picked = pickService(doc, rng);
    if (!picked) return undefined;
    const [name, svc] = picked;
    const port = structuredClone(rng.pick(V.PORTS));
    const key = rng.chance(0.8) ? "ports" : "expose";
    if (Array.isArray(svc[key]) && rng.chance(0.5)) svc[key][rng.int(svc[key].length)] = port;
    else svc[key] = [...(Array.isArray(svc[key]) ? svc[key] : []), port];
    return `${name}.${key} += ${show(port)}`;
};

const badInterpolation: TreeMutation = (doc, { rng }) => {
    const text = rng.pick(V.INTERPOLATIONS);
    const ps = paths(doc).filter((p) => typeof parentOf(doc, p)?.[p[p.length - 1]] === "string");
    if (ps.length > 0 && rng.chance(0.6)) {
        const p = rng.pick(ps);
        const old = parentOf(doc, p)[p[p.length - 1]] as string;
        const at = rng.int(old.length + 1);
        setAt(doc, p, old.slice(0, at) + text + old.slice(at));
        return `interpolation ${p.join(".")} += ${show(text)}`;
    }
    const picked = pickService(doc, rng);
    if (!picked) return undefined;
    const env = picked[1].environment;
    if (Array.isArray(env)) env.push(`FUZZ=${text}`);
    else picked[1].environment = { ...(isObj(env) ? env : {}), FUZZ: text };
    return `${picked[0]}.environment.FUZZ = ${show(text)}`;
};

const dependsCycle: TreeMutation = (doc, { rng }) => {
    const svcs = services(doc);
    const names = svcs ? Object.keys(svcs).filter((n) => isObj(svcs[n])) : [];
    if (names.length === 0) return undefined;
    const a = rng.pick(names);
    const b = rng.pick(names);
    const kind = rng.int(4);
    if (kind === 0) {
        svcs![a].depends_on = [b];
        svcs![b].depends_on = [a];
        return `depends_on cycle ${a} <-> ${b}`;
    }
    if (kind === 1) {
        svcs![a].depends_on = { nope: { condition: "service_healthy" } };
        return `${a} depends_on unknown service`;
    }
    if (kind === 2) {
        svcs![a].depends_on = { [b]: { condition: rng.pick(["service_started", "service_completed_successfully", "sometimes", 5]), required: rng.pick([false, "no", 1]) } };
        return `${a} depends_on ${b} with odd condition`;
    }
    svcs![a].depends_on = rng.pick([[a], [""], "x", [1], [null], {}, [b, b]]);
    return `${a} depends_on odd list`;
};

const extendsOdd: TreeMutation = (doc, cx) => {
    const picked = pickService(doc, cx.rng);
    if (!picked) return undefined;
    const [name, svc] = picked;
    const other = pickService(doc, cx.rng)![0];
    const options: Array<[unknown, string, boolean]> = [
        [other, "itself (or a cycle through another service)", false],
        [{ service: name, file: cx.fileName }, "itself via its own file", false],
        [{ service: "nope" }, "an unknown service", false],
        [{ service: other, file: "missing-base.yaml" }, "a missing file", true],
        [{ file: cx.fileName }, "a file without service", false],
        [{ service: other, file: "base.yaml" }, "a base file that extends back", false],
        [5, "a number", false],
    ];
    const [value, what, missing] = cx.rng.pick(options);
    svc.extends = value;
    if (what.startsWith("a base file")) {
        cx.extraFiles["base.yaml"] = `services:\n  ${other}:\n    extends:\n      file: ${cx.fileName}\n      service: ${name}\n`;
    }
    if (what.startsWith("itself (") && other !== name) services(doc)![other].extends = name;
    cx.keepMissing ||= missing;
    return `${name} extends ${what}`;
};

const includeOdd: TreeMutation = (doc, cx) => {
    if (!isObj(doc)) return undefined;
    const options: Array<[unknown, string, boolean]> = [
        [[cx.fileName], "itself", false],
        [["missing.yaml"], "a missing file", true],
        [[{ path: "other.yaml", project_directory: "sub", env_file: "missing.env" }], "a missing env_file", true],
        [[{ path: "other.yaml" }], "a file that includes back", false],
        [[{ path: ["other.yaml", "other.yaml"] }], "a file twice", false],
        [[{}], "an empty entry", false],
        ["other.yaml", "a string", false],
    ];
    const [value, what, missing] = cx.rng.pick(options);
    doc.include = value;
    cx.extraFiles["other.yaml"] = cx.rng.chance(0.5)
        ? `include:\n  - ${cx.fileName}\nservices:\n  other:\n    image: nginx\n`
        : `services:\n  other:\n    image: nginx\n    ports: ["80"]\n`;
    cx.keepMissing ||= missing;
    return `include ${what}`;
};

const missingFile: TreeMutation = (doc, cx) => {
    const picked = pickService(doc, cx.rng);
    if (!picked || !isObj(doc)) return undefined;
    const [name, svc] = picked;
    cx.keepMissing = true;
    switch (cx.rng.int(7)) {
        case 0:
            svc.env_file = cx.rng.pick(["missing.env", ["a.env", { path: "missing.env", required: true }], [{ path: "missing.env", required: false }], [{ path: 5 }]]);
            return `${name}.env_file missing`;
        case 1:
            doc.secrets = { ...(isObj(doc.secrets) ? doc.secrets : {}), fuzz: { file: "./missing-secret.txt" } };
            svc.secrets = ["fuzz"];
            return `${name} uses a secret whose file is missing`;
        case 2:
            doc.configs = { fuzz: cx.rng.pick([{ file: "./missing.conf" }, { environment: "NOPE" }, { content: "x" }, {}]) };
            svc.configs = ["fuzz"];
            return `${name} uses an odd config`;
        case 3:
            svc.build = cx.rng.pick(["./missing-ctx", { context: ".", dockerfile: "Missing.Dockerfile" }, { context: "../../outside" }, { dockerfile: "/abs/Dockerfile" }]);
            return `${name}.build points nowhere`;
        case 4:
            svc.label_file = "missing.labels";
            return `${name}.label_file missing`;
        case 5:
            cx.removeFiles.push(".env");
            svc.environment = { ...(isObj(svc.environment) ? svc.environment : {}), FROM_DOTENV: "${FROM_DOTENV:?set it in .env}" };
            return `${name} needs a .env value that is missing`;
        default:
            svc.volumes = ["./missing-dir:/data", "named:/data", "/abs:/abs:ro", "", ":/x", "a:b:c:d"];
            return `${name}.volumes odd`;
    }
};

const xDefang: TreeMutation = (doc, { rng }) => {
    const key = rng.pick(V.X_DEFANG_KEYS);
    const value = structuredClone(rng.pick(V.X_DEFANG_VALUES));
    if (rng.chance(0.2) && isObj(doc)) {
        doc[key] = value;
        return `top-level ${key} = ${show(value)}`;
    }
    const picked = pickService(doc, rng);
    if (!picked) return undefined;
    picked[1][key] = value;
    return `${picked[0]}.${key} = ${show(value)}`;
};

const healthcheckOdd: TreeMutation = (doc, { rng }) => {
    const picked = pickService(doc, rng);
    if (!picked) return undefined;
    const hc = ensure(picked[1], "healthcheck");
    const field = rng.pick(["test", "interval", "timeout", "retries", "start_period", "disable", "start_interval"]);
    const value = field === "test" ? rng.pick(V.HEALTH_TESTS) : field === "retries" ? rng.pick(V.NUMBERS) : field === "disable" ? rng.pick([true, "yes", 1, null]) : rng.pick(V.DURATIONS);
    hc[field] = structuredClone(value);
    return `${picked[0]}.healthcheck.${field} = ${show(value)}`;
};

const deployOdd: TreeMutation = (doc, { rng }) => {
    const picked = pickService(doc, rng);
    if (!picked) return undefined;
    const deploy = ensure(picked[1], "deploy");
    const options: Array<[string, unknown]> = [
        ["replicas", rng.pick([-1, 0, 1e9, "two", 2.5, null])],
        ["mode", rng.pick(["global", "replicated-job", "x", ""])],
        ["resources", { reservations: { devices: rng.pick([[{ capabilities: ["gpu"], count: rng.pick([-1, 0, 99, "all", "x"]) }], [{ capabilities: ["tpu"] }], [{ driver: "amd", capabilities: ["gpu"] }], [{}], "gpu"]) } }],
        ["placement", { constraints: ["node.role==manager"] }],
        ["restart_policy", { condition: "any", max_attempts: -1 }],
        ["update_config", { parallelism: 0 }],
    ];
    const [field, value] = rng.pick(options);
    deploy[field] = value;
    return `${picked[0]}.deploy.${field} = ${show(value)}`;
};

const serviceFieldOdd: TreeMutation = (doc, { rng }) => {
    const picked = pickService(doc, rng);
    if (!picked) return undefined;
    const [name, svc] = picked;
    const options: Array<[string, readonly unknown[]]> = [
        ["command", V.COMMANDS], ["entrypoint", V.COMMANDS], ["environment", V.ENVIRONMENTS], ["restart", V.RESTARTS], ["platform", V.PLATFORMS],
        ["profiles", V.PROFILES], ["scale", V.NUMBERS], ["image", V.IMAGES],
        ["domainname", ["", "example.com", "*.example.com", "a..b", "-x.com", "x".repeat(300), 5]],
        ["stop_grace_period", V.DURATIONS], ["networks", [["nope"], { nope: { aliases: [5] } }, "default", [1]]],
        ["hostname", ["web"]], ["network_mode", ["host", "service:nope", "none", "bridge", ""]], ["read_only", ["yes", 1]],
        ["ulimits", [{ nofile: { soft: -1, hard: 0 } }, { nofile: "x" }]], ["tmpfs", [["/tmp:size=1ZB"], "/tmp"]], ["init", ["no", 5]],
        ["working_dir", ["relative", "", 5]], ["user", [0, "", "root:root:root"]], ["labels", [["a"], { a: { b: 1 } }]],
    ];
    const [field, values] = rng.pick(options);
    const value = structuredClone(rng.pick(values));
    svc[field] = value;
    return `${name}.${field} = ${show(value)}`;
};

const deepNest: TreeMutation = (doc, { rng }) => {
    const ps = paths(doc);
    if (ps.length === 0) return undefined;
    const depth = rng.pick([30, 100, 300]);
    let v: Json = "leaf";
    for (let i = 0; i < depth; i++) v = rng.chance(0.5) ? [v] : { k: v };
    const p = rng.pick(ps);
    setAt(doc, p, v);
    return `nest ${depth} deep at ${p.join(".")}`;
};

const topLevelOdd: TreeMutation = (doc, { rng }) => {
    if (!isObj(doc)) return undefined;
    const key = rng.pick(["name", "version", "networks", "volumes", "secrets", "configs", "models", "services", "x-fuzz"]);
    const value = structuredClone(rng.pick([...V.ANY_VALUES, { default: { external: true, name: "x" } }, { m: { model: 5 } }, { s: { environment: 5 } }]));
    doc[key] = value;
    return `top-level ${key} = ${show(value)}`;
};

/** Values the schema accepts but that push the planner to its limits (sizes, counts, names, lengths). */
const extremeValid: TreeMutation = (doc, { rng }) => {
    const svcs = services(doc);
    const picked = pickService(doc, rng);
    if (!svcs || !picked) return undefined;
    const [name, svc] = picked;
    const res = () => ensure(ensure(ensure(svc, "deploy"), "resources"), rng.pick(["reservations", "limits"]));
    const options: Array<() => string> = [
        () => ((ensure(svc, "deploy").replicas = rng.pick([0, 1000, 100000, 2 ** 31 - 1])), `${name}.deploy.replicas extreme`),
        () => ((res().cpus = rng.pick(["0.001", "0.25", "16", "17", "64", "192"])), `${name} cpus extreme`),
        () => ((res().memory = rng.pick(["1M", "6M", "120G", "121G", "1T", "512G", "1b"])), `${name} memory extreme`),
        () => ((svc.ports = Array.from({ length: rng.pick([30, 120]) }, (_, i) => ({ target: 1000 + i, mode: rng.pick(["ingress", "host"]) }))), `${name} with many ports`),
        () => ((svc.ports = [rng.pick([1, 65535, 32767, 32768, 443, 22])]), `${name} port at an edge`),
        () => {
            const long = (name.replace(/[^a-z0-9]/gi, "") || "svc").toLowerCase().padEnd(63, "x");
            defineOwn(svcs, long, structuredClone(svc));
            return `service with a 63-character name`;
        },
        () => {
            for (let i = 0; i < 20; i++) defineOwn(svcs, `${name}-${i}`, structuredClone(svc));
            return `${name} cloned 20 times`;
        },
        () => ((svc.domainname = rng.pick(["app.example.com", "xn--bcher-kva.example", `${"a".repeat(63)}.com`, "example.com", "a.b.c.d.e.f.example.com", "localhost"])), `${name}.domainname edge`),
        () => {
            svc.healthcheck = { test: ["CMD", "curl", "-f", "http://localhost:80/"], interval: rng.pick(["1h", "1s", "301s"]), timeout: rng.pick(["59m", "1s", "61s"]), retries: rng.pick([0, 11, 1000]), start_period: rng.pick(["999h", "0s"]) };
            return `${name}.healthcheck at the edges`;
        },
        () => ((svc.stop_grace_period = rng.pick(["10h", "0s", "121s"])), `${name}.stop_grace_period edge`),
        () => {
            ensure(ensure(ensure(svc, "deploy"), "resources"), "reservations").devices = [{ capabilities: ["gpu"], driver: "nvidia", count: rng.pick([1, 4, 8, 64, "all"]) }];
            return `${name} asks for GPUs`;
        },
        () => ((svc["x-defang-autoscaling"] = true), (ensure(svc, "deploy").replicas = rng.pick([0, 1, 50])), `${name} autoscaling with odd replicas`),
        () => {
            svc[rng.pick(["x-defang-postgres", "x-defang-redis", "x-defang-mongodb"])] = true;
            svc.image = rng.pick(["postgres:9", "postgres:latest", "postgres", "mysql:8", "redis:8", "valkey/valkey:8", "mongo:7", "mongo:4.4", "bitnami/postgresql:15", "redis"]);
            return `${name} becomes a managed store (${svc.image})`;
        },
        () => {
            const env: Record<string, string> = {};
            for (let i = 0; i < 400; i++) env[`VAR_${i}`] = "x".repeat(rng.pick([1, 100]));
            env.BIG = "y".repeat(100_000);
            svc.environment = env;
            return `${name} with 400 variables and a 100 kB value`;
        },
        () => {
            const nets = Array.from({ length: rng.pick([2, 4, 6]) }, (_, i) => `net${i}`);
            if (isObj(doc)) doc.networks = Object.fromEntries(nets.map((n, i) => [n, i === 0 ? { internal: true } : {}]));
            svc.networks = nets;
            return `${name} on ${nets.length} networks`;
        },
        () => ((svc.expose = [1, 65535, "8000-8010", "9000/udp"]), `${name}.expose edges`),
        () => ((svc.platform = "linux/arm64"), (svc.restart = "no"), `${name} arm64 job`),
    ];
    return rng.pick(options)();
};

/** Long and odd (but valid) names where AWS limits bite: project, services, networks, domain names, ports. */
const longNames: TreeMutation = (doc, { rng }) => {
    const svcs = services(doc);
    const picked = pickService(doc, rng);
    if (!svcs || !picked || !isObj(doc)) return undefined;
    const [name, svc] = picked;
    const options: Array<() => string> = [
        () => ((doc.name = rng.pick(V.LONG_NAMES).toLowerCase().replace(/^[^a-z0-9]+/, "p")), `project named ${show(doc.name)}`),
        () => {
            const renamed = rng.pick(V.LONG_NAMES);
            delete svcs[name];
            defineOwn(svcs, renamed, svc);
            return `rename service ${name} -> ${renamed}`;
        },
        () => {
            const net = rng.pick(V.LONG_NAMES);
            doc.networks = { ...(isObj(doc.networks) ? doc.networks : {}), [net]: {} };
            svc.networks = [net];
            return `${name} on network ${net}`;
        },
        () => ((svc.domainname = rng.pick([`${"a".repeat(60)}.example-corp.com`, `${"b".repeat(10)}.${"c".repeat(62)}.com`, `${"d".repeat(63)}.${"e".repeat(63)}.example.com`])), `${name}.domainname long`),
        () => ((svc.expose = Array.from({ length: 100 }, (_, i) => String(20000 + rng.pick([1, 2]) * i))), `${name} exposes 100 ports`),
    ];
    return rng.pick(options)();
};

export const TREE_MUTATIONS: Array<[string, TreeMutation, number]> = [
    ["longNames", longNames, 2],
    ["extremeValid", extremeValid, 6],
    ["typeSwap", typeSwap, 4],
    ["deleteKey", deleteKey, 3],
    ["duplicateEntry", duplicateEntry, 1],
    ["extremeNumber", extremeNumber, 2],
    ["renameService", renameService, 2],
    ["cloneClash", cloneClash, 1],
    ["badUnits", badUnits, 3],
    ["badPort", badPort, 3],
    ["badInterpolation", badInterpolation, 3],
    ["dependsCycle", dependsCycle, 2],
    ["extendsOdd", extendsOdd, 2],
    ["includeOdd", includeOdd, 1],
    ["missingFile", missingFile, 2],
    ["xDefang", xDefang, 3],
    ["healthcheckOdd", healthcheckOdd, 2],
    ["deployOdd", deployOdd, 2],
    ["serviceFieldOdd", serviceFieldOdd, 3],
    ["deepNest", deepNest, 1],
    ["topLevelOdd", topLevelOdd, 1],
];
