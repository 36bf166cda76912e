// Compose apps written the way real users write them (tests/compose/realworld/, none from the corpus):
// for each, what validate reports (codes and locations) and the plan facts that matter — services,
// ingress vs private, sizes, secrets from SSM, managed stores. The expectations are decisions: each
// comment says why the tool should behave so.
import { strict as assert } from "assert";
import * as path from "path";
import { REALWORLD, env, facts, runApp, service, store } from "./realworld-harness";

describe("realistic apps: Django + Celery + Redis + Postgres with x- anchors and <<: merges", () => {
    const r = runApp("django-celery");

    it("reports what a Django team must know, once per place", () => {
        assert.deepEqual(r.findings, [
            // the anchor has both build and image: every merged service warns at the anchor's line
            "warning build-and-image compose.yaml:10:10",
            "warning build-and-image compose.yaml:10:10",
            "warning build-and-image compose.yaml:10:10",
            "warning build-and-image compose.yaml:10:10",
            "warning memory-reservation-missing compose.yaml:63:3",
            "warning memory-reservation-missing compose.yaml:76:3",
            // RDS only takes TLS: the DATABASE_URL of the anchor lacks sslmode
            "warning postgres-tls compose.yaml:13:19",
            "warning postgres-tls compose.yaml:13:19",
            "warning postgres-tls compose.yaml:13:19",
            "warning postgres-tls compose.yaml:13:19",
            "warning redis-no-auth compose.yaml:78:21",
        ]);
        // ${POSTGRES_PASSWORD} in the x-django block is not "unset, using an empty string": it becomes config
        assert.ok(!r.diagnostics.some((d) => d.code === "unset-variable"), "no unset-variable warning for a config reference in an anchor");
    });

    it("plans web behind the load balancer, the Celery pool private, migrate as a job, RDS and ElastiCache", () => {
        assert.deepEqual(facts(service(r.plan, "web")), {
            kind: "service", compute: "fargate", cpu: 512, memory: 1024, replicas: 1,
            ingress: ["8000/http"], private: ["8000/tcp"], secrets: ["DATABASE_URL:template", "SECRET_KEY:config"],
        });
        assert.deepEqual(facts(service(r.plan, "worker")), {
            kind: "service", compute: "fargate", cpu: 1024, memory: 2048, replicas: 2,
            ingress: [], private: [], secrets: ["DATABASE_URL:template", "SECRET_KEY:config"],
        });
        assert.equal(service(r.plan, "migrate").kind, "job");
        assert.deepEqual(service(r.plan, "migrate").container.command, ["python", "manage.py", "migrate", "--noinput"]);
        // the merged anchor's literal environment, the image tag from .env
        assert.deepEqual(env(service(r.plan, "beat")), { ALLOWED_HOSTS: "*", CELERY_BROKER_URL: "redis://broker:6379/0", DJANGO_SETTINGS_MODULE: "shop.settings.production" });
        assert.deepEqual(service(r.plan, "web").image, { kind: "image", image: "ghcr.io/acme/shop:2024.06.1" });
        assert.deepEqual(service(r.plan, "web").dependsOn, [{ service: "broker", condition: "service_started" }, { service: "db", condition: "service_healthy" }]);
        const db = store(r.plan, "db");
        assert.equal(db.kind, "postgres");
        assert.equal(db.kind === "postgres" && db.password.kind === "config" && db.password.name, "POSTGRES_PASSWORD");
        assert.equal(db.kind === "postgres" && db.username, "shop");
        assert.equal(store(r.plan, "broker").kind, "redis");
        assert.deepEqual(r.plan!.config.required, ["POSTGRES_PASSWORD", "SECRET_KEY"]);
    });

    it("in high_availability, warns about single-task services but not about the job or the stores", () => {
        const ha = runApp("django-celery", "high_availability");
        assert.deepEqual(ha.findings.filter((f) => f.includes("ha-single-replica")), ["warning ha-single-replica compose.yaml:29:3", "warning ha-single-replica compose.yaml:51:3"]);
        const db = store(ha.plan, "db");
        assert.ok(db.kind === "postgres" && db.multiAz && db.deletionProtection && db.protect);
    });
});

describe("realistic apps: Next.js + API + worker, depends_on conditions, healthchecks in every syntax", () => {
    const r = runApp("nextjs-api-worker");

    it("reports the unroutable second ingress service and the ignored published port", () => {
        assert.deepEqual(r.findings, [
            // two ingress services, no domain: the load balancer's address can only serve one
            "warning ingress-unrouted compose.yaml:34:9",
            "warning memory-reservation-missing compose.yaml:76:3",
            "warning port-published-ignored compose.yaml:8:20",
            "warning redis-no-auth compose.yaml:85:21",
        ]);
    });

    it("turns each healthcheck form into the ECS one", () => {
        // a string runs in a shell
        assert.deepEqual(service(r.plan, "web").container.healthCheck?.command, ["CMD-SHELL", "curl -fsS http://localhost:3000/api/health || exit 1"]);
        assert.deepEqual(service(r.plan, "api").container.healthCheck, { command: ["CMD-SHELL", "wget -qO- http://127.0.0.1:4000/healthz || exit 1"], interval: 10, timeout: 2, retries: 3, startPeriod: 20 });
        assert.deepEqual(service(r.plan, "worker").container.healthCheck?.command, ["CMD", "node", "dist/healthcheck.js"]);
        // NONE and disable: no container health check
        assert.equal(service(r.plan, "seed").container.healthCheck, undefined);
    });

    it("keeps the dependency conditions, sizes from limits alone, http2 to the load balancer", () => {
        assert.deepEqual(service(r.plan, "api").dependsOn, [{ service: "queue", condition: "service_started" }, { service: "seed", condition: "service_completed_successfully" }]);
        assert.deepEqual(facts(service(r.plan, "worker")), { kind: "service", compute: "fargate", cpu: 256, memory: 512, replicas: 3, ingress: [], private: [], secrets: [] });
        assert.deepEqual(service(r.plan, "api").ingress.map((i) => i.appProtocol), ["http2"]);
        assert.deepEqual(facts(service(r.plan, "api")).secrets, ["JWT_SECRET:config"]);
        assert.equal(service(r.plan, "seed").kind, "job");
        assert.equal(service(r.plan, "api").image.kind, "build");
    });
});

describe("realistic apps: profiles", () => {
    it("deploys the app and the `defang` profile only; local and debug tools stay out", () => {
        const r = runApp("profiles");
        assert.deepEqual(r.findings, []);
        assert.deepEqual(r.plan!.services.map((s) => s.name), ["app"]);
        assert.deepEqual(r.plan!.stores.map((s) => s.name), ["db"]);
        // ${DB_PASSWORD} is a config reference: one secret in the URL, the same name for RDS
        assert.deepEqual(facts(service(r.plan, "app")).secrets, ["DATABASE_URL:template"]);
        assert.deepEqual(r.plan!.config.required, ["DB_PASSWORD"]);
    });

    it("activates a profile on request", () => {
        const r = runApp("profiles", "affordable", { profiles: ["debug"] });
        assert.deepEqual(r.plan!.services.map((s) => s.name).sort(), ["adminer", "app", "mailhog"]);
    });
});

describe("realistic apps: .env interpolation with every default form, env_file lists", () => {
    const r = runApp("env-files");

    it("resolves ${X:-d}, ${X-d}, ${X:?err}, ${X:+alt}, nested defaults and $$", () => {
        assert.deepEqual(r.findings, []);
        const api = service(r.plan, "api");
        assert.equal(r.plan!.project, "billing");
        assert.deepEqual(api.image, { kind: "image", image: "ghcr.io/acme/billing-api:3.2.0" });
        assert.deepEqual(env(api), {
            CURRENCY: "USD", // production.env after common.env; the optional local.env is absent
            EMPTY_DASH: "", // EMPTY is set (to nothing): `-` keeps it
            EMPTY_DEFAULT: "fallback", // `:-` also replaces an empty value
            FEATURE_FLAGS: "enabled",
            FEATURE_FLAGS_OFF: "",
            LOG_LEVEL: "info",
            PRICE: "$9.99",
            REGION: "eu-west-1",
            RETRY_LIMIT: "5",
            TZ: "UTC",
        });
        assert.deepEqual(facts(api).secrets, ["STRIPE_KEY:config"]);
        assert.deepEqual([api.cpu, api.memory], [512, 2048]);
        assert.deepEqual(api.ingress.map((i) => i.port), [8000]);
    });

    it("stops with the author's message when a required variable is missing", () => {
        const missing = runApp("env-files", "affordable", { envFiles: [path.join(REALWORLD, "env-files", "config", "common.env")] });
        const errors = missing.findings.filter((f) => f.startsWith("error"));
        assert.deepEqual(errors, ["error required-variable compose.yaml:5:12"]);
        assert.match(missing.diagnostics.find((d) => d.code === "required-variable")!.message, /set API_TAG in \.env/);
    });
});

describe("realistic apps: ports in every syntax, expose, UDP", () => {
    const r = runApp("ports-expose");

    it("routes http and grpc ingress ports, keeps host, expose and UDP ports private", () => {
        assert.deepEqual(r.findings, []);
        assert.deepEqual(r.infos, ["info port-udp-host compose.yaml:45:9"]);
        assert.deepEqual(facts(service(r.plan, "gateway")).ingress, ["8080/http", "9090/grpc"]);
        assert.deepEqual(facts(service(r.plan, "gateway")).private, ["8080/tcp", "9090/tcp", "9901/tcp"]);
        assert.deepEqual(facts(service(r.plan, "metrics")).private, ["9102/tcp", "9125/udp"]);
        assert.deepEqual(facts(service(r.plan, "dns")), { kind: "service", compute: "fargate", cpu: 256, memory: 512, replicas: 1, ingress: [], private: ["53/udp"], secrets: [] });
        assert.deepEqual(r.plan!.loadBalancer!.certificates.map((c) => c.domains), [["api.example.com"]]);
    });
});

describe("realistic apps: top-level secrets and configs", () => {
    const r = runApp("secrets-configs");

    it("reads every secret from config, says they are variables not files, and that configs are not mounted", () => {
        assert.deepEqual(r.findings, [
            "warning configs-ignored compose.yaml:10:5",
            "warning secret-not-external compose.yaml:26:11",
            "warning secret-not-external compose.yaml:28:18",
            "warning secrets-as-environment compose.yaml:5:5",
        ]);
        const hint = r.diagnostics.find((d) => d.code === "secrets-as-environment")!.hint!;
        assert.match(hint, /db_password instead of the file \/run\/secrets\/db_password/);
        assert.deepEqual(facts(service(r.plan, "api")).secrets, ["api_token:config", "db_password:config", "stripe_key:config"]);
        // the secret's file content never reaches the plan
        assert.ok(!JSON.stringify(r.plan).includes("hunter2"));
    });
});

describe("realistic apps: networks with aliases and an internal network", () => {
    const r = runApp("networks-aliases");

    it("keeps single-name aliases, says what happens to a dotted one and to internal: true", () => {
        assert.deepEqual(r.findings, ["warning alias-ignored compose.yaml:21:13", "warning network-internal-egress compose.yaml:45:15"]);
        assert.deepEqual(service(r.plan, "api").aliases, ["backend-api"]);
        assert.deepEqual(service(r.plan, "cache").aliases, ["memcache"]);
        assert.deepEqual(service(r.plan, "api").networks, ["backend", "frontend"]);
        assert.deepEqual(service(r.plan, "cache").networks, ["backend"]);
        assert.deepEqual(facts(service(r.plan, "proxy")).ingress, ["80/http"]);
        assert.deepEqual(facts(service(r.plan, "cache")).ingress, []);
    });
});

describe("realistic apps: extends from another file", () => {
    const r = runApp("extends-base");

    it("merges the base service's environment, healthcheck and resources under each override", () => {
        assert.deepEqual(r.findings, ["warning ingress-unrouted compose.yaml:23:9", "warning port-published-ignored compose.yaml:23:9"]);
        assert.deepEqual(env(service(r.plan, "orders")), { LOG_FORMAT: "json", SERVICE_NAME: "orders" });
        assert.deepEqual(env(service(r.plan, "payments")), { LOG_FORMAT: "text", SERVICE_NAME: "payments" });
        assert.deepEqual([service(r.plan, "payments").cpu, service(r.plan, "payments").memory], [256, 1024]);
        assert.deepEqual(facts(service(r.plan, "orders")).secrets, ["SENTRY_DSN:config"]);
        assert.equal(service(r.plan, "orders").container.healthCheck?.interval, 20);
    });
});

describe("realistic apps: include with project_directory and env_file", () => {
    it("loads the included project with its own variables", () => {
        const r = runApp("include-project");
        assert.deepEqual(r.findings, []);
        assert.deepEqual(service(r.plan, "billing").image, { kind: "image", image: "ghcr.io/acme/billing:4.2.0" });
        assert.deepEqual(env(service(r.plan, "billing")), { CURRENCY: "USD" });
        assert.deepEqual(facts(service(r.plan, "billing")).private, ["9000/tcp"]);
        assert.deepEqual(facts(service(r.plan, "storefront")).ingress, ["3000/http"]);
    });
});

describe("realistic apps: hardening (read_only, tmpfs, init, user, cap_drop/cap_add, ulimits)", () => {
    const r = runApp("hardening");

    it("keeps what Fargate can do and says what it cannot", () => {
        assert.deepEqual(r.findings, [
            "warning port-published-ignored compose.yaml:21:9",
            "warning security-opt-ignored compose.yaml:13:5",
            // read-only root and no tmpfs on Fargate: /tmp and /run are not writable
            "warning tmpfs-read-only compose.yaml:6:5",
        ]);
    });

    it("keeps cap_drop: [ALL] + cap_add: [NET_BIND_SERVICE] as 'drop every other default', ulimits and the user", () => {
        const c = service(r.plan, "api").container;
        assert.deepEqual(c.capabilities, {
            add: [],
            drop: ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"],
        });
        assert.deepEqual(c.ulimits, [{ name: "nofile", softLimit: 65536, hardLimit: 65536 }, { name: "nproc", softLimit: 4096, hardLimit: 4096 }]);
        assert.equal(c.user, "10001:10001");
        assert.equal(c.readonlyRootFilesystem, true);
        assert.equal(c.initProcessEnabled, true);
    });
});

describe("realistic apps: commands and entrypoints as strings with quotes, environment lists", () => {
    const r = runApp("commands-env");

    it("splits strings like a shell would, keeps '=' in values, bare keys become config", () => {
        assert.deepEqual(r.findings, []);
        const app = service(r.plan, "app");
        assert.deepEqual(app.container.entrypoint, ["/docker-entrypoint.sh", "--wait-for", "db:5432"]);
        assert.deepEqual(app.container.command, ["python", "-m", "app", "--greeting", "hello world", "--name=Jane Doe", "--motd=it's \"quoted\""]);
        assert.deepEqual(env(app), { EMPTY: "", EQUALS: "=leading", OPTS: "--max-old-space-size=512 --enable-source-maps" });
        assert.deepEqual(facts(app).secrets, ["DATABASE_URL:template", "JWT_PUBLIC_KEY:config"]);
        assert.deepEqual(app.container.healthCheck?.command[0], "CMD-SHELL");
        assert.deepEqual(service(r.plan, "cron").container.command, ["/bin/sh", "-c", "while true; do wget -qO- http://app:5000/tick; sleep 60; done"]);
    });
});

describe("realistic apps: GPU inference, Bedrock access, a compose model", () => {
    const r = runApp("gpu-llm");

    it("runs ollama on GPU capacity, gives chat Bedrock, turns the model into a LiteLLM gateway", () => {
        assert.deepEqual(r.findings, ["warning model-not-bedrock compose.yaml:46:12"]);
        const ollama = service(r.plan, "ollama");
        assert.deepEqual([ollama.compute, ollama.gpu, ollama.subnets, ollama.cpu, ollama.memory], ["gpu", { count: 1 }, "private", 4096, 16384]);
        assert.ok(r.plan!.gpu?.services.includes("ollama"));
        assert.equal(service(r.plan, "chat").taskRole.bedrock, true);
        assert.equal(service(r.plan, "summarizer").taskRole.bedrock, false);
        assert.deepEqual(env(service(r.plan, "summarizer")), { LLM_MODEL: "ai/llama3.2:3B-Q4_K_M", LLM_URL: "http://llm:4000/v1/" });
        assert.equal(service(r.plan, "llm").taskRole.bedrock, true);
    });
});

describe("realistic apps: a laptop compose file (localhost ports, bind mounts, local Postgres)", () => {
    const r = runApp("localhost-dev");

    it("refuses the localhost bindings with a way out, and warns about what would be lost", () => {
        assert.deepEqual(r.findings, [
            "error port-host-ip-unsupported compose.yaml:21:9",
            "error port-host-ip-unsupported compose.yaml:7:9",
            "warning environment-literal-secret compose.yaml:17:26",
            "warning healthcheck-ingress-missing compose.yaml:7:9",
            "warning port-published-ignored compose.yaml:7:9",
            // a database port is never public, even while another error stands
            "warning store-port-host compose.yaml:21:9",
            "warning volume-bind-ignored compose.yaml:9:9",
            // its named volume would survive on EFS, but a database on NFS is warned about
            "warning volume-database compose.yaml:19:9",
        ]);
        assert.match(r.diagnostics.find((d) => d.code === "port-host-ip-unsupported")!.hint!, /mode: host/);
        assert.equal(r.plan, undefined);
    });
});

describe("realistic apps: arm64, scale, one-off jobs", () => {
    const r = runApp("jobs-scale-arm");

    it("plans Graviton tasks, four workers from `scale`, two jobs with their conditions", () => {
        assert.deepEqual(r.findings, []);
        assert.equal(service(r.plan, "api").cpuArchitecture, "ARM64");
        assert.equal(service(r.plan, "api").replicas, 2);
        assert.deepEqual([service(r.plan, "worker").replicas, service(r.plan, "worker").cpu, service(r.plan, "worker").memory], [4, 2048, 4096]);
        assert.deepEqual(r.plan!.services.filter((s) => s.kind === "job").map((s) => s.name), ["migrate", "warm-cache"]);
        assert.equal(service(r.plan, "warm-cache").cpuArchitecture, "X86_64");
        assert.deepEqual(service(r.plan, "warm-cache").dependsOn, [{ service: "api", condition: "service_healthy" }, { service: "migrate", condition: "service_completed_successfully" }]);
    });
});

describe("realistic apps: Express on DocumentDB with an internal admin UI", () => {
    const r = runApp("mongo-express");

    it("plans DocumentDB with config credentials, keeps the admin UI private, flags its connection URL", () => {
        assert.deepEqual(r.findings, ["warning documentdb-client compose.yaml:40:30"]);
        const mongo = store(r.plan, "mongo");
        assert.ok(mongo.kind === "mongodb" && mongo.username.kind === "config" && mongo.username.name === "MONGO_INITDB_ROOT_USERNAME");
        assert.ok(mongo.kind === "mongodb" && mongo.password.kind === "config" && mongo.password.name === "MONGO_INITDB_ROOT_PASSWORD");
        assert.deepEqual(facts(service(r.plan, "admin")).ingress, []);
        assert.deepEqual(facts(service(r.plan, "admin")).private, ["8081/tcp"]);
        assert.deepEqual(facts(service(r.plan, "api")).secrets, ["MONGO_URL:template"]);
    });
});

describe("realistic apps: the WordPress + MySQL example from the docs", () => {
    const r = runApp("wordpress-mysql");

    it("deploys with both volumes on EFS, warns about MySQL on NFS, and keeps the literal passwords out of plain environment", () => {
        assert.deepEqual(r.findings, [
            "warning environment-literal-secret compose.yaml:10:9",
            "warning environment-literal-secret compose.yaml:13:9",
            "warning environment-literal-secret compose.yaml:27:9",
            "warning healthcheck-ingress-missing compose.yaml:22:9",
            "warning memory-reservation-missing compose.yaml:17:3",
            "warning memory-reservation-missing compose.yaml:3:3",
            "warning volume-database compose.yaml:7:9",
        ]);
        assert.deepEqual(r.plan!.volumes!.map((v) => [v.name, v.services]), [["db_data", ["db"]], ["wp_data", ["wordpress"]]]);
        assert.deepEqual(service(r.plan, "wordpress").container.mounts, [{ volume: "wp_data", taskVolume: "wp_data", containerPath: "/var/www/html", readOnly: false }]);
        assert.deepEqual(facts(service(r.plan, "db")).secrets, ["MYSQL_PASSWORD:template", "MYSQL_ROOT_PASSWORD:template"]);
        assert.deepEqual(env(service(r.plan, "wordpress")), { WORDPRESS_DB_HOST: "db", WORDPRESS_DB_NAME: "wordpress", WORDPRESS_DB_USER: "wordpress" });
        assert.deepEqual(facts(service(r.plan, "db")).private, ["3306/tcp", "33060/tcp"]);
        assert.ok(!JSON.stringify(r.plan!.services.map((s) => s.container.environment)).includes("somewordpress"));
    });
});

describe("realistic apps: compose.override.yaml discovery and -f merging with !reset", () => {
    it("merges the override found beside compose.yaml", () => {
        const r = runApp("override-files");
        assert.deepEqual(r.findings, [
            "warning healthcheck-ingress-missing compose.override.yaml:11:9",
            "warning ingress-unrouted compose.override.yaml:11:9",
            "warning port-published-ignored compose.override.yaml:11:9",
        ]);
        assert.deepEqual(env(service(r.plan, "web")), { DEBUG: "true" });
        assert.equal(service(r.plan, "web").replicas, 2);
        assert.deepEqual(service(r.plan, "web").image, { kind: "image", image: "ghcr.io/acme/web:9.1.0" });
    });

    it("with -f compose.yaml -f compose.prod.yaml, resets DEBUG and routes the domain", () => {
        const dir = path.join(REALWORLD, "override-files");
        const r = runApp("override-files", "balanced", { files: [path.join(dir, "compose.yaml"), path.join(dir, "compose.prod.yaml")] });
        assert.deepEqual(r.findings, []);
        assert.deepEqual(r.plan!.services.map((s) => s.name), ["web"]);
        assert.deepEqual(env(service(r.plan, "web")), {});
        assert.deepEqual([service(r.plan, "web").replicas, service(r.plan, "web").cpu, service(r.plan, "web").memory], [3, 1024, 2048]);
        assert.deepEqual(service(r.plan, "web").ingress[0].hosts, ["www.example.com"]);
        // balanced: private subnets behind one NAT
        assert.equal(service(r.plan, "web").subnets, "private");
    });
});

describe("realistic apps: gRPC and REST on their own domains", () => {
    it("routes each domain, with gRPC health checks for the gRPC target group", () => {
        const r = runApp("grpc-domain");
        assert.deepEqual(r.findings, []);
        const lb = r.plan!.loadBalancer!;
        const grpc = lb.targetGroups.find((t) => t.service === "greeter")!;
        assert.deepEqual([grpc.protocolVersion, grpc.healthCheck.path, grpc.healthCheck.matcher], ["GRPC", "/AWS.ALB/healthcheck", "0-99"]);
        assert.deepEqual(lb.rules.map((x) => [x.hosts, !!x.grpc]).sort(), [[["api.example.com"], false], [["grpc.example.com"], true]]);
        assert.deepEqual(lb.certificates.map((c) => c.domains[0]).sort(), ["api.example.com", "grpc.example.com"]);
        assert.equal(lb.https, true);
    });
});

describe("realistic apps: a Docker Swarm stack file", () => {
    it("refuses the Swarm-only deploy keys with what to do, ignores logging and placement, drops version", () => {
        const r = runApp("swarm-stack");
        assert.deepEqual(r.findings, [
            "error deploy-mode-unsupported compose.yaml:39:13",
            "error deploy-restart-policy-unsupported compose.yaml:21:7",
            "error deploy-update-config-unsupported compose.yaml:17:7",
            "warning deploy-placement-ignored compose.yaml:24:7",
            "warning deploy-placement-ignored compose.yaml:40:7",
            // the anchored logging block is reported where each service uses it
            "warning logging-ignored compose.yaml:13:5",
            "warning logging-ignored compose.yaml:37:5",
            "warning memory-reservation-missing compose.yaml:38:5",
            "warning obsolete-version compose.yaml:2:1",
            "warning port-published-ignored compose.yaml:12:9",
        ]);
        for (const d of r.diagnostics.filter((x) => x.severity === "error")) assert.match(d.hint!, /remove/);
    });
});

describe("realistic apps: a static site with its own domain and an apex alias", () => {
    it("routes www and the apex to the site, each domain with its certificate", () => {
        const r = runApp("static-site");
        assert.deepEqual(r.findings, []);
        const lb = r.plan!.loadBalancer!;
        assert.deepEqual(lb.rules.map((x) => x.hosts).sort(), [["contact.example.org"], ["www.example.org", "example.org"]]);
        assert.deepEqual(lb.certificates.map((c) => c.domains).sort(), [["contact.example.org"], ["www.example.org", "example.org"]]);
        // the compose healthcheck's interval and path drive the load balancer's check
        const site = lb.targetGroups.find((t) => t.service === "site")!;
        assert.deepEqual([site.healthCheck.path, site.healthCheck.intervalSeconds, site.healthCheck.timeoutSeconds], ["/", 90, 10]);
        assert.deepEqual(facts(service(r.plan, "contact")).secrets, ["SMTP_PASSWORD:config"]);
        assert.equal(service(r.plan, "site").image.kind, "build");
    });
});
