import * as assert from "assert";
import * as fs from "fs";
import * as YAML from "yaml";
import { interpolate, partsToString, substituteString } from "../../provider/src/compose/interpolate";
import { corpus } from "./paths";

interface Case {
    test: string;
    template: string;
    expected?: string;
    error?: string;
}

const data = YAML.parse(fs.readFileSync(corpus("compose-go", "template", "interpolation-cases.yaml"), "utf8")) as {
    mapping: Record<string, string>;
    cases: Case[];
};
const lookup = (name: string) => data.mapping[name];

describe("interpolation: compose-go template cases", () => {
    it("has the 63 cases", () => assert.strictEqual(data.cases.length, 63));
    data.cases.forEach((c, i) => {
        it(`#${i} ${c.test}: ${JSON.stringify(c.template)}`, () => {
            if (c.error !== undefined) {
                assert.throws(() => substituteString(c.template, lookup), (e: Error) => e.message.includes(c.error!));
            } else {
                assert.strictEqual(substituteString(c.template, lookup), c.expected);
            }
        });
    });
});

describe("interpolation: unresolved references (Defang semantics)", () => {
    it("keeps plain references as parts, with literal text around them", () => {
        const r = interpolate("postgres://u:${PW}@db:5432/$DB?x=$$y", () => undefined);
        assert.deepStrictEqual(r.parts, ["postgres://u:", { ref: "PW" }, "@db:5432/", { ref: "DB" }, "?x=$y"]);
        assert.strictEqual(r.error, undefined);
    });
    it("uses defaults for operators and keeps nested references", () => {
        assert.deepStrictEqual(interpolate("${A:-${B}}", () => undefined).parts, [{ ref: "B" }]);
        assert.deepStrictEqual(interpolate("${A:+x}", () => undefined).parts, []);
        assert.deepStrictEqual(interpolate("${A-d}", (n) => (n === "A" ? "" : undefined)).parts, []);
    });
    it("splices template values returned by the lookup", () => {
        const r = interpolate("x${A}y", () => ["p", { ref: "Q" }]);
        assert.deepStrictEqual(r.parts, ["xp", { ref: "Q" }, "y"]);
        assert.strictEqual(partsToString(r.parts), "xpy");
    });
    it("stops a value at the end of its line and balances braces", () => {
        assert.strictEqual(substituteString("${A:-{\"a\":{\"b\":1}}} tail", () => undefined), "{\"a\":{\"b\":1}} tail");
        assert.strictEqual(substituteString("${A:-x}\n}", () => undefined), "x\n}");
    });
    it("reports a required variable with its message", () => {
        assert.strictEqual(interpolate("${A:?set A please}", () => undefined).error, "required variable A is missing a value: set A please");
        assert.strictEqual(interpolate("${A?}", () => "").error, undefined);
    });
});
