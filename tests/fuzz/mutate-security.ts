// Mutations for issue 11's classes: what a careless or hostile compose file does. Each one records
// what it planted (tests/fuzz/invariants.ts says what a user must then get, keyed by diagnostic code).
import type { Rng } from "./rng";
import type { TreeContext } from "./mutate-tree";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The invariant a planted thing is checked by (see INVARIANTS). */
export type InvariantName = "secret-never-printed" | "command-secret-warned" | "label-secret-warned" | "build-arg-secret-warned" | "admin-policy-warned" | "parameter-collision" | "image-invalid" | "outside-file-refused" | "interpolation-bounded" | "bounded-work";

export interface Planted {
    invariant: InvariantName;
    /** The secret-shaped value (never to be printed), or the path / image planted. */
    value: string;
    /** Where it went, for the report. */
    where: string;
}

export interface SecurityContext extends TreeContext {
    planted: Planted[];
}

export type SecurityMutation = (doc: Json, cx: SecurityContext) => string | undefined;

const isObj = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

function pickService(doc: Json, rng: Rng): [string, Record<string, Json>] | undefined {
    const svcs = isObj(doc) && isObj(doc.services) ? doc.services : undefined;
    const names = svcs ? Object.keys(svcs).filter((n) => isObj(svcs[n])) : [];
    if (names.length === 0) return undefined;
    const name = rng.pick(names);
    return [name, svcs![name]];
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function chars(rng: Rng, n: number, alphabet = ALNUM): string {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[rng.int(alphabet.length)];
    return s;
}

/** A fresh secret-shaped value (unique per mutant, so it cannot come from the corpus) and the part that must never be printed. */
export function secretValue(rng: Rng): { text: string; secret: string; kind: string } {
    switch (rng.int(5)) {
        case 0: {
            const key = `AKIA${chars(rng, 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`;
            return { text: key, secret: key, kind: "AWS access key" };
        }
        case 1: {
            const jwt = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI${chars(rng, 20)}In0.${chars(rng, 43)}`;
            return { text: jwt, secret: jwt, kind: "JWT" };
        }
        case 2: {
            const body = chars(rng, 64);
            return { text: `-----BEGIN RSA PRIVATE KEY-----\nMIIE${body}\n-----END RSA PRIVATE KEY-----\n`, secret: body, kind: "PEM key" };
        }
        case 3: {
            const password = `Pw${chars(rng, 18)}`;
            return { text: `postgres://admin:${password}@db:5432/app`, secret: password, kind: "URL password" };
        }
        default: {
            const token = `ghp_${chars(rng, 36)}`;
            return { text: token, secret: token, kind: "GitHub token" };
        }
    }
}

function setEnv(svc: Record<string, Json>, key: string, value: string): void {
    if (Array.isArray(svc.environment)) svc.environment.push(`${key}=${value}`);
    else svc.environment = { ...(isObj(svc.environment) ? svc.environment : {}), [key]: value };
}

const plantSecret: SecurityMutation = (doc, cx) => {
    const picked = pickService(doc, cx.rng);
    if (!picked) return undefined;
    const [name, svc] = picked;
    const s = secretValue(cx.rng);
    const where = cx.rng.pick(["environment", "mixed", "env_file", "dotenv", "command", "labels", "build-arg"] as const);
    const plant = (invariant: InvariantName, at: string) => cx.planted.push({ invariant, value: s.secret, where: `${name}.${at}` });
    switch (where) {
        case "environment":
            setEnv(svc, "FUZZ_KEY", s.text);
            break;
        case "mixed":
            setEnv(svc, "FUZZ_OPTS", `--verbose --token=${s.text} --retry 3`);
            break;
        case "env_file":
            cx.extraFiles["fuzz-secrets.env"] = `FUZZ_KEY=${JSON.stringify(s.text)}\n`;
            svc.env_file = "fuzz-secrets.env";
            break;
        case "dotenv":
            cx.extraFiles[".env"] = `FUZZ_KEY=${JSON.stringify(s.text)}\n`;
            setEnv(svc, "FUZZ_KEY", "${FUZZ_KEY}");
            break;
        case "command":
            svc[cx.rng.pick(["command", "entrypoint"])] = ["sh", "-c", `run --key ${s.text}`];
            plant("command-secret-warned", "command");
            break;
        case "labels":
            svc.labels = { ...(isObj(svc.labels) ? svc.labels : {}), "fuzz.key": s.text };
            plant("label-secret-warned", "labels");
            break;
        case "build-arg":
            svc.build = { context: ".", args: { FUZZ_KEY: s.text } };
            plant("build-arg-secret-warned", "build.args");
            break;
    }
    plant("secret-never-printed", where);
    return `${name} gets a ${s.kind} in ${where}`;
};

const ADMIN_POLICIES = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess", "AmazonS3FullAccess", "AmazonDynamoDBFullAccess"];

const adminPolicy: SecurityMutation = (doc, cx) => {
    const picked = pickService(doc, cx.rng);
    if (!picked) return undefined;
    const policy = `arn:aws:iam::aws:policy/${cx.rng.pick(ADMIN_POLICIES)}`;
    picked[1]["x-defang-policies"] = [policy];
    cx.planted.push({ invariant: "admin-policy-warned", value: policy, where: `${picked[0]}.x-defang-policies` });
    return `${picked[0]} gets ${policy}`;
};

const collidingKeys: SecurityMutation = (doc, cx) => {
    const picked = pickService(doc, cx.rng);
    if (!picked) return undefined;
    // Pairs that fold to one SSM name (`[A-Za-z0-9_.-]` kept, names case-sensitive): `api.token` and `API_TOKEN` do not.
    const [a, b] = cx.rng.pick([["API TOKEN", "API_TOKEN"], ["API:TOKEN", "API_TOKEN"], ["api+token", "api_token"]]);
    picked[1].environment = { ...(isObj(picked[1].environment) ? picked[1].environment : {}), [a]: secretValue(cx.rng).text, [b]: secretValue(cx.rng).text };
    cx.planted.push({ invariant: "parameter-collision", value: `${a} / ${b}`, where: `${picked[0]}.environment` });
    return `${picked[0]} environment keys ${JSON.stringify(a)} and ${JSON.stringify(b)}`;
};

const INVALID_IMAGES = ["*", "nginx:*", "UPPER/Case:1", "nginx@sha256:abc", "nginx@md5:" + "0".repeat(32), "repo//double", "nginx:tag:extra", "-leading/dash", "nginx:" + "t".repeat(129)];

const invalidImage: SecurityMutation = (doc, cx) => {
    const picked = pickService(doc, cx.rng);
    if (!picked) return undefined;
    const image = cx.rng.pick(INVALID_IMAGES);
    picked[1].image = image;
    delete picked[1].build;
    cx.planted.push({ invariant: "image-invalid", value: image, where: `${picked[0]}.image` });
    return `${picked[0]}.image = ${JSON.stringify(image.slice(0, 40))}`;
};

const OUTSIDE = ["/etc/passwd", "~/.aws/credentials", "../outside.env", "../../etc/hosts", "/tmp"];

const outsidePath: SecurityMutation = (doc, cx) => {
    const picked = pickService(doc, cx.rng);
    if (!picked || !isObj(doc)) return undefined;
    const [name, svc] = picked;
    const where = cx.rng.pick(["env_file", "label_file", "include", "extends", "build"] as const);
    const p = cx.rng.pick(OUTSIDE);
    if (where === "include") doc.include = [p];
    else if (where === "extends") svc.extends = { file: p, service: name };
    else if (where === "build") svc.build = { context: p.replace(/\.env$|\/passwd$|\/hosts$|\/credentials$/, "") || "/" };
    else svc[where] = p;
    cx.keepMissing = true; // never create files outside the scratch directory
    cx.planted.push({ invariant: "outside-file-refused", value: p, where: `${name}.${where}` });
    return `${name}.${where} outside the project: ${p}`;
};

const dotenvBomb: SecurityMutation = (doc, cx) => {
    const picked = pickService(doc, cx.rng);
    if (!picked) return undefined;
    const depth = cx.rng.pick([24, 32, 40]);
    let env = "B0=xxxxxxxxxxxxxxxx\n";
    for (let i = 1; i <= depth; i++) env += `B${i}=\${B${i - 1}}\${B${i - 1}}\n`;
    cx.extraFiles[".env"] = env;
    setEnv(picked[1], "BOMB", `\${B${depth}}`);
    cx.planted.push({ invariant: "interpolation-bounded", value: `B${depth}`, where: ".env" });
    return `.env doubling bomb ${depth} deep`;
};

const hugeWork: SecurityMutation = (doc, cx) => {
    const picked = pickService(doc, cx.rng);
    if (!picked) return undefined;
    const [name, svc] = picked;
    // 500 services are left to bench/bombs.ts: the offline plan of one takes ~18 s (over the budget, stated
    // in the README), which would make a 20,000-mutant campaign hours longer without finding anything new.
    const kind = cx.rng.int(2);
    if (kind === 0) {
        setEnv(svc, "HUGE", `${"a1=".repeat(1)}${"x:y@".repeat(25_000)}`);
        svc["x-defang-postgres"] = true;
        svc.image = "postgres:16";
    } else svc.ports = Array.from({ length: 3000 }, (_, i) => `${10000 + i}`);
    const what = ["a 100k-character value beside a managed store", "3,000 ports"][kind];
    cx.planted.push({ invariant: "bounded-work", value: what, where: name });
    return `${name}: ${what}`;
};

export const SECURITY_MUTATIONS: Array<[string, SecurityMutation, number, InvariantName]> = [
    ["plantSecret", plantSecret, 6, "secret-never-printed"],
    ["adminPolicy", adminPolicy, 2, "admin-policy-warned"],
    ["collidingKeys", collidingKeys, 2, "parameter-collision"],
    ["invalidImage", invalidImage, 2, "image-invalid"],
    ["outsidePath", outsidePath, 3, "outside-file-refused"],
    ["dotenvBomb", dotenvBomb, 1, "interpolation-bounded"],
    ["hugeWork", hugeWork, 1, "bounded-work"],
];
