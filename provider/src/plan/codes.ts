// Every diagnostic code the plan layer can report. Codes are part of the public interface (users
// script on `validate --json` and `plan`), so they are kebab-case like the loader's and the Defang
// rules' codes, and never reused for another meaning. PlanContext only accepts these, so a new code
// must be added here; tests/unit/diagnostic-codes.test.ts checks the style and cross-layer clashes.
export const PLAN_CODES = [
    // options
    "mode-invalid",
    "tag-invalid",
    "tag-reserved",
    "tag-too-many",
    // network
    "vpc-options-ignored",
    "vpc-cidr-invalid",
    "vpc-cidr-public",
    "az-count-invalid",
    "az-too-few",
    "az-clamped",
    "adopt-no-private-subnets",
    "no-search-domain",
    "dns-name-clash",
    "alias-ignored",
    // services
    "no-image",
    "policy-invalid",
    "stop-grace-capped",
    "cpus-not-positive",
    "memory-not-positive",
    "fargate-too-large",
    "gpu-too-large",
    "gpu-arm64",
    "autoscaling-job",
    "autoscaling-range",
    "autoscaling-target",
    "job-ingress",
    "job-replicas",
    "job-depends-healthy",
    "depends-completed-service",
    "expose-invalid",
    "networks-too-many",
    "replicas-out-of-range",
    "security-group-rules-too-many",
    // AWS API limits (plan/aws-limits.ts), also reported by the offline engine's registration check
    "aws-name-too-long",
    "aws-name-invalid",
    "aws-value-out-of-range",
    "aws-quota-exceeded",
    // ingress
    "domain-invalid",
    "domainname-invalid",
    "host-conflict",
    "ingress-unrouted",
    "alb-too-many-target-groups",
    "alb-too-many-rules",
    "alb-too-many-certificates",
    // config and secrets
    "config-path-invalid",
    "config-name-invalid",
    "config-unused",
    // managed stores
    "store-replicas-ignored",
    "store-too-large",
    "store-secret-literal",
    "store-name-not-literal",
    "store-name-invalid",
    "store-image-unexpected",
    "postgres-version-unsupported",
    "postgres-version-ending",
    "mongo-version-unsupported",
    "mongo-version-above-5",
    "mongo-no-credentials",
    "redis-as-valkey",
    "redis-version",
    "valkey-version-unsupported",
    "redis-no-auth",
    // storage: buckets (x-defang-s3), static sites (x-defang-static-files)
    "s3-env-kept",
    "s3-static-keys",
    "s3-endpoint-rewritten",
    "static-files-redirects-too-many",
    // clients of managed stores
    "postgres-tls",
    "documentdb-client",
    "redis-tls",
] as const;

export type PlanCode = (typeof PLAN_CODES)[number];
