// The examples agree with the package: the YAML program uses only schema inputs and outputs, every
// program's stack config accepts the modes, the compose apps load in every mode with exactly the
// config references the programs fill, and the deploy workflow runs `pulumi up` on push to main.
// (tsc, py_compile and go build of the programs run in `make test_examples`.)
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { configNames, hasErrors, loadForDeploy } from "../../provider/src/compose";
import { MODES } from "../../provider/src/plan/modes";
import { PROJECT_TOKEN } from "../../provider/src/schema-types";

const ROOT = path.resolve(__dirname, "../..");
const EXAMPLES = path.join(ROOT, "examples");
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));
const project = schema.resources[PROJECT_TOKEN];

const read = (file: string) => fs.readFileSync(path.join(EXAMPLES, file), "utf8");
const programs = ["ts", "python", "go", "yaml", "ts-vpc-bucket"];

/** Config references of a compose file, as the component will look them up. */
function configReferences(file: string): string[] {
    const names = new Set<string>();
    for (const mode of MODES) {
        const loaded = loadForDeploy({ files: [path.basename(file)], workingDir: path.dirname(file), mode });
        const errors = loaded.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code}: ${d.message}`);
        assert.ok(loaded.project && !hasErrors(loaded.diagnostics), `${file} in ${mode}: ${errors.join("; ")}`);
        for (const service of Object.values(loaded.project!.services)) {
            for (const value of Object.values(service.environment)) configNames(value).forEach((n) => names.add(n));
        }
    }
    return [...names].sort();
}

describe("examples", () => {
    for (const program of programs) {
        it(`${program}: Pulumi.yaml names a runtime and takes the mode from stack config`, () => {
            const doc = YAML.parse(read(`${program}/Pulumi.yaml`));
            assert.ok(doc.name && doc.runtime, "name and runtime");
            assert.ok((MODES as readonly string[]).includes(doc.config.mode.default), `mode default ${doc.config.mode.default}`);
        });
    }

    it("yaml: uses only the schema's inputs and outputs of defang:index:Project", () => {
        const doc = YAML.parse(read("yaml/Pulumi.yaml"));
        const [name, resource] = Object.entries<any>(doc.resources).find(([, r]: [string, any]) => r.type === PROJECT_TOKEN)!;
        for (const key of Object.keys(resource.properties)) {
            assert.ok(project.inputProperties[key], `unknown input ${key}`);
        }
        for (const expression of Object.values<string>(doc.outputs)) {
            const match = new RegExp(`^\\$\\{${name}\\.(\\w+)`).exec(expression);
            assert.ok(match && project.properties[match[1]], `output ${expression} is not a Project output`);
        }
    });

    it("storage-app: loads in every mode with a volume, a bucket and a static site, and needs no config", () => {
        const file = path.join(EXAMPLES, "storage-app/compose.yaml");
        assert.deepEqual(configReferences(file), []);
        const loaded = loadForDeploy({ files: ["compose.yaml"], workingDir: path.dirname(file), mode: "balanced" });
        const services = loaded.project!.services;
        assert.deepEqual(Object.keys(loaded.project!.volumes ?? {}), ["thumbnails"]);
        assert.deepEqual(services.storage.defang?.s3, {});
        assert.equal(services.web.defang?.staticFiles?.folder, "/app/dist");
    });

    it("compose-app: loads in every mode, and the programs fill exactly its config references", () => {
        const references = configReferences(path.join(EXAMPLES, "compose-app/compose.yaml"));
        assert.deepEqual(references, ["APP_SECRET", "POSTGRES_PASSWORD"]);
        const filled: Record<string, RegExp> = {
            "ts/index.ts": /(\w+): config\.requireSecret/g,
            "python/__main__.py": /"(\w+)": config\.require_secret/g,
            "go/main.go": /"(\w+)":\s+cfg\.RequireSecret/g,
            "yaml/Pulumi.yaml": /^ {8}(\w+): \$\{\w+\}$/gm,
        };
        for (const [file, pattern] of Object.entries(filled)) {
            const names = [...read(file).matchAll(pattern)].map((m) => m[1]).sort();
            assert.deepEqual(names, references, file);
        }
    });

    it("ts-vpc-bucket: its compose app loads in every mode and needs only the bucket name", () => {
        assert.deepEqual(configReferences(path.join(EXAMPLES, "ts-vpc-bucket/compose.yaml")), ["BUCKET_NAME"]);
        const program = read("ts-vpc-bucket/index.ts");
        assert.match(program, /network: \{\s+vpcId: network\.vpcId/);
        assert.match(program, /config: \{ BUCKET_NAME: bucket\.bucket \}/);
        assert.match(program, /app\.services\.apply\(\(services\) => services\["worker"\]\.taskRoleArn/);
    });

    it("the deploy workflow runs pulumi up on push to main, and the examples README points to it", () => {
        const workflow = YAML.parse(fs.readFileSync(path.join(ROOT, ".github/workflows/deploy.yml"), "utf8"));
        assert.deepEqual(workflow.on.push.branches, ["main"]);
        const steps: { run?: string }[] = workflow.jobs.deploy.steps;
        assert.ok(steps.some((s) => /pulumi up --yes/.test(s.run ?? "")));
        assert.ok(steps.some((s) => /pulumi plugin install resource defang/.test(s.run ?? "")));
        assert.match(read("README.md"), /\.github\/workflows\/deploy\.yml/);
    });
});
