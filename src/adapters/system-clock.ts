import { setTimeout as delay } from 'node:timers/promises';
import { MAX_DURATION_MS } from '../graph/values.js';
import type { Clock } from '../ports/clock.js';

/**
 * The longest delay one Node timer can take (2^31-1 ms ≈ 24.8 days). A longer one overflows and fires
 * after 1 ms, so longer sleeps are chained from timers of at most this length.
 */
export const MAX_TIMER_MS = MAX_DURATION_MS;

/** One real timer: resolves after `ms` (≤ MAX_TIMER_MS), rejects when `signal` aborts. */
export type TimerWait = (ms: number, signal?: AbortSignal) => Promise<void>;

const nodeTimer: TimerWait = async (ms, signal) => {
  await delay(ms, undefined, signal ? { signal } : undefined);
};

/**
 * Sleeps `ms` as a chain of `wait` calls of at most `maxChunk` each, so delays beyond the timer limit
 * are honoured. Rejects with the signal's reason as soon as it aborts (before, during or between chunks).
 */
export async function sleepInChunks(
  ms: number,
  signal: AbortSignal | undefined,
  wait: TimerWait,
  maxChunk: number = MAX_TIMER_MS
): Promise<void> {
  if (signal?.aborted) throw signal.reason;
  let left = ms;
  while (left > 0) {
    const chunk = Math.min(left, maxChunk);
    try {
      await wait(chunk, signal);
    } catch (error) {
      throw signal?.aborted ? signal.reason : error;
    }
    left -= chunk;
    if (signal?.aborted) throw signal.reason;
  }
}

/**
 * `yieldToEventLoop` for the real event loop: lets it run (timers, I/O, signals) once before resolving —
 * unless it has run since the last call (a stage that waited for a process or a file let it go round
 * already), which resolves at once: a turn of the loop per node cost a tool chain 0.03–0.05 ms per node
 * on its critical path. "Has run" is a marker `setImmediate` queued at each call.
 */
function eventLoopYielder(): () => Promise<void> {
  let turned = true;
  let armed = false;
  const arm = (): void => {
    if (armed) return;
    armed = true;
    setImmediate(() => {
      armed = false;
      turned = true;
    });
  };
  return () => {
    if (turned) {
      turned = false;
      arm();
      return Promise.resolve();
    }
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        turned = false;
        arm();
        resolve();
      })
    );
  };
}

/** A real clock whose timers come from `wait` (tests observe the chunks without sleeping). */
export function createSystemClock(wait: TimerWait = nodeTimer): Clock {
  return {
    now: () => Date.now(),
    sleep: (ms, signal) => sleepInChunks(ms, signal, wait),
    yieldToEventLoop: eventLoopYielder()
  };
}

/** The real clock. */
export const systemClock: Clock = createSystemClock();
