// The Defang samples as deployable directories: the corpus holds only compose files, so each sample
// is copied to a temporary directory with its local build contexts (and the Dockerfiles they name)
// created empty, which is all the offline plan needs.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { SAMPLES_DIR } from "../support/shared";

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
    const dir = path.join(root, sample);
    fs.mkdirSync(dir, { recursive: true });
    const text = fs.readFileSync(path.join(SAMPLES, sample, "compose.yaml"), "utf8");
    fs.writeFileSync(path.join(dir, "compose.yaml"), text);
    const doc = parse(text, { merge: true }) as { services?: Record<string, { build?: string | { context?: string; dockerfile?: string } } | null> };
    for (const svc of Object.values(doc.services ?? {})) {
        const build = svc?.build;
        if (!build) continue;
        const context = path.resolve(dir, typeof build === "string" ? build : (build.context ?? "."));
        const dockerfile = path.resolve(context, (typeof build === "string" ? undefined : build.dockerfile) ?? "Dockerfile");
        fs.mkdirSync(path.dirname(dockerfile), { recursive: true });
        fs.writeFileSync(dockerfile, "FROM scratch\n");
    }
    return path.join(dir, "compose.yaml");
}

export function tempRoot(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "estimate-samples-"));
}
