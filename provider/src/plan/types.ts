// The DeploymentPlan: every decision about what to build on AWS, made from a ComposeProject, a mode
// and the component's options. Pure data (JSON-serializable, golden-file tested); the aws/ layer
// turns it into resources without deciding anything itself.
//
// Nothing in provider/src/plan/ may import @pulumi/*.
import type { Diagnostic, DocPath } from "../compose/types";
import type { Mode, ModeSettings } from "./modes";

export type { Mode, ModeSettings };

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/** An existing VPC to deploy into instead of creating one. */
export interface AdoptedNetwork {
    vpcId: string;
    publicSubnetIds: string[];
    privateSubnetIds: string[];
}

export interface PlanOptions {
    mode: Mode;
    /** Pulumi stack name: part of the SSM config path `/Defang/<project>/<stack>/` and of physical names. */
    stack: string;
    /** Pulumi project name: part of the identity every physical name hashes (plan/naming.ts). */
    pulumiProject?: string;
    /** Region, when known (the offline plan knows it; the component may leave it to the provider). */
    region?: string;
    /** Availability zones the region offers, when known (used to clamp the mode's AZ count). */
    availableZones?: string[];
    network?: { adopt?: AdoptedNetwork; cidrBlock?: string; availabilityZoneCount?: number };
    domain?: { name?: string; zoneId?: string; certificateArn?: string };
    /** Service → prebuilt image (skips the build of that service). */
    images?: Record<string, string>;
    /** AWS account id, when known: part of the hash that makes the names of the buckets we create globally unique. */
    accountId?: string;
    /** Names of config values the caller passes in the component's `config` input (values never reach the plan). */
    providedConfig?: string[];
    tags?: Record<string, string>;
    /** Where alarms notify (the component's `alarms` input): e-mail subscriptions, or the caller's own topic. */
    alarms?: { emails?: string[]; existingTopic?: boolean };
}

// ---------------------------------------------------------------------------------------------
// Plan
// ---------------------------------------------------------------------------------------------

export interface DeploymentPlan {
    project: string;
    stack: string;
    /** Pulumi project (PlanOptions.pulumiProject), when known: physical names hash it (plan/naming.ts). */
    pulumiProject?: string;
    mode: Mode;
    /** Region, when the caller knew it (PlanOptions.region). */
    region?: string;
    settings: ModeSettings;
    /** Tags on every taggable resource (defang:project, defang:stack, defang:mode + caller tags). */
    tags: Record<string, string>;
    network: NetworkPlan;
    dns: PrivateDnsPlan;
    cluster: ClusterPlan;
    loadBalancer?: LoadBalancerPlan;
    /** Compose services that run as containers (ECS on Fargate or on EC2 GPU capacity). */
    services: ServicePlan[];
    /** Compose services replaced by managed stores (x-defang-postgres / redis / mongodb). */
    stores: StorePlan[];
    /** EC2 GPU capacity, when any service asks for GPUs. */
    gpu?: GpuCapacityPlan;
    /** Named volumes the containers mount: one Amazon EFS file system each (plan/volumes.ts). Absent when none. */
    volumes?: VolumePlan[];
    /** `x-defang-s3` services: private S3 buckets (or adopted ones) their dependents may use (plan/buckets.ts). */
    buckets?: BucketPlan[];
    /** `x-defang-static-files` services: a folder of their image on S3 behind CloudFront (plan/static-sites.ts). */
    staticSites?: StaticSitePlan[];
    /** Image builds, when any service is built from source (`build:` and no `images` entry) or a static site needs its files taken out of an image. */
    builds?: BuildsPlan;
    config: ConfigPlan;
    /** CloudWatch alarms, their SNS topic and the project's dashboard (ECS services, the load balancer, stores, static sites). */
    observability: ObservabilityPlan;
    /** Warnings and infos the planning produced (errors are returned beside the plan, see plan/index.ts). */
    diagnostics: Diagnostic[];
}

export interface NetworkPlan {
    /** Set when the caller passed an existing VPC; nothing below is created then. */
    adopt?: AdoptedNetwork;
    cidrBlock: string;
    availabilityZones: number;
    /** Zone names (the first `availabilityZones` of PlanOptions.availableZones), when known. */
    zones?: string[];
    /**
     * One CIDR per AZ, in AZ order. Each subnet is 1/16 of the VPC at a fixed slot (public i → slot i,
     * private i → slot 8 + i), so adding an AZ (a mode change) never renumbers an existing subnet, and
     * slots 6-7 / 14-15 stay free for growth.
     */
    publicSubnetCidrs: string[];
    privateSubnetCidrs: string[];
    natGateways: "none" | "single" | "per-az";
    s3GatewayEndpoint: boolean;
    flowLogs: boolean;
}

export interface PrivateDnsPlan {
    /** `<project>.internal`: a Cloud Map private DNS namespace (Route 53 private zone). */
    namespace: string;
    /** Set the VPC's DHCP options so bare service names (`api`) resolve. Not possible on an adopted VPC. */
    searchDomain: boolean;
}

export interface CapacityProviderItem {
    capacityProvider: "FARGATE" | "FARGATE_SPOT" | string;
    base?: number;
    weight: number;
}

export interface ClusterPlan {
    /** ECS cluster name `<project>-<stack>` (sanitized, ≤ 255). */
    name: string;
    containerInsights: boolean;
    capacityProviders: string[];
}

// ----- load balancer -----

export interface LoadBalancerPlan {
    /** Physical name, ≤ 32 chars. */
    name: string;
    /** HTTPS listener with HTTP→HTTPS redirect when a certificate is available. */
    https: boolean;
    /** Certificate given by the caller (`domain.certificateArn`). Certificates for `domainname` come from `certificates`. */
    certificateArn?: string;
    certificates: CertificatePlan[];
    sslPolicy: string;
    idleTimeoutSeconds: number;
    deletionProtection: boolean;
    dropInvalidHeaderFields: boolean;
    httpRedirectCode: "HTTP_301" | "HTTP_302";
    targetGroups: TargetGroupPlan[];
    /** Host-header rules, priorities assigned and unique. */
    rules: ListenerRulePlan[];
    /** Target group the listener's default action forwards to (else a fixed 404). */
    defaultTargetGroup?: string;
    /** The role ECS assumes to move traffic between target groups, when a service rolls out blue/green, canary or linear. */
    rolloutRole?: { name: string };
}

export interface TargetGroupPlan {
    /** Stable key: `<service>-<port>`. */
    key: string;
    service: string;
    port: number;
    /** Physical name, ≤ 32 chars, deterministic (hash of the replacement-triggering properties). */
    name: string;
    protocolVersion: "HTTP1" | "HTTP2" | "GRPC";
    deregistrationDelaySeconds: number;
    /**
     * Physical name of the second target group, when the port's service rolls out blue/green, canary or
     * linear (same settings): ECS starts the new revision there and shifts the listener rule to it.
     */
    alternateName?: string;
    healthCheck: {
        path: string;
        port?: number;
        matcher: string;
        intervalSeconds: number;
        timeoutSeconds: number;
        healthyThreshold: number;
        unhealthyThreshold: number;
    };
}

export interface ListenerRulePlan {
    priority: number;
    targetGroup: string;
    hosts: string[];
    /** gRPC rules also match `content-type: application/grpc*`. */
    grpc?: boolean;
    /** Matches every request (`/*`): the route of a default target group rolled out by ECS, which needs a rule to shift. */
    catchAll?: boolean;
    /** `http`: on the port-80 listener although HTTPS is served (the port's `x-defang-listener: http`). */
    listener?: "http";
    /** ECS shifts this rule's weighted forward between the target group and its alternate during rollouts. */
    production?: boolean;
}

export interface CertificatePlan {
    /** Domain names on the certificate (first is the primary). */
    domains: string[];
    /** Public hosted zone: given, or found by walking up parent domains at deploy time. */
    zoneId?: string;
    /**
     * The service whose `domainname` asked for it. Absent for the project certificate of `domain.name`
     * (`*.<name>`, plus `<name>` when the apex is routed), which serves every `<service>.<name>` host.
     */
    service?: string;
}

// ----- services -----

export type ImagePlan =
    | { kind: "image"; image: string }
    | {
          kind: "build";
          /** ECR repository name (lowercase). */
          repository: string;
          context: string;
          dockerfile?: string;
          target?: string;
          args: Record<string, string>;
          /** Build args whose value looks secret → the SSM SecureString CodeBuild reads it from (PARAMETER_STORE). */
          secretArgs?: Record<string, string>;
          platform: string;
          shmSize?: number;
          /** CodeBuild compute type, from `shm_size` (plan/build.ts). */
          buildCompute: BuildCompute;
          /** CodeBuild project name (≤ 255, `[A-Za-z0-9_-]`). */
          buildProject: string;
      };

export type BuildCompute = "BUILD_GENERAL1_SMALL" | "BUILD_GENERAL1_MEDIUM" | "BUILD_GENERAL1_LARGE" | "BUILD_GENERAL1_XLARGE" | "BUILD_GENERAL1_2XLARGE";

/** What every image build of the project shares (present when a service is built from source or a static site exists). */
export interface BuildsPlan {
    /** The services and static sites built from source, in plan order. */
    services: string[];
    /** Static sites whose folder a CodeBuild project (`extractProject`) copies out of their image, in plan order. */
    sites?: string[];
    /** CodeBuild project that copies a static site's folder out of its image (present with `sites`). */
    extractProject?: string;
    /** Prefix of the S3 bucket that holds uploaded build contexts (≤ 37 chars, lower case). */
    bucketPrefix: string;
    /** CloudWatch log group of the builds: `/Defang/<project>/<stack>/builds` (the name Defang's tooling tails). */
    logGroupName: string;
    logRetentionDays: number;
    /** Uploaded contexts expire after this many days. */
    contextExpiryDays: number;
    /** A build still running after this long is stopped and fails the deployment. */
    timeoutMinutes: number;
}

export type SecretSource =
    /** A config value: SSM parameter `/Defang/<project>/<stack>/<name>`. */
    | { kind: "config"; name: string }
    /**
     * A value mixing text and config references — or a literal whose name says it is a secret (ECS-07),
     * then `parts` is that one string: the component resolves it at deploy time and writes it to the
     * SecureString parameter `parameter` (under the project's path). Never plaintext env.
     */
    | { kind: "template"; parameter: string; parts: Array<string | { ref: string }> }
    /** A value a managed store produces (e.g. a generated password), kept in its own parameter. */
    | { kind: "store"; store: string; parameter: string };

export interface ContainerPlan {
    name: string;
    /** A sidecar's image (the service container's comes from ServicePlan.image, or a build). */
    image?: string;
    /** A sidecar's compose service (its container name is that name made valid for ECS). */
    service?: string;
    command?: string[];
    entrypoint?: string[];
    workingDir?: string;
    user?: string;
    /** Seconds (ECS caps at 120). */
    stopTimeout?: number;
    /** Literal environment, sorted by name. */
    environment: Array<{ name: string; value: string }>;
    /** ECS `secrets`, sorted by name. */
    secrets: Array<{ name: string; source: SecretSource }>;
    portMappings: Array<{ name: string; containerPort: number; protocol: "tcp" | "udp"; appProtocol?: "http" | "http2" | "grpc" }>;
    healthCheck?: { command: string[]; interval: number; timeout: number; retries: number; startPeriod: number };
    /** MiB: the compose memory reservation (soft limit), when one is set. */
    memoryReservation?: number;
    /** MiB: the compose memory limit (hard limit), when one is set and fits the task. */
    memoryLimit?: number;
    initProcessEnabled: boolean;
    readonlyRootFilesystem: boolean;
    /** Kernel capabilities beyond Docker's defaults (`add`: SYS_PTRACE only on Fargate) and removed from them. */
    capabilities?: { add: string[]; drop: string[] };
    /** `ulimits`, both limits set, sorted by name. */
    ulimits?: Array<{ name: string; softLimit: number; hardLimit: number }>;
    /** Compose `labels`, as Docker labels on the container. */
    dockerLabels?: Record<string, string>;
    /** False for a sidecar that runs to completion (`restart: "no"`): its exit does not stop the task. */
    essential?: boolean;
    /** Containers of the same task this one waits for (compose `depends_on` between a service and its sidecars). */
    dependsOn?: Array<{ containerName: string; condition: "START" | "HEALTHY" | "COMPLETE" | "SUCCESS" }>;
    /** Named volumes (EFS) this container mounts (its own compose `volumes:`), in compose order. */
    mounts?: MountPlan[];
}

export interface IngressPlan {
    port: number;
    appProtocol: "http" | "http2" | "grpc";
    targetGroup: string;
    /** Public host names routed to this port (domainname, aliases, or `<service>.<domain.name>`). */
    hosts: string[];
}

export interface ServicePlan {
    /** Compose service name. */
    name: string;
    /** DNS label: lower case, `_` → `-`. */
    label: string;
    /** `service` runs continuously; `job` (`restart: "no"`) runs once per deploy. */
    kind: "service" | "job";
    compute: "fargate" | "gpu";
    image: ImagePlan;
    cpuArchitecture: "X86_64" | "ARM64";
    /** Task size: CPU units and MiB (a valid Fargate pair for `fargate`). */
    cpu: number;
    memory: number;
    /** Ephemeral storage in GiB when above the free 20. */
    ephemeralStorageGiB?: number;
    /** Desired tasks: deploy.replicas (else scale, else 1; jobs 1), raised to the autoscaling minimum. */
    replicas: number;
    capacity: CapacityProviderItem[];
    subnets: "public" | "private";
    assignPublicIp: boolean;
    container: ContainerPlan;
    ingress: IngressPlan[];
    /**
     * Ports the load balancer must reach on the task (ingress ports, plus a health-check port named by the
     * compose healthcheck URL when it is not an ingress port): the service SG admits them from the ALB SG only.
     */
    loadBalancerPorts: number[];
    /** Ports other services may reach (host, expose and ingress ports), tcp/udp. */
    privatePorts: Array<{ port: number; protocol: "tcp" | "udp" }>;
    /** Compose networks the service joins (membership decides who may reach `privatePorts`). */
    networks: string[];
    /** `<label>.<project>.internal` */
    privateFqdn: string;
    /** Extra private names (network aliases). */
    aliases: string[];
    logRetentionDays: number;
    /** CloudWatch log group `/Defang/<project>/<stack>/ecs/<service>` (the prefix Defang's tooling tails). */
    logGroupName: string;
    /** Physical ECS service name (plan/naming.ts ecsServiceName). */
    ecsServiceName: string;
    deployment: RolloutPlan;
    /** Containers sharing the task (compose `network_mode: "service:<this>"`), in name order. */
    sidecars?: ContainerPlan[];
    taskRole: {
        /** x-defang-llm: Bedrock invoke + list. */
        bedrock: boolean;
        /**
         * x-defang-policies, each either a full policy ARN (starts with `arn:`) kept as given, or a
         * customer-managed policy name (optionally with a path, `team/app-read`) that the aws layer
         * resolves to `arn:<partition>:iam::<account>:policy/<name>` (the plan does not know the account).
         */
        policies: string[];
        /** x-defang-s3 services this service `depends_on`: its task role may read and write their buckets. */
        buckets?: string[];
    };
    autoscaling?: AutoscalingPlan;
    gpu?: { count: number };
    dependsOn: Array<{ service: string; condition: string }>;
    /**
     * Jobs (kind "job") that must have run successfully this deploy before this service or job starts:
     * every depends_on entry that names a job, whatever its condition (plan/jobs.ts). Absent when none.
     */
    afterJobs?: string[];
    /** How each deploy runs a job (kind "job" only): its timeout and the managed stores it waits for. */
    job?: { timeoutMinutes: number; stores: string[] };
    /** Where the service is defined (for error messages at deploy time). */
    source: DocPath;
}

/** The containers of a service's task: its own, then its sidecars. */
export function taskContainers(service: Pick<ServicePlan, "container" | "sidecars">): ContainerPlan[] {
    return [service.container, ...(service.sidecars ?? [])];
}

/**
 * How ECS rolls a service out, and what makes `pulumi up` wait for it and fail when ECS rolls it back
 * (the ECS deployment controller with `waitForSteadyState`: the AWS provider then follows the service
 * deployment and fails on ROLLBACK_SUCCESSFUL, STOPPED or ROLLBACK_FAILED).
 */
export interface RolloutPlan {
    controller: "ECS";
    /** `rolling` unless the service is behind the load balancer and the mode (or `x-defang-rollout`) says otherwise. */
    strategy: "rolling" | "canary" | "linear" | "blue-green";
    minimumHealthyPercent: number;
    maximumPercent: number;
    circuitBreaker: { enable: boolean; rollback: boolean };
    /** ECS deployment alarms: the alarms (plan.observability) that fail and roll back a rollout. */
    alarms: { names: string[]; enable: boolean; rollback: boolean };
    /** Minutes both revisions run after traffic moved (native strategies). */
    bakeMinutes?: number;
    canary?: { percent: number; bakeMinutes: number };
    linear?: { stepPercent: number; stepBakeMinutes: number };
    healthCheckGracePeriodSeconds?: number;
    waitForSteadyState: boolean;
    /** How long `pulumi up` waits for a rollout (Pulumi customTimeouts on create and update). */
    timeoutMinutes: number;
}

/** x-defang-autoscaling: target tracking on each metric given (CPU by default), between min and max tasks. */
export interface AutoscalingPlan {
    min: number;
    max: number;
    /** Average CPU percent (ECSServiceAverageCPUUtilization). */
    targetCpuPercent?: number;
    /** Average memory percent (ECSServiceAverageMemoryUtilization). */
    targetMemoryPercent?: number;
    /** Requests per task per minute on the service's first ingress port (ALBRequestCountPerTarget). */
    targetRequestsPerTarget?: { value: number; targetGroup: string };
    scaleInCooldownSeconds: number;
    scaleOutCooldownSeconds: number;
}

// ----- operations: alarms, notifications, dashboard -----

/**
 * A metric dimension: a literal, or a value the aws layer reads from the resource — ARN suffixes, which
 * exist only once the load balancer does, and the names of the cluster and of a store's instances or
 * nodes, which a stack deployed before names carried a hash keeps (their name changes are ignored).
 */
export type MetricDimension =
    | string
    | { ref: "loadBalancer" }
    | { ref: "targetGroup"; targetGroup: string; alternate?: boolean }
    | { ref: "cluster" }
    /** The `member`-th (0-based) instance or node of a store, in the order aws/stores.ts lists them. */
    | { ref: "store"; store: string; member: number }
    /** A static site's CloudFront distribution id. */
    | { ref: "distribution"; site: string };

export interface MetricQuery {
    /** Metric math id (lower-case letter first). */
    id: string;
    namespace: string;
    metricName: string;
    dimensions: Record<string, MetricDimension>;
    /** Average, Sum, Maximum, Minimum, SampleCount, or a percentile such as p95. */
    stat: string;
}

export type AlarmKind =
    | "cpu-high"
    | "memory-high"
    | "tasks-below-desired"
    | "no-running-task"
    | "target-5xx"
    | "unhealthy-targets"
    | "response-time"
    | "elb-5xx"
    | "database-cpu-high"
    | "database-storage-low"
    | "database-connections-high"
    | "cache-cpu-high"
    | "cache-memory-high"
    | "cache-evictions";

export interface AlarmPlan {
    /** Physical name (plan/naming.ts alarmName). */
    name: string;
    kind: AlarmKind;
    /** The compose service or store it watches (absent for the project's load balancer). */
    subject?: string;
    /** The ingress port, for per-target-group alarms. */
    port?: number;
    description: string;
    metrics: MetricQuery[];
    /** Metric math over `metrics`, in order; the last one is the value the alarm compares. */
    math?: Array<{ id: string; expression: string }>;
    comparison: "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold";
    threshold: number;
    periodSeconds: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    treatMissingData: "missing" | "notBreaching" | "breaching";
    /** Rolls back the subject service's rollouts (listed in its deployment.alarms). */
    rollback: boolean;
}

export interface DashboardWidget {
    title: string;
    metrics: MetricQuery[];
    /** Where CloudWatch keeps these metrics, when not in the deployment's region (CloudFront's: us-east-1). */
    region?: string;
}

export interface ObservabilityPlan {
    topic: {
        /** Name of the topic the component creates (unused with an external topic). */
        name: string;
        /** Alias of the KMS key that encrypts it (CloudWatch can publish only to a customer-managed key). */
        keyAlias: string;
        /** The caller's topic is used instead of one of ours: from the component input, or `arn` from compose `x-defang-aws.alarmTopicArn`. */
        external?: { arn?: string };
        /** E-mail addresses subscribed to the topic (each confirms by mail). */
        emails: string[];
    };
    alarms: AlarmPlan[];
    dashboard: { name: string; widgets: DashboardWidget[] };
}

// ----- volumes (Amazon EFS) -----

export interface MountPlan {
    /** Compose volume name (a VolumePlan). */
    volume: string;
    /** Its name in the task definition (VolumePlan.taskVolumeName). */
    taskVolume: string;
    containerPath: string;
    readOnly: boolean;
}

export type EfsTransition = "AFTER_1_DAY" | "AFTER_7_DAYS" | "AFTER_14_DAYS" | "AFTER_30_DAYS" | "AFTER_60_DAYS" | "AFTER_90_DAYS";

/** A named volume: one encrypted EFS file system, one access point, mount targets where the tasks run. */
export interface VolumePlan {
    /** Compose volume name (top-level `volumes:` key). */
    name: string;
    /** EFS creation token (≤ 64): deterministic and independent of the mode, so a re-plan never replaces the file system. */
    creationToken: string;
    /** Name tag. */
    displayName: string;
    /** Volume name in task definitions (`[A-Za-z0-9_-]`, ≤ 255). */
    taskVolumeName: string;
    /**
     * The access point's root directory, created on first mount with `owner` and `permissions`; every
     * NFS call through the access point runs as `owner`, whatever user the container runs as.
     */
    rootDirectory: string;
    owner: { uid: number; gid: number };
    permissions: string;
    /** Services that mount it: the NFS rule admits exactly their security groups, their task roles get the mount rights. */
    services: string[];
    /** Services whose every mount of it is read-only: their task role gets ClientMount without ClientWrite. */
    readOnlyServices: string[];
    /** Subnets of the mount targets (one per AZ): where the mounting tasks run, private when they run in both. */
    subnets: "public" | "private";
    throughputMode: "bursting" | "elastic";
    /** Files not read for this long move to Infrequent Access; read once, they move back. */
    transitionToIA: EfsTransition;
    /** AWS Backup's daily EFS backups (35-day retention). */
    backups: boolean;
    /** Pulumi `protect` + `retainOnDelete` (high_availability). */
    protect: boolean;
    source: DocPath;
}

// ----- object storage (x-defang-s3) -----

export interface BucketPlan {
    /** Compose service name (the MinIO stand-in, which is not deployed). */
    name: string;
    /** Physical bucket name: the adopted one, or ours (deterministic, globally unique through a hash of account, region, project and stack). */
    bucketName: string;
    /** `x-defang-s3: {bucket: NAME}`: an existing bucket; the component creates nothing, it only grants access. */
    adopted: boolean;
    /** Object versioning, with noncurrent versions expired after `noncurrentVersionExpiryDays`. */
    versioning: boolean;
    noncurrentVersionExpiryDays?: number;
    /** Delete the objects with the bucket on `pulumi destroy` (affordable only). */
    forceDestroy: boolean;
    /** Pulumi `protect` + `retainOnDelete` (high_availability). */
    protect: boolean;
    /** Services that `depends_on` it: task-role access to the bucket and its objects, and its name in their environment. */
    clients: string[];
    source: DocPath;
}

// ----- static sites (x-defang-static-files) -----

export interface RedirectPlan {
    /** Path (without the trailing `*` of a prefix rule). */
    from: string;
    /** Matches every path under `from`; `:splat` in `to` is the rest. */
    prefix: boolean;
    to: string;
    /** 301/302/303/307/308 redirect; 200 serves `to` in place (only paths without a file extension under a prefix). */
    status: 200 | 301 | 302 | 303 | 307 | 308;
}

export interface StaticSitePlan {
    /** Compose service name. */
    name: string;
    label: string;
    /** The image the folder is copied out of: built as any service's, or pulled. */
    image: ImagePlan;
    platform: string;
    /** Build host architecture (from `platform`), as for services. */
    cpuArchitecture: "X86_64" | "ARM64";
    /** Absolute folder in the image. */
    folder: string;
    /** Private bucket for the files (deterministic, globally unique; emptied on destroy: the image is the source). */
    bucketName: string;
    /** CloudFront Function (viewer request) name, ≤ 64: directory indexes and the redirect rules. */
    functionName: string;
    /** Origin access control name, ≤ 64. */
    originAccessName: string;
    redirects: RedirectPlan[];
    /** `/* <path> 200`: the page served, with status 200, for paths that have no file (single-page apps). */
    fallback?: string;
    /** Public names (domainname, dotted network aliases, `<label>.<domain.name>`): an ACM certificate in us-east-1 and Route 53 aliases. */
    domains: string[];
    /** Public hosted zone given by the caller (else looked up at deploy). */
    zoneId?: string;
    priceClass: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
    source: DocPath;
}

// ----- managed stores (x-defang-postgres / redis / mongodb) -----

export interface StorePlanBase {
    /** Compose service name; other services reach the store as `<label>` / `<label>.<project>.internal`. */
    name: string;
    /** The image the compose service named (what the store replaces), for messages and estimates. */
    image?: string;
    label: string;
    port: number;
    privateFqdn: string;
    /** Physical identifier (lower case, within the engine's limits). */
    identifier: string;
    engineVersion: string;
    instanceClass: string;
    deletionProtection: boolean;
    /** Keep the resource if `pulumi destroy` or a replacement would delete it (Pulumi `retainOnDelete` + `protect`). */
    protect: boolean;
    allowDowntime: boolean;
    fromSnapshot?: string;
    /** Final snapshot name when one is kept on delete (`<identifier>-final`). */
    finalSnapshotIdentifier?: string;
    /** Private subnets, except on an adopted VPC without private subnets. */
    subnets: "public" | "private";
    source: DocPath;
}

export interface PostgresPlan extends StorePlanBase {
    kind: "postgres";
    username: string;
    database: string;
    /** Password: a config reference, or generated (random) and stored under `parameter`. */
    password: { kind: "config"; name: string } | { kind: "generated"; parameter: string };
    allocatedStorageGiB: number;
    maxAllocatedStorageGiB: number;
    multiAz: boolean;
    backupRetentionDays: number;
    finalSnapshot: boolean;
    performanceInsights: boolean;
    /** Enhanced Monitoring interval (0 = off; RDS-07 wants one of 1, 5, 10, 15, 30, 60 in balanced/HA). */
    monitoringIntervalSeconds: number;
    /** CloudWatch log exports (`postgresql`, `upgrade`) in balanced/HA. */
    logExports: string[];
    parameterGroupFamily: string;
}

export interface RedisPlan extends StorePlanBase {
    kind: "redis";
    engine: "redis" | "valkey";
    parameterGroupFamily: string;
    numCacheClusters: number;
    automaticFailover: boolean;
    multiAz: boolean;
    snapshotRetentionDays: number;
    /**
     * In-transit encryption is always on. `required` when the compose service sets a password (clients must
     * then speak TLS + AUTH, `rediss://`); otherwise `preferred`, so the plain `redis://<svc>:6379` URLs of
     * compose apps keep working (the cache admits only the project's services, see the warning).
     */
    transitEncryptionMode: "required" | "preferred";
    /** AUTH token: the compose service's password config reference (REDIS_PASSWORD / `--requirepass ${X}`); absent → no AUTH. */
    authToken?: { kind: "config"; name: string } | { kind: "generated"; parameter: string };
}

export interface MongoPlan extends StorePlanBase {
    kind: "mongodb";
    username: { kind: "config"; name: string } | { kind: "literal"; value: string };
    password: { kind: "config"; name: string } | { kind: "generated"; parameter: string };
    instances: number;
    backupRetentionDays: number;
    finalSnapshot: boolean;
    /** CloudWatch log exports (`audit`, `profiler`) in balanced/HA (DOC-02c). */
    logExports: string[];
    parameterGroupFamily: string;
}

export type StorePlan = PostgresPlan | RedisPlan | MongoPlan;

// ----- GPU capacity -----

/** Placeholder capacity-provider name in a GPU service's strategy; the aws layer puts the real one there. */
export const GPU_CAPACITY_PROVIDER = "defang-gpu";

export interface GpuCapacityPlan {
    /** ECS Managed Instances or an Auto Scaling group (decided in plan, documented in plan/gpu.ts). */
    strategy: "managed-instances" | "auto-scaling-group";
    /** Candidate instance types, cheapest first (the first one is what the estimate prices). */
    instanceTypes: string[];
    gpusPerInstance: number;
    /** Minimum shape every candidate has (for attribute-based selection). */
    requirements: { vcpus: number; memoryMiB: number; gpus: number; manufacturer: "nvidia" };
    /** ECS GPU-optimized AMI (public SSM parameter), for the auto-scaling-group strategy. */
    amiParameter: string;
    spot: boolean;
    minSize: number;
    maxSize: number;
    /** The compose services placed on this capacity. */
    services: string[];
}

// ----- config and secrets -----

export interface ConfigPlan {
    /** `/Defang/<project>/<stack>/` */
    prefix: string;
    /** Every config name the project needs (sorted). */
    required: string[];
    /** Of `required`, the ones the caller passes in `config` (the component writes them as SecureStrings). */
    provided: string[];
    /** Parameters the component itself writes: mixed templates and generated store secrets. */
    derived: Array<{ parameter: string; description: string }>;
}

/** A user error found while planning (an impossible size, a name clash…), with its compose location. */
export class PlanError extends Error {
    constructor(
        message: string,
        readonly code: string,
        readonly path?: DocPath,
        readonly hint?: string,
    ) {
        super(message);
        this.name = "PlanError";
    }
}
