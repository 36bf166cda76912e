// Loads a corpus compose file with the real loader and Defang's rules. The corpus has no build
// contexts, so the file is copied into a temporary directory where each context gets a Dockerfile.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { formatDiagnostic, hasErrors, loadForDeploy } from "../../provider/src/compose";
import type { ComposeProject } from "../../provider/src/compose/types";
import type { Mode } from "../../provider/src/plan/modes";
import { CORPUS_DIR, SAMPLES_DIR } from "../support/shared";
import { createReferencedFiles } from "../support/samples";

export const CORPUS = CORPUS_DIR;
export const SAMPLES = SAMPLES_DIR;

export interface Loaded {
    project: ComposeProject;
    dir: string;
    cleanup(): void;
}

export function loadSample(file: string, mode: Mode): Loaded {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-golden-"));
    const text = fs.readFileSync(file, "utf8");
    const target = path.join(dir, path.basename(file));
    fs.writeFileSync(target, text);
    createReferencedFiles(dir, text);
    const cleanup = (): void => fs.rmSync(dir, { recursive: true, force: true });
    const loaded = loadForDeploy({ files: [target], workingDir: dir, mode });
    if (!loaded.project || hasErrors(loaded.diagnostics)) {
        cleanup();
        throw new Error(`${file} does not load:\n${loaded.diagnostics.map(formatDiagnostic).join("\n")}`);
    }
    return { project: loaded.project, dir, cleanup };
}

/** JSON with the temporary directory replaced by `.`, so golden files are the same on every machine. */
export function redacted(value: unknown, dir: string): string {
    const json = JSON.stringify(value, null, 2);
    return json.split(dir).join(".").split(fs.realpathSync(dir)).join(".") + "\n";
}
