// The compose layer's entry points (index.ts).
import * as assert from "assert";
import { hasErrors, loadForDeploy, loadProject } from "../../provider/src/compose";
import { tempDir } from "./helpers";

describe("compose entry points", () => {
    const dir = tempDir({ "compose.yaml": "services:\n  web:\n    image: nginx\n  seed:\n    image: seed\n    profiles: [defang]\n  debug:\n    image: busybox\n    profiles: [debug]\n" });

    it("loadProject uses compose semantics: profile services are off unless asked for", () => {
        const p = loadProject({ workingDir: dir }).project!;
        assert.deepStrictEqual(Object.keys(p.services), ["web"]);
    });
    it("loadForDeploy activates Defang's 'defang' profile as Defang's CLI does", () => {
        const r = loadForDeploy({ workingDir: dir, mode: "affordable" });
        assert.ok(!hasErrors(r.diagnostics), JSON.stringify(r.diagnostics));
        assert.deepStrictEqual(Object.keys(r.project!.services).sort(), ["seed", "web"]);
        const withDebug = loadForDeploy({ workingDir: dir, mode: "affordable", profiles: ["debug"] });
        assert.deepStrictEqual(Object.keys(withDebug.project!.services).sort(), ["debug", "seed", "web"]);
    });
});
