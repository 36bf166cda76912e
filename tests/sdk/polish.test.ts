// What users of the generated SDKs read and get (issue 14): the plugin's download location in every
// SDK, descriptions that match what the component does, names in each language's own style, a README
// in every package, no source map pointing at a file the npm package does not ship, and the CLI as the
// npm package's bin. On the committed sdk/ (which `make sdk-drift` keeps equal to the generator's output).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const schema = JSON.parse(read("schema.json"));
const DOWNLOAD = "github://api.github.com/pulumi-defang";

function files(dir: string, suffix: string): string[] {
    return (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[]).filter((f) => f.endsWith(suffix)).map((f) => path.join(dir, f));
}

describe("generated SDKs: distribution and polish", () => {
    it("download the plugin from the project's GitHub releases, in every language", () => {
        assert.equal(schema.pluginDownloadURL, DOWNLOAD);
        assert.match(read("sdk/nodejs/utilities.ts"), new RegExp(`pluginDownloadURL: "${DOWNLOAD}"`));
        assert.equal(JSON.parse(read("sdk/nodejs/package.json")).pulumi.server, DOWNLOAD);
        assert.equal(JSON.parse(read("sdk/python/pulumi_defang/pulumi-plugin.json")).server, DOWNLOAD);
        assert.equal(JSON.parse(read("sdk/go/defang/pulumi-plugin.json")).server, DOWNLOAD);
        assert.match(read("sdk/go/defang/internal/pulumiUtilities.go"), new RegExp(`pulumi\\.PluginDownloadURL\\("${DOWNLOAD}"\\)`));
    });

    it("describe images as overriding builds, and config values as set with pulumi-defang config set", () => {
        const inputs = schema.resources["defang:index:Project"].inputProperties;
        assert.doesNotMatch(inputs.images.description, /until image builds are supported|not supported/);
        assert.match(inputs.images.description, /`build:` is skipped/);
        assert.match(inputs.config.description, /`pulumi-defang config set NAME --stack STACK`/);
        assert.doesNotMatch(JSON.stringify(schema), /`defang config set/);
    });

    it("name the output object types without stuttering in Go (Service, ServiceOutput; not ServiceOutputOutput)", () => {
        const types = read("sdk/go/defang/pulumiTypes.go");
        assert.doesNotMatch(types, /OutputOutput/);
        for (const name of ["Service", "Database"]) {
            assert.match(types, new RegExp(`^type ${name} struct \\{`, "m"));
            assert.match(types, new RegExp(`^type ${name}MapOutput struct`, "m"));
        }
    });

    it("quote property names in Python docstrings as Python spells them", () => {
        const python = files("sdk/python/pulumi_defang", ".py").map(read).join("\n");
        for (const camel of ["workingDir", "composeYaml", "vpcId", "publicSubnetIds", "cidrBlock", "availabilityZoneCount"]) {
            assert.doesNotMatch(python, new RegExp("`" + camel + "`"), camel);
        }
        assert.match(read("sdk/python/pulumi_defang/project.py"), /Paths are relative to `working_dir`/);
        assert.match(read("sdk/python/pulumi_defang/project.py"), /\(`cidr_block`, `availability_zone_count`\)/);
        // TypeScript and Go keep the schema's names.
        assert.match(read("sdk/nodejs/project.ts"), /Paths are relative to `workingDir`/);
    });

    it("give each package a README about its own language, the Python one where the wheel's metadata reads it", () => {
        assert.match(read("sdk/python/pyproject.toml"), /^\s*readme = "README\.md"/m);
        assert.equal(read("sdk/python/README.md"), read("sdk/python/pulumi_defang/README.md"));
        assert.match(read("sdk/python/README.md"), /pip install pulumi-defang/);
        assert.match(read("sdk/python/README.md"), /compose_files=\["compose\.yaml"\]/);
        assert.match(read("sdk/nodejs/README.md"), /npm install pulumi-defang/);
        assert.match(read("sdk/nodejs/README.md"), /composeFiles: \["compose\.yaml"\]/);
    });

    it("ship no Node.js source maps (they would point at .ts sources the package does not carry)", () => {
        const tsconfig = read("sdk/nodejs/tsconfig.json");
        assert.match(tsconfig, /"sourceMap": false/);
        assert.match(tsconfig, /"declarationMap": false/);
        const built = path.join(ROOT, "bin/sdk/nodejs");
        if (fs.existsSync(built)) assert.deepEqual(files("bin/sdk/nodejs", ".map"), []);
    });

    it("make the pulumi-defang CLI the npm package's bin, and ship the unit-testing helpers in every language", () => {
        const pkg = JSON.parse(read("sdk/nodejs/package.json"));
        assert.deepEqual(pkg.bin, { "pulumi-defang": "cli/pulumi-defang.js" });
        assert.match(read("sdk/nodejs/tsconfig.json"), /"testing\.ts"/);
        assert.match(read("sdk/nodejs/testing.ts"), /export function projectMocks/);
        assert.match(read("sdk/python/pulumi_defang/testing.py"), /class ProjectMocks\(pulumi\.runtime\.Mocks\)/);
        assert.match(read("sdk/go/defang/defangtest/defangtest.go"), /^package defangtest/m);
    });
});
