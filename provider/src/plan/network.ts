// The VPC: CIDR, AZ count, subnet CIDRs, NAT, endpoints and flow logs — or an adopted VPC, in which
// case nothing network-wide is created.
import type { PlanContext } from "./context";
import type { NetworkPlan } from "./types";

export const DEFAULT_CIDR = "10.0.0.0/16";
/** Subnets are 1/16 of the VPC, so the VPC may be at most /22 (subnets /26: 59 usable addresses). */
const MIN_PREFIX = 16;
const MAX_PREFIX = 22;
const SUBNET_BITS = 4;
const PRIVATE_SLOT_OFFSET = 8;
/** Regions have at most 6 AZs; our slot layout holds 6 public + 6 private subnets. */
const MAX_AZS = 6;

interface Cidr {
    address: number;
    prefix: number;
}

export function parseCidr(text: string): Cidr | undefined {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
    if (!m) return undefined;
    const octets = m.slice(1, 5).map(Number);
    const prefix = Number(m[5]);
    if (octets.some((o) => o > 255) || prefix > 32) return undefined;
    const address = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
    return { address, prefix };
}

export function formatCidr(c: Cidr): string {
    const a = c.address;
    return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}/${c.prefix}`;
}

/** The subnet at `slot` (0..15) of a VPC: 1/16 of its addresses. */
export function subnetCidr(vpc: Cidr, slot: number): string {
    const prefix = vpc.prefix + SUBNET_BITS;
    const size = 2 ** (32 - prefix);
    return formatCidr({ address: vpc.address + slot * size, prefix });
}

function isPrivateRange(c: Cidr): boolean {
    const within = (base: string, bits: number): boolean => {
        const b = parseCidr(`${base}/${bits}`)!;
        const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
        return ((c.address & mask) >>> 0) === b.address && c.prefix >= bits;
    };
    return within("10.0.0.0", 8) || within("172.16.0.0", 12) || within("192.168.0.0", 16) || within("100.64.0.0", 10);
}

/**
 * @param needsNat a service must run in private subnets even where the mode has no NAT (GPU tasks on
 *        EC2 cannot get a public IP), so the affordable layout gets one NAT gateway.
 */
export function planNetwork(ctx: PlanContext, needsNat: boolean): NetworkPlan | undefined {
    const opts = ctx.options.network ?? {};
    const s = ctx.settings;
    if (opts.adopt) {
        if (opts.cidrBlock || opts.availabilityZoneCount) {
            ctx.warn(
                "vpc-options-ignored",
                undefined,
                "vpc.cidrBlock and vpc.availabilityZoneCount are ignored when network adopts an existing VPC",
                "Remove the vpc input, or drop network to let the component create the VPC.",
            );
        }
        return {
            adopt: opts.adopt,
            cidrBlock: "",
            availabilityZones: 0,
            publicSubnetCidrs: [],
            privateSubnetCidrs: [],
            natGateways: "none",
            s3GatewayEndpoint: false,
            flowLogs: false,
        };
    }

    const cidrText = opts.cidrBlock ?? DEFAULT_CIDR;
    const cidr = parseCidr(cidrText);
    if (!cidr || cidr.prefix < MIN_PREFIX || cidr.prefix > MAX_PREFIX) {
        ctx.error(
            "vpc-cidr-invalid",
            undefined,
            `vpc.cidrBlock "${cidrText}" is not an IPv4 CIDR between /${MIN_PREFIX} and /${MAX_PREFIX}`,
            `Give a block like 10.20.0.0/16 (AWS allows /16 at most; the component needs at least a /${MAX_PREFIX} to carve 16 equal subnets).`,
        );
        return undefined;
    }
    const hostMask = (2 ** (32 - cidr.prefix) - 1) >>> 0;
    if ((cidr.address & hostMask) !== 0) {
        const aligned = formatCidr({ address: (cidr.address & ~hostMask) >>> 0, prefix: cidr.prefix });
        ctx.error(
            "vpc-cidr-invalid",
            undefined,
            `vpc.cidrBlock "${cidrText}" has host bits set`,
            `Use the network address of that block: ${aligned}.`,
        );
        return undefined;
    }
    if (!isPrivateRange(cidr)) {
        ctx.warn(
            "vpc-cidr-public",
            undefined,
            `vpc.cidrBlock ${cidrText} is not a private (RFC 1918 / RFC 6598) range`,
            "Addresses in it become unreachable on the internet from inside the VPC; prefer 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.",
        );
    }

    const zones = availabilityZones(ctx, opts.availabilityZoneCount ?? s.availabilityZones, opts.availabilityZoneCount !== undefined);
    if (zones === undefined) return undefined;
    const natGateways = s.natGateways === "none" && needsNat ? "single" : s.natGateways;
    const plan: NetworkPlan = {
        cidrBlock: formatCidr(cidr),
        availabilityZones: zones.count,
        publicSubnetCidrs: range(zones.count).map((i) => subnetCidr(cidr, i)),
        privateSubnetCidrs: range(zones.count).map((i) => subnetCidr(cidr, PRIVATE_SLOT_OFFSET + i)),
        natGateways,
        s3GatewayEndpoint: true,
        flowLogs: s.flowLogs,
    };
    if (zones.names) plan.zones = zones.names;
    return plan;
}

function availabilityZones(ctx: PlanContext, requested: number, explicit: boolean): { count: number; names?: string[] } | undefined {
    if (!Number.isInteger(requested) || requested < 2 || requested > MAX_AZS) {
        ctx.error(
            "az-count-invalid",
            undefined,
            `vpc.availabilityZoneCount must be a whole number from 2 to ${MAX_AZS} (got ${requested})`,
            "The load balancer and the managed databases need subnets in at least two availability zones.",
        );
        return undefined;
    }
    const available = ctx.options.availableZones;
    if (!available) return { count: requested };
    if (available.length < 2) {
        ctx.error(
            "az-too-few",
            undefined,
            `the region offers ${available.length} availability zone(s); at least 2 are needed`,
            "Deploy to a region with two or more availability zones.",
        );
        return undefined;
    }
    let count = requested;
    if (available.length < requested) {
        count = available.length;
        ctx.warn(
            "az-clamped",
            undefined,
            `${explicit ? "vpc.availabilityZoneCount" : `mode ${ctx.options.mode}`} asks for ${requested} availability zones; the region has ${available.length}, so ${count} are used`,
            explicit ? `Set vpc.availabilityZoneCount to ${count} or less to silence this.` : "Nothing to do: fewer zones mean less redundancy; deploy to a region with more zones if that matters.",
        );
    }
    return { count, names: available.slice(0, count) };
}

function range(n: number): number[] {
    return Array.from({ length: n }, (_, i) => i);
}
