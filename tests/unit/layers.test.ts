// The layers of DESIGN.md: compose/ and plan/ (and the pricing engine and build contexts) are pure — no Pulumi, no AWS
// layer, no component — so they run anywhere (CLI, tests, other tools) and stay snapshot-testable.
// Checked on the import statements of every source file, following relative imports.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../support/shared";

const SRC = path.join(REPO_ROOT, "provider", "src");

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? sourceFiles(p) : e.name.endsWith(".ts") ? [p] : [];
    });
}

/** Module specifiers a file imports (static imports, re-exports and require calls). */
function imports(file: string): string[] {
    const text = fs.readFileSync(file, "utf8");
    const specs: string[] = [];
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^"'`;]*?from\s+["']([^"']+)["']|require\(\s*["']([^"']+)["']\s*\)|import\(\s*["']([^"']+)["']\s*\)/g)) {
        specs.push(m[1] ?? m[2] ?? m[3]);
    }
    return specs;
}

function violations(layer: string, forbidden: (spec: string, resolved: string | undefined) => boolean): string[] {
    const found: string[] = [];
    for (const file of sourceFiles(path.join(SRC, layer))) {
        for (const spec of imports(file)) {
            const resolved = spec.startsWith(".") ? path.relative(SRC, path.resolve(path.dirname(file), spec)) : undefined;
            if (forbidden(spec, resolved)) found.push(`${path.relative(REPO_ROOT, file)} imports ${spec}`);
        }
    }
    return found;
}

const impure = (spec: string, resolved: string | undefined) =>
    spec.startsWith("@pulumi/") ||
    spec.startsWith("@aws-sdk/") ||
    (resolved !== undefined && /^(aws|offline|cli|policy|project|provider|index)(\/|$)/.test(resolved));

describe("layers", () => {
    it("finds the import statements it checks", () => {
        assert.ok(imports(path.join(SRC, "compose", "index.ts")).includes("./loader"));
    });

    for (const layer of ["compose", "plan", "estimate", "build"]) {
        it(`${layer}/ imports nothing from Pulumi, the AWS layer, the component or the CLI`, () => {
            assert.deepEqual(violations(layer, impure), []);
        });
    }

    it("ops/ (the CLI's direct AWS API calls) imports nothing from Pulumi, the AWS layer or the component", () => {
        const bad = violations("ops", (spec, resolved) => spec.startsWith("@pulumi/") || (resolved !== undefined && /^(aws|offline|project|provider|index)(\/|$)/.test(resolved)));
        assert.deepEqual(bad, []);
    });

    it("compose/ does not depend on the plan beyond the mode table", () => {
        const bad = violations("compose", (_spec, resolved) => resolved !== undefined && resolved.startsWith("plan") && resolved !== path.join("plan", "modes"));
        assert.deepEqual(bad, []);
    });
});
