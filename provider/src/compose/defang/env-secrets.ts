// Literal values that look like secrets (the detector: ../../secret-detector.ts). In `environment`
// they would sit in plaintext in the task definition, Pulumi state and the compose file: the plan
// moves them to SSM and this warns, since a config reference keeps them out of the file too.
// Fields that cannot carry a secret (command, entrypoint, healthcheck test, labels) only warn; build
// args warn and reach CodeBuild from Parameter Store.
import { detectSecret, secretReason } from "../../secret-detector";
import type { ServiceConfig } from "../types";
import type { ServiceReporter } from "./report";

export function checkEnvironmentSecrets(svc: ServiceConfig, r: ServiceReporter): void {
    for (const [key, value] of Object.entries(svc.environment ?? {})) {
        if (typeof value !== "string") continue;
        const reason = secretReason(key, value);
        if (reason) r.report("environment-literal-secret", ["environment", key], { key, reason });
    }
}

/** command, entrypoint and healthcheck test: one warning per flagged word, at its line. */
export function checkCommandSecrets(svc: ServiceConfig, r: ServiceReporter): void {
    const fields: Array<[string[], string[] | null | undefined]> = [
        [["command"], svc.command],
        [["entrypoint"], svc.entrypoint],
        [["healthcheck", "test"], svc.healthcheck?.test],
    ];
    for (const [path, words] of fields) {
        (words ?? []).forEach((word, i) => {
            const reason = typeof word === "string" ? detectSecret(word) : undefined;
            if (reason) r.report("command-literal-secret", [...path, i], { field: path.join(" "), reason });
        });
    }
}

export function checkLabelSecrets(svc: ServiceConfig, r: ServiceReporter): void {
    for (const [key, value] of Object.entries(svc.labels ?? {})) {
        const reason = typeof value === "string" ? secretReason(key, value) : undefined;
        if (reason) r.report("label-literal-secret", ["labels", key], { key, reason });
    }
}

export function checkBuildArgSecrets(svc: ServiceConfig, r: ServiceReporter): void {
    for (const [key, value] of Object.entries(svc.build?.args ?? {})) {
        const reason = typeof value === "string" ? secretReason(key, value) : undefined;
        if (reason) r.report("build-arg-literal-secret", ["build", "args", key], { key, reason });
    }
}
