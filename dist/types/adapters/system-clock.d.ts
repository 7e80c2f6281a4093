import type { Clock } from '../ports/clock.js';
/**
 * The longest delay one Node timer can take (2^31-1 ms ≈ 24.8 days). A longer one overflows and fires
 * after 1 ms, so longer sleeps are chained from timers of at most this length.
 */
export declare const MAX_TIMER_MS = 2147483647;
/** One real timer: resolves after `ms` (≤ MAX_TIMER_MS), rejects when `signal` aborts. */
export type TimerWait = (ms: number, signal?: AbortSignal) => Promise<void>;
/**
 * Sleeps `ms` as a chain of `wait` calls of at most `maxChunk` each, so delays beyond the timer limit
 * are honoured. Rejects with the signal's reason as soon as it aborts (before, during or between chunks).
 */
export declare function sleepInChunks(ms: number, signal: AbortSignal | undefined, wait: TimerWait, maxChunk?: number): Promise<void>;
/** A real clock whose timers come from `wait` (tests observe the chunks without sleeping). */
export declare function createSystemClock(wait?: TimerWait): Clock;
/** The real clock. */
export declare const systemClock: Clock;
