import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { createAliasRecords, createCertificates } from "../../provider/src/aws/certificates";
import { parentDomains } from "../../provider/src/aws/certificates-zones";
import type { CertificatePlan } from "../../provider/src/plan/types";
import { planFor } from "./fixtures";
import { ofType, one, resolve, runAws } from "./harness";

const CERT = "aws:acm/certificate:Certificate";
const RECORD = "aws:route53/record:Record";
const ALB = { dnsName: pulumi.output("app-lb-123.us-east-1.elb.amazonaws.com"), zoneId: pulumi.output("Z35SXDOTRQ7X7K") };

/** Only these zones exist: every other name the lookup tries is missing. */
function zones(existing: Record<string, string>, tried: string[]): Record<string, string | null> {
    const out: Record<string, string | null> = {};
    for (const d of tried) for (const p of parentDomains(d)) out[p] = null;
    return { ...out, ...existing };
}

async function certificates(plans: CertificatePlan[], hostedZones: Record<string, string | null>, dualstack = false) {
    return runAws(
        planFor("balanced"),
        async (ctx) => {
            const issued = await createCertificates(ctx, plans);
            const records = createAliasRecords(ctx, plans, { ...ALB, dualstack });
            return { issued, records };
        },
        { run: { hostedZones } },
    );
}

describe("aws-stores: domainname → ACM certificates and Route 53 records", () => {
    it("one DNS-validated certificate per zone, names found by walking up to the zone", async () => {
        const plans: CertificatePlan[] = [{ service: "web", domains: ["app.example.com", "www.app.example.com"] }];
        const run = await certificates(plans, zones({ "example.com": "ZEXAMPLE" }, plans[0].domains));
        const cert = one(run, CERT).inputs;
        assert.equal(cert.domainName, "app.example.com");
        assert.deepEqual(cert.subjectAlternativeNames, ["www.app.example.com"]);
        assert.equal(cert.validationMethod, "DNS");
        const lookups = run.invokes.filter((i) => i.token === "aws:route53/getZone:getZone").map((i) => i.inputs.name);
        assert.deepEqual(lookups, ["app.example.com", "example.com", "www.app.example.com"], "each candidate looked up once, longest first");
        const validations = ofType(run, RECORD).filter((r) => r.name.includes("cert-record"));
        assert.equal(validations.length, 2);
        for (const v of validations) {
            assert.equal(v.inputs.zoneId, "ZEXAMPLE");
            assert.equal(v.inputs.type, "CNAME");
            assert.equal(v.inputs.ttl, 60);
            assert.equal(v.inputs.allowOverwrite, true);
            assert.match(v.inputs.name as string, /^_[0-9a-f]{32}\.(www\.)?app\.example\.com\.$/);
            assert.match((v.inputs.records as string[])[0], /\.acm-validations\.aws\.$/);
        }
        const validation = one(run, "aws:acm/certificateValidation:CertificateValidation").inputs;
        assert.deepEqual(
            [...(validation.validationRecordFqdns as string[])].sort(),
            validations.map((v) => (v.inputs.name as string).replace(/\.$/, "")).sort(),
        );
        const [issued] = run.result.issued;
        assert.deepEqual(issued.domains, ["app.example.com", "www.app.example.com"]);
        assert.equal(await resolve(issued.certificateArn), validation.certificateArn);
        assert.match(validation.certificateArn as string, /^arn:aws:acm:us-east-1:123456789012:certificate\//);
        assert.deepEqual(run.warnings, []);
    });

    it("alias A records to the load balancer for every name with a zone, AAAA too when dualstack", async () => {
        const plans: CertificatePlan[] = [{ service: "web", domains: ["app.example.com", "www.app.example.com"] }];
        for (const dualstack of [false, true]) {
            const run = await certificates(plans, zones({ "example.com": "ZEXAMPLE" }, plans[0].domains), dualstack);
            const aliases = ofType(run, RECORD).filter((r) => /[-/]alias6?[/:]/.test(r.name));
            assert.equal(aliases.length, dualstack ? 4 : 2);
            for (const a of aliases) {
                assert.equal(a.inputs.zoneId, "ZEXAMPLE");
                assert.ok(["A", "AAAA"].includes(a.inputs.type as string));
                assert.deepEqual(a.inputs.aliases, [{ name: "app-lb-123.us-east-1.elb.amazonaws.com", zoneId: "Z35SXDOTRQ7X7K", evaluateTargetHealth: true }]);
                assert.equal(a.inputs.allowOverwrite, undefined, "never clobbers an existing record");
            }
            assert.deepEqual(aliases.filter((a) => a.inputs.type === "A").map((a) => a.inputs.name).sort(), ["app.example.com", "www.app.example.com"]);
        }
    });

    it("a wildcard and its apex share one validation record", async () => {
        const plans: CertificatePlan[] = [{ domains: ["*.example.com", "example.com"] }];
        const run = await certificates(plans, zones({ "example.com": "ZEXAMPLE" }, plans[0].domains));
        const cert = one(run, CERT);
        assert.equal(cert.name, "app-domain-cert:wildcard.example.com");
        assert.equal(cert.inputs.domainName, "*.example.com");
        assert.deepEqual(cert.inputs.subjectAlternativeNames, ["example.com"]);
        assert.equal(ofType(run, RECORD).filter((r) => r.name.includes("cert-record")).length, 1);
    });

    it("names in two zones get two certificates, each validated in its own zone", async () => {
        const plans: CertificatePlan[] = [{ service: "web", domains: ["shop.example.com", "shop.example.org"] }];
        const run = await certificates(plans, zones({ "example.com": "ZCOM", "example.org": "ZORG" }, plans[0].domains));
        const certs = ofType(run, CERT).map((c) => c.inputs.domainName).sort();
        assert.deepEqual(certs, ["shop.example.com", "shop.example.org"]);
        const validationZones = ofType(run, RECORD).filter((r) => r.name.includes("cert-record")).map((r) => r.inputs.zoneId).sort();
        assert.deepEqual(validationZones, ["ZCOM", "ZORG"]);
        assert.equal(run.result.issued.length, 2);
    });

    it("no zone: a warning that says what to do, no certificate and no record for that name, the others unaffected", async () => {
        const plans: CertificatePlan[] = [
            { service: "web", domains: ["app.example.com"] },
            { service: "blog", domains: ["blog.nozone.dev"] },
        ];
        const run = await certificates(plans, zones({ "example.com": "ZEXAMPLE" }, ["app.example.com", "blog.nozone.dev"]));
        assert.deepEqual(ofType(run, CERT).map((c) => c.inputs.domainName), ["app.example.com"]);
        assert.equal(run.result.issued.length, 1);
        assert.ok(!ofType(run, RECORD).some((r) => r.inputs.name === "blog.nozone.dev"));
        assert.equal(run.warnings.length, 1);
        const w = run.warnings[0];
        assert.match(w, /blog: no public Route 53 hosted zone found for blog\.nozone\.dev/);
        assert.match(w, /\[domain-no-zone\]/);
        assert.match(w, /over HTTP/);
        assert.match(w, /create a public hosted zone/);
        assert.match(w, /domain\.zoneId/);
        assert.match(w, /domain\.certificateArn/);
        assert.match(w, /CNAME .* loadBalancerDnsName/);
    });

    it("a given zone id is used for the names inside it; a name outside it is looked up", async () => {
        const plans: CertificatePlan[] = [{ service: "web", domains: ["shop.example.com", "shop.other.org"], zoneId: "ZGIVEN" }];
        // The offline getZone answers a zone id with the zone name example.com.
        const run = await certificates(plans, zones({ "other.org": "ZOTHER" }, plans[0].domains));
        const byDomain = Object.fromEntries(
            ofType(run, RECORD)
                .filter((r) => r.inputs.type === "A")
                .map((r) => [r.inputs.name, r.inputs.zoneId]),
        );
        assert.deepEqual(byDomain, { "shop.example.com": "ZGIVEN", "shop.other.org": "ZOTHER" });
    });

    it("finds candidate zones longest first and never a bare top-level domain", () => {
        assert.deepEqual(parentDomains("a.b.example.co"), ["a.b.example.co", "b.example.co", "example.co"]);
        assert.deepEqual(parentDomains("*.Example.COM."), ["example.com"]);
        assert.deepEqual(parentDomains("localhost"), []);
    });

    it("no plans, nothing created", async () => {
        const run = await certificates([], {});
        assert.deepEqual(run.result.issued, []);
        assert.equal(run.resources.filter((r) => r.custom).length, 0);
    });
});
