// The cheap half of defang:index:ImageBuild (what the engine calls in every preview) and the plugin's
// routing of custom-resource calls by type token.
import { strict as assert } from "assert";
import * as path from "path";
import { imageTag } from "../../provider/src/build/tag";
import { DefangProvider } from "../../provider/src/provider";
import { customResourceTypes } from "../../provider/src/resources";
import { IMAGE_BUILD_TOKEN, checkImageBuild, diffImageBuild, tagOf } from "../../provider/src/resources/image-build-spec";
import { UNKNOWN, plain, typeOfUrn } from "../../provider/src/resources/wire";
import { REPO_ROOT } from "../support/shared";

const BASE = {
    region: "us-east-1",
    projectName: "shop-dev-web",
    bucket: "shop-dev-builds-x1",
    service: "web",
    contextHash: "a".repeat(64),
    repositoryUrl: "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-dev/web",
    repositoryName: "shop-dev/web",
    platform: "linux/amd64",
    args: { B: "2", A: "1" },
    archivePath: "/tmp/a.zip",
};
const URN = `urn:pulumi:dev::shop::defang:index:Project$${IMAGE_BUILD_TOKEN}::app-web-image`;

describe("resources/image-build-spec: check and diff", () => {
    it("accepts complete inputs and unknown values; names every bad property", () => {
        assert.deepEqual(checkImageBuild(BASE).failures, []);
        assert.deepEqual(checkImageBuild({ ...BASE, repositoryUrl: UNKNOWN, args: UNKNOWN }).failures, []);
        const { failures } = checkImageBuild({ ...BASE, bucket: "", platform: undefined, args: { A: 1 }, timeoutMinutes: 2 });
        assert.deepEqual(
            failures.map((f) => f.property),
            ["bucket", "platform", "args", "timeoutMinutes"],
        );
        assert.match(failures[3].reason, /from 5 to 480/);
    });

    it("unwraps secret and output values the engine sends", () => {
        const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "x" };
        const unknownOutput = { "4dabf18193072939515e22adb298388d": "d0e6a833031e9bbcd3f4e8bde6ca49a4", dependencies: [] };
        assert.deepEqual(plain({ a: secret, b: [secret], c: unknownOutput }), { a: "x", b: ["x"], c: UNKNOWN });
        assert.deepEqual(checkImageBuild({ ...BASE, args: { TOKEN: secret } }).inputs.args, { TOKEN: "x" });
    });

    it("rebuilds (update, never replace) when what decides the image changes, and only then", () => {
        const same = diffImageBuild(BASE, { ...BASE, archivePath: "/other/machine/a.zip", bucket: "new-bucket", args: { A: "1", B: "2" }, timeoutMinutes: 90 });
        assert.deepEqual(same, { changes: false, replaces: [], changed: [] });
        for (const [key, value] of Object.entries({ contextHash: "b".repeat(64), platform: "linux/arm64", dockerfile: "Dockerfile.prod", target: "runtime", args: { A: "1" }, projectName: "p2", repositoryUrl: "x/y" })) {
            const d = diffImageBuild(BASE, { ...BASE, [key]: value });
            assert.deepEqual([d.changes, d.replaces, d.changed], [true, [], [key]], key);
        }
        assert.deepEqual(diffImageBuild(BASE, { ...BASE, repositoryUrl: UNKNOWN }).changed, ["repositoryUrl"]);
        assert.equal(diffImageBuild({ ...BASE, args: {} }, { ...BASE, args: undefined }).changes, false);
    });

    it("tags by content hash and build settings, never by the archive's path", () => {
        assert.equal(tagOf({ ...BASE, archivePath: "/x" }), tagOf(BASE));
        assert.match(tagOf(BASE), /^b-[0-9a-f]{32}$/);
        const tags = new Set([
            tagOf(BASE),
            tagOf({ ...BASE, contextHash: "c".repeat(64) }),
            tagOf({ ...BASE, platform: "linux/arm64" }),
            tagOf({ ...BASE, dockerfile: "Dockerfile.prod" }),
            tagOf({ ...BASE, target: "dev" }),
            tagOf({ ...BASE, args: { A: "1", B: "3" } }),
        ]);
        assert.equal(tags.size, 6);
        assert.equal(imageTag({ contextHash: "h", platform: "p", args: { B: "2", A: "1" } }), imageTag({ contextHash: "h", platform: "p", args: { A: "1", B: "2" } }));
    });
});

describe("provider: custom resources by type token", () => {
    const plugin = new DefangProvider(REPO_ROOT);

    it("reads the type from a URN, parents included", () => {
        assert.equal(typeOfUrn(URN), IMAGE_BUILD_TOKEN);
        assert.equal(typeOfUrn("urn:pulumi:dev::shop::defang:index:ImageBuild::a::b"), IMAGE_BUILD_TOKEN);
        assert.ok(customResourceTypes().includes(IMAGE_BUILD_TOKEN));
    });

    it("routes check and diff to the ImageBuild handler", async () => {
        const checked = await plugin.check(URN, {}, { ...BASE, bucket: "" });
        assert.deepEqual(checked.failures, [{ property: "bucket", reason: "bucket must be a non-empty string" }]);
        const diff = await plugin.diff("id", URN, BASE, { ...BASE, contextHash: "d".repeat(64) });
        assert.deepEqual([diff.changes, diff.replaces], [true, []]);
        const read = await plugin.read("id", URN, BASE);
        assert.deepEqual(read, { id: "id", props: BASE });
        await plugin.delete("id", URN, BASE);
    });

    it("refuses a type it does not implement, listing what it does", async () => {
        await assert.rejects(plugin.create(`urn:pulumi:dev::shop::defang:index:Nope::x`, {}), /unknown resource type defang:index:Nope; this provider implements the custom resources defang:index:ImageBuild, defang:index:StaticSiteSync, defang:index:TaskRun and constructs defang:index:Project/);
    });

    it("keeps the internal token out of schema.json (no SDK exposes it)", () => {
        const schema = require(path.join(REPO_ROOT, "schema.json")) as { resources: Record<string, unknown> };
        assert.equal(IMAGE_BUILD_TOKEN in schema.resources, false);
    });
});
