// The bad values the mutators plant: each list is what a user (or a broken generator) actually writes.

/** Any-type replacements for a type swap. */
export const ANY_VALUES: unknown[] = [
    null, "", "x", " ", 0, 1, -1, 3.5, true, false, [], {}, ["a", 1], { a: 1 }, [[]], [{}], { "": null }, "null", "~", "yes", "0x1F", "1e3",
];

export const NUMBERS: unknown[] = [
    0, -1, -0.5, 1.5, 1e-9, 2 ** 31, 2 ** 53 + 2, 1e21, 1e308, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY,
    "99999999999999999999", "-0", "0x10", "1_000", "٣", "+5",
];

export const NAMES: string[] = [
    "", "wéb", "服务", "🚀", "a".repeat(100), "Web", "web.app", "web app", "-web", "1web", "__proto__", "constructor", "toString",
    "web_1", "WEB-1", "x".repeat(64), "a\u200bb", "web/app", "web:app", "$web", "${NAME}", ".", "..",
];

/** Valid names that stress AWS's limits: long, mixed case, underscores, digits first, our own child names. */
export const LONG_NAMES: string[] = [
    "a-very-long-compose-project-name-for-aws-limits-x", "a_very_long_service_name_which_is_fifty_characters", "Web_Frontend_Service",
    "UPPER_CASE", "9lives", "a".repeat(63), "lb", "apps", "network-default", "cluster", "domain", "gpu", "execution", "vpc", "sg-app",
    "internal", "ecs-demo", "aws", "a-b", "a_-b", "x",
];

export const CPUS: unknown[] = ["two", "", "0", 0, -1, "-0.5", "1e400", "0.0001", 1000, "1,5", "50%", "2 cores", Number.NaN, "0x2", [1], { n: 1 }];

export const MEMORY: unknown[] = [
    "1ZB", "1.5.5M", "-1G", "0", 0, "512 M", "1GiB", "99999999999999G", "1e400", "M", "512MB", "0.5g", "1kb", "12q", -536870912, 1e20,
    "", "  ", "512m ", true, [512], { m: 1 },
];

export const PORTS: unknown[] = [
    "99999:80", "80-70:80", "0:0", ":80", "80:", "abc", "127.0.0.1:8080:80", "[::1]:80:80", "8080:80/sctp", 65536, -1, 0, "1-65535:80",
    "8000-8010:80-90", "80/http", "80:80:80:80", "localhost:80:80", "300.1.1.1:80:80", "${PORT}:80", "8080:${PORT:-80}", "80/tcp/udp",
    { target: "x" }, { target: 80, published: "99999" }, { target: 80, mode: "weird" }, { target: 80, protocol: "quic" }, { target: 80, app_protocol: 7 },
    { target: 80, host_ip: "::" }, { target: 0 }, { target: 80, mode: "host", published: "80-79" }, { published: 80 }, {}, null, [80], 80.5,
];

/** Strings spliced into string values: broken and tricky interpolation. */
export const INTERPOLATIONS: string[] = [
    "${", "${VAR:?}", "$$", "${VAR:?must be set}", "${A:-${B:-${C:-d}}}", "$", "${1abc}", "${VAR^^}", "${VAR:-", "$$$$", "${VAR/x/y}", "${}",
    "${ VAR }", "$VAR", "${VAR:+alt}", "${VAR-}", "\\${VAR}", "${VAR:?${OTHER}}", "${VAR:-$}", "$${VAR}", "${A}${B}${C}", "${VAR:=x}", "}",
    "${" + "A:-${".repeat(40) + "x" + "}".repeat(41),
];

export const DURATIONS: unknown[] = ["abc", "-1s", "0s", "", "1h1h", "10", 10, -5, "1.5.5s", "1d", "99999999h", "10ms", "1us", Number.NaN, [], {}];

export const HEALTH_TESTS: unknown[] = [
    [], "", ["NONE"], ["CMD"], ["CMD-SHELL"], ["FOO", "x"], "NONE", ["CMD", 1, null], ["CMD-SHELL", "curl -f http://localhost:99999/"],
    "curl -f http://localhost/", ["CMD", "curl", "-f", "http://localhost:80/health"], ["CMD-SHELL", "curl http://[::1]:80/"], 5, { test: "x" },
];

/** Values for every `x-defang-*` extension, most of them wrong for it. */
export const X_DEFANG_VALUES: unknown[] = [
    1, "maybe", [], {}, { "allow-downtime": "yes" }, { "from-snapshot": 3 }, null, true, "true", false, "false", { folder: 5 }, ["arn:aws:iam::aws:policy/x"],
    { x: "y" }, "arn:aws:iam::123456789012:role/dns", "arn:aws:iam::aws:policy/AdministratorAccess", ["PowerUserAccess", "IAMFullAccess"], "AmazonS3FullAccess,x", { min: -1, max: 0 }, { model: 5 }, "${VAR}", "", [null], { "from-snapshot": "" },
];

export const X_DEFANG_KEYS = [
    "x-defang-postgres", "x-defang-redis", "x-defang-mongodb", "x-defang-llm", "x-defang-autoscaling", "x-defang-static-files",
    "x-defang-policies", "x-defang-dns-role", "x-defang-aliases", "x-defang-unknown",
];

export const COMMANDS: unknown[] = [
    "", [], "sh -c 'unterminated", ["a", 1, null], { a: "b" }, "echo \"$HOME\" 'it''s'", "\\", "a\\ b", ["sh", "-c", "echo ${VAR}"], "   ", 7,
];

export const ENVIRONMENTS: unknown[] = [
    ["=", "=x", "A=B=C", "A", "", "B=", "C= spaced ", "D=${D}", "É=1", "with space=1", "1ABC=x"],
    { A: { nested: 1 }, B: 1, C: true, D: null, E: [], F: "", "": "x", "has space": "1" },
    "A=1", 5, [null], [["A=1"]], JSON.parse('{"__proto__": "x", "constructor": "y"}'),
    // Keys that fold into one SSM parameter name (issue 11, class 7).
    { API_TOKEN: "a", "API TOKEN": "b", "API/TOKEN": "c" }, ["DB_PASSWORD=x", "DB PASSWORD=y", "DB:PASSWORD=z"],
];

/** Image references a careless or hostile user writes (issue 11, class 8): wildcards widen nothing. */
export const IMAGES: unknown[] = [
    "", "UPPER/Case", "a b", "nginx:", "@sha256:x", "${IMAGE}", "x".repeat(300), 5, "*", "123456789012.dkr.ecr.us-east-1.amazonaws.com/*",
    "123456789012.dkr.ecr.us-east-1.amazonaws.com/app*:v1", "ghcr.io/org/app:" + "t".repeat(129), "registry:99999/app", "a".repeat(100_000),
];

export const RESTARTS: unknown[] = ["no", "\"no\"", "always", "on-failure:3", "on-failure:-1", "unless-stopped", "sometimes", false, 0, ""];

export const PLATFORMS: unknown[] = ["linux/arm64", "windows/amd64", "linux/s390x", "linux/arm64/v8", "arm64", "", 5, "linux/amd64,linux/arm64"];

export const PROFILES: unknown[] = [["defang"], ["dev"], [""], ["Debug Profile"], "dev", [1], [], ["*"]];
