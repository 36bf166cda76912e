// The provider's construct, in process, under the shared mocks: what every SDK's `new Project(...)`
// turns into on the provider side. The returned state must be exactly the schema's outputs.
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { DefangProvider } from "../../provider/src/provider";
import { PROJECT_TOKEN } from "../../provider/src/schema-types";
import { expand, valueOf } from "../support/pulumi";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings: { rpcKeepAlive(): () => void } = require("@pulumi/pulumi/runtime/settings");
import { loadSchema } from "./schema-shape";

const COMPOSE = `
services:
  web:
    image: nginx:1.27
    ports:
      - target: 80
        mode: ingress
    environment:
      DATABASE_PASSWORD:
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost/"]
    deploy:
      resources:
        reservations:
          memory: 512M
  db:
    image: postgres:16
    x-defang-postgres: true
    environment:
      POSTGRES_PASSWORD:
    deploy:
      resources:
        reservations:
          memory: 1G
`;

const provider = new DefangProvider();
const schema = loadSchema();

// Like the plugin's gRPC server, keep the run open until construct has returned: it awaits its inputs
// before it builds the component, so the harness must not take its snapshot of resources earlier.
async function construct(inputs: pulumi.Inputs, token = PROJECT_TOKEN) {
    const run = await expand(() => {
        const done = settings.rpcKeepAlive();
        return provider.construct("app", token, inputs, {}).finally(done);
    });
    const result = await run.value!;
    return { run, result };
}

describe("provider construct (in process, shared mocks)", function () {
    this.timeout(120_000);

    it("builds defang:index:Project and returns exactly the schema's output properties", async () => {
        const { run, result } = await construct({
            composeYaml: COMPOSE,
            projectName: "shop",
            mode: "balanced",
            config: pulumi.secret({ DATABASE_PASSWORD: "s3cret-db", POSTGRES_PASSWORD: "s3cret-db" }),
        });
        assert.deepEqual(run.errors, []);
        assert.match(await valueOf(pulumi.output(result.urn)), /::defang:index:Project::app$/);
        assert.deepEqual(Object.keys(result.state).sort(), Object.keys(schema.resources[PROJECT_TOKEN].properties).sort());
        for (const [key, output] of Object.entries(result.state)) {
            assert.ok(pulumi.Output.isInstance(output), `${key} is not an output`);
        }
        const component = run.resources.find((r) => r.type === PROJECT_TOKEN && !r.custom);
        assert.ok(component, "the component registered itself");
        assert.ok(run.ofType("aws:ecs/service:Service").length >= 1, "an ECS service for web");
    });

    it("returns outputs that decode to the schema's types", async () => {
        const { result } = await construct({ composeYaml: COMPOSE, projectName: "shop", config: { DATABASE_PASSWORD: "x", POSTGRES_PASSWORD: "x" } });
        const state = result.state as Record<string, pulumi.Output<any>>;
        const endpoints = await valueOf(state.endpoints);
        assert.deepEqual(Object.keys(endpoints), ["web"]);
        assert.match(endpoints.web, /^https?:\/\//);
        const services = await valueOf(state.services);
        for (const key of schema.types["defang:index:Service"].required!) {
            assert.equal(typeof services.web[key], "string", `services.web.${key}`);
        }
        const databases = await valueOf(state.databases);
        assert.equal(databases.db.engine, "postgres");
        assert.equal(typeof databases.db.port, "number");
        for (const key of ["vpcId", "clusterArn", "privateZoneId"]) {
            assert.ok((await valueOf(state[key])).length > 0, key);
        }
        assert.ok(Array.isArray(await valueOf(state.privateSubnetIds)));
    });

    it("keeps config values secret all the way to the resources (never plaintext in inputs)", async () => {
        const { run } = await construct({ composeYaml: COMPOSE, projectName: "shop", config: { DATABASE_PASSWORD: "s3cret-db", POSTGRES_PASSWORD: "s3cret-db" } });
        const everything = JSON.stringify(run.resources.map((r) => r.inputs));
        assert.ok(!everything.includes("s3cret-db"), "a config value appears in plaintext in some resource's inputs");
        assert.ok(JSON.stringify(run.resources.map((r) => r.raw)).includes("s3cret-db"), "the value reached a resource (as a secret)");
    });

    it("rejects an unknown token and names the ones it builds", async () => {
        await assert.rejects(provider.construct("x", "defang:index:Nope", {}, {}), /unknown resource type defang:index:Nope; this provider constructs defang:index:Project/);
    });

    it("rejects an adopted network without vpcId before building anything", async () => {
        await assert.rejects(
            provider.construct("x", PROJECT_TOKEN, { composeYaml: COMPOSE, network: { publicSubnetIds: ["subnet-a"], privateSubnetIds: ["subnet-b"] } }, {}),
            (err: pulumi.InputPropertiesError) => err.errors[0].propertyPath === "network.vpcId",
        );
    });

    it("serves schema.json with the package version", async () => {
        const served = JSON.parse(await provider.getSchema());
        assert.deepEqual({ ...served, version: schema.version }, schema);
        assert.equal(served.version, provider.version);
    });
});
