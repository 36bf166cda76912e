// Deploy-time warnings of the issue-4 modules (stores, GPU, certificates) as Diagnostics with stable
// codes: into the offline session when one is open (`plan`, `estimate`, tests), else `pulumi.log.warn`.
import type { Diagnostic } from "../compose/types";
import { logDiagnostic } from "../engine-log";
import { currentSession } from "../offline/session";
import type { DeployCode } from "./codes";
import type { AwsContext } from "./context";

export function warn(ctx: Pick<AwsContext, "parent">, code: DeployCode, message: string, hint: string): void {
    const diagnostic: Diagnostic = { severity: "warning", code, message, hint };
    const session = currentSession();
    if (session) {
        session.diagnostics.push(diagnostic);
        return;
    }
    logDiagnostic(diagnostic, ctx.parent);
}
