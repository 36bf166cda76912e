// The fuzzer's seeds: every compose file of the shared corpus, and a scratch directory per mutant
// holding a copy of the seed's directory (so `extends`, `include`, env files and secrets files it
// names resolve as they do in the corpus). The corpus itself is never written.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CORPUS_DIR } from "../support/shared";

export interface Seed {
    /** Absolute path of the compose file in the corpus. */
    file: string;
    /** Path relative to the corpus root (names the seed in reports). */
    name: string;
}

/** Corpus files that are data about compose, not compose documents. */
const NOT_COMPOSE = [/interpolation-cases\.yaml$/, /tests-inline\.yaml$/, /\.expected\.ya?ml$/, /^schema\//, /\.golden$/];

export function corpusSeeds(root = CORPUS_DIR): Seed[] {
    const out: Seed[] = [];
    const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, e.name);
            const rel = path.relative(root, full);
            if (e.isDirectory()) walk(full);
            else if (/\.ya?ml$/.test(e.name) && !NOT_COMPOSE.some((re) => re.test(rel))) out.push({ file: full, name: rel });
        }
    };
    walk(root);
    return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Files copied beside a mutant: the seed's directory, without large files. */
const MAX_COPY_BYTES = 256 * 1024;

export class Workspace {
    readonly root = fs.mkdtempSync(path.join(os.tmpdir(), "defang-fuzz-"));
    private count = 0;

    /** A fresh directory holding a copy of the seed's directory; returns the mutant's compose path in it. */
    prepare(seed: Seed): string {
        const dir = path.join(this.root, String(this.count++));
        copyDir(path.dirname(seed.file), dir, 2);
        return path.join(dir, path.basename(seed.file));
    }

    dispose(): void {
        fs.rmSync(this.root, { recursive: true, force: true });
    }
}

function copyDir(from: string, to: string, depth: number): void {
    fs.mkdirSync(to, { recursive: true });
    for (const e of fs.readdirSync(from, { withFileTypes: true })) {
        const src = path.join(from, e.name);
        const dst = path.join(to, e.name);
        if (e.isDirectory()) {
            if (depth > 0) copyDir(src, dst, depth - 1);
        } else if (e.isFile() && fs.statSync(src).size <= MAX_COPY_BYTES) {
            fs.copyFileSync(src, dst);
            fs.chmodSync(dst, 0o644); // the corpus is read-only; the copy is the mutant's to change
        }
    }
}
