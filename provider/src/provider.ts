// The Pulumi resource provider plugin `pulumi-resource-defang`: serves schema.json and builds the
// package's components when a program in any language asks the engine for them (`construct`).
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as provider from "@pulumi/pulumi/provider";
import { PROJECT_OUTPUTS, PROJECT_TOKEN } from "./schema-types";

/** What `construct` needs to know about one component token. */
export interface ComponentEntry {
    /** Builds the component from inputs shaped as its TypeScript args (see `toComponentArgs`). */
    create(name: string, args: Record<string, unknown>, opts: pulumi.ComponentResourceOptions): pulumi.ComponentResource;
    /** Public output properties, exactly the schema's `properties` of the token. */
    outputs: readonly string[];
    /** How inputs are unwrapped for the component (see `toComponentArgs`). */
    inputs: InputShape;
}

/** Which inputs the component reads while deciding its resource graph, and which hold secrets. */
export interface InputShape {
    /** Inputs marked `plain` in the schema. */
    plain: readonly string[];
    /** Plain fields inside object inputs that are not plain themselves (`domain.name`). */
    plainFields: Readonly<Record<string, readonly string[]>>;
    /** Map inputs whose every value is a secret, whatever the caller sent. */
    secretMaps: readonly string[];
}

type ComponentClass = new (name: string, args: any, opts?: pulumi.ComponentResourceOptions) => pulumi.ComponentResource;

// Loaded on first construct, so answering GetSchema does not load the AWS SDK.
function projectClass(): ComponentClass {
    return require("./project").Project as ComponentClass;
}

/** Token → component. Every component token of schema.json has an entry (checked by tests/provider). */
export const COMPONENTS: Record<string, ComponentEntry> = {
    [PROJECT_TOKEN]: {
        create: (name, args, opts) => new (projectClass())(name, args, opts),
        outputs: PROJECT_OUTPUTS,
        inputs: {
            plain: ["composeFiles", "composeYaml", "workingDir", "projectName", "mode", "environment", "profiles", "vpc", "tags"],
            plainFields: { domain: ["name"] },
            secretMaps: ["config"],
        },
    },
};

/** The directory that holds package.json and schema.json (repo root, or the unpacked plugin archive). */
export function packageRoot(from: string = __dirname): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "schema.json")) && fs.existsSync(path.join(dir, "package.json"))) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            throw new Error(`pulumi-resource-defang: no schema.json and package.json above ${from}`);
        }
    }
}

export class DefangProvider implements provider.Provider {
    readonly version: string;
    private readonly schemaText: string;

    constructor(root: string = packageRoot()) {
        this.version = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
        const schema = JSON.parse(fs.readFileSync(path.join(root, "schema.json"), "utf8"));
        // The plugin's own version is the truth: an SDK generated from this schema asks for it.
        schema.version = this.version;
        this.schemaText = JSON.stringify(schema);
    }

    async getSchema(): Promise<string> {
        return this.schemaText;
    }

    async construct(
        name: string,
        type: string,
        inputs: pulumi.Inputs,
        options: pulumi.ComponentResourceOptions,
    ): Promise<provider.ConstructResult> {
        const entry = COMPONENTS[type];
        if (!entry) {
            throw new Error(`unknown resource type ${type}; this provider constructs ${Object.keys(COMPONENTS).join(", ")}`);
        }
        const args = await toComponentArgs(inputs, entry.inputs);
        const component = entry.create(name, args, options);
        const state: Record<string, unknown> = {};
        for (const key of entry.outputs) {
            state[key] = (component as unknown as Record<string, unknown>)[key];
        }
        return { urn: component.urn, state };
    }
}

// Internal members of every Output (stable across @pulumi/pulumi 3.x; the SDK's own generated code uses them).
interface OutputInternals {
    promise(withUnknowns?: boolean): Promise<unknown>;
}

/**
 * Inputs arrive from the engine as plain values, or as one Output when the program sent a secret or a
 * value with dependencies (the SDKs send `config` as one secret map). The component must know which
 * keys a map has and every plain value before it can decide its resources, so unwrap such an Output:
 * plain inputs become their value; maps and objects keep their keys and get each field back as an
 * Output of the original, which keeps the secret flag and the dependencies. Values of secret maps are
 * made secret here too, so a caller that forgot to mark them (YAML, a raw engine client) leaks nothing.
 */
export async function toComponentArgs(inputs: pulumi.Inputs, shape: InputShape): Promise<Record<string, unknown>> {
    const args: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(inputs)) {
        const arg = pulumi.Output.isInstance(value) ? await unwrap(key, value, shape) : value;
        if (arg === undefined || arg === null) {
            continue;
        }
        checkPlain(key, arg, shape);
        args[key] = shape.secretMaps.includes(key) ? secretValues(key, arg) : arg;
    }
    return args;
}

async function unwrap(key: string, value: pulumi.Output<any>, shape: InputShape): Promise<unknown> {
    const resolved = await (value as unknown as OutputInternals).promise(true);
    const plain = shape.plain.includes(key);
    if (pulumi.isUnknown(resolved) || (plain && pulumi.containsUnknowns(resolved))) {
        throw new Error(`${key} must be known when the program runs, because it decides which resources exist; ` +
            (plain ? "it cannot come from another resource's outputs" : "pass a map or object literal (its values may be outputs) instead of one output"));
    }
    if (resolved === undefined || resolved === null || plain) {
        return resolved;
    }
    if (typeof resolved !== "object" || Array.isArray(resolved)) {
        return value;
    }
    const plainFields = shape.plainFields[key] ?? [];
    const fields: Record<string, unknown> = {};
    for (const [field, fieldValue] of Object.entries(resolved)) {
        if (plainFields.includes(field)) {
            fields[field] = fieldValue;
        } else {
            fields[field] = value.apply((whole: any) => whole[field]);
        }
    }
    return fields;
}

/** Plain inputs and plain fields hold no output and no unknown (the engine may nest them in a plain object). */
function checkPlain(key: string, arg: unknown, shape: InputShape): void {
    const plainPaths = shape.plain.includes(key)
        ? [{ path: key, value: arg }]
        : (shape.plainFields[key] ?? []).map((field) => ({ path: `${key}.${field}`, value: (arg as Record<string, unknown>)[field] }));
    for (const { path: where, value } of plainPaths) {
        if (hasOutputs(value)) {
            throw new Error(`${where} must be known when the program runs, because it decides which resources exist; ` +
                "it cannot come from another resource's outputs");
        }
    }
}

function hasOutputs(value: unknown): boolean {
    if (pulumi.Output.isInstance(value) || pulumi.isUnknown(value)) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(hasOutputs);
    }
    return typeof value === "object" && value !== null && Object.values(value).some(hasOutputs);
}

function secretValues(key: string, map: unknown): Record<string, pulumi.Output<unknown>> {
    if (typeof map !== "object" || map === null || Array.isArray(map) || pulumi.Output.isInstance(map)) {
        throw new Error(`${key} must be a map of names to string values`);
    }
    const secrets: Record<string, pulumi.Output<unknown>> = {};
    for (const [name, value] of Object.entries(map)) {
        secrets[name] = pulumi.secret(value);
    }
    return secrets;
}

/** Runs the plugin: the engine starts it and talks to it over gRPC. */
export function main(argv: string[] = process.argv.slice(2)): Promise<void> {
    return provider.main(new DefangProvider(), argv);
}

if (require.main === module) {
    main().catch((err) => {
        console.error(err instanceof Error ? err.message : String(err));
        process.exit(1);
    });
}
