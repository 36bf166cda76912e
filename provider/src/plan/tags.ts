// Tags on every taggable resource: defang:project, defang:stack, defang:mode, plus the caller's.
import type { PlanContext } from "./context";

/** AWS tag limits: 50 per resource, key ≤ 128, value ≤ 256, no `aws:` prefix. */
const MAX_TAGS = 50;
const MAX_KEY = 128;
const MAX_VALUE = 256;

export function planTags(ctx: PlanContext): Record<string, string> {
    const ours: Record<string, string> = {
        "defang:project": ctx.project.name,
        "defang:stack": ctx.options.stack,
        "defang:mode": ctx.options.mode,
    };
    const out: Record<string, string> = {};
    const given = ctx.options.tags ?? {};
    for (const key of Object.keys(given).sort()) {
        const value = given[key];
        if (key.length === 0 || key.length > MAX_KEY || value.length > MAX_VALUE || /^aws:/i.test(key)) {
            ctx.error(
                "tag-invalid",
                undefined,
                `tag "${key}" is not allowed on AWS resources`,
                `Tag keys are 1-${MAX_KEY} characters and may not start with aws:; values are at most ${MAX_VALUE} characters.`,
            );
            continue;
        }
        if (key in ours) {
            if (value !== ours[key]) {
                ctx.warn("tag-reserved", undefined, `tag ${key} is set by the component (${ours[key]}); the given value "${value}" is ignored`, "Use another tag key.");
            }
            continue;
        }
        out[key] = value;
    }
    const all = { ...ours, ...out };
    if (Object.keys(all).length > MAX_TAGS) {
        ctx.error("tag-too-many", undefined, `${Object.keys(all).length} tags requested; AWS allows ${MAX_TAGS} per resource (3 are the component's)`, `Pass at most ${MAX_TAGS - 3} tags.`);
    }
    return all;
}
