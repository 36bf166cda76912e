// Compose models → a LiteLLM gateway on Bedrock, and its dependents' wiring.
import * as assert from "assert";
import { checkDefangRules } from "../../../provider/src/compose/defang";
import { LITELLM_IMAGE, MODEL_NETWORK, PLACEHOLDER_API_KEY, bedrockModel, looksLikeBedrockId } from "../../../provider/src/compose/defang/models";
import type { ServiceDependency } from "../../../provider/src/compose/types";
import { fixture, goodService, workerService } from "./fixtures";

const MiB = 2 ** 20;
const started: ServiceDependency = { condition: "service_started", required: true };

describe("compose models → LiteLLM gateway", () => {
    it("maps Docker model names to Bedrock ids", () => {
        assert.strictEqual(bedrockModel("chat-default"), "us.amazon.nova-2-lite-v1:0");
        assert.strictEqual(bedrockModel("embedding-default"), "amazon.titan-embed-text-v2:0");
        assert.strictEqual(bedrockModel("anthropic.claude-3-haiku-20240307-v1:0"), "anthropic.claude-3-haiku-20240307-v1:0");
        assert.strictEqual(bedrockModel("bedrock/meta.llama3-8b-instruct-v1:0"), "meta.llama3-8b-instruct-v1:0");
    });

    it("recognises Bedrock model ids", () => {
        for (const id of ["us.amazon.nova-2-lite-v1:0", "amazon.titan-embed-text-v2:0", "anthropic.claude-3-haiku-20240307-v1:0", "zai.glm-5", "meta.llama3-1-8b-instruct-v1:0"]) {
            assert.ok(looksLikeBedrockId(id), id);
        }
        for (const id of ["ai/smollm2", "ai/gemma3:1B-Q4_K_M", "gpt-4o", "llama3"]) assert.ok(!looksLikeBedrockId(id), id);
    });

    it("turns a provider: {type: model} service into the gateway (crewai sample shape)", () => {
        const f = fixture({
            services: {
                worker: workerService({ depends_on: { chat: started }, environment: { OPENAI_API_KEY: "defang" } }),
                chat: {
                    provider: { type: "model", options: { model: "chat-default" } },
                    environment: { OPENAI_API_KEY: "defang" },
                    deploy: { resources: { reservations: { cpus: 0.5, memory: 512 * MiB } } },
                    extensions: { "x-defang-llm": true },
                },
            },
        });
        const { project, diagnostics } = checkDefangRules(f.project, { mode: "affordable" });
        const chat = project!.services.chat;
        assert.strictEqual(chat.image, LITELLM_IMAGE);
        assert.deepStrictEqual(chat.command, ["--drop_params", "--model", "bedrock/us.amazon.nova-2-lite-v1:0", "--alias", "chat-default"]);
        assert.deepStrictEqual(chat.ports, [{ mode: "host", target: 4000, protocol: "tcp" }]);
        assert.deepStrictEqual(chat.deploy?.resources?.reservations, { cpus: 0.5, memory: 2048 * MiB });
        assert.deepStrictEqual(chat.networks, { [MODEL_NETWORK]: null });
        assert.strictEqual(chat.provider, undefined);
        assert.strictEqual(chat.defang?.llm, true);
        assert.strictEqual(chat.environment.LITELLM_MASTER_KEY, "defang", "the key the app already uses guards the gateway");

        const worker = project!.services.worker;
        assert.strictEqual(worker.environment.CHAT_URL, "http://chat:4000/v1/");
        assert.strictEqual(worker.environment.CHAT_MODEL, "chat-default");
        assert.strictEqual(worker.environment.OPENAI_API_KEY, "defang");
        assert.deepStrictEqual(worker.networks, { default: null, [MODEL_NETWORK]: null });
        assert.ok(project!.networks?.[MODEL_NETWORK]);
        assert.ok(diagnostics.some((d) => d.code === "model-gateway" && d.severity === "info"));
        // Only the user's own literal OPENAI_API_KEY values are warned about, never what the fixup adds.
        const warned = diagnostics.filter((d) => d.severity !== "info").map((d) => `${d.code} ${d.line}`);
        assert.deepStrictEqual(warned, [
            `environment-literal-secret ${f.at("services", "worker", "environment", "OPENAI_API_KEY").line}`,
            `environment-literal-secret ${f.at("services", "chat", "environment", "OPENAI_API_KEY").line}`,
        ]);
    });

    it("adds a gateway service per top-level model and wires the services that use it", () => {
        const f = fixture({
            services: {
                app: goodService({ other: { models: { llm: { endpoint_var: "AI_URL", model_var: "AI_MODEL" } } } }),
                other: workerService({ other: { models: ["embed"] }, networks: { backend: null } }),
                bystander: workerService(),
            },
            models: { llm: { model: "anthropic.claude-3-haiku-20240307-v1:0" }, embed: { model: "embedding-default" } },
        });
        const { project, diagnostics } = checkDefangRules(f.project, { mode: "affordable" });
        const p = project!;
        assert.deepStrictEqual(Object.keys(p.services), ["app", "other", "bystander", "llm", "embed"]);
        assert.deepStrictEqual(p.services.llm.command, ["--drop_params", "--model", "bedrock/anthropic.claude-3-haiku-20240307-v1:0", "--alias", "anthropic.claude-3-haiku-20240307-v1:0"]);
        assert.strictEqual(p.services.app.environment.AI_URL, "http://llm:4000/v1/");
        assert.strictEqual(p.services.app.environment.AI_MODEL, "anthropic.claude-3-haiku-20240307-v1:0");
        assert.strictEqual(p.services.app.environment.OPENAI_API_KEY, PLACEHOLDER_API_KEY);
        assert.deepStrictEqual(p.services.app.depends_on?.llm, started);
        assert.strictEqual(p.services.other.environment.EMBED_URL, "http://embed:4000/v1/");
        assert.deepStrictEqual(p.services.other.networks, { backend: null, [MODEL_NETWORK]: null });
        assert.strictEqual(p.services.bystander.environment.LLM_URL, undefined);
        assert.strictEqual(p.services.embed.environment.LITELLM_MASTER_KEY, undefined, "no key: the private gateway runs without auth");
        assert.deepStrictEqual(p.models, {});
        const gw = diagnostics.find((d) => d.code === "model-gateway");
        assert.strictEqual(gw?.line, f.at("models", "llm", "model").line);
    });

    it("keeps a master key that is a config reference a config reference", () => {
        const key = { kind: "config" as const, bare: true, parts: [{ ref: "LITELLM_KEY" }] };
        const f = fixture({
            services: {
                app: workerService({ depends_on: { llm: started } }),
                llm: { provider: { type: "model", options: { model: "chat-default" } }, environment: { LITELLM_MASTER_KEY: key } },
            },
        });
        const p = checkDefangRules(f.project, { mode: "affordable" }).project!;
        assert.deepStrictEqual(p.services.app.environment.OPENAI_API_KEY, key);
    });

    it("refuses a provider model service without a model name, at its provider key", () => {
        const f = fixture({ services: { llm: { provider: { type: "model", options: {} } } } });
        const d = checkDefangRules(f.project, { mode: "affordable" }).diagnostics.find((x) => x.code === "model-name-missing");
        assert.strictEqual(d?.severity, "error");
        assert.strictEqual(d?.line, f.at("services", "llm", "provider").line);
    });

    it("does not convert a provider service that has its own image", () => {
        const f = fixture({ services: { llm: workerService({ image: "ollama/ollama", provider: { type: "model", options: { model: "x" } } }) } });
        assert.strictEqual(checkDefangRules(f.project, { mode: "affordable" }).project!.services.llm.image, "ollama/ollama");
    });
});
