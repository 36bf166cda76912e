// compose-go's per-attribute loader tests (loader/tests/*_test.go), extracted into
// corpus/compose-go/loader/tests-inline.yaml. Every document loads without a crash; the ones the Go
// tests reject are rejected here too (with a location); the assertions of the Go tests are ported for
// the fields later layers use.
import * as assert from "assert";
import * as fs from "fs";
import * as YAML from "yaml";
import { isConfigTemplate, type ComposeProject } from "../../provider/src/compose";
import { renderProject } from "../../provider/src/compose/render";
import { corpus } from "./paths";
import { assertLocated, errors, loadYaml, ok, tempDir } from "./helpers";

const cases = YAML.parse(fs.readFileSync(corpus("compose-go", "loader", "tests-inline.yaml"), "utf8")) as Record<string, { yaml: string; env?: Record<string, string> }>;
const workingDir = tempDir();
// compose-go's tests load with SkipNormalization and SkipConsistencyCheck.
const load = (key: string) => loadYaml(cases[key].yaml, { workingDir, environment: cases[key].env ?? {}, skipNormalization: true });
const project = (key: string): ComposeProject => ok(load(key));

/** The documents the Go tests expect to fail, with the error code we give. */
const NEGATIVE: Record<string, string> = {
    "develop_test.go/TestDevelopMissingAction": "missing-key",
    "environment_test.go/TestEnvironmentInvalidValue": "wrong-type",
    "environment_test.go/TestEnvironmentInvalidObject": "wrong-type",
    "environment_test.go/TestEnvironmentWhitespace": "invalid-environment",
};

describe("compose-go loader tests (tests-inline.yaml)", () => {
    it("has the 139 documents", () => assert.strictEqual(Object.keys(cases).length, 139));

    for (const key of Object.keys(cases)) {
        it(`loads ${key}`, () => {
            const r = load(key);
            if (NEGATIVE[key]) {
                const errs = errors(r);
                assert.ok(errs.some((e) => e.code === NEGATIVE[key]), JSON.stringify(errs));
                errs.forEach(assertLocated);
                return;
            }
            const p = ok(r);
            assert.doesNotThrow(() => JSON.parse(renderProject(p, "json")));
            assert.doesNotThrow(() => YAML.parse(renderProject(p, "yaml")));
        });
    }
});

describe("compose-go loader tests: ported assertions", () => {
    it("ports: short syntax", () => {
        const ports = project("ports_test.go/TestPortsShortSyntax").services.foo.ports!;
        assert.strictEqual(ports.length, 3);
        assert.deepStrictEqual(ports[0], { mode: "ingress", target: 8080, published: "80", protocol: "tcp" });
        assert.strictEqual(ports[1].target, 8090);
        assert.strictEqual(ports[1].protocol, "udp");
        assert.deepStrictEqual(ports[2], { mode: "ingress", target: 8600, protocol: "tcp" });
    });
    it("ports: long syntax", () => {
        assert.deepStrictEqual(project("ports_test.go/TestPortsLongSyntax").services.foo.ports, [{ mode: "host", target: 80, published: "8080", protocol: "tcp" }]);
    });
    it("ports: ranges", () => {
        const ports = project("ports_test.go/TestPortsRange").services.foo.ports!;
        assert.deepStrictEqual(ports.map((p) => [p.target, p.published]), [[8080, "80"], [8081, "81"], [8082, "82"]]);
    });
    it("ports: name and app_protocol", () => {
        assert.strictEqual(project("ports_test.go/TestNamedPort").services.foo.ports![0].name, "http");
        assert.strictEqual(project("ports_test.go/TestAppProtocol").services.foo.ports![0].app_protocol, "http");
    });

    it("environment: map with numbers, empty and bare keys (one from the variables)", () => {
        const env = project("environment_test.go/TestEnvironmentMap").services.foo.environment;
        assert.strictEqual(env.FOO, "1");
        assert.strictEqual(env.BAR, "2");
        assert.strictEqual(env.GA, "2.5");
        assert.strictEqual(env.BU, "");
        assert.strictEqual(env.MEU, "Shadoks");
        // compose-go leaves ZO unset (nil); Defang makes it a config reference.
        assert.deepStrictEqual(env.ZO, { kind: "config", bare: true, parts: [{ ref: "ZO" }] });
    });
    it("environment: list", () => {
        const env = project("environment_test.go/TestEnvironmentList").services.foo.environment;
        assert.deepStrictEqual([env.FOO, env.BAR, env.BU, env.MEU], ["1", "2", "", "Shadoks"]);
        assert.ok(isConfigTemplate(env.ZO) && env.ZO.bare);
    });
    it("environment: booleans become strings", () => {
        const env = project("environment_test.go/TestEnvironmentBoolean").services.foo.environment;
        assert.deepStrictEqual([env.FOO, env.BAR], ["true", "false"]);
    });
    it("environment: invalid value, invalid object and whitespace are located errors", () => {
        const inv = errors(load("environment_test.go/TestEnvironmentInvalidValue"))[0];
        assert.match(inv.message, /'environment\.FOO' of service 'foo' must be a string, a number, a boolean or empty/);
        assert.match(errors(load("environment_test.go/TestEnvironmentInvalidObject"))[0].message, /'environment' of service 'foo' must be a mapping or a list/);
        assert.match(errors(load("environment_test.go/TestEnvironmentWhitespace"))[0].message, /DEBUG /);
    });

    it("env_file: string/list/long syntax, required and format", () => {
        assert.strictEqual(project("env_file_test.go/TestEnvFileString").services.foo.env_file!.length, 1);
        assert.strictEqual(project("env_file_test.go/TestEnvFileList").services.foo.env_file!.length, 2);
        const long = project("env_file_test.go/TestEnvFileLongSyntax").services.foo.env_file![0];
        assert.strictEqual(long.format, "raw");
        assert.strictEqual(long.required, false);
        assert.strictEqual(long.path, `${workingDir}/.env`);
    });

    it("healthcheck: string test, durations, retries", () => {
        const hc = project("healthcheck_test.go/TestHealthcheck").services.foo.healthcheck!;
        assert.deepStrictEqual(hc.test, ["CMD-SHELL", 'echo "hello world"']);
        assert.strictEqual(hc.interval, 10e9);
        assert.strictEqual(hc.timeout, 1e9);
        assert.strictEqual(hc.retries, 5);
        assert.strictEqual(hc.start_period, 15e9);
        assert.strictEqual(hc.start_interval, 5e9);
    });

    it("deploy: mode, replicas, labels, endpoint_mode", () => {
        const d = project("deploy_test.go/TestDeployModeReplicas").services.foo.deploy!;
        assert.deepStrictEqual([d.mode, d.replicas, d.labels, d.endpoint_mode], ["replicated", 6, { FOO: "BAR" }, "dnsrr"]);
    });
    it("deploy: update and rollback config", () => {
        const d = project("deploy_test.go/TestDeployUpdateRollbackConfig").services.foo.deploy!;
        assert.deepStrictEqual(d.update_config, { parallelism: 3, delay: 10e9, failure_action: "continue", monitor: 60e9, max_failure_ratio: 0.3, order: "start-first" });
        assert.strictEqual(d.rollback_config!.parallelism, 3);
        assert.strictEqual(d.rollback_config!.order, "start-first");
    });
    it("deploy: resources (cpus, memory bytes, generic resources)", () => {
        const r = project("deploy_test.go/TestDeployResources").services.foo.deploy!.resources!;
        assert.strictEqual(r.limits!.cpus, 0.001);
        assert.strictEqual(r.limits!.memory, 50 * 1024 * 1024);
        assert.strictEqual(r.reservations!.cpus, 0.0001);
        assert.strictEqual(r.reservations!.memory, 20 * 1024 * 1024);
        assert.deepStrictEqual(r.reservations!.generic_resources, [
            { discrete_resource_spec: { kind: "gpu", value: 2 } },
            { discrete_resource_spec: { kind: "ssd", value: 1 } },
        ]);
    });
    it("deploy: restart policy and placement", () => {
        const d = project("deploy_test.go/TestDeployRestartPolicy").services.foo.deploy!;
        assert.deepStrictEqual(d.restart_policy, { condition: "on-failure", delay: 5e9, max_attempts: 3, window: 120e9 });
        const p = project("deploy_test.go/TestDeployPlacement").services.foo.deploy!.placement!;
        assert.deepStrictEqual(p, { constraints: ["node=foo"], preferences: [{ spread: "node.labels.az" }], max_replicas_per_node: 5 });
    });

    it("volumes: top-level volumes, external forms and extensions", () => {
        const v = project("volumes_test.go/TestTopLevelVolumes").volumes!;
        assert.strictEqual(v["some-volume"].driver, undefined);
        assert.deepStrictEqual(v["other-volume"].driver_opts, { foo: "bar", baz: "1" });
        assert.deepStrictEqual(v["other-volume"].labels, { foo: "bar" });
        assert.strictEqual(v["another-volume"].name, "user_specified_name");
        assert.strictEqual(v["external-volume"].external, true);
        assert.deepStrictEqual([v["other-external-volume"].name, v["other-external-volume"].external], ["my-cool-volume", true]);
        assert.deepStrictEqual(v["external-volume3"].extensions, { "x-bar": "baz", "x-foo": "bar" });
    });
    it("volumes: bind options, nocopy, create_host_path default", () => {
        assert.strictEqual(project("volume_bind_test.go/TestVolumeBindPropagation").services.foo.volumes![0].bind!.propagation, "rslave");
        assert.strictEqual(project("volume_bind_test.go/TestVolumeBindSELinux").services.foo.volumes![0].bind!.selinux, "z");
        assert.strictEqual(project("volume_bind_test.go/TestVolumeNoCopy").services.foo.volumes![0].volume!.nocopy, true);
        const p = project("volume_bind_test.go/TestVolumeBindCreateHostPathDefault");
        assert.strictEqual(p.services.short.volumes![0].bind!.create_host_path, true);
        assert.strictEqual(p.services.long.volumes![0].bind!.create_host_path, true);
    });

    it("build: long syntax", () => {
        const b = project("build_test.go/TestBuildConfig").services.foo.build!;
        assert.strictEqual(b.context, `${workingDir}/dir`);
        assert.strictEqual(b.dockerfile, "Dockerfile");
        assert.deepStrictEqual(b.args, { foo: "bar" });
        assert.deepStrictEqual([b.target, b.network], ["foo", "foo"]);
        assert.deepStrictEqual(b.cache_from, ["foo", "bar"]);
        assert.deepStrictEqual(b.labels, { FOO: "BAR" });
        assert.deepStrictEqual(b.additional_contexts, { foo: `${workingDir}/bar` });
        assert.deepStrictEqual(b.tags, ["foo:v1.0.0", "docker.io/username/foo:my-other-tag"]);
        assert.deepStrictEqual(b.platforms, ["linux/amd64", "linux/arm64"]);
    });
    it("build: dockerfile_inline, ssh, secrets with octal mode", () => {
        assert.strictEqual(project("build_test.go/TestDockerfileInline").services.bar.build!.dockerfile_inline, 'FROM alpine\nRUN echo "hello" > /world.txt\n');
        assert.deepStrictEqual(project("build_test.go/TestBuildSSH").services.foo.build!.ssh, ["default"]);
        const secrets = project("build_test.go/TestBuildSecrets").services.foo.build!.secrets!;
        assert.deepStrictEqual(secrets, [
            { source: "secret1", target: "/run/secrets/secret1" },
            { source: "secret2", target: "my_secret", uid: "103", gid: "103", mode: "0440" },
        ]);
    });

    it("networks: service attachments with aliases and addresses, null entries", () => {
        const nets = project("networks_test.go/TestServiceNetworks").services.foo.networks!;
        assert.deepStrictEqual(nets["some-network"], { aliases: ["alias1", "alias3"] });
        assert.deepStrictEqual(nets["other-network"], { ipv4_address: "172.16.238.10", ipv6_address: "2001:3984:3989::10", mac_address: "02:42:72:98:65:08" });
        assert.strictEqual(nets["other-other-network"], null);
    });
    it("networks: top level with ipam and external", () => {
        const n = project("networks_test.go/TestTopLevelNetworks").networks!;
        assert.strictEqual(n["some-network"].driver, undefined);
        assert.deepStrictEqual(n["other-network"].driver_opts, { foo: "bar", baz: "1" });
        assert.strictEqual(n["other-network"].ipam!.driver, "overlay");
        assert.strictEqual(n["other-network"].ipam!.config!.length, 2);
        assert.strictEqual(n["other-network"].ipam!.config![0].subnet, "172.28.0.0/16");
        assert.deepStrictEqual([n["other-external-network"].external, n["other-external-network"].name], [true, "my-cool-network"]);
        assert.deepStrictEqual(n["other-external-network"].extensions, { "x-bar": "baz", "x-foo": "bar" });
    });

    it("depends_on: list and object forms with defaults", () => {
        const list = project("depends_on_test.go/TestDependsOnList").services.web.depends_on!;
        assert.deepStrictEqual(list, { db: { condition: "service_started", required: true }, redis: { condition: "service_started", required: true } });
        const obj = project("depends_on_test.go/TestDependsOnObject").services.web.depends_on!;
        assert.deepStrictEqual(obj.db, { condition: "service_healthy", required: true, restart: true });
        assert.strictEqual(obj.redis.condition, "service_started");
        assert.deepStrictEqual(project("depends_on_test.go/TestDependsOnXService").services.test.depends_on, { "x-foo": { condition: "service_started", required: true } });
    });

    it("command and entrypoint: string split like a shell, list kept", () => {
        assert.deepStrictEqual(project("command_test.go/TestCommandString").services.foo.command, ["bundle", "exec", "thin", "-p", "3000"]);
        assert.deepStrictEqual(project("command_test.go/TestCommandList").services.foo.command, ["bundle", "exec", "thin", "-p", "3000"]);
        const keys = Object.keys(cases).filter((k) => k.startsWith("entrypoint_test.go/"));
        assert.strictEqual(keys.length, 2);
        for (const k of keys) assert.ok(Array.isArray(project(k).services.foo.entrypoint));
    });

    it("secrets: service and top-level, octal modes, environment content", () => {
        const s = project("secrets_test.go/TestServiceSecrets").services.foo.secrets!;
        assert.deepStrictEqual(s[1], { source: "secret2", target: "my_secret", uid: "103", gid: "103", mode: "0440" });
        const top = project("secrets_test.go/TestTopLevelSecrets").secrets!;
        assert.deepStrictEqual(top.secret1.labels, { foo: "bar" });
        assert.deepStrictEqual([top.secret2.name, top.secret2.external], ["my_secret", true]);
        assert.strictEqual(top.secret3.external, true);
        assert.deepStrictEqual([top.secret4.name, top.secret4.environment], ["bar", "BAR"]);
        assert.deepStrictEqual(top.secret4.extensions, { "x-bar": "baz", "x-foo": "bar" });
        assert.strictEqual(top.secret5.file, "/abs/secret_data");
        assert.strictEqual(project("secrets_test.go/TestSecretFileModeNumber").services.foo.secrets![0].mode, "0440");
        assert.strictEqual(project("secrets_test.go/TestSecretFileModeString").services.foo.secrets![0].mode, "0440");
    });
    it("configs: short and long syntax, top level", () => {
        const c = project("configs_test.go/TestServiceConfigs").services.foo.configs!;
        assert.deepStrictEqual(c, [{ source: "config1" }, { source: "config2", target: "/my_config", uid: "103", gid: "103", mode: "0440" }]);
        const top = project("configs_test.go/TestTopLevelConfigs").configs!;
        assert.deepStrictEqual([top.config2.name, top.config2.external, top.config3.external, top.config4.name], ["my_config", true, true, "foo"]);
        assert.deepStrictEqual(top.config1.labels, { foo: "bar" });
        assert.deepStrictEqual(top.config4.extensions, { "x-bar": "baz", "x-foo": "bar" });
    });

    it("dns: an empty interpolated value is omitted", () => {
        assert.deepStrictEqual(project("dns_test.go/TestDNSOmitEmpty").services.test?.dns ?? project("dns_test.go/TestDNSOmitEmpty").services.foo?.dns ?? [], []);
    });
});
