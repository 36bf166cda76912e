import { strict as assert } from "assert";
import {
    clusterName,
    dnsLabel,
    ecrRepositoryName,
    elastiCacheId,
    iamRoleName,
    loadBalancerName,
    physicalName,
    rdsIdentifier,
    shortHash,
    targetGroupName,
} from "../../provider/src/plan/naming";

const LONG = "a-really-long-project-name-for-testing";

describe("plan/naming", () => {
    it("keeps short valid names as they are", () => {
        assert.equal(physicalName(["shop", "prod"], { maxLength: 32 }), "shop-prod");
        assert.equal(loadBalancerName("shop", "prod"), "shop-prod");
        assert.equal(rdsIdentifier("shop", "prod", "db"), "shop-prod-db");
        assert.equal(clusterName("shop", "prod"), "shop-prod");
    });

    it("replaces disallowed characters, collapses -- and trims -", () => {
        assert.equal(physicalName(["-a--b_", "", "c.d-"], { maxLength: 63 }), "a-b-c-d");
        assert.equal(rdsIdentifier("Shop", "Prod", "My_DB"), "shop-prod-my-db");
        assert.equal(elastiCacheId("shop", "prod", "cache--x"), "shop-prod-cache-x");
    });

    it("starts with a letter where AWS requires it", () => {
        assert.equal(rdsIdentifier("1shop", "prod", "db"), "x-1shop-prod-db");
        assert.equal(elastiCacheId("9", "prod", "db"), "x-9-prod-db");
        assert.equal(physicalName(["9lives"], { maxLength: 32 }), "9lives");
    });

    it("truncates with a stable 6-hex hash at exactly the limit", () => {
        const a = rdsIdentifier(LONG, "production", "postgres-database-primary");
        const b = rdsIdentifier(LONG, "production", "postgres-database-replica");
        assert.equal(a.length, 63);
        assert.equal(b.length, 63);
        assert.notEqual(a, b);
        assert.match(a, /^[a-z][a-z0-9-]*-[0-9a-f]{6}$/);
        assert.equal(a, rdsIdentifier(LONG, "production", "postgres-database-primary"));
        assert.ok(!a.includes("--"));
        const full = `${LONG}-production-postgres-database-primary`;
        assert.ok(a.endsWith(`-${shortHash(full)}`));
    });

    it("respects every AWS limit", () => {
        assert.ok(loadBalancerName(LONG, "production").length <= 32);
        assert.ok(elastiCacheId(LONG, "production", "cache").length <= 40);
        assert.ok(iamRoleName(LONG, "production", "service-with-a-long-name", "task-role").length <= 64);
        assert.ok(targetGroupName(LONG, "production", "web", 8080, "HTTP1|vpc").length <= 32);
        assert.ok(!/-$/.test(elastiCacheId(LONG, "production", "cache")));
    });

    it("never starts an ALB name with internal-", () => {
        assert.equal(loadBalancerName("internal", "tools"), "alb-internal-tools");
    });

    it("hashes target group names over their replacement-triggering properties", () => {
        const base = targetGroupName("shop", "prod", "web", 8080, "HTTP1|managed-vpc");
        assert.match(base, /^shop-prod-web-8080-[0-9a-f]{6}$/);
        assert.equal(base, targetGroupName("shop", "prod", "web", 8080, "HTTP1|managed-vpc"));
        assert.notEqual(base, targetGroupName("shop", "prod", "web", 8080, "HTTP2|managed-vpc"));
        assert.notEqual(base, targetGroupName("shop", "prod", "web", 8080, "HTTP1|vpc-123"));
        assert.notEqual(base, targetGroupName("shop", "prod", "web", 8081, "HTTP1|managed-vpc"));
    });

    it("keeps <service>-<port> readable in long target group names, shortening project and stack first", () => {
        assert.match(targetGroupName("python-implicit-gpu", "prod", "app", 5000, "k"), /^python-implicit-app-5000-[0-9a-f]{6}$/);
        assert.match(targetGroupName(LONG, "production", "a-very-long-service-name-indeed", 8080, "k"), /^a-very-long-service-8080-[0-9a-f]{6}$/);
    });

    it("allows IAM's extra characters and keeps case", () => {
        assert.equal(iamRoleName("Shop", "prod", "web_api", "task"), "Shop-prod-web_api-task");
        assert.equal(iamRoleName("a+b=c,d.e@f"), "a+b=c,d.e@f");
        assert.equal(iamRoleName("a b"), "a-b");
    });

    it("makes lower-case ECR repositories and DNS labels", () => {
        assert.equal(ecrRepositoryName("Shop", "Prod", "Web_API"), "shop-prod/web_api");
        assert.equal(dnsLabel("My_Service.v2"), "my-service-v2");
        assert.equal(dnsLabel("db"), "db");
    });
});
