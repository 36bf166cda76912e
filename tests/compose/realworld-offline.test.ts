// Two realistic apps through the real component (offline engine): what reaches the task definitions.
import { strict as assert } from "assert";
import * as path from "path";
import { runOfflinePlan } from "../../provider/src/offline/plan";
import { REALWORLD } from "./realworld-harness";

async function containers(app: string) {
    const r = await runOfflinePlan({ files: [path.join(REALWORLD, app, "compose.yaml")], mode: "balanced", stack: "prod", region: "us-east-1" });
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === "error"), []);
    const byFamily = new Map<string, Record<string, unknown>>();
    for (const t of r.resources.filter((x) => x.type === "aws:ecs/taskDefinition:TaskDefinition")) {
        const [c] = JSON.parse(String(t.inputs.containerDefinitions)) as Array<Record<string, unknown>>;
        byFamily.set(String(c.name), c);
    }
    return { r, byFamily };
}

describe("realistic apps through the component (offline plan)", function () {
    this.timeout(120_000);

    it("django-celery: config references are ECS secrets from the project's SSM path, never plain environment", async () => {
        const { byFamily } = await containers("django-celery");
        const web = byFamily.get("web")!;
        const secrets = web.secrets as Array<{ name: string; valueFrom: string }>;
        assert.deepEqual(secrets.map((s) => s.name), ["DATABASE_URL", "SECRET_KEY"]);
        assert.equal(secrets.find((s) => s.name === "SECRET_KEY")!.valueFrom, "arn:aws:ssm:us-east-1:123456789012:parameter/Defang/shop/prod/SECRET_KEY");
        assert.match(secrets.find((s) => s.name === "DATABASE_URL")!.valueFrom, /parameter\/Defang\/shop\/prod\/web\/DATABASE_URL$/);
        const plain = (web.environment as Array<{ name: string }>).map((e) => e.name);
        assert.ok(!plain.includes("DATABASE_URL") && !plain.includes("SECRET_KEY"), plain.join(","));
    });

    it("hardening: capabilities, ulimits, user and the read-only root reach the container definition", async () => {
        const { byFamily } = await containers("hardening");
        const api = byFamily.get("api")!;
        const linux = api.linuxParameters as { initProcessEnabled: boolean; capabilities: { add: string[]; drop: string[] } };
        assert.equal(linux.initProcessEnabled, true);
        assert.deepEqual(linux.capabilities.add, []);
        assert.ok(linux.capabilities.drop.includes("NET_RAW") && !linux.capabilities.drop.includes("NET_BIND_SERVICE"));
        assert.deepEqual(api.ulimits, [{ name: "nofile", softLimit: 65536, hardLimit: 65536 }, { name: "nproc", softLimit: 4096, hardLimit: 4096 }]);
        assert.equal(api.user, "10001:10001");
        assert.equal(api.readonlyRootFilesystem, true);
    });
});
