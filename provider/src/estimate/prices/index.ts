// Versioned price data, one JSON file per region. Every figure carries its source and that source's
// date; a region is supported only when its file exists here (a missing figure is an error, never a guess).
// A region may name figures it still lacks in `unpriced`, each with the reason: estimating a plan that
// needs one fails with that reason instead of borrowing another region's price.
import euWest1 from "./eu-west-1.json";
import usEast1 from "./us-east-1.json";
import usWest2 from "./us-west-2.json";

export interface PriceSource {
    title: string;
    url?: string;
    date: string;
    /** AWS (an AWS page or docs), PL (Price List extract), IC (infracost golden), 3P (third party), est (estimate), bill (derived from an AWS bill). */
    kind: string;
}

export interface PriceFigure {
    usd: number;
    unit: string;
    /** Key into the file's `sources`. */
    source: string;
    /** Date of the source (YYYY-MM-DD). */
    date: string;
    /** AWS Price List usage type, where there is one. */
    usageType?: string;
    note?: string;
}

export interface PriceFile {
    region: string;
    location: string;
    currency: string;
    version: string;
    compiled: string;
    sources: Record<string, PriceSource>;
    prices: Record<string, PriceFigure>;
    /** Keys of us-east-1.json this region has no sourced figure for yet → why. */
    unpriced?: Record<string, string>;
}

const FILES: PriceFile[] = [usEast1 as PriceFile, usWest2 as PriceFile, euWest1 as PriceFile];

const BY_REGION = new Map(FILES.map((f) => [f.region, f]));

export function supportedRegions(): string[] {
    return [...BY_REGION.keys()].sort();
}

/** A price the data does not have: the estimate refuses to guess. */
export class MissingPriceError extends Error {
    constructor(
        readonly key: string,
        readonly region: string,
        what: string,
        reason?: string,
    ) {
        super(
            `no price for ${what} in ${region} (price key '${key}')${reason ? `: ${reason}` : ""}; ` +
                `estimate in ${priced(key).join(" or ") || "another region"} for a reference figure, or add it with its source to provider/src/estimate/prices/${region}.json`,
        );
        this.name = "MissingPriceError";
    }
}

export class UnknownRegionError extends Error {
    constructor(readonly region: string) {
        super(`no price data for region '${region}'; supported regions: ${supportedRegions().join(", ")}`);
        this.name = "UnknownRegionError";
    }
}

export class PriceBook {
    constructor(readonly file: PriceFile) {}

    static forRegion(region: string): PriceBook {
        const file = BY_REGION.get(region);
        if (!file) throw new UnknownRegionError(region);
        return new PriceBook(file);
    }

    get region(): string {
        return this.file.region;
    }

    has(key: string): boolean {
        return key in this.file.prices;
    }

    /** True when `key` has no figure of its own here and is derived (see `derivable`). */
    isDerived(key: string): boolean {
        return !this.has(key) && derivable(this.file, key);
    }

    /** The figure for `key`; `what` names it for the error when the data lacks it. */
    figure(key: string, what: string): PriceFigure {
        const fig = this.file.prices[key];
        if (!fig) throw new MissingPriceError(key, this.region, what, this.file.unpriced?.[key]);
        return fig;
    }

    usd(key: string, what: string): number {
        if (this.isDerived(key)) return this.figure(singleAzKey(key)!, what).usd * this.figure("rds.multi-az.factor", "RDS Multi-AZ factor").usd;
        return this.figure(key, what).usd;
    }

    /** `<source title> (<date>)` of a figure, for lines and notes that cite it. */
    sourceOf(key: string): string {
        const fig = this.figure(key, key);
        return `${this.file.sources[fig.source]?.title ?? fig.source} (${fig.date})`;
    }

    /** Keys under a prefix (for error messages listing what the data has). */
    keys(prefix: string): string[] {
        return Object.keys(this.file.prices).filter((k) => k.startsWith(prefix));
    }
}

/** Multi-AZ RDS figures and the Single-AZ figure they are derived from. */
const MULTI_AZ = /^rds\.(.+)\.multi-az-(hour|gb-month)$/;

function singleAzKey(key: string): string | undefined {
    const m = MULTI_AZ.exec(key);
    return m ? `rds.${m[1]}.single-az-${m[2]}` : undefined;
}

/**
 * A key a region may leave out because the engine derives it: a Multi-AZ RDS instance-hour or
 * storage GB-month is the Single-AZ price times `rds.multi-az.factor` (AWS bills the primary and the
 * standby alike, instance and storage).
 */
export function derivable(file: PriceFile, key: string): boolean {
    const single = singleAzKey(key);
    return !!single && single in file.prices && "rds.multi-az.factor" in file.prices;
}

/** Keys of us-east-1 (the reference) that `file` neither prices nor derives. */
export function unpricedKeys(file: PriceFile, reference: PriceFile): string[] {
    return Object.keys(reference.prices).filter((k) => !(k in file.prices) && !derivable(file, k)).sort();
}

/** Regions whose data prices `key`. */
function priced(key: string): string[] {
    return FILES.filter((f) => key in f.prices).map((f) => f.region);
}

export function allPriceFiles(): readonly PriceFile[] {
    return FILES;
}
