// `domainname` → ACM certificates (DNS-validated in the public zone) and alias records to the ALB.
// PLACEHOLDER with the agreed signatures; implemented by the domains work (issue 4).
import * as pulumi from "@pulumi/pulumi";
import type { CertificatePlan } from "../plan/types";
import type { AwsContext } from "./context";

export interface IssuedCertificate {
    domains: string[];
    /** ARN of the validated certificate (resolves once validation completes). */
    certificateArn: pulumi.Output<string>;
}

/** Certificates to attach to the HTTPS listener. Zones are looked up at deploy; none found → a warning and no certificate. */
export async function createCertificates(_ctx: AwsContext, plans: CertificatePlan[]): Promise<IssuedCertificate[]> {
    if (plans.length > 0) throw new Error("domain certificates are not implemented yet");
    return [];
}

/** Alias A/AAAA records for every host routed to the ALB whose zone is known. */
export function createAliasRecords(
    _ctx: AwsContext,
    plans: CertificatePlan[],
    _alb: { dnsName: pulumi.Output<string>; zoneId: pulumi.Output<string> },
): void {
    if (plans.length > 0) throw new Error("domain records are not implemented yet");
}
