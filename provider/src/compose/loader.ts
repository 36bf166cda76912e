// The compose loader: files → ComposeProject with compose (compose-go) semantics.
//
//   discovery (or -f files, or inline documents)
//   → variables (caller's map, then .env / --env-file; never the shell environment)
//   → project name (option, COMPOSE_PROJECT_NAME, `name:`, directory)
//   → per document: parse with positions → JSON schema → interpolate → canonical form → extends → include
//   → merge the documents in order → env_file / bare environment keys → typed model, normalization,
//     profiles, dependency checks.
// Every problem is a located Diagnostic; `project` is absent when there is an error.
import * as os from "os";
import * as path from "path";
import type { LoadOptions, LoadResult } from "./index";
import { Diagnostics, dedupeDiagnostics, fileStart } from "./diag";
import { discoverComposeFiles, normalizeProjectName } from "./discovery";
import { DocumentLoader, Scope, validationView } from "./documents";
import { finishScope } from "./scope";
import { refuseReservedKeys } from "./reserved-keys";
import { validateSchema } from "./validate";
import { substituteString } from "./interpolate";
import { buildProject } from "./project";
import { isMap } from "./tree";
import { isFile } from "./fs-checks";
import { checkInsideProject, projectBoundary } from "./boundary";
import { Variables, buildVariables, defaultEnvFile } from "./variables";

export function loadComposeProject(opts: LoadOptions): LoadResult {
    const result = load(opts);
    // A file read twice (included by two files, say) reports its warnings once.
    return { ...result, diagnostics: dedupeDiagnostics(result.diagnostics) };
}

/**
 * The project's name alone (option, COMPOSE_PROJECT_NAME, the files' `name:`, the directory), without
 * loading the project: for callers that need the name before the component loads it.
 */
export function composeProjectName(opts: LoadOptions): string | undefined {
    return begin(opts, new Diagnostics())?.name;
}

/** The files, project directory, variables and name: everything decided before the documents are read (undefined: reported). */
function begin(opts: LoadOptions, diags: Diagnostics) {
    const base = path.resolve(opts.workingDir ?? process.cwd());
    const inline = (opts.inline ?? []).map((d) => ({ file: path.resolve(base, d.filename), text: d.text }));
    let files: string[];
    let projectDir: string;
    if (inline.length > 0) {
        files = inline.map((d) => d.file);
        projectDir = base;
    } else if (opts.files && opts.files.length > 0) {
        files = opts.files.map((f) => path.resolve(base, f));
        projectDir = path.dirname(files[0]);
        const missing = files.filter((f) => !isFile(f));
        for (const f of missing) diags.error("file-not-found", `compose file ${f} not found`, undefined, "check the path given with -f / composeFiles");
        if (missing.length > 0) return undefined;
    } else {
        const found = discoverComposeFiles(base, diags);
        if (!found) return undefined;
        files = found;
        projectDir = path.dirname(files[0]);
    }

    const envFiles = opts.envFiles?.map((f) => path.resolve(base, f));
    const boundary = projectBoundary(projectDir, opts.allowFilesOutsideProject);
    // The default .env is read without being named: a symlink pointing out of the project is refused like
    // an env_file would be (files given with --env-file / envFiles are the caller's explicit choice).
    const dotenv = defaultEnvFile(projectDir);
    const readDotenv = envFiles !== undefined || !isFile(dotenv) || checkInsideProject(boundary, dotenv, "the default env file (.env)", fileStart(dotenv), diags);
    const vars = buildVariables(opts.environment, envFiles, readDotenv ? dotenv : undefined, diags, opts.secretVariables);
    const homeDir = opts.environment?.HOME ?? os.homedir();
    const loader = new DocumentLoader(diags, homeDir, inline);

    const name = projectName(opts, files, projectDir, vars, loader, diags);
    if (name === undefined) return undefined;
    vars.set("COMPOSE_PROJECT_NAME", name);
    return { files, projectDir, boundary, vars, loader, name };
}

function load(opts: LoadOptions): LoadResult {
    const diags = new Diagnostics();
    const started = begin(opts, diags);
    if (!started) return { diagnostics: diags.list };
    const { files, projectDir, boundary, vars, loader, name } = started;

    const scope: Scope = { workingDir: projectDir, vars, includeChain: [], boundary };
    const raw = loader.loadFiles(files, scope);
    if (!raw) {
        if (diags.errorCount === 0) {
            diags.error("empty-file", "the compose file is empty", fileStart(files[0]), "add a 'services:' section");
        }
        return { diagnostics: diags.list };
    }
    if (diags.errorCount > 0) return { diagnostics: diags.list };
    // What a partial file may leave to another (required keys, null values) is checked merged.
    diags.push(...validateSchema(validationView(raw), fileStart(files[0]), "merged"));
    if (diags.errorCount > 0) return { diagnostics: diags.list };
    finishScope(raw, scope, diags);
    refuseReservedKeys(raw, diags);
    if (diags.errorCount > 0) return { diagnostics: diags.list };
    delete raw.name;
    const project = buildProject(raw, {
        name,
        workingDir: projectDir,
        files: loader.files,
        vars,
        profiles: opts.profiles ?? [],
        normalize: !opts.skipNormalization,
        diags,
    });
    if (diags.errorCount > 0) return { diagnostics: diags.list };
    return { project, diagnostics: diags.list };
}

/** Option, then COMPOSE_PROJECT_NAME, then the last `name:` of the files, then the directory name. */
function projectName(opts: LoadOptions, files: string[], projectDir: string, vars: Variables, loader: DocumentLoader, diags: Diagnostics): string | undefined {
    if (opts.projectName !== undefined) {
        if (normalizeProjectName(opts.projectName) !== opts.projectName || opts.projectName === "") {
            diags.error("invalid-project-name", `invalid project name '${opts.projectName}': use lower-case letters, digits, '-' and '_', starting with a letter or digit`, undefined,
                `try '${normalizeProjectName(opts.projectName) || "myproject"}'`);
            return undefined;
        }
        return opts.projectName;
    }
    const fromEnv = vars.get("COMPOSE_PROJECT_NAME");
    if (typeof fromEnv === "string" && normalizeProjectName(fromEnv) !== "") return normalizeProjectName(fromEnv);
    let fromFile: string | undefined;
    for (const f of files) {
        for (const doc of loader.rawDocuments(f)) {
            if (isMap(doc) && typeof doc.name === "string" && doc.name !== "") fromFile = doc.name;
        }
    }
    if (fromFile !== undefined) {
        let interpolated = fromFile;
        try {
            interpolated = substituteString(fromFile, vars.lookup);
        } catch {
            // reported when the document itself is interpolated
        }
        const n = normalizeProjectName(interpolated);
        if (n !== "") return n;
    }
    const n = normalizeProjectName(path.basename(projectDir));
    if (n === "") {
        diags.error("invalid-project-name", "project name must not be empty", fileStart(files[0]), "add a 'name:' to the compose file or pass a project name");
        return undefined;
    }
    return n;
}
