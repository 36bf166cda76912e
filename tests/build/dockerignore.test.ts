// .dockerignore semantics as Docker applies them (docs.docker.com "Build context: .dockerignore files"):
// a table of patterns × paths, plus the pruning that lets the walk skip ignored directories.
import { strict as assert } from "assert";
import { IgnoreMatcher, IgnoreSyntaxError, parseDockerignore } from "../../provider/src/build/dockerignore";

const matcher = (text: string) => new IgnoreMatcher(parseDockerignore(text));

interface Case {
    ignore: string;
    excluded: string[];
    kept: string[];
}

const CASES: Record<string, Case> = {
    "a bare name matches at the root and everything below it": {
        ignore: "node_modules",
        excluded: ["node_modules", "node_modules/a/index.js"],
        kept: ["src/node_modules/x.js", "node_modules2", "my-node_modules"],
    },
    "`*` stays within one segment": {
        ignore: "*/temp*",
        excluded: ["somedir/temporary.txt", "somedir/temp", "a/temp/deep.txt"],
        kept: ["temp", "temporary.txt", "a/b/temp"],
    },
    "two levels of `*`": { ignore: "*/*/temp*", excluded: ["a/b/temp.txt"], kept: ["a/temp.txt", "temp.txt"] },
    "`?` is one character, not a slash": { ignore: "temp?", excluded: ["tempa", "tempb"], kept: ["temp", "tempab"] },
    "`**` spans any number of directories, none included": {
        ignore: "**/*.go",
        excluded: ["main.go", "cmd/x/main.go", "a/b/c/d.go"],
        kept: ["main.go.txt", "go/readme"],
    },
    "`**` in the middle": { ignore: "a/**/z", excluded: ["a/z", "a/b/z", "a/b/c/z/file"], kept: ["z", "b/a/z"] },
    "`**` at the end takes what is below, not the directory itself": { ignore: "build/**", excluded: ["build/x", "build/a/b"], kept: ["build", "builder/x"] },
    "`!` re-includes, the last matching line wins": {
        ignore: "*.md\n!README*.md\nREADME-secret.md",
        excluded: ["CHANGES.md", "README-secret.md", "x.md/inner"],
        kept: ["README.md", "README-public.md", "docs/CHANGES.md", "x.mdx"],
    },
    "`!` before the exclusion is overridden": { ignore: "!keep.txt\n*.txt", excluded: ["keep.txt", "other.txt"], kept: ["keep.md"] },
    "`!` re-includes a file inside an excluded directory": {
        ignore: "docs\n!docs/keep.md",
        excluded: ["docs", "docs/other.md", "docs/sub/x"],
        kept: ["docs/keep.md"],
    },
    "leading `/`, `./`, trailing `/` and `..` are cleaned away": {
        ignore: "/secrets\n./tmp/\nx/../cache",
        excluded: ["secrets/key.pem", "tmp/a", "cache/b"],
        kept: ["app/secrets", "x/cache", "tmpfile"],
    },
    "comments and blank lines; only a line starting with # is a comment": {
        ignore: "# a comment\n\n   \n  spaced.txt  \n #notacomment",
        excluded: ["spaced.txt", "#notacomment"],
        kept: ["# a comment", "a comment"],
    },
    "character classes and escapes": {
        ignore: "[a-c].txt\nlog[^0-9].txt\n\\*.lit\nfile\\?",
        excluded: ["a.txt", "c.txt", "logx.txt", "*.lit", "file?"],
        kept: ["d.txt", "x.lit", "filex", "log1.txt"],
    },
    "regex characters are literal": { ignore: "a+b.(c)|{d}$", excluded: ["a+b.(c)|{d}$"], kept: ["aab.(c)|{d}$", "a+bx(c)|{d}$"] },
    "Windows line endings": { ignore: "dist\r\n*.log\r\n", excluded: ["dist/a.js", "x.log"], kept: ["src/a.js"] },
};

describe("build/dockerignore: Docker's pattern semantics", () => {
    for (const [title, c] of Object.entries(CASES)) {
        it(title, () => {
            const m = matcher(c.ignore);
            for (const p of c.excluded) assert.equal(m.ignores(p), true, `${JSON.stringify(c.ignore)} should exclude ${p}`);
            for (const p of c.kept) assert.equal(m.ignores(p), false, `${JSON.stringify(c.ignore)} should keep ${p}`);
        });
    }

    it("records each pattern's line and whether it re-includes", () => {
        const patterns = parseDockerignore("# c\n*.log\n\n! keep.log\n");
        assert.deepEqual(
            patterns.map((p) => [p.text, p.negated, p.line]),
            [
                ["*.log", false, 2],
                ["keep.log", true, 4],
            ],
        );
    });

    it("rejects an unclosed character class with its line", () => {
        assert.throws(
            () => parseDockerignore("ok\nbad[abc\n"),
            (err: unknown) => err instanceof IgnoreSyntaxError && err.line === 2 && /bad\[abc/.test(err.message),
        );
    });

    describe("pruning ignored directories", () => {
        it("prunes every ignored directory when nothing is re-included", () => {
            assert.equal(matcher("node_modules\n.git").prunes("node_modules"), true);
        });
        it("prunes when the `!` patterns cannot reach inside the directory", () => {
            const m = matcher("node_modules\ndocs\n!docs/keep.md");
            assert.equal(m.prunes("node_modules"), true);
            assert.equal(m.prunes("docs"), false);
        });
        it("never prunes under a `**` re-include or a re-include of the directory itself", () => {
            assert.equal(matcher("vendor\n!**/LICENSE").prunes("vendor"), false);
            assert.equal(matcher("vendor\n!vendor").prunes("vendor/x"), false);
            assert.equal(matcher("a\n!*/keep").prunes("a"), false);
            assert.equal(matcher("a\n!b*/keep").prunes("a"), true);
        });
    });
});
