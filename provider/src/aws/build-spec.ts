// The CodeBuild buildspec of one built service: log in to the project's registry, `docker build`
// with the compose build's platform, Dockerfile, target and build args, tag with IMAGE_TAG (set per
// build by the ImageBuild resource: a hash of the context and these settings) and push. Build arg
// values are not in the buildspec: each arrives in its own environment variable of the CodeBuild
// project and is passed by name, so no value is ever parsed by a shell.
import { stringify } from "yaml";
import type { ImagePlan } from "../plan/types";

export type BuildImage = Extract<ImagePlan, { kind: "build" }>;

/** The environment variable that carries build arg number `i` (sorted by name). */
export function buildArgVariable(i: number): string {
    return `DEFANG_BUILD_ARG_${i}`;
}

/** Build arg names in the order their variables are numbered. */
export function buildArgNames(image: BuildImage): string[] {
    return Object.keys(image.args).sort();
}

/** A single-quoted shell word (a `'` inside becomes `'\''`). */
export function shellQuote(word: string): string {
    return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function dockerBuildCommand(image: BuildImage): string {
    return [
        "docker build",
        `--platform ${shellQuote(image.platform)}`,
        // Without a name, docker finds `Dockerfile` (or `dockerfile`) itself, as locally.
        ...(image.dockerfile ? [`--file ${shellQuote(image.dockerfile)}`] : []),
        ...(image.target ? [`--target ${shellQuote(image.target)}`] : []),
        ...buildArgNames(image).map((name, i) => `--build-arg ${shellQuote(name)}="$${buildArgVariable(i)}"`),
        '--tag "$IMAGE_REPO:$IMAGE_TAG"',
        ".",
    ].join(" ");
}

export function buildspec(image: BuildImage): string {
    return stringify({
        version: 0.2,
        phases: {
            pre_build: {
                commands: ['aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "${IMAGE_REPO%%/*}"'],
            },
            build: {
                // Push in the build phase: post_build would also run after a failed build.
                commands: [dockerBuildCommand(image), 'docker push "$IMAGE_REPO:$IMAGE_TAG"'],
            },
        },
    });
}

/** Variables of the static files extraction (set per build by defang:index:StaticSiteSync). */
export const EXTRACT_VARIABLES = ["SITE_IMAGE", "SITE_PLATFORM", "SITE_FOLDER", "SITE_BUCKET", "SITE_KEY"] as const;

/**
 * Pull the image (logging in first when it is in ECR), create a container without starting it, copy
 * the folder's contents out, refuse an empty folder, upload them as one tarball. The values come from
 * variables, never from the buildspec text.
 */
export function extractBuildspec(): string {
    return stringify({
        version: 0.2,
        env: { shell: "bash" },
        phases: {
            pre_build: {
                commands: [
                    'if echo "$SITE_IMAGE" | grep -qE "^[0-9]{12}[.]dkr[.]ecr[.]"; then aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "${SITE_IMAGE%%/*}"; fi',
                ],
            },
            build: {
                commands: [
                    'docker pull --platform "$SITE_PLATFORM" "$SITE_IMAGE"',
                    'id=$(docker create --platform "$SITE_PLATFORM" "$SITE_IMAGE" /defang-extract) && mkdir -p site && docker cp "$id:$SITE_FOLDER/." site/',
                    'if [ -z "$(ls -A site)" ]; then echo "the folder $SITE_FOLDER of $SITE_IMAGE is empty"; exit 1; fi',
                    'tar -czf site.tar.gz -C site . && aws s3 cp site.tar.gz "s3://$SITE_BUCKET/$SITE_KEY" --only-show-errors',
                ],
            },
        },
    });
}
