// How the component's findings reach someone running the real Pulumi engine: each one once, under
// `defang:index:Project (<name>)`, with its file:line:col and hint, and no stack trace, whatever the
// language of the program.
//
// Warnings and infos go through pulumi.log on the component (engine-log.ts).
//
// Errors cannot simply fail `construct`: the engine then prints the message under the stack instead of
// the resource and answers the program's registration with gRPC Unknown ("resource monitor shut
// down"), which the Node.js and Python SDKs turn into a second error with a stack trace (engine:
// pkg/resource/deploy/source_eval.go, construct; SDKs stay quiet only on Unavailable or Cancelled).
// A provider's Check that fails, however, is printed by the engine as that resource's error and stops
// the preview or update, and every program then sees Unavailable and ends quietly. So the component
// registers a findings resource: a custom resource of this plugin with the component's own token and
// name, which the engine labels `defang:index:Project (<name>)`, whose Check (provider.ts) fails with
// the findings. It never reaches the state: the deployment stops at its Check. Should an engine ever
// accept it, its registration resolves and the component's outputs fail with the same error (the way
// errors went before), so nothing waits forever.
import * as pulumi from "@pulumi/pulumi";
import { pluginVersion } from "./aws/build-image";
import { PROJECT_TOKEN } from "./schema-types";

/** The findings resource's only input: the text the engine prints. */
const FINDINGS_INPUT = "findings";

class Findings extends pulumi.CustomResource {}

/**
 * Stops the deployment with `error` shown on `component` (see above). The returned promise never
 * resolves while the engine stops; it rejects with `error` if the engine goes on.
 */
export function stopWithFindings(component: pulumi.ComponentResource, name: string, error: Error): Promise<never> {
    const findings = new Findings(PROJECT_TOKEN, name, { [FINDINGS_INPUT]: error.message }, { parent: component, version: pluginVersion() });
    return new Promise((_, reject) => findings.urn.apply(() => reject(error)));
}

/** Whether a Check is for a findings resource (the component's token on a custom resource). */
export function isFindingsCheck(type: string): boolean {
    return type === PROJECT_TOKEN;
}

/** The error a findings resource's Check fails with: exactly the findings, which the engine prints. */
export function findingsError(news: unknown): Error {
    const text = (news as Record<string, unknown> | undefined)?.[FINDINGS_INPUT];
    const error = new Error(typeof text === "string" ? text : "the component reported an error without details");
    // The engine prints the message; a stack would only reach the plugin's own log.
    error.stack = error.message;
    return error;
}
