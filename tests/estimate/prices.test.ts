// The price data is versioned and sourced: every figure names a source of its file and that source's
// date, every region file prices the same kinds of things, and the supported regions are the files.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { allPriceFiles, supportedRegions } from "../../provider/src/estimate/prices";

const DIR = path.join(__dirname, "../../provider/src/estimate/prices");
const DATE = /^\d{4}-\d{2}-\d{2}$/;

describe("estimate: price data", () => {
    it("supports exactly the regions that have a price file, us-east-1 among them", () => {
        const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, "")).sort();
        assert.deepEqual(supportedRegions(), files);
        assert.ok(files.includes("us-east-1"));
    });

    it("keeps incomplete regions as drafts: sourced figures only, not offered as supported", () => {
        const drafts = fs.readdirSync(path.join(DIR, "drafts")).filter((f) => f.endsWith(".json"));
        for (const f of drafts) {
            const d = JSON.parse(fs.readFileSync(path.join(DIR, "drafts", f), "utf8"));
            assert.equal(d.status, "draft", f);
            assert.ok(Array.isArray(d.missing) && d.missing.length > 0, `${f} says what it lacks`);
            assert.ok(!supportedRegions().includes(d.region), `${d.region} is not supported while a draft`);
            for (const [key, fig] of Object.entries<{ source: string; date: string }>(d.prices)) {
                assert.ok(d.sources[fig.source], `${f} ${key}: unknown source`);
                assert.equal(fig.date, d.sources[fig.source].date, `${f} ${key}`);
            }
        }
    });

    for (const file of allPriceFiles()) {
        describe(file.region, () => {
            it("names its region, currency and version", () => {
                assert.equal(path.basename(file.region), file.region);
                assert.equal(file.currency, "USD");
                assert.match(file.version, DATE);
            });
            it("gives every figure a known source and that source's date", () => {
                for (const [key, fig] of Object.entries(file.prices)) {
                    const src = file.sources[fig.source];
                    assert.ok(src, `${key}: unknown source '${fig.source}'`);
                    assert.match(fig.date, DATE, key);
                    assert.equal(fig.date, src.date, `${key}: date differs from its source's`);
                    assert.ok(typeof fig.usd === "number" && fig.usd > 0 && Number.isFinite(fig.usd), key);
                    assert.ok(fig.unit, key);
                }
                for (const [id, src] of Object.entries(file.sources)) {
                    assert.ok(src.title.length > 10, id);
                    assert.match(src.date, DATE, id);
                    assert.ok(["AWS", "PL", "IC", "3P", "est", "bill"].includes(src.kind), `${id}: kind ${src.kind}`);
                    assert.ok(src.date <= file.version, `${id}: dated after the file's version`);
                }
            });
            it("has every figure the engine needs whatever the plan (fixed costs of every mode)", () => {
                for (const key of ["fargate.x86.vcpu-hour", "fargate.x86.gb-hour", "fargate.arm64.vcpu-hour", "fargate.arm64.gb-hour", "fargate.ephemeral.gb-hour", "fargate.spot.discount", "alb.hour", "alb.lcu-hour", "nat.hour", "nat.gb", "ipv4.hour", "route53.zone-month", "rds.multi-az.factor", "rds.storage.gp3.single-az-gb-month", "rds.storage.gp3.multi-az-gb-month", "elasticache.valkey.factor", "logs.ingest.gb", "logs.storage.gb-month"]) {
                    assert.ok(key in file.prices, `${file.region} lacks ${key}`);
                }
            });
        });
    }
});
