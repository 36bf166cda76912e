// Tags on every taggable resource: defang:project, defang:stack, defang:mode, plus the caller's.
import { QUOTAS, STRINGS, checkString } from "./aws-limits";
import type { PlanContext } from "./context";
import { shortHash } from "./naming";

/** AWS tag limits (plan/aws-limits.ts): 50 per resource, key ≤ 128, value ≤ 256, no `aws:` prefix. */
const MAX_TAGS = QUOTAS.tagsPerResource.max;
const MAX_KEY = STRINGS.tagKey.max;
const MAX_VALUE = STRINGS.tagValue.max;

export function planTags(ctx: PlanContext): Record<string, string> {
    const ours: Record<string, string> = {
        "defang:project": ctx.project.name,
        "defang:stack": ctx.options.stack,
        "defang:mode": ctx.options.mode,
    };
    for (const [key, value] of Object.entries(ours)) {
        const broken = checkString("tagValue", value);
        if (broken) {
            ctx.error(
                "tag-invalid",
                key === "defang:project" ? ["name"] : undefined,
                `the ${key} tag every resource carries cannot be "${value}": ${broken.message}`,
                key === "defang:project" ? "Use a shorter project name (compose `name:`, or the -p option)." : "Use a shorter stack name.",
            );
        }
    }
    const out: Record<string, string> = {};
    const given = ctx.options.tags ?? {};
    for (const key of Object.keys(given).sort()) {
        const value = given[key];
        const broken = checkString("tagKey", key) ?? checkString("tagValue", value);
        if (broken) {
            ctx.error(
                "tag-invalid",
                undefined,
                `tag "${key}" is not allowed on AWS resources: ${broken.message}`,
                `Tag keys are 1-${MAX_KEY} characters and may not start with aws:; values are at most ${MAX_VALUE} characters; both use ${STRINGS.tagKey.allowed} only (IAM and ECS refuse others).`,
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

/**
 * A tag key or value we build (Name tags hold project, network and service names) cut to AWS's limit
 * deterministically: the readable head plus a short hash of the whole, so long names stay distinct.
 */
export function fitTag(text: string, max: number): string {
    if (text.length <= max) return text;
    const hash = shortHash(text, 8);
    return `${text.slice(0, max - hash.length - 1)}-${hash}`;
}

/** Tags with every key ≤ 128 and value ≤ 256 characters (plan/aws-limits.ts: tagKey, tagValue). */
export function fitTags(tags: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(tags)) out[fitTag(key, MAX_KEY)] = fitTag(value, MAX_VALUE);
    return out;
}
