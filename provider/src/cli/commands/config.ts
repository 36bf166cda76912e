// `pulumi-defang config set|ls|rm`: the project's config values (environment keys with no value, and
// `${NAME}` references) as SecureString parameters under /Defang/<project>/<stack>/, where the
// component reads them. Values come from stdin or an environment variable, never from the command
// line (shell history, process lists), and are never printed.
import type { SSMClient } from "@aws-sdk/client-ssm";
import type { Command } from "./index";
import { optString, parseArgs, UsageError } from "../args";
import { printDiagnostics } from "../diagnostics";
import { awsErrorLine, loadTarget, TARGET_OPTIONS, TARGET_USAGE } from "../stack-target";
import { CONFIG_NAME } from "../../plan/secrets";
import type { ConfigStore } from "../../ops/config-store";

const USAGE = `Usage: pulumi-defang config set NAME [--from-env VAR] [options]
       pulumi-defang config ls [options]
       pulumi-defang config rm NAME... [options]

Stores the compose project's config values (environment keys given without a value, and \${NAME}
references) in AWS SSM Parameter Store as SecureStrings under /Defang/<project>/<stack>/NAME, where
'defang.Project' reads them at deploy time. Uses the AWS credentials of the environment.

  set NAME     Reads the value from stdin (one trailing newline dropped), or from --from-env VAR.
  ls           Lists the names the project needs and whether each is set; names set but unused.
  rm NAME...   Deletes the values.

Options:
${TARGET_USAGE}
      --from-env VAR     set: take the value from environment variable VAR (for CI).
  -h, --help             This help.

Exit codes: 0 done, 1 the compose app has errors, a value is missing (ls) or AWS refused, 2 bad
options.`;

export interface ConfigDeps {
    store(region: string, prefix: string): ConfigStore;
    readStdin(): Promise<string>;
    env: NodeJS.ProcessEnv;
    stdout(s: string): void;
    stderr(s: string): void;
}

function defaultDeps(): ConfigDeps {
    return {
        store: (region, prefix) => {
            // Loaded on demand: only config needs the SSM client.
            // eslint-disable-next-line @typescript-eslint/no-var-requires
            const { SSMClient: Client } = require("@aws-sdk/client-ssm") as { SSMClient: new (c: { region: string }) => SSMClient };
            // eslint-disable-next-line @typescript-eslint/no-var-requires
            const { ConfigStore: Store } = require("../../ops/config-store") as typeof import("../../ops/config-store");
            return new Store(new Client({ region }), prefix);
        },
        readStdin: async () => {
            const chunks: Buffer[] = [];
            for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
            return Buffer.concat(chunks).toString("utf8");
        },
        env: process.env,
        stdout: (s) => process.stdout.write(s),
        stderr: (s) => process.stderr.write(s),
    };
}

export async function runConfig(argv: string[], deps: ConfigDeps = defaultDeps()): Promise<number> {
    const args = parseArgs(argv, [...TARGET_OPTIONS, { name: "from-env", value: true }], 64);
    const [verb, ...names] = args.positionals;
    if (verb !== "set" && verb !== "ls" && verb !== "rm") throw new UsageError(verb ? `unknown config command '${verb}'; use set, ls or rm` : "say set, ls or rm");
    if (verb === "set" && names.length !== 1) throw new UsageError("config set takes exactly one NAME (the value comes from stdin or --from-env)");
    if (verb === "rm" && names.length === 0) throw new UsageError("config rm needs at least one NAME");
    if (verb === "ls" && names.length > 0) throw new UsageError("config ls takes no NAME");
    if (verb !== "set" && optString(args, "from-env") !== undefined) throw new UsageError("--from-env is for config set");
    for (const n of names) {
        if (n.includes("=")) throw new UsageError(`'${n}': give the value on stdin or with --from-env, never on the command line`);
        if (!CONFIG_NAME.test(n)) throw new UsageError(`'${n}' is not a config name: letters, digits and '_', not starting with a digit, at most 64`);
    }

    const target = loadTarget(args, deps.stderr);
    printDiagnostics(target.diagnostics.filter((d) => d.severity === "error"), deps.stderr, process.cwd());
    if (!target.plan) return 1;
    const { plan, region } = target;
    const store = deps.store(region, plan.config.prefix);
    const where = `${plan.config.prefix} in ${region}`;
    try {
        if (verb === "set") return await set(names[0], store, plan.config.required, where, args.options["from-env"] as string | undefined, deps);
        if (verb === "rm") {
            const absent = await store.remove(names);
            for (const n of names.filter((x) => !absent.includes(x))) deps.stdout(`deleted ${n}\n`);
            for (const n of absent) deps.stderr(`${n} was not set under ${where}\n`);
            return 0;
        }
        return await list(store, plan.config.required, where, deps);
    } catch (err) {
        const line = awsErrorLine(err);
        if (!line) throw err;
        deps.stderr(`pulumi-defang config: ${line}\n`);
        return 1;
    }
}

async function set(name: string, store: ConfigStore, required: string[], where: string, fromEnv: string | undefined, deps: ConfigDeps): Promise<number> {
    let value: string | undefined;
    if (fromEnv !== undefined) {
        value = deps.env[fromEnv];
        if (value === undefined) throw new UsageError(`environment variable ${fromEnv} is not set`);
    } else {
        value = (await deps.readStdin()).replace(/\r?\n$/, "");
    }
    if (value === "") throw new UsageError(`empty value for ${name}: SSM cannot store an empty string`);
    await store.set(name, value);
    deps.stdout(`set ${name} under ${where}\n`);
    if (!required.includes(name)) deps.stderr(`note: no service of this project uses ${name}\n`);
    return 0;
}

async function list(store: ConfigStore, required: string[], where: string, deps: ConfigDeps): Promise<number> {
    const set = new Set((await store.list()).map((e) => e.name));
    const width = Math.max(4, ...required.map((n) => n.length), ...[...set].map((n) => n.length));
    deps.stdout(`Config under ${where}\n`);
    for (const n of required) deps.stdout(`  ${n.padEnd(width)}  ${set.has(n) ? "set" : "MISSING"}\n`);
    for (const n of [...set].filter((x) => !required.includes(x)).sort()) deps.stdout(`  ${n.padEnd(width)}  set, unused\n`);
    const missing = required.filter((n) => !set.has(n));
    if (missing.length > 0) {
        deps.stderr(`${missing.length} missing: set each with 'pulumi-defang config set NAME --stack ...' before pulumi up\n`);
        return 1;
    }
    return 0;
}

export const configCommand: Command = {
    name: "config",
    summary: "Set, list or remove the project's config values (SSM SecureStrings).",
    usage: USAGE,
    run: (argv) => runConfig(argv),
};
