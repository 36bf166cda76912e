// Bundles a compiled entry point (bin/provider/src/…) and everything it requires from node_modules into
// one minified JavaScript file with esbuild, so the plugin archive ships one file instead of a
// node_modules tree (28 MB archive, 26,000 files, 180 MB installed before; see DESIGN.md § plugin).
//
// What a bundle cannot carry, and how it is handled:
//  - @pulumi/pulumi's closure serialization (runtime/closure/serializeClosure, codePaths) pulls in the
//    TypeScript compiler and npm's arborist at load time; nothing here serializes functions (no dynamic
//    providers, no lambdas from closures), so both modules are replaced by stubs that fail loudly if
//    that ever changes.
//  - Data read from disk at run time: only schema.json and package.json (provider.ts packageRoot);
//    dist.js puts them beside the bundle. JSON the code imports (compose schema, prices) is bundled.
//  - @grpc/grpc-js and protobuf are plain JavaScript: no native module to ship.
//  - Licences: every bundled package's licence text goes into THIRD_PARTY_LICENSES beside the bundle.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "../../..");

// Modules of @pulumi/pulumi that only closure serialization uses (loaded eagerly by runtime/index.js).
const STUBBED = [/[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]closure[\\/](serializeClosure|codePaths)\.js$/];

const STUB_SOURCE = `
module.exports = new Proxy({}, {
    get(_, key) {
        if (key === "__esModule" || typeof key === "symbol") return undefined;
        return () => { throw new Error("pulumi-resource-defang: " + String(key) + " (function serialization) is not part of the bundled plugin"); };
    },
});`;

/** esbuild plugin: serve STUBBED modules from STUB_SOURCE instead of their files. */
const stubs = {
    name: "defang-stubs",
    setup(build) {
        build.onLoad({ filter: /[\\/]closure[\\/](serializeClosure|codePaths)\.js$/ }, (args) =>
            STUBBED.some((re) => re.test(args.path)) ? { contents: STUB_SOURCE, loader: "js" } : undefined,
        );
    },
};

// @pulumi/aws's index loads all of its ~240 service modules (8 MB once minified); the provider uses a
// handful. The bundle keeps the services the compiled code names (`aws.<service>.`, found by
// usedAwsServices) and replaces the others by a module that fails loudly when touched.
const AWS_INDEX = /[\\/]@pulumi[\\/]aws[\\/]index\.js$/;
const AWS_SERVICE = /^const (\w+) = __importStar\(require\("\.\/(\w+)"\)\);$/gm;

function usedAwsServices(dir) {
    const used = new Set(["types"]);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
        if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
        const text = fs.readFileSync(path.join(entry.parentPath ?? entry.path, entry.name), "utf8");
        for (const match of text.matchAll(/\baws\.([a-z][a-z0-9]*)\b/g)) used.add(match[1]);
    }
    return used;
}

function awsTrim(used) {
    return {
        name: "defang-aws-services",
        setup(build) {
            build.onLoad({ filter: AWS_INDEX }, (args) => {
                const source = fs.readFileSync(args.path, "utf8");
                const isService = (file) => fs.existsSync(path.join(path.dirname(args.path), file, "index.js"));
                const trimmed = source.replace(AWS_SERVICE, (line, name, file) =>
                    used.has(name) || !isService(file)
                        ? line
                        : `const ${name} = new Proxy({}, { get(_, k) { if (k === "__esModule" || typeof k === "symbol") return undefined; throw new Error("pulumi-resource-defang: @pulumi/aws's ${file} module is not bundled (bundle.js keeps the services the provider names)"); } });`,
                );
                return { contents: trimmed, loader: "js" };
            });
        },
    };
}

/**
 * Bundles `entry` (a compiled .js file) into `outfile`; returns the bundled packages (name@version →
 * package directory) for the licence file.
 */
async function bundle(entry, outfile) {
    const esbuild = require("esbuild");
    const result = await esbuild.build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        platform: "node",
        target: "node20",
        format: "cjs",
        // Smaller and faster to parse; names are kept so errors and stack traces stay readable.
        minify: true,
        keepNames: true,
        legalComments: "none",
        metafile: true,
        logLevel: "warning",
        plugins: [stubs, awsTrim(usedAwsServices(path.join(root, "bin/provider/src")))],
    });
    const warnings = result.warnings.length;
    if (warnings > 0) throw new Error(`esbuild reported ${warnings} warning(s) bundling ${entry}`);
    return bundledPackages(result.metafile);
}

function bundledPackages(metafile) {
    const packages = new Map();
    for (const input of Object.keys(metafile.inputs)) {
        const match = /^(.*node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(input);
        if (!match) continue;
        const dir = path.resolve(root, match[1]);
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
        packages.set(`${pkg.name}@${pkg.version}`, dir);
    }
    return packages;
}

/** THIRD_PARTY_LICENSES: each bundled package with its licence text (or its declared licence). */
function licenceText(packages) {
    const parts = ["Third-party software bundled in this file's directory (provider.js), with its licences.\n"];
    for (const [id, dir] of [...packages.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const file = fs.readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
        const declared = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).license ?? "see the package";
        const text = file ? fs.readFileSync(path.join(dir, file), "utf8").trim() : `License: ${declared}`;
        parts.push(`${"=".repeat(78)}\n${id}\n${"-".repeat(78)}\n${text}\n`);
    }
    return parts.join("\n");
}

module.exports = { bundle, licenceText };

// `node bundle.js ENTRY.js OUTFILE.js`: one bundle (e.g. the CLI for the npm package) and its
// THIRD_PARTY_LICENSES beside it.
if (require.main === module) {
    const [entry, outfile] = process.argv.slice(2);
    if (!entry || !outfile) {
        console.error("usage: node bundle.js ENTRY.js OUTFILE.js");
        process.exit(2);
    }
    bundle(path.resolve(entry), path.resolve(outfile))
        .then((packages) => fs.writeFileSync(path.join(path.dirname(path.resolve(outfile)), "THIRD_PARTY_LICENSES"), licenceText(packages)))
        .catch((err) => {
            console.error(`bundle: ${err.message}`);
            process.exit(1);
        });
}
