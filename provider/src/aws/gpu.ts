// EC2 GPU capacity for services that reserve GPUs.
// PLACEHOLDER with the agreed signature; implemented by the GPU work (issue 4).
import * as pulumi from "@pulumi/pulumi";
import type { GpuCapacityPlan } from "../plan/types";
import type { AwsContext } from "./context";

export interface GpuCapacity {
    /** Capacity provider the GPU services' strategy names. */
    capacityProviderName: pulumi.Output<string>;
    /** Task definition `requiresCompatibilities` for GPU tasks (EC2 or MANAGED_INSTANCES). */
    requiresCompatibilities: string[];
}

export function createGpuCapacity(_ctx: AwsContext, plan: GpuCapacityPlan | undefined): GpuCapacity | undefined {
    if (plan) throw new Error("GPU capacity is not implemented yet");
    return undefined;
}
