// The component's side of defang:index:ImageBuild (implemented by this package's plugin, see
// resources/image-build.ts; internal: not in schema.json, so the SDKs never expose it).
import * as pulumi from "@pulumi/pulumi";
import { packageVersion } from "../version";
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

/** This package's version, as the plugin reports it (the custom resources ask their own plugin for it). */
export const pluginVersion = packageVersion;
