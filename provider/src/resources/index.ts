// Custom resources this plugin implements (check / diff / create / read / update / delete), by type
// token. provider.ts dispatches every CRUD call here; a token absent from this registry is refused.
//
// To add one: implement CustomResourceHandler in its own file under resources/ (pure validation and
// diffing in a `*-spec.ts` next to it, so the engine's preview calls stay cheap), then add one line
// below. Entries load their module on first use, so answering GetSchema never loads the AWS SDK.
// Custom resources are internal (created by the component, absent from schema.json).
import { IMAGE_BUILD_TOKEN } from "./image-build-spec";
import { STATIC_SITE_SYNC_TOKEN } from "./static-site-sync-spec";
import { TASK_RUN_TOKEN } from "./task-run-spec";

export interface CustomResourceHandler {
    check(olds: unknown, news: unknown): Promise<{ inputs: Record<string, unknown>; failures: Array<{ property: string; reason: string }> }>;
    diff(id: string, olds: unknown, news: unknown): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace?: boolean }>;
    create(inputs: unknown): Promise<{ id: string; outs: object }>;
    read(id: string, props: unknown): Promise<{ id: string; props: unknown }>;
    update(id: string, olds: unknown, news: unknown): Promise<{ outs: object }>;
    delete(id: string, props: unknown): Promise<void>;
    /** Stops long operations in progress when the engine cancels the deployment. */
    cancel?(): Promise<void>;
}

const REGISTRY: Record<string, () => CustomResourceHandler> = {
    [IMAGE_BUILD_TOKEN]: () => new (require("./image-build") as typeof import("./image-build")).ImageBuildHandler(),
    [TASK_RUN_TOKEN]: () => new (require("./task-run") as typeof import("./task-run")).TaskRunHandler(),
    [STATIC_SITE_SYNC_TOKEN]: () => new (require("./static-site-sync") as typeof import("./static-site-sync")).StaticSiteSyncHandler(),
};

const loaded = new Map<string, CustomResourceHandler>();

export function customResourceTypes(): string[] {
    return Object.keys(REGISTRY).sort();
}

/** The handler of a custom resource type (one instance per plugin process); undefined when unknown. */
export function customResource(type: string): CustomResourceHandler | undefined {
    if (!(type in REGISTRY)) return undefined;
    if (!loaded.has(type)) loaded.set(type, REGISTRY[type]());
    return loaded.get(type);
}

/** Handlers already in use (for cancellation). */
export function loadedCustomResources(): CustomResourceHandler[] {
    return [...loaded.values()];
}
