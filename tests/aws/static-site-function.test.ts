// The static sites' CloudFront Function, run as CloudFront runs it (a script defining `handler`): the
// redirect rules in order, `:splat`, the query string kept, 200 rules serving another path, and
// directory indexes; within CloudFront's 10 KB of code for the most rules the plan allows.
import { strict as assert } from "assert";
import * as vm from "vm";
import { siteFunctionCode } from "../../provider/src/aws/static-site-function";
import { parseRedirect } from "../../provider/src/compose/defang/static-files";
import { MAX_REDIRECT_BYTES } from "../../provider/src/plan/static-sites";
import type { RedirectPlan } from "../../provider/src/plan/types";

type Handler = (event: unknown) => { uri?: string; statusCode?: number; headers?: Record<string, { value: string }> };

function load(rules: string[]): Handler {
    const plans = rules.map((r) => {
        const p = parseRedirect(r);
        if ("error" in p) throw new Error(p.error);
        return { from: p.from, prefix: p.splat, to: p.to, status: p.status } as RedirectPlan;
    });
    const context = vm.createContext({});
    vm.runInContext(siteFunctionCode(plans), context);
    const handler = context.handler as Handler;
    // Objects made inside the function's context: compared as plain JSON.
    return (event) => JSON.parse(JSON.stringify(handler(event)));
}

const request = (uri: string, querystring: Record<string, { value: string; multiValue?: Array<{ value: string }> }> = {}) => ({ request: { uri, querystring, headers: {} } });

describe("aws/static-site-function: the viewer-request function", () => {
    const handler = load(["/old /new", "/blog/* https://blog.example.com/:splat 302", "/app/* /app/index.html 200", "/gone /"]);

    it("redirects exact and prefix paths, keeping the query string", () => {
        assert.deepEqual(handler(request("/old")), { statusCode: 301, statusDescription: "Moved Permanently", headers: { location: { value: "/new" } } });
        const r = handler(request("/blog/2024/post", { a: { value: "1" }, tag: { value: "x", multiValue: [{ value: "x" }, { value: "y" }] } }));
        assert.deepEqual([r.statusCode, r.headers!.location.value], [302, "https://blog.example.com/2024/post?a=1&tag=x&tag=y"]);
        assert.equal(handler(request("/older")).uri, "/older");
    });

    it("serves another path for 200 rules, but not for files (a path with an extension)", () => {
        assert.equal(handler(request("/app/settings/profile")).uri, "/app/index.html");
        assert.equal(handler(request("/app/main.js")).uri, "/app/main.js");
    });

    it("maps directory paths to their index.html", () => {
        assert.equal(handler(request("/")).uri, "/index.html");
        assert.equal(handler(request("/docs/")).uri, "/docs/index.html");
        assert.equal(handler(request("/docs")).uri, "/docs");
    });

    it("fits CloudFront's 10 KB of code with the most rules the plan allows", () => {
        const rules: RedirectPlan[] = [];
        for (let i = 0; JSON.stringify(rules).length < MAX_REDIRECT_BYTES - 80; i++) rules.push({ from: `/p${i}`, prefix: false, to: `/q${i}`, status: 301 });
        assert.ok(siteFunctionCode(rules).length <= 10240, String(siteFunctionCode(rules).length));
    });
});
