import type { Outcome } from '../../src/ports/outcome.js';
import type { HandlerInput } from '../../src/engine/handler.js';
import type { FakeClock } from './fake-clock.js';

/**
 * Measures how many handler calls run at once. `start` receives `slow`, a handler step that sleeps
 * `sleepMs` on the run's clock and succeeds, and starts a run that uses it; the fake clock is then moved on
 * by `sleepMs` for a number of turns. Returns what `start` resolved to and the most `slow` calls that were
 * in flight together.
 */
export async function measurePeakConcurrency<T>(
  clock: FakeClock,
  sleepMs: number,
  start: (slow: (input: HandlerInput) => Promise<Outcome>) => Promise<T>,
  turns = 20
): Promise<{ readonly result: T; readonly peak: number }> {
  let running = 0;
  let peak = 0;
  const slow = async (input: HandlerInput): Promise<Outcome> => {
    running++;
    peak = Math.max(peak, running);
    await input.clock.sleep(sleepMs);
    running--;
    return { status: 'success' };
  };
  const pending = start(slow);
  for (let i = 0; i < turns; i++) {
    await new Promise((r) => setImmediate(r));
    await clock.advance(sleepMs);
  }
  return { result: await pending, peak };
}
