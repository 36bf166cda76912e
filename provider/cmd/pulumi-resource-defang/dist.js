#!/usr/bin/env node
// Builds the plugin archives dist/pulumi-resource-defang-v<version>-<os>-<arch>.tar.gz: the names the
// Pulumi engine downloads from the schema's pluginDownloadURL (GitHub release assets) and that
// `pulumi plugin install resource defang <version> --file <archive>` accepts. Each holds, at its root,
// the launcher (a shell script; pulumi-resource-defang.cmd on Windows), provider.js (the provider and
// its dependencies bundled by esbuild, see bundle.js), schema.json, a minimal package.json (the
// version the plugin reports) and THIRD_PARTY_LICENSES. The code is plain JavaScript run by Node >= 20,
// so the archives differ only in their launcher; the os-arch in the name is what the engine asks for.
//
// Usage: node provider/cmd/pulumi-resource-defang/dist.js [--out DIR] [--platform OS-ARCH | all]...
//        (default: the host's platform)
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const zlib = require("zlib");
const { bundle, licenceText } = require("./bundle");

const root = path.resolve(__dirname, "../../..");
const PLATFORMS = ["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64", "windows-amd64"];

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
        } else if (flag === "--platform" && value === "all") {
            options.platforms.push(...PLATFORMS);
        } else if (flag === "--platform") {
            if (!PLATFORMS.includes(value)) {
                throw new Error(`unsupported platform ${value}; one of ${PLATFORMS.join(", ")} or all`);
            }
            options.platforms.push(value);
        } else {
            throw new Error(`unknown option ${flag}; usage: dist.js [--out DIR] [--platform OS-ARCH|all]...`);
        }
    }
    if (options.platforms.length === 0) {
        options.platforms.push(hostPlatform());
    }
    return options;
}

/** Stages what every archive shares (everything but the launcher) in `stage`. */
async function stageCommon(stage, pkg) {
    const compiled = path.join(root, "bin/provider/src/provider.js");
    if (!fs.existsSync(compiled)) {
        throw new Error(`${path.relative(root, compiled)} is missing: run 'npm run build' first`);
    }
    fs.rmSync(stage, { recursive: true, force: true });
    fs.mkdirSync(stage, { recursive: true });
    const packages = await bundle(compiled, path.join(stage, "provider.js"));
    fs.writeFileSync(path.join(stage, "THIRD_PARTY_LICENSES"), licenceText(packages));
    fs.copyFileSync(path.join(root, "schema.json"), path.join(stage, "schema.json"));
    // provider.ts and aws/build-image.ts read the name and version; nothing is installed from it.
    const manifest = { name: pkg.name, version: pkg.version, description: pkg.description, license: pkg.license, engines: pkg.engines };
    fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
}

/** Copies the shared files and the platform's launcher into a fresh directory for one archive. */
function stagePlatform(common, dir, platform) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(common, dir, { recursive: true });
    const launcher = platform.startsWith("windows-") ? "pulumi-resource-defang.cmd" : "pulumi-resource-defang";
    fs.copyFileSync(path.join(__dirname, launcher), path.join(dir, launcher));
    fs.chmodSync(path.join(dir, launcher), 0o755);
}

/** A reproducible .tar.gz of `dir`: sorted names, fixed owner and mtime, a gzip header without a timestamp. */
function tarball(dir) {
    const tar = execFileSync(
        "tar",
        ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=@0", "-cf", "-", "-C", dir, "."],
        { maxBuffer: 2 ** 31 },
    );
    return zlib.gzipSync(tar, { level: 9 });
}

async function main() {
    const options = parseArgs(process.argv.slice(2));
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    const common = path.join(options.out, `.stage-v${pkg.version}`);
    await stageCommon(common, pkg);
    fs.mkdirSync(options.out, { recursive: true });
    for (const platform of options.platforms) {
        const dir = `${common}-${platform}`;
        stagePlatform(common, dir, platform);
        const archive = path.join(options.out, `pulumi-resource-defang-v${pkg.version}-${platform}.tar.gz`);
        fs.writeFileSync(archive, tarball(dir));
        fs.rmSync(dir, { recursive: true, force: true });
        console.log(archive);
    }
    fs.rmSync(common, { recursive: true, force: true });
}

main().catch((err) => {
    console.error(`dist: ${err.message}`);
    process.exit(1);
});
