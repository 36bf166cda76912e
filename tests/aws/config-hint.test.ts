// The missing-config error: the names, the CLI command that sets one, and the `config` input in the
// program's own language (read from the Pulumi.yaml of the directory the engine starts the plugin in).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { callerLanguage, configKey, missingConfigDiagnostic, type HintContext } from "../../provider/src/aws/config-hint";
import type { DeploymentPlan } from "../../provider/src/plan/types";

const plan = { project: "shop", stack: "prod", config: { prefix: "/Defang/shop/prod/" } } as unknown as DeploymentPlan;
const onDisk: HintContext["source"] = { files: ["deploy/compose.yaml"], onDisk: true, profiles: [] };

function hint(ctx: Partial<HintContext>, missing = ["POSTGRES_PASSWORD", "API_TOKEN"]) {
    return missingConfigDiagnostic(plan, missing, { region: "eu-west-1", version: "1.2.3", source: onDisk, ...ctx });
}

describe("missing config: the error and its hint", () => {
    it("names every missing value once, with its code", () => {
        const d = hint({});
        assert.equal(d.severity, "error");
        assert.equal(d.code, "config-missing");
        assert.equal(d.message, "2 config values missing for shop (stack prod): POSTGRES_PASSWORD, API_TOKEN");
        assert.equal(hint({}, ["X"]).message, "config value missing for shop (stack prod): X");
    });

    it("gives the pulumi-defang command of the same release, with the stack, region, files, project name and profiles", () => {
        const d = hint({ source: { files: ["compose.yaml", "compose.prod.yaml"], onDisk: true, projectName: "shop", profiles: ["web"] } });
        assert.match(
            d.hint!,
            /^ {6}npx pulumi-defang@1\.2\.3 config set POSTGRES_PASSWORD --stack prod --region eu-west-1 -f compose\.yaml -f compose\.prod\.yaml -p shop --profile web {3}\(reads the value from stdin\)$/m,
        );
        assert.match(hint({ source: { files: [], onDisk: true, profiles: [] } }).hint!, /config set POSTGRES_PASSWORD --stack prod --region eu-west-1 {3}\(reads/);
    });

    it("falls back to the AWS CLI for an inline compose document, which the CLI cannot load", () => {
        assert.match(hint({ source: { files: [], onDisk: false, profiles: [] } }).hint!, /aws ssm put-parameter --region eu-west-1 --type SecureString --name \/Defang\/shop\/prod\/POSTGRES_PASSWORD --value '\.\.\.'/);
    });

    it("shows the config input in the program's language only, when it is known", () => {
        const forms: Array<[HintContext["language"], RegExp]> = [
            ["nodejs", /config: \{ POSTGRES_PASSWORD: new pulumi\.Config\(\)\.requireSecret\("postgresPassword"\) \}/],
            ["python", /config=\{"POSTGRES_PASSWORD": pulumi\.Config\(\)\.require_secret\("postgresPassword"\)\}/],
            ["go", /Config: pulumi\.StringMap\{"POSTGRES_PASSWORD": config\.New\(ctx, ""\)\.RequireSecret\("postgresPassword"\)\}/],
            ["yaml", /config: \{ POSTGRES_PASSWORD: \$\{postgresPassword\} \}/],
        ];
        for (const [language, form] of forms) {
            const text = hint({ language }).hint!;
            assert.match(text, form, language);
            assert.equal(forms.filter(([, f]) => f.test(text)).length, 1, `${language}: only its own form`);
            assert.match(text, /pulumi config set --secret postgresPassword/);
        }
        const all = hint({}).hint!;
        for (const [, form] of forms) assert.match(all, form);
        assert.match(all, /^ +TypeScript +config:/m);
    });

    it("derives the stack config key the examples use", () => {
        assert.equal(configKey("POSTGRES_PASSWORD"), "postgresPassword");
        assert.equal(configKey("API__KEY_2"), "apiKey2");
        assert.equal(configKey("token"), "token");
    });

    it("reads the program's language from its Pulumi.yaml (string or object runtime), unknown otherwise", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-caller-"));
        try {
            assert.equal(callerLanguage(dir), undefined);
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: shop\nruntime: python\n");
            assert.equal(callerLanguage(dir), "python");
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: shop\nruntime:\n  name: nodejs\n  options: {typescript: true}\n");
            assert.equal(callerLanguage(dir), "nodejs");
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: shop\nruntime: dotnet\n");
            assert.equal(callerLanguage(dir), undefined, "no form for this language: all are shown");
            fs.rmSync(path.join(dir, "Pulumi.yaml"));
            fs.writeFileSync(path.join(dir, "Pulumi.json"), JSON.stringify({ name: "shop", runtime: "go" }));
            assert.equal(callerLanguage(dir), "go");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
