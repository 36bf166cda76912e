// PLACEHOLDER (replaced by the Defang rules work): the rule matrix and fixups.
import type { ComposeProject } from "../types";
import type { DefangRuleOptions, LoadResult } from "../index";

export function checkDefangRules(project: ComposeProject, _opts: DefangRuleOptions): LoadResult {
    return { project, diagnostics: [] };
}
