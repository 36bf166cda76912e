// Storage and operations together, through the whole component in every mode: a sidecar mounts its own
// EFS volume and uses an `x-defang-s3` bucket from its host's task; the bucket and a static site run no
// ECS service, so they get no alarm or rollout, and the dashboard shows the site's CloudFront metrics.
import { strict as assert } from "assert";
import { checkPolicies, formatViolation } from "../../provider/src/policy";
import { MODES, type Mode } from "../../provider/src/plan/modes";
import type { Project } from "../../provider/src/project";
import type { Expansion } from "../support/pulumi";
import { expandProject, json } from "../support/pulumi";
import { ROLE_POLICY, SERVICE, TASK, statements } from "./helpers";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
const CDN = "aws:cloudfront/distribution:Distribution";

const APP = `
name: shop
services:
  web:
    image: ghcr.io/acme/web:1.0
    user: "101:101"
    ports:
      - target: 8080
        mode: ingress
    deploy: {replicas: 2, resources: {reservations: {memory: 512M}}}
  indexer:
    image: ghcr.io/acme/indexer:1.0
    network_mode: "service:web"
    user: "101:101"
    volumes:
      - uploads:/data
    depends_on: [files]
    deploy: {resources: {reservations: {memory: 256M}}}
  files:
    image: minio/minio
    x-defang-s3: true
  site:
    image: ghcr.io/acme/site:2
    x-defang-static-files: /usr/share/nginx/html
volumes:
  uploads: {}
`;

describe("aws/storage and operations: sidecars with volumes and buckets, storage without ECS operations", function () {
    this.timeout(300_000);
    const runs = {} as Record<Mode, Expansion<Project>>;
    before(async () => {
        for (const mode of MODES) {
            runs[mode] = await expandProject({ composeYaml: APP, mode });
            assert.deepEqual([runs[mode].thrown, ...runs[mode].errors].filter(Boolean).map(String), [], mode);
        }
    });

    it("mounts the volume into the sidecar's container only, through a task volume with TLS and IAM, and lets the task write", () => {
        for (const mode of MODES) {
            const run = runs[mode];
            const task = run.named("app-web/task");
            const defs = json<Array<Record<string, any>>>(task.inputs.containerDefinitions);
            assert.deepEqual(defs.map((d) => [d.name, d.mountPoints]), [["web", undefined], ["indexer", [{ sourceVolume: "uploads", containerPath: "/data", readOnly: false }]]]);
            const volumes = task.inputs.volumes as Array<Record<string, any>>;
            assert.deepEqual(volumes.map((v) => [v.name, v.efsVolumeConfiguration.transitEncryption, v.efsVolumeConfiguration.authorizationConfig.iam]), [["uploads", "ENABLED", "ENABLED"]]);
            const mount = statements(run.named("app-web/volumes-policy"))[0];
            assert.deepEqual(mount.Action, ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]);
            assert.ok(run.named("app-web/service").options.dependencies.includes(run.named("app-web/volumes-policy").urn), `${mode}: tasks start once they may mount`);
        }
    });

    it("gives the sidecar the bucket's variables and the shared task role the bucket", () => {
        for (const mode of MODES) {
            const run = runs[mode];
            const bucket = run.named("app-files/bucket");
            const defs = json<Array<Record<string, any>>>(run.named("app-web/task").inputs.containerDefinitions);
            const env = (d: Record<string, any>) => Object.fromEntries((d.environment as Array<{ name: string; value: string }>).map((e) => [e.name, e.value]));
            assert.deepEqual(env(defs[1]), { AWS_REGION: "us-east-1", FILES_BUCKET: bucket.inputs.bucket, S3_BUCKET: bucket.inputs.bucket });
            assert.deepEqual(env(defs[0]), {});
            assert.deepEqual(statements(run.named("app-web/buckets-policy")).map((s) => s.Resource), [`arn:aws:s3:::${bucket.id}`, `arn:aws:s3:::${bucket.id}/*`]);
            assert.equal(run.ofType(ROLE_POLICY).filter((p) => p.name.endsWith("/buckets-policy")).length, 1);
        }
    });

    it("runs, alarms and rolls out web only: no ECS service, alarm or task for the bucket or the site", () => {
        for (const mode of MODES) {
            const run = runs[mode];
            assert.deepEqual(run.ofType(SERVICE).map((s) => s.name), ["app-web/service"]);
            assert.deepEqual(run.ofType(TASK).map((s) => s.name), ["app-web/task"]);
            const subjects = new Set(run.ofType(ALARM).map((a) => a.name.replace(/^app-/, "").split("/")[0]));
            assert.deepEqual([...subjects].sort(), ["lb-alarm-elb-5xx", "web"], mode);
        }
    });

    it("shows the site's CloudFront requests and error rates on the dashboard, read in us-east-1 by its distribution id", () => {
        for (const mode of MODES) {
            const run = runs[mode];
            const widgets = json(run.one(DASHBOARD).inputs.dashboardBody).widgets as Array<Record<string, any>>;
            const site = widgets.filter((w) => String(w.properties.title).startsWith("site (CloudFront)"));
            const id = run.one(CDN).id;
            assert.deepEqual(site.map((w) => [w.properties.region, w.properties.metrics]), [
                ["us-east-1", [["AWS/CloudFront", "Requests", "DistributionId", id, "Region", "Global", { stat: "Sum" }]]],
                ["us-east-1", ["4xxErrorRate", "5xxErrorRate"].map((m) => ["AWS/CloudFront", m, "DistributionId", id, "Region", "Global", { stat: "Average" }])],
            ]);
            assert.ok(!widgets.some((w) => /^files\b/.test(String(w.properties.title))));
        }
    });

    it("passes every mandatory security rule of the mode", () => {
        for (const mode of MODES) {
            const violations = checkPolicies(runs[mode].resources.map((r) => ({ type: r.type, name: r.name, inputs: r.inputs, id: r.id })), mode).filter((v) => v.mandatory);
            assert.deepEqual(violations.map(formatViolation), [], mode);
        }
    });
});
