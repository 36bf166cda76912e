// Which environment names say "this value is a secret" (security rule ECS-07). One definition for the
// Defang rules (warn), the plan (keep such literals out of plain task environment) and the policy
// checker, so the three can never disagree.

/** ECS-07's pattern. */
const SECRET_NAME = /password|secret|private_key|aws_access_key_id|aws_secret_access_key|token|api_key/i;
/** ECS-07's exceptions (`TOKEN_TYPE…`, `VERSION…`), plus names that hold a path to a secret, not the secret (`POSTGRES_PASSWORD_FILE`). */
const NOT_SECRET = /^(token_type|version)|_(file|path|dir)$/i;

export function looksLikeSecretName(name: string): boolean {
    return SECRET_NAME.test(name) && !NOT_SECRET.test(name);
}

/** The leaf of the SSM parameter a key is stored under (SSM allows `[A-Za-z0-9_.-]`, the rest folds to `_`). */
export function parameterLeaf(key: string): string {
    return key.replace(/[^A-Za-z0-9_.-]/g, "_");
}
