// Units and short syntaxes: Go durations, byte sizes, shell words, ports, volumes.
import * as assert from "assert";
import { formatDuration, parseBytes, parseDuration } from "../../provider/src/compose/units";
import { splitShellWords } from "../../provider/src/compose/shellwords";
import { parsePortSpec, PortError } from "../../provider/src/compose/ports";
import { parseVolumeSpec, VolumeError } from "../../provider/src/compose/volumes";

describe("durations (Go syntax, plus d and w)", () => {
    it("parses", () => {
        const cases: Array<[string, number | undefined]> = [
            ["10s", 10e9], ["1m30s", 90e9], ["1h", 3600e9], ["500ms", 5e8], ["1.5s", 1.5e9], ["250us", 250e3], ["2µs", 2e3],
            ["100ns", 100], ["1d", 86400e9], ["1w", 604800e9], ["0", 0], ["-5s", -5e9], ["1h2m3s4ms", 3723004e6],
            ["10", undefined], ["s", undefined], ["10 s", undefined], ["", undefined], ["1x", undefined],
        ];
        for (const [s, ns] of cases) assert.strictEqual(parseDuration(s), ns, s);
    });
    it("formats like time.Duration.String()", () => {
        const cases: Array<[number, string]> = [[0, "0s"], [10e9, "10s"], [60e9, "1m0s"], [90e9, "1m30s"], [3600e9, "1h0m0s"], [5e8, "500ms"], [1.5e9, "1.5s"], [2e3, "2µs"], [7, "7ns"], [-5e9, "-5s"], [86400e9, "24h0m0s"]];
        for (const [ns, s] of cases) assert.strictEqual(formatDuration(ns), s, s);
    });
});

describe("byte sizes (go-units RAMInBytes)", () => {
    it("parses binary multiples, case-insensitive, optional b", () => {
        const cases: Array<[string | number, number | undefined]> = [
            ["512m", 512 * 2 ** 20], ["512M", 512 * 2 ** 20], ["2g", 2 * 2 ** 30], ["2048M", 2 * 2 ** 30], ["792Mb", 792 * 2 ** 20], ["1.5g", 1.5 * 2 ** 30],
            ["1024", 1024], ["10k", 10240], ["1KiB", 1024], ["1 GB", 2 ** 30], [1000, 1000], ["12q", undefined], ["-1m", undefined], ["m", undefined],
        ];
        for (const [s, n] of cases) assert.strictEqual(parseBytes(s), n, String(s));
    });
});

describe("command strings (go-shellwords)", () => {
    it("splits on spaces and honours quotes and escapes", () => {
        assert.deepStrictEqual(splitShellWords(`bundle exec thin -p 3000`).args, ["bundle", "exec", "thin", "-p", "3000"]);
        assert.deepStrictEqual(splitShellWords(`sh -c "echo 'a b'" ''`).args, ["sh", "-c", "echo 'a b'", ""]);
        assert.deepStrictEqual(splitShellWords(`/bin/ash -c "rm -rf /tmp/x"`).args, ["/bin/ash", "-c", "rm -rf /tmp/x"]);
        assert.deepStrictEqual(splitShellWords(`a\\ b c\\"d`).args, ["a b", 'c"d']);
        assert.deepStrictEqual(splitShellWords(`echo $(date) x`).args, ["echo", "$(date)", "x"]);
    });
    it("stops at an unquoted shell operator and says where", () => {
        assert.deepStrictEqual(splitShellWords("a && b"), { args: ["a"], stoppedAt: 2 });
        assert.deepStrictEqual(splitShellWords("sh -c 'a && b'"), { args: ["sh", "-c", "a && b"] });
    });
    it("reports unterminated quotes", () => {
        assert.ok(splitShellWords(`echo "x`).error);
        assert.ok(splitShellWords(`echo (x)`).error);
    });
});

describe("ports short syntax", () => {
    const p = (s: string) => parsePortSpec(s).map((x) => [x.host_ip ?? "", x.published ?? "", x.target, x.protocol]);
    it("parses every form", () => {
        assert.deepStrictEqual(p("80"), [["", "", 80, "tcp"]]);
        assert.deepStrictEqual(p("8080:80"), [["", "8080", 80, "tcp"]]);
        assert.deepStrictEqual(p("53:53/udp"), [["", "53", 53, "udp"]]);
        assert.deepStrictEqual(p("127.0.0.1:8001:8001"), [["127.0.0.1", "8001", 8001, "tcp"]]);
        assert.deepStrictEqual(p("127.0.0.1::80"), [["127.0.0.1", "", 80, "tcp"]]);
        assert.deepStrictEqual(p("[::1]:8080:80"), [["::1", "8080", 80, "tcp"]]);
        assert.deepStrictEqual(p("9090-9091:8080-8081"), [["", "9090", 8080, "tcp"], ["", "9091", 8081, "tcp"]]);
        assert.deepStrictEqual(p("3001-3002"), [["", "", 3001, "tcp"], ["", "", 3002, "tcp"]]);
        assert.deepStrictEqual(p("8000-8010:80"), [["", "8000-8010", 80, "tcp"]]);
        assert.deepStrictEqual(parsePortSpec("80")[0].mode, "ingress");
    });
    it("rejects what docker rejects", () => {
        for (const bad of ["", "pony", "80-81:90-93", "70000", "80/xyz", "300.1.1.1:80:80", "80:80:80:80", "[::1:80:80"]) {
            assert.throws(() => parsePortSpec(bad), PortError, bad);
        }
    });
});

describe("volumes short syntax", () => {
    it("bind vs named vs anonymous, options", () => {
        assert.deepStrictEqual(parseVolumeSpec("/var/lib/anonymous"), { type: "volume", target: "/var/lib/anonymous", volume: {} });
        assert.deepStrictEqual(parseVolumeSpec("data:/data"), { type: "volume", source: "data", target: "/data", volume: {} });
        assert.deepStrictEqual(parseVolumeSpec("./src:/app:ro"), { type: "bind", source: "./src", target: "/app", read_only: true, bind: { create_host_path: true } });
        assert.deepStrictEqual(parseVolumeSpec("~/x:/x:z,rshared"), { type: "bind", source: "~/x", target: "/x", bind: { create_host_path: true, selinux: "z", propagation: "rshared" } });
        assert.deepStrictEqual(parseVolumeSpec("data:/data:nocopy,cached"), { type: "volume", source: "data", target: "/data", volume: { nocopy: true }, consistency: "cached" });
        assert.deepStrictEqual(parseVolumeSpec("C:\\data:/data").source, "C:\\data");
        assert.strictEqual(parseVolumeSpec("data:/a/b/../c/").target, "/a/c");
    });
    it("rejects empty specs, too many colons and unknown options", () => {
        for (const bad of ["", "a:b:c:d", "data:/x:bogus", "data:"]) assert.throws(() => parseVolumeSpec(bad), VolumeError, bad);
    });
});
