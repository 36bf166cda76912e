// Args and outputs of defang:index:Project, as the component sees them.
// CONTRACT: schema.json is the source of truth for the multi-language API; this file must match it
// (tests/provider/schema-drift.test.ts compares names, optionality and types). Keep the names here and
// in schema.json identical; the descriptions users read are schema.json's.
// Top-level map and object inputs are plain records here even where the schema lets a program pass an
// output: the provider (provider.ts toComponentArgs) unwraps them so their keys are known.
import * as pulumi from "@pulumi/pulumi";
import type { Mode } from "./plan/modes";

export const PROJECT_TOKEN = "defang:index:Project";

/** An existing VPC to deploy into (instead of creating one). */
export interface NetworkArgs {
    /** ID of the VPC; every subnet below belongs to it. */
    vpcId: pulumi.Input<string>;
    /** Public subnets (the load balancer; tasks too in `affordable`), at least two AZs. */
    publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Private subnets (tasks in `balanced` / `high_availability`, managed stores); they need a NAT route for egress. */
    privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
}

/** Shape of the VPC the component creates (ignored with `network`). */
export interface VpcArgs {
    /** Default 10.0.0.0/16. */
    cidrBlock?: string;
    /** Default: from the mode (2, 2, 3), clamped to the zones the region has. */
    availabilityZoneCount?: number;
}

/** Public DNS names and TLS for ingress services. */
export interface DomainArgs {
    /** A domain you own in Route 53: ingress services without `domainname` are published as `<service>.<name>`. */
    name?: string;
    /** Public hosted zone for `name` and `domainname`s (default: looked up by name, walking up parent domains). */
    zoneId?: pulumi.Input<string>;
    /** Existing ACM certificate for the load balancer's HTTPS listener. */
    certificateArn?: pulumi.Input<string>;
}

/** Where the component's CloudWatch alarms notify. */
export interface AlarmsArgs {
    /** E-mail addresses subscribed to the alarm topic. */
    emails?: string[];
    /** An existing SNS topic to notify instead of creating one. */
    topicArn?: pulumi.Input<string>;
}

export interface ProjectArgs {
    /** Compose files merged in order (like `docker compose -f a -f b`). Default: compose.yaml / docker-compose.yml discovery in `workingDir`. */
    composeFiles?: string[];
    /** Inline compose YAML, instead of files. */
    composeYaml?: string;
    /** Directory for discovery and relative paths. Default: the program's working directory. */
    workingDir?: string;
    /** Project name. Default: compose `name:`, else the directory name. */
    projectName?: string;
    /** Deployment mode. Default `affordable`. */
    mode?: Mode;
    /** Variables for `${VAR}` interpolation (win over `.env`). The shell environment is not used. */
    /** A value given as a Pulumi secret (an Output, over gRPC or from a program) stays secret: see project.ts splitEnvironment. */
    environment?: Record<string, string>;
    /** Active compose profiles. */
    profiles?: string[];
    /** Config values (secrets) for config references; written as SSM SecureString parameters. */
    config?: Record<string, pulumi.Input<string>>;
    /** Service → prebuilt image; the service is not built. */
    images?: Record<string, pulumi.Input<string>>;
    /** Deploy into an existing VPC. */
    network?: NetworkArgs;
    /** Shape of the VPC the component creates. */
    vpc?: VpcArgs;
    /** Public DNS and TLS for ingress services. */
    domain?: DomainArgs;
    /** Where alarms notify: e-mail subscriptions, or an existing SNS topic. */
    alarms?: AlarmsArgs;
    /** Tags on every taggable resource. */
    tags?: Record<string, string>;
    /** Allow env files, label files, includes, extends and build contexts outside the project directory. Default false. */
    allowFilesOutsideProject?: boolean;
}

/** What the component created for one compose service that runs on ECS. */
export interface ServiceOutput {
    /** Public URL (ingress services). */
    url?: string;
    /** `<service>.<project>.internal` */
    privateFqdn: string;
    /** ECS service ARN. */
    serviceArn: string;
    /** IAM role the containers run as. */
    taskRoleArn: string;
    /** The service's own security group. */
    securityGroupId: string;
    /** CloudWatch Logs group of the service's containers. */
    logGroupName: string;
}

export interface DatabaseOutput {
    /** Engine: postgres, redis or mongodb. */
    engine: string;
    /** Stable private name (`<service>.<project>.internal`). */
    endpoint: string;
    port: number;
    /** The store's own endpoint (RDS / ElastiCache / DocumentDB address). */
    address: string;
    /** SSM parameter holding the password / auth token. */
    passwordParameter: string;
    /** Master user name (Postgres, MongoDB). */
    username?: string;
    /** Initial database (Postgres). */
    database?: string;
}

/** A named volume: an Amazon EFS file system. */
export interface VolumeOutput {
    fileSystemId: string;
    fileSystemArn: string;
    /** The access point the services mount it through. */
    accessPointId: string;
    /** Compose services that mount it. */
    services: string[];
}

/** An `x-defang-s3` bucket. */
export interface BucketOutput {
    bucketName: string;
    bucketArn: string;
    region: string;
    /** Services that `depends_on` it (task-role access, bucket name in their environment). */
    clients: string[];
    /** An existing bucket named with `x-defang-s3: {bucket: …}` (the component created nothing). */
    adopted: boolean;
}

/** An `x-defang-static-files` site. */
export interface StaticSiteOutput {
    /** `https://<first public name>`, else `https://<distribution>.cloudfront.net`. */
    url: string;
    distributionId: string;
    distributionDomainName: string;
    /** The private bucket holding the files. */
    bucketName: string;
    /** Public names served with a certificate. */
    domains: string[];
}

/** Output values of defang:index:Project; the component exposes each as `pulumi.Output<ProjectOutputs[K]>`. */
export interface ProjectOutputs {
    /** Service → public URL. */
    endpoints: Record<string, string>;
    /** Service or managed store → `host:port` inside the VPC. */
    privateEndpoints: Record<string, string>;
    services: Record<string, ServiceOutput>;
    databases: Record<string, DatabaseOutput>;
    volumes: Record<string, VolumeOutput>;
    buckets: Record<string, BucketOutput>;
    staticSites: Record<string, StaticSiteOutput>;
    /** Absent without ingress services. */
    loadBalancerDnsName?: string;
    /** Absent without ingress services. */
    loadBalancerArn?: string;
    vpcId: string;
    publicSubnetIds: string[];
    privateSubnetIds: string[];
    clusterArn: string;
    privateZoneId: string;
    /** SNS topic the alarms notify. */
    alarmTopicArn: string;
    /** Console URL of the project's CloudWatch dashboard. */
    dashboardUrl: string;
}

/** Output property names of defang:index:Project (must equal schema.json `properties`). */
export const PROJECT_OUTPUTS = [
    "endpoints",
    "privateEndpoints",
    "services",
    "databases",
    "volumes",
    "buckets",
    "staticSites",
    "loadBalancerDnsName",
    "loadBalancerArn",
    "vpcId",
    "publicSubnetIds",
    "privateSubnetIds",
    "clusterArn",
    "privateZoneId",
    "alarmTopicArn",
    "dashboardUrl",
] as const;
