// `image:` must be a Docker image reference: anything else fails at pull time, and a wildcard (`*`)
// in an ECR image would otherwise flow into the execution role's pull scope.
import { excerpt, isImageReferenceError, parseImageReference } from "../image-reference";
import type { ServiceConfig } from "../types";
import type { ServiceReporter } from "./report";

export function checkImageReference(svc: ServiceConfig, r: ServiceReporter): boolean {
    if (typeof svc.image !== "string") return true;
    const parsed = parseImageReference(svc.image);
    if (!isImageReferenceError(parsed)) return true;
    r.report("image-reference-invalid", ["image"], { image: excerpt(svc.image), reason: parsed.error });
    return false;
}
