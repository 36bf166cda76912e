// What every aws/ module receives: where to attach children, and the shared infrastructure the
// component built before it. CONTRACT between aws/ modules (additive changes only).
import * as pulumi from "@pulumi/pulumi";
import type { DeploymentPlan } from "../plan/types";

export interface AwsContext {
    /** The component: every child is created with `{ parent }`. */
    parent: pulumi.ComponentResource;
    /** The component's logical name; children are named `${name}-${service}-${what}`. */
    name: string;
    plan: DeploymentPlan;
    /** Tags for every taggable resource. */
    tags: Record<string, string>;
    region: pulumi.Output<string>;
    accountId: pulumi.Output<string>;
    partition: pulumi.Output<string>;
    vpcId: pulumi.Output<string>;
    publicSubnetIds: pulumi.Output<string[]>;
    privateSubnetIds: pulumi.Output<string[]>;
    /** Route 53 private zone of the Cloud Map namespace `<project>.internal`. */
    privateZoneId: pulumi.Output<string>;
    /** Marker security group attached to every app task; managed stores admit their port from it only. */
    appsSecurityGroupId: pulumi.Output<string>;
    clusterArn: pulumi.Output<string>;
    clusterName: pulumi.Output<string>;
    /** Values of the component's `config` input (Pulumi secrets), by config name. */
    config: Record<string, pulumi.Input<string>>;
    /** True while running offline (`pulumi-defang plan/estimate`): no AWS behind the invokes. */
    offline: boolean;
}

// Logical names live in two namespaces that cannot meet, whatever the compose file says:
//   project-wide children  `<name>-<what>`              never a `/` after the component's name;
//   a service's children   `<name>-<service>/<what…>`   the service name (which has no `/`) ends at the
//                                                        first `/`, its parts follow, one per `/`.
// So a service named `lb` gives `<name>-lb/sg` beside the load balancer's `<name>-lb-sg`, and services
// `a` and `a-b` never share a child name. Names that changed from the earlier `<name>-<service>-<what>`
// scheme keep their state through an alias (`legacyAliases`, installed by the component), so no
// resource, stateful or not, is replaced by the rename.

/** `${ctx.name}-${parts…}`: the logical name of a project-wide child (`/` in a part becomes `:`). */
export function childName(ctx: Pick<AwsContext, "name">, ...parts: string[]): string {
    return [ctx.name, ...parts.map((p) => p.replace(/\//g, ":"))].join("-");
}

/**
 * `${ctx.name}-${service}/${parts…}`: the logical name of a child of one compose service (or managed
 * store). A part holding `/` itself (a policy path) must come last. Records the earlier name for its alias.
 */
export function serviceChildName(ctx: Pick<AwsContext, "name" | "parent">, service: string, ...parts: string[]): string {
    return renamedFrom(ctx, `${ctx.name}-${service}/${parts.join("/")}`, [ctx.name, service, ...parts].join("-"));
}

interface Renames {
    /** New logical name → the one it had before. */
    legacy: Map<string, string>;
    /** `type::legacy` already claimed as an alias (two resources must never alias one URN). */
    claimed: Set<string>;
}

const renames = new WeakMap<pulumi.Resource, Renames>();

/** Records that the child `name` of the component was called `legacy` before; returns `name`. */
export function renamedFrom(ctx: Pick<AwsContext, "parent">, name: string, legacy: string): string {
    if (name === legacy) return name;
    let table = renames.get(ctx.parent);
    if (!table) renames.set(ctx.parent, (table = { legacy: new Map(), claimed: new Set() }));
    table.legacy.set(name, legacy);
    return name;
}

/**
 * A resource transformation (installed on the component, so it sees every child): a child whose
 * logical name changed gets an alias to its earlier name, and an existing stack updates it in place.
 * An earlier name two children would claim (the collisions the new scheme removes) could never have
 * been deployed, so only the first child gets it.
 */
export function legacyAliases(args: pulumi.ResourceTransformationArgs): pulumi.ResourceTransformationResult | undefined {
    const table = args.opts.parent ? renames.get(args.opts.parent) : undefined;
    const legacy = table?.legacy.get(args.name);
    if (!table || legacy === undefined) return undefined;
    const key = `${args.type}::${legacy}`;
    if (table.claimed.has(key)) return undefined;
    table.claimed.add(key);
    return { props: args.props, opts: { ...args.opts, aliases: [...(args.opts.aliases ?? []), { name: legacy }] } };
}
