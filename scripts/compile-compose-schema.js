// Build step (npm run build, after tsc): generates Ajv's standalone validator for the compose schema
// next to the compiled loader (bin/provider/src/compose/schema/compose-spec.validate.js), stamped
// with the digest of the schema and options it was made from; compose/validate.ts uses it only when
// the digest matches, and compiles the schema itself otherwise.
const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020").default;
const standalone = require("ajv/dist/standalone").default;

const root = path.join(__dirname, "..");
const compiled = path.join(root, "bin/provider/src/compose");
const { AJV_OPTIONS, schemaDigest } = require(path.join(compiled, "validate.js"));
// The copy validate.js imports (and digests), so the code and its stamp come from one file.
const schema = require(path.join(compiled, "schema/compose-spec.json"));

const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true } });
const code = standalone(ajv, ajv.compile(schema));
const out = path.join(compiled, "schema/compose-spec.validate.js");
fs.writeFileSync(out, `${code}\nmodule.exports.digest = ${JSON.stringify(schemaDigest())};\n`);
