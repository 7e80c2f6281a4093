import type { Clock } from '../ports/clock.js';

export type Timed<T> = { readonly done: true; readonly value: T } | { readonly done: false };

/**
 * Waits for `work` at most `ms` on `clock`. The work is not cancelled (the @actions libraries take no
 * signal); a late rejection is swallowed so it cannot surface as unhandled.
 */
export async function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  clock: Clock
): Promise<Timed<T>> {
  const stop = new AbortController();
  const timedOut = clock.sleep(ms, stop.signal).then(
    () => ({ done: false }) as const,
    () => ({ done: false }) as const
  );
  work.catch(() => undefined);
  try {
    return await Promise.race([work.then((value) => ({ done: true, value }) as const), timedOut]);
  } finally {
    stop.abort();
  }
}
