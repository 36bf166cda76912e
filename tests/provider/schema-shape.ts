// Two views of the same API in one small type language, so the drift test can compare them:
// schema.json as the component receives it, and the interfaces of provider/src/schema-types.ts.
// Grammar: string | number | boolean | <TypeName> | T[] | map<T> | input<T>.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

export const ROOT = path.resolve(__dirname, "../..");
export const SCHEMA_PATH = path.join(ROOT, "schema.json");
export const SCHEMA_TYPES_PATH = path.join(ROOT, "provider/src/schema-types.ts");

export interface TypeSpec {
    type?: string;
    $ref?: string;
    items?: TypeSpec;
    additionalProperties?: TypeSpec;
    plain?: boolean;
}
export interface PropertySpec extends TypeSpec {
    description?: string;
    secret?: boolean;
}
export interface ObjectSpec {
    type: string;
    description?: string;
    properties?: Record<string, PropertySpec>;
    required?: string[];
    enum?: { name: string; value: string; description?: string }[];
}
export interface ResourceSpec {
    isComponent?: boolean;
    description?: string;
    inputProperties: Record<string, PropertySpec>;
    requiredInputs?: string[];
    properties: Record<string, PropertySpec>;
    required?: string[];
}
export interface PackageSpec {
    name: string;
    version: string;
    types: Record<string, ObjectSpec>;
    resources: Record<string, ResourceSpec>;
    language: Record<string, Record<string, unknown>>;
}

export function loadSchema(): PackageSpec {
    return JSON.parse(fs.readFileSync(SCHEMA_PATH, "utf8"));
}

/** One member of an interface or object type: its type in the common language, and whether it may be absent. */
export interface Member {
    type: string;
    optional: boolean;
}
export type Shape = Record<string, Member>;

/** How the TS contract names a schema type: objects get `Args` as inputs and `Output` as outputs; enums keep their name. */
export function tsName(schema: PackageSpec, ref: string, usage: "input" | "output"): string {
    const token = ref.replace(/^#\/types\//, "");
    const name = token.split(":")[2];
    if (schema.types[token]?.type !== "object") return name;
    return usage === "input" ? `${name}Args` : `${name}Output`;
}

/** A schema type in the common language. `topLevel`: a resource input, which the provider unwraps one level. */
export function schemaType(schema: PackageSpec, spec: TypeSpec, usage: "input" | "output", topLevel = false): string {
    let inner: string;
    // Maps and objects: the provider hands the component their keys (an array stays one output).
    let keyed = false;
    if (spec.$ref) {
        inner = tsName(schema, spec.$ref, usage);
        keyed = schema.types[spec.$ref.replace(/^#\/types\//, "")]?.type === "object";
    } else if (spec.type === "array") {
        inner = `${schemaType(schema, spec.items!, usage)}[]`;
    } else if (spec.type === "object") {
        inner = `map<${schemaType(schema, spec.additionalProperties!, usage)}>`;
        keyed = true;
    } else {
        inner = spec.type === "integer" ? "number" : spec.type!;
    }
    const wrapped = usage === "input" && !spec.plain && !(topLevel && keyed);
    return wrapped ? `input<${inner}>` : inner;
}

export function schemaShape(
    schema: PackageSpec,
    properties: Record<string, PropertySpec>,
    required: string[] | undefined,
    usage: "input" | "output",
    topLevel = false,
): Shape {
    const shape: Shape = {};
    for (const [name, spec] of Object.entries(properties)) {
        shape[name] = { type: schemaType(schema, spec, usage, topLevel), optional: !(required ?? []).includes(name) };
    }
    return shape;
}

/** The interfaces of a TypeScript file, member by member, in the common language. */
export function tsInterfaces(file: string): Record<string, Shape> {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const interfaces: Record<string, Shape> = {};
    for (const statement of source.statements) {
        if (!ts.isInterfaceDeclaration(statement)) {
            continue;
        }
        const shape: Shape = {};
        for (const member of statement.members) {
            if (ts.isPropertySignature(member) && member.type) {
                shape[member.name.getText(source)] = { type: tsType(member.type, source), optional: !!member.questionToken };
            }
        }
        interfaces[statement.name.text] = shape;
    }
    return interfaces;
}

function tsType(node: ts.TypeNode, source: ts.SourceFile): string {
    if (ts.isArrayTypeNode(node)) {
        return `${tsType(node.elementType, source)}[]`;
    }
    if (ts.isTypeReferenceNode(node)) {
        const name = node.typeName.getText(source);
        const args = node.typeArguments ?? [];
        if (name === "pulumi.Input" && args.length === 1) {
            return `input<${tsType(args[0], source)}>`;
        }
        if (name === "Record" && args.length === 2 && args[0].getText(source) === "string") {
            return `map<${tsType(args[1], source)}>`;
        }
        return args.length === 0 ? name : `${name}<?>`;
    }
    return node.getText(source);
}
