// The command registry. Each command file exports one Command; add new ones here.
import { validateCommand } from "./validate";
import { renderCommand } from "./render";
import { planCommand } from "./plan";
import { estimateCommand } from "./estimate";
import { configCommand } from "./config";
import { logsCommand } from "./logs";
import { mcpCommand } from "./mcp";

export interface Command {
    name: string;
    summary: string;
    /** Full --help text. */
    usage: string;
    /** Returns the exit code. Throw UsageError for bad options (exit 2). */
    run(argv: string[]): Promise<number>;
}

/** In the order a user meets them: check the file, see it normalized, see the AWS graph, price it; then set its config and read its logs; serve it all to an assistant. */
export const COMMANDS: Command[] = [validateCommand, renderCommand, planCommand, estimateCommand, configCommand, logsCommand, mcpCommand];
