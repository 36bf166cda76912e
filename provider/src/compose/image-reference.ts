// Docker image references (distribution/reference grammar): [registry[:port]/]path[:tag][@digest].
// Parsed in one pass over `/`-separated parts with anchored, non-nested patterns, so time is linear in
// the length. Used by the Defang rules (`image:`), the plan (the component's `images` input) and the
// execution role's ECR scope, so a `*` or other wildcard never reaches an IAM resource ARN.

export interface ImageReference {
    /** Registry host[:port], when the first part names one. */
    domain?: string;
    /** Repository path (lower case components separated by `/`). */
    path: string;
    tag?: string;
    digest?: string;
}

/** Docker's limit on the name (registry + path). */
const NAME_MAX = 255;
const TAG = /^[\w][\w.-]{0,127}$/;
/**
 * The digests a registry and the container runtime accept: the grammar allows any `<algorithm>:<hex>`,
 * but go-digest (containerd, ECS's agent) knows only these, each with its exact hex length, and refuses
 * the rest when the image is pulled (https://github.com/opencontainers/go-digest, algorithm.go).
 */
const DIGEST = /^(?:sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const PORT = /^[0-9]{1,5}$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;

/** The parsed reference, or the reason it is not one (never echoing more than a short excerpt). */
export function parseImageReference(ref: string): ImageReference | { error: string } {
    if (ref.length === 0) return { error: "it is empty" };
    let rest = ref;
    let digest: string | undefined;
    const at = rest.indexOf("@");
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!DIGEST.test(digest)) return { error: "the digest after `@` is not sha256: and 64 lower-case hex digits (or sha384: 96, sha512: 128), the only digests a pull accepts" };
    }
    let tag: string | undefined;
    const lastSlash = rest.lastIndexOf("/");
    const colon = rest.indexOf(":", lastSlash + 1);
    if (colon >= 0) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!TAG.test(tag)) return { error: "the tag is not 1-128 letters, digits, `_`, `.` or `-` (not starting with `.` or `-`)" };
    }
    if (rest.length === 0) return { error: "it has no repository name" };
    if (rest.length > NAME_MAX) return { error: `the name is longer than ${NAME_MAX} characters` };
    const parts = rest.split("/");
    let domain: string | undefined;
    if (parts.length > 1 && isDomain(parts[0])) {
        domain = parts.shift();
        const bad = domainError(domain!);
        if (bad) return { error: bad };
    }
    for (const p of parts) {
        if (!PATH_COMPONENT.test(p)) {
            return { error: /[A-Z]/.test(p) ? "repository names must be lower case" : "each part of the repository path is lower-case letters and digits, separated by `.`, `_`, `__` or dashes" };
        }
    }
    return { ...(domain !== undefined ? { domain } : {}), path: parts.join("/"), ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

export function isImageReferenceError(r: ImageReference | { error: string }): r is { error: string } {
    return "error" in r;
}

/** Docker's rule: the first part is a registry when it has a `.` or `:`, is `localhost`, or has upper case. */
function isDomain(first: string): boolean {
    return /[.:]/.test(first) || first === "localhost" || first !== first.toLowerCase();
}

function domainError(domain: string): string | undefined {
    let host = domain;
    const portAt = domain.startsWith("[") ? domain.indexOf(":", domain.indexOf("]")) : domain.lastIndexOf(":");
    if (portAt >= 0) {
        const port = domain.slice(portAt + 1);
        host = domain.slice(0, portAt);
        if (!PORT.test(port) || Number(port) > 65535) return "the registry's port is not a number from 0 to 65535";
    }
    if (IPV6.test(host)) return undefined;
    if (!host.split(".").every((c) => DOMAIN_COMPONENT.test(c))) return "the registry host is not a host name (letters, digits, `-` and `.`)";
    return undefined;
}

/** A short excerpt of a reference for messages (a 100k-character value is never echoed whole). */
export function excerpt(ref: string, max = 80): string {
    return ref.length <= max ? ref : `${ref.slice(0, max - 1)}…`;
}
