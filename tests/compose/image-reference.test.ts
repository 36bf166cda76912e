// The Docker image reference grammar (compose/image-reference.ts) and the Defang rule over `image:`.
import { strict as assert } from "assert";
import { isImageReferenceError, parseImageReference } from "../../provider/src/compose/image-reference";
import { ecrRepositoryArn } from "../../provider/src/aws/iam";

const DIGEST = `sha256:${"a".repeat(64)}`;

describe("compose/image-reference: Docker reference grammar", () => {
    it("accepts registry[:port]/path[:tag][@digest]", () => {
        const ok = [
            "nginx",
            "nginx:1.27",
            "library/nginx:1.27-alpine",
            "ghcr.io/org/app:v2",
            "localhost:5000/app",
            "registry.example.com:443/team/sub/app:2024.01_rc-1",
            `app@${DIGEST}`,
            `ghcr.io/org/app:v2@${DIGEST}`,
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:abc",
            "[::1]:5000/app",
            "a__b/c--d/e.f_g",
        ];
        for (const ref of ok) assert.ok(!isImageReferenceError(parseImageReference(ref)), ref);
        assert.deepEqual(parseImageReference(`ghcr.io:8443/org/app:v2@${DIGEST}`), { domain: "ghcr.io:8443", path: "org/app", tag: "v2", digest: DIGEST });
    });

    it("refuses wildcards, upper-case paths, bad tags and digests, empty parts", () => {
        const bad = [
            "",
            "*",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/*",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/app*:latest",
            "ghcr.io/Org/App:v1",
            "nginx:",
            `nginx:${"t".repeat(129)}`,
            "nginx:.hidden",
            "nginx@sha256:xyz",
            "nginx@md5",
            `nginx@md5:${"0".repeat(32)}`, // the grammar's shape, but no runtime pulls an md5 digest
            `nginx@sha256:${"0".repeat(63)}`,
            `nginx@sha256:${"A".repeat(64)}`,
            `nginx@sha512:${"0".repeat(64)}`,
            "org//app",
            "/app",
            "app/",
            "-app",
            "app-",
            "registry.example.com:99999/app",
            "exa_mple.com/app",
            "nginx:1.27 ",
            "nginx\n:1.27",
            `${"a/".repeat(130)}b`,
        ];
        for (const ref of bad) assert.ok(isImageReferenceError(parseImageReference(ref)), JSON.stringify(ref));
        assert.ok(!isImageReferenceError(parseImageReference(`nginx:${"t".repeat(128)}`)));
    });

    it("parses a 100,000-character reference in linear time", () => {
        for (const ref of ["a".repeat(100_000), `${"a-".repeat(50_000)}*`, `x/${"a_".repeat(50_000)}:${"1".repeat(100)}`, `app@sha256:${"f".repeat(100_000)}!`]) {
            const start = process.hrtime.bigint();
            assert.ok(isImageReferenceError(parseImageReference(ref)));
            assert.ok(Number(process.hrtime.bigint() - start) / 1e6 < 200, `slow on ${ref.slice(0, 20)}…`);
        }
    });

    it("derives ECR pull ARNs only from valid repository names: a wildcard never reaches the ARN", () => {
        assert.equal(ecrRepositoryArn("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1", "aws"), "arn:aws:ecr:us-east-1:123456789012:repository/shop/web");
        assert.equal(ecrRepositoryArn(`123456789012.dkr.ecr.us-east-1.amazonaws.com/web@${DIGEST}`, "aws"), "arn:aws:ecr:us-east-1:123456789012:repository/web");
        for (const image of ["123456789012.dkr.ecr.us-east-1.amazonaws.com/*", "123456789012.dkr.ecr.us-east-1.amazonaws.com/we*b:v1", "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/?:v1"]) {
            assert.equal(ecrRepositoryArn(image, "aws"), undefined, image);
        }
    });
});
