// The project boundary: files a compose project names (env files, label files, includes, extends
// sources, build contexts) must lie inside the project's directory, so a careless or hostile compose
// file cannot turn ~/.aws/credentials into container environment or zip up a home directory. Paths
// are compared after `~` expansion and with symlinks resolved, so a link pointing out is caught.
// The caller opts out with the `allowFilesOutsideProject` input / `--allow-files-outside-project`.
import * as fs from "fs";
import * as path from "path";
import type { Diagnostics } from "./diag";
import type { Loc } from "./tree";

export interface Boundary {
    /** The project directory (realpath), the directory of the first compose file or the working dir. */
    root: string;
    /** The caller's explicit opt-in: no check at all. */
    allow: boolean;
}

export function projectBoundary(projectDir: string, allow: boolean | undefined): Boundary {
    return { root: realpathLoose(projectDir), allow: allow === true };
}

/**
 * True when `file` (absolute) is inside the boundary or the caller opted in; otherwise reports
 * `file-outside-project` at `loc` and returns false. `what` names the field ("env_file", …).
 */
export function checkInsideProject(boundary: Boundary | undefined, file: string, what: string, loc: Loc | undefined, diags: Diagnostics): boolean {
    if (!boundary || boundary.allow || !path.isAbsolute(file)) return true;
    if (isInside(boundary.root, realpathLoose(file))) return true;
    diags.error("file-outside-project", `${what} ${file} is outside the project directory ${boundary.root}`, loc,
        "move the file into the project directory, or opt in explicitly with the component input allowFilesOutsideProject: true (CLI: --allow-files-outside-project)");
    return false;
}

export function isInside(root: string, p: string): boolean {
    const rel = path.relative(root, p);
    return rel === "" || (rel !== ".." && !rel.startsWith(".." + path.sep) && !path.isAbsolute(rel));
}

/** realpath of the longest existing prefix, with the rest appended: symlinks resolved, missing files allowed. */
export function realpathLoose(p: string): string {
    const abs = path.resolve(p);
    let head = abs;
    const tail: string[] = [];
    for (;;) {
        try {
            return path.join(fs.realpathSync.native(head), ...tail.reverse());
        } catch {
            const parent = path.dirname(head);
            if (parent === head) return abs;
            tail.push(path.basename(head));
            head = parent;
        }
    }
}
