// Bad command lines through the real entry point (main): exit 2 with the command's usage for bad
// options, 1 for a compose app with errors or a file that is not there (one line), never a stack
// trace, whatever the arguments.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../provider/src/cli/main";

interface Run {
    code: number;
    out: string;
    err: string;
}

async function cli(argv: string[], cwd?: string): Promise<Run> {
    const run: Run = { code: -1, out: "", err: "" };
    const [out, err, dir] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr), process.cwd()];
    process.stdout.write = ((s: string) => ((run.out += s), true)) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => ((run.err += s), true)) as typeof process.stderr.write;
    if (cwd) process.chdir(cwd);
    try {
        run.code = await main(argv);
    } finally {
        process.stdout.write = out;
        process.stderr.write = err;
        process.chdir(dir);
    }
    return run;
}

const GOOD = "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        reservations:\n          memory: 256M\n";

function app(files: Record<string, string> = { "compose.yaml": GOOD }): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-options-"));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

function clean(r: Run): void {
    const all = r.out + r.err;
    assert.doesNotMatch(all, /\b(TypeError|ReferenceError|RangeError)\b|^\s+at .+:\d+:\d+\)?$|internal error|\[object Object\]|(?<![-\w])undefined(?![-\w])/m, all);
}

describe("cli: bad command lines", function () {
    this.timeout(120_000);

    const usage: Array<[string, string[], RegExp]> = [
        ["no command", [], /Usage: pulumi-defang <command>/],
        ["an unknown command", ["deploy"], /unknown command 'deploy'/],
        ["an unknown option", ["validate", "--nope"], /unknown option '--nope'/],
        ["an option without its value", ["validate", "-f"], /needs a value/],
        ["an unknown mode", ["validate", "--mode", "cheapest"], /unknown mode 'cheapest'/],
        ["a flag given twice", ["validate", "--json", "--json"], /given twice/],
        ["a value on a switch", ["validate", "--json=yes"], /takes no value/],
        ["a stray argument", ["validate", "compose.yaml"], /unexpected argument 'compose.yaml'/],
        ["an unknown render format", ["render", "--format", "xml"], /must be one of json, yaml/],
        ["a region that is not one", ["plan", "--region", "mars"], /not an AWS region/],
        ["a stack name with a space", ["plan", "--stack", "my stack"], /stack name 'my stack'/],
        ["a region without prices", ["estimate", "--region", "ap-south-9"], /no price data for region/],
    ];
    for (const [what, argv, message] of usage) {
        it(`exits 2 on ${what}, saying so`, async () => {
            const r = await cli(argv, app());
            assert.equal(r.code, 2, r.out + r.err);
            assert.match(r.out + r.err, message);
            clean(r);
        });
    }

    const COMMANDS = ["validate", "render", "plan", "estimate", "config ls", "logs"];
    for (const command of COMMANDS) {
        for (const [option, file] of [["-f", "missing.yaml"], ["--env-file", "prod.env"]]) {
            it(`exits 1 with one line when ${option} names a file that is not there (${command})`, async () => {
                const r = await cli([...command.split(" "), option, file], app());
                assert.equal(r.code, 1, r.out + r.err);
                assert.equal(r.out, "");
                assert.equal(r.err, `pulumi-defang ${command.split(" ")[0]}: ${file}: no such ${option === "-f" ? "compose" : "env"} file (${option})\n`);
            });
        }
    }

    it("exits 0 on --help for every command", async () => {
        for (const command of ["validate", "render", "plan", "estimate", "config", "logs", "mcp"]) {
            const r = await cli([command, "--help"]);
            assert.equal(r.code, 0);
            assert.match(r.out, new RegExp(`Usage: pulumi-defang ${command}`));
        }
    });

    it("exits 1 with a finding when there is no compose file to discover", async () => {
        for (const command of ["validate", "render", "plan", "estimate"]) {
            const r = await cli([command], app({}));
            assert.equal(r.code, 1, `${command}: ${r.out}${r.err}`);
            assert.match(r.out + r.err, /compose\.yaml/);
            clean(r);
        }
    });

    it("exits 1 on a usage file that is missing or wrong, with its location", async () => {
        const dir = app({ "compose.yaml": GOOD, "usage.yaml": "logs:\n  ingestedGB: lots\n" });
        const bad = await cli(["estimate", "--usage", "usage.yaml"], dir);
        assert.equal(bad.code, 1, bad.err);
        assert.match(bad.err, /usage\.yaml:2:/);
        clean(bad);
        const missing = await cli(["estimate", "--usage", "nope.yaml"], dir);
        assert.ok([1, 2].includes(missing.code), missing.err);
        assert.match(missing.err, /nope\.yaml/);
        clean(missing);
    });
});
