// What the aws/ modules of the component core share before the full AwsContext exists (the VPC,
// cluster and zone are created by them). The account facts are resolved once by the component.
import * as pulumi from "@pulumi/pulumi";
import type { NamingScope } from "../plan/naming";
import { fitTags } from "../plan/tags";
import type { DeploymentPlan } from "../plan/types";
import type { AwsContext } from "./context";

export interface Account {
    region: string;
    accountId: string;
    partition: string;
}

export type BaseContext = Pick<AwsContext, "parent" | "name" | "plan" | "tags" | "offline"> & { account: Account };

/** The full context (once the VPC, zone, cluster and apps security group exist) plus the resolved account. */
export type Context = AwsContext & { account: Account };

/** Whose physical names these are (plan/naming.ts): the plan's deployment, in the account's region. */
export function namingScope(ctx: Pick<AwsContext, "plan"> & { account?: Account }): NamingScope {
    return { project: ctx.plan.project, stack: ctx.plan.stack, pulumiProject: ctx.plan.pulumiProject, region: ctx.account?.region ?? ctx.plan.region };
}

/** Options for a child resource: always parented to the component. */
export function child(ctx: Pick<AwsContext, "parent">, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
    return { ...extra, parent: ctx.parent };
}

/** The project's tags plus a Name (shown in the console) and any extra keys. */
export function tagged(ctx: Pick<AwsContext, "tags">, name?: string, extra: Record<string, string> = {}): Record<string, string> {
    // Name and extra values hold project, service and network names: fitted to AWS's tag limits.
    return fitTags({ ...ctx.tags, ...(name ? { Name: name } : {}), ...extra });
}

/** `<project>-<stack>`: the readable prefix of Name tags. */
export function displayPrefix(plan: Pick<DeploymentPlan, "project" | "stack">): string {
    return `${plan.project}-${plan.stack}`;
}

/** An IAM policy document as JSON text (statements already resolved). */
export function policyJson(statements: Array<Record<string, unknown>>): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** A problem with the user's input or account found while building (reported without a stack trace). */
export class DeployError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "DeployError";
    }
}

/**
 * Lets the engine take the resources registered so far before more are created. Every resource holds
 * promises until its registration answers; created all at once, a 500-service project held them all
 * (1.7 GB and 18 s offline, most of it garbage collection). Called between services and alarms.
 */
export function settle(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}
