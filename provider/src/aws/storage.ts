// The storage features' glue in the component: where EFS mount targets go, which image each static
// site is copied out of, and the `volumes`, `buckets` and `staticSites` outputs.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DeploymentPlan } from "../plan/types";
import type { BucketOutput, StaticSiteOutput, VolumeOutput } from "../schema-types";
import type { BuildChain } from "./build";
import type { BucketResources } from "./buckets";
import type { Context } from "./core";
import type { NetworkResources } from "./network";
import type { SiteSource, StaticSiteResources } from "./static-site";
import type { MountSubnet, VolumeResources } from "./volumes";
import { own, put } from "../by-name";

export interface StorageOutputs {
    volumes: pulumi.Output<Record<string, VolumeOutput>>;
    buckets: pulumi.Output<Record<string, BucketOutput>>;
    staticSites: pulumi.Output<Record<string, StaticSiteOutput>>;
}

/**
 * One subnet per AZ of each kind (EFS takes one mount target per AZ). Our VPC has one per zone; an
 * adopted network's subnets are looked up and the first of each AZ kept.
 */
export async function mountSubnets(ctx: Context, plan: DeploymentPlan, network: NetworkResources): Promise<{ public: MountSubnet[]; private: MountSubnet[] }> {
    if (!plan.volumes?.length) return { public: [], private: [] };
    if (network.availabilityZones.length > 0) {
        const per = (ids: pulumi.Output<string[]>) => network.availabilityZones.map((az, i) => ({ key: az, id: ids.apply((all) => all[i]) }));
        return { public: per(network.publicSubnetIds), private: per(network.privateSubnetIds) };
    }
    const adopt = plan.network.adopt;
    const onePerZone = async (ids: string[]): Promise<MountSubnet[]> => {
        const seen = new Set<string>();
        const out: MountSubnet[] = [];
        for (const id of ids) {
            const subnet = await aws.ec2.getSubnet({ id }, { parent: ctx.parent });
            const zone = subnet.availabilityZone || id;
            if (seen.has(zone)) continue;
            seen.add(zone);
            out.push({ key: id, id });
        }
        return out;
    };
    return { public: await onePerZone(adopt?.publicSubnetIds ?? []), private: await onePerZone(adopt?.privateSubnetIds ?? []) };
}

/** Each static site's image: the caller's, the compose image, or the one the build chain pushed. */
export function siteSources(plan: DeploymentPlan, inp: { images: Record<string, pulumi.Input<string>> }, images: Record<string, pulumi.Input<string>>, chain: BuildChain | undefined): Map<string, SiteSource> {
    const out = new Map<string, SiteSource>();
    for (const site of plan.staticSites ?? []) {
        if (!chain?.extract) throw new Error(`static site "${site.name}" has no extraction project (plan.builds.extractProject)`);
        const image = own(inp.images, site.name) ?? own(images, site.name) ?? (site.image.kind === "image" ? site.image.image : undefined);
        if (image === undefined) throw new Error(`no image for static site "${site.name}"`);
        out.set(site.name, { image, archiveBucket: chain.bucket.bucket, extractProject: chain.extract.name, dependsOn: [chain.policy, ...(own(chain.builds, site.name) ? [chain.builds[site.name]] : [])] });
    }
    return out;
}

export function storageOutputs(volumes: Map<string, VolumeResources>, buckets: Map<string, BucketResources>, sites: StaticSiteResources[], region: string): StorageOutputs {
    const v: Record<string, pulumi.Output<VolumeOutput>> = {};
    for (const [name, r] of volumes) {
        put(v, name, pulumi.output({ fileSystemId: r.fileSystem.id, fileSystemArn: r.fileSystem.arn, accessPointId: r.accessPoint.id, services: r.plan.services }) as pulumi.Output<VolumeOutput>);
    }
    const b: Record<string, pulumi.Output<BucketOutput>> = {};
    for (const [name, r] of buckets) {
        put(b, name, pulumi.output({ bucketName: r.name, bucketArn: r.arn, region, clients: r.plan.clients, adopted: r.plan.adopted }) as pulumi.Output<BucketOutput>);
    }
    const s: Record<string, pulumi.Output<StaticSiteOutput>> = {};
    for (const r of sites) {
        put(s, r.plan.name, pulumi.output({
            url: r.url,
            distributionId: r.distribution.id,
            distributionDomainName: r.distribution.domainName,
            bucketName: r.bucket.bucket,
            domains: r.domains,
        }) as pulumi.Output<StaticSiteOutput>);
    }
    return { volumes: pulumi.output(v), buckets: pulumi.output(b), staticSites: pulumi.output(s) };
}
