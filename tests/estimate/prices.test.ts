// The price data is versioned and sourced: every figure names a source of its file and that source's
// date, every supported region prices (or derives) every key us-east-1 prices or names it in
// `unpriced` with the reason, never a fixed cost every plan needs; the supported regions are the files.
// Regions still missing fixed costs wait in drafts/ with the exact list of keys they lack.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { allPriceFiles, derivable, MissingPriceError, PriceBook, PriceFile, supportedRegions, unpricedKeys } from "../../provider/src/estimate/prices";

const DIR = path.join(__dirname, "../../provider/src/estimate/prices");
const DRAFTS = path.join(DIR, "drafts");
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KINDS = ["AWS", "PL", "IC", "3P", "est", "bill"];
const FILE_FIELDS = ["region", "location", "currency", "version", "compiled", "sources", "prices"];
/** Fixed costs of every mode: a supported region must price these whatever it leaves unpriced. */
const ESSENTIAL = ["fargate.x86.vcpu-hour", "fargate.x86.gb-hour", "fargate.arm64.vcpu-hour", "fargate.arm64.gb-hour", "fargate.spot.discount", "alb.hour", "alb.lcu-hour", "nat.hour", "nat.gb", "ipv4.hour", "route53.zone-month", "rds.multi-az.factor", "rds.storage.gp3.single-az-gb-month", "elasticache.valkey.factor", "logs.ingest.gb", "logs.storage.gb-month"];

interface DraftFile extends PriceFile {
    status: string;
    missing: string[];
}

const reference = (): PriceFile => {
    const ref = allPriceFiles().find((f) => f.region === "us-east-1");
    assert.ok(ref, "us-east-1 is the reference region");
    return ref;
};

function readDrafts(): { file: string; data: DraftFile }[] {
    if (!fs.existsSync(DRAFTS)) return [];
    return fs
        .readdirSync(DRAFTS)
        .filter((f) => f.endsWith(".json"))
        .map((file) => ({ file, data: JSON.parse(fs.readFileSync(path.join(DRAFTS, file), "utf8")) as DraftFile }));
}

/** Every figure has a known source and that source's date; every source (some only corroborate, in notes) is dated, typed and not newer than the file. */
function assertSourced(file: PriceFile): void {
    const where = file.region;
    assert.equal(file.currency, "USD", where);
    assert.match(file.version, DATE, where);
    for (const [key, fig] of Object.entries(file.prices)) {
        const src = file.sources[fig.source];
        assert.ok(src, `${where} ${key}: unknown source '${fig.source}'`);
        assert.match(fig.date, DATE, `${where} ${key}`);
        assert.equal(fig.date, src.date, `${where} ${key}: date differs from its source's`);
        assert.ok(typeof fig.usd === "number" && fig.usd > 0 && Number.isFinite(fig.usd), `${where} ${key}`);
        assert.ok(fig.unit, `${where} ${key}`);
    }
    for (const [id, src] of Object.entries(file.sources)) {
        assert.ok(src.title.length > 10, `${where} ${id}`);
        assert.match(src.date, DATE, `${where} ${id}`);
        assert.ok(KINDS.includes(src.kind), `${where} ${id}: kind ${src.kind}`);
        assert.ok(src.date <= file.version, `${where} ${id}: dated after the file's version`);
    }
}

/** A figure for the same key means the same thing in every region: same unit. */
function assertSameUnits(file: PriceFile): void {
    const ref = reference();
    for (const [key, fig] of Object.entries(file.prices)) {
        const theirs = ref.prices[key];
        assert.ok(theirs, `${file.region} ${key}: not a key of us-east-1.json`);
        assert.equal(fig.unit, theirs.unit, `${file.region} ${key}: unit differs from us-east-1`);
    }
}

describe("estimate: price data", () => {
    it("supports exactly the regions that have a price file, us-east-1 among them", () => {
        const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, "")).sort();
        assert.deepEqual(supportedRegions(), files);
        assert.ok(files.includes("us-east-1"));
    });

    for (const file of allPriceFiles()) {
        describe(file.region, () => {
            it("keeps the file format: region, location, currency, version, compiled, sources, prices (and unpriced)", () => {
                const fields = Object.keys(file).filter((k) => k !== "unpriced");
                assert.deepEqual(fields.sort(), [...FILE_FIELDS].sort());
                assert.equal(path.basename(file.region), file.region);
                assert.ok(fs.existsSync(path.join(DIR, `${file.region}.json`)), `${file.region}.json names its region`);
            });
            it("gives every figure a known source and that source's date", () => {
                assertSourced(file);
            });
            it("prices or derives every key of us-east-1.json, in the same units, or names it unpriced with the reason", () => {
                const lacking = unpricedKeys(file, reference());
                assert.deepEqual(Object.keys(file.unpriced ?? {}).sort(), lacking, `${file.region}: 'unpriced' is not the exact list of keys without a figure`);
                for (const [key, why] of Object.entries(file.unpriced ?? {})) assert.ok(why.length > 20, `${file.region} ${key}: say why it is unpriced`);
                assertSameUnits(file);
            });
            it("prices every fixed cost the engine needs whatever the plan (every mode, no managed store)", () => {
                for (const key of ESSENTIAL) assert.ok(key in file.prices || derivable(file, key), `${file.region} lacks ${key}`);
            });
            it("refuses an unpriced figure with its reason and the regions that price it", () => {
                const [key, why] = Object.entries(file.unpriced ?? {})[0] ?? [];
                if (!key) return;
                assert.throws(
                    () => PriceBook.forRegion(file.region).usd(key, "the figure"),
                    (e: Error) => e instanceof MissingPriceError && e.message.includes(why) && /estimate in us-east-1/.test(e.message),
                );
            });
        });
    }

    it("derives only Multi-AZ RDS figures, and only from their Single-AZ price and the Multi-AZ factor", () => {
        const fig = { usd: 1, unit: "instance-hour", source: "s", date: "2026-01-01" };
        const file = (keys: string[]): PriceFile => ({ ...reference(), prices: Object.fromEntries(keys.map((k) => [k, fig])) });
        const key = "rds.postgres.db.m6g.large.multi-az-hour";
        assert.equal(derivable(file(["rds.postgres.db.m6g.large.single-az-hour", "rds.multi-az.factor"]), key), true);
        assert.equal(derivable(file(["rds.postgres.db.m6g.large.single-az-hour"]), key), false);
        assert.equal(derivable(file(["rds.multi-az.factor"]), key), false);
        assert.equal(derivable(file(["rds.storage.gp3.single-az-gb-month", "rds.multi-az.factor"]), "rds.storage.gp3.multi-az-gb-month"), true);
        assert.equal(derivable(file(["rds.storage.gp2.single-az-gb-month", "rds.multi-az.factor"]), "rds.storage.gp3.multi-az-gb-month"), false);
        assert.equal(derivable(file(["docdb.db.r6g.large.hour", "rds.multi-az.factor"]), "docdb.db.r6g.large.multi-az-hour"), false);
        const book = new PriceBook(file(["rds.storage.gp3.single-az-gb-month", "rds.multi-az.factor"]));
        assert.equal(book.usd("rds.storage.gp3.multi-az-gb-month", "storage"), 1);
        assert.equal(book.isDerived("rds.storage.gp3.multi-az-gb-month"), true);
    });

    describe("drafts", () => {
        const drafts = readDrafts();

        it("are not offered as supported regions and name their region in their file name", () => {
            for (const { file, data } of drafts) {
                assert.equal(data.status, "draft", file);
                assert.equal(file, `${data.region}.json`);
                assert.ok(!supportedRegions().includes(data.region), `${data.region} is not supported while a draft`);
            }
        });

        it("keep the file format of a supported region, plus status and missing", () => {
            for (const { file, data } of drafts) {
                assert.deepEqual(Object.keys(data).sort(), [...FILE_FIELDS, "status", "missing"].sort(), file);
            }
        });

        it("hold sourced figures only, each with its source's date, in us-east-1's units", () => {
            for (const { data } of drafts) {
                assertSourced(data);
                assertSameUnits(data);
            }
        });

        it("list exactly the us-east-1 keys they still lack (a complete draft must be promoted)", () => {
            for (const { file, data } of drafts) {
                const lacking = unpricedKeys(data, reference());
                assert.deepEqual([...data.missing].sort(), lacking, `${file}: 'missing' is not the exact list of unpriced keys`);
                assert.ok(data.missing.length > 0, `${file} is complete: move it out of drafts/ and load it in prices/index.ts`);
            }
        });
    });
});
