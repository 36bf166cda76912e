// How the long-running custom resources (ImageBuild, TaskRun) wait: injectable clock and sleep so
// tests run their polling, retry and timeout paths in milliseconds.
export interface Timing {
    sleep: (ms: number) => Promise<void>;
    now: () => number;
    /** First and longest wait between two status polls (the wait doubles up to `max`). */
    pollMs: { first: number; max: number };
    /** Wait before a retry caused by AWS eventual consistency (a fresh IAM role), times the attempt. */
    retryDelayMs: number;
}

export function timing(options: Partial<Timing> = {}): Timing {
    return {
        sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
        now: options.now ?? Date.now,
        pollMs: options.pollMs ?? { first: 2000, max: 15000 },
        retryDelayMs: options.retryDelayMs ?? 10000,
    };
}
