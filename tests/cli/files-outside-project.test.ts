// --allow-files-outside-project (issue 11, class 4): every command that loads compose refuses an
// env_file outside the project directory (exit 1, file-outside-project) unless the flag is given.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../provider/src/cli/main";

async function cli(argv: string[]): Promise<{ code: number; out: string }> {
    let out = "";
    const [o, e] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)];
    process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => ((out += s), true)) as typeof process.stderr.write;
    try {
        return { code: await main(argv), out };
    } finally {
        process.stdout.write = o;
        process.stderr.write = e;
    }
}

describe("cli: --allow-files-outside-project", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "outside-cli-"));
    fs.mkdirSync(path.join(root, "app"));
    fs.writeFileSync(path.join(root, "creds.env"), "AWS_SECRET_ACCESS_KEY=AKIAIOSFODNN7EXAMPLE\n");
    const compose = path.join(root, "app", "compose.yaml");
    fs.writeFileSync(compose, "services:\n  web:\n    image: nginx:1.27\n    env_file: ../creds.env\n");

    for (const command of ["validate", "render", "plan"]) {
        it(`${command}: refused without the flag, loads with it`, async () => {
            const refused = await cli([command, "-f", compose]);
            assert.equal(refused.code, 1, refused.out);
            assert.match(refused.out, /compose\.yaml:4:\d+: error: env_file .*creds\.env is outside the project directory.*\[file-outside-project\]/);
            assert.ok(!refused.out.includes("AKIAIOSFODNN7EXAMPLE"));
            const allowed = await cli([command, "-f", compose, "--allow-files-outside-project"]);
            assert.ok(!allowed.out.includes("file-outside-project"), allowed.out);
        });
    }
});
