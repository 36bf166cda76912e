// Managed stores (x-defang-postgres / redis / mongodb) → RDS / ElastiCache / DocumentDB.
// One file per engine (postgres.ts, redis.ts, mongodb.ts); shared pieces in stores-*.ts.
import * as pulumi from "@pulumi/pulumi";
import type { StorePlan } from "../plan/types";
import type { AwsContext } from "./context";
import { createMongo } from "./mongodb";
import { createPostgres } from "./postgres";
import { createRedis } from "./redis";
import { byName } from "../by-name";

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
    /** Names of the store's instances or nodes as they exist (CloudWatch dimensions; plan/metrics.ts storeMembers' order). */
    members: pulumi.Output<string>[];
    /**
     * What must exist before the store accepts the apps' connections (the store and its instances, the
     * rule admitting the apps, its private name). Services need not wait; one-off jobs do (aws/job.ts).
     */
    ready: pulumi.Resource[];
}

/**
 * Creates every managed store of the plan; keyed by compose service name.
 * Nothing here is an input of the app services: they reach a store by its private name, known from the
 * plan, so ECS services start while RDS / ElastiCache / DocumentDB are still being created.
 */
export function createStores(ctx: AwsContext, stores: StorePlan[]): Record<string, StoreOutputs> {
    const outputs = byName<StoreOutputs>();
    for (const store of stores) {
        outputs[store.name] = createStore(ctx, store);
    }
    return outputs;
}

function createStore(ctx: AwsContext, store: StorePlan): StoreOutputs {
    switch (store.kind) {
        case "postgres":
            return createPostgres(ctx, store);
        case "redis":
            return createRedis(ctx, store);
        case "mongodb":
            return createMongo(ctx, store);
    }
}
