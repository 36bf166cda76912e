// schema.json (what every SDK is generated from) against provider/src/schema-types.ts (what the
// component is written against) and provider/src/provider.ts (how inputs reach it): they must agree.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { COMPONENTS } from "../../provider/src/provider";
import { PROJECT_OUTPUTS, PROJECT_TOKEN } from "../../provider/src/schema-types";
import { MODES } from "../../provider/src/plan/modes";
import { loadSchema, PackageSpec, ROOT, SCHEMA_TYPES_PATH, schemaShape, Shape, tsInterfaces } from "./schema-shape";

const schema = loadSchema();
const contract = tsInterfaces(SCHEMA_TYPES_PATH);
const project = schema.resources[PROJECT_TOKEN];

function sorted(shape: Shape): [string, string][] {
    return Object.entries(shape)
        .map(([name, member]): [string, string] => [name, `${member.optional ? "?" : ""}${member.type}`])
        .sort(([a], [b]) => a.localeCompare(b));
}

/** Every schema view the contract must match: [TS interface, schema shape]. */
function views(spec: PackageSpec): [string, Shape][] {
    const resource = spec.resources[PROJECT_TOKEN];
    const type = (name: string, usage: "input" | "output"): Shape => {
        const object = spec.types[`defang:index:${name}`];
        return schemaShape(spec, object.properties ?? {}, object.required, usage);
    };
    return [
        ["ProjectArgs", schemaShape(spec, resource.inputProperties, resource.requiredInputs, "input", true)],
        ["ProjectOutputs", schemaShape(spec, resource.properties, resource.required, "output")],
        ["NetworkArgs", type("Network", "input")],
        ["VpcArgs", type("Vpc", "input")],
        ["DomainArgs", type("Domain", "input")],
        ["ServiceOutput", type("Service", "output")],
        ["DatabaseOutput", type("Database", "output")],
    ];
}

describe("schema.json ↔ provider/src/schema-types.ts", () => {
    for (const [name, shape] of views(schema)) {
        it(`${name} has the schema's members, optionality and types`, () => {
            assert.ok(contract[name], `schema-types.ts has no interface ${name}`);
            assert.deepEqual(sorted(contract[name]), sorted(shape));
        });
    }

    it("notices a drift: a renamed, retyped or newly required property fails the comparison", () => {
        const drifted: PackageSpec = JSON.parse(JSON.stringify(schema));
        const inputs = drifted.resources[PROJECT_TOKEN].inputProperties;
        inputs.composeFile = inputs.composeFiles;
        delete inputs.composeFiles;
        drifted.types["defang:index:Vpc"].properties!.availabilityZoneCount.type = "string";
        drifted.types["defang:index:Service"].required!.push("url");
        const failing = views(drifted).filter(([name, shape]) => {
            try {
                assert.deepEqual(sorted(contract[name]), sorted(shape));
                return false;
            } catch {
                return true;
            }
        });
        assert.deepEqual(failing.map(([name]) => name), ["ProjectArgs", "VpcArgs", "ServiceOutput"]);
    });

    it("PROJECT_OUTPUTS lists exactly the schema's output properties", () => {
        assert.deepEqual([...PROJECT_OUTPUTS].sort(), Object.keys(project.properties).sort());
    });

    it("the Mode enum has exactly the plan's modes", () => {
        assert.deepEqual(schema.types["defang:index:Mode"].enum!.map((e) => e.value), [...MODES]);
    });
});

describe("schema.json ↔ provider/src/provider.ts", () => {
    it("every component token has a constructor whose outputs are the schema's properties", () => {
        const components = Object.entries(schema.resources).filter(([, r]) => r.isComponent).map(([token]) => token);
        assert.deepEqual(Object.keys(COMPONENTS).sort(), components.sort());
        for (const token of components) {
            assert.deepEqual([...COMPONENTS[token].outputs].sort(), Object.keys(schema.resources[token].properties).sort());
        }
    });
});

describe("schema.json rules", () => {
    it("decides the resource graph only from plain inputs; resource ids stay inputs", () => {
        const inputs = project.inputProperties;
        for (const key of ["composeFiles", "composeYaml", "workingDir", "projectName", "mode", "environment", "profiles", "tags", "vpc"]) {
            assert.equal(inputs[key].plain, true, `${key} must be plain`);
        }
        for (const key of ["network", "domain", "images", "config"]) {
            assert.ok(!inputs[key].plain, `${key} must accept outputs`);
        }
        assert.equal(schema.types["defang:index:Domain"].properties!.name.plain, true);
        for (const key of ["zoneId", "certificateArn"]) {
            assert.ok(!schema.types["defang:index:Domain"].properties![key].plain);
        }
        assert.deepEqual(schema.types["defang:index:Network"].required!.sort(), ["privateSubnetIds", "publicSubnetIds", "vpcId"]);
    });

    it("marks config secret", () => {
        assert.equal(project.inputProperties.config.secret, true);
    });

    it("references only its own types (SDK generation needs no other package)", () => {
        const refs = JSON.stringify(schema).match(/"\$ref":\s*"[^"]*"/g) ?? [];
        assert.ok(refs.length > 0);
        for (const ref of refs) {
            assert.match(ref, /"#\/types\/defang:index:[A-Za-z]+"/);
        }
    });

    it("gives every resource, type, property and enum value a description a user can act on", () => {
        const missing: string[] = [];
        const check = (where: string, text: string | undefined) => {
            if (!text || text.trim().length < 40 || !/[.)`]$/.test(text.trim())) {
                missing.push(where);
            }
        };
        for (const [token, resource] of Object.entries(schema.resources)) {
            check(token, resource.description);
            for (const [name, p] of Object.entries({ ...resource.inputProperties })) check(`${token}.inputs.${name}`, p.description);
            for (const [name, p] of Object.entries(resource.properties)) check(`${token}.outputs.${name}`, p.description);
        }
        for (const [token, type] of Object.entries(schema.types)) {
            check(token, type.description);
            for (const [name, p] of Object.entries(type.properties ?? {})) check(`${token}.${name}`, p.description);
            for (const e of type.enum ?? []) check(`${token}.${e.value}`, e.description);
        }
        assert.deepEqual(missing, []);
    });

    it("names the packages as DESIGN.md says and carries the package version", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        assert.equal(schema.name, "defang");
        assert.equal(schema.version, pkg.version);
        assert.equal(schema.language.nodejs.packageName, "pulumi-defang");
        assert.equal(schema.language.python.packageName, "pulumi_defang");
        assert.deepEqual(schema.language.python.pyproject, { enabled: true });
        assert.equal(schema.language.go.importBasePath, "github.com/pulumi-defang/pulumi-defang/sdk/go/defang");
    });
});
