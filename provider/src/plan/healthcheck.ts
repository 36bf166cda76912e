// Compose healthcheck → ECS container health check, and the load balancer's health-check path and
// port read from the first `http://localhost[:PORT]/PATH` (or 127.0.0.1) URL in the test command.
import type { Duration, HealthCheck } from "../compose/types";
import { clampTo } from "./aws-limits";
import type { ContainerPlan } from "./types";

const NS_PER_S = 1e9;

/** Whole seconds, rounded up (ECS and ALB take integers). */
export function seconds(d: Duration | undefined): number | undefined {
    return d === undefined ? undefined : Math.ceil(d / NS_PER_S);
}

export function isDisabled(hc: HealthCheck | undefined): boolean {
    return !!hc && (hc.disable === true || hc.test?.[0] === "NONE");
}

/**
 * ECS limits: interval 5–300 s (default 30), timeout 2–60 s (default 5) and below the interval,
 * retries 1–10 (default 3), start period 0–300 s. No test (an image HEALTHCHECK ECS cannot inherit)
 * or NONE → no check.
 */
export function containerHealthCheck(hc: HealthCheck | undefined): ContainerPlan["healthCheck"] {
    if (!hc || isDisabled(hc) || !hc.test || hc.test.length === 0) return undefined;
    const command = hc.test[0] === "CMD" || hc.test[0] === "CMD-SHELL" ? [...hc.test] : ["CMD-SHELL", hc.test.join(" ")];
    const interval = clampTo("ecsHealthCheckInterval", seconds(hc.interval) ?? 30);
    const timeout = Math.min(clampTo("ecsHealthCheckTimeout", seconds(hc.timeout) ?? 5), interval - 1);
    return {
        command,
        interval,
        timeout,
        retries: clampTo("ecsHealthCheckRetries", hc.retries ?? 3),
        startPeriod: clampTo("ecsHealthCheckStartPeriod", seconds(hc.start_period) ?? 0),
    };
}

/** A loopback HTTP URL in a test command: scheme optional (`curl -f 127.0.0.1:3000` works too). */
const LOOPBACK_URL = /(?:^|[\s'"=(])(?:http:\/\/)?(?:localhost|127\.0\.0\.1|\[::1\])(?::(\d{1,5}|\$\{?\w+\}?))?(\/[^\s'"`;|&)]*)?/;

export interface HealthUrl {
    port?: number;
    path: string;
}

/** The first loopback HTTP URL of the test, or undefined when it has none (or is disabled). */
export function healthUrl(hc: HealthCheck | undefined): HealthUrl | undefined {
    if (!hc || isDisabled(hc) || !hc.test) return undefined;
    const text = hc.test.slice(1).join(" ");
    if (/https:\/\/(?:localhost|127\.0\.0\.1)/.test(text) && !/http:\/\/(?:localhost|127\.0\.0\.1)/.test(text)) return undefined;
    const m = LOOPBACK_URL.exec(text);
    if (!m) return undefined;
    // No port in the URL means port 80, which is what the container's own check calls; a variable
    // (`localhost:$PORT`) is unknown here, so the check uses the traffic port.
    if (m[1] !== undefined && !/^\d+$/.test(m[1])) return { path: (m[2] ?? "/").split(/[?#]/)[0] || "/" };
    const port = m[1] !== undefined ? Number(m[1]) : 80;
    const path = (m[2] ?? "/").split(/[?#]/)[0] || "/";
    return { port: port > 0 && port < 65536 ? port : undefined, path: path.slice(0, 1024) };
}
