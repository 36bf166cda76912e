// The estimate of the storage example (examples/storage-app): every new resource type is classified,
// and with the example's usage file each one has lines whose price names its source and date; without
// usage each is listed under `unpriced` with its prices and their source. Regions without a sourced
// figure refuse it with the reason, never with us-east-1's price.
import { strict as assert } from "assert";
import * as path from "path";
import { MissingPriceError, estimateResources, loadUsageFile } from "../../provider/src/estimate";
import { TABLE_WIDTH, toJson, toTable } from "../../provider/src/estimate/format";
import { runOfflinePlan } from "../../provider/src/offline/plan";
import { MODES } from "../../provider/src/plan/modes";

const APP = path.resolve(__dirname, "../../examples/storage-app");
const STORAGE_TYPES = ["aws:efs/fileSystem:FileSystem", "aws:efs/backupPolicy:BackupPolicy", "aws:s3/bucket:Bucket", "aws:cloudfront/distribution:Distribution"];

describe("estimate: volumes, buckets and static sites (examples/storage-app)", function () {
    this.timeout(300_000);

    for (const mode of MODES) {
        it(`${mode}: every storage resource has a priced line naming its source, from the example's usage file`, async () => {
            const plan = await runOfflinePlan({ files: [path.join(APP, "compose.yaml")], mode, region: "us-east-1", environment: {} });
            assert.deepEqual(plan.diagnostics.filter((d) => d.severity === "error"), []);
            const usage = loadUsageFile(path.join(APP, "usage.yaml"));
            assert.deepEqual(usage.diagnostics, []);
            const e = estimateResources(plan.resources, { region: "us-east-1", mode, usage: usage.usage });
            assert.deepEqual(e.unpriced.filter((u) => u.reason === "unknown"), []);
            for (const type of STORAGE_TYPES) {
                const lines = e.lines.filter((l) => l.type === type);
                assert.ok(lines.length > 0, `no line for ${type}`);
                for (const l of lines) assert.match(l.source ?? "", /\(\d{4}-\d{2}-\d{2}\)$/, `${type}: ${l.description}`);
            }
            const efs = e.lines.filter((l) => l.type === "aws:efs/fileSystem:FileSystem");
            // Standard 10 GB × $0.30; IA 40 GB at the throughput mode's price; 5 GB of IA reads × $0.01.
            assert.deepEqual(efs.map((l) => l.monthly), [3, mode === "high_availability" ? 0.64 : 1, 0.05]);
            assert.deepEqual(e.lines.filter((l) => l.type === "aws:cloudfront/distribution:Distribution").map((l) => l.monthly), [12.75, 3]);
            assert.deepEqual(e.lines.filter((l) => l.type === "aws:s3/bucket:Bucket").map((l) => l.monthly), [4.6, 1.5, 0.8]);
            // The JSON lines carry the source; the table lists the sources once.
            assert.ok(toJson(e).lines.filter((l) => STORAGE_TYPES.includes(l.type)).every((l) => l.source));
            const table = toTable(e);
            assert.match(table, /Sources of the storage and CDN prices:\n {2}- AWS Amazon EFS pricing page/);
            // The sources wrap like the notes: the whole table stays within 100 columns.
            const wide = table.split("\n").filter((l) => l.length > TABLE_WIDTH);
            assert.deepEqual(wide, []);
        });
    }

    it("without usage, lists each storage resource with its prices and their source, and says + usage", async () => {
        const plan = await runOfflinePlan({ files: [path.join(APP, "compose.yaml")], mode: "balanced", region: "us-east-1", environment: {} });
        const e = estimateResources(plan.resources, { region: "us-east-1", mode: "balanced" });
        for (const type of STORAGE_TYPES) {
            const entries = e.unpriced.filter((u) => u.type === type && u.reason === "usage");
            assert.ok(entries.length > 0, type);
        }
        const detail = (type: string, name?: string) => e.unpriced.find((u) => u.type === type && (!name || u.name === name))!.detail!;
        assert.match(detail("aws:efs/fileSystem:FileSystem"), /Standard \$0\.3 per GB-month \(AWS Amazon EFS pricing page.*\(2026-03-03\)/);
        assert.match(detail("aws:s3/bucket:Bucket", "photos-storage/bucket"), /storage \$0\.023 per GB-month/);
        assert.match(detail("aws:cloudfront/distribution:Distribution"), /\$0\.085 per GB/);
        assert.ok(e.notes.some((n) => /GB stored on EFS volumes/.test(n) && /x-defang-s3 buckets/.test(n)));
    });

    it("refuses storage usage in a region without a sourced figure, with the reason", async () => {
        const plan = await runOfflinePlan({ files: [path.join(APP, "compose.yaml")], mode: "affordable", region: "eu-west-1", environment: {} });
        const usage = loadUsageFile(path.join(APP, "usage.yaml")).usage;
        assert.throws(() => estimateResources(plan.resources, { region: "eu-west-1", usage }), (err: Error) => err instanceof MissingPriceError && /efs\.standard\.gb-month/.test(err.message) && /no dated per-class EFS figure/.test(err.message));
        // CloudFront is priced by edge location, the same from every region.
        const cdnOnly = { ...usage, efs: { ...usage.efs, standardGB: 0, infrequentAccessGB: 0, infrequentAccessReadGB: 0, backupGB: 0 }, s3: { storageGB: 0, putThousands: 0, getThousands: 0 } };
        const e = estimateResources(plan.resources, { region: "eu-west-1", usage: cdnOnly });
        assert.deepEqual(e.lines.filter((l) => l.type === "aws:cloudfront/distribution:Distribution").map((l) => l.monthly), [12.75, 3]);
    });
});
