// Args and outputs of defang:index:Project, as the component sees them.
// CONTRACT: schema.json is the source of truth for the multi-language API; this file must match it
// (see the schema drift test). Keep the names here and in schema.json identical.
import * as pulumi from "@pulumi/pulumi";
import type { Mode } from "./plan/modes";

export const PROJECT_TOKEN = "defang:index:Project";

/** An existing VPC to deploy into (instead of creating one). */
export interface NetworkArgs {
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

export interface DomainArgs {
    /** A domain you own in Route 53: ingress services without `domainname` are published as `<service>.<name>`. */
    name?: string;
    /** Public hosted zone for `name` and `domainname`s (default: looked up by name, walking up parent domains). */
    zoneId?: pulumi.Input<string>;
    /** Existing ACM certificate for the load balancer's HTTPS listener. */
    certificateArn?: pulumi.Input<string>;
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
    domain?: DomainArgs;
    /** Tags on every taggable resource. */
    tags?: Record<string, string>;
}

export interface ServiceOutput {
    /** Public URL (ingress services). */
    url?: string;
    /** `<service>.<project>.internal` */
    privateFqdn: string;
    serviceArn: string;
    taskRoleArn: string;
    securityGroupId: string;
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
    username?: string;
    database?: string;
}

/** Output property names of defang:index:Project (must equal schema.json `properties`). */
export const PROJECT_OUTPUTS = [
    "endpoints",
    "privateEndpoints",
    "services",
    "databases",
    "loadBalancerDnsName",
    "loadBalancerArn",
    "vpcId",
    "publicSubnetIds",
    "privateSubnetIds",
    "clusterArn",
    "privateZoneId",
] as const;
