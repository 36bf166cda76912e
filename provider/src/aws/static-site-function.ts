// The viewer-request CloudFront Function of a static site (runtime cloudfront-js-2.0): the redirect
// rules the plan parsed, in order (a redirect answers at the edge, keeping the query string; a 200
// rule serves another path of the site), then `/dir/` → `/dir/index.html`. The rules are data in the
// code (JSON), the handler is fixed.
import type { RedirectPlan } from "../plan/types";

const HANDLER = `
var STATUS = { 301: "Moved Permanently", 302: "Found", 303: "See Other", 307: "Temporary Redirect", 308: "Permanent Redirect" };
function query(qs) {
    var parts = [];
    for (var k in qs) {
        var v = qs[k];
        var all = v.multiValue ? v.multiValue : [v];
        for (var i = 0; i < all.length; i++) parts.push(all[i].value === "" ? k : k + "=" + all[i].value);
    }
    return parts.length ? "?" + parts.join("&") : "";
}
function handler(event) {
    var request = event.request;
    var uri = request.uri;
    for (var i = 0; i < RULES.length; i++) {
        var r = RULES[i];
        var rest = null;
        if (r.p && uri.indexOf(r.f) === 0) rest = uri.slice(r.f.length);
        else if (!r.p && uri === r.f) rest = "";
        if (rest === null) continue;
        if (r.s === 200 && r.p && rest.split("/").pop().indexOf(".") >= 0) continue;
        var to = r.t.replace(":splat", rest);
        if (r.s === 200) {
            uri = to;
            break;
        }
        return { statusCode: r.s, statusDescription: STATUS[r.s], headers: { location: { value: to + query(request.querystring) } } };
    }
    if (uri.charAt(uri.length - 1) === "/") uri += "index.html";
    request.uri = uri;
    return request;
}
`;

/** The function's code: the rules as `{f: from, p: prefix, t: to, s: status}`, then the handler. */
export function siteFunctionCode(redirects: RedirectPlan[]): string {
    const rules = redirects.map((r) => ({ f: r.from, p: r.prefix, t: r.to, s: r.status }));
    return `var RULES = ${JSON.stringify(rules)};\n${HANDLER.trimStart()}`;
}
