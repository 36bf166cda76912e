// `validate` end to end on real files: the compose loader, then Defang's rules, printed with locations.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../provider/src/cli/main";
import { type Run, validateIn } from "./run";

/** Runs `main` as the binary would, capturing what it writes. */
async function cli(argv: string[]): Promise<Run> {
    const run: Run = { code: -1, out: "", err: "" };
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((s: string) => ((run.out += s), true)) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => ((run.err += s), true)) as typeof process.stderr.write;
    try {
        run.code = await main(argv);
    } finally {
        process.stdout.write = out;
        process.stderr.write = err;
    }
    return run;
}

const GOOD = `name: shop
services:
  web:
    image: nginx:1.27
    ports:
      - target: 80
        mode: ingress
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost/"]
    deploy:
      resources:
        reservations:
          memory: 256M
`;

/** Each case: the compose text, the code expected, and the 1-based line it must be reported at (if exact). */
const BAD: Array<{ name: string; text: string; code?: RegExp; line?: number }> = [
    { name: "bad YAML", text: "services:\n  web:\n    image: nginx\n    ports: [80\n  other: {\n" },
    { name: "an unknown key", text: GOOD.replace("    image: nginx:1.27\n", "    image: nginx:1.27\n    imagee: typo\n") },
    { name: "hostname", text: GOOD.replace("    image: nginx:1.27\n", "    image: nginx:1.27\n    hostname: web.local\n"), code: /hostname-unsupported/, line: 5 },
    { name: "a bad port", text: GOOD.replace("target: 80", "target: 70000") },
    {
        name: "an invalid x-defang-postgres value",
        text: "services:\n  db:\n    image: postgres:16\n    x-defang-postgres:\n      allow-downtime: maybe\n",
        code: /extension-invalid/,
        line: 5,
    },
];

describe("validate (end to end)", () => {
    let dir: string;
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "validate-cli-"))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("exits 0 on a good compose file, found by discovery", async () => {
        const d = fs.mkdtempSync(path.join(dir, "good-"));
        fs.writeFileSync(path.join(d, "compose.yaml"), GOOD);
        const r = await validateIn(d, []);
        assert.strictEqual(r.code, 0, r.out + r.err);
        assert.strictEqual(r.out, "");
    });

    for (const c of BAD) {
        it(`exits 1 with file:line:col for ${c.name}`, async () => {
            const file = path.join(dir, `${c.name.replace(/\W+/g, "-")}.yaml`);
            fs.writeFileSync(file, c.text);
            const r = await validateIn(dir, ["-f", path.basename(file)]);
            assert.strictEqual(r.code, 1, r.out + r.err);
            const first = r.out.split("\n").find((l) => / error: /.test(l)) ?? "";
            const m = new RegExp(`^${path.basename(file).replace(/\./g, "\\.")}:(\\d+):(\\d+): error: .+ \\[[a-z0-9-]+\\]$`).exec(first);
            assert.ok(m, `no located error in:\n${r.out}`);
            if (c.code) assert.match(r.out, c.code);
            if (c.line) {
                const lines = r.out.split("\n").filter((l) => c.code!.test(l));
                assert.strictEqual(Number(/:(\d+):/.exec(lines[0])![1]), c.line, r.out);
            }
        });
    }

    it("prints the JSON array for a real file", async () => {
        const file = path.join(dir, "json.yaml");
        fs.writeFileSync(file, GOOD.replace("    image: nginx:1.27\n", "    image: nginx:1.27\n    container_name: web1\n"));
        const r = await validateIn(dir, ["-f", "json.yaml", "--json"]);
        assert.strictEqual(r.code, 0);
        const [d] = JSON.parse(r.out);
        assert.deepStrictEqual({ file: d.file, line: d.line, code: d.code, severity: d.severity }, { file: "json.yaml", line: 5, code: "container-name-ignored", severity: "warning" });
    });

    it("names the config values the deployment will read, and reports what the planner refuses", async () => {
        const file = path.join(dir, "config.yaml");
        fs.writeFileSync(file, GOOD.replace("    image: nginx:1.27\n", "    image: nginx:1.27\n    environment:\n      API_KEY:\n      DSN: postgres://u:${DB_PASSWORD}@db/app\n"));
        const ok = await validateIn(dir, ["-f", "config.yaml"]);
        assert.strictEqual(ok.code, 0, ok.err);
        assert.match(ok.err, /config read at deploy time: API_KEY, DB_PASSWORD \(SSM \/Defang\/shop\/<stack>\/<NAME>/);
        fs.writeFileSync(file, GOOD.replace("memory: 256M", "memory: 200G"));
        const big = await validateIn(dir, ["-f", "config.yaml"]);
        assert.strictEqual(big.code, 1);
        assert.match(big.out, /config\.yaml:\d+:\d+: error: .* more than one Fargate task can have \[fargate-too-large\]/);
    });

    it("through the binary's entry point: exit 2 on a usage error, --help exits 0", async () => {
        assert.strictEqual((await cli(["validate", "--mode", "turbo"])).code, 2);
        const help = await cli(["validate", "--help"]);
        assert.strictEqual(help.code, 0);
        assert.match(help.out, /Usage: pulumi-defang validate/);
    });
});
