// Managed stores (x-defang-postgres / redis / mongodb) → RDS / ElastiCache / DocumentDB.
// PLACEHOLDER with the agreed signature; implemented by the managed-stores work (issue 4).
import * as pulumi from "@pulumi/pulumi";
import type { StorePlan } from "../plan/types";
import type { AwsContext } from "./context";

export interface StoreOutputs {
    engine: "postgres" | "redis" | "mongodb";
    /** Stable private name `<label>.<project>.internal` (a CNAME to the store). */
    endpoint: string;
    port: number;
    /** The store's own address (RDS / ElastiCache / DocumentDB endpoint). */
    address: pulumi.Output<string>;
    /** SSM parameter name holding the password / auth token. */
    passwordParameter: pulumi.Output<string>;
    username?: pulumi.Output<string>;
    database?: string;
}

/** Creates every managed store of the plan; keyed by compose service name. */
export function createStores(_ctx: AwsContext, stores: StorePlan[]): Record<string, StoreOutputs> {
    if (stores.length > 0) throw new Error("managed stores are not implemented yet");
    return {};
}
