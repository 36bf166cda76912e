// The component's warnings and infos under a real Pulumi engine: pulumi.log on the resource they concern.
// The engine groups them under that resource and prefixes warnings with `warning:` (infos with nothing),
// so a warning's text carries no severity of its own (no `warning: warning:`). Paths are shown relative
// to the program's directory (the plugin's working directory), as the CLI shows them.
import * as pulumi from "@pulumi/pulumi";
import { formatDiagnostic, formatFinding, relativeDiagnostic, type Diagnostic } from "./compose";

export function logDiagnostic(d: Diagnostic, resource: pulumi.Resource, cwd: string = process.cwd()): void {
    const shown = relativeDiagnostic(d, cwd);
    if (d.severity === "warning") void pulumi.log.warn(formatFinding(shown), resource);
    else if (d.severity === "info") void pulumi.log.info(formatDiagnostic(shown), resource);
    else void pulumi.log.error(formatFinding(shown), resource);
}
