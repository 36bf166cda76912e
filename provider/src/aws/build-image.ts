// The component's side of defang:index:ImageBuild (implemented by this package's plugin, see
// resources/image-build.ts; internal: not in schema.json, so the SDKs never expose it).
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { IMAGE_BUILD_TOKEN, type ImageBuildInputs } from "../resources/image-build-spec";

export type ImageBuildArgs = { [K in keyof ImageBuildInputs]: pulumi.Input<NonNullable<ImageBuildInputs[K]>> | undefined };

export class ImageBuild extends pulumi.CustomResource {
    /** `<repositoryUrl>@sha256:…` */
    declare readonly imageUri: pulumi.Output<string>;
    declare readonly imageTag: pulumi.Output<string>;
    declare readonly imageDigest: pulumi.Output<string>;
    declare readonly buildId: pulumi.Output<string | undefined>;

    constructor(name: string, args: ImageBuildArgs, opts: pulumi.CustomResourceOptions = {}) {
        // The plugin of this very package implements the token: ask for its version.
        super(IMAGE_BUILD_TOKEN, name, { ...args, imageUri: undefined, imageTag: undefined, imageDigest: undefined, buildId: undefined }, { version: pluginVersion(), ...opts });
    }
}

let version: string | undefined | null = null;

/** This package's version (package.json above the compiled or source file), as the plugin reports it. */
export function pluginVersion(): string | undefined {
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
