// Interpolation is bounded like YAML aliases: .env variables that double each other stop at 1 MiB per
// value (16 MiB per project) with a located `interpolation-too-large` error, quickly and in little memory.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadProject } from "../../provider/src/compose";
import { parseDotenv } from "../../provider/src/compose/dotenv";
import { MAX_INTERPOLATED_VALUE, interpolate } from "../../provider/src/compose/interpolate";

/** `A` then 60 lines each doubling the previous: 2^60 characters if nothing stopped it. */
function doublingEnv(lines = 60): string {
    const out = ["A=xxxxxxxxxxxxxxxx"];
    for (let i = 1; i <= lines; i++) out.push(`V${i}=\${${i === 1 ? "A" : `V${i - 1}`}}\${${i === 1 ? "A" : `V${i - 1}`}}`);
    return out.join("\n") + "\n";
}

describe("compose: interpolation size caps", () => {
    it("a value that grows past 1 MiB is cut with tooLarge, not built", () => {
        const big = "y".repeat(600 * 1024);
        const r = interpolate("${B}${B}${B}${B}", (n) => (n === "B" ? big : undefined));
        assert.equal(r.tooLarge, true);
        assert.match(r.error ?? "", /1 MiB/);
        assert.ok(r.parts.reduce((n, p) => n + (typeof p === "string" ? p.length : 0), 0) <= 2 * MAX_INTERPOLATED_VALUE);
        // Just under the cap is fine.
        assert.equal(interpolate("${B}", (n) => (n === "B" ? big : undefined)).tooLarge, undefined);
    });

    it("a .env doubling bomb ends at the line that passes the cap", () => {
        const start = Date.now();
        const r = parseDotenv(doublingEnv());
        assert.equal(r.error?.code, "interpolation-too-large");
        // 16 · 2^16 = 1 MiB: the 17th doubling (line 18) is the first past it.
        assert.equal(r.error?.line, 18);
        assert.ok(Date.now() - start < 2000);
    });

    it("is a located error in validate's load, with no value in the message", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-caps-"));
        try {
            fs.writeFileSync(path.join(dir, ".env"), doublingEnv());
            fs.writeFileSync(path.join(dir, "compose.yaml"), "services:\n  web:\n    image: nginx\n    environment:\n      X: ${V10}${V10}\n");
            const r = loadProject({ workingDir: dir });
            const d = r.diagnostics.find((x) => x.code === "interpolation-too-large");
            assert.ok(d, JSON.stringify(r.diagnostics));
            assert.equal(d.severity, "error");
            assert.equal(path.basename(d.file ?? ""), ".env");
            assert.equal(d.line, 18);
            assert.equal(d.column, 1);
            assert.ok(!d.message.includes("xxxx"), d.message);
            assert.ok(d.hint);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("many values each under the cap stop at 16 MiB for the project, located at the value", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-caps-"));
        try {
            const lines = ["services:", "  web:", "    image: nginx", "    environment:"];
            for (let i = 0; i < 40; i++) lines.push(`      K${i}: \${BIG}`);
            fs.writeFileSync(path.join(dir, "compose.yaml"), lines.join("\n") + "\n");
            const r = loadProject({ workingDir: dir, environment: { BIG: "z".repeat(MAX_INTERPOLATED_VALUE - 10) } });
            const d = r.diagnostics.find((x) => x.code === "interpolation-too-large");
            assert.ok(d, JSON.stringify(r.diagnostics.map((x) => x.code)));
            assert.match(d.message, /16 MiB/);
            assert.equal(path.basename(d.file ?? ""), "compose.yaml");
            assert.ok((d.line ?? 0) > 4);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
