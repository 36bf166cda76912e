// The one secret detector: validate (environment, command, labels, build args), the plan (which
// literals move to SSM) and the security rules (ECS-07, BLD-01) all ask it, so they cannot disagree.
// Every scan is linear in the value's length: the text is cut into tokens by a plain loop and each
// token is tested with anchored patterns whose character classes exclude the separators, and the
// unanchored patterns have a bounded length (no nested quantifiers, no backtracking over long input).
// Reasons name the kind of secret, never the value.
import { looksLikeSecretName } from "./compose/secret-names";

/** Entropy (bits per character) above which a long, unbroken token is treated as a generated secret. */
const ENTROPY_THRESHOLD = 4.2;
const ENTROPY_MIN_LENGTH = 24;

/** Well-known token prefixes; each token is tested whole (anchored), after its prefix is found. */
const TOKEN_SHAPES: RegExp[] = [
    /^sk-(?:proj-|ant-)?(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{20,}$/, // OpenAI, Anthropic
    /^[sr]k_(?:live|test)_[A-Za-z0-9]{16,}$/, // Stripe secret and restricted keys
    /^whsec_[A-Za-z0-9]{24,}$/, // Stripe webhook signing secret
    /^gh[pousr]_[A-Za-z0-9]{30,}$/, // GitHub
    /^github_pat_[A-Za-z0-9_]{30,}$/,
    /^glpat-[A-Za-z0-9_-]{20,}$/, // GitLab
    /^xox[abposr]-[A-Za-z0-9-]{10,}$/, // Slack
    /^AIza[0-9A-Za-z_-]{35}$/, // Google API key
    /^npm_[A-Za-z0-9]{36}$/, // npm
];

/** AWS access key ids: fixed length, so an unanchored search stays linear. */
const AWS_KEY_ID = /(?:^|[^A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Z])/;
const JWT = /^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{10,}$/;
/** Values that carry no secret whatever their name (TOKEN_TTL=3600, USE_TOKEN=true). */
const TRIVIAL = /^(?:\s*|-?\d{1,30}(?:\.\d{1,30})?|true|false|yes|no|on|off)$/i;

/** Why the value looks like (or contains) a secret, or undefined. */
export function detectSecret(value: string): string | undefined {
    if (value.length < 8) return undefined;
    if (AWS_KEY_ID.test(value)) return "the value is an AWS access key id";
    if (hasPrivateKey(value)) return "the value is a private key";
    if (hasUrlPassword(value)) return "the URL contains a password";
    return scanTokens(value);
}

/** Why a literal `name=value` looks secret (its name, or its value), or undefined. */
export function secretReason(name: string, value: string): string | undefined {
    if (isTrivial(value)) return undefined;
    if (looksLikeSecretName(name)) return "its name";
    return detectSecret(value);
}

export function isTrivial(value: string): boolean {
    return value.length <= 40 && TRIVIAL.test(value);
}

function hasPrivateKey(value: string): boolean {
    for (let i = value.indexOf("-----BEGIN "); i >= 0; i = value.indexOf("-----BEGIN ", i + 1)) {
        // The header is short (`-----BEGIN OPENSSH PRIVATE KEY-----`): look only at its line.
        const header = value.slice(i, i + 64);
        if (/^-----BEGIN [A-Z0-9 ]{0,30}PRIVATE KEY-----/.test(header)) return true;
    }
    return false;
}

/** `scheme://user:password@host`: the userinfo ends at the first `/ ? # @` or space after `://`. */
function hasUrlPassword(value: string): boolean {
    for (let i = value.indexOf("://"); i >= 0; i = value.indexOf("://", i + 3)) {
        let j = i + 3;
        while (j < value.length && !"/?#@ \t\r\n\"'`".includes(value[j])) j++;
        if (value[j] !== "@") continue;
        const userinfo = value.slice(i + 3, j);
        const colon = userinfo.indexOf(":");
        if (colon >= 0 && colon < userinfo.length - 1) return true;
    }
    return false;
}

/** Token characters: what keys, tokens and base64 are made of (no `=`: `KEY=value` splits). */
function isTokenChar(c: number): boolean {
    return (
        (c >= 48 && c <= 57) || // 0-9
        (c >= 65 && c <= 90) || // A-Z
        (c >= 97 && c <= 122) || // a-z
        c === 95 || c === 45 || c === 43 || c === 47 || c === 46 // _ - + / .
    );
}

function scanTokens(value: string): string | undefined {
    let start = -1;
    let previous: { name: string; end: number } | undefined;
    for (let i = 0; i <= value.length; i++) {
        const inToken = i < value.length && isTokenChar(value.charCodeAt(i));
        if (inToken) {
            if (start < 0) start = i;
            continue;
        }
        if (start < 0) continue;
        let end = i;
        while (end > start && value[end - 1] === ".") end--; // a sentence's full stop is not part of a token
        const token = value.slice(start, end);
        // `password=…` inside text (a DSN, a shell line): what follows a secret-looking name is its value (a path is not).
        if (previous && previous.end === start - 1 && looksLikeSecretName(previous.name) && !isTrivial(token) && !/^[/.]/.test(token)) return "a secret-looking name is assigned a value";
        const reason = tokenReason(token);
        if (reason) return reason;
        const sep = value[i];
        previous = sep === "=" ? { name: token, end: i } : undefined;
        start = -1;
    }
    return undefined;
}

function tokenReason(token: string): string | undefined {
    if (token.length < 8) return undefined;
    if (JWT.test(token)) return "the value is a signed token (JWT)";
    for (const re of TOKEN_SHAPES) if (re.test(token)) return "the value is an API token";
    if (looksGenerated(token)) return "the value is a long random string";
    return undefined;
}

function looksGenerated(token: string): boolean {
    // Generated keys are base64 / base64url / hex: no dots (names, hosts, versions) and not a path.
    if (token.length < ENTROPY_MIN_LENGTH || token.includes(".") || token.startsWith("/")) return false;
    if (!/[a-zA-Z]/.test(token) || !/[0-9]/.test(token)) return false;
    return shannonEntropy(token) >= ENTROPY_THRESHOLD;
}

function shannonEntropy(s: string): number {
    const counts = new Map<number, number>();
    for (let i = 0; i < s.length; i++) counts.set(s.charCodeAt(i), (counts.get(s.charCodeAt(i)) ?? 0) + 1);
    let h = 0;
    for (const n of counts.values()) {
        const p = n / s.length;
        h -= p * Math.log2(p);
    }
    return h;
}
