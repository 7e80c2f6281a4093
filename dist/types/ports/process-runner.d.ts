/**
 * Runs one shell command. Implemented by adapters/node-process-runner.ts (real `sh -c`, in-process) and
 * adapters/process-server-runner.ts (the same, started from a helper process; what the CLI uses).
 */
export interface ProcessSpec {
    /** Shell text run with `sh -c`. Never built from context values: those go in `env`. */
    readonly command: string;
    readonly cwd: string;
    /** The complete environment for the child (the runner adds nothing). */
    readonly env: Readonly<Record<string, string>>;
    /**
     * Kill the whole process group after this many ms (SIGTERM, then SIGKILL after `killGraceMs`).
     * Absent, or not a positive finite number, means no timeout.
     */
    readonly timeoutMs?: number;
    readonly killGraceMs?: number;
    /**
     * Full output streams go to these files, each created when its stream's first byte arrives; a
     * stream that stays silent leaves no file (one from an earlier run is removed). Absent = not kept.
     */
    readonly stdoutFile?: string;
    readonly stderrFile?: string;
    /** The caller knows the output files do not exist, so the runner need not remove stale ones. */
    readonly outputFilesFresh?: boolean;
    /** How many trailing bytes of each stream to keep in memory. */
    readonly tailBytes: number;
    /** Text written to the child's stdin, then closed. Absent = stdin is /dev/null. */
    readonly stdin?: string;
}
export interface StreamTail {
    /** The last `tailBytes` of the stream, decoded as UTF-8. */
    readonly text: string;
    /** Total bytes the process wrote to the stream. */
    readonly totalBytes: number;
    /** True when `text` is only the tail. */
    readonly truncated: boolean;
}
export interface ProcessResult {
    /** Exit code, or null when killed by a signal. */
    readonly exitCode: number | null;
    readonly signal: string | null;
    readonly timedOut: boolean;
    /** Stopped because the caller's AbortSignal fired. */
    readonly aborted: boolean;
    readonly stdout: StreamTail;
    readonly stderr: StreamTail;
    readonly durationMs: number;
    /** Set when the process could not be started at all (e.g. cwd missing). */
    readonly spawnError?: string;
    /** Set when an output file could not be written (the in-memory tails are still complete). */
    readonly outputError?: string;
}
export interface ProcessRunner {
    run(spec: ProcessSpec, signal?: AbortSignal): Promise<ProcessResult>;
}
