// The package entry (package.json `main`) exposes the component, its contract and the plugin.
import { strict as assert } from "assert";
import * as entry from "../../provider/src/index";
import { Project } from "../../provider/src/project";
import { DefangProvider } from "../../provider/src/provider";

describe("package entry (provider/src/index.ts)", () => {
    it("exports Project, the contract constants and the provider", () => {
        assert.equal(entry.Project, Project);
        assert.equal(entry.DefangProvider, DefangProvider);
        assert.equal(entry.PROJECT_TOKEN, "defang:index:Project");
        assert.ok(entry.PROJECT_OUTPUTS.includes("endpoints"));
        assert.equal(typeof entry.servePlugin, "function");
    });
});
