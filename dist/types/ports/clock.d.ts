/** Time is a dependency: the core never reads the system clock or sets timers itself. */
export interface Clock {
    /** Milliseconds since the epoch. */
    now(): number;
    /** Resolves after `ms`; rejects with the signal's reason when aborted first. */
    sleep(ms: number, signal?: AbortSignal): Promise<void>;
    /**
     * Lets pending I/O callbacks, timers and signal handlers run. The engine calls it before every stage:
     * when every handler and store call resolves at once (simulated LLM stages, fast stores), a looping
     * run would otherwise never give SIGINT/SIGTERM — or an abort from a timer — a chance to stop it.
     */
    yieldToEventLoop?(): Promise<void>;
}
/** A uniform random number in [0, 1) — injected so jitter is reproducible in tests. */
export type RandomSource = () => number;
/** Makes a new run ID. */
export type RunIdGenerator = () => string;
