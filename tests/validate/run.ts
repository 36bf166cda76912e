// Run `validate` in-process against the real loader, in a given working directory.
import { runValidate } from "../../provider/src/cli/commands/validate";
import { loadForDeploy } from "../../provider/src/compose";

export interface Run {
    code: number;
    out: string;
    err: string;
}

export async function validateIn(dir: string, argv: string[]): Promise<Run> {
    const run: Run = { code: -1, out: "", err: "" };
    run.code = await runValidate(argv, { load: loadForDeploy, cwd: dir, stdout: (s) => (run.out += s), stderr: (s) => (run.err += s) });
    return run;
}
