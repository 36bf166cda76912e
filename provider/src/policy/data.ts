// Managed-store rules (security-rules.md §4–§6).
import { ALL_MODES, Graph, PRODUCTION, PolicyResource, Rule, list, obj, str } from "./types";

const RDS = "aws:rds/instance:Instance";
const CACHE = "aws:elasticache/replicationGroup:ReplicationGroup";
const DOCDB = "aws:docdb/cluster:Cluster";

const failing = (rs: PolicyResource[], bad: (r: PolicyResource) => string | undefined) =>
    rs.flatMap((resource) => {
        const message = bad(resource);
        return message ? [{ resource, message }] : [];
    });

function backupFloor(mode: string): number {
    return mode === "affordable" ? 1 : 7;
}

export function dataRules(mode: string): Rule[] {
    return [
        { id: "RDS-01", severity: "High", modes: ALL_MODES, check: (g: Graph) => failing(g.ofType(RDS), (r) => (r.inputs.storageEncrypted !== true ? "storage not encrypted" : undefined)) },
        { id: "RDS-02", severity: "Critical", modes: ALL_MODES, check: (g: Graph) => failing(g.ofType(RDS), (r) => (r.inputs.publiclyAccessible === true ? "publicly accessible" : undefined)) },
        {
            id: "RDS-03",
            severity: "Med",
            modes: ALL_MODES,
            check: (g: Graph) =>
                failing(g.ofType(RDS), (r) => {
                    const days = Number(r.inputs.backupRetentionPeriod ?? 0);
                    return days < backupFloor(mode) || days > 35 ? `backup retention ${days} days` : undefined;
                }),
        },
        { id: "RDS-04", severity: "Med", modes: ["high_availability"], check: (g: Graph) => failing(g.ofType(RDS), (r) => (r.inputs.multiAz !== true ? "not Multi-AZ" : undefined)) },
        {
            id: "RDS-05",
            severity: "Med",
            modes: PRODUCTION,
            check: (g: Graph) => failing(g.ofType(RDS), (r) => (r.inputs.deletionProtection !== true || r.inputs.skipFinalSnapshot === true ? "no deletion protection or no final snapshot" : undefined)),
        },
        {
            id: "RDS-06",
            severity: "High",
            modes: ALL_MODES,
            check: (g: Graph) => {
                const forcing = new Set(
                    g
                        .ofType("aws:rds/parameterGroup:ParameterGroup")
                        .filter((p) => list(p.inputs.parameters).map(obj).some((x) => x.name === "rds.force_ssl" && String(x.value) === "1"))
                        .map((p) => String(p.inputs.name ?? p.id)),
                );
                return failing(g.ofType(RDS).filter((r) => String(r.inputs.engine ?? "").includes("postgres")), (r) => (!forcing.has(String(r.inputs.parameterGroupName)) ? "parameter group does not force SSL" : undefined));
            },
        },
        {
            id: "RDS-07",
            severity: "Low",
            modes: PRODUCTION,
            check: (g: Graph) =>
                failing(g.ofType(RDS), (r) => {
                    const logs = list(r.inputs.enabledCloudwatchLogsExports).map(String);
                    if (!logs.includes("postgresql")) return "postgresql logs not exported";
                    if (r.inputs.performanceInsightsEnabled !== true) return "Performance Insights off";
                    return [1, 5, 10, 15, 30, 60].includes(Number(r.inputs.monitoringInterval)) ? undefined : "enhanced monitoring off";
                }),
        },
        { id: "RDS-09", severity: "Low", modes: ALL_MODES, check: (g: Graph) => failing(g.ofType(RDS), (r) => (r.inputs.autoMinorVersionUpgrade === false ? "minor upgrades off" : undefined)) },
        { id: "EC-01", severity: "High", modes: ALL_MODES, check: (g: Graph) => failing(g.ofType(CACHE), (r) => (r.inputs.atRestEncryptionEnabled !== true ? "not encrypted at rest" : undefined)) },
        {
            // Authentication (authToken / user groups) is required only when the plan asks for a password; see redis.ts.
            id: "EC-02",
            severity: "High",
            modes: ALL_MODES,
            check: (g: Graph) => failing(g.ofType(CACHE), (r) => (r.inputs.transitEncryptionEnabled !== true ? "not encrypted in transit" : undefined)),
        },
        {
            id: "EC-03",
            severity: "Med",
            modes: ["high_availability"],
            check: (g: Graph) =>
                failing(g.ofType(CACHE), (r) =>
                    r.inputs.automaticFailoverEnabled === true && r.inputs.multiAzEnabled === true && Number(r.inputs.numCacheClusters ?? 0) >= 2 ? undefined : "no automatic failover across AZs",
                ),
        },
        { id: "EC-04", severity: "Low", modes: PRODUCTION, check: (g: Graph) => failing(g.ofType(CACHE), (r) => (Number(r.inputs.snapshotRetentionLimit ?? 0) > 0 ? undefined : "no snapshots")) },
        { id: "DOC-01", severity: "High", modes: ALL_MODES, check: (g: Graph) => failing(g.ofType(DOCDB), (r) => (r.inputs.storageEncrypted !== true ? "storage not encrypted" : undefined)) },
        {
            id: "DOC-02a",
            severity: "High",
            modes: ALL_MODES,
            check: (g: Graph) =>
                failing(g.ofType("aws:docdb/clusterParameterGroup:ClusterParameterGroup"), (p) => (list(p.inputs.parameters).map(obj).some((x) => x.name === "tls" && str(x.value) === "disabled") ? "TLS disabled" : undefined)),
        },
        { id: "DOC-02b", severity: "Med", modes: PRODUCTION, check: (g: Graph) => failing(g.ofType(DOCDB), (r) => (Number(r.inputs.backupRetentionPeriod ?? 1) >= 7 ? undefined : "backups under 7 days")) },
        {
            id: "DOC-02c",
            severity: "Low",
            modes: PRODUCTION,
            check: (g: Graph) => failing(g.ofType(DOCDB), (r) => (list(r.inputs.enabledCloudwatchLogsExports).some((x) => ["audit", "profiler"].includes(String(x))) ? undefined : "no audit/profiler logs")),
        },
    ];
}
