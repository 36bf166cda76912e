// Small helpers for the compose tests: load inline YAML, build throwaway project directories.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadProject, type ComposeProject, type Diagnostic, type LoadOptions, type LoadResult } from "../../provider/src/compose";

export function tempDir(files: Record<string, string> = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "compose-test-"));
    for (const [name, text] of Object.entries(files)) {
        const p = path.join(dir, name);
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, text);
    }
    return dir;
}

/** Load one inline document (file `compose.yaml` in a fresh temp dir unless `workingDir` is given). */
export function loadYaml(text: string, opts: Partial<LoadOptions> = {}): LoadResult {
    const workingDir = opts.workingDir ?? tempDir();
    return loadProject({ inline: [{ filename: "compose.yaml", text }], ...opts, workingDir });
}

export function errors(r: LoadResult): Diagnostic[] {
    return r.diagnostics.filter((d) => d.severity === "error");
}

export function warnings(r: LoadResult): Diagnostic[] {
    return r.diagnostics.filter((d) => d.severity === "warning");
}

/** The project of a load that must succeed (fails the test with the diagnostics otherwise). */
export function ok(r: LoadResult): ComposeProject {
    assert.deepStrictEqual(errors(r), [], "unexpected errors");
    assert.ok(r.project, "no project");
    return r.project!;
}

/** The single error of a load that must fail, checked for code and a location. */
export function oneError(r: LoadResult, code: string): Diagnostic {
    const errs = errors(r);
    assert.ok(!r.project, "a project was returned despite errors");
    const match = errs.filter((d) => d.code === code);
    assert.strictEqual(match.length, 1, `expected one ${code} error, got ${JSON.stringify(errs, null, 1)}`);
    assertLocated(match[0]);
    return match[0];
}

export function assertLocated(d: Diagnostic): void {
    assert.ok(d.file, `no file in ${JSON.stringify(d)}`);
    assert.ok(typeof d.line === "number" && d.line >= 1, `no line in ${JSON.stringify(d)}`);
    assert.ok(typeof d.column === "number" && d.column >= 1, `no column in ${JSON.stringify(d)}`);
    assert.ok(d.message.length > 0 && d.code.length > 0);
}
