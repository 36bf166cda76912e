// Output of an estimate: an aligned table grouped by service (subtotals, total, notes) for people,
// and the JSON document for machines, whose lines sum exactly to its total.
import type { Estimate, EstimateLine } from "./types";

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

export function toTable(e: Estimate): string {
    const header = ["SERVICE", "RESOURCE", "DESCRIPTION", "QUANTITY", "UNIT PRICE", "MONTHLY"];
    const rows: string[][] = [];
    const groups = new Map<string, EstimateLine[]>();
    for (const l of e.lines) {
        const key = l.service ?? "(shared)";
        groups.set(key, [...(groups.get(key) ?? []), l]);
    }
    const subtotalRows = new Set<number>();
    for (const [service, lines] of groups) {
        lines.forEach((l, i) => rows.push([i === 0 ? service : "", `${shortType(l.type)} ${l.name}`.trim(), l.description, quantity(l), unitPrice(l.unitPrice), money(l.monthly)]));
        if (groups.size > 1) {
            subtotalRows.add(rows.length);
            rows.push(["", "", `subtotal ${service}`, "", "", money(lines.reduce((c, l) => c + Math.round(l.monthly * 100), 0) / 100)]);
        }
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const right = new Set([3, 4, 5]);
    const fmtRow = (r: string[]) => r.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
    const rule = widths.map((w) => "-".repeat(w)).join("  ");
    const out: string[] = [];
    const what = [e.project && `project ${e.project}`, e.mode && `mode ${e.mode}`, e.region].filter(Boolean).join(", ");
    out.push(`Estimated monthly cost (${what}; prices of ${e.prices.version})`, "");
    out.push(fmtRow(header), rule);
    rows.forEach((r, i) => {
        out.push(fmtRow(r));
        if (subtotalRows.has(i)) out.push("");
    });
    out.push(rule);
    const plusUsage = e.notes.some((n) => n.startsWith("Usage-driven costs not included"));
    out.push(`${"TOTAL".padEnd(widths.slice(0, 5).reduce((a, w) => a + w + 2, 0))}${money(e.total).padStart(widths[5])} per month${plusUsage ? " (+ usage)" : ""}`);
    const free = e.unpriced.filter((u) => u.reason === "free").length;
    const usageOnly = e.unpriced.filter((u) => u.reason === "usage");
    out.push("", "Notes:");
    for (const n of e.notes) out.push(`  - ${n}`);
    if (free) out.push(`  - ${free} resource${free === 1 ? "" : "s"} cost nothing (security groups, IAM, subnets, routes, parameters, …); --json lists them.`);
    if (usageOnly.length) out.push(`  - Billed by use only: ${[...new Set(usageOnly.map((u) => shortType(u.type)))].join(", ")}.`);
    const cited = [...new Set(e.lines.flatMap((l) => (l.source ? [l.source] : [])))];
    if (cited.length) out.push("", "Sources of the storage and CDN prices:", ...cited.map((s) => `  - ${s}`));
    return out.join("\n") + "\n";
}
