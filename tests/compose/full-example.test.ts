// compose-go's full example: render (JSON form) deep-equals full-example.expected.json, loaded the
// way compose-go's own test loads it (env HOME, BAR, QUX; working dir loader/; no normalization).
import * as assert from "assert";
import * as fs from "fs";
import { loadProject } from "../../provider/src/compose";
import { projectDocument, renderProject } from "../../provider/src/compose/render";
import { corpus } from "./paths";
import * as YAML from "yaml";

const loaderDir = corpus("compose-go", "loader");
const homeDir = "/home/tester";

function expected(name: string): string {
    return fs.readFileSync(corpus("compose-go", "loader", name), "utf8").split("<workingDir>").join(loaderDir).split("<homeDir>").join(homeDir);
}

function load() {
    return loadProject({
        files: ["full-example.yml"],
        workingDir: loaderDir,
        environment: { HOME: homeDir, BAR: "this is a secret", QUX: "qux_from_environment" },
        skipNormalization: true,
    });
}

describe("compose-go full example", () => {
    it("loads without errors", () => {
        const r = load();
        assert.deepStrictEqual(r.diagnostics.filter((d) => d.severity === "error"), []);
        assert.ok(r.project);
    });

    it("renders as JSON equal to full-example.expected.json", () => {
        const r = load();
        const actual = JSON.parse(renderProject(r.project!, "json"));
        assert.deepStrictEqual(actual, JSON.parse(expected("full-example.expected.json")));
    });

    it("renders as YAML equal to full-example.expected.yaml (as data)", () => {
        const r = load();
        const actual = YAML.parse(renderProject(r.project!, "yaml"));
        assert.deepStrictEqual(actual, YAML.parse(expected("full-example.expected.yaml")));
    });

    it("keeps nested x- extensions in YAML only", () => {
        const r = load();
        const json = projectDocument(r.project!, "json") as Record<string, any>;
        const yaml = projectDocument(r.project!, "yaml") as Record<string, any>;
        assert.strictEqual(json.services.foo["x-bar"], undefined);
        assert.strictEqual(yaml.services.foo["x-bar"], "baz");
        assert.strictEqual(json["x-foo"], "bar");
    });
});
