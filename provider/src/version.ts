// This package's version: the package.json above the compiled or source file (the repository, an
// installed npm package or the unpacked plugin archive). Pure: no Pulumi import.
import * as fs from "fs";
import * as path from "path";

let version: string | undefined | null = null;

export function packageVersion(): string | undefined {
    if (version !== null) return version;
    version = undefined;
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
            if (pkg.name === "pulumi-resource-defang") return (version = pkg.version);
        }
        if (path.dirname(dir) === dir) return version;
    }
}
