// Finding the compose files like docker compose: compose.yaml, compose.yml, docker-compose.yaml,
// docker-compose.yml in the working directory, then in its parents (compose-go), plus the matching
// `*.override.*` file next to the one found.
import * as path from "path";
import { Diagnostics } from "./diag";
import { isFile } from "./fs-checks";

export const COMPOSE_FILE_NAMES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];

export function discoverComposeFiles(startDir: string, diags: Diagnostics): string[] | undefined {
    let dir = path.resolve(startDir);
    for (;;) {
        const found = COMPOSE_FILE_NAMES.map((n) => path.join(dir, n)).filter(isFile);
        if (found.length > 0) {
            if (found.length > 1) {
                diags.warn("multiple-compose-files", `found several compose files in ${dir}: ${found.map((f) => path.basename(f)).join(", ")}; using ${path.basename(found[0])}`,
                    { file: found[0], line: 1, column: 1 }, "remove the ones you do not use, or choose one with -f");
            }
            const main = found[0];
            const ext = path.extname(main);
            const override = main.slice(0, -ext.length) + ".override" + ext;
            return isFile(override) ? [main, override] : [main];
        }
        const parent = path.dirname(dir);
        if (parent === dir) break;
        dir = parent;
    }
    diags.error("no-compose-file", `no compose file found in ${path.resolve(startDir)} or its parent directories`, undefined,
        `create ${COMPOSE_FILE_NAMES[0]}, or name the file with -f`);
    return undefined;
}

/** compose-go's NormalizeProjectName: lower case, only [a-z0-9_-], no leading '_' or '-'. */
export function normalizeProjectName(s: string): string {
    return s.toLowerCase().replace(/[^a-z0-9_-]/g, "").replace(/^[_-]+/, "");
}
