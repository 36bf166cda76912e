// Compose `secrets:` are files in docker compose; on Defang they are config values handed to the
// container as environment variables (read from SSM by ECS at task start, never in plaintext).
import type { ComposeProject, ConfigTemplate, ServiceConfig } from "../types";
import type { Reporter, ServiceReporter } from "./report";

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function checkSecrets(svc: ServiceConfig, r: ServiceReporter): void {
    (svc.secrets ?? []).forEach((s, i) => {
        if (!SECRET_NAME.test(s.source)) r.report("secret-name-invalid", ["secrets", i], { value: s.source });
    });
}

/** Top-level secrets: a renamed secret cannot be found in config; a file/env/content value is not used. */
export function checkTopLevelSecrets(project: ComposeProject, used: Set<string>, r: Reporter): void {
    for (const [key, def] of Object.entries(project.secrets ?? {})) {
        if (!used.has(key)) continue;
        if (def.name && def.name !== key && def.name !== `${project.name}_${key}`) {
            r.report("secret-name-override", ["secrets", key, "name"], { value: key, other: def.name });
        } else if (!def.external) {
            const source = def.file !== undefined ? "file" : def.environment !== undefined ? "environment variable" : def.content !== undefined ? "content" : "definition";
            const field = def.file !== undefined ? "file" : def.environment !== undefined ? "environment" : def.content !== undefined ? "content" : undefined;
            r.report("secret-not-external", field ? ["secrets", key, field] : ["secrets", key], { value: key, source });
        }
    }
}

/** Each secret becomes an environment variable of the same name read from config. */
export function fixSecrets(svc: ServiceConfig, r: ServiceReporter): void {
    const secrets = svc.secrets ?? [];
    if (!secrets.length) return;
    const names = secrets.map((s) => s.source);
    const target = secrets[0].target ?? `/run/secrets/${names[0]}`;
    r.report("secrets-as-environment", ["secrets"], { names: names.join(", "), first: names[0], file: target.startsWith("/") ? target : `/run/secrets/${target}` });
    for (const name of names) {
        if (svc.environment[name] !== undefined) continue;
        const ref: ConfigTemplate = { kind: "config", bare: true, parts: [{ ref: name }] };
        svc.environment[name] = ref;
    }
    delete svc.secrets;
}
