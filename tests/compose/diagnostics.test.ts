// Bad input gets a located Diagnostic with a stable code, a message and a hint — never a throw.
import * as assert from "assert";
import { formatDiagnostic } from "../../provider/src/compose";
import { errors, loadYaml, ok, oneError, warnings } from "./helpers";

function at(text: string, code: string): [number, number, string, string | undefined] {
    const d = oneError(loadYaml(text), code);
    return [d.line!, d.column!, d.message, d.hint];
}

describe("diagnostics: YAML syntax", () => {
    it("bad indentation", () => {
        const [line, col, msg, hint] = at("services:\n  web:\n    image: x\n   bad: 1\n", "yaml-syntax");
        assert.deepStrictEqual([line, col], [4, 1]);
        assert.match(msg, /^invalid YAML: All mapping items must start at the same column$/);
        assert.ok(hint);
    });
    it("unclosed flow sequence, tabs, duplicate keys, unknown alias", () => {
        assert.strictEqual(at("services:\n  web:\n    ports: [80\n    image: x\n", "yaml-syntax")[0] >= 3, true);
        assert.deepStrictEqual(at("services:\n\tweb:\n", "yaml-syntax").slice(0, 2), [2, 1]);
        const dup = at("services:\n  web:\n    image: x\n    image: y\n", "yaml-syntax");
        assert.deepStrictEqual(dup.slice(0, 2), [4, 5]);
        assert.match(dup[3]!, /duplicated keys/);
        assert.match(at("x-a: *nope\nservices: {}\n", "yaml-syntax")[2], /unknown alias \*nope/);
    });
    it("a top level that is not a mapping", () => {
        assert.deepStrictEqual(at("- a\n- b\n", "not-a-mapping").slice(0, 2), [1, 1]);
    });
    it("formats as file:line:col: severity: message [code] with the hint on the next line", () => {
        const d = oneError(loadYaml("services:\n  web:\n    image: x\n    hostnme: foo\n"), "unknown-key");
        const text = formatDiagnostic(d);
        assert.match(text, /compose\.yaml:4:5: error: unknown key 'hostnme' in service 'web' \[unknown-key\]\n {4}hint: did you mean 'hostname'\?/);
    });

    it("writes the control characters a file put in a path or name as \\u escapes, so a finding cannot drive the terminal", () => {
        const d = oneError(loadYaml('services:\n  web:\n    image: x\n    env_file: "a\\e[2J\\0\\r.env"\n'), "env-file-not-found");
        const text = formatDiagnostic(d);
        assert.match(text, /a\\u001b\[2J\\u0000\\u000d\.env not found/);
        assert.doesNotMatch(text, /[\u0000\u001b\r]/);
        assert.equal(text.split("\n").length, 2, "the hint stays on its own line");
    });
});

describe("diagnostics: schema", () => {
    it("unknown keys name the closest valid key, at the key", () => {
        assert.deepStrictEqual(at("services:\n  web:\n    image: x\n    hostnme: foo\n", "unknown-key").slice(0, 3), [4, 5, "unknown key 'hostnme' in service 'web'"]);
        const port = at("services:\n  web:\n    image: x\n    ports:\n      - target: 80\n        publishd: 8080\n", "unknown-key");
        assert.deepStrictEqual(port.slice(0, 3), [6, 9, "unknown key 'publishd' in 'ports[0]' of service 'web'"]);
        assert.match(port[3]!, /did you mean 'published'/);
        const top = at("servics:\n  web:\n    image: x\n", "unknown-key");
        assert.deepStrictEqual(top.slice(0, 3), [1, 1, "unknown key 'servics' in the top level"]);
        assert.match(top[3]!, /'services'/);
        assert.match(at("services:\n  web:\n    build:\n      context: .\n      zzz: 1\n", "unknown-key")[3]!, /prefix it with 'x-'/);
    });
    it("wrong types say what was expected and what was found", () => {
        const [line, col, msg] = at("services:\n  web:\n    image: x\n    healthcheck:\n      interval: 10\n", "wrong-type");
        assert.deepStrictEqual([line, col, msg], [5, 17, "'healthcheck.interval' of service 'web' must be a string (got 10)"]);
        assert.match(at("services:\n  web: nginx\n", "wrong-type")[2], /service 'web' must be a mapping \(got "nginx"\)/);
        assert.match(at("services:\n  web:\n    environment: FOO=1\n", "wrong-type")[2], /must be a mapping or a list/);
    });
    it("enum values, invalid names, duplicate items", () => {
        assert.match(at("services:\n  web:\n    image: x\n    depends_on:\n      db:\n        condition: healthy\n  db:\n    image: y\n", "invalid-value")[2],
            /must be one of 'service_started', 'service_healthy', 'service_completed_successfully' \(got "healthy"\)/);
        assert.deepStrictEqual(at("services:\n  we b:\n    image: x\n", "invalid-name").slice(0, 2), [2, 3]);
        assert.deepStrictEqual(at("services:\n  web:\n    image: x\n    environment:\n      - A=1\n      - A=1\n", "duplicate-item").slice(0, 2), [6, 9]);
    });
    it("reports every schema problem of a document, not just the first", () => {
        const r = loadYaml("services:\n  a:\n    imgae: x\n  b:\n    hostnme: y\n");
        assert.deepStrictEqual(errors(r).map((d) => [d.code, d.line]), [["unknown-key", 3], ["unknown-key", 5]]);
    });
    it("the deprecated external.name next to a different name is an error", () => {
        assert.deepStrictEqual(at("services:\n  a:\n    image: x\nvolumes:\n  v:\n    name: one\n    external:\n      name: two\n", "conflicting-name").slice(0, 2), [7, 5]);
    });
    it("null sections and null services are valid (empty)", () => {
        const p = ok(loadYaml("services:\n  a:\n    image: x\n  b:\nnetworks:\nvolumes:\n"));
        assert.deepStrictEqual(Object.keys(p.services), ["a", "b"]);
    });
});

describe("diagnostics: values", () => {
    it("ports and volumes that cannot be parsed", () => {
        const [line, col, msg, hint] = at("services:\n  web:\n    image: x\n    ports:\n      - \"80:80:80:80\"\n", "invalid-port");
        assert.deepStrictEqual([line, col], [5, 9]);
        assert.match(msg, /invalid IP address/);
        assert.match(hint!, /\[host_ip:\]\[published:\]target/);
        assert.match(at("services:\n  web:\n    image: x\n    ports: [\"80-81:90-93\"]\n", "invalid-port")[2], /invalid ranges/);
        assert.match(at("services:\n  web:\n    image: x\n    ports: [\"70000\"]\n", "invalid-port")[2], /invalid containerPort/);
        assert.match(at("services:\n  web:\n    image: x\n    ports: [\"80/xyz\"]\n", "invalid-port")[2], /invalid proto/);
        assert.match(at("services:\n  web:\n    image: x\n    volumes: [\"a:b:c:d\"]\n", "invalid-volume")[2], /too many colons/);
        assert.match(at("services:\n  web:\n    image: x\n    volumes: [\"data:/x:bogus\"]\n", "invalid-volume")[2], /unknown option 'bogus'/);
    });
    it("numbers, sizes and durations that cannot be read name the field", () => {
        assert.deepStrictEqual(at("services:\n  web:\n    image: x\n    deploy:\n      replicas: abc\n", "invalid-value").slice(0, 3), [5, 17, "'deploy.replicas' of service 'web' must be an integer (got \"abc\")"]);
        assert.match(at("services:\n  web:\n    image: x\n    deploy:\n      resources:\n        limits:\n          memory: 12q\n", "invalid-value")[2], /'deploy\.resources\.limits\.memory' of service 'web' must be a byte size/);
        assert.match(at("services:\n  web:\n    image: x\n    stop_grace_period: 10 seconds\n", "invalid-value")[3]!, /1m30s/);
        assert.match(at("services:\n  web:\n    image: x\n    privileged: maybe\n", "invalid-value")[2], /must be a boolean/);
    });
    it("yes/no booleans are read like compose-go, with a warning", () => {
        const r = loadYaml("services:\n  web:\n    image: x\n    privileged: yes\n");
        assert.strictEqual(ok(r).services.web.privileged, true);
        assert.deepStrictEqual(warnings(r).map((w) => [w.code, w.line, w.column]), [["yaml11-boolean", 4, 17]]);
    });
    it("healthcheck test must start with NONE, CMD or CMD-SHELL", () => {
        assert.match(at("services:\n  web:\n    image: x\n    healthcheck:\n      test: [\"curl\", \"-f\"]\n", "invalid-healthcheck")[3]!, /CMD/);
    });
    it("a command string with shell operators keeps compose's split and warns", () => {
        const r = loadYaml("services:\n  web:\n    image: x\n    command: npm run migrate && npm start\n");
        assert.deepStrictEqual(ok(r).services.web.command, ["npm", "run", "migrate"]);
        const w = warnings(r)[0];
        assert.deepStrictEqual([w.code, w.line, w.column], ["command-truncated", 4, 14]);
        assert.match(w.hint!, /\["sh", "-c", "npm run migrate && npm start"\]/);
    });
    it("an unterminated quote in a command is an error", () => {
        at("services:\n  web:\n    image: x\n    command: echo \"hi\n", "invalid-command");
    });
});

describe("diagnostics: files", () => {
    it("a missing -f file, a missing env file, a missing required env_file", () => {
        const missing = loadYaml("services: {}", { files: ["/nonexistent/compose.yaml"], inline: [] });
        assert.deepStrictEqual(errors(missing).map((d) => d.code), ["file-not-found"]);
        const env = loadYaml("services:\n  a:\n    image: x\n", { envFiles: ["nope.env"] });
        assert.strictEqual(errors(env)[0].code, "env-file-not-found");
        const d = oneError(loadYaml("services:\n  a:\n    image: x\n    env_file: [missing.env]\n"), "env-file-not-found");
        assert.deepStrictEqual([d.line, d.column], [4, 16]);
        ok(loadYaml("services:\n  a:\n    image: x\n    env_file:\n      - path: missing.env\n        required: false\n"));
    });
});
