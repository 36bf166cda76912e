#!/usr/bin/env node
// pulumi-defang: the command-line front of the package. Each command lives in commands/<name>.ts.
// Exit codes: 0 success (warnings allowed), 1 the input has errors or cannot be read, 2 usage error.
import "./defer-closure-modules"; // first: before anything loads @pulumi/pulumi
import { COMMANDS } from "./commands";
import { InputError, UsageError } from "./args";
import { exitAfterFlush, tolerateClosedReaders } from "./exit";

const USAGE = `Usage: pulumi-defang <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join("\n")}

Run 'pulumi-defang <command> --help' for a command's options.`;

export async function main(argv: string[]): Promise<number> {
    const [name, ...rest] = argv;
    if (!name || name === "--help" || name === "-h" || name === "help") {
        process.stdout.write(USAGE + "\n");
        return name ? 0 : 2;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
        process.stderr.write(`pulumi-defang: unknown command '${name}'\n\n${USAGE}\n`);
        return 2;
    }
    if (rest.includes("--help") || rest.includes("-h")) {
        process.stdout.write(command.usage + "\n");
        return 0;
    }
    try {
        return await command.run(rest);
    } catch (err) {
        if (err instanceof UsageError) {
            process.stderr.write(`pulumi-defang ${name}: ${err.message}\n\n${command.usage}\n`);
            return 2;
        }
        if (err instanceof InputError) {
            process.stderr.write(`pulumi-defang ${name}: ${err.message}\n`);
            return 1;
        }
        // An internal failure, not a user error: say so plainly, with the stack only on request.
        const e = err as Error;
        process.stderr.write(`pulumi-defang ${name}: internal error: ${e.message}\n`);
        if (process.env.PULUMI_DEFANG_DEBUG) process.stderr.write(`${e.stack}\n`);
        return 1;
    }
}

if (require.main === module) {
    // Exit only once the output is out: a pipe would otherwise be cut at 64 KiB.
    tolerateClosedReaders();
    void main(process.argv.slice(2)).then((code) => exitAfterFlush(code));
}
