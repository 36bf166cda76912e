// `pulumi-defang mcp`: serves the validate, render, plan and estimate tools to an AI assistant over
// the Model Context Protocol (stdio). The server lives in provider/src/mcp/.
import type { Command } from "./index";
import { parseArgs } from "../args";

const USAGE = `Usage: pulumi-defang mcp

Runs a Model Context Protocol server on stdin/stdout (JSON-RPC, one message per line) until the
client closes stdin. Its tools check, plan and price a compose app offline, with JSON results:

  validate   Findings of Defang's rules for AWS and of the planner, with file:line:col and hint.
  render     The normalized compose project (like 'docker compose config'), as JSON.
  plan       Every AWS resource the component would create, with dependencies and placeholders
             marked; with criticalPath, the expected first-deploy time and what bounds it.
  estimate   The monthly cost of that plan, line by line, from versioned list prices.

Each takes the app as composeYaml (text), path (a compose file or a directory) or files, plus
mode, region and stack with the defaults of the other commands (affordable; $AWS_REGION, else
$AWS_DEFAULT_REGION, else us-east-1; dev).
Register it in an assistant's MCP configuration: command 'node', arguments
'<this repository>/bin/provider/src/cli/main.js mcp' (after npm ci && npm run build); see the
README.

Options:
  -h, --help             This help.

Exit codes: 0 the client closed the connection, 2 bad options.`;

export async function runMcp(argv: string[]): Promise<number> {
    parseArgs(argv, []);
    // Loaded on use: the SDK is only needed here.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { serveStdio } = require("../../mcp/server") as typeof import("../../mcp/server");
    await serveStdio();
    return 0;
}

export const mcpCommand: Command = {
    name: "mcp",
    summary: "Serve validate, render, plan and estimate to AI assistants (MCP over stdio)",
    usage: USAGE,
    run: (argv) => runMcp(argv),
};
