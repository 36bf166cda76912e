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

pulumi.provider.main(stub, process.argv.slice(2).filter((a) => a !== "--random"));
