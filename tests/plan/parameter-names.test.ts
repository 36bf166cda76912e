// Environment keys → SSM parameter names (plan/secrets.ts derivedParameter): the fold the Defang rule
// parameter-name-collision checks, and a cut past SSM's 1,011 characters that never merges two keys.
import { strict as assert } from "assert";
import { derivedParameter } from "../../provider/src/plan/secrets";

describe("plan/secrets: derived SSM parameter names", () => {
    const prefix = "/Defang/shop/dev/";

    it("folds characters SSM refuses to `_` (what parameter-name-collision refuses to merge)", () => {
        assert.equal(derivedParameter(prefix, "api", "API TOKEN"), "/Defang/shop/dev/api/API_TOKEN");
        assert.equal(derivedParameter(prefix, "api", "API.TOKEN-1"), "/Defang/shop/dev/api/API.TOKEN-1");
    });

    it("keeps keys that share a long head apart past 1,011 characters, deterministically", () => {
        const head = "K".repeat(1100);
        const a = derivedParameter(prefix, "api", `${head}A`);
        const b = derivedParameter(prefix, "api", `${head}B`);
        assert.equal(a.length, 1011);
        assert.equal(b.length, 1011);
        assert.notEqual(a, b);
        assert.equal(a, derivedParameter(prefix, "api", `${head}A`));
        assert.match(a, /^[A-Za-z0-9_.\-/]+$/);
    });
});
