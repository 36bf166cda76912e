// The build generates Ajv's standalone validator for the compose schema (scripts/compile-compose-schema.js);
// the built loader uses it in place of compiling the schema at every start. It must judge every
// document exactly as the compiled schema does: same verdict, same errors (paths, keywords, params,
// the schema fragments that `verbose` attaches). Compared on every corpus compose file and on broken ones.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv2020, { ValidateFunction } from "ajv/dist/2020";
import { parseAllDocuments } from "yaml";
import { CORPUS_DIR, REPO_ROOT, yamlFilesUnder } from "../support/shared";
import COMPOSE_SCHEMA from "../../provider/src/compose/schema/compose-spec.json";

const BUILT = path.join(REPO_ROOT, "bin/provider/src/compose/validate.js");

/** The file's YAML documents as plain data (files YAML cannot read are left out: the loader reports those). */
function documents(file: string): unknown[] {
    try {
        return parseAllDocuments(fs.readFileSync(file, "utf8")).flatMap((d) => (d.errors.length ? [] : [d.toJS({ maxAliasCount: 1000 })]));
    } catch {
        return [];
    }
}

/** Broken variants of a document: wrong types, unknown keys, bad enum values, in services and at the top. */
const BREAKAGES: Array<(doc: Record<string, unknown>) => void> = [
    (d) => (d.extra_top_level = 1),
    (d) => (d.services = "not a mapping"),
    (d) => {
        const services = (d.services ?? {}) as Record<string, Record<string, unknown>>;
        for (const s of Object.values(services)) {
            if (!s || typeof s !== "object") continue;
            s.hostnme = "typo";
            s.ports = [{ target: "eighty", mode: "sideways" }];
            s.healthcheck = { interval: 5, test: { not: "a list" } };
            s.deploy = { resources: { limits: { cpus: [] } } };
        }
    },
];

describe("compose: the build's generated schema validator", function () {
    this.timeout(300_000);
    // The built module: the generated file sits next to it only after `npm run build`.
    const built = require(BUILT) as { precompiled(): ValidateFunction | undefined; AJV_OPTIONS: object };
    const reference = new Ajv2020({ ...built.AJV_OPTIONS }).compile(COMPOSE_SCHEMA as object);

    it("is present and matches the schema and options (the built loader uses it)", () => {
        assert.equal(typeof built.precompiled(), "function", "bin/provider/src/compose/schema/compose-spec.validate.js missing or stale: run npm run build");
    });

    it("gives the compiled schema's verdict and errors on every corpus file, whole and broken", () => {
        const generated = built.precompiled()!;
        let compared = 0;
        let invalid = 0;
        for (const file of yamlFilesUnder(CORPUS_DIR)) {
            for (const doc of documents(file)) {
                if (!doc || typeof doc !== "object" || Array.isArray(doc)) continue;
                const variants = [doc, ...BREAKAGES.map((breakIt) => { const copy = structuredClone(doc) as Record<string, unknown>; breakIt(copy); return copy; })];
                for (const v of variants) {
                    const expected = reference(v);
                    assert.equal(generated(v), expected, file);
                    assert.deepEqual(generated.errors ?? null, reference.errors ?? null, file);
                    compared++;
                    if (!expected) invalid++;
                }
            }
        }
        assert.ok(compared > 400 && invalid > 300, `compared ${compared} documents, ${invalid} invalid`);
    });

    it("is not used when stale: a validator stamped with another digest is ignored", () => {
        const file = path.join(REPO_ROOT, "bin/provider/src/compose/schema/compose-spec.validate.js");
        const resolved = require.resolve(file);
        const saved = require.cache[resolved];
        const stale = Object.assign(() => true, { digest: "0".repeat(64) });
        require.cache[resolved] = { ...saved!, exports: stale } as NodeJS.Module;
        try {
            assert.equal(built.precompiled(), undefined);
        } finally {
            if (saved) require.cache[resolved] = saved;
            else delete require.cache[resolved];
        }
    });
});
