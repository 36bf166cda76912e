// Reading compose files into canonical documents: parse → validate (JSON schema) → interpolate →
// canonical form → `extends` → `include`, with a cache so a file read twice is parsed once.
// The caller merges the documents it gets back (several -f files, includes).
import * as fs from "fs";
import * as path from "path";
import { Diagnostics, fileStart } from "./diag";
import { canonicalizeDoc, absPath } from "./canonical";
import { EnvTemplate, interpolateDoc } from "./interpolate-tree";
import { mergeDocs, mergeService, stripTags, enforceUnicity } from "./merge";
import {
    Loc, OverrideTag, RawMap, ResetTag, deepClone, entryLoc, isMap, isSeq, keyLoc, newMap, selfLoc,
    setEntryLocs, entryLocs, valueLoc, assign, has,
} from "./tree";
import { validateSchema } from "./validate";
import { isFile } from "./fs-checks";
import { Variables, readEnvFile } from "./variables";
import { finishScope } from "./scope";
import { parseYaml } from "./yaml";
import { Boundary, checkInsideProject } from "./boundary";

/** Where a group of files is loaded: its base directory and its variables. */
export interface Scope {
    workingDir: string;
    vars: Variables;
    /** Files whose `include` led here, outermost first (include cycles). */
    includeChain: string[];
    /** Where files named by the project may live (the root project's directory, also for includes). */
    boundary?: Boundary;
}

export interface SourceText {
    file: string;
    text: string;
}

export class DocumentLoader {
    /** Every file read, in order (compose files, includes, extends sources). */
    readonly files: string[] = [];
    private readonly texts = new Map<string, string>();
    /** Parses done ahead (for the project name), used once: processing mutates the documents. */
    private readonly parsed = new Map<string, ReturnType<typeof parseYaml>>();
    private readonly extendsSources = new Map<string, RawMap | null>();

    constructor(readonly diags: Diagnostics, readonly homeDir: string, inline: SourceText[] = []) {
        for (const s of inline) this.texts.set(s.file, s.text);
    }

    /** Load files in order and merge them (compose override rules). Undefined when nothing loaded. */
    loadFiles(files: string[], scope: Scope): RawMap | undefined {
        let acc: RawMap | undefined;
        for (const file of files) {
            for (const doc of this.documents(file, scope, { extendsAndInclude: true })) {
                acc = acc ? mergeDocs(acc, doc) : (stripTags(doc) as RawMap);
            }
        }
        if (acc) enforceUnicity(acc);
        return acc;
    }

    private read(file: string): string | undefined {
        const cached = this.texts.get(file);
        if (cached !== undefined) return cached;
        try {
            const text = fs.readFileSync(file, "utf8");
            this.texts.set(file, text);
            return text;
        } catch (err) {
            const e = err as NodeJS.ErrnoException;
            this.diags.error("file-not-found", e.code === "ENOENT" ? `compose file ${file} not found` : `cannot read ${file}: ${e.message}`,
                undefined, "check the path given with -f / composeFiles");
            return undefined;
        }
    }

    /** The file's documents as parsed, before any processing (for the project name). */
    rawDocuments(file: string): unknown[] {
        const text = this.read(file);
        if (text === undefined || !mayNameProject(text)) return [];
        const parsed = parseYaml(text, file);
        this.parsed.set(file, parsed);
        return parsed.docs;
    }

    private parse(file: string, text: string): ReturnType<typeof parseYaml> {
        const ahead = this.parsed.get(file);
        if (ahead) {
            this.parsed.delete(file);
            return ahead;
        }
        return parseYaml(text, file);
    }

    /** Parse, validate, interpolate and canonicalize the documents of one file. */
    documents(file: string, scope: Scope, opts: { extendsAndInclude: boolean }): RawMap[] {
        const text = this.read(file);
        if (text === undefined) return [];
        if (!this.files.includes(file)) this.files.push(file);
        const parsed = this.parse(file, text);
        this.diags.push(...parsed.diagnostics);
        if (parsed.diagnostics.some((d) => d.severity === "error")) return [];
        const out: RawMap[] = [];
        for (const doc of parsed.docs) {
            if (doc === null || doc === undefined) continue;
            if (!isMap(doc)) {
                this.diags.error("not-a-mapping", "the top level of a compose file must be a mapping", selfLoc(doc) ?? fileStart(file),
                    "start the file with keys such as 'services:'");
                continue;
            }
            const processed = this.process(doc, file, scope, opts);
            if (processed) out.push(processed);
        }
        return out;
    }

    private process(doc: RawMap, file: string, scope: Scope, opts: { extendsAndInclude: boolean }): RawMap | undefined {
        const schemaErrors = validateSchema(validationView(doc), selfLoc(doc) ?? fileStart(file), "local");
        if (schemaErrors.length > 0) {
            this.diags.push(...schemaErrors);
            return undefined;
        }
        if (has(doc, "version")) {
            this.diags.warn("obsolete-version", "the attribute 'version' is obsolete and ignored", keyLoc(doc, "version"), "remove it");
            delete doc.version;
        }
        const before = this.diags.errorCount;
        interpolateDoc(doc, scope.vars, this.diags);
        canonicalizeDoc(doc, { baseDir: scope.workingDir, homeDir: this.homeDir, diags: this.diags });
        if (this.diags.errorCount > before) return undefined;
        if (!opts.extendsAndInclude) return doc;
        this.applyExtends(doc, file, scope);
        return this.applyInclude(doc, file, scope);
    }

    // --- extends -----------------------------------------------------------------------------------

    private applyExtends(doc: RawMap, file: string, scope: Scope): void {
        const services = doc.services;
        if (!isMap(services)) return;
        for (const name of Object.keys(services)) this.extendService(name, services, file, scope, []);
    }

    private extendService(name: string, services: RawMap, file: string, scope: Scope, chain: Array<{ file: string; service: string }>): RawMap | undefined {
        const svc = services[name];
        if (!isMap(svc)) return undefined;
        const ext = svc.extends;
        if (ext === undefined || ext instanceof ResetTag) return svc;
        const extLoc = entryLoc(svc, "extends");
        const spec = ext instanceof OverrideTag ? ext.value : ext;
        if (!isMap(spec) || typeof spec.service !== "string") {
            this.diags.error("invalid-extends", `service '${name}' has an invalid 'extends'`, extLoc, "write extends: {service: NAME, file: FILE} or extends: NAME");
            delete svc.extends;
            return svc;
        }
        if (chain.some((c) => c.file === file && c.service === name)) {
            const loop = [...chain, { file, service: name }].map((c) => `${c.service} (${path.basename(c.file)})`).join(" → ");
            this.diags.error("extends-cycle", `circular 'extends': ${loop}`, extLoc, "break the loop: a service cannot extend itself, directly or through others");
            delete svc.extends;
            return svc;
        }
        const next = [...chain, { file, service: name }];
        let base: RawMap | undefined;
        if (typeof spec.file === "string") {
            const target = absPath(spec.file, { baseDir: scope.workingDir, homeDir: this.homeDir });
            if (!checkInsideProject(scope.boundary, target, "extends file", valueLoc(spec, "file") ?? extLoc, this.diags)) {
                delete svc.extends;
                return svc;
            }
            const source = this.extendsSource(target, scope, valueLoc(spec, "file") ?? extLoc);
            if (!source) {
                delete svc.extends;
                return svc;
            }
            const baseServices = isMap(source.services) ? source.services : newMap();
            if (!isMap(baseServices[spec.service])) {
                this.diags.error("extends-not-found", `service '${name}' extends '${spec.service}', which is not defined in ${spec.file}`, valueLoc(spec, "service") ?? extLoc,
                    `check the service name; ${spec.file} defines: ${Object.keys(baseServices).join(", ") || "no services"}`);
                delete svc.extends;
                return svc;
            }
            base = this.extendService(spec.service, baseServices, target, { ...scope, workingDir: path.dirname(target) }, next);
        } else {
            if (!isMap(services[spec.service])) {
                this.diags.error("extends-not-found", `service '${name}' extends '${spec.service}', which is not defined`, valueLoc(spec, "service") ?? extLoc,
                    `define service '${spec.service}' or fix the name`);
                delete svc.extends;
                return svc;
            }
            base = this.extendService(spec.service, services, file, scope, next);
        }
        delete svc.extends;
        if (!base) return svc;
        const merged = mergeService(deepClone(base), svc);
        assign(services, name, merged);
        return merged;
    }

    /** The canonical document an `extends.file` points to (its relative paths resolved against its own directory). */
    private extendsSource(file: string, scope: Scope, loc: Loc | undefined): RawMap | undefined {
        if (this.extendsSources.has(file)) return this.extendsSources.get(file) ?? undefined;
        if (!isFile(file) && !this.texts.has(file)) {
            this.diags.error("extends-file-not-found", `extends file ${file} not found`, loc, "fix the 'file' path (it is relative to the compose file's project directory)");
            this.extendsSources.set(file, null);
            return undefined;
        }
        const docs = this.documents(file, { ...scope, workingDir: path.dirname(file) }, { extendsAndInclude: false });
        let merged: RawMap | undefined;
        for (const d of docs) merged = merged ? mergeDocs(merged, d) : (stripTags(d) as RawMap);
        this.extendsSources.set(file, merged ?? null);
        return merged;
    }

    // --- include -----------------------------------------------------------------------------------

    /**
     * `include`: each entry is loaded as its own project (its directory, its env files, parent
     * variables winning) and its resources become the base this document is merged onto, so the
     * including file may extend or override them (`!override`, `!reset` work as in -f merges).
     */
    private applyInclude(doc: RawMap, file: string, scope: Scope): RawMap {
        const include = doc.include;
        delete doc.include;
        if (!isSeq(include)) return doc;
        const base = newMap(doc);
        const origin = new Map<string, string>();
        include.forEach((entry, i) => {
            const loc = entryLoc(include, i);
            if (!isMap(entry) || !isSeq(entry.path) || entry.path.length === 0) return;
            const paths = entry.path.filter((p): p is string => typeof p === "string" && p !== "");
            if (paths.length !== entry.path.length) {
                this.diags.error("include-invalid", `include entry ${i + 1}: every path must be a file name`, loc, "write each included file as a string, e.g. `- path: ./other.yaml`");
                return;
            }
            const remote = paths.find((p) => p.includes("://") || p.startsWith("git@") || p.startsWith("oci:"));
            if (remote) {
                this.diags.error("include-remote", `remote include ${remote} is not supported`, loc, "check the file out next to your compose file and include it by path");
                return;
            }
            const rel = { baseDir: scope.workingDir, homeDir: this.homeDir };
            const files = paths.map((p) => absPath(p, rel));
            const outside = files.filter((f) => !checkInsideProject(scope.boundary, f, "included file", loc, this.diags));
            if (outside.length > 0) return;
            const chain = [...scope.includeChain, file];
            if (chain.includes(files[0])) {
                const loop = [...chain, files[0]].map((f) => path.basename(f)).join(" → ");
                this.diags.error("include-cycle", `include cycle: ${loop}`, loc, "remove the include that leads back to a file already being included");
                return;
            }
            const missing = files.find((f) => !isFile(f) && !this.texts.has(f));
            if (missing) {
                this.diags.error("include-not-found", `included file ${missing} not found`, loc, "fix the path (it is relative to the including file's project directory)");
                return;
            }
            const projectDir = typeof entry.project_directory === "string" ? absPath(entry.project_directory, rel) : path.dirname(files[0]);
            if (!checkInsideProject(scope.boundary, projectDir, "include project_directory", valueLoc(entry, "project_directory") ?? loc, this.diags)) return;
            const vars = scope.vars.clone();
            const listed = entry.env_file;
            const envFiles: Array<[string, Loc | undefined]> = isSeq(listed)
                ? listed.flatMap((f, j) => (typeof f === "string" ? [[absPath(f, rel), valueLoc(listed, j) ?? loc] as [string, Loc | undefined]] : []))
                : isFile(path.join(projectDir, ".env")) ? [[path.join(projectDir, ".env"), loc]] : [];
            for (const [envFile, namedAt] of envFiles) {
                if (!checkInsideProject(scope.boundary, envFile, "env file", namedAt, this.diags)) continue;
                for (const [k, v] of readEnvFile(envFile, vars.lookup, this.diags, true, namedAt)) vars.setDefault(k, v);
            }
            const subScope: Scope = { workingDir: projectDir, vars, includeChain: chain, boundary: scope.boundary };
            const sub = this.loadFiles(files, subScope);
            if (!sub) return;
            finishScope(sub, subScope, this.diags);
            this.importResources(base, sub, files[0], origin, loc);
        });
        return mergeDocs(base, doc);
    }

    /** Add an included project's resources; two includes defining the same name differently conflict. */
    private importResources(base: RawMap, sub: RawMap, from: string, origin: Map<string, string>, loc: Loc | undefined): void {
        for (const section of ["services", "networks", "volumes", "secrets", "configs", "models"]) {
            const resources = sub[section];
            if (!isMap(resources)) continue;
            if (!isMap(base[section])) {
                assign(base, section, newMap(resources));
                setEntryLocs(base, section, entryLocs(sub, section) ?? {});
            }
            const into = base[section] as RawMap;
            for (const name of Object.keys(resources)) {
                if (has(into, name)) {
                    if (!sameValue(into[name], resources[name])) {
                        this.diags.error("include-conflict", `${section.replace(/s$/, "")} '${name}' is defined differently by ${path.basename(origin.get(`${section}/${name}`) ?? "")} and ${path.basename(from)}`,
                            keyLoc(resources, name) ?? loc, "rename one of them, or define it once and extend or override it in the including file");
                    }
                    continue;
                }
                assign(into, name, resources[name]);
                setEntryLocs(into, name, entryLocs(resources, name) ?? {});
                origin.set(`${section}/${name}`, from);
            }
        }
    }
}

/**
 * A copy for schema validation: tags resolved, null sections and null services turned into {},
 * environment templates back to the `${NAME}` text they came from.
 */
export function validationView(doc: RawMap): RawMap {
    const view = templatesAsText(stripTags(deepClone(doc))) as RawMap;
    for (const section of ["services", "networks", "volumes", "secrets", "configs", "models"]) {
        if (view[section] === null) view[section] = newMap();
    }
    if (isMap(view.services)) {
        for (const k of Object.keys(view.services)) if (view.services[k] === null) view.services[k] = newMap();
    }
    return view;
}

function templatesAsText(v: unknown): unknown {
    if (v instanceof EnvTemplate) return v.parts.map((p) => (typeof p === "string" ? p : `\${${p.ref}}`)).join("");
    if (isMap(v)) for (const k of Object.keys(v)) v[k] = templatesAsText(v[k]);
    if (isSeq(v)) v.forEach((x, i) => (v[i] = templatesAsText(x)));
    return v;
}

function sameValue(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * False only when no document of the text can have a top-level `name`: no top-level line mentions it (or
 * a merge key, or an escape), and no document is written in flow style, as an alias or with a tag. Spares
 * parsing a large file twice just to learn that it names nothing.
 */
function mayNameProject(text: string): boolean {
    return /^[{[?*!&]|^(?![#\s])[^\n]*(name|<<|\\)/m.test(text);
}
