#!/usr/bin/env node
// Checks the release artifacts `make release_artifacts` put in dist/ before anything is published, and
// writes dist/SHA256SUMS. The release workflow (.github/workflows/release.yml) runs it on every tag;
// `make release_dry_run` (part of `make test`) runs it on every CI build, so a release cannot be the
// first time these checks run.
//
//   node scripts/release.js [--tag vX.Y.Z] [--dist DIR]
//
// One version everywhere: package.json (the plugin), schema.json and the SDKs generated from it, and the
// tag when given. Then: the five plugin archives with the launcher for their platform, within the size
// budgets; the npm package (SDK, testing helpers, CLI bin, README, no source maps); the Python wheel and
// sdist (README as the long description, the testing helpers); the Go module, tagged sdk/vX.Y.Z.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const PLATFORMS = ["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64", "windows-amd64"];
const MAX_ARCHIVE_BYTES = 10e6;

function parseArgs(argv) {
    const options = { dist: path.join(root, "dist"), tag: undefined };
    for (let i = 0; i < argv.length; i += 2) {
        if (argv[i] === "--tag") options.tag = argv[i + 1] || undefined;
        else if (argv[i] === "--dist") options.dist = path.resolve(argv[i + 1]);
        else throw new Error(`unknown option ${argv[i]}; usage: release.js [--tag vX.Y.Z] [--dist DIR]`);
    }
    return options;
}

const readJson = (file) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));
const list = (archive, args) => execFileSync(args[0], [...args.slice(1), archive], { encoding: "utf8", maxBuffer: 2 ** 26 }).split("\n").filter(Boolean);

function pythonVersion() {
    const match = /^\s*version = "([^"]+)"/m.exec(fs.readFileSync(path.join(root, "sdk/python/pyproject.toml"), "utf8"));
    return match?.[1];
}

function checkVersions(tag) {
    const version = readJson("package.json").version;
    const found = {
        "package.json": version,
        "schema.json": readJson("schema.json").version,
        "sdk/nodejs/package.json": readJson("sdk/nodejs/package.json").version,
        "sdk/python/pyproject.toml": pythonVersion(),
        "sdk/go/defang/pulumi-plugin.json": readJson("sdk/go/defang/pulumi-plugin.json").version,
    };
    if (tag !== undefined) found[`tag ${tag}`] = tag.replace(/^v/, "");
    const wrong = Object.entries(found).filter(([, v]) => v !== version);
    if (wrong.length > 0) {
        throw new Error(`versions disagree with package.json (${version}): ${wrong.map(([k, v]) => `${k} has ${v}`).join(", ")}; set one version in package.json and schema.json, then make sdks`);
    }
    return version;
}

function need(condition, message) {
    if (!condition) throw new Error(message);
}

function checkArchives(dist, version) {
    const archives = PLATFORMS.map((p) => path.join(dist, `pulumi-resource-defang-v${version}-${p}.tar.gz`));
    for (const [i, archive] of archives.entries()) {
        need(fs.existsSync(archive), `${path.basename(archive)} is missing`);
        const size = fs.statSync(archive).size;
        need(size <= MAX_ARCHIVE_BYTES, `${path.basename(archive)} is ${size} bytes, over ${MAX_ARCHIVE_BYTES}`);
        const entries = list(archive, ["tar", "-tzf"]).map((e) => e.replace(/^\.\//, "")).filter((e) => e && !e.endsWith("/"));
        const launcher = PLATFORMS[i].startsWith("windows-") ? "pulumi-resource-defang.cmd" : "pulumi-resource-defang";
        const expected = ["THIRD_PARTY_LICENSES", "package.json", "provider.js", launcher, "schema.json"];
        need(JSON.stringify(entries.sort()) === JSON.stringify(expected), `${path.basename(archive)} holds ${entries.join(", ")}; expected ${expected.join(", ")}`);
    }
    return archives;
}

function checkNpm(dist, version) {
    const tgz = path.join(dist, `pulumi-defang-${version}.tgz`);
    need(fs.existsSync(tgz), `${path.basename(tgz)} is missing`);
    const entries = list(tgz, ["tar", "-tzf"]);
    for (const file of ["package/package.json", "package/README.md", "package/index.js", "package/index.d.ts", "package/testing.js", "package/cli/pulumi-defang.js", "package/cli/THIRD_PARTY_LICENSES"]) {
        need(entries.includes(file), `${path.basename(tgz)} lacks ${file}`);
    }
    const maps = entries.filter((e) => e.endsWith(".map"));
    need(maps.length === 0, `${path.basename(tgz)} ships source maps of sources it does not carry: ${maps.join(", ")}`);
    return tgz;
}

function checkPython(dist, version) {
    const dir = path.join(dist, "python");
    const wheel = path.join(dir, `pulumi_defang-${version}-py3-none-any.whl`);
    const sdist = path.join(dir, `pulumi_defang-${version}.tar.gz`);
    need(fs.existsSync(wheel), `${path.relative(dist, wheel)} is missing`);
    need(fs.existsSync(sdist), `${path.relative(dist, sdist)} is missing`);
    const entries = list(wheel, ["unzip", "-Z1"]);
    for (const file of ["pulumi_defang/__init__.py", "pulumi_defang/testing.py", "pulumi_defang/pulumi-plugin.json", "pulumi_defang/py.typed"]) {
        need(entries.includes(file), `${path.basename(wheel)} lacks ${file}`);
    }
    const metadata = execFileSync("unzip", ["-p", wheel, `pulumi_defang-${version}.dist-info/METADATA`], { encoding: "utf8" });
    need(/^Description-Content-Type: text\/markdown$/m.test(metadata) && metadata.includes("pip install pulumi-defang"), `${path.basename(wheel)} has no README as its description`);
    return [wheel, sdist];
}

function main() {
    const { dist, tag } = parseArgs(process.argv.slice(2));
    const version = checkVersions(tag);
    const archives = checkArchives(dist, version);
    const npm = checkNpm(dist, version);
    const python = checkPython(dist, version);
    const sums = archives.map((a) => `${crypto.createHash("sha256").update(fs.readFileSync(a)).digest("hex")}  ${path.basename(a)}`);
    fs.writeFileSync(path.join(dist, "SHA256SUMS"), sums.join("\n") + "\n");
    console.log(`release v${version}: every artifact checked. Publishing would:`);
    console.log(`  - create the GitHub release v${version} of pulumi-defang/pulumi-defang with ${archives.map((a) => path.basename(a)).join(", ")} and SHA256SUMS`);
    console.log(`    (the engine downloads them from pluginDownloadURL ${readJson("schema.json").pluginDownloadURL})`);
    console.log(`  - npm publish ${path.relative(root, npm)}`);
    console.log(`  - upload ${python.map((p) => path.relative(root, p)).join(" and ")} to PyPI`);
    console.log(`  - push the Go module tag sdk/v${version}`);
}

try {
    main();
} catch (err) {
    console.error(`release: ${err.message}`);
    process.exit(1);
}
