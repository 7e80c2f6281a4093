import type { Clock } from '../ports/clock.js';

/**
 * Generous on purpose: reasoning models can be silent for minutes, and Tracker settled on 10 minutes after
 * a stream hung for 15 in the field (parity notes §6).
 */
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 10 * 60_000;
/** A backstop for a response that keeps trickling; the longest outputs take most of an hour. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60 * 60_000;

export interface DeadlineSettings {
  /** The call ends when no byte has arrived for this long, counted from sending the request. */
  readonly streamIdleTimeoutMs: number;
  /** The call ends when it has taken this long in all. */
  readonly requestTimeoutMs: number;
}

export type ExpiredDeadline = 'idle' | 'request';

/**
 * The two deadlines of one LLM call, on the injected Clock. `signal` aborts when either expires or when the
 * caller's signal aborts; `touch()` records a received byte (llm-http-fetch.ts calls it per socket chunk).
 * Two timers per call, however many chunks arrive: the idle timer re-arms itself for the time left.
 */
export class RequestDeadlines {
  readonly #clock: Clock;
  readonly #settings: DeadlineSettings;
  readonly #controller = new AbortController();
  readonly #stop = new AbortController();
  readonly #parent: AbortSignal | undefined;
  readonly #onParentAbort = () => this.#controller.abort(this.#parent?.reason);
  #lastByteAt: number;
  #expired: ExpiredDeadline | undefined;

  constructor(clock: Clock, settings: DeadlineSettings, parent?: AbortSignal) {
    this.#clock = clock;
    this.#settings = settings;
    this.#parent = parent;
    this.#lastByteAt = clock.now();
    if (parent?.aborted) this.#controller.abort(parent.reason);
    else parent?.addEventListener('abort', this.#onParentAbort, { once: true });
    void this.#watchIdle();
    void this.#watchRequest();
  }

  /** Aborts on a deadline or the caller's abort: pass it to the SDK call. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Which deadline ended the call, if one did. */
  get expired(): ExpiredDeadline | undefined {
    return this.#expired;
  }

  get settings(): DeadlineSettings {
    return this.#settings;
  }

  touch(): void {
    this.#lastByteAt = this.#clock.now();
  }

  /** Ends the call now (e.g. an event listener threw). */
  abort(reason: unknown): void {
    this.#controller.abort(reason);
  }

  /** Stops both timers; call it when the call has settled. */
  dispose(): void {
    this.#stop.abort();
    this.#parent?.removeEventListener('abort', this.#onParentAbort);
  }

  #expire(which: ExpiredDeadline): void {
    if (this.#controller.signal.aborted) return;
    this.#expired = which;
    this.#controller.abort(new DOMException(`LLM ${which} deadline expired`, 'AbortError'));
  }

  async #watchIdle(): Promise<void> {
    const idleMs = this.#settings.streamIdleTimeoutMs;
    let wait = idleMs;
    try {
      for (;;) {
        await this.#clock.sleep(wait, this.#stop.signal);
        const silentFor = this.#clock.now() - this.#lastByteAt;
        if (silentFor >= idleMs) return this.#expire('idle');
        wait = idleMs - silentFor;
      }
    } catch {
      // disposed
    }
  }

  async #watchRequest(): Promise<void> {
    try {
      await this.#clock.sleep(this.#settings.requestTimeoutMs, this.#stop.signal);
      this.#expire('request');
    } catch {
      // disposed
    }
  }
}
