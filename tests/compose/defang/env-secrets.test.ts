// Literal environment values that look like secrets.
import * as assert from "assert";
import { secretReason } from "../../../provider/src/secret-detector";

describe("environment secrets scan", () => {
    const flagged: Array<[string, string, RegExp]> = [
        ["DB_PASSWORD", "hunter2", /name/],
        ["DJANGO_SECRET_KEY", "django-insecure-abc", /name/],
        ["OPENAI_API_KEY", "defang", /name/],
        ["GITHUB_TOKEN", "x", /name/],
        ["aws_secret_access_key", "abc", /name/],
        ["KEY_ID", "AKIAIOSFODNN7EXAMPLE", /AWS access key/],
        ["STRIPE", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", /API token/],
        ["GH", "ghp_1234567890abcdefghijklmnopqrstuvwxyz", /API token/],
        ["DATABASE_URL", "postgres://app:s3cr3t@db:5432/app", /URL contains a password/],
        ["CACHE_URL", "redis://:s3cr3t@cache:6379/0", /URL contains a password/],
        ["SIGNING", "Zq8xR2mT7vL0pK9wN4sJ6hB1cF3gD5yA", /long random string/],
        ["SESSION", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", /JWT/],
    ];
    for (const [key, value, reason] of flagged) {
        it(`flags ${key}=${value.slice(0, 12)}…`, () => assert.match(secretReason(key, value) ?? "", reason));
    }

    const clean: Array<[string, string]> = [
        ["DB_PASSWORD", ""],
        ["TOKEN_TTL", "3600"],
        ["USE_TOKEN", "true"],
        ["TOKEN_TYPE", "bearer"],
        ["VERSION_TOKEN", "v1"],
        ["DJANGO_SETTINGS_MODULE", "config.settings"],
        ["REDIS_URL", "redis://redis:6379/0"],
        ["DATABASE_URL", "postgres://postgres@db:5432/postgres?sslmode=require"],
        ["PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
        ["IMAGE", "ghcr.io/berriai/litellm:main-v1.92.0-stable"],
        ["NEXT_PUBLIC_API", "https://api.example.com/v1/graphql"],
        ["UUID", "123e4567-e89b-12d3-a456-426614174000"],
        ["MESSAGE", "Hello from a Defang sample app 2024"],
    ];
    for (const [key, value] of clean) {
        it(`does not flag ${key}=${value}`, () => assert.strictEqual(secretReason(key, value), undefined));
    }
});
