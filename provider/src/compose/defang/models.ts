// Compose models (top-level `models:` and the older `provider: {type: model}` services) become an
// OpenAI-compatible LiteLLM gateway in front of Amazon Bedrock, as Defang does: dependents learn its
// address through `<NAME>_URL` / `<NAME>_MODEL` like Docker Model Runner sets them locally.
import type { ComposeProject, EnvValue, ServiceConfig } from "../types";
import type { Reporter, ServiceReporter } from "./report";

export const LITELLM_IMAGE = "litellm/litellm:v1.92.0";
export const GATEWAY_PORT = 4000;
export const MODEL_NETWORK = "model_provider_private";
/** LiteLLM OOMs below 2 GiB on AWS (Defang's finding); 0.5 vCPU is enough for a proxy. */
const GATEWAY_CPUS = 0.5;
const GATEWAY_MEMORY = 2048 * 1024 * 1024;
/** The gateway is only reachable on a private network, so without a user key it runs without auth. */
export const PLACEHOLDER_API_KEY = "defang-private-gateway";

/** Docker model names → Bedrock model ids (AWS). Other names are taken as Bedrock ids. */
const BEDROCK_MODELS: Record<string, string> = {
    "chat-default": "us.amazon.nova-2-lite-v1:0",
    "chat-large": "zai.glm-5",
    "embedding-default": "amazon.titan-embed-text-v2:0",
};

export function bedrockModel(name: string): string {
    return BEDROCK_MODELS[name] ?? name.replace(/^bedrock\//, "");
}

/**
 * Bedrock model ids are `<provider>.<model>[:<version>]`, optionally behind a cross-region inference
 * profile prefix (`us.`, `eu.`, `apac.`, `global.`): `anthropic.claude-3-haiku-20240307-v1:0`.
 * Docker Hub model names (`ai/smollm2`) are not.
 */
export function looksLikeBedrockId(id: string): boolean {
    return /^([a-z]{2,6}\.)?[a-z0-9-]+\.[a-z0-9][a-z0-9._-]*(:[a-z0-9.-]+)?$/i.test(id);
}

/** The environment-variable stem of a model service: `my-llm` → `MY_LLM`. */
export function envStem(name: string): string {
    return name.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
}

interface Gateway {
    name: string;
    model: string;
    masterKey?: EnvValue;
}

/** Convert model providers and top-level models into gateway services, then wire their dependents. */
export function fixModels(project: ComposeProject, reporter: Reporter): void {
    const gateways: Gateway[] = [];
    for (const svc of Object.values(project.services)) {
        if (svc.provider?.type !== "model" || svc.image || svc.build) continue;
        const r = reporter.forService(svc.name);
        const raw = svc.provider.options?.model;
        const model = Array.isArray(raw) ? raw[0] : raw;
        if (!model) {
            r.report("model-name-missing", ["provider"]);
            continue;
        }
        for (const option of ["context-size", "runtime-flags", "context_size", "runtime_flags"]) {
            if (svc.provider.options?.[option] !== undefined) r.report("model-option-ignored", ["provider", "options", option], { field: option });
        }
        const gw = makeGateway(svc, model, r, ["provider", "options", "model"]);
        if (gw) gateways.push(gw);
    }
    for (const [key, def] of Object.entries(project.models ?? {})) {
        const r = reporter.forService(key, ["models", key]);
        if (project.services[key]) {
            r.report("model-name-conflict", [], { value: key });
            continue;
        }
        for (const option of ["context_size", "runtime_flags"] as const) {
            if (def[option] !== undefined) r.report("model-option-ignored", [option], { field: option });
        }
        const svc: ServiceConfig = { name: key, environment: {} };
        const gw = makeGateway(svc, def.model, r, ["model"]);
        if (!gw) continue;
        project.services[key] = svc;
        delete project.models![key];
        gateways.push(gw);
    }
    if (!gateways.length) return;
    project.networks = { ...project.networks };
    project.networks[MODEL_NETWORK] ??= { name: `${project.name}_${MODEL_NETWORK}` };
    for (const gw of gateways) wireDependents(project, gw, reporter);
}

function makeGateway(svc: ServiceConfig, model: string, r: ServiceReporter, modelPath: Array<string | number>): Gateway | undefined {
    if (!model.trim()) {
        r.report("model-name-missing", modelPath);
        return undefined;
    }
    const id = bedrockModel(model);
    if (!looksLikeBedrockId(id)) r.report("model-not-bedrock", modelPath, { value: model, model: id });
    const env = svc.environment;
    const masterKey = env.LITELLM_MASTER_KEY ?? env.OPENAI_API_KEY;
    if (masterKey !== undefined) env.LITELLM_MASTER_KEY = masterKey;
    svc.image = LITELLM_IMAGE;
    svc.command = ["--drop_params", "--model", `bedrock/${id}`, "--alias", model];
    svc.ports = [{ mode: "host", target: GATEWAY_PORT, protocol: "tcp" }];
    svc.networks = { [MODEL_NETWORK]: null };
    const reservations = (((svc.deploy ??= {}).resources ??= {}).reservations ??= {});
    reservations.cpus ??= GATEWAY_CPUS;
    reservations.memory = Math.max(reservations.memory ?? 0, GATEWAY_MEMORY);
    svc.extensions = { ...svc.extensions, "x-defang-llm": svc.extensions?.["x-defang-llm"] ?? true };
    svc.defang = { ...svc.defang, llm: svc.defang?.llm ?? true };
    delete svc.provider;
    r.report("model-gateway", modelPath, { value: model, model: id, name: svc.name });
    return { name: svc.name, model, masterKey };
}

/** Services that depend on a gateway (depends_on, or a service-level `models:` entry) get its address. */
function wireDependents(project: ComposeProject, gw: Gateway, reporter: Reporter): void {
    const url = `http://${gw.name}:${GATEWAY_PORT}/v1/`;
    for (const svc of Object.values(project.services)) {
        if (svc.name === gw.name) continue;
        const binding = modelBinding(svc, gw.name);
        if (!binding && !svc.depends_on?.[gw.name]) continue;
        const urlVar = binding?.endpoint_var ?? `${envStem(gw.name)}_URL`;
        const modelVar = binding?.model_var ?? `${envStem(gw.name)}_MODEL`;
        const current = svc.environment[urlVar];
        if (current === undefined) svc.environment[urlVar] = url;
        else if (current !== url) {
            reporter.forService(svc.name).report("model-env-kept", ["environment", urlVar], {
                key: urlVar,
                value: typeof current === "string" ? current : "a config reference",
                expected: url,
            });
        }
        svc.environment[modelVar] ??= gw.model;
        svc.environment.OPENAI_API_KEY ??= gw.masterKey !== undefined ? structuredClone(gw.masterKey) : PLACEHOLDER_API_KEY;
        svc.networks = { ...(svc.networks && Object.keys(svc.networks).length ? svc.networks : { default: null }), [MODEL_NETWORK]: null };
        svc.depends_on ??= {};
        svc.depends_on[gw.name] ??= { condition: "service_started", required: true };
    }
}

/** A service-level `models:` entry (list of names, or map name → {endpoint_var, model_var}). */
function modelBinding(svc: ServiceConfig, model: string): { endpoint_var?: string; model_var?: string } | undefined {
    const models = svc.other?.models;
    if (Array.isArray(models)) return models.includes(model) ? {} : undefined;
    if (models && typeof models === "object" && model in models) {
        const b = (models as Record<string, unknown>)[model];
        return b && typeof b === "object" ? (b as { endpoint_var?: string; model_var?: string }) : {};
    }
    return undefined;
}
