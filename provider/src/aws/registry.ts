// ECR repositories for services and static sites built from source (`build:` and no `images` entry): the
// image builds (aws/build.ts) push there, tagged by a hash of the context and build settings.
import * as aws from "@pulumi/aws";
import { serviceChildName } from "./context";
import { BaseContext, child, tagged } from "./core";

/** Untagged images (superseded pushes) are removed after this many days. */
export const UNTAGGED_IMAGE_EXPIRY_DAYS = 7;

export function createRepository(ctx: BaseContext, service: { name: string; image: { repository: string } }): aws.ecr.Repository {
    const repository = new aws.ecr.Repository(
        serviceChildName(ctx, service.name, "repository"),
        {
            name: service.image.repository,
            imageScanningConfiguration: { scanOnPush: true },
            imageTagMutability: "MUTABLE",
            encryptionConfigurations: [{ encryptionType: "AES256" }],
            // Only our builds push here, and every image is rebuilt from the compose sources on the next
            // deploy: `pulumi destroy` must not stop on a repository that holds them.
            forceDelete: true,
            tags: tagged(ctx, undefined, { "defang:service": service.name }),
        },
        child(ctx),
    );
    new aws.ecr.LifecyclePolicy(
        serviceChildName(ctx, service.name, "repository-lifecycle"),
        {
            repository: repository.name,
            policy: JSON.stringify({
                rules: [
                    {
                        rulePriority: 1,
                        description: `Expire untagged images after ${UNTAGGED_IMAGE_EXPIRY_DAYS} days`,
                        selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: UNTAGGED_IMAGE_EXPIRY_DAYS },
                        action: { type: "expire" },
                    },
                ],
            }),
        },
        child(ctx),
    );
    return repository;
}
