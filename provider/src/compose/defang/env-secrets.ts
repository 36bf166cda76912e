// Literal environment values that look like secrets. They would sit in plaintext in the task
// definition, Pulumi state and the compose file; a config reference keeps them in SSM instead.
// Names follow the security rule ECS-07; values are checked for well-known key shapes, passwords in
// URLs and high-entropy tokens (Defang runs a similar keyword + entropy scan).
import { looksLikeSecretName } from "../secret-names";
import type { ServiceConfig } from "../types";
import type { ServiceReporter } from "./report";
import { shannonEntropy } from "./util";


const KEY_SHAPES: Array<[RegExp, string]> = [
    [/^(AKIA|ASIA)[0-9A-Z]{16}$/, "an AWS access key id"],
    [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
    [/^eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/, "a signed token (JWT)"],
    [/^(sk-[A-Za-z0-9_-]{16,}|sk_live_[A-Za-z0-9]{16,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35})$/, "an API token"],
];

const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:([^@\s/]+)@/i;

/** Entropy (bits per character) above which a long, unbroken value is treated as a generated secret. */
const ENTROPY_THRESHOLD = 4.2;
const ENTROPY_MIN_LENGTH = 24;

/** Why the value looks like a secret, or undefined. */
export function secretReason(key: string, value: string): string | undefined {
    // Empty, numeric and boolean values carry no secret (TOKEN_TTL=3600, USE_TOKEN=true).
    if (/^\s*$|^-?\d+(\.\d+)?$|^(true|false|yes|no|on|off)$/i.test(value)) return undefined;
    if (looksLikeSecretName(key)) return "its name";
    for (const [re, what] of KEY_SHAPES) if (re.test(value)) return `the value is ${what}`;
    if (URL_PASSWORD.test(value)) return "the URL contains a password";
    if (looksGenerated(value)) return "the value is a long random string";
    return undefined;
}

function looksGenerated(value: string): boolean {
    // Generated keys are base64 / base64url / hex: no dots, colons or spaces (those are names, URLs, images).
    if (value.length < ENTROPY_MIN_LENGTH || !/^[A-Za-z0-9_\-+/=]+$/.test(value) || value.startsWith("/")) return false;
    if (!/[a-zA-Z]/.test(value) || !/[0-9]/.test(value)) return false;
    return shannonEntropy(value) >= ENTROPY_THRESHOLD;
}

export function checkEnvironmentSecrets(svc: ServiceConfig, r: ServiceReporter): void {
    for (const [key, value] of Object.entries(svc.environment ?? {})) {
        if (typeof value !== "string") continue;
        const reason = secretReason(key, value);
        if (reason) r.report("environment-literal-secret", ["environment", key], { key, reason });
    }
}
