// Where the shared compose corpus lives, and which of its files are compose files.
import * as fs from "fs";
import * as path from "path";
import { CORPUS_DIR } from "../../support/shared";

export const CORPUS = CORPUS_DIR;

/** Data files in the corpus that are not compose documents. */
const NOT_COMPOSE = [
    /compose-go\/template\/interpolation-cases\.yaml$/,
    /compose-go\/loader\/tests-inline\.yaml$/,
    /full-example\.expected\.yaml$/,
    /\.golden$/,
    /^schema\//,
];

/** Every compose file of the corpus (sorted), or [] when the corpus is not there. */
export function corpusComposeFiles(root = CORPUS): string[] {
    if (!fs.existsSync(root)) return [];
    const out: string[] = [];
    const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, e.name);
            if (e.isDirectory()) walk(full);
            else if (/\.ya?ml$/.test(e.name) && !NOT_COMPOSE.some((re) => re.test(path.relative(root, full)))) out.push(full);
        }
    };
    walk(root);
    return out.sort();
}
