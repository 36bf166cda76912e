#!/usr/bin/env node
// Builds the plugin archive dist/pulumi-resource-defang-v<version>-<os>-<arch>.tar.gz that
// `pulumi plugin install resource defang <version> --file <archive>` accepts: the shim at the archive
// root, the compiled provider (bin/provider), schema.json, package.json and the production
// node_modules (the non-dev entries of package-lock.json, copied from the installed tree: no download).
// The code is plain JavaScript, so one archive serves every platform with Node >= 20; the os-arch in
// the name is what Pulumi's plugin download conventions expect.
//
// Usage: node provider/cmd/pulumi-resource-defang/dist.js [--out DIR] [--platform OS-ARCH]...
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const zlib = require("zlib");

const root = path.resolve(__dirname, "../../..");
const PLATFORMS = ["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64"];

function hostPlatform() {
    const os = process.platform === "win32" ? "windows" : process.platform;
    const arch = { x64: "amd64", arm64: "arm64" }[process.arch] || process.arch;
    return `${os}-${arch}`;
}

function parseArgs(argv) {
    const options = { out: path.join(root, "dist"), platforms: [] };
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        const value = argv[++i];
        if (value === undefined) {
            throw new Error(`${flag} needs a value`);
        } else if (flag === "--out") {
            options.out = path.resolve(value);
        } else if (flag === "--platform") {
            if (!PLATFORMS.includes(value)) {
                throw new Error(`unsupported platform ${value}; one of ${PLATFORMS.join(", ")}`);
            }
            options.platforms.push(value);
        } else {
            throw new Error(`unknown option ${flag}; usage: dist.js [--out DIR] [--platform OS-ARCH]...`);
        }
    }
    if (options.platforms.length === 0) {
        options.platforms.push(hostPlatform());
    }
    return options;
}

/** Installed directories of the production dependencies, from the lockfile (nested ones included). */
function productionPackages() {
    const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
    return Object.entries(lock.packages)
        .filter(([where, entry]) => where.startsWith("node_modules/") && !entry.dev && !entry.link)
        .map(([where]) => where)
        .filter((where) => fs.existsSync(path.join(root, where)))
        .sort();
}

function copyPackage(where, stage) {
    const from = path.join(root, where);
    // Nested node_modules hold other lockfile entries, copied on their own (and skipped when dev-only).
    const nested = path.join(from, "node_modules");
    fs.cpSync(from, path.join(stage, where), {
        recursive: true,
        filter: (source) => source !== nested,
    });
}

function stageArchive(stage) {
    const compiled = path.join(root, "bin/provider/src/provider.js");
    if (!fs.existsSync(compiled)) {
        throw new Error(`${path.relative(root, compiled)} is missing: run 'npm run build' first`);
    }
    fs.rmSync(stage, { recursive: true, force: true });
    fs.mkdirSync(stage, { recursive: true });
    const shim = path.join(stage, "pulumi-resource-defang");
    fs.copyFileSync(path.join(__dirname, "pulumi-resource-defang"), shim);
    fs.chmodSync(shim, 0o755);
    fs.cpSync(path.join(root, "bin/provider"), path.join(stage, "bin/provider"), { recursive: true });
    for (const file of ["schema.json", "package.json", "package-lock.json"]) {
        fs.copyFileSync(path.join(root, file), path.join(stage, file));
    }
    for (const where of productionPackages()) {
        copyPackage(where, stage);
    }
}

function main() {
    const options = parseArgs(process.argv.slice(2));
    const version = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
    const stage = path.join(options.out, `.stage-v${version}`);
    stageArchive(stage);
    fs.mkdirSync(options.out, { recursive: true });
    for (const platform of options.platforms) {
        const archive = path.join(options.out, `pulumi-resource-defang-v${version}-${platform}.tar.gz`);
        // Sorted names, a fixed owner and a gzip header without a timestamp (GNU tar + zlib).
        const tarball = execFileSync("tar", ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "-cf", "-", "-C", stage, "."], {
            maxBuffer: 2 ** 31,
        });
        fs.writeFileSync(archive, zlib.gzipSync(tarball));
        console.log(archive);
    }
    fs.rmSync(stage, { recursive: true, force: true });
}

try {
    main();
} catch (err) {
    console.error(`dist: ${err.message}`);
    process.exit(1);
}
