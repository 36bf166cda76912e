// The Defang samples as deployable directories: the corpus holds only compose files, so each sample
// is copied to a temporary directory with its local build contexts (and the Dockerfiles they name)
// created empty, which is all the offline plan needs.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SAMPLES_DIR } from "../support/shared";
import { withReferencedFiles } from "../support/samples";

export const SAMPLES = SAMPLES_DIR;

export function sampleNames(): string[] {
    if (!fs.existsSync(SAMPLES)) return [];
    return fs
        .readdirSync(SAMPLES)
        .filter((d) => fs.existsSync(path.join(SAMPLES, d, "compose.yaml")))
        .sort();
}

/** A temporary copy of the sample's compose.yaml with its build contexts; returns the compose file's path. */
export function materializeSample(root: string, sample: string): string {
    return withReferencedFiles(path.join(SAMPLES, sample, "compose.yaml"), path.join(root, sample));
}

export function tempRoot(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "estimate-samples-"));
}
