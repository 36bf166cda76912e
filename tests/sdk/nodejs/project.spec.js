// The generated Node.js SDK (sdk/nodejs, compiled to bin/sdk/nodejs by `make test_sdks`) under Pulumi
// mocks, in its own process: the token, the input names as they go on the wire, secrets, the outputs
// decoded from a state shaped like the provider's, and the type errors a user gets for missing fields.
// Plain JavaScript on purpose: the repository's strict tsconfig does not apply to generated code.
"use strict";
const assert = require("assert").strict;
const fs = require("fs");
const path = require("path");
const ts = require("typescript");
const pulumi = require("@pulumi/pulumi");

const ROOT = path.resolve(__dirname, "../../..");
const SDK = path.join(ROOT, "bin/sdk/nodejs");
const fixtures = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/sdk/fixtures.json"), "utf8"));

const registered = [];
let defang;

before(async () => {
    assert.ok(fs.existsSync(path.join(SDK, "index.js")), "compile the SDK first: make test_sdks");
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                registered.push(args);
                const state = args.type === "defang:index:Project" ? fixtures.state : args.inputs;
                return { id: `${args.name}-id`, state };
            },
            call(args) {
                return args.inputs;
            },
        },
        "sdk-test",
        "dev",
        false,
    );
    pulumi.runtime.setAllConfig(
        { "sdk-test:mode": "balanced", "sdk-test:postgresPassword": "pg-secret", "sdk-test:appSecret": "app-secret" },
        ["sdk-test:postgresPassword", "sdk-test:appSecret"],
    );
    defang = require(SDK);
});

/** Resolved value of an output (mocks: never a preview, so it is known). */
function value(output) {
    return new Promise((resolve) => output.apply(resolve));
}

async function create(name, args) {
    const project = new defang.Project(name, args);
    await value(project.urn);
    return { project, sent: registered.find((r) => r.name === name) };
}

describe("Node.js SDK: defang.Project", () => {
    it("registers a remote component with the token defang:index:Project", async () => {
        const { sent } = await create("token", {});
        assert.equal(sent.type, "defang:index:Project");
        assert.equal(sent.custom, false);
    });

    it("sends every input under its camelCase schema name, enums as their wire value", async () => {
        const args = {
            ...fixtures.inputs,
            mode: defang.Mode.HighAvailability,
            config: { DB_PASSWORD: pulumi.secret("hunter2") },
        };
        const { sent } = await create("inputs", args);
        const expected = { ...fixtures.inputs, mode: "high_availability", config: { DB_PASSWORD: "hunter2" } };
        assert.deepEqual(unwrapSecrets(sent.inputs), expected);
    });

    it("marks the whole config map secret, even when its values are plain strings", async () => {
        const { sent } = await create("secret", { config: { API_KEY: "plain" } });
        assert.ok(isSecret(sent.inputs.config), `config sent as ${JSON.stringify(sent.inputs.config)}`);
    });

    it("decodes every output from the provider's state", async () => {
        const { project } = await create("outputs", {});
        const state = fixtures.state;
        for (const key of Object.keys(state)) {
            assert.deepEqual(await value(project[key]), state[key], key);
        }
        const services = await value(project.services);
        assert.equal(services.web.taskRoleArn, state.services.web.taskRoleArn);
        const databases = await value(project.databases);
        assert.equal(databases.db.port, 5432);
    });

    it("rejects, at compile time, an adopted network without vpcId and a mode outside the enum", () => {
        const program = `
            import * as defang from "${SDK}";
            new defang.Project("a", { network: { publicSubnetIds: ["a"], privateSubnetIds: ["b"] } });
            new defang.Project("b", { mode: "cheapest" });
            new defang.Project("ok", { mode: defang.Mode.Balanced, composeFiles: ["compose.yaml"] });
        `;
        const messages = typeErrors(program);
        assert.equal(messages.length, 2, messages.join("\n"));
        assert.match(messages[0], /Property 'vpcId' is missing/);
        assert.match(messages[1], /"cheapest"' is not assignable to type 'Mode/);
    });
});

describe("examples/ts/index.ts against the SDK", () => {
    it("builds the Project with the mode from stack config and the secrets as one secret map", async () => {
        const Module = require("module");
        const resolve = Module._resolveFilename;
        // The example imports the published package name; here it is the SDK compiled from this repository.
        Module._resolveFilename = function (request, ...rest) {
            return resolve.call(this, request === "pulumi-defang" ? SDK : request, ...rest);
        };
        try {
            require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });
            const program = require(path.join(ROOT, "examples/ts/index.ts"));
            await value(program.endpoints);
        } finally {
            Module._resolveFilename = resolve;
        }
        const sent = registered.find((r) => r.name === "analytics");
        assert.equal(sent.type, "defang:index:Project");
        assert.deepEqual(sent.inputs.composeFiles, ["../compose-app/compose.yaml"]);
        assert.equal(sent.inputs.mode, "balanced");
        assert.ok(isSecret(sent.inputs.config));
        assert.deepEqual(unwrapSecrets(sent.inputs.config), { POSTGRES_PASSWORD: "pg-secret", APP_SECRET: "app-secret" });
    });
});

/** Secrets arrive in the mock as `{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value }`. */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
function isSecret(v) {
    return typeof v === "object" && v !== null && Object.values(v).includes(SECRET_SIG) && "value" in v;
}
function unwrapSecrets(v) {
    if (isSecret(v)) return unwrapSecrets(v.value);
    if (Array.isArray(v)) return v.map(unwrapSecrets);
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrapSecrets(x)]));
    return v;
}

/** Type errors of a small program compiled against the SDK's declarations. */
function typeErrors(text) {
    const file = path.join(SDK, "__typecheck__.ts");
    const options = { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, types: [] };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile;
    host.readFile = (name) => (name === file ? text : readFile(name));
    host.fileExists = ((exists) => (name) => name === file || exists(name))(host.fileExists);
    const program = ts.createProgram([file], options, host);
    return ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file && d.file.fileName === file)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}
