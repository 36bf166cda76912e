// Changing the mode must update the core infrastructure in place: every resource affordable creates
// keeps its logical name in the other modes, and the inputs that force a replacement keep their values.
import { strict as assert } from "assert";
import type { CapturedResource, Expansion } from "../support/pulumi";
import { expandProject } from "../support/pulumi";

const COMPOSE = `
name: shop
services:
  web:
    image: ghcr.io/acme/web:1.0
    ports:
      - target: 8080
        mode: ingress
    environment:
      SECRET_KEY:
    deploy:
      resources:
        reservations:
          memory: 512M
  worker:
    build: .
    deploy:
      resources:
        reservations:
          memory: 512M
`;

/** Inputs whose change replaces the resource (per @pulumi/aws), for the types the core creates. */
const REPLACE_TRIGGERS: Record<string, string[]> = {
    "aws:ec2/vpc:Vpc": ["cidrBlock"],
    "aws:ec2/subnet:Subnet": ["cidrBlock", "availabilityZone", "vpcId"],
    "aws:ec2/securityGroup:SecurityGroup": ["name", "vpcId", "description"],
    "aws:ecs/cluster:Cluster": ["name"],
    "aws:lb/loadBalancer:LoadBalancer": ["name", "internal", "loadBalancerType"],
    "aws:lb/targetGroup:TargetGroup": ["name", "port", "protocol", "targetType", "vpcId"],
    "aws:cloudwatch/logGroup:LogGroup": ["name"],
    "aws:ecr/repository:Repository": ["name"],
    "aws:iam/role:Role": ["name"],
    "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": ["name", "vpc"],
    "aws:servicediscovery/service:Service": ["name"],
    "aws:ssm/parameter:Parameter": ["name"],
    "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix"],
    "aws:codebuild/project:Project": ["name"],
};

describe("mode changes update the core in place", function () {
    const runs: Record<string, Expansion<unknown>> = {};
    before(async () => {
        for (const mode of ["affordable", "balanced", "high_availability"] as const) {
            const run = await expandProject({ composeYaml: COMPOSE, mode, workingDir: __dirname });
            assert.deepEqual([run.thrown, ...run.errors, ...run.diagnostics.filter((d) => d.severity === "error")].filter(Boolean), [], mode);
            assert.equal(run.ofType("aws:ecs/service:Service").length, 2, mode);
            runs[mode] = run;
        }
    });

    const byName = (run: Expansion<unknown>) => new Map<string, CapturedResource>(run.resources.map((r) => [r.name, r]));

    for (const target of ["balanced", "high_availability"]) {
        it(`affordable → ${target}: same logical names, same replace-triggering inputs`, () => {
            const before = byName(runs.affordable);
            const after = byName(runs[target]);
            for (const [name, r] of before) {
                // Without Container Insights (affordable) the task-count alarm watches for no running task instead.
                if (name.endsWith("/alarm/no-running-task")) continue;
                const next = after.get(name);
                assert.ok(next, `${name} (${r.type}) disappears in ${target}`);
                assert.equal(next.type, r.type);
                for (const key of REPLACE_TRIGGERS[r.type] ?? []) {
                    assert.deepEqual(next.inputs[key], r.inputs[key], `${name}.${key} changes in ${target}`);
                }
            }
        });
    }

    it("only adds resources when the mode asks for more (NAT, flow logs, a third zone, Container Insights' task alarms, the canary's target group, rule and role)", () => {
        const added = [...byName(runs.high_availability).keys()].filter((n) => !byName(runs.affordable).has(n)).sort();
        for (const name of added) {
            assert.match(
                name,
                /^app-((nat|nat-eip|private-default-route|vpc-flow-log|vpc-flow-logs(-role|-policy)?|public-us-east-1c|private-us-east-1c|public-rta-us-east-1c|private-rta-us-east-1c|private-rt-us-east-1c)(-us-east-1[a-c])?|(web|worker)\/alarm\/tasks-below-desired|web\/tg\/8080\/alternate|web\/rule\/8080|ecs-rollout-(role|policy))$/,
                name,
            );
        }
    });
});
