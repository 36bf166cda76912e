// Logical names (aws/context.ts): a project-wide child and a compose service's child never share a name,
// whatever the service is called, and two services' children never do either (`a` + `b-c` vs `a-b` + `c`).
// Property tests over generated names; the graph-level check (every resource of a real plan) is in
// tests/aws/limits-stress.test.ts and the offline engine's `logical-name-duplicate`.
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { childName, legacyAliases, renamedFrom, serviceChildName } from "../../provider/src/aws/context";
import { volumeChildName } from "../../provider/src/aws/volumes";
import { expandProject } from "../support/pulumi";

let seed = 11;
function rand(n: number): number {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
}
const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)];

/** Words our own children use, and what users name services after. */
const WORDS = ["lb", "sg", "apps", "network", "default", "task", "role", "service", "in", "tcp", "80", "rule", "out", "a", "b", "web", "db", "cert", "validation", "alias", "x_y", "A"];
/** A compose service name: letters, digits, `-` and `_`, a letter or digit at both ends. */
const serviceName = (): string => Array.from({ length: 1 + rand(3) }, () => pick(WORDS)).join(pick(["-", "_"]));
/** Parts of a child name: constants, ports, network names, domains (no `/` except a policy path, last). */
const part = (): string => pick([pick(WORDS), `${pick(WORDS)}-${pick(WORDS)}`, String(rand(65536)), `${pick(WORDS)}.example.com`]);

describe("aws/context: logical names", () => {
    const parent = {} as pulumi.ComponentResource;

    it("never gives a service's child the name of a project-wide child, for any names (generated)", () => {
        for (const name of ["app", "shop-prod", "a/b", "My App"]) {
            const ctx = { name, parent };
            const internal = new Set<string>();
            const scoped = new Map<string, string>();
            for (let i = 0; i < 4000; i++) {
                const parts = Array.from({ length: 1 + rand(3) }, part);
                internal.add(childName(ctx, ...parts));
                const svc = serviceName();
                const tail = Array.from({ length: 1 + rand(3) }, part);
                const child = serviceChildName(ctx, svc, ...tail);
                const key = JSON.stringify([svc, tail]);
                const other = scoped.get(child);
                assert.ok(other === undefined || other === key, `${child}: ${other} and ${key}`);
                scoped.set(child, key);
            }
            for (const child of scoped.keys()) assert.ok(!internal.has(child), `${child} is also a project-wide child's name`);
        }
    });

    it("keeps a service named like a project-wide child apart from it", () => {
        const ctx = { name: "app", parent };
        assert.notEqual(serviceChildName(ctx, "lb", "sg"), childName(ctx, "lb-sg"));
        assert.notEqual(serviceChildName(ctx, "network-default", "sg"), childName(ctx, "network", "default", "sg"));
        assert.notEqual(serviceChildName(ctx, "a", "task-role"), serviceChildName(ctx, "a-task", "role"));
        assert.equal(serviceChildName(ctx, "web", "in", "default", "tcp", "80-89"), "app-web/in/default/tcp/80-89");
        assert.equal(childName(ctx, "derived", "web/KEY"), "app-derived-web:KEY");
    });

    it("keeps a named volume's children apart from each other, from project-wide children and from services' children", () => {
        const ctx = { name: "app", parent };
        // Compose volume names: letters, digits, `.`, `_`, `-` (no `:` and no `/`).
        const volumes = ["a", "a-in", "in", "sg", "efs", "data.v1", "a_b", "mount"];
        const parts = ["", "us-east-1a", "subnet-1", "x-y"];
        const seen = new Map<string, string>();
        for (const volume of volumes) {
            for (const what of ["efs", "sg", "mount", "nfs-gpu-hosts", "policy"]) {
                for (const part of parts) {
                    const name = part ? volumeChildName(ctx, what, volume, part) : volumeChildName(ctx, what, volume);
                    const key = JSON.stringify([what, volume, part]);
                    assert.equal(seen.get(name) ?? key, key, name);
                    seen.set(name, key);
                    assert.ok(!name.includes("/"), "project-wide: never a `/`");
                    assert.notEqual(name, serviceChildName(ctx, `volume-${what}`, volume), "a service named like the prefix");
                }
            }
        }
        assert.equal(volumeChildName(ctx, "mount", "data", "us-east-1a"), "app-volume-mount:data:us-east-1a");
        assert.ok(!seen.has(childName(ctx, "volume", "sg", "a")), "the earlier `-`-joined scheme is not reused");
    });

    it("aliases a renamed child to its earlier name once per type, and leaves unrenamed children alone", () => {
        const component = {} as pulumi.ComponentResource;
        const ctx = { name: "app", parent: component };
        const renamed = serviceChildName(ctx, "web", "sg");
        const opts = { parent: component } as pulumi.ResourceOptions;
        const result = legacyAliases({ type: "aws:ec2/securityGroup:SecurityGroup", name: renamed, props: {}, opts, resource: component });
        assert.deepEqual(result?.opts.aliases, [{ name: "app-web-sg" }]);
        // A second child claiming the same earlier name and type could never have been deployed: no alias.
        renamedFrom(ctx, "app-other", "app-web-sg");
        assert.equal(legacyAliases({ type: "aws:ec2/securityGroup:SecurityGroup", name: "app-other", props: {}, opts, resource: component }), undefined);
        assert.equal(legacyAliases({ type: "aws:ec2/vpc:Vpc", name: childName(ctx, "vpc"), props: {}, opts, resource: component }), undefined);
    });

    it("installs the aliases in the component: an existing stack's children keep their state under the new names", async () => {
        const run = await expandProject({
            composeYaml: "name: shop\nservices:\n  web:\n    image: nginx:1.27\n    ports: [\"8080:8080\"]\n  db:\n    image: postgres:16\n    x-defang-postgres: true\n",
        });
        assert.deepEqual(run.errors, []);
        const aliases = (name: string) => run.named(name).options.aliases;
        assert.deepEqual(aliases("app-web/sg"), ["app-web-sg"]);
        assert.deepEqual(aliases("app-db/postgres"), ["app-db-postgres"]);
        assert.deepEqual(aliases("app-db/password"), ["app-db-password"], "the generated password keeps its value");
        assert.deepEqual(aliases("app-web/lb-out/8080"), ["app-lb-out-web-8080"]);
        assert.deepEqual(aliases("app-lb-sg"), [], "unchanged names need none");
    });
});
