// `pulumi-defang mcp`: a Model Context Protocol server over stdio (the official TypeScript SDK) whose
// tools — validate, render, plan, estimate — let an AI assistant check, plan and price a compose app
// offline. Results are JSON (structured content, and the same JSON as text for older clients).
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { DEFAULTS } from "../cli/common-options";
import { MODES } from "../plan/modes";
import { packageVersion } from "../version";
import { estimateTool, planTool, renderTool, ToolInputError, validateTool } from "./tools";


/** The compose app and where it would run: every tool's input. */
const APP = {
    composeYaml: z.string().optional().describe("The compose file's text (instead of path or files). Relative paths in it (build contexts, env files) resolve against workingDir."),
    path: z.string().optional().describe("A compose file, or a directory to look for compose.yaml / docker-compose.yml in (as docker compose does). Prefer absolute paths."),
    files: z.array(z.string()).optional().describe("Several compose files, merged in order like repeated `docker compose -f`."),
    workingDir: z.string().optional().describe("Directory relative paths are resolved against (default: the server's working directory)."),
    projectName: z.string().optional().describe("Project name (default: COMPOSE_PROJECT_NAME of the env files, else the compose name:, else the directory)."),
    profiles: z.array(z.string()).optional().describe("Compose profiles to activate ('*' activates all)."),
    envFiles: z.array(z.string()).optional().describe("Env files for interpolation (default: .env beside the compose file)."),
    allowFilesOutsideProject: z.boolean().optional().describe("Allow env/label files, includes, extends and build contexts outside the project directory (refused by default)."),
    environment: z.record(z.string(), z.string()).optional().describe("Interpolation variables; they win over env files. The server's own environment is never used."),
    mode: z.enum(MODES).optional().describe(`Deployment mode (default ${DEFAULTS.mode}): affordable, balanced (Spot with an on-demand base, NAT) or high_availability (Multi-AZ, 3 AZs, deletion protection).`),
    region: z.string().optional().describe(`AWS region (default: the server's AWS_REGION, else AWS_DEFAULT_REGION, else ${DEFAULTS.region}).`),
    stack: z.string().optional().describe(`Pulumi stack name: part of config paths /Defang/<project>/<stack>/ and resource names (default ${DEFAULTS.stack}).`),
};

type ToolResult = { content: Array<{ type: "text"; text: string }>; structuredContent: Record<string, unknown>; isError?: boolean };

/** A tool's answer: the JSON as structured content and as text; an error result when it could not run or the app has errors. */
async function answer(work: () => Record<string, unknown> | Promise<Record<string, unknown>>): Promise<ToolResult> {
    let result: Record<string, unknown>;
    try {
        result = await work();
    } catch (err) {
        if (!(err instanceof ToolInputError)) throw err;
        result = { ok: false, error: err.message, diagnostics: [] };
    }
    return { content: [{ type: "text", text: JSON.stringify(result, null, 2) }], structuredContent: result, ...(result.ok === false ? { isError: true } : {}) };
}

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

export function createServer(): McpServer {
    const server = new McpServer({ name: "pulumi-defang", version: packageVersion() ?? "0.0.0" });
    server.registerTool(
        "validate",
        {
            title: "Validate a compose app for AWS",
            description:
                "Loads a Docker Compose app like `docker compose config` and checks it against Defang's rules for AWS " +
                "(ECS on Fargate, managed Postgres/Redis/MongoDB via x-defang-* extensions) and the deployment planner. " +
                "Returns {ok, project, services, errors, warnings, diagnostics:[{file,line,column,severity,code,message,hint}], config}: " +
                "each finding says what to change; `config` names the secrets the deploy reads from SSM.",
            inputSchema: { ...APP, verbose: z.boolean().optional().describe("Also list the fixups applied (info findings).") },
            annotations: READ_ONLY,
        },
        (input) => answer(() => validateTool(input)),
    );
    server.registerTool(
        "render",
        {
            title: "Render the normalized compose project",
            description:
                "The compose app after include/extends/merging, interpolation, profiles and normalization, as `docker compose config` " +
                "prints it, in JSON: {ok, diagnostics, project}. Config references (keys without a value, unresolved ${NAME}) print as ${NAME}.",
            inputSchema: APP,
            annotations: READ_ONLY,
        },
        (input) => answer(() => renderTool(input)),
    );
    server.registerTool(
        "plan",
        {
            title: "Plan the AWS resources (offline)",
            description:
                "Every AWS resource the defang.Project Pulumi component would create for the app, computed offline (no AWS account): " +
                "{ok, diagnostics, project, mode, region, stack, resources:[{type, name, parent, inputs, dependencies:[{type,name,via}], placeholders}], outputs, outputPlaceholders}. " +
                "Secrets are \"[secret]\". `placeholders` are paths of input values made up offline (ids, ARNs, DNS names, account 123456789012) that AWS assigns at deploy. " +
                "With criticalPath: true, also the expected first-deploy time, the chain of resources that bounds it and when each service, store and job is ready.",
            inputSchema: { ...APP, criticalPath: z.boolean().optional().describe("Add `criticalPath`: expected first-deploy time in seconds and what bounds it.") },
            annotations: READ_ONLY,
        },
        (input) => answer(() => planTool(input)),
    );
    server.registerTool(
        "estimate",
        {
            title: "Estimate the monthly AWS cost (offline)",
            description:
                "Prices exactly the resources `plan` returns, from versioned on-demand list prices (USD, 730-hour month): " +
                "{ok, diagnostics, project, mode, region, currency, total, lines:[{service,type,name,description,quantity,unit,unitPrice,monthly}], notes, unpriced, prices}. " +
                "The lines sum to total. Usage-driven costs (load balancer capacity units, NAT GB, logs, DNS queries, egress, Bedrock tokens) count only when `usage` gives them.",
            inputSchema: {
                ...APP,
                usage: z
                    .record(z.string(), z.unknown())
                    .optional()
                    .describe("Usage figures, as in an --usage file: {loadBalancer:{lcuPerHour}, natGateway:{processedGB}, logs:{ingestedGB,storedGB}, dns:{queriesMillions}, internetEgressGB, ecr:{storageGB}, bedrock:[{model,inputTokens,outputTokens}], spotDiscount}."),
            },
            annotations: READ_ONLY,
        },
        (input) => answer(() => estimateTool(input)),
    );
    return server;
}

/** Serves the tools on stdin/stdout until the client closes stdin. Nothing else may write to stdout. */
export async function serveStdio(stdin: NodeJS.ReadableStream = process.stdin, stdout: NodeJS.WritableStream = process.stdout): Promise<void> {
    // Stdout carries the protocol: anything a library logs goes to stderr instead.
    for (const method of ["log", "info", "debug", "warn"] as const) console[method] = (...args: unknown[]) => console.error(...args);
    const server = createServer();
    const transport = new StdioServerTransport(stdin as never, stdout as never);
    const closed = new Promise<void>((resolve) => {
        transport.onclose = () => resolve();
        stdin.once("end", () => void server.close());
        stdin.once("close", () => void server.close());
    });
    await server.connect(transport);
    await closed;
}
