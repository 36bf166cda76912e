// The S3 client the custom resources share: a custom endpoint (moto, LocalStack, through
// AWS_ENDPOINT_URL) serves buckets by path, not by bucket host name.
import { S3Client } from "@aws-sdk/client-s3";

export function s3Client(region: string): S3Client {
    return new S3Client({ region, forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3) });
}
