// defang:index:Project — a Docker Compose application deployed into the caller's AWS account.
//
//   compose files ─ loadForDeploy ─▶ ComposeProject ─ planDeployment ─▶ DeploymentPlan ─ aws/ ─▶ resources
//
// Loading is synchronous; planning needs facts from the account (region, zones), so it and the
// resources run in an asynchronous build step. Under the real engine, user errors of either step (bad
// compose, a plan that cannot be deployed, missing config) stop the deployment with the findings shown
// once on this resource (findings.ts). Under the offline engine (CLI `plan`, tests) a session collects
// diagnostics and errors instead, and compose errors throw from the constructor.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { dedupeDiagnostics, Diagnostic, formatFinding, hasErrors, loadForDeploy, relativeDiagnostic, type LoadOptions } from "./compose";
import type { ComposeProject } from "./compose/types";
import { parseMode, planDeployment } from "./plan";
import type { DeploymentPlan, Mode } from "./plan/types";
import type { DeployCode } from "./aws/codes";
import { prepareContexts } from "./aws/build-context";
import { legacyAliases } from "./aws/context";
import { DeployError } from "./aws/core";
import { InfrastructureOutputs, createInfrastructure } from "./aws/infrastructure";
import { ExistingConfig, missingConfig, templateSecrets } from "./aws/secrets";
import { callerLanguage, missingConfigDiagnostic, type ComposeSource } from "./aws/config-hint";
import { pluginVersion } from "./aws/build-image";
import { logDiagnostic } from "./engine-log";
import { stopWithFindings } from "./findings";
import { OfflineSession, currentSession } from "./offline/session";
import { BucketOutput, DatabaseOutput, PROJECT_TOKEN, ProjectArgs, ServiceOutput, StaticSiteOutput, VolumeOutput } from "./schema-types";

/** Args the component accepts beyond the schema's (used by the CLI; not part of the multi-language API). */
export interface ProjectInternalArgs extends ProjectArgs {
    /** Env files for interpolation, like `docker compose --env-file` (replace the default `.env`). */
    envFiles?: string[];
}

/** The compose loading options the component's args describe (shared with the offline engine). */
export function composeLoadOptions(args: ProjectInternalArgs): LoadOptions {
    const { plain, secret } = splitEnvironment(args.environment);
    return {
        files: args.composeFiles,
        inline: args.composeYaml !== undefined ? [{ filename: "compose.yaml", text: args.composeYaml }] : undefined,
        workingDir: args.workingDir,
        projectName: args.projectName,
        environment: plain,
        secretVariables: Object.keys(secret),
        envFiles: args.envFiles,
        profiles: args.profiles,
        allowFilesOutsideProject: args.allowFilesOutsideProject,
    };
}

/**
 * The `environment` input split by secretness: a value given as an Output (a Pulumi secret, or one
 * the provider marked secret) is never read into the compose model; it is handed over like a
 * `config` value (SSM SecureString, ECS secret), so it cannot land in plaintext anywhere.
 */
export function splitEnvironment(env: Record<string, unknown> | undefined): { plain: Record<string, string>; secret: Record<string, pulumi.Input<string>> } {
    const plain: Record<string, string> = {};
    const secret: Record<string, pulumi.Input<string>> = {};
    for (const [k, v] of Object.entries(env ?? {})) {
        if (pulumi.Output.isInstance(v)) secret[k] = pulumi.secret(v as pulumi.Output<string>);
        else if (v !== undefined && v !== null) plain[k] = String(v);
    }
    return { plain, secret };
}

/** `config` plus the secret `environment` values (an explicit config value wins). */
function allConfig(args: ProjectInternalArgs): Record<string, pulumi.Input<string>> {
    return { ...splitEnvironment(args.environment).secret, ...(args.config ?? {}) };
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
    /** SNS topic the alarms notify. */
    public readonly alarmTopicArn: pulumi.Output<string>;
    /** Console URL of the project's CloudWatch dashboard. */
    public readonly dashboardUrl: pulumi.Output<string>;

    constructor(name: string, args: ProjectInternalArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
        // Only descriptive args go to the engine: `config` and `environment` may hold secrets.
        // legacyAliases: children renamed since earlier versions keep their state (aws/context.ts).
        const withAliases = { ...opts, transformations: [...(opts.transformations ?? []), legacyAliases] };
        super(PROJECT_TOKEN, name, { composeFiles: args.composeFiles, projectName: args.projectName, mode: args.mode, profiles: args.profiles }, withAliases);
        const built = this.start(name, args, currentSession());
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
        this.alarmTopicArn = field<string>((b) => b.alarmTopicArn, "");
        this.dashboardUrl = field<string>((b) => b.dashboardUrl, "");
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
            alarmTopicArn: this.alarmTopicArn,
            dashboardUrl: this.dashboardUrl,
        });
    }

    /** Loads the compose project and starts the build; undefined once a user error was reported. */
    private start(name: string, args: ProjectInternalArgs, session: OfflineSession | undefined): Promise<InfrastructureOutputs | undefined> {
        const mode = parseMode(String(args.mode ?? "affordable"));
        if (!mode) {
            return this.refuse(name, `mode must be one of affordable, balanced, high_availability (got "${args.mode}")`, session, true);
        }
        const loaded = loadForDeploy({ ...composeLoadOptions(args), mode });
        this.report(loaded.diagnostics, session);
        const sources = loaded.project?.sources;
        if (session && sources) session.locate = (path) => sources.locate(path);
        if (!loaded.project || hasErrors(loaded.diagnostics)) {
            return this.refuse(name, errorSummary("the compose project", loaded.diagnostics), session, true);
        }
        const project = loaded.project;
        return this.build(name, args, project, mode, session).catch((err: unknown) => {
            if (err instanceof DeployError) return this.refuse(name, err.message, session, false);
            if (!session) throw err;
            session.errors.push(err as Error);
            return undefined;
        });
    }

    /**
     * A user error. Offline: thrown (while constructing) or handed to the session. Under the engine:
     * shown once on this resource, and the deployment stops (findings.ts).
     */
    private refuse(name: string, message: string, session: OfflineSession | undefined, constructing: boolean): Promise<undefined> {
        const error = this.userError(message);
        if (!session) return stopWithFindings(this, name, error);
        if (constructing) throw error;
        session.errors.push(error);
        return Promise.resolve(undefined);
    }

    private async build(name: string, args: ProjectInternalArgs, project: ComposeProject, mode: Mode, session: OfflineSession | undefined): Promise<InfrastructureOutputs> {
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
            pulumiProject: pulumi.getProject(),
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
            providedConfig: Object.keys(allConfig(args)).sort(),
            tags: args.tags,
            alarms: { emails: args.alarms?.emails ?? [], existingTopic: args.alarms?.topicArn !== undefined },
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

        // Missing config fails the preview too, when SSM says what exists; offline there is no SSM to ask.
        const config = allConfig(args);
        const { existing, unchecked } = await this.existingConfig(plan, config, offline);
        if (unchecked) this.report([unchecked], session);
        const missing = unchecked || offline ? [] : missingConfig(plan, config, existing);
        if (missing.length > 0) {
            const source = composeSource(args, project);
            const diagnostic = missingConfigDiagnostic(plan, missing, { region: account.region, version: pluginVersion() ?? "latest", source, language: callerLanguage() });
            throw new DeployError(formatFinding(diagnostic));
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
            alarmTopicArn: args.alarms?.topicArn,
            contexts,
            offline,
        });
    }

    /**
     * Config names already in SSM under the project's prefix (values only when a template needs them).
     * When SSM cannot be read, a warning says so and nothing is reported missing, unless values are
     * needed to build a template secret: then the deployment cannot go on.
     */
    private async existingConfig(plan: DeploymentPlan, config: Record<string, unknown>, offline: boolean): Promise<{ existing: ExistingConfig; unchecked?: Diagnostic }> {
        const needValues = templateSecrets(plan).some((t) => t.parts.some((p) => typeof p !== "string" && !(p.ref in config)));
        if (plan.config.required.length === 0 && !needValues) return { existing: { values: {} } };
        const prefix = plan.config.prefix.replace(/\/$/, "");
        let found: aws.ssm.GetParametersByPathResult;
        try {
            found = await aws.ssm.getParametersByPath({ path: prefix, withDecryption: needValues, recursive: false }, { parent: this });
        } catch (err) {
            if (offline) throw err;
            const reason = firstLine(err);
            if (needValues) throw new DeployError(`cannot read the config values under ${prefix}/ in SSM Parameter Store, which a service's environment combines into one value: ${reason}`);
            const unchecked: Diagnostic = {
                severity: "warning",
                code: "config-unchecked" satisfies DeployCode,
                message: `could not read ${prefix}/ in SSM Parameter Store (${reason}), so config values missing there (${plan.config.required.join(", ")}) are not reported before the deployment; tasks will fail to start without them`,
                hint: `allow ssm:GetParametersByPath on the path to whoever runs pulumi, or check with: npx pulumi-defang@${pluginVersion() ?? "latest"} config ls --stack ${plan.stack}`,
            };
            return { existing: { values: {} }, unchecked };
        }
        const values: Record<string, string | undefined> = {};
        found.names.forEach((full, i) => {
            if (full.startsWith(plan.config.prefix)) values[full.slice(plan.config.prefix.length)] = needValues ? found.values[i] : undefined;
        });
        return { existing: { values } };
    }

    private report(diagnostics: Diagnostic[], session: OfflineSession | undefined): void {
        if (session) {
            session.diagnostics.push(...diagnostics);
            return;
        }
        // Errors are not logged: the component refuses with them (refuse), and they would show twice.
        for (const d of diagnostics) if (d.severity !== "error") logDiagnostic(d, this);
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

/** `<what> has N errors:` and each error (file:line:col, code, hint), without severities: it is an error. */
function errorSummary(what: string, diagnostics: Diagnostic[]): string {
    const errors = diagnostics.filter((d) => d.severity === "error").map((d) => relativeDiagnostic(d, process.cwd()));
    const head = `${what} has ${errors.length === 1 ? "an error" : `${errors.length} errors`}:`;
    return [head, ...errors.map(formatFinding)].join("\n");
}

function firstLine(err: unknown): string {
    return (err instanceof Error ? err.message : String(err)).split("\n")[0];
}

/** The compose inputs a `pulumi-defang config set` run from the program's directory needs. */
function composeSource(args: ProjectInternalArgs, project: ComposeProject): ComposeSource {
    const cwd = process.cwd();
    const base = path.resolve(cwd, args.workingDir ?? ".");
    const relative = (file: string) => path.relative(cwd, path.resolve(base, file)) || ".";
    const files = args.composeFiles?.length ? args.composeFiles.map(relative) : base === cwd ? [] : project.files.slice(0, 1).map(relative);
    return { files, onDisk: args.composeYaml === undefined, projectName: args.projectName, profiles: args.profiles ?? [] };
}
