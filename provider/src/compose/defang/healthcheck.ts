// Healthcheck rules. ECS container health checks count whole seconds; the load balancer's target-group
// check needs a timeout shorter than its interval and an HTTP path, which the plan reads from the first
// `http://localhost:PORT/PATH` in the test — so an ingress service without such a test gets GET /.
import type { HealthCheck, ServiceConfig } from "../types";
import type { ServiceReporter } from "./report";
import { NS_PER_SECOND } from "./util";

/** ECS defaults when the compose file leaves them out. */
const DEFAULT_TIMEOUT_S = 5;
const DEFAULT_INTERVAL_S = 30;

const LOCAL_URL = /(localhost|127\.0\.0\.1|\[::1\])(?![\w.-])/i;

export function isDisabled(hc: HealthCheck | undefined): boolean {
    return !hc || hc.disable === true || !hc.test || hc.test.length === 0 || hc.test[0] === "NONE";
}

export function checkHealthcheck(svc: ServiceConfig, r: ServiceReporter): void {
    const hc = svc.healthcheck;
    const hasIngress = (svc.ports ?? []).some((p) => p.mode === "ingress");
    if (!isDisabled(hc)) checkTimings(hc!, hasIngress, r);
    if (hc?.start_interval !== undefined) r.report("healthcheck-start-interval-ignored", ["healthcheck", "start_interval"]);

    const ingress = (svc.ports ?? []).findIndex((p) => p.mode === "ingress");
    if (ingress < 0) return;
    const port = svc.ports![ingress].target;
    if (isDisabled(hc)) {
        r.report("healthcheck-ingress-missing", hc ? ["healthcheck"] : ["ports", ingress], { port });
    } else if (!LOCAL_URL.test(hc!.test!.slice(1).join(" "))) {
        r.report("healthcheck-ingress-not-http", ["healthcheck", "test"], { port });
    }
}

function checkTimings(hc: HealthCheck, hasIngress: boolean, r: ServiceReporter): void {
    const timeout = hc.timeout !== undefined ? hc.timeout / NS_PER_SECOND : DEFAULT_TIMEOUT_S;
    const interval = hc.interval !== undefined ? hc.interval / NS_PER_SECOND : DEFAULT_INTERVAL_S;
    for (const [field, seconds] of [["timeout", hc.timeout], ["interval", hc.interval]] as const) {
        if (seconds === undefined) continue;
        const s = seconds / NS_PER_SECOND;
        if (!Number.isInteger(s) && s > 0) {
            r.report("healthcheck-whole-seconds", ["healthcheck", field], { field, value: `${s}s`, rounded: Math.max(1, Math.round(s)) });
        }
    }
    // ECS accepts timeout = interval; the load balancer's target-group check needs timeout < interval.
    if (timeout <= 0 || timeout > interval || (timeout === interval && hasIngress)) {
        r.report("healthcheck-timeout-interval", ["healthcheck", hc.timeout !== undefined ? "timeout" : "interval"], { timeout, interval });
    }
}
