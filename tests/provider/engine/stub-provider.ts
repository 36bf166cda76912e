// A stand-in for pulumi-resource-aws and pulumi-resource-random in engine tests: the real plugins
// cannot be built here, and the test is about our plugin. It accepts every input, creates resources
// with the same plausible state the offline engine invents (provider/src/offline), and answers
// invokes the same way. Started by the `pulumi-resource-aws` / `pulumi-resource-random` shims beside it.
import * as pulumi from "@pulumi/pulumi";
import * as provider from "@pulumi/pulumi/provider";
import { mockInvoke } from "../../../provider/src/offline/mock-invokes";
import { mockResourceState } from "../../../provider/src/offline/mock-state";

const account = { region: process.env.AWS_REGION ?? "us-east-1", accountId: "123456789012", partition: "aws" };
const fixtures = { ssmParameters: {}, hostedZones: {} };
// Engine tests of the component's error paths: invokes to refuse, as AWS refuses an unauthorized call.
const denied = (process.env.DEFANG_STUB_DENY_INVOKES ?? "").split(",").filter(Boolean);

/** `urn:pulumi:stack::project::parent$type::name` → [type, name]. */
function typeAndName(urn: string): [string, string] {
    const parts = urn.split("::");
    return [parts[2].split("$").pop()!, parts.slice(3).join("::")];
}

const stub: provider.Provider = {
    version: process.argv.includes("--random") ? "4.21.2" : "7.48.0",
    async check(_urn, _olds, news) {
        return { inputs: news };
    },
    async diff() {
        return { changes: false };
    },
    async create(urn, inputs) {
        const [type, name] = typeAndName(urn);
        const { id, state } = mockResourceState(type, name, inputs, account);
        if (type === "aws:cloudfront/distribution:Distribution" && process.env.AWS_ENDPOINT_URL) return motoDistribution(inputs, state);
        return { id, outs: { ...inputs, ...state } };
    },
    async read(id, _urn, props) {
        return { id, props };
    },
    async update(_id, _urn, _olds, news) {
        return { outs: news };
    },
    async delete() {},
    async invoke(token, inputs) {
        if (denied.includes(token)) throw new Error(`AccessDeniedException: User: arn:aws:iam::123456789012:user/ci is not authorized to perform ${token}`);
        return { outputs: mockInvoke(token, inputs, account, fixtures) };
    },
};

/**
 * A distribution our plugin will call (CloudFront invalidations) must exist where it calls: with moto
 * behind AWS_ENDPOINT_URL, the stand-in creates it there and answers with moto's id and names.
 */
async function motoDistribution(inputs: Record<string, any>, state: Record<string, unknown>): Promise<{ id: string; outs: Record<string, unknown> }> {
    const { CloudFrontClient, CreateDistributionCommand } = await import("@aws-sdk/client-cloudfront");
    const origin = (inputs.origins ?? [])[0] ?? {};
    const made = await new CloudFrontClient({ region: "us-east-1" }).send(
        new CreateDistributionCommand({
            DistributionConfig: {
                CallerReference: String(Date.now()),
                Comment: String(inputs.comment ?? ""),
                Enabled: true,
                Origins: { Quantity: 1, Items: [{ Id: String(origin.originId ?? "origin"), DomainName: String(origin.domainName ?? "origin.example.com"), S3OriginConfig: { OriginAccessIdentity: "" } }] },
                DefaultCacheBehavior: { TargetOriginId: String(origin.originId ?? "origin"), ViewerProtocolPolicy: "redirect-to-https", CachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6" },
            },
        }),
    );
    const d = made.Distribution!;
    return { id: d.Id!, outs: { ...inputs, ...state, id: d.Id, arn: d.ARN, domainName: d.DomainName } };
}

pulumi.provider.main(stub, process.argv.slice(2).filter((a) => a !== "--random"));
