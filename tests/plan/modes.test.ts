import { strict as assert } from "assert";
import { MODES, MODE_TABLE, parseMode } from "../../provider/src/plan/modes";

const A = MODE_TABLE.affordable;
const B = MODE_TABLE.balanced;
const H = MODE_TABLE.high_availability;
/** CloudWatch Logs' allowed retention values (LOG-01). */
const RETENTIONS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

describe("plan/modes: the mode table", () => {
    it("has one row per mode, named after it, and Defang's aliases", () => {
        assert.deepEqual(Object.keys(MODE_TABLE), [...MODES]);
        for (const m of MODES) assert.equal(MODE_TABLE[m].mode, m);
        assert.deepEqual(["cheap", "development", "staging", "production", "high-availability", " HA "].map(parseMode), [
            "affordable",
            "affordable",
            "balanced",
            "high_availability",
            "high_availability",
            "high_availability",
        ]);
        assert.equal(parseMode("fast"), undefined);
    });

    it("matches Defang's documented values: logs 1/7/30, NAT none/single/per-az, AZs 2/2/3", () => {
        assert.deepEqual([A.logRetentionDays, B.logRetentionDays, H.logRetentionDays], [1, 7, 30]);
        assert.deepEqual([A.natGateways, B.natGateways, H.natGateways], ["none", "single", "per-az"]);
        assert.deepEqual([A.availabilityZones, B.availabilityZones, H.availabilityZones], [2, 2, 3]);
        assert.deepEqual([A.databaseFamily, B.databaseFamily, H.databaseFamily], ["burstable", "production", "production"]);
        assert.deepEqual([A.minimumHealthyPercent, B.minimumHealthyPercent, H.minimumHealthyPercent], [0, 100, 100]);
        for (const m of [A, B, H]) assert.ok(RETENTIONS.includes(m.logRetentionDays), m.mode);
    });

    it("runs Spot, Spot over an on-demand base of one task, and on-demand", () => {
        assert.deepEqual(A.capacity, [{ capacityProvider: "FARGATE_SPOT", weight: 1 }]);
        assert.deepEqual(B.capacity, [
            { capacityProvider: "FARGATE", base: 1, weight: 0 },
            { capacityProvider: "FARGATE_SPOT", weight: 1 },
        ]);
        assert.deepEqual(H.capacity, [{ capacityProvider: "FARGATE", weight: 1 }]);
        assert.deepEqual([A.gpuSpot, B.gpuSpot, H.gpuSpot], [true, true, false]);
    });

    it("satisfies the database rules per mode (RDS-03/04/05/07, DOC-02, EC-03/04)", () => {
        // RDS-03: ≥ 1 in A, ≥ 7 in B and H, ≤ 35.
        assert.ok(A.backupRetentionDays >= 1 && B.backupRetentionDays >= 7 && H.backupRetentionDays >= 7);
        for (const m of [A, B, H]) assert.ok(m.backupRetentionDays <= 35);
        // RDS-04: Multi-AZ in H.
        assert.deepEqual([A.multiAz, B.multiAz, H.multiAz], [false, false, true]);
        // RDS-05: deletion protection and final snapshot in B and H.
        assert.deepEqual([B.deletionProtection, B.finalSnapshot, H.deletionProtection, H.finalSnapshot], [true, true, true, true]);
        // RDS-07: Performance Insights, log exports and a valid monitoring interval in B and H.
        for (const m of [B, H]) {
            assert.ok(m.performanceInsights && m.databaseLogExports, m.mode);
            assert.ok([1, 5, 10, 15, 30, 60].includes(m.databaseMonitoringIntervalSeconds), m.mode);
        }
        // EC-03: two nodes (failover) in H; EC-04: snapshots in B and H.
        assert.deepEqual([A.cacheNodes, B.cacheNodes, H.cacheNodes], [1, 1, 2]);
        assert.ok(B.cacheSnapshotRetentionDays > 0 && H.cacheSnapshotRetentionDays > 0);
        // DocumentDB: ≥ 2 instances in H.
        assert.ok(H.documentDbInstances >= 2);
        // Data is protected from an accidental destroy in H only.
        assert.deepEqual([A.protectData, B.protectData, H.protectData], [false, false, true]);
    });

    it("satisfies the platform rules per mode (ECS-01, NET-01, ECS-02, LB-02)", () => {
        assert.deepEqual([A.containerInsights, B.containerInsights, H.containerInsights], [false, true, true]);
        assert.deepEqual([A.flowLogs, B.flowLogs, H.flowLogs], [false, true, true]);
        assert.deepEqual([A.servicesInPublicSubnets, B.servicesInPublicSubnets, H.servicesInPublicSubnets], [true, false, false]);
        assert.deepEqual([A.albDeletionProtection, B.albDeletionProtection, H.albDeletionProtection], [false, false, true]);
    });

    it("waits for steady state in every mode so a failed rollout fails the deploy", () => {
        for (const m of [A, B, H]) assert.equal(m.waitForSteadyState, true, m.mode);
    });

    it("keeps health checks within ALB limits", () => {
        for (const m of [A, B, H]) {
            const h = m.healthCheck;
            assert.ok(h.intervalSeconds >= 5 && h.intervalSeconds <= 300, m.mode);
            assert.ok(h.timeoutSeconds >= 2 && h.timeoutSeconds < h.intervalSeconds, m.mode);
            assert.ok(h.healthyThreshold >= 2 && h.unhealthyThreshold <= 10, m.mode);
        }
    });
});
