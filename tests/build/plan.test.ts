// The plan's build decisions (plan/build.ts): CodeBuild compute from shm_size as Defang picks it, the
// project-wide pieces present only when something is built, names within AWS limits.
import { strict as assert } from "assert";
import { loadProject } from "../../provider/src/compose";
import { BUILD_TIMEOUT_MINUTES, CONTEXT_EXPIRY_DAYS, buildCompute } from "../../provider/src/plan/build";
import { buildBucketPrefix, codeBuildProjectName } from "../../provider/src/plan/naming";
import { planDeployment } from "../../provider/src/plan";

const GiB = 1024 ** 3;

describe("plan/build: image build decisions", () => {
    it("sizes CodeBuild from shm_size: unset → LARGE, ≤ 4 GiB SMALL, ≤ 8 MEDIUM, ≤ 16 LARGE, ≤ 64 XLARGE, else 2XLARGE", () => {
        const table: Array<[number | undefined, string]> = [
            [undefined, "BUILD_GENERAL1_LARGE"],
            [64 * 1024 ** 2, "BUILD_GENERAL1_SMALL"],
            [4 * GiB, "BUILD_GENERAL1_SMALL"],
            [4 * GiB + 1, "BUILD_GENERAL1_MEDIUM"],
            [8 * GiB, "BUILD_GENERAL1_MEDIUM"],
            [16 * GiB, "BUILD_GENERAL1_LARGE"],
            [16 * GiB + 1, "BUILD_GENERAL1_XLARGE"],
            [64 * GiB, "BUILD_GENERAL1_XLARGE"],
            [65 * GiB, "BUILD_GENERAL1_2XLARGE"],
        ];
        for (const [shm, compute] of table) assert.equal(buildCompute(shm), compute, String(shm));
    });

    it("names CodeBuild projects within its alphabet and length, distinctly for long names", () => {
        assert.match(codeBuildProjectName({ project: "shop", stack: "dev" }, "web.api"), /^shop-dev-web-api-[0-9a-f]{8}$/);
        const scope = { project: "p".repeat(200), stack: "s".repeat(40) };
        const long = codeBuildProjectName(scope, "a".repeat(60));
        assert.ok(long.length <= 255 && /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(long), long);
        assert.notEqual(long, codeBuildProjectName(scope, `${"a".repeat(59)}b`));
    });

    const plan = (yaml: string, images?: Record<string, string>) => {
        const loaded = loadProject({ inline: [{ filename: "compose.yaml", text: yaml }], workingDir: "/tmp" });
        const planned = planDeployment(loaded.project!, { mode: "balanced", stack: "dev", images });
        assert.ok(planned.plan, JSON.stringify(planned.diagnostics));
        return planned.plan!;
    };
    const BUILT = `
name: Shop_App
services:
  web:
    build: { context: ./web, shm_size: 6gb }
  api:
    image: ghcr.io/acme/api:1
`;

    it("plans the shared build pieces only when a service is built from source", () => {
        const p = plan(BUILT);
        assert.deepEqual(p.builds, {
            services: ["web"],
            bucketPrefix: buildBucketPrefix({ project: "shop_app", stack: "dev" }),
            logGroupName: "/Defang/shop_app/dev/builds",
            logRetentionDays: 7,
            contextExpiryDays: CONTEXT_EXPIRY_DAYS,
            timeoutMinutes: BUILD_TIMEOUT_MINUTES,
        });
        const web = p.services.find((s) => s.name === "web")!.image;
        assert.deepEqual(web.kind === "build" && [web.buildCompute, web.buildProject], ["BUILD_GENERAL1_MEDIUM", codeBuildProjectName({ project: "shop_app", stack: "dev" }, "web")]);
        assert.match(p.builds!.bucketPrefix, /^shop-app-dev-builds-[0-9a-f]{8}-$/);
        assert.ok(p.builds!.bucketPrefix.length <= 37);
        assert.equal(plan(BUILT, { web: "ghcr.io/acme/web:1" }).builds, undefined);
    });
});
