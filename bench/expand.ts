// Benchmark: expand synthetic 10-, 50- and 100-service compose apps through defang:index:Project under
// the offline engine (load → plan → aws modules → every registration settled), against registering the
// very same resources bare (same types, names and inputs; no component logic). Prints both medians and
// their ratio: what the component costs on top of the registrations Pulumi must do anyway. The bare
// side constructs the same SDK classes (aws.ecs.Service, …) with the captured inputs as plain values:
// no parent, no dependencies between resources, no loading or planning.
//
//   npx ts-node --transpile-only -P tsconfig.json bench/expand.ts [sizes…] [--mode MODE] [--runs N]
//   node bin/bench/expand.js                       (after `npm run build`)
import * as pulumi from "@pulumi/pulumi";
import { offlineEngine } from "../provider/src/offline/mocks";
import { closeSession, openSession } from "../provider/src/offline/session";
import { parseMode } from "../provider/src/plan/modes";
import type { Mode } from "../provider/src/plan/types";
import { Project } from "../provider/src/project";

/** A compose app of `n` services: every 5th behind the load balancer, the others on private ports, two networks, config references. */
export function syntheticCompose(n: number): string {
    const lines = ["name: bench", "services:"];
    for (let i = 0; i < n; i++) {
        const ingress = i % 5 === 0;
        lines.push(
            `  svc${i}:`,
            `    image: ghcr.io/acme/svc${i}:1.0`,
            "    ports:",
            `      - target: ${8000 + i}`,
            `        mode: ${ingress ? "ingress" : "host"}`,
            "    environment:",
            `      LOG_LEVEL: info`,
            `      API_KEY_${i}:`,
            `      UPSTREAM: http://svc${(i + 1) % n}:${8000 + ((i + 1) % n)}`,
            "    networks: [" + (i % 2 === 0 ? "front, back" : "back") + "]",
            "    deploy:",
            "      resources:",
            "        reservations:",
            "          cpus: '0.25'",
            "          memory: 512M",
        );
        if (ingress) lines.push("    healthcheck:", `      test: [CMD, curl, -f, "http://localhost:${8000 + i}/health"]`);
    }
    lines.push("networks:", "  front: {}", "  back: {}");
    return lines.join("\n") + "\n";
}

interface Registration {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

async function timeComponent(compose: string, mode: Mode): Promise<{ ms: number; registrations: Registration[] }> {
    const engine = offlineEngine();
    engine.beginRun({});
    const session = openSession(true);
    const start = process.hrtime.bigint();
    try {
        new Project("bench", { composeYaml: compose, mode });
        await engine.settle();
    } finally {
        closeSession(session);
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const failed = session.diagnostics.filter((d) => d.severity === "error");
    if (failed.length > 0 || session.errors.length > 0) throw new Error(`the synthetic app did not plan: ${JSON.stringify([...failed, ...session.errors.map(String)])}`);
    return { ms, registrations: engine.resources.filter((r) => r.custom).map((r) => ({ type: r.type, name: r.name, inputs: r.raw })) };
}

/** For tokens without an SDK class here. */
class Untyped extends pulumi.CustomResource {}

type ResourceClass = new (name: string, args: Record<string, unknown>) => pulumi.Resource;

/** The SDK class of a type token (`aws:ecs/service:Service` → aws.ecs.Service), so bare registrations cost what typed ones cost. */
function resourceClass(type: string): ResourceClass | undefined {
    const [pkg, mod, cls] = type.split(":");
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const sdk = pkg === "aws" ? require("@pulumi/aws") : pkg === "random" ? require("@pulumi/random") : undefined;
    const ns = mod.split("/")[0];
    return (ns === "index" ? sdk?.[cls] : sdk?.[ns]?.[cls]) as ResourceClass | undefined;
}

async function timeBare(registrations: Registration[]): Promise<number> {
    const engine = offlineEngine();
    engine.beginRun({});
    const classes = registrations.map((r) => resourceClass(r.type));
    const start = process.hrtime.bigint();
    registrations.forEach((r, i) => {
        const Class = classes[i];
        if (Class) new Class(r.name, r.inputs);
        else new Untyped(r.type, r.name, r.inputs);
    });
    await engine.settle();
    return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
    const s = [...values].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(argv: string[]): Promise<void> {
    const sizes = argv.filter((a, i) => /^\d+$/.test(a) && !["--mode", "--runs"].includes(argv[i - 1])).map(Number);
    const modeArg = argv.indexOf("--mode") >= 0 ? argv[argv.indexOf("--mode") + 1] : "balanced";
    const runs = argv.indexOf("--runs") >= 0 ? Number(argv[argv.indexOf("--runs") + 1]) : 5;
    const mode = parseMode(modeArg);
    if (!mode) throw new Error(`unknown mode ${modeArg}`);
    console.log(`mode ${mode}, median of ${runs} runs after one warm-up; times in ms`);
    console.log(["services", "resources", "component", "bare", "ratio"].map((h) => h.padStart(10)).join(""));
    for (const n of sizes.length ? sizes : [10, 50, 100]) {
        const compose = syntheticCompose(n);
        const warm = await timeComponent(compose, mode);
        await timeBare(warm.registrations);
        const component: number[] = [];
        const bare: number[] = [];
        for (let i = 0; i < runs; i++) {
            const c = await timeComponent(compose, mode);
            component.push(c.ms);
            bare.push(await timeBare(c.registrations));
        }
        const [c, b] = [median(component), median(bare)];
        console.log([n, warm.registrations.length, c.toFixed(0), b.toFixed(0), (c / b).toFixed(2)].map((v) => String(v).padStart(10)).join(""));
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).catch((err) => {
        console.error(err);
        process.exit(1);
    });
}
