// Corpus paths for the compose tests (see tests/support/shared.ts for how the directory is found).
import * as path from "path";
import { CORPUS_DIR, REPO_ROOT, SHARED_DIR } from "../support/shared";

export const repoRoot = REPO_ROOT;
export const sharedDir = SHARED_DIR;
export const corpusDir = CORPUS_DIR;

export function corpus(...parts: string[]): string {
    return path.join(corpusDir, ...parts);
}
