// The one secret detector: each family flagged (alone and inside text), near misses left alone, and
// every scan linear (a 200k-character value of each adversarial shape in well under a second).
import { strict as assert } from "assert";
import { detectSecret } from "../../provider/src/secret-detector";

const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

describe("secret detector", () => {
    const flagged: Array<[string, RegExp]> = [
        ["AKIAIOSFODNN7EXAMPLE", /AWS access key/],
        ["ASIAY34FZKBOKMUTVV7A", /AWS access key/],
        ["aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE", /AWS access key/],
        ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", /random/],
        ["aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", /./],
        [JWT, /JWT/],
        [`Authorization: Bearer ${JWT}`, /JWT/],
        ["-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", /private key/],
        ["-----BEGIN OPENSSH PRIVATE KEY-----", /private key/],
        ["-----BEGIN PRIVATE KEY-----", /private key/],
        ["ghp_1234567890abcdefghijklmnopqrstuvwxyz", /API token/],
        ["github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", /API token/],
        ["glpat-abcdefghij0123456789", /API token/],
        ["xoxb-123456789012-abcdefghijkl", /API token/],
        ["sk_live_4eC39HqLyjWDarjtT1zdp7dc", /API token/],
        ["rk_test_4eC39HqLyjWDarjtT1zdp7dc", /API token/],
        ["sk-proj-abc123DEF456ghi789JKL012", /API token/],
        ["npm_abcdefghijklmnopqrstuvwxyz0123456789", /API token/],
        ["AIzaSyA1234567890abcdefghijklmnopqrstuv", /API token/],
        ["postgres://app:s3cr3t@db:5432/app", /URL contains a password/],
        ["redis://:s3cr3t@cache:6379/0", /URL contains a password/],
        ["curl https://admin:hunter2@api.example.com/health", /URL contains a password/],
        ["host=db user=app password=hunter2 dbname=app", /assigned/],
        ["Zq8xR2mT7vL0pK9wN4sJ6hB1cF3gD5yA", /random/],
        ["token Zq8xR2mT7vL0pK9wN4sJ6hB1cF3gD5yA.", /random/],
    ];
    for (const [value, reason] of flagged) {
        it(`flags ${JSON.stringify(value.slice(0, 40))}`, () => assert.match(detectSecret(value) ?? "", reason));
    }

    const clean = [
        "123e4567-e89b-12d3-a456-426614174000", // a UUID
        "3f786850e387550fdab836ed7e6dc881de23001b", // a git sha
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", // an image digest
        "password", // the plain word
        "Enter your password to continue",
        "password=",
        "PASSWORD=$DB_PASSWORD",
        "--password-stdin",
        "--secret-file=/run/secrets/key",
        "redis://redis:6379/0",
        "postgres://postgres@db:5432/postgres?sslmode=require",
        "http://localhost:8080/health?token=",
        "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "ghcr.io/berriai/litellm:main-v1.92.0-stable",
        "https://api.example.com/v1/graphql",
        "sk-learn-preprocessing-tools",
        "AKIA-not-a-key",
        "eyJhbGciOiJIUzI1NiJ9", // one JWT segment is a header, not a token
        "-----BEGIN CERTIFICATE-----",
        "pg_isready -U postgres -d app",
        "traefik.http.routers.web.rule=Host(`example.com`)",
        "Hello from a Defang sample app 2024",
        "com.docker.compose.project.working_dir",
    ];
    for (const value of clean) {
        it(`does not flag ${JSON.stringify(value.slice(0, 40))}`, () => assert.equal(detectSecret(value), undefined));
    }

    describe("runs in linear time", () => {
        const N = 200_000;
        const shapes: Record<string, string> = {
            letters: "a".repeat(N),
            "random-ish": Array.from({ length: N }, (_, i) => "Ab3xZ9q7"[i % 8]).join(""),
            "repeated JWT heads": "eyJ".repeat(N / 3),
            "JWT-like with dots": ("eyJ" + "a".repeat(20) + ".").repeat(N / 24),
            "repeated scheme separators": "://".repeat(N / 3),
            "user:info never closed": "x://" + "a:".repeat(N / 2),
            "PEM headers": "-----BEGIN ".repeat(N / 11),
            "AKIA runs": "AKIA".repeat(N / 4),
            "dots then a letter": ".".repeat(N) + "x",
            "secret names assigned": "password=".repeat(N / 9),
            "sk- prefix": "sk-" + "-".repeat(N),
            "separators only": " ".repeat(N),
        };
        for (const [name, value] of Object.entries(shapes)) {
            it(`${name} (${value.length} characters)`, () => {
                const t0 = process.hrtime.bigint();
                detectSecret(value);
                const ms = Number(process.hrtime.bigint() - t0) / 1e6;
                assert.ok(ms < 250, `${ms.toFixed(0)} ms`);
            });
        }
    });
});
