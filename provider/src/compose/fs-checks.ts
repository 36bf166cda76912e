// Whether a path names a file or a directory, without throwing for one that does not exist (the
// callers report that themselves, at the compose line that names it).
import * as fs from "fs";

export function isFile(p: string): boolean {
    try {
        return fs.statSync(p).isFile();
    } catch {
        return false;
    }
}

export function isDirectory(p: string): boolean {
    try {
        return fs.statSync(p).isDirectory();
    } catch {
        return false;
    }
}
