#!/usr/bin/env node
// Fills a region's RDS PostgreSQL and ElastiCache class prices, and the Linux on-demand prices of the
// EC2 GPU types (g4dn, g5, g6) the planner may put GPU services on, from instances.vantage.sh's data, as
// the Go library ec2-instances-info embeds it at a pinned version (scripts/prices/classes prints them),
// so the figures are reproducible. RDS and ElastiCache: only the classes us-east-1.json prices; EC2: every
// GPU type the data has in the region. A figure is written only where the file has none yet; every
// figure keeps the one source entry below. Run from the repository root:
//
//   node scripts/prices/import-instance-classes.js <price-file.json> [--check]
//
// --check writes nothing and exits 1 when a figure in the file differs from the data (used on
// us-east-1.json, whose figures come from AWS Price List extracts, to vouch for this source).
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const VERSION = "v0.0.0-20250528091325-32acf84f42eb"; // as pinned in classes/go.mod
const SOURCE_ID = "vantage-classes-20250528";
const SOURCE = {
    title: `instances.vantage.sh on-demand price data (rds/instances.json PostgreSQL Single-AZ, cache/instances.json Redis OSS and Valkey, instances.json EC2 Linux), per region, as embedded in the Go library github.com/cristim/ec2-instances-info ${VERSION}`,
    url: "https://instances.vantage.sh",
    date: "2025-05-28",
    kind: "3P",
};
const REFERENCE = path.join(__dirname, "../../provider/src/estimate/prices/us-east-1.json");
// AWS Price List usage types carry a region prefix everywhere but us-east-1.
const USAGE_PREFIX = { "us-east-1": "", "us-west-2": "USW2-", "eu-west-1": "EU-" };

/** { postgres, redis, valkey, ec2 }: instance class → on-demand $/hour in `region`. */
function classPrices(region) {
    const out = execFileSync("go", ["run", ".", "-region", region], { encoding: "utf8", cwd: path.join(__dirname, "classes"), stdio: ["ignore", "pipe", "ignore"] });
    return JSON.parse(out);
}

/** Every figure this source gives for `region`, keyed like the price files. */
function figures(region) {
    const prices = classPrices(region);
    const ref = JSON.parse(fs.readFileSync(REFERENCE, "utf8")).prices;
    const prefix = USAGE_PREFIX[region] ?? "";
    const usageType = (key) => (ref[key].usageType ? prefix + ref[key].usageType : undefined);
    const out = {};
    const ratios = new Set();
    for (const key of Object.keys(ref)) {
        let m = /^rds\.postgres\.(.+)\.single-az-hour$/.exec(key);
        if (m) {
            const usd = prices.postgres[m[1]];
            if (usd) out[key] = { usd, unit: ref[key].unit, usageType: usageType(key) };
            continue;
        }
        m = /^elasticache\.redis\.(.+)\.hour$/.exec(key);
        if (m) {
            const usd = prices.redis[m[1]];
            const valkey = prices.valkey[m[1]];
            if (usd) out[key] = { usd, unit: ref[key].unit, usageType: usageType(key) };
            if (usd && valkey) ratios.add(Math.round((valkey / usd) * 1000) / 1000);
        }
    }
    for (const [type, usd] of Object.entries(prices.ec2 ?? {})) {
        out[`ec2.${type}.hour`] = { usd, unit: "instance-hour", usageType: `${prefix}BoxUsage:${type}` };
    }
    // One Valkey factor per region, and only when every node type agrees on it.
    if (ratios.size === 1) out["elasticache.valkey.factor"] = { usd: [...ratios][0], unit: ref["elasticache.valkey.factor"].unit, note: "Valkey on-demand ÷ Redis OSS on-demand, the same for every node type of this region" };
    return out;
}

function main() {
    const [file, flag] = process.argv.slice(2);
    if (!file) throw new Error("usage: import-instance-classes.js <price-file.json> [--check]");
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    const found = figures(doc.region);
    if (flag === "--check") {
        let diffs = 0;
        for (const [key, fig] of Object.entries(found)) {
            const have = doc.prices[key];
            if (have && Math.abs(have.usd - fig.usd) > 1e-9) {
                diffs++;
                console.log(`${key}: file ${have.usd}, data ${fig.usd}`);
            }
        }
        const compared = Object.keys(found).filter((k) => k in doc.prices).length;
        console.log(`${doc.region}: ${compared - diffs} of ${compared} figures equal the data`);
        process.exitCode = diffs ? 1 : 0;
        return;
    }
    doc.sources[SOURCE_ID] = SOURCE;
    let written = 0;
    for (const [key, fig] of Object.entries(found)) {
        if (key in doc.prices) continue; // a figure already sourced (a Price List row, say) stays
        written++;
        doc.prices[key] = { usd: fig.usd, unit: fig.unit, source: SOURCE_ID, date: SOURCE.date, ...(fig.usageType ? { usageType: fig.usageType } : {}), ...(fig.note ? { note: fig.note } : {}) };
    }
    doc.prices = Object.fromEntries(Object.entries(doc.prices).sort(([a], [b]) => a.localeCompare(b)));
    if (Array.isArray(doc.missing)) doc.missing = doc.missing.filter((k) => !(k in doc.prices));
    for (const key of Object.keys(doc.unpriced ?? {})) if (key in doc.prices) delete doc.unpriced[key];
    fs.writeFileSync(file, JSON.stringify(doc, null, 2) + "\n");
    console.log(`${doc.region}: ${written} figures written from ${SOURCE_ID}`);
}

main();
