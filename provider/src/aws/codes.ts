// Every diagnostic code reported while the component builds resources: the aws/ modules' warnings
// (stores-warnings.ts) and the component's own (project.ts, offline/plan.ts). Kebab-case, like the
// loader's, the Defang rules' and the plan's codes (plan/codes.ts), and never reused for another meaning.
export const DEPLOY_CODES = [
    // aws/ warnings about the account: a missing hosted zone or a quota the deployment may hit
    "domain-no-zone",
    "certificate-name-too-long",
    "alb-certificate-quota",
    "gpu-quota",
    "redis-tls-only",
    // the component (project.ts) during a preview or offline run, and an offline run's deploy-time refusal
    "build-context-unusable",
    "config-missing",
    "config-unchecked",
    "deploy-error",
    // the offline engine's check of the graph (offline/limits-check.ts): our bug, never the user's
    "logical-name-duplicate",
] as const;

export type DeployCode = (typeof DEPLOY_CODES)[number];
