// Where the shared corpus and reference files live: $PULUMI_DEFANG_SHARED, else ../shared next to the
// repository (.ci/run exports the variable after finding the directory). One definition for every test.
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const SHARED_DIR = path.resolve(process.env.PULUMI_DEFANG_SHARED ?? path.join(REPO_ROOT, "..", "shared"));
export const CORPUS_DIR = path.join(SHARED_DIR, "corpus");
export const SAMPLES_DIR = path.join(CORPUS_DIR, "defang-samples");
