// Output of an estimate: a table grouped by service and resource (subtotals, total, notes) that fits
// 100 columns, for people, and the JSON document for machines, whose lines sum exactly to its total.
import type { Estimate, EstimateLine } from "./types";
import { hanging, wrap } from "./wrap";

export interface EstimateJson {
    project?: string;
    mode?: string;
    region: string;
    currency: "USD";
    total: number;
    lines: Array<Pick<EstimateLine, "service" | "type" | "name" | "description" | "quantity" | "unit" | "unitPrice" | "monthly" | "source">>;
    notes: string[];
    unpriced: Estimate["unpriced"];
    prices: Estimate["prices"];
}

export function toJson(e: Estimate): EstimateJson {
    return {
        ...(e.project ? { project: e.project } : {}),
        mode: e.mode,
        region: e.region,
        currency: e.currency,
        total: e.total,
        lines: e.lines.map((l) => ({ service: l.service, type: l.type, name: l.name, description: l.description, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, monthly: l.monthly, ...(l.source ? { source: l.source } : {}) })),
        notes: e.notes,
        unpriced: e.unpriced,
        prices: e.prices,
    };
}

export function money(usd: number): string {
    const s = Math.abs(usd).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return usd < 0 ? `-$${s}` : `$${s}`;
}

function unitPrice(usd: number): string {
    const digits = Math.abs(usd) >= 1 ? 2 : Math.min(8, Math.max(2, 2 - Math.floor(Math.log10(Math.abs(usd) || 1)) + 3));
    const s = Math.abs(usd).toFixed(digits).replace(/(\.\d\d\d*?)0+$/, "$1");
    return usd < 0 ? `-$${s}` : `$${s}`;
}

function quantity(l: EstimateLine): string {
    const q = Number.isInteger(l.quantity) ? l.quantity.toLocaleString("en-US") : l.quantity.toLocaleString("en-US", { maximumFractionDigits: 3 });
    return `${q} ${l.unit}`;
}

const shortType = (type: string) => (type.startsWith("aws:") ? type.slice(4).split(":")[0] : type);

/** Widest line of the table and of everything printed around it: fits a 100-column terminal. */
export const TABLE_WIDTH = 100;
/** Widest a figure column grows before its cells wrap (keeps the description column readable). */
const MAX_FIGURE_WIDTH = { quantity: 22, unitPrice: 12, monthly: 14 };
const GAP = "  ";

/**
 * The estimate for people, at most `width` columns: one block per compose service (shared
 * infrastructure last) with its subtotal, then each priced resource (type and logical name) and
 * under it its lines — description wrapped, quantity, unit price, monthly — then the total and the
 * notes. Nothing is cut: long descriptions and names wrap.
 */
export function toTable(e: Estimate, width = TABLE_WIDTH): string {
    const groups = new Map<string, EstimateLine[]>();
    for (const l of e.lines) {
        const key = l.service ?? "(shared)";
        groups.set(key, [...(groups.get(key) ?? []), l]);
    }
    const subtotals = new Map([...groups].map(([k, lines]) => [k, money(lines.reduce((c, l) => c + Math.round(l.monthly * 100), 0) / 100)]));
    const figures = e.lines.map((l) => [quantity(l), unitPrice(l.unitPrice), money(l.monthly)]);
    const columnWidth = (title: string, values: string[], max: number) => Math.min(max, Math.max(title.length, ...values.map((v) => v.length)));
    const qW = columnWidth("QUANTITY", figures.map((f) => f[0]), MAX_FIGURE_WIDTH.quantity);
    const uW = columnWidth("UNIT PRICE", figures.map((f) => f[1]), MAX_FIGURE_WIDTH.unitPrice);
    const mW = columnWidth("MONTHLY", [...figures.map((f) => f[2]), ...subtotals.values(), money(e.total)], MAX_FIGURE_WIDTH.monthly);
    const itemW = width - qW - uW - mW - 3 * GAP.length;

    /** One row: the item cell (lines already fitted) beside the three figures, each wrapped to its column. */
    const row = (item: string[], q = "", u = "", m = ""): string[] => {
        const cells = [wrap(q, qW), wrap(u, uW), wrap(m, mW)];
        const height = Math.max(item.length, ...cells.map((c) => c.length));
        const out: string[] = [];
        for (let i = 0; i < height; i++) {
            const [cq, cu, cm] = cells.map((c) => c[i] ?? "");
            out.push(`${(item[i] ?? "").padEnd(itemW)}${GAP}${cq.padStart(qW)}${GAP}${cu.padStart(uW)}${GAP}${cm.padStart(mW)}`.trimEnd());
        }
        return out;
    };
    const rule = "-".repeat(width);
    const what = [e.project && `project ${e.project}`, e.mode && `mode ${e.mode}`, e.region].filter(Boolean).join(", ");
    const out: string[] = [
        ...wrap(`Estimated monthly cost (${what})`, width),
        ...wrap(`Prices of ${e.prices.version}, each with its source and date in provider/src/estimate/prices/${e.prices.region}.json`, width),
        "",
        ...row(["SERVICE / RESOURCE / LINE"], "QUANTITY", "UNIT PRICE", "MONTHLY"),
        rule,
    ];
    let first = true;
    for (const [service, lines] of groups) {
        if (!first) out.push("");
        first = false;
        out.push(...row(wrap(service === "(shared)" ? "(shared infrastructure)" : service, itemW), "", "", subtotals.get(service)));
        let resource = "";
        for (const l of lines) {
            const label = `${shortType(l.type)} ${l.name}`.trim();
            if (label !== resource) {
                resource = label;
                out.push(...hanging(label, width, "  ", "    "));
            }
            out.push(...row(hanging(l.description, itemW, "    ", "      "), quantity(l), unitPrice(l.unitPrice), money(l.monthly)));
        }
    }
    out.push(rule);
    const plusUsage = e.notes.some((n) => n.startsWith("Usage-driven costs not included"));
    out.push(...row([`TOTAL per month${plusUsage ? " (+ usage)" : ""}`], "", "", money(e.total)));
    const free = e.unpriced.filter((u) => u.reason === "free").length;
    const usageOnly = e.unpriced.filter((u) => u.reason === "usage");
    const notes = [...e.notes];
    if (free) notes.push(`${free} resource${free === 1 ? "" : "s"} cost nothing (security groups, IAM, subnets, routes, parameters, …); --json lists them.`);
    if (usageOnly.length) notes.push(`Billed by use only: ${[...new Set(usageOnly.map((u) => shortType(u.type)))].join(", ")}.`);
    out.push("", "Notes:");
    for (const n of notes) out.push(...hanging(n, width, "  - ", "    "));
    const cited = [...new Set(e.lines.flatMap((l) => (l.source ? [l.source] : [])))];
    if (cited.length) out.push("", "Sources of the storage and CDN prices:", ...cited.flatMap((c) => hanging(c, width, "  - ", "    ")));
    return out.join("\n") + "\n";
}
