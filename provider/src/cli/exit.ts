// Ends the CLI only after stdout and stderr have drained. On a pipe Node writes asynchronously once the
// pipe's 64 KiB buffer is full; process.exit() right after a large write would drop the rest (a cut
// `plan --json | jq`) while still reporting success.

/** Resolves once everything written so far to `stream` has been handed to the OS (or the stream failed). */
export function drained(stream: NodeJS.WriteStream): Promise<void> {
    return new Promise((resolve) => {
        if (stream.destroyed || !stream.writable) return resolve();
        // A reader that went away (`| head`) is not our failure: stop waiting instead of hanging.
        const done = () => {
            stream.off("error", done);
            resolve();
        };
        stream.once("error", done);
        // Writes are ordered: the callback of an empty write runs after all earlier writes have flushed.
        stream.write("", () => done());
    });
}

/** Flushes stdout and stderr, then exits with `code` (kept as given). */
export async function exitAfterFlush(code: number): Promise<never> {
    process.exitCode = code;
    await Promise.all([drained(process.stdout), drained(process.stderr)]);
    process.exit(code);
}

/**
 * A reader that closes early (`plan --json | head`) makes later writes fail with EPIPE: that is not a
 * crash of ours. Swallow it so the command ends with its own exit code; other errors still surface.
 */
export function tolerateClosedReaders(): void {
    for (const stream of [process.stdout, process.stderr]) {
        stream.on("error", (err: NodeJS.ErrnoException) => {
            if (err.code !== "EPIPE" && err.code !== "ERR_STREAM_DESTROYED") throw err;
        });
    }
}
