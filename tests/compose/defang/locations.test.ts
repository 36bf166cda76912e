// Locations through the real loader: each line marked `# expect: <code>` must carry that finding, and
// no Defang finding may land on an unmarked line. Covers short and long syntaxes, list-form
// environment, nested extension values and top-level sections.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadForDeploy } from "../../../provider/src/compose";
import { RULE_BY_CODE } from "../../../provider/src/compose/defang/rules";

const COMPOSE = `name: shop
services:
  web:
    image: nginx:1.27
    hostname: web.local                      # expect: hostname-unsupported
    ports:
      - "8080:80"                            # expect: port-published-ignored
      - target: 81
        published: "9000"                    # expect: port-published-ignored
        host_ip: 127.0.0.1                   # expect: port-host-ip-unsupported
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost/"]
      interval: 10s
      timeout: 2500ms                        # expect: healthcheck-whole-seconds
    environment:
      - LOG_LEVEL=debug
      - DB_PASSWORD=hunter2                  # expect: environment-literal-secret
    secrets:                                 # expect: secrets-as-environment
      - api_key
      - db-password                          # expect: secret-name-invalid
    container_name: shop-web                 # expect: container-name-ignored
    deploy:
      resources:
        reservations:
          memory: 256M
    x-defang-autoscaling:
      min: 3
      max: 200
      target: 101                            # expect: extension-invalid
    x-defang-frob: true                      # expect: defang-extension-unknown
  db:                                        # expect: memory-reservation-missing
    image: postgres:16
    x-defang-postgres:
      allow_downtime: true                   # expect: extension-invalid
    volumes:
      - pgdata:/var/lib/postgresql/data      # ignored: the service asks for a managed store
  cache:
    image: redis:7                           # expect: stateful-image-unmanaged
    ports:
      - "6379:6379"                          # expect: store-port-host
    deploy:
      resources:
        reservations:
          memory: 128M
          devices:
            - capabilities: [tpu]            # expect: gpu-device-unsupported
  app:
    build:
      context: ./missing                     # expect: build-context-missing
      args:
        VERSION:                             # expect: build-arg-empty
    deploy:
      replicas: 1
      resources:
        reservations:
          memory: 256M
    depends_on: [llm]
models:
  llm:
    model: chat-default
    context_size: 8192                       # expect: model-option-ignored
secrets:
  api_key:
    file: ./api_key.txt                      # expect: secret-not-external
  db-password:
    external: true
volumes:
  pgdata: {}
`;

describe("Defang findings located by the real loader", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-locations-"));
        fs.writeFileSync(path.join(dir, "compose.yaml"), COMPOSE);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("puts every finding on the line that caused it", () => {
        const result = loadForDeploy({ workingDir: dir, mode: "affordable" });
        const loaderErrors = result.diagnostics.filter((d) => !RULE_BY_CODE.has(d.code) && d.severity === "error");
        assert.deepStrictEqual(loaderErrors, [], "the document is valid compose");

        const expected = new Map<number, string[]>();
        COMPOSE.split("\n").forEach((text, i) => {
            const m = /# expect: (.+)$/.exec(text);
            if (m) expected.set(i + 1, m[1].split(",").map((s) => s.trim()));
        });
        const found = new Map<number, string[]>();
        for (const d of result.diagnostics) {
            if (!RULE_BY_CODE.has(d.code) || d.severity === "info") continue;
            assert.strictEqual(d.file, path.join(dir, "compose.yaml"));
            found.set(d.line!, [...(found.get(d.line!) ?? []), d.code]);
        }
        for (const [line, codes] of expected) {
            for (const code of codes) assert.ok(found.get(line)?.includes(code), `line ${line}: expected ${code}, found ${found.get(line) ?? "nothing"}`);
        }
        for (const [line, codes] of found) {
            assert.ok(expected.has(line), `unexpected ${codes.join(", ")} at line ${line}: ${COMPOSE.split("\n")[line - 1].trim()}`);
        }
    });
});
