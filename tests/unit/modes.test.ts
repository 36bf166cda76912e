import { strict as assert } from "assert";
import { MODE_TABLE, parseMode } from "../../provider/src/plan/modes";

describe("mode table", () => {
    it("maps Defang's aliases", () => {
        assert.equal(parseMode("ha"), "high_availability");
        assert.equal(parseMode("staging"), "balanced");
        assert.equal(parseMode("nope"), undefined);
    });
    it("keeps backups in every mode and protects data in high_availability", () => {
        for (const m of Object.values(MODE_TABLE)) assert.ok(m.backupRetentionDays >= 1, m.mode);
        assert.ok(MODE_TABLE.high_availability.multiAz && MODE_TABLE.high_availability.deletionProtection);
    });
});
