// Unit tests of programs that use defang.Project, under Pulumi's mocks (pulumi.runtime.setMocks).
//
// Under mocks the component never runs: its outputs are whatever the mocks return for the
// `defang:index:Project` registration. `projectMocks` returns the outputs the offline plan of your
// compose file computed, so the program sees realistic endpoints, ARNs and ids in their real shape:
//
//     npx pulumi-defang plan -f compose.yaml --mode balanced --stack dev --json > defang-plan.json
//
//     import * as pulumi from "@pulumi/pulumi";
//     import { projectMocks, outputValue } from "pulumi-defang/testing";
//     pulumi.runtime.setMocks(projectMocks("defang-plan.json"), "project", "dev", false);
//     const app = new defang.Project("shop", { composeFiles: ["compose.yaml"] });
//     assert.match((await outputValue(app.endpoints)).web, /^http/);
//
// `outputValue` fails instead of waiting forever when an output is unknown (mocks in preview mode,
// or an output the mocks did not return).
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";

const PROJECT_TOKEN = "defang:index:Project";

/** What `pulumi-defang plan --json` prints; only `outputs` is used. */
export interface PlanJson {
    outputs: Record<string, unknown>;
}

/** One plan (for every Project), a plan per Project name, or the path of a `plan --json` file. */
export type PlanSource = string | PlanJson | Record<string, string | PlanJson>;

function load(plan: string | PlanJson): PlanJson {
    const parsed = typeof plan === "string" ? JSON.parse(fs.readFileSync(plan, "utf8")) : plan;
    if (!parsed || typeof parsed.outputs !== "object") {
        throw new Error(`${typeof plan === "string" ? plan : "the plan"} has no outputs: write it with 'pulumi-defang plan --json'`);
    }
    return parsed as PlanJson;
}

function planFor(source: PlanSource, name: string): PlanJson {
    if (typeof source === "string" || "outputs" in source) return load(source as string | PlanJson);
    const entry = (source as Record<string, string | PlanJson>)[name];
    if (entry === undefined) throw new Error(`no plan for defang.Project "${name}"; plans are given for ${Object.keys(source).join(", ")}`);
    return load(entry);
}

/** Mocks for everything else: ids `<name>-id`, state = inputs; invokes return their arguments. */
const echo: pulumi.runtime.Mocks = {
    newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
    call: (args) => args.inputs,
};

/**
 * Mocks whose `defang:index:Project` registrations return the outputs of `plans` (the provider's
 * state, as the real component would); every other resource and invoke goes to `base`.
 */
export function projectMocks(plans: PlanSource, base: pulumi.runtime.Mocks = echo): pulumi.runtime.Mocks {
    return {
        newResource(args) {
            if (args.type === PROJECT_TOKEN) return { id: "", state: planFor(plans, args.name).outputs };
            return base.newResource(args);
        },
        call: (args) => base.call(args),
    };
}

// Internal to every Output in @pulumi/pulumi 3.x (the generated SDKs use it too).
interface OutputInternals<T> {
    promise(withUnknowns?: boolean): Promise<T>;
    isKnown: Promise<boolean>;
}

/** The value of an output; rejects when it is unknown, which a plain `apply` would wait on forever. */
export async function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
    const internals = output as unknown as OutputInternals<T>;
    if (!(await internals.isKnown)) {
        throw new Error("the output is unknown: run the mocks with preview = false (the 4th argument of setMocks) and return the output from the mocks");
    }
    return internals.promise();
}
