// x-defang-postgres → Amazon RDS for PostgreSQL: version from the image, user / database / password
// from the environment, class by mode, safety knobs (Multi-AZ, backups, snapshots, monitoring) by mode.
import { RDS_POSTGRES } from "./catalogs";
import { type PlanContext, servicePath } from "./context";
import { type StoreBase, type StoreInput, type StoreResult, credential, instanceClass, literalOrDefault, unexpectedImage } from "./store-common";
import type { PostgresPlan } from "./types";
import * as v from "./versions";

// ----- PostgreSQL → RDS -----

const PG_USER = /^[A-Za-z][A-Za-z0-9_]{0,15}$/;
const PG_DB = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

export function postgres(ctx: PlanContext, input: StoreInput, base: StoreBase, result: StoreResult): PostgresPlan | undefined {
    const { svc } = input;
    const s = ctx.settings;
    unexpectedImage(ctx, svc, "postgres", v.POSTGRES_IMAGES);
    const ref = svc.image ? v.parseImage(svc.image) : undefined;
    const requested = ref && v.POSTGRES_IMAGES.includes(ref.name) ? v.tagVersion(ref.tag) : undefined;
    const major = requested?.major ?? v.POSTGRES_DEFAULT;
    if (!(v.POSTGRES_MAJORS as readonly number[]).includes(major)) {
        ctx.error(
            "postgres-version-unsupported",
            servicePath(svc.name, "image"),
            `service ${svc.name}: PostgreSQL ${major} is not in RDS standard support (supported: ${v.POSTGRES_MAJORS.join(", ")})`,
            `Use postgres:${v.POSTGRES_DEFAULT} (or another supported major); older majors cost RDS Extended Support fees and newer ones are not offered yet.`,
        );
        return undefined;
    }
    if (v.POSTGRES_ENDING[major]) {
        ctx.warn(
            "postgres-version-ending",
            servicePath(svc.name, "image"),
            `service ${svc.name}: RDS standard support for PostgreSQL ${major} ends on ${v.POSTGRES_ENDING[major]}; after that AWS charges Extended Support`,
            `Plan an upgrade to postgres:${v.POSTGRES_DEFAULT} (set allow-downtime on x-defang-postgres to apply a major upgrade).`,
        );
    }
    const username = literalOrDefault(ctx, svc, "POSTGRES_USER", "postgres", PG_USER, "RDS user names are 1-16 letters, digits or `_`, starting with a letter.");
    if (username && /^(rds|pg_)/i.test(username)) {
        ctx.error("store-name-invalid", servicePath(svc.name, "environment", "POSTGRES_USER"), `service ${svc.name}: POSTGRES_USER "${username}" is reserved by RDS`, "Choose a user name that does not start with rds or pg_.");
        return undefined;
    }
    // Like the postgres image, the database defaults to the user's name.
    const database = literalOrDefault(ctx, svc, "POSTGRES_DB", username ?? "postgres", PG_DB, "RDS database names are 1-63 letters, digits or `_`, starting with a letter (no `-`).");
    const password = credential(ctx, input, "POSTGRES_PASSWORD", result, "password");
    const cls = instanceClass(ctx, svc, RDS_POSTGRES, "RDS");
    if (!username || !database || !password || !cls) return undefined;
    return {
        ...base,
        kind: "postgres",
        engineVersion: String(major),
        instanceClass: cls,
        username,
        database,
        password,
        allocatedStorageGiB: 20,
        maxAllocatedStorageGiB: s.databaseMaxStorageGiB,
        multiAz: s.multiAz,
        backupRetentionDays: s.backupRetentionDays,
        finalSnapshot: s.finalSnapshot,
        performanceInsights: s.performanceInsights,
        monitoringIntervalSeconds: s.databaseMonitoringIntervalSeconds,
        logExports: s.databaseLogExports ? ["postgresql", "upgrade"] : [],
        parameterGroupFamily: `postgres${major}`,
    };
}
