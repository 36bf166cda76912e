// The Pulumi resource provider plugin `pulumi-resource-defang`: serves schema.json, builds the
// package's components when a program in any language asks the engine for them (`construct`), and
// runs the internal custom resources the component creates (resources/: check, diff, create, read,
// update, delete — e.g. defang:index:ImageBuild, an image build during `pulumi up`).
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as provider from "@pulumi/pulumi/provider";
import { CustomResourceHandler, customResource, customResourceTypes, loadedCustomResources } from "./resources";
import { typeOfUrn } from "./resources/wire";
import { findingsError, isFindingsCheck } from "./findings";
import { PROJECT_OUTPUTS, PROJECT_TOKEN, ProjectArgs } from "./schema-types";

/** What `construct` needs to know about one component token. */
export interface ComponentEntry {
    /** Builds the component from inputs shaped as its TypeScript args (see `toComponentArgs`). */
    create(name: string, args: Record<string, unknown>, opts: pulumi.ComponentResourceOptions): pulumi.ComponentResource;
    /** Public output properties, exactly the schema's `properties` of the token (checked by tests/provider). */
    outputs: readonly string[];
}

// Loaded on first construct, so answering GetSchema does not load the AWS SDK.
function projectClass(): typeof import("./project").Project {
    return (require("./project") as typeof import("./project")).Project;
}

/** Token → component. Every component token of schema.json has an entry (checked by tests/provider). */
export const COMPONENTS: Record<string, ComponentEntry> = {
    [PROJECT_TOKEN]: {
        // args: checked against the schema by toComponentArgs; ProjectArgs mirrors the schema (drift test).
        create: (name, args, opts) => new (projectClass())(name, args as ProjectArgs, opts),
        outputs: PROJECT_OUTPUTS,
    },
};

/** The parts of schema.json this provider reads. */
export interface SchemaSpec {
    version?: string;
    types: Record<string, { type: string; properties?: Record<string, PropertySpec>; required?: string[] }>;
    resources: Record<string, { inputProperties: Record<string, PropertySpec>; properties: Record<string, PropertySpec> }>;
}
interface PropertySpec {
    $ref?: string;
    type?: string;
    plain?: boolean;
    secret?: boolean;
}

/** How a component's inputs are unwrapped and checked, read off its schema (see `toComponentArgs`). */
export interface InputShape {
    /** Inputs marked `plain`: the component reads them while deciding its resource graph. */
    plain: readonly string[];
    /** Plain fields inside object inputs that are not plain themselves (`domain.name`). */
    plainFields: Readonly<Record<string, readonly string[]>>;
    /** Required fields of object inputs (`network.vpcId`). */
    requiredFields: Readonly<Record<string, readonly string[]>>;
    /** Map inputs whose every value is a secret, whatever the caller sent. */
    secretMaps: readonly string[];
}

export function inputShape(schema: SchemaSpec, token: string): InputShape {
    const shape = { plain: [] as string[], plainFields: {} as Record<string, string[]>, requiredFields: {} as Record<string, string[]>, secretMaps: [] as string[] };
    for (const [key, spec] of Object.entries(schema.resources[token].inputProperties)) {
        if (spec.plain) shape.plain.push(key);
        if (spec.secret) shape.secretMaps.push(key);
        const object = spec.$ref ? schema.types[spec.$ref.replace(/^#\/types\//, "")] : undefined;
        if (object?.type !== "object") continue;
        const plainFields = Object.keys(object.properties ?? {}).filter((field) => object.properties![field].plain);
        if (!spec.plain && plainFields.length > 0) shape.plainFields[key] = plainFields;
        if ((object.required ?? []).length > 0) shape.requiredFields[key] = object.required!;
    }
    return shape;
}

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
    private readonly shapes: Record<string, InputShape> = {};

    constructor(root: string = packageRoot()) {
        this.version = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
        const schema: SchemaSpec = JSON.parse(fs.readFileSync(path.join(root, "schema.json"), "utf8"));
        // The plugin's own version is the truth: an SDK generated from this schema asks for it.
        schema.version = this.version;
        this.schemaText = JSON.stringify(schema);
        for (const token of Object.keys(COMPONENTS)) {
            this.shapes[token] = inputShape(schema, token);
        }
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
        const args = await toComponentArgs(type, inputs, this.shapes[type]);
        const component = entry.create(name, args, options);
        const state: Record<string, unknown> = {};
        for (const key of entry.outputs) {
            state[key] = (component as unknown as Record<string, unknown>)[key];
        }
        return { urn: component.urn, state };
    }

    // ----- custom resources (resources/index.ts) -----

    async check(urn: string, olds: unknown, news: unknown): Promise<provider.CheckResult> {
        // The component's findings resource fails here, which stops the deployment (findings.ts).
        if (isFindingsCheck(typeOfUrn(urn))) throw findingsError(news);
        return handlerFor(urn).check(olds, news);
    }

    async diff(id: string, urn: string, olds: unknown, news: unknown): Promise<provider.DiffResult> {
        return handlerFor(urn).diff(id, olds, news);
    }

    async create(urn: string, inputs: unknown): Promise<provider.CreateResult> {
        return handlerFor(urn).create(inputs);
    }

    async read(id: string, urn: string, props?: unknown): Promise<provider.ReadResult> {
        return handlerFor(urn).read(id, props ?? {});
    }

    async update(id: string, urn: string, olds: unknown, news: unknown): Promise<provider.UpdateResult> {
        return handlerFor(urn).update(id, olds, news);
    }

    async delete(id: string, urn: string, props: unknown): Promise<void> {
        return handlerFor(urn).delete(id, props);
    }

    async cancel(): Promise<void> {
        await Promise.all(loadedCustomResources().map((h) => h.cancel?.()));
    }
}

function handlerFor(urn: string): CustomResourceHandler {
    const type = typeOfUrn(urn);
    const handler = customResource(type);
    if (!handler) {
        throw new Error(`unknown resource type ${type}; this provider implements the custom resources ${customResourceTypes().join(", ")} and constructs ${Object.keys(COMPONENTS).join(", ")}`);
    }
    return handler;
}

// Internal members of every Output (stable across @pulumi/pulumi 3.x; the SDKs' generated code uses them).
interface OutputInternals {
    promise(withUnknowns?: boolean): Promise<unknown>;
}

const MUST_BE_KNOWN = "must be known when the program runs, because it decides which resources exist";

/**
 * Inputs arrive from the engine as plain values, or as one Output when the program sent a secret or a
 * value with dependencies (the SDKs send `config` as one secret map). The component must know which
 * keys a map has and every plain value before it can decide its resources, so unwrap such an Output:
 * plain inputs become their value; maps and objects keep their keys and get each field back as an
 * Output of the original, which keeps the secret flag and the dependencies. Values of secret maps are
 * made secret here too, so a caller that forgot to mark them (YAML, a raw engine client) leaks nothing.
 * Every problem is reported at once, per property, the way the engine prints input errors.
 */
export async function toComponentArgs(token: string, inputs: pulumi.Inputs, shape: InputShape): Promise<Record<string, unknown>> {
    const args: Record<string, unknown> = {};
    const errors: pulumi.InputPropertyErrorDetails[] = [];
    for (const [key, value] of Object.entries(inputs)) {
        if (key === "environment") {
            const env = await environmentArg(value, errors);
            if (env) args[key] = env;
            continue;
        }
        const arg = pulumi.Output.isInstance(value) ? await unwrap(key, value, shape, errors) : value;
        if (arg === undefined || arg === null) {
            continue;
        }
        checkPlain(key, arg, shape, errors);
        checkRequired(key, arg, shape, errors);
        args[key] = shape.secretMaps.includes(key) ? secretValues(key, arg, errors) : arg;
    }
    if (errors.length > 0) {
        throw new pulumi.InputPropertiesError({ message: `invalid inputs for ${token}`, errors });
    }
    return args;
}

async function unwrap(key: string, value: pulumi.Output<any>, shape: InputShape, errors: pulumi.InputPropertyErrorDetails[]): Promise<unknown> {
    const resolved = await (value as unknown as OutputInternals).promise(true);
    const plain = shape.plain.includes(key);
    if (pulumi.isUnknown(resolved)) {
        const hint = plain ? "it cannot come from another resource's outputs" : "pass a map or object literal (its values may be outputs) instead of one output";
        errors.push({ propertyPath: key, reason: `${key} ${MUST_BE_KNOWN}; ${hint}` });
        return undefined;
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
        fields[field] = plainFields.includes(field) ? fieldValue : value.apply((whole: any) => whole[field]);
    }
    return fields;
}

/**
 * `environment` is plain (its values decide resources), except that a secret must stay one: a map
 * sent as one secret makes every value secret, and a value sent as a known secret stays an Output,
 * which the component routes to SSM like a `config` value (project.ts splitEnvironment).
 */
async function environmentArg(value: unknown, errors: pulumi.InputPropertyErrorDetails[]): Promise<Record<string, unknown> | undefined> {
    let map = value;
    let wholeSecret = false;
    if (pulumi.Output.isInstance(value)) {
        map = await (value as unknown as OutputInternals).promise(true);
        wholeSecret = await (value as unknown as { isSecret: Promise<boolean> }).isSecret;
    }
    if (map === undefined || map === null) return undefined;
    if (pulumi.isUnknown(map) || typeof map !== "object" || Array.isArray(map)) {
        errors.push({ propertyPath: "environment", reason: `environment must be a map of names to string values known when the program runs` });
        return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(map as Record<string, unknown>)) {
        if (pulumi.Output.isInstance(v)) {
            const known = await (v as unknown as OutputInternals).promise(true);
            if (pulumi.isUnknown(known)) {
                errors.push({ propertyPath: `environment.${name}`, reason: `environment.${name} ${MUST_BE_KNOWN}; it cannot come from another resource's outputs` });
                continue;
            }
            out[name] = pulumi.secret(v);
        } else {
            out[name] = wholeSecret ? pulumi.secret(v) : v;
        }
    }
    return out;
}

/** Plain inputs and plain fields hold no output and no unknown (the engine may nest them in a plain object). */
function checkPlain(key: string, arg: unknown, shape: InputShape, errors: pulumi.InputPropertyErrorDetails[]): void {
    const plainPaths = shape.plain.includes(key)
        ? [{ where: key, value: arg }]
        : (shape.plainFields[key] ?? []).map((field) => ({ where: `${key}.${field}`, value: (arg as Record<string, unknown>)[field] }));
    for (const { where, value } of plainPaths) {
        if (hasOutputs(value)) {
            errors.push({ propertyPath: where, reason: `${where} ${MUST_BE_KNOWN}; it cannot come from another resource's outputs` });
        }
    }
}

function checkRequired(key: string, arg: unknown, shape: InputShape, errors: pulumi.InputPropertyErrorDetails[]): void {
    const required = shape.requiredFields[key] ?? [];
    const fields = typeof arg === "object" && arg !== null && !pulumi.Output.isInstance(arg) ? (arg as Record<string, unknown>) : undefined;
    const missing = fields ? required.filter((field) => fields[field] === undefined || fields[field] === null) : [];
    for (const field of missing) {
        errors.push({
            propertyPath: `${key}.${field}`,
            reason: `${key}.${field} is required: set ${required.map((f) => `${key}.${f}`).join(", ")} together, or leave ${key} out`,
        });
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

function secretValues(key: string, map: unknown, errors: pulumi.InputPropertyErrorDetails[]): Record<string, pulumi.Output<unknown>> {
    const secrets: Record<string, pulumi.Output<unknown>> = {};
    if (typeof map !== "object" || map === null || Array.isArray(map) || pulumi.Output.isInstance(map)) {
        errors.push({ propertyPath: key, reason: `${key} must be a map of names to string values` });
        return secrets;
    }
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
