// x-defang-postgres → Amazon RDS for PostgreSQL: encrypted, private, TLS-only, backed up in every mode;
// Multi-AZ, deletion protection, final snapshot and Performance Insights as the plan (mode) says.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PostgresPlan } from "../plan/types";
import { iamRoleName, rdsParameterGroupName, rdsSubnetGroupName } from "../plan/naming";
import { namingScope } from "./core";
import { type AwsContext, serviceChildName } from "./context";
import type { StoreOutputs } from "./stores";
import { storeDnsRecord, storeSecurityGroup, storeSubnetIds } from "./stores-network";
import { BACKUP_WINDOW, MAINTENANCE_WINDOW, finalSnapshotName, pinsMinorVersion, statefulOptions } from "./stores-options";
import { storeCredential } from "./stores-secrets";

/** Performance Insights retention in days (7 is the free tier). */
export const PI_RETENTION_DAYS = 7;

export function createPostgres(ctx: AwsContext, store: PostgresPlan): StoreOutputs {
    const parent = ctx.parent;
    const password = storeCredential(ctx, store, "password", store.password);
    const { group: sg, ingress } = storeSecurityGroup(ctx, store);
    const subnets = new aws.rds.SubnetGroup(
        serviceChildName(ctx, store.name, "subnets"),
        { name: rdsSubnetGroupName(ctx.plan, store.name), subnetIds: storeSubnetIds(ctx, store), description: `Private subnets of ${store.name}`, tags: ctx.tags },
        // A stack deployed before names were explicit keeps its (auto-named) group: a new name would move the database.
        { parent, ignoreChanges: ["name"] },
    );
    const parameters = new aws.rds.ParameterGroup(
        serviceChildName(ctx, store.name, "params"),
        {
            name: rdsParameterGroupName(ctx.plan, store.name, store.parameterGroupFamily),
            family: store.parameterGroupFamily,
            description: `TLS-only PostgreSQL for ${store.name}`,
            // RDS-06: clients must use TLS (PG 15+ defaults to 1; older majors do not).
            parameters: [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }],
            tags: ctx.tags,
        },
        { parent },
    );
    const monitoringRole = store.monitoringIntervalSeconds > 0 ? enhancedMonitoringRole(ctx, store) : undefined;

    // The identifier too: a stack deployed before identifiers carried a hash keeps its database's name.
    const ignore = ["identifier", "snapshotIdentifier", "username", "dbName"];
    if (pinsMinorVersion(store.engineVersion)) ignore.push("engineVersion");
    const instance = new aws.rds.Instance(
        serviceChildName(ctx, store.name, "postgres"),
        {
            identifier: store.identifier,
            engine: "postgres",
            engineVersion: store.engineVersion,
            instanceClass: store.instanceClass,
            // Restored from a snapshot, the user and database come from it.
            username: store.fromSnapshot ? undefined : store.username,
            dbName: store.fromSnapshot ? undefined : store.database,
            password: password.value,
            port: store.port,
            storageType: "gp3",
            allocatedStorage: store.allocatedStorageGiB,
            maxAllocatedStorage: store.maxAllocatedStorageGiB,
            storageEncrypted: true,
            publiclyAccessible: false,
            dbSubnetGroupName: subnets.name,
            vpcSecurityGroupIds: [sg.id],
            parameterGroupName: parameters.name,
            multiAz: store.multiAz,
            backupRetentionPeriod: store.backupRetentionDays,
            backupWindow: BACKUP_WINDOW,
            maintenanceWindow: MAINTENANCE_WINDOW,
            copyTagsToSnapshot: true,
            deletionProtection: store.deletionProtection,
            skipFinalSnapshot: !store.finalSnapshot,
            finalSnapshotIdentifier: finalSnapshotName(store),
            // Keep automated backups after deletion whenever a final snapshot is kept too.
            deleteAutomatedBackups: !store.finalSnapshot,
            performanceInsightsEnabled: store.performanceInsights,
            performanceInsightsRetentionPeriod: store.performanceInsights ? PI_RETENTION_DAYS : undefined,
            monitoringInterval: store.monitoringIntervalSeconds,
            monitoringRoleArn: monitoringRole?.arn,
            enabledCloudwatchLogsExports: store.logExports,
            iamDatabaseAuthenticationEnabled: true,
            autoMinorVersionUpgrade: true,
            allowMajorVersionUpgrade: store.allowDowntime,
            applyImmediately: store.allowDowntime,
            snapshotIdentifier: store.fromSnapshot,
            tags: ctx.tags,
        },
        statefulOptions(ctx, store, ignore),
    );
    const dns = storeDnsRecord(ctx, store, instance.address);
    return {
        engine: "postgres",
        endpoint: store.privateFqdn,
        port: store.port,
        address: instance.address,
        passwordParameter: password.parameterName,
        username: instance.username,
        database: store.database,
        ready: [instance, ingress, dns],
    };
}

/** The role RDS Enhanced Monitoring publishes OS metrics with: the AWS managed policy for that only. */
function enhancedMonitoringRole(ctx: AwsContext, store: PostgresPlan): aws.iam.Role {
    const role = new aws.iam.Role(
        serviceChildName(ctx, store.name, "monitoring"),
        {
            name: iamRoleName(namingScope(ctx), `${store.name}-rds-monitoring`),
            description: `RDS Enhanced Monitoring for ${store.name}`,
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
            tags: ctx.tags,
        },
        { parent: ctx.parent },
    );
    new aws.iam.RolePolicyAttachment(
        serviceChildName(ctx, store.name, "monitoring-policy"),
        { role: role.name, policyArn: pulumi.interpolate`arn:${ctx.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole` },
        { parent: ctx.parent },
    );
    return role;
}
