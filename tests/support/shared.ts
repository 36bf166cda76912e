// Where the shared corpus and reference files live: $PULUMI_DEFANG_SHARED, else ../shared next to the
// repository (.ci/run exports the variable after finding the directory). One definition for every test.
import * as fs from "fs";
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const SHARED_DIR = path.resolve(process.env.PULUMI_DEFANG_SHARED ?? path.join(REPO_ROOT, "..", "shared"));
export const CORPUS_DIR = path.join(SHARED_DIR, "corpus");
export const SAMPLES_DIR = path.join(CORPUS_DIR, "defang-samples");

/** Every `.yml` / `.yaml` file under `dir`, at any depth, sorted. */
export function yamlFilesUnder(dir: string): string[] {
    const out: string[] = [];
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) out.push(...yamlFilesUnder(p));
        else if (/\.ya?ml$/.test(e.name)) out.push(p);
    }
    return out.sort();
}
