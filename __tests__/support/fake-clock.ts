import type { Clock } from '../../src/ports/clock.js';

interface PendingSleep {
  readonly until: number;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * A Clock for tests. In manual mode `sleep` waits until the test calls `advance(ms)`; with
 * `autoAdvance: true` every sleep skips time forward at once (time skipping), so backoff and timeouts run
 * instantly while `sleeps` records what was asked for.
 */
export class FakeClock implements Clock {
  #now: number;
  readonly #auto: boolean;
  readonly #pending: PendingSleep[] = [];
  /** Every sleep requested, in ms, in order. */
  readonly sleeps: number[] = [];

  constructor(options: { start?: number; autoAdvance?: boolean } = {}) {
    this.#now = options.start ?? Date.UTC(2026, 0, 1);
    this.#auto = options.autoAdvance ?? false;
  }

  now(): number {
    return this.#now;
  }

  get pendingSleeps(): number {
    return this.#pending.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (this.#auto) {
      this.#now += Math.max(0, ms);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry: PendingSleep = {
        until: this.#now + Math.max(0, ms),
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.#pending.indexOf(entry);
          if (i >= 0) this.#pending.splice(i, 1);
          reject(signal?.reason as Error);
        }
      };
      signal?.addEventListener('abort', entry.onAbort, { once: true });
      this.#pending.push(entry);
    });
  }

  /**
   * Lets pending I/O callbacks and promise jobs run until at least `count` sleeps are pending (the code under
   * test has reached its timer). Throws when that does not happen within a few hundred turns.
   */
  async waitForSleeps(count = 1): Promise<void> {
    for (let turn = 0; turn < 500; turn += 1) {
      if (this.#pending.length >= count) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    throw new Error(`FakeClock: expected ${count} pending sleep(s), found ${this.#pending.length}`);
  }

  /** Moves time forward and resolves every sleep that is due, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      const due = this.#pending
        .filter((p) => p.until <= target)
        .sort((a, b) => a.until - b.until)[0];
      if (!due) break;
      this.#pending.splice(this.#pending.indexOf(due), 1);
      this.#now = Math.max(this.#now, due.until);
      due.signal?.removeEventListener('abort', due.onAbort);
      due.resolve();
      await Promise.resolve();
    }
    this.#now = target;
  }
}
