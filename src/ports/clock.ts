/** Time is a dependency: the core never reads the system clock or sets timers itself. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** A uniform random number in [0, 1) — injected so jitter is reproducible in tests. */
export type RandomSource = () => number;

/** Makes a new run ID. */
export type RunIdGenerator = () => string;
