// Where the shared corpus and reference files live (../shared next to the repo, or $PULUMI_DEFANG_SHARED).
import * as path from "path";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const sharedDir = process.env.PULUMI_DEFANG_SHARED ?? path.resolve(repoRoot, "..", "shared");
export const corpusDir = path.join(sharedDir, "corpus");

export function corpus(...parts: string[]): string {
    return path.join(corpusDir, ...parts);
}
