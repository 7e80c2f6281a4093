/**
 * The system clock chains timers for delays beyond Node's 2^31-1 ms limit (a single longer setTimeout
 * fires after 1 ms). The timer is a seam, so nothing here really sleeps.
 */
import { describe, expect, it } from '@jest/globals';
import { MAX_TIMER_MS, createSystemClock, sleepInChunks } from '../../src/adapters/system-clock.js';
import type { TimerWait } from '../../src/adapters/system-clock.js';

const DAY = 86_400_000;

function recordingTimer(onWait?: (ms: number) => void): { wait: TimerWait; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    wait: (ms) => {
      waits.push(ms);
      onWait?.(ms);
      return Promise.resolve();
    }
  };
}

describe('system clock sleep', () => {
  it.each([
    ['a short delay', 1500, [1500]],
    ['exactly the timer limit', MAX_TIMER_MS, [MAX_TIMER_MS]],
    ['30 days', 30 * DAY, [MAX_TIMER_MS, 30 * DAY - MAX_TIMER_MS]],
    ['60 days', 60 * DAY, [MAX_TIMER_MS, MAX_TIMER_MS, 60 * DAY - 2 * MAX_TIMER_MS]],
    ['zero', 0, []],
    ['a negative delay', -5, []]
  ])('%s is waited as timers of at most 2^31-1 ms', async (_what, ms, expected) => {
    const timer = recordingTimer();
    await createSystemClock(timer.wait).sleep(ms);
    expect(timer.waits).toEqual(expected);
    expect(timer.waits.every((w) => w <= MAX_TIMER_MS)).toBe(true);
    expect(timer.waits.reduce((a, b) => a + b, 0)).toBe(Math.max(0, ms));
  });

  it('rejects with the reason, without waiting, when already aborted', async () => {
    const timer = recordingTimer();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(sleepInChunks(30 * DAY, controller.signal, timer.wait)).rejects.toThrow('stop');
    expect(timer.waits).toEqual([]);
  });

  it('stops between chunks when aborted during a long sleep', async () => {
    const controller = new AbortController();
    const timer = recordingTimer(() => controller.abort(new Error('cancelled')));
    await expect(sleepInChunks(60 * DAY, controller.signal, timer.wait)).rejects.toThrow(
      'cancelled'
    );
    expect(timer.waits).toEqual([MAX_TIMER_MS]);
  });

  it("turns the timer's abort error into the signal's reason", async () => {
    const controller = new AbortController();
    const wait: TimerWait = () => {
      controller.abort(new Error('the reason'));
      return Promise.reject(new Error('AbortError: The operation was aborted'));
    };
    await expect(sleepInChunks(10, controller.signal, wait)).rejects.toThrow('the reason');
  });

  it('passes other timer failures through', async () => {
    const wait: TimerWait = () => Promise.reject(new Error('boom'));
    await expect(sleepInChunks(10, undefined, wait)).rejects.toThrow('boom');
  });
});

describe('system clock yieldToEventLoop', () => {
  const immediate = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  it('lets the event loop run before resolving when it has not run since the last call', async () => {
    const clock = createSystemClock();
    await clock.yieldToEventLoop?.();
    // Nothing was awaited in between: this call must let queued callbacks run first.
    let ran = false;
    setImmediate(() => (ran = true));
    await clock.yieldToEventLoop?.();
    expect(ran).toBe(true);
  });

  it('keeps yielding on every call of a loop that never waits for anything', async () => {
    const clock = createSystemClock();
    let turns = 0;
    const counting = setInterval(() => turns++, 0);
    try {
      const started = Date.now();
      // A busy loop of yields: timers must still fire while it runs.
      while (Date.now() - started < 50) await clock.yieldToEventLoop?.();
    } finally {
      clearInterval(counting);
    }
    expect(turns).toBeGreaterThan(3);
  });

  it('resolves at once when the event loop has run since the last call', async () => {
    const clock = createSystemClock();
    await clock.yieldToEventLoop?.();
    await immediate();
    await immediate(); // the loop has gone round
    let ran = false;
    setImmediate(() => (ran = true));
    await clock.yieldToEventLoop?.();
    expect(ran).toBe(false);
  });
});
