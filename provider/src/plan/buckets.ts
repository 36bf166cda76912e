// `x-defang-s3` → a private S3 bucket (or an existing one, `{bucket: NAME}`), and its clients: every
// service that `depends_on` the stand-in gets task-role access to that bucket and its objects (no
// static keys: AWS SDKs find the task role themselves) and the variables that name it:
//   AWS_REGION          the deployment's region (S3 SDKs need one)
//   <SERVICE>_BUCKET    the bucket's name, per stand-in (`minio` → MINIO_BUCKET, `user-files` → USER_FILES_BUCKET)
//   S3_BUCKET           the bucket's name, when the service uses exactly one
// A variable the compose file already sets is kept (warned when it differs). An environment URL that
// points at the stand-in (`http://minio:9000`) is rewritten to the regional S3 endpoint.
import type { ServiceConfig } from "../compose/types";
import { bucketNameProblem } from "../compose/defang/objectstore";
import { envText, parseUrl } from "./clients";
import { type PlanContext, servicePath } from "./context";
import { objectStore } from "./extensions";
import { dnsLabel, s3BucketName } from "./naming";
import { type BucketPlan, type ContainerPlan, type ServicePlan, taskContainers } from "./types";
import { own } from "../by-name";

export function planBuckets(ctx: PlanContext, standIns: ServiceConfig[], clients: ServiceConfig[]): BucketPlan[] {
    const { options, settings } = ctx;
    const out: BucketPlan[] = [];
    for (const svc of standIns) {
        const store = objectStore(svc) ?? {};
        if (store.bucket !== undefined && bucketNameProblem(store.bucket)) continue; // the Defang rules report it at its line
        const adopted = store.bucket !== undefined;
        const plan: BucketPlan = {
            name: svc.name,
            bucketName: store.bucket ?? s3BucketName(ctx.naming, options.accountId ?? "", svc.name, "data"),
            adopted,
            versioning: !adopted && settings.bucketVersioning,
            forceDestroy: !adopted && settings.bucketForceDestroy && !settings.protectData,
            protect: !adopted && settings.protectData,
            clients: clients.filter((c) => c.depends_on?.[svc.name] !== undefined).map((c) => c.name),
            source: servicePath(svc.name, "x-defang-s3"),
        };
        if (plan.versioning) plan.noncurrentVersionExpiryDays = settings.bucketNoncurrentVersionDays;
        out.push(plan);
    }
    return out;
}

/** `user-files` → `USER_FILES_BUCKET`. */
export function bucketVariable(service: string): string {
    return `${service.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_BUCKET`;
}

/**
 * Grants each client its buckets and sets the variables (and rewrites stand-in URLs) in its environment.
 * A sidecar that depends on a stand-in is a client too: its container gets the variables, and the task
 * role it shares with its service gets the access.
 */
export function wireBucketClients(ctx: PlanContext, buckets: BucketPlan[], services: Array<{ svc: ServiceConfig; plan: ServicePlan }>): void {
    for (const { svc, plan } of services) {
        const granted = new Set<string>();
        for (const container of taskContainers(plan)) {
            const client = (container.service !== undefined ? own(ctx.project.services, container.service) : undefined) ?? svc;
            const mine = buckets.filter((b) => b.clients.includes(client.name));
            if (mine.length === 0) continue;
            for (const b of mine) granted.add(b.name);
            wireContainer(ctx, client, container, mine);
        }
        if (granted.size > 0) plan.taskRole.buckets = buckets.filter((b) => granted.has(b.name)).map((b) => b.name);
    }
}

/** One client container: the bucket variables (unless the compose file sets them), stand-in URLs rewritten. */
function wireContainer(ctx: PlanContext, svc: ServiceConfig, container: ContainerPlan, mine: BucketPlan[]): void {
    const env = new Map(container.environment.map((e) => [e.name, e.value]));
    const secret = new Set(container.secrets.map((s) => s.name));
    const wanted: Array<[string, string]> = mine.map((b) => [bucketVariable(b.name), b.bucketName]);
    if (mine.length === 1) wanted.push(["S3_BUCKET", mine[0].bucketName]);
    if (ctx.options.region) wanted.push(["AWS_REGION", ctx.options.region]);
    for (const [name, value] of wanted) {
        const given = env.get(name);
        if (given === undefined && !secret.has(name)) env.set(name, value);
        else if (given !== value) {
            ctx.warn(
                "s3-env-kept",
                servicePath(svc.name, "environment", name),
                `service ${svc.name}: ${name} is set in the compose file${given !== undefined ? ` to "${given}"` : " from config"}, so it does not get the deployment's value "${value}"`,
                `Remove ${name} from the service's environment to get "${value}".`,
            );
        }
    }
    for (const name of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]) {
        if (env.has(name) || secret.has(name)) {
            ctx.warn(
                "s3-static-keys",
                servicePath(svc.name, "environment", name),
                `service ${svc.name}: ${name} is set, so AWS SDKs use those keys instead of the task role that may use ${mine.map((b) => b.name).join(", ")}`,
                `Remove ${name} (and its secret key) from the service: its task role is granted the bucket.`,
            );
            break;
        }
    }
    rewriteEndpoints(ctx, svc, mine, env);
    container.environment = [...env.entries()].map(([name, value]) => ({ name, value })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `http://minio:9000` (the stand-in, by its name or private name) → the regional S3 endpoint. */
function rewriteEndpoints(ctx: PlanContext, svc: ServiceConfig, buckets: BucketPlan[], env: Map<string, string>): void {
    const region = ctx.options.region;
    if (!region) return;
    const endpoint = `https://s3.${region}.amazonaws.com`;
    const namespace = `.${ctx.project.name}.internal`;
    for (const key of Object.keys(svc.environment ?? {}).sort()) {
        const value = env.get(key);
        if (value === undefined) continue; // a config reference: not ours to rewrite
        const url = parseUrl(envText(value));
        if (!url || !/^https?$/.test(url.scheme)) continue;
        const host = url.host.endsWith(namespace) ? url.host.slice(0, -namespace.length) : url.host;
        const bucket = buckets.find((b) => b.name.toLowerCase() === host || dnsLabel(b.name) === host);
        if (!bucket) continue;
        const rewritten = value.replace(/^(\s*)https?:\/\/[^/\s?#]+/i, `$1${endpoint}`);
        if (rewritten === value) continue;
        env.set(key, rewritten);
        ctx.info(
            "s3-endpoint-rewritten",
            servicePath(svc.name, "environment", key),
            `service ${svc.name}: ${key} pointed at the ${bucket.name} stand-in; it is set to ${endpoint} (bucket ${bucket.bucketName})`,
        );
    }
}
