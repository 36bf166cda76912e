// `pulumi-defang config` against a moto server: values land as SecureStrings under the project's
// prefix, are never printed, and `ls` says which of the names the compose file needs are missing.
import { strict as assert } from "assert";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { runConfig, type ConfigDeps } from "../../provider/src/cli/commands/config";
import { UsageError } from "../../provider/src/cli/args";
import { ConfigStore } from "../../provider/src/ops/config-store";
import { opsHarness } from "./harness";

const COMPOSE = `
name: shop
services:
  web:
    image: nginx
    environment:
      API_KEY:
      DATABASE_URL: postgres://app:\${DB_PASSWORD}@db:5432/app
`;

describe("cli: config (against moto)", () => {
    const h = opsHarness(COMPOSE);
    const { out, err } = h;
    let client: SSMClient | undefined;
    const ssm = () => (client ??= new SSMClient(h.moto.client("eu-west-1")));

    const deps = (stdin = "", env: NodeJS.ProcessEnv = {}): ConfigDeps => ({
        store: (region, prefix) => new ConfigStore(new SSMClient(h.moto.client(region)), prefix),
        readStdin: async () => stdin,
        env,
        stdout: (s) => out.push(s),
        stderr: (s) => err.push(s),
    });
    const value = async (name: string) =>
        (await ssm().send(new GetParameterCommand({ Name: `/Defang/shop/prod/${name}`, WithDecryption: true }))).Parameter!;

    it("sets a SecureString from stdin under /Defang/<project>/<stack>/, dropping one trailing newline, printing no value", async () => {
        assert.equal(await runConfig(["set", "API_KEY", "--stack", "prod", "--region", "eu-west-1"], deps("s3cr3t-value\n")), 0);
        const p = await value("API_KEY");
        assert.deepEqual([p.Type, p.Value], ["SecureString", "s3cr3t-value"]);
        assert.ok(!out.join("").includes("s3cr3t") && !err.join("").includes("s3cr3t"));
        assert.match(out.join(""), /set API_KEY under \/Defang\/shop\/prod\/ in eu-west-1/);
    });

    it("takes the value from an environment variable for CI, and overwrites", async () => {
        await runConfig(["set", "DB_PASSWORD", "-s", "prod", "--region", "eu-west-1"], deps("first"));
        assert.equal(await runConfig(["set", "DB_PASSWORD", "-s", "prod", "--region", "eu-west-1", "--from-env", "PW"], deps("", { PW: "second" })), 0);
        assert.equal((await value("DB_PASSWORD")).Value, "second");
    });

    it("lists what the compose file needs, set or MISSING, and fails while something is missing", async () => {
        await runConfig(["set", "API_KEY", "-s", "prod", "--region", "eu-west-1"], deps("x"));
        await runConfig(["set", "OLD_TOKEN", "-s", "prod", "--region", "eu-west-1"], deps("y"));
        out.length = 0;
        err.length = 0;
        assert.equal(await runConfig(["ls", "-s", "prod", "--region", "eu-west-1"], deps()), 1);
        const text = out.join("");
        assert.match(text, /API_KEY\s+set\n/);
        assert.match(text, /DB_PASSWORD\s+MISSING\n/);
        assert.match(text, /OLD_TOKEN\s+set, unused\n/);
        assert.match(err.join(""), /1 missing/);
        await runConfig(["set", "DB_PASSWORD", "-s", "prod", "--region", "eu-west-1"], deps("z"));
        assert.equal(await runConfig(["ls", "-s", "prod", "--region", "eu-west-1"], deps()), 0);
    });

    it("keeps stacks and regions apart", async () => {
        await runConfig(["set", "API_KEY", "-s", "staging", "--region", "eu-west-1"], deps("x"));
        out.length = 0;
        await runConfig(["ls", "-s", "prod", "--region", "eu-west-1"], deps());
        assert.match(out.join(""), /API_KEY\s+MISSING/);
        out.length = 0;
        await runConfig(["ls", "-s", "staging", "--region", "us-west-2"], deps());
        assert.match(out.join(""), /API_KEY\s+MISSING/);
    });

    it("removes values and says which were not set", async () => {
        await runConfig(["set", "API_KEY", "-s", "prod", "--region", "eu-west-1"], deps("x"));
        assert.equal(await runConfig(["rm", "API_KEY", "NOPE", "-s", "prod", "--region", "eu-west-1"], deps()), 0);
        assert.match(out.join(""), /deleted API_KEY/);
        assert.match(err.join(""), /NOPE was not set/);
        await assert.rejects(value("API_KEY"));
    });

    it("refuses values on the command line, bad names, a bad stack name and an empty value", async () => {
        const bad: string[][] = [
            ["set", "API_KEY=x", "-s", "prod", "--region", "eu-west-1"],
            ["set", "1BAD", "-s", "prod", "--region", "eu-west-1"],
            ["ls", "API_KEY", "-s", "prod", "--region", "eu-west-1"],
            ["frobnicate", "-s", "prod"],
            ["set", "API_KEY", "-s", "my stack", "--region", "eu-west-1"],
        ];
        for (const argv of bad) await assert.rejects(runConfig(argv, deps("x")), UsageError, argv.join(" "));
        await assert.rejects(runConfig(["set", "API_KEY", "-s", "prod", "--region", "eu-west-1"], deps("\n")), /empty value/);
    });

    it("turns an AWS refusal into one line with what to check, exit 1", async () => {
        const denied = Object.assign(new Error("User is not authorized to perform: ssm:PutParameter"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } });
        const failing: ConfigDeps = { ...deps("x"), store: () => ({ set: async () => Promise.reject(denied) }) as unknown as ConfigStore };
        assert.equal(await runConfig(["set", "API_KEY", "-s", "prod", "--region", "eu-west-1"], failing), 1);
        assert.match(err.join(""), /AWS AccessDeniedException: User is not authorized to perform: ssm:PutParameter \(the caller's IAM policy must allow it/);
    });

    it("uses the defaults every command shares (stack dev; region from AWS_REGION, else us-east-1) and says so", async () => {
        const saved = [process.env.AWS_REGION, process.env.AWS_DEFAULT_REGION];
        try {
            process.env.AWS_REGION = "eu-west-1";
            delete process.env.AWS_DEFAULT_REGION;
            assert.equal(await runConfig(["set", "API_KEY"], deps("x")), 0);
            assert.match(out.join(""), /set API_KEY under \/Defang\/shop\/dev\/ in eu-west-1/);
            assert.match(err.join(""), /using stack dev \(the defaults; --stack and --region choose others\)/);
            assert.doesNotMatch(err.join(""), /region us-east-1/);
        } finally {
            [process.env.AWS_REGION, process.env.AWS_DEFAULT_REGION] = saved;
            if (saved[0] === undefined) delete process.env.AWS_REGION;
            if (saved[1] === undefined) delete process.env.AWS_DEFAULT_REGION;
        }
    });

    it("notes a name no service uses", async () => {
        await runConfig(["set", "UNUSED", "-s", "prod", "--region", "eu-west-1"], deps("x"));
        assert.match(err.join(""), /no service of this project uses UNUSED/);
    });
});
