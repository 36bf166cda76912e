// What the component tells a user whose compose file references config values that are neither in
// the `config` input nor in SSM: which names, and two ways to set each, as commands and code they can
// paste: `pulumi-defang config set` (the value from stdin, never on a command line) and the `config`
// input fed from a secret stack value, in the language of the program that uses the component.
//
// The engine does not tell a provider the caller's language, but it starts the plugin in the program's
// directory, whose Pulumi.yaml names the runtime; without one every language's form is shown.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import type { Diagnostic } from "../compose/types";
import type { DeploymentPlan } from "../plan/types";
import type { DeployCode } from "./codes";

export type CallerLanguage = "nodejs" | "python" | "go" | "yaml";
const LANGUAGES: readonly CallerLanguage[] = ["nodejs", "python", "go", "yaml"];
const LABEL: Record<CallerLanguage, string> = { nodejs: "TypeScript", python: "Python", go: "Go", yaml: "YAML" };

/** The runtime of the Pulumi project in `dir` (Pulumi.yaml / .yml / .json); undefined when unknown. */
export function callerLanguage(dir: string = process.cwd()): CallerLanguage | undefined {
    for (const file of ["Pulumi.yaml", "Pulumi.yml", "Pulumi.json"]) {
        try {
            const project = parse(fs.readFileSync(path.join(dir, file), "utf8")) as { runtime?: string | { name?: string } } | null;
            const runtime = typeof project?.runtime === "string" ? project.runtime : project?.runtime?.name;
            return LANGUAGES.find((l) => l === runtime);
        } catch {
            // Absent or unreadable: try the next name.
        }
    }
    return undefined;
}

/** Where the compose project came from, for a `pulumi-defang config set` run from the program's directory. */
export interface ComposeSource {
    /** Compose files to pass with -f, relative to the program's directory; empty when discovery finds them. */
    files: string[];
    /** False when the compose document was inline (`composeYaml`): the CLI needs a file. */
    onDisk: boolean;
    /** The component's `projectName` input, when given (the CLI's -p). */
    projectName?: string;
    profiles: string[];
}

export interface HintContext {
    region: string;
    /** The plugin's version: `npx pulumi-defang@<version>` runs the CLI of the same release. */
    version: string;
    source: ComposeSource;
    language?: CallerLanguage;
}

/** `POSTGRES_PASSWORD` → `postgresPassword`: the stack config key the examples use. */
export function configKey(name: string): string {
    return name.toLowerCase().replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function programForm(language: CallerLanguage, name: string): string {
    const key = configKey(name);
    switch (language) {
        case "nodejs":
            return `config: { ${name}: new pulumi.Config().requireSecret("${key}") }`;
        case "python":
            return `config={"${name}": pulumi.Config().require_secret("${key}")}`;
        case "go":
            return `Config: pulumi.StringMap{"${name}": config.New(ctx, "").RequireSecret("${key}")}`;
        case "yaml":
            return `config: { ${name}: \${${key}} }`;
    }
}

function setCommand(plan: DeploymentPlan, name: string, ctx: HintContext): string {
    const { source } = ctx;
    if (!source.onDisk) {
        return `aws ssm put-parameter --region ${ctx.region} --type SecureString --name ${plan.config.prefix}${name} --value '...'`;
    }
    const options = [
        ...source.files.map((f) => `-f ${f}`),
        ...(source.projectName ? [`-p ${source.projectName}`] : []),
        ...source.profiles.map((p) => `--profile ${p}`),
    ];
    return [`npx pulumi-defang@${ctx.version} config set ${name} --stack ${plan.stack} --region ${ctx.region}`, ...options].join(" ") + "   (reads the value from stdin)";
}

/** The `config-missing` error for `missing` (non-empty) names. */
export function missingConfigDiagnostic(plan: DeploymentPlan, missing: string[], ctx: HintContext): Diagnostic {
    const [first] = missing;
    const key = configKey(first);
    const forms = ctx.language
        ? [`      ${programForm(ctx.language, first)}`]
        : LANGUAGES.map((l) => `      ${LABEL[l].padEnd(10)} ${programForm(l, first)}`);
    const hint = [
        missing.length === 1
            ? "the compose file references it (an environment key without a value, or ${NAME}); set it either"
            : `the compose file references them (environment keys without a value, or \${NAME}); set each one, e.g. ${first}, either`,
        `    - in SSM Parameter Store under ${plan.config.prefix}, where the services read it:`,
        `      ${setCommand(plan, first, ctx)}`,
        `    - or from the program, as a secret stack config value (pulumi config set --secret ${key}) passed in the component's config input:`,
        ...forms,
    ].join("\n");
    return {
        severity: "error",
        code: "config-missing" satisfies DeployCode,
        message: `${missing.length === 1 ? "config value" : `${missing.length} config values`} missing for ${plan.project} (stack ${plan.stack}): ${missing.join(", ")}`,
        hint,
    };
}
