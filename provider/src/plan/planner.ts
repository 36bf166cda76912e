// PLACEHOLDER (replaced by the plan work).
import type { ComposeProject } from "../compose/types";
import type { PlanOptions } from "./types";
import type { PlanResult } from "./index";

export function buildPlan(_project: ComposeProject, _options: PlanOptions): PlanResult {
    throw new Error("planner not implemented yet");
}
