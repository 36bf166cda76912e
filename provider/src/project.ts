// defang:index:Project — a Docker Compose application deployed into the caller's AWS account.
//
//   compose files ─ loadForDeploy ─▶ ComposeProject ─ planDeployment ─▶ DeploymentPlan ─ aws/ ─▶ resources
//
// Loading is synchronous, so compose errors fail the constructor at once with every
// `file:line:col: error: … [code]`. Planning needs facts from the account (region, zones), so it and
// the resources run in an asynchronous build step; its errors reject the outputs, which the engine
// reports without a stack trace for user errors. Under the offline engine (CLI `plan`, tests) a
// session collects diagnostics and errors instead.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { dedupeDiagnostics, Diagnostic, formatDiagnostic, hasErrors, loadForDeploy, type LoadOptions } from "./compose";
import type { ComposeProject } from "./compose/types";
import { parseMode, planDeployment } from "./plan";
import type { DeploymentPlan, Mode } from "./plan/types";
import type { DeployCode } from "./aws/codes";
import { prepareContexts } from "./aws/build-context";
import { DeployError } from "./aws/core";
import { InfrastructureOutputs, createInfrastructure } from "./aws/infrastructure";
import { ExistingConfig, missingConfig, missingConfigMessage, templateSecrets } from "./aws/secrets";
import { OfflineSession, currentSession } from "./offline/session";
import { BucketOutput, DatabaseOutput, PROJECT_TOKEN, ProjectArgs, ServiceOutput, StaticSiteOutput, VolumeOutput } from "./schema-types";

/** Args the component accepts beyond the schema's (used by the CLI; not part of the multi-language API). */
export interface ProjectInternalArgs extends ProjectArgs {
    /** Env files for interpolation, like `docker compose --env-file` (replace the default `.env`). */
    envFiles?: string[];
}

/** The compose loading options the component's args describe (shared with the offline engine). */
export function composeLoadOptions(args: ProjectInternalArgs): LoadOptions {
    return {
        files: args.composeFiles,
        inline: args.composeYaml !== undefined ? [{ filename: "compose.yaml", text: args.composeYaml }] : undefined,
        workingDir: args.workingDir,
        projectName: args.projectName,
        environment: args.environment,
        envFiles: args.envFiles,
        profiles: args.profiles,
    };
}

export class Project extends pulumi.ComponentResource {
    /** Public URL per ingress service. */
    public readonly endpoints: pulumi.Output<Record<string, string>>;
    /** `host:port` per service reachable on the private network. */
    public readonly privateEndpoints: pulumi.Output<Record<string, string>>;
    public readonly services: pulumi.Output<Record<string, ServiceOutput>>;
    public readonly databases: pulumi.Output<Record<string, DatabaseOutput>>;
    public readonly volumes: pulumi.Output<Record<string, VolumeOutput>>;
    public readonly buckets: pulumi.Output<Record<string, BucketOutput>>;
    public readonly staticSites: pulumi.Output<Record<string, StaticSiteOutput>>;
    public readonly loadBalancerDnsName: pulumi.Output<string | undefined>;
    public readonly loadBalancerArn: pulumi.Output<string | undefined>;
    public readonly vpcId: pulumi.Output<string>;
    public readonly publicSubnetIds: pulumi.Output<string[]>;
    public readonly privateSubnetIds: pulumi.Output<string[]>;
    public readonly clusterArn: pulumi.Output<string>;
    public readonly privateZoneId: pulumi.Output<string>;

    constructor(name: string, args: ProjectInternalArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
        // Only descriptive args go to the engine: `config` and `environment` may hold secrets.
        super(PROJECT_TOKEN, name, { composeFiles: args.composeFiles, projectName: args.projectName, mode: args.mode, profiles: args.profiles }, opts);
        const session = currentSession();

        const mode = parseMode(String(args.mode ?? "affordable"));
        if (!mode) {
            throw this.userError(`mode must be one of affordable, balanced, high_availability (got "${args.mode}")`);
        }
        const loaded = loadForDeploy({ ...composeLoadOptions(args), mode });
        this.report(loaded.diagnostics, session);
        if (!loaded.project || hasErrors(loaded.diagnostics)) {
            throw this.userError(errorSummary("the compose project", loaded.diagnostics));
        }

        const built = this.build(name, args, loaded.project, mode, session).catch((err: unknown) => {
            const error = err instanceof DeployError ? this.userError(err.message) : (err as Error);
            if (session) {
                session.errors.push(error);
                return undefined;
            }
            throw error;
        });
        // One Output per property: a single Output of the whole result would make every property
        // secret as soon as one nested value is (a config-provided database username, say).
        const field = <T>(pick: (b: InfrastructureOutputs) => pulumi.Input<T> | undefined, fallback: T): pulumi.Output<T> =>
            pulumi.output(built.then((b) => (b ? pick(b) ?? fallback : fallback))) as pulumi.Output<T>;
        this.endpoints = field<Record<string, string>>((b) => b.endpoints, {});
        this.privateEndpoints = field<Record<string, string>>((b) => b.privateEndpoints, {});
        this.services = field<Record<string, ServiceOutput>>((b) => b.services, {});
        this.databases = field<Record<string, DatabaseOutput>>((b) => b.databases, {});
        this.volumes = field<Record<string, VolumeOutput>>((b) => b.volumes, {});
        this.buckets = field<Record<string, BucketOutput>>((b) => b.buckets, {});
        this.staticSites = field<Record<string, StaticSiteOutput>>((b) => b.staticSites, {});
        this.loadBalancerDnsName = field<string | undefined>((b) => b.loadBalancerDnsName, undefined);
        this.loadBalancerArn = field<string | undefined>((b) => b.loadBalancerArn, undefined);
        this.vpcId = field<string>((b) => b.vpcId, "");
        this.publicSubnetIds = field<string[]>((b) => b.publicSubnetIds, []);
        this.privateSubnetIds = field<string[]>((b) => b.privateSubnetIds, []);
        this.clusterArn = field<string>((b) => b.clusterArn, "");
        this.privateZoneId = field<string>((b) => b.privateZoneId, "");
        this.registerOutputs({
            endpoints: this.endpoints,
            privateEndpoints: this.privateEndpoints,
            services: this.services,
            databases: this.databases,
            volumes: this.volumes,
            buckets: this.buckets,
            staticSites: this.staticSites,
            loadBalancerDnsName: this.loadBalancerDnsName,
            loadBalancerArn: this.loadBalancerArn,
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            clusterArn: this.clusterArn,
            privateZoneId: this.privateZoneId,
        });
    }

    private async build(name: string, args: ProjectArgs, project: ComposeProject, mode: Mode, session: OfflineSession | undefined): Promise<InfrastructureOutputs> {
        const invokeOpts = { parent: this };
        const [region, identity, partition, zones] = await Promise.all([
            aws.getRegion({}, invokeOpts),
            aws.getCallerIdentity({}, invokeOpts),
            aws.getPartition({}, invokeOpts),
            aws.getAvailabilityZones({ state: "available" }, invokeOpts),
        ]);
        const account = { region: region.region ?? region.name, accountId: identity.accountId, partition: partition.partition };
        const offline = session?.offline ?? false;
        // `up` (not preview, not offline) is where missing inputs must stop the deployment.
        const deploying = !offline && !pulumi.runtime.isDryRun();

        const images: Record<string, string> = {};
        for (const [svc, image] of Object.entries(args.images ?? {})) images[svc] = (await known(image)) ?? "<provided>";
        const planned = planDeployment(project, {
            mode,
            stack: pulumi.getStack(),
            region: account.region,
            accountId: account.accountId,
            availableZones: zones.names,
            network: {
                adopt: args.network
                    ? {
                          vpcId: (await known(args.network.vpcId)) ?? "<provided>",
                          publicSubnetIds: ((await known(args.network.publicSubnetIds)) ?? []) as string[],
                          privateSubnetIds: ((await known(args.network.privateSubnetIds)) ?? []) as string[],
                      }
                    : undefined,
                cidrBlock: args.vpc?.cidrBlock,
                availabilityZoneCount: args.vpc?.availabilityZoneCount,
            },
            domain: args.domain
                ? {
                      name: args.domain.name,
                      zoneId: await known(args.domain.zoneId),
                      certificateArn: args.domain.certificateArn !== undefined ? ((await known(args.domain.certificateArn)) ?? "<provided>") : undefined,
                  }
                : undefined,
            images,
            providedConfig: Object.keys(args.config ?? {}).sort(),
            tags: args.tags,
        });
        this.report(dedupeDiagnostics([...planned.diagnostics, ...(planned.plan?.diagnostics ?? [])]), session);
        if (!planned.plan || hasErrors(planned.diagnostics)) throw new DeployError(errorSummary("the deployment plan", planned.diagnostics));
        const plan = planned.plan;

        // Build contexts: hashed always (the hash decides whether an image is rebuilt), zipped for `up`.
        const { contexts, findings } = prepareContexts(plan, { writeArchives: deploying });
        if (findings.length > 0) {
            if (deploying) throw new DeployError(findings.map((f) => f.message).join("\n"));
            const unreported = findings.filter((f) => !f.reportedByRules);
            this.report(
                unreported.map((f) => ({
                    severity: "warning" as const,
                    code: "build-context-unusable" satisfies DeployCode,
                    message: f.message,
                    hint: "fix the build context before `pulumi up`, or pass a prebuilt image for the service in the component's images input",
                })),
                session,
            );
        }

        const config = args.config ?? {};
        const existing = await this.existingConfig(plan, config);
        const missing = missingConfig(plan, config, existing);
        if (missing.length > 0 && !offline) {
            const message = missingConfigMessage(plan, missing, account.region);
            if (deploying) throw new DeployError(message);
            this.report([{ severity: "warning", code: "config-missing" satisfies DeployCode, message }], session);
        }

        return createInfrastructure({
            parent: this,
            name,
            plan,
            account,
            zones: zones.names,
            config,
            images: args.images ?? {},
            network: args.network,
            certificateArn: args.domain?.certificateArn,
            existingConfig: existing,
            contexts,
            offline,
        });
    }

    /** Config names already in SSM under the project's prefix (values only when a template needs them). */
    private async existingConfig(plan: DeploymentPlan, config: Record<string, unknown>): Promise<ExistingConfig> {
        const needValues = templateSecrets(plan).some((t) => t.parts.some((p) => typeof p !== "string" && !(p.ref in config)));
        if (plan.config.required.length === 0 && !needValues) return { values: {} };
        const found = await aws.ssm.getParametersByPath(
            { path: plan.config.prefix.replace(/\/$/, ""), withDecryption: needValues, recursive: false },
            { parent: this },
        );
        const values: Record<string, string | undefined> = {};
        found.names.forEach((full, i) => {
            if (full.startsWith(plan.config.prefix)) values[full.slice(plan.config.prefix.length)] = needValues ? found.values[i] : undefined;
        });
        return { values };
    }

    private report(diagnostics: Diagnostic[], session: OfflineSession | undefined): void {
        if (session) {
            session.diagnostics.push(...diagnostics);
            return;
        }
        for (const d of diagnostics) {
            if (d.severity === "warning") void pulumi.log.warn(formatDiagnostic(d), this);
            else if (d.severity === "info") void pulumi.log.info(formatDiagnostic(d), this);
        }
    }

    private userError(message: string): pulumi.ResourceError {
        // hideStack: the message is the whole story for a user's mistake.
        return new pulumi.ResourceError(message, this, true);
    }
}

/** Resolves an input to its value; undefined when unknown (preview). */
async function known<T>(input: pulumi.Input<T> | undefined): Promise<T | undefined> {
    if (input === undefined) return undefined;
    const o = pulumi.output(input) as unknown as { promise(withUnknowns?: boolean): Promise<T> };
    return o.promise();
}

function errorSummary(what: string, diagnostics: Diagnostic[]): string {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const head = `${what} has ${errors.length === 1 ? "an error" : `${errors.length} errors`}:`;
    return [head, ...errors.map(formatDiagnostic)].join("\n");
}
