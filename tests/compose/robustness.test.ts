// Mangled compose files never crash the loader or render: every problem is a located diagnostic.
import * as assert from "assert";
import * as fs from "fs";
import { loadProject } from "../../provider/src/compose";
import { renderProject } from "../../provider/src/compose/render";
import { corpus } from "./paths";
import { tempDir } from "./helpers";

const SOURCES = [
    corpus("compose-go", "loader", "full-example.yml"),
    corpus("defang-samples", "crewai", "compose.yaml"),
    corpus("awesome-compose", "nginx-golang-mysql", "compose.yaml"),
].map((f) => fs.readFileSync(f, "utf8"));

const SNIPPETS = ["null", "[]", "{}", "1", "\"x\"", "${X}", "$$", "!reset", "!override", "*a", "&a", "<<: *a", "- x", ": :", "~", "0440",
    "yes", "-1", "1e9", "\"${A:?e}\"", "\t", "__proto__: 1", "constructor: x", "${", "[1, {a: [}]"];

describe("robustness: mutated compose files", () => {
    it("3 sources × 200 seeded mutations: no throw, every error located", () => {
        let seed = 7;
        const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
        const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
        const dir = tempDir();
        let withErrors = 0;
        for (let i = 0; i < 600; i++) {
            let s = SOURCES[i % SOURCES.length];
            for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) {
                const pos = Math.floor(rnd() * s.length);
                const r = rnd();
                if (r < 0.3) s = s.slice(0, pos) + s.slice(pos + Math.floor(rnd() * 20));
                else if (r < 0.7) {
                    const start = s.lastIndexOf("\n", pos) + 1;
                    const end = s.indexOf("\n", start);
                    const colon = s.indexOf(":", start);
                    if (colon > 0 && end > colon) s = s.slice(0, colon + 1) + " " + pick(SNIPPETS) + s.slice(end);
                } else s = s.slice(0, pos) + pick(SNIPPETS) + s.slice(pos);
            }
            const res = loadProject({ inline: [{ filename: "compose.yaml", text: s }], workingDir: dir, environment: { HOME: "/home/x" } });
            if (res.project) {
                renderProject(res.project, "json");
                renderProject(res.project, "yaml");
            }
            const errs = res.diagnostics.filter((d) => d.severity === "error");
            if (errs.length > 0) withErrors++;
            for (const d of errs) assert.ok(d.file && d.line && d.column, `unlocated ${d.code}: ${d.message}\n---\n${s}`);
        }
        assert.ok(withErrors > 50, `${withErrors} mutated files had errors`);
    });
});
