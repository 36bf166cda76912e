// The optional usage file: monthly figures the resource graph cannot know (traffic, log volume,
// tokens). Every key is optional and defaults to zero, so an estimate without a usage file prices
// fixed costs only and says "+ usage". YAML or JSON; errors carry file, line and column.
import * as fs from "fs";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { Diagnostic } from "../compose/types";

/** The usage file's diagnostic codes (kebab-case like every other layer's; see tests/unit/diagnostic-codes.test.ts). */
export const USAGE_CODES = ["usage-read", "usage-syntax", "usage-shape", "usage-value", "usage-unknown-key"] as const;
export type UsageCode = (typeof USAGE_CODES)[number];

export interface BedrockUsage {
    /** Bedrock model id, e.g. `anthropic.claude-3-haiku-20240307-v1:0`. */
    model: string;
    inputTokens: number;
    outputTokens: number;
    /** USD per million tokens, for models the price data does not have. */
    inputPricePerMillion?: number;
    outputPricePerMillion?: number;
}

export interface Usage {
    loadBalancer: {
        /** Average load balancer capacity units per hour; wins over the traffic figures below. */
        lcuPerHour?: number;
        newConnectionsPerSecond: number;
        activeConnectionsPerMinute: number;
        processedGBPerHour: number;
        ruleEvaluationsPerSecond: number;
    };
    natGateway: { processedGB: number };
    logs: { ingestedGB: number; storedGB: number };
    dns: { queriesMillions: number };
    internetEgressGB: number;
    documentdb: { storageGB: number; ioMillions: number };
    ecr: { storageGB: number };
    /** Every EFS volume together: GB stored per class, GB read and written (Elastic Throughput), GB of AWS Backup copies. */
    efs: { standardGB: number; infrequentAccessGB: number; infrequentAccessReadGB: number; readGB: number; writeGB: number; backupGB: number };
    /** Every `x-defang-s3` bucket together: GB stored (all versions), thousands of PUT/COPY/POST/LIST and of GET requests. */
    s3: { storageGB: number; putThousands: number; getThousands: number };
    /** Every static site together: GB served to viewers and millions of HTTPS requests. */
    cloudfront: { egressGB: number; requestsMillions: number };
    bedrock: BedrockUsage[];
    /** Fargate Spot discount used for the estimate (default: the price data's figure, 0.70). */
    spotDiscount?: number;
}

export function emptyUsage(): Usage {
    return {
        loadBalancer: { newConnectionsPerSecond: 0, activeConnectionsPerMinute: 0, processedGBPerHour: 0, ruleEvaluationsPerSecond: 0 },
        natGateway: { processedGB: 0 },
        logs: { ingestedGB: 0, storedGB: 0 },
        dns: { queriesMillions: 0 },
        internetEgressGB: 0,
        documentdb: { storageGB: 0, ioMillions: 0 },
        ecr: { storageGB: 0 },
        efs: { standardGB: 0, infrequentAccessGB: 0, infrequentAccessReadGB: 0, readGB: 0, writeGB: 0, backupGB: 0 },
        s3: { storageGB: 0, putThousands: 0, getThousands: 0 },
        cloudfront: { egressGB: 0, requestsMillions: 0 },
        bedrock: [],
    };
}

/** The keys the file may hold: section → field → kind. Documented in the README. */
const SCHEMA: Record<string, Record<string, "number" | "fraction"> | "number" | "fraction" | "bedrock"> = {
    loadBalancer: { lcuPerHour: "number", newConnectionsPerSecond: "number", activeConnectionsPerMinute: "number", processedGBPerHour: "number", ruleEvaluationsPerSecond: "number" },
    natGateway: { processedGB: "number" },
    logs: { ingestedGB: "number", storedGB: "number" },
    dns: { queriesMillions: "number" },
    internetEgressGB: "number",
    documentdb: { storageGB: "number", ioMillions: "number" },
    ecr: { storageGB: "number" },
    efs: { standardGB: "number", infrequentAccessGB: "number", infrequentAccessReadGB: "number", readGB: "number", writeGB: "number", backupGB: "number" },
    s3: { storageGB: "number", putThousands: "number", getThousands: "number" },
    cloudfront: { egressGB: "number", requestsMillions: "number" },
    bedrock: "bedrock",
    spotDiscount: "fraction",
};

const BEDROCK_FIELDS = ["model", "inputTokens", "outputTokens", "inputPricePerMillion", "outputPricePerMillion"];

export interface UsageResult {
    usage: Usage;
    diagnostics: Diagnostic[];
}

export function loadUsageFile(file: string): UsageResult {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        return { usage: emptyUsage(), diagnostics: [{ severity: "error", code: "usage-read" satisfies UsageCode, message: `cannot read usage file: ${(e as Error).message}`, hint: "pass an existing YAML or JSON file to --usage", file }] };
    }
    return parseUsage(text, file);
}

export function parseUsage(text: string, file = "usage.yaml"): UsageResult {
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
    const diagnostics: Diagnostic[] = [];
    const at = (node: Node | null | undefined) => {
        const off = node?.range?.[0] ?? 0;
        const p = lc.linePos(off);
        return { file, line: p.line, column: p.col };
    };
    const err = (node: Node | null | undefined, code: UsageCode, message: string, hint: string) =>
        diagnostics.push({ severity: "error", code, message, hint, ...at(node) });

    for (const e of doc.errors) {
        const p = lc.linePos(e.pos[0]);
        diagnostics.push({ severity: "error", code: "usage-syntax" satisfies UsageCode, message: e.message.split("\n")[0], hint: "fix the YAML/JSON syntax", file, line: p.line, column: p.col });
    }
    const usage = emptyUsage();
    if (diagnostics.length) return { usage, diagnostics };
    const root = doc.contents;
    if (root === null || root === undefined) return { usage, diagnostics };
    if (!isMap(root)) {
        err(root, "usage-shape", "the usage file must be a mapping", `start with a key such as 'logs:'; known keys: ${Object.keys(SCHEMA).join(", ")}`);
        return { usage, diagnostics };
    }
    const num = (node: Node | null | undefined, path: string, fraction: boolean): number | undefined => {
        const v = isScalar(node) ? node.value : undefined;
        if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || (fraction && v >= 1)) {
            err(node, "usage-value", `'${path}' must be ${fraction ? "a fraction from 0 to below 1" : "a number ≥ 0"}`, fraction ? "e.g. 0.7 for 70 % off" : "monthly figures are plain numbers, e.g. 12.5");
            return undefined;
        }
        return v;
    };
    const target = usage as unknown as Record<string, unknown>;
    for (const pair of root.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : "";
        const kind = SCHEMA[key];
        const keyNode = pair.key as Node;
        if (!kind) {
            err(keyNode, "usage-unknown-key", `unknown usage key '${key}'`, `known keys: ${Object.keys(SCHEMA).join(", ")}`);
            continue;
        }
        const value = pair.value as Node | null;
        if (kind === "number" || kind === "fraction") {
            const v = num(value, key, kind === "fraction");
            if (v !== undefined) target[key] = v;
        } else if (kind === "bedrock") {
            readBedrock(value, usage, err, num);
        } else if (!isMap(value)) {
            err(value ?? keyNode, "usage-shape", `'${key}' must be a mapping`, `known fields: ${Object.keys(kind).join(", ")}`);
        } else {
            const section = target[key] as Record<string, unknown>;
            for (const inner of value.items) {
                const field = isScalar(inner.key) ? String(inner.key.value) : "";
                if (!(field in kind)) {
                    err(inner.key as Node, "usage-unknown-key", `unknown usage key '${key}.${field}'`, `known fields of '${key}': ${Object.keys(kind).join(", ")}`);
                    continue;
                }
                const v = num(inner.value as Node, `${key}.${field}`, kind[field] === "fraction");
                if (v !== undefined) section[field] = v;
            }
        }
    }
    return { usage, diagnostics };
}

type Err = (node: Node | null | undefined, code: UsageCode, message: string, hint: string) => void;
type Num = (node: Node | null | undefined, path: string, fraction: boolean) => number | undefined;

function readBedrock(value: Node | null, usage: Usage, err: Err, num: Num): void {
    if (!isSeq(value)) {
        err(value, "usage-shape", "'bedrock' must be a list of models", "e.g. bedrock: [{ model: anthropic.claude-3-haiku-20240307-v1:0, inputTokens: 2000000, outputTokens: 500000 }]");
        return;
    }
    value.items.forEach((item, i) => {
        if (!isMap(item)) {
            err(item as Node, "usage-shape", `'bedrock[${i}]' must be a mapping`, "give model, inputTokens and outputTokens");
            return;
        }
        const entry: Record<string, unknown> = { inputTokens: 0, outputTokens: 0 };
        for (const pair of item.items) {
            const field = isScalar(pair.key) ? String(pair.key.value) : "";
            if (!BEDROCK_FIELDS.includes(field)) {
                err(pair.key as Node, "usage-unknown-key", `unknown usage key 'bedrock[${i}].${field}'`, `known fields: ${BEDROCK_FIELDS.join(", ")}`);
            } else if (field === "model") {
                const v = isScalar(pair.value) ? pair.value.value : undefined;
                if (typeof v === "string" && v) entry.model = v;
                else err(pair.value as Node, "usage-value", `'bedrock[${i}].model' must be a model id`, "e.g. anthropic.claude-3-haiku-20240307-v1:0");
            } else {
                const v = num(pair.value as Node, `bedrock[${i}].${field}`, false);
                if (v !== undefined) entry[field] = v;
            }
        }
        if (typeof entry.model !== "string") err(item as Node, "usage-value", `'bedrock[${i}]' has no model`, "add model: <Bedrock model id>");
        else usage.bedrock.push(entry as unknown as BedrockUsage);
    });
}
