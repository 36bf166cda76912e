// How engine inputs become the component's args (provider.ts toComponentArgs): the shapes an SDK sends
// (a whole secret map, outputs nested in objects, unknowns at preview) and what the component gets.
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { inputShape, toComponentArgs } from "../../provider/src/provider";
import { PROJECT_TOKEN } from "../../provider/src/schema-types";
import { loadSchema } from "./schema-shape";

const shape = inputShape(loadSchema(), PROJECT_TOKEN);
const toArgs = (inputs: pulumi.Inputs) => toComponentArgs(PROJECT_TOKEN, inputs, shape);

interface Internals {
    promise(withUnknowns?: boolean): Promise<unknown>;
    isSecret: Promise<boolean>;
    isKnown: Promise<boolean>;
}
const value = (o: unknown) => (o as Internals).promise(true);
const secret = (o: unknown) => (o as Internals).isSecret;

describe("provider inputs → component args", () => {
    it("reads which inputs are plain, required or secret off schema.json", () => {
        assert.deepEqual(shape, {
            plain: ["composeFiles", "composeYaml", "workingDir", "projectName", "mode", "environment", "allowFilesOutsideProject", "profiles", "vpc", "tags"],
            plainFields: { alarms: ["emails"], domain: ["name"] },
            requiredFields: { network: ["vpcId", "publicSubnetIds", "privateSubnetIds"] },
            secretMaps: ["config"],
        });
    });

    it("environment keeps secretness: a whole secret map makes every value secret; a secret value stays an Output", async () => {
        const whole = await toArgs({ environment: pulumi.secret({ TOKEN: "t", TAG: "v1" }) });
        const env = whole.environment as Record<string, unknown>;
        assert.ok(pulumi.Output.isInstance(env.TOKEN) && pulumi.Output.isInstance(env.TAG));
        assert.equal(await secret(env.TOKEN), true);
        assert.equal(await value(env.TOKEN), "t");
        const mixed = await toArgs({ environment: { TOKEN: pulumi.secret("t"), TAG: "v1" } });
        const m = mixed.environment as Record<string, unknown>;
        assert.equal(m.TAG, "v1");
        assert.equal(await secret(m.TOKEN), true);
        const plain = await toArgs({ environment: { TAG: "v1" } });
        assert.deepEqual(plain.environment, { TAG: "v1" });
    });

    it("passes plain inputs through unchanged", async () => {
        const inputs = { composeFiles: ["compose.yaml"], mode: "balanced", environment: { TAG: "1" }, vpc: { cidrBlock: "10.9.0.0/16" } };
        assert.deepEqual(await toArgs(inputs), inputs);
    });

    it("opens a whole secret config map (what the SDKs send) into known keys with secret values", async () => {
        const args = await toArgs({ config: pulumi.secret({ DB_PASSWORD: "hunter2", API_KEY: "k" }) });
        const config = args.config as Record<string, pulumi.Output<string>>;
        assert.deepEqual(Object.keys(config).sort(), ["API_KEY", "DB_PASSWORD"]);
        assert.equal(await value(config.DB_PASSWORD), "hunter2");
        assert.equal(await secret(config.DB_PASSWORD), true);
        assert.equal(await secret(config.API_KEY), true);
    });

    it("makes config values secret even when the caller sent them in the clear", async () => {
        const args = await toArgs({ config: { TOKEN: "plain-text" } });
        const token = (args.config as Record<string, pulumi.Output<string>>).TOKEN;
        assert.ok(pulumi.Output.isInstance(token));
        assert.equal(await secret(token), true);
        assert.equal(await value(token), "plain-text");
    });

    it("keeps a config value that is unknown at preview as an output, with its key", async () => {
        const args = await toArgs({ config: { TOKEN: pulumi.output(pulumi.unknown as unknown as string) } });
        const token = (args.config as Record<string, pulumi.Output<string>>).TOKEN;
        assert.equal(await (token as unknown as Internals).isKnown, false);
    });

    it("opens an object sent as one output: plain fields become values, the others stay outputs", async () => {
        const args = await toArgs({ domain: pulumi.output({ name: "app.example.com", zoneId: "Z123" }) });
        const domain = args.domain as { name: string; zoneId: pulumi.Output<string> };
        assert.equal(domain.name, "app.example.com");
        assert.ok(pulumi.Output.isInstance(domain.zoneId));
        assert.equal(await value(domain.zoneId), "Z123");
    });

    it("keeps outputs nested in a network object (ids from other resources)", async () => {
        const vpcId = pulumi.output("vpc-1");
        const args = await toArgs({ network: { vpcId, publicSubnetIds: ["a", "b"], privateSubnetIds: ["c", "d"] } });
        assert.equal((args.network as { vpcId: unknown }).vpcId, vpcId);
    });

    it("unwraps a plain input that arrived as a known output", async () => {
        const args = await toArgs({ mode: pulumi.output("high_availability"), tags: pulumi.secret({ team: "x" }) });
        assert.equal(args.mode, "high_availability");
        assert.deepEqual(args.tags, { team: "x" });
    });

    it("drops inputs the program left unset", async () => {
        assert.deepEqual(await toArgs({ composeYaml: undefined, domain: pulumi.output(undefined) }), {});
    });

    for (const [what, inputs, path, reason] of [
        ["a whole map unknown at preview", { images: pulumi.output(pulumi.unknown) }, "images", /^images must be known .* pass a map or object literal/],
        ["a plain input unknown at preview", { projectName: pulumi.output(pulumi.unknown) }, "projectName", /^projectName must be known .* another resource's outputs/],
        ["an output inside a plain input", { composeFiles: [pulumi.output("compose.yaml")] }, "composeFiles", /^composeFiles must be known/],
        ["domain.name from another resource", { domain: { name: pulumi.output("x.example.com") } }, "domain.name", /^domain\.name must be known/],
        ["config that is not a map", { config: pulumi.secret(["a"]) }, "config", /^config must be a map/],
        ["an adopted network without vpcId", { network: { publicSubnetIds: ["a"], privateSubnetIds: ["b"] } }, "network.vpcId", /^network\.vpcId is required: set network\.vpcId, network\.publicSubnetIds, network\.privateSubnetIds together, or leave network out$/],
        ["a network sent as one output without its subnets", { network: pulumi.output({ vpcId: "vpc-1" }) }, "network.publicSubnetIds", /^network\.publicSubnetIds is required/],
    ] as [string, pulumi.Inputs, string, RegExp][]) {
        it(`rejects ${what}, naming the property and what to do instead`, async () => {
            await assert.rejects(toArgs(inputs), (err: pulumi.InputPropertiesError) => {
                assert.ok(pulumi.InputPropertiesError.isInstance(err), String(err));
                assert.equal(err.message, "invalid inputs for defang:index:Project");
                assert.equal(err.errors[0].propertyPath, path);
                assert.match(err.errors[0].reason, reason);
                return true;
            });
        });
    }

    it("reports every bad input at once", async () => {
        await assert.rejects(toArgs({ projectName: pulumi.output(pulumi.unknown), network: {} }), (err: pulumi.InputPropertiesError) => {
            assert.deepEqual(err.errors.map((e) => e.propertyPath), ["projectName", "network.vpcId", "network.publicSubnetIds", "network.privateSubnetIds"]);
            return true;
        });
    });
});
