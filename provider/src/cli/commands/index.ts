// The command registry. Each command file exports one Command; add new ones here.
import { estimateCommand } from "./estimate";
import { planCommand } from "./plan";
import { validateCommand } from "./validate";
import { renderCommand } from "./render";

export interface Command {
    name: string;
    summary: string;
    /** Full --help text. */
    usage: string;
    /** Returns the exit code. Throw UsageError for bad options (exit 2). */
    run(argv: string[]): Promise<number>;
}

export const COMMANDS: Command[] = [estimateCommand, planCommand, validateCommand, renderCommand];
