// ECS, logs, registry and parameter rules (security-rules.md §3, §7).
import { looksLikeSecretName } from "../compose/secret-names";
import { detectSecret } from "../secret-detector";
import { ALL_MODES, Graph, PRODUCTION, PolicyResource, Rule, list, obj, parseJson, str } from "./types";

const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const SERVICE = "aws:ecs/service:Service";
const LOG_RETENTIONS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const SSM_ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\//;

function containers(task: PolicyResource): Array<Record<string, unknown>> {
    return list(parseJson(task.inputs.containerDefinitions)).map(obj);
}

const perContainer = (g: Graph, bad: (c: Record<string, unknown>) => string | undefined) =>
    g.ofType(TASK).flatMap((resource) =>
        containers(resource).flatMap((c) => {
            const message = bad(c);
            return message ? [{ resource, message: `container ${c.name}: ${message}` }] : [];
        }),
    );

export const COMPUTE_RULES: Rule[] = [
    {
        id: "ECS-01",
        severity: "Low",
        modes: PRODUCTION,
        check: (g) =>
            g
                .ofType("aws:ecs/cluster:Cluster")
                .filter((c) => !list(c.inputs.settings).map(obj).some((s) => s.name === "containerInsights" && ["enabled", "enhanced"].includes(String(s.value))))
                .map((resource) => ({ resource, message: "Container Insights off" })),
    },
    {
        id: "ECS-02",
        severity: "High",
        modes: PRODUCTION,
        check: (g) => g.ofType(SERVICE).filter((s) => obj(s.inputs.networkConfiguration).assignPublicIp === true).map((resource) => ({ resource, message: "tasks get a public IP" })),
    },
    {
        id: "ECS-03",
        severity: "Low",
        modes: ALL_MODES,
        check: (g) =>
            g
                .ofType(SERVICE)
                .filter((s) => s.inputs.platformVersion !== undefined && s.inputs.platformVersion !== "LATEST")
                .map((resource) => ({ resource, message: `platform version ${resource.inputs.platformVersion}` })),
    },
    { id: "ECS-04", severity: "High", modes: ALL_MODES, check: (g) => perContainer(g, (c) => (c.privileged === true ? "privileged" : undefined)) },
    {
        id: "ECS-05",
        severity: "High",
        modes: ALL_MODES,
        check: (g) => g.ofType(TASK).filter((t) => t.inputs.pidMode === "host").map((resource) => ({ resource, message: "host PID namespace" })),
    },
    { id: "ECS-06", severity: "Low", modes: [], check: (g) => perContainer(g, (c) => (c.readonlyRootFilesystem !== true ? "root filesystem writable" : undefined)) },
    {
        id: "ECS-07",
        severity: "Critical",
        modes: ALL_MODES,
        check: (g) =>
            perContainer(g, (c) => {
                // Names and values: a key in a URL or a token under an innocent name leaks just the same.
                const leaked = list(c.environment)
                    .map(obj)
                    .filter((e) => looksLikeSecretName(String(e.name)) || (typeof e.value === "string" && detectSecret(e.value) !== undefined))
                    .map((e) => String(e.name));
                if (leaked.length > 0) return `secret-looking variables in plain environment: ${leaked.join(", ")}`;
                const bad = list(c.secrets)
                    .map(obj)
                    .filter((s) => !SSM_ARN.test(String(s.valueFrom)));
                return bad.length > 0 ? `secrets not read from an SSM parameter ARN: ${bad.map((s) => s.name).join(", ")}` : undefined;
            }),
    },
    {
        // CodeBuild variables default to PLAINTEXT: a secret-looking value there is in the project's
        // definition and Pulumi state; it belongs in Parameter Store (type PARAMETER_STORE).
        id: "BLD-01",
        severity: "Critical",
        modes: ALL_MODES,
        check: (g) =>
            g.ofType("aws:codebuild/project:Project").flatMap((resource) => {
                const leaked = list(obj(resource.inputs.environment).environmentVariables)
                    .map(obj)
                    .filter((v) => (v.type ?? "PLAINTEXT") === "PLAINTEXT" && typeof v.value === "string" && detectSecret(v.value) !== undefined)
                    .map((v) => String(v.name));
                return leaked.length > 0 ? [{ resource, message: `secret-looking values in plaintext variables: ${leaked.join(", ")}` }] : [];
            }),
    },
    {
        id: "ECS-08",
        severity: "Med",
        modes: ALL_MODES,
        check: (g) =>
            g
                .ofType(TASK)
                .filter((t) => t.inputs.executionRoleArn !== undefined && t.inputs.executionRoleArn === t.inputs.taskRoleArn)
                .map((resource) => ({ resource, message: "execution role is the task role" })),
    },
    {
        id: "ECS-09",
        severity: "High",
        modes: ALL_MODES,
        check: (g) =>
            g
                .ofType(TASK)
                .filter((t) => list(t.inputs.volumes).map(obj).some((v) => v.efsVolumeConfiguration !== undefined && obj(v.efsVolumeConfiguration).transitEncryption !== "ENABLED"))
                .map((resource) => ({ resource, message: "EFS volume without transit encryption" })),
    },
    { id: "ECS-10", severity: "Med", modes: ALL_MODES, check: (g) => perContainer(g, (c) => (!str(obj(c.logConfiguration).logDriver) ? "no log driver" : undefined)) },
    {
        id: "LOG-01",
        severity: "Med",
        modes: ALL_MODES,
        check: (g) =>
            g
                .ofType("aws:cloudwatch/logGroup:LogGroup")
                .filter((l) => !LOG_RETENTIONS.includes(Number(l.inputs.retentionInDays)))
                .map((resource) => ({ resource, message: `retention ${resource.inputs.retentionInDays ?? "never expires"}` })),
    },
    {
        id: "ECR-01",
        severity: "Med",
        modes: ALL_MODES,
        check: (g) =>
            g
                .ofType("aws:ecr/repository:Repository")
                .filter((r) => obj(r.inputs.imageScanningConfiguration).scanOnPush !== true)
                .map((resource) => ({ resource, message: "no scan on push" })),
    },
    {
        id: "SSM-01",
        severity: "High",
        modes: ALL_MODES,
        check: (g) =>
            g
                .ofType("aws:ssm/parameter:Parameter")
                .filter((p) => p.inputs.type !== "SecureString" || !["Standard", "Intelligent-Tiering", undefined].includes(str(p.inputs.tier)))
                .map((resource) => ({ resource, message: `parameter of type ${resource.inputs.type}, tier ${resource.inputs.tier ?? "Standard"}` })),
    },
    {
        id: "S3-01",
        severity: "High",
        modes: ALL_MODES,
        check: (g) => {
            const blocked = new Set(
                g
                    .ofType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")
                    .filter((b) => ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every((k) => b.inputs[k] === true))
                    .map((b) => String(b.inputs.bucket)),
            );
            return g
                .ofType("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2")
                .filter((b) => !blocked.has(String(b.inputs.bucket ?? b.id)))
                .map((resource) => ({ resource, message: "bucket without a full public access block" }));
        },
    },
];
