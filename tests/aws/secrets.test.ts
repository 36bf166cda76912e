import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import type { Expansion } from "../support/pulumi";
import { expandPlan } from "../support/pulumi";
import { acceptancePlan } from "./fixtures";
import { PARAMETER, TASK, containerOf } from "./helpers";

type Run = Expansion<unknown>;
const ARN = "arn:aws:ssm:us-east-1:123456789012:parameter/Defang/shop/dev";

describe("aws/secrets: config reaches containers only through SSM", function () {
    let plain: Run;
    let withConfig: Run;
    before(async () => {
        plain = await expandPlan(acceptancePlan("affordable"));
        const plan = acceptancePlan("affordable");
        plan.config.provided = ["POSTGRES_PASSWORD", "SECRET_KEY"];
        withConfig = await expandPlan(plan, { config: { POSTGRES_PASSWORD: "pg-Pa55", SECRET_KEY: pulumi.secret("k3y-Val") } });
    });

    it("wires every config reference as an ECS secret with the parameter's ARN, never as environment", () => {
        const web = containerOf(plain.one(TASK, "web/task"));
        assert.deepEqual(web.environment, [{ name: "PGHOST", value: "postgres" }]);
        assert.deepEqual(web.secrets, [
            { name: "DATABASE_URL", valueFrom: `${ARN}/web/DATABASE_URL` },
            { name: "SECRET_KEY", valueFrom: `${ARN}/SECRET_KEY` },
        ]);
        const pg = containerOf(plain.one(TASK, "postgres/task"));
        assert.deepEqual(pg.environment, []);
        assert.deepEqual(pg.secrets, [{ name: "POSTGRES_PASSWORD", valueFrom: `${ARN}/POSTGRES_PASSWORD` }]);
    });

    it("writes values of the config input as SecureString parameters holding Pulumi secrets", () => {
        const params = withConfig.ofType(PARAMETER).filter((p) => p.name.startsWith("app-config-"));
        assert.deepEqual(params.map((p) => p.inputs.name).sort(), ["/Defang/shop/dev/POSTGRES_PASSWORD", "/Defang/shop/dev/SECRET_KEY"]);
        for (const p of params) {
            assert.equal(p.inputs.type, "SecureString");
            assert.equal(p.inputs.value, "[secret]");
            assert.ok(p.secretInputs.includes("value"));
        }
        assert.equal(withConfig.named("app-config-POSTGRES_PASSWORD").raw.value, "pg-Pa55");
        // The task definition waits for the parameter it reads (its ARN comes from the resource).
        const task = withConfig.one(TASK, "web/task");
        assert.ok(task.options.dependencies.includes(withConfig.named("app-config-SECRET_KEY").urn));
        assert.deepEqual(containerOf(task).secrets[1], { name: "SECRET_KEY", valueFrom: `${ARN}/SECRET_KEY` });
    });

    it("resolves a value mixing text and references into a SecureString of its own", async () => {
        const derived = withConfig.named("app-derived-web:DATABASE_URL");
        assert.equal(derived.inputs.name, "/Defang/shop/dev/web/DATABASE_URL");
        assert.equal(derived.inputs.type, "SecureString");
        assert.equal(derived.inputs.value, "[secret]");
        assert.equal(derived.raw.value, "postgres://app:pg-Pa55@postgres:5432/app");
        // From SSM when the config input lacks the name.
        const fromSsm = await expandPlan(acceptancePlan("affordable"), { existingConfig: { values: { POSTGRES_PASSWORD: "from-ssm" } } });
        assert.equal(fromSsm.named("app-derived-web:DATABASE_URL").raw.value, "postgres://app:from-ssm@postgres:5432/app");
        assert.equal(fromSsm.named("app-derived-web:DATABASE_URL").inputs.value, "[secret]");
    });

    it("leaves no secret value in any input outside a secret", () => {
        for (const r of withConfig.resources) {
            const text = JSON.stringify(r.inputs);
            for (const secret of ["pg-Pa55", "k3y-Val"]) assert.ok(!text.includes(secret), `${r.name} shows ${secret}`);
        }
    });
});
