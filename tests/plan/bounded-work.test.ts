// Bounded work on hostile values: a 200k-character environment value next to a managed store plans
// in well under 2 s (the URL scan was quadratic: an 80 KB value took ~20 s).
import { strict as assert } from "assert";
import { planDeployment } from "../../provider/src/plan";
import { parseUrl } from "../../provider/src/plan/clients";
import { MiB, bare, host, opts, project, resources, svc } from "./fixtures";

describe("plan: bounded work on long values", () => {
    it("parseUrl finds the first URL and is linear on long runs of scheme characters", () => {
        assert.deepEqual(parseUrl("x postgres://u:p@db:5432/app?sslmode=require"), { scheme: "postgres", host: "db", query: "?sslmode=require" });
        assert.equal(parseUrl("9://nope")?.scheme, undefined);
        assert.equal(parseUrl("1a2://h")?.scheme, "a2");
        const start = Date.now();
        assert.equal(parseUrl("a".repeat(200_000)), undefined);
        assert.equal(parseUrl("a".repeat(200_000) + "://h")?.host, "h");
        assert.ok(Date.now() - start < 500, `${Date.now() - start} ms`);
    });

    it("a 200k-character value with a managed store plans in < 2 s", () => {
        const db = svc("db", { image: "postgres:16", environment: { POSTGRES_PASSWORD: bare("POSTGRES_PASSWORD") }, ports: [host(5432)], extensions: { "x-defang-postgres": true }, deploy: resources(0.5, 512 * MiB) });
        const app = svc("app", { image: "ghcr.io/acme/app:1", environment: { BLOB: "a".repeat(200_000), DATABASE_URL: "postgres://db:5432/app" }, deploy: resources(0.5, 512 * MiB) });
        const start = Date.now();
        const r = planDeployment(project([db, app]), opts("affordable"));
        const ms = Date.now() - start;
        // Too big for one task definition: a located error, found fast, not a hang.
        assert.ok(r.diagnostics.some((d) => d.code === "aws-quota-exceeded"), JSON.stringify(r.diagnostics));
        assert.ok(ms < 2000, `${ms} ms`);
    });
});
