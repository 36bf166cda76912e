// Public entry point of the plan layer: ComposeProject + options → DeploymentPlan.
// Pure: no Pulumi, no AWS calls, no file system. Errors come back as diagnostics with their compose
// location (project.sources), never as exceptions for user mistakes.
import type { ComposeProject, Diagnostic } from "../compose/types";
import type { DeploymentPlan, PlanOptions } from "./types";
import { buildPlan } from "./planner";

export * from "./types";
export { MODES, MODE_TABLE, parseMode } from "./modes";
export { PLAN_CODES, type PlanCode } from "./codes";

export interface PlanResult {
    /** Absent when an error makes the deployment impossible. */
    plan?: DeploymentPlan;
    /** Errors and warnings, each with file, line and column when known. */
    diagnostics: Diagnostic[];
}

export function planDeployment(project: ComposeProject, options: PlanOptions): PlanResult {
    return buildPlan(project, options);
}
