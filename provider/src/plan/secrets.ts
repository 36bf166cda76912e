// Environment and secret wiring. Literal values are plain environment; config references are ECS
// `secrets` read from SSM (`/Defang/<project>/<stack>/<NAME>`); a value mixing text and references is
// resolved at deploy into a SecureString parameter of its own. No config value, and no literal whose
// name or value looks secret (the detector ECS-07 also uses), ever lands in a task definition's plain
// environment: such a literal is written to a SecureString of its own, whatever the mode.
import { looksLikeSecretName, parameterLeaf } from "../compose/secret-names";
import { detectSecret } from "../secret-detector";
import { type ConfigTemplate, type EnvValue, type ServiceConfig, isConfigTemplate, isPureConfigRef } from "../compose/types";
import { type PlanContext, servicePath } from "./context";
import { shortHash } from "./naming";
import type { ContainerPlan, SecretSource } from "./types";


/** Config names (what `defang config set NAME` stores): `^[A-Za-z_][A-Za-z0-9_]{0,63}$`. */
export const CONFIG_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** SSM parameter names: `[a-zA-Z0-9_.-/]`, ≤ 1011 characters, ≤ 15 levels. */
const SSM_CHARS = /^[A-Za-z0-9_.\-/]+$/;
const SSM_MAX = 1011;

/** `/Defang/<project>/<stack>/`, or undefined (with an error) when it cannot be an SSM path. */
export function configPrefix(ctx: PlanContext): string | undefined {
    const prefix = `/Defang/${ctx.project.name}/${ctx.options.stack}/`;
    if (!SSM_CHARS.test(prefix) || ctx.options.stack.includes("/") || ctx.options.stack.length === 0) {
        ctx.error(
            "config-path-invalid",
            undefined,
            `the config path ${prefix} is not a valid SSM parameter path`,
            "Project and stack names may use letters, digits, `_`, `.` and `-` only.",
        );
        return undefined;
    }
    return prefix;
}

/** Parameter for a value the component writes on behalf of a service: `<prefix><service>/<KEY>`. */
export function derivedParameter(prefix: string, service: string, key: string): string {
    // The same fold the Defang rules check for collisions (parameter-name-collision). Past SSM's length
    // a plain cut would merge keys sharing a long head: the cut ends in a hash of the whole name instead.
    const full = `${prefix}${parameterLeaf(service)}/${parameterLeaf(key)}`;
    if (full.length <= SSM_MAX) return full;
    const hash = shortHash(full, 12);
    return `${full.slice(0, SSM_MAX - hash.length - 1)}-${hash}`;
}

export interface WiredEnvironment {
    environment: ContainerPlan["environment"];
    secrets: ContainerPlan["secrets"];
    /** Config names the service needs, in first-use order. */
    configNames: string[];
    /** Parameters the component must write (templates and literal secrets). */
    derived: Array<{ parameter: string; description: string }>;
}

export function wireEnvironment(ctx: PlanContext, svc: ServiceConfig, prefix: string): WiredEnvironment {
    const out: WiredEnvironment = { environment: [], secrets: [], configNames: [], derived: [] };
    const need = (name: string, path: Array<string | number>): void => {
        if (!CONFIG_NAME.test(name)) {
            ctx.error(
                "config-name-invalid",
                servicePath(svc.name, ...path),
                `service ${svc.name}: config name "${name}" is not valid`,
                "Config names start with a letter or `_` and use letters, digits and `_` (at most 64 characters).",
            );
            return;
        }
        if (!out.configNames.includes(name)) out.configNames.push(name);
    };

    const keys = Object.keys(svc.environment ?? {}).sort();
    for (const key of keys) {
        const value: EnvValue = svc.environment[key];
        const path = ["environment", key];
        if (!isConfigTemplate(value)) {
            if (looksLikeSecretName(key) || detectSecret(value) !== undefined) {
                // Kept out of the task definition: written as a SecureString, referenced as an ECS secret.
                // (The Defang rules already warned about the literal: environment-literal-secret.)
                const parameter = derivedParameter(prefix, svc.name, key);
                out.secrets.push({ name: key, source: { kind: "template", parameter, parts: [value] } });
                out.derived.push({ parameter, description: `literal ${key} of service ${svc.name}` });
            } else {
                out.environment.push({ name: key, value });
            }
            continue;
        }
        const template: ConfigTemplate = value;
        const pure: boolean = isPureConfigRef(template);
        if (pure) {
            const name = (template.parts[0] as { ref: string }).ref;
            need(name, path);
            out.secrets.push({ name: key, source: { kind: "config", name } });
            continue;
        }
        for (const p of template.parts) if (typeof p !== "string") need(p.ref, path);
        const parameter = derivedParameter(prefix, svc.name, key);
        const source: SecretSource = { kind: "template", parameter, parts: template.parts.map((p) => (typeof p === "string" ? p : { ref: p.ref })) };
        out.secrets.push({ name: key, source });
        out.derived.push({ parameter, description: `${key} of service ${svc.name} (text with config references)` });
    }

    // Compose `secrets:` are plain environment variables read from config (Defang semantics).
    (svc.secrets ?? []).forEach((s, i) => {
        const name = s.source;
        if (keys.includes(name)) return;
        need(name, ["secrets", i]);
        out.secrets.push({ name, source: { kind: "config", name } });
    });
    out.secrets.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return out;
}
