// x-defang-mongodb → Amazon DocumentDB: an encrypted, TLS-only cluster with plan.instances instances
// (≥ 2 in high_availability, so a failover has somewhere to go), backups in every mode, deletion
// protection, final snapshot and audit/profiler log exports as the plan (mode) says (DOC-01, DOC-02).
import * as aws from "@pulumi/aws";
import type { MongoPlan } from "../plan/types";
import { docdbInstanceIdentifier, docdbParameterGroupName, docdbSubnetGroupName } from "../plan/naming";
import { type AwsContext, serviceChildName } from "./context";
import type { StoreOutputs } from "./stores";
import { storeDnsRecord, storeSecurityGroup, storeSubnetIds } from "./stores-network";
import { BACKUP_WINDOW, MAINTENANCE_WINDOW, finalSnapshotName, statefulOptions } from "./stores-options";
import { storeCredential } from "./stores-secrets";

export function createMongo(ctx: AwsContext, store: MongoPlan): StoreOutputs {
    const parent = ctx.parent;
    const password = storeCredential(ctx, store, "password", store.password);
    const username =
        store.username.kind === "literal"
            ? { value: store.username.value }
            : { value: storeCredential(ctx, store, "username", store.username).value };
    const { group: sg, ingress } = storeSecurityGroup(ctx, store);
    const subnets = new aws.docdb.SubnetGroup(
        serviceChildName(ctx, store.name, "subnets"),
        { name: docdbSubnetGroupName(ctx.plan, store.name), subnetIds: storeSubnetIds(ctx, store), description: `Private subnets of ${store.name}`, tags: ctx.tags },
        // A stack deployed before names were explicit keeps its (auto-named) group: a new one would replace the cluster.
        { parent, ignoreChanges: ["name"] },
    );
    // An exported log is only written when its parameter is on.
    const logs = new Set(store.logExports);
    const parameters = new aws.docdb.ClusterParameterGroup(
        serviceChildName(ctx, store.name, "params"),
        {
            name: docdbParameterGroupName(ctx.plan, store.name, store.parameterGroupFamily),
            family: store.parameterGroupFamily,
            description: `TLS-only DocumentDB for ${store.name}`,
            parameters: [
                { name: "tls", value: "enabled", applyMethod: "pending-reboot" },
                { name: "audit_logs", value: logs.has("audit") ? "enabled" : "disabled", applyMethod: "immediate" },
                { name: "profiler", value: logs.has("profiler") ? "enabled" : "disabled", applyMethod: "immediate" },
            ],
            tags: ctx.tags,
        },
        { parent },
    );
    const cluster = new aws.docdb.Cluster(
        serviceChildName(ctx, store.name, "docdb"),
        {
            clusterIdentifier: store.identifier,
            engine: "docdb",
            engineVersion: store.engineVersion,
            masterUsername: username.value,
            masterPassword: password.value,
            port: store.port,
            dbSubnetGroupName: subnets.name,
            vpcSecurityGroupIds: [sg.id],
            dbClusterParameterGroupName: parameters.name,
            storageEncrypted: true,
            backupRetentionPeriod: store.backupRetentionDays,
            preferredBackupWindow: BACKUP_WINDOW,
            preferredMaintenanceWindow: MAINTENANCE_WINDOW,
            deletionProtection: store.deletionProtection,
            skipFinalSnapshot: !store.finalSnapshot,
            finalSnapshotIdentifier: finalSnapshotName(store),
            enabledCloudwatchLogsExports: store.logExports,
            allowMajorVersionUpgrade: store.allowDowntime,
            applyImmediately: store.allowDowntime,
            snapshotIdentifier: store.fromSnapshot,
            tags: ctx.tags,
        },
        // clusterIdentifier: a stack deployed before identifiers carried a hash keeps its cluster's name.
        statefulOptions(ctx, store, ["clusterIdentifier", "snapshotIdentifier", "masterUsername"]),
    );
    // Instances hold no data (the cluster volume does), so they are not protected: a mode change from
    // high_availability may remove the second one.
    const instances: aws.docdb.ClusterInstance[] = [];
    for (let i = 0; i < store.instances; i++) {
        const instance = new aws.docdb.ClusterInstance(
            serviceChildName(ctx, store.name, `instance-${i + 1}`),
            {
                identifier: docdbInstanceIdentifier(store.identifier, i + 1),
                clusterIdentifier: cluster.id,
                engine: "docdb",
                instanceClass: store.instanceClass,
                promotionTier: i,
                autoMinorVersionUpgrade: true,
                applyImmediately: store.allowDowntime,
                tags: ctx.tags,
            },
            // identifier: instances of a stack deployed before identifiers carried a hash keep their names.
            { parent, deleteBeforeReplace: false, ignoreChanges: ["identifier"] },
        );
        instances.push(instance);
    }
    const dns = storeDnsRecord(ctx, store, cluster.endpoint);
    return {
        engine: "mongodb",
        endpoint: store.privateFqdn,
        port: store.port,
        address: cluster.endpoint,
        passwordParameter: password.parameterName,
        username: cluster.masterUsername,
        ready: [cluster, ...instances, ingress, dns],
    };
}
