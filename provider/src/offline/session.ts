// The link between an offline run (CLI `plan` / `estimate`, tests) and the component it drives.
//
// Under a real Pulumi engine there is no session: the component logs warnings with pulumi.log and
// lets errors reject its outputs, which the engine reports. Under the offline engine a session is
// open for the duration of one run: the component hands it every diagnostic and any error of its
// asynchronous build step instead, so the caller can print them (and no promise rejects unhandled).
import type { Diagnostic, DocPath, SourceLocation } from "../compose/types";

export interface OfflineSession {
    /** True for `plan` / `estimate` (no AWS behind the invokes); false for tests of deploy behaviour. */
    readonly offline: boolean;
    readonly diagnostics: Diagnostic[];
    readonly errors: Error[];
    /** Where a compose element is written (set by the component once the project is loaded). */
    locate?: (path: DocPath) => SourceLocation | undefined;
}

let current: OfflineSession | undefined;

export function currentSession(): OfflineSession | undefined {
    return current;
}

/** Opens the session of one run. Runs are sequential: one session at a time. */
export function openSession(offline: boolean): OfflineSession {
    if (current) throw new Error("an offline run is already in progress: runs must be sequential");
    current = { offline, diagnostics: [], errors: [] };
    return current;
}

export function closeSession(session: OfflineSession): void {
    if (current === session) current = undefined;
}
