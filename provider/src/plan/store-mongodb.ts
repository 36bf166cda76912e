// x-defang-mongodb → Amazon DocumentDB: version from the image (5.0 at most), credentials from
// MONGO_INITDB_ROOT_USERNAME / _PASSWORD, instances, backups and log exports by mode.
import { DOCUMENTDB } from "./catalogs";
import { type PlanContext, servicePath } from "./context";
import { storeExtensionKey } from "./extensions";
import { type StoreBase, type StoreInput, type StoreResult, credential, instanceClass, readEnv, unexpectedImage } from "./store-common";
import type { MongoPlan } from "./types";
import * as v from "./versions";

// ----- MongoDB → DocumentDB -----

const DOCDB_USER = /^[A-Za-z][A-Za-z0-9]{0,62}$/;

export function mongodb(ctx: PlanContext, input: StoreInput, base: StoreBase, result: StoreResult): MongoPlan | undefined {
    const { svc } = input;
    const s = ctx.settings;
    unexpectedImage(ctx, svc, "mongodb", v.MONGO_IMAGES);
    const ref = svc.image ? v.parseImage(svc.image) : undefined;
    const requested = ref && v.MONGO_IMAGES.includes(ref.name) ? v.tagVersion(ref.tag) : undefined;
    let major = requested?.major ?? v.DOCUMENTDB_DEFAULT_MAJOR;
    if (major < 4) {
        ctx.error(
            "mongo-version-unsupported",
            servicePath(svc.name, "image"),
            `service ${svc.name}: DocumentDB is compatible with MongoDB 4.0 and 5.0, not ${major}.x`,
            "Use mongo:5 (DocumentDB 5.0).",
        );
        return undefined;
    }
    if (major > v.DOCUMENTDB_DEFAULT_MAJOR || !requested) {
        ctx.warn(
            "mongo-version-above-5",
            servicePath(svc.name, "image"),
            `service ${svc.name}: ${requested ? `MongoDB ${major}` : "an untagged mongo image"} runs as DocumentDB 5.0 (MongoDB 5.0 API); features newer than 5.0 are not available`,
            "Pin mongo:5 so local runs match the managed database.",
        );
        major = v.DOCUMENTDB_DEFAULT_MAJOR;
    }
    const version = v.DOCUMENTDB_VERSIONS[major];
    const userEnv = readEnv(svc, "MONGO_INITDB_ROOT_USERNAME");
    let username: MongoPlan["username"] | undefined;
    if (userEnv.kind === "config") {
        if (!result.configNames.includes(userEnv.name)) result.configNames.push(userEnv.name);
        username = { kind: "config", name: userEnv.name };
    } else if (userEnv.kind === "literal") {
        if (DOCDB_USER.test(userEnv.value) && userEnv.value.toLowerCase() !== "admin") username = { kind: "literal", value: userEnv.value };
        else ctx.error("store-name-invalid", servicePath(svc.name, "environment", "MONGO_INITDB_ROOT_USERNAME"), `service ${svc.name}: "${userEnv.value}" is not a valid DocumentDB user name`, "Use 1-63 letters or digits, starting with a letter (not admin).");
    } else if (userEnv.kind === "mixed") {
        ctx.error("store-name-not-literal", servicePath(svc.name, "environment", "MONGO_INITDB_ROOT_USERNAME"), `service ${svc.name}: MONGO_INITDB_ROOT_USERNAME must be a literal or a single config reference`, "Write MONGO_INITDB_ROOT_USERNAME: <name>, or leave it empty to read it from config.");
    } else {
        username = { kind: "literal", value: "mongo" };
        ctx.warn(
            "mongo-no-credentials",
            servicePath(svc.name, storeExtensionKey("mongodb")),
            `service ${svc.name}: no MONGO_INITDB_ROOT_USERNAME; DocumentDB always requires a user, so it is created as "mongo" with a generated password`,
            "Declare MONGO_INITDB_ROOT_USERNAME and MONGO_INITDB_ROOT_PASSWORD (config references) so your app can log in.",
        );
    }
    const password = credential(ctx, input, "MONGO_INITDB_ROOT_PASSWORD", result, "password");
    const cls = instanceClass(ctx, svc, DOCUMENTDB, "DocumentDB");
    if (!username || !password || !cls) return undefined;
    return {
        ...base,
        kind: "mongodb",
        engineVersion: version.engine,
        instanceClass: cls,
        username,
        password,
        instances: s.documentDbInstances,
        backupRetentionDays: s.backupRetentionDays,
        finalSnapshot: s.finalSnapshot,
        logExports: s.databaseLogExports ? ["audit", "profiler"] : [],
        parameterGroupFamily: version.family,
    };
}
