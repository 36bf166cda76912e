// pulumi-defang/testing, as a user's unit test uses it: a program under Pulumi's mocks sees the outputs
// the offline plan computed (bin/sdk/defang-plan.json, written by the package's own CLI from
// examples/compose-app), other resources go to the base mocks, and an unknown output fails instead of
// hanging. Its own mocha process (`make test_sdk_nodejs`): Pulumi allows one mock monitor per process.
"use strict";
const assert = require("assert").strict;
const fs = require("fs");
const path = require("path");
const pulumi = require("@pulumi/pulumi");

const ROOT = path.resolve(__dirname, "../../..");
const SDK = path.join(ROOT, "bin/sdk/nodejs");
const PLAN = path.join(ROOT, "bin/sdk/defang-plan.json");

const others = [];
let defang;
let testing;
let plan;

before(async () => {
    assert.ok(fs.existsSync(PLAN), "write the plan first: make test_sdks");
    plan = JSON.parse(fs.readFileSync(PLAN, "utf8"));
    testing = require(path.join(SDK, "testing"));
    const base = {
        newResource(args) {
            others.push(args);
            return { id: `${args.name}-base`, state: { ...args.inputs, arn: `arn:test:${args.name}` } };
        },
        call: (args) => ({ names: ["zone-a"], ...args.inputs }),
    };
    await pulumi.runtime.setMocks(testing.projectMocks(PLAN, base), "analytics", "dev", false);
    defang = require(SDK);
});

describe("pulumi-defang/testing", () => {
    it("answers defang.Project with the plan's outputs, decoded into the SDK's types", async () => {
        const app = new defang.Project("analytics", { composeFiles: ["compose.yaml"], mode: defang.Mode.Balanced });
        assert.deepEqual(await testing.outputValue(app.endpoints), plan.outputs.endpoints);
        assert.match(plan.outputs.endpoints.web, /^http:\/\/.+\.elb\.amazonaws\.com$/);
        const services = await testing.outputValue(app.services);
        assert.equal(services.web.taskRoleArn, plan.outputs.services.web.taskRoleArn);
        assert.match(services.web.taskRoleArn, /^arn:aws:iam::\d{12}:role\//);
        const databases = await testing.outputValue(app.databases);
        assert.equal(databases.db.engine, "postgres");
        assert.equal(databases.db.port, 5432);
        assert.deepEqual(await testing.outputValue(app.privateSubnetIds), plan.outputs.privateSubnetIds);
    });

    it("lets the program wire the outputs into its own resources, which go to the base mocks", async () => {
        const app = new defang.Project("wired", { composeFiles: ["compose.yaml"] });
        const policy = new pulumi.CustomResource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "web-s3", {
            role: app.services.apply((s) => s.web.taskRoleArn),
            policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        });
        assert.equal(await testing.outputValue(policy.id), "web-s3-base");
        const sent = others.find((r) => r.name === "web-s3");
        assert.equal(sent.inputs.role, plan.outputs.services.web.taskRoleArn);
        assert.ok(!others.some((r) => r.type === "defang:index:Project"), "Projects never reach the base mocks");
    });

    it("takes a plan per Project name, and names the missing one", async () => {
        const mocks = testing.projectMocks({ front: plan });
        assert.deepEqual(mocks.newResource({ type: "defang:index:Project", name: "front", inputs: {} }).state, plan.outputs);
        assert.throws(() => mocks.newResource({ type: "defang:index:Project", name: "back", inputs: {} }), /no plan for defang\.Project "back"; plans are given for front/);
        assert.throws(() => testing.projectMocks({ outputs: undefined }).newResource({ type: "defang:index:Project", name: "x", inputs: {} }), /has no outputs/);
    });

    it("fails on an unknown output (what preview-mode mocks give) instead of waiting forever", async () => {
        const unknown = new pulumi.Output(new Set(), Promise.resolve(undefined), Promise.resolve(false), Promise.resolve(false), Promise.resolve(new Set()));
        await assert.rejects(testing.outputValue(unknown), /the output is unknown: run the mocks with preview = false/);
    });
});
