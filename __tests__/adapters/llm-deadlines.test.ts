/** The two deadlines of an LLM call, on a FakeClock. */
import { describe, expect, it } from '@jest/globals';
import { RequestDeadlines } from '../../src/adapters/llm-deadlines.js';
import { FakeClock } from '../support/fake-clock.js';

const settings = { streamIdleTimeoutMs: 1000, requestTimeoutMs: 5000 };

describe('RequestDeadlines', () => {
  it('expires as idle when no byte arrives for the idle timeout', async () => {
    const clock = new FakeClock();
    const deadlines = new RequestDeadlines(clock, settings);
    await clock.advance(999);
    expect(deadlines.signal.aborted).toBe(false);
    await clock.advance(1);
    expect(deadlines.expired).toBe('idle');
    expect(deadlines.signal.aborted).toBe(true);
    deadlines.dispose();
  });

  it('counts idleness from the last byte: touches keep it alive', async () => {
    const clock = new FakeClock();
    const deadlines = new RequestDeadlines(clock, settings);
    for (let i = 0; i < 4; i += 1) {
      await clock.advance(900);
      deadlines.touch();
    }
    expect(deadlines.expired).toBeUndefined();
    await clock.advance(1000);
    expect(deadlines.expired).toBe('idle');
    deadlines.dispose();
  });

  it('ends a call that keeps receiving bytes at the request timeout', async () => {
    const clock = new FakeClock();
    const deadlines = new RequestDeadlines(clock, settings);
    for (let i = 0; i < 10; i += 1) {
      await clock.advance(500);
      deadlines.touch();
    }
    expect(deadlines.expired).toBe('request');
    deadlines.dispose();
  });

  it('follows the caller’s signal without marking a deadline, and keeps no timers once disposed', async () => {
    const clock = new FakeClock();
    const parent = new AbortController();
    const deadlines = new RequestDeadlines(clock, settings, parent.signal);
    expect(clock.pendingSleeps).toBe(2);
    const reason = new Error('stop');
    parent.abort(reason);
    expect(deadlines.signal.reason).toBe(reason);
    expect(deadlines.expired).toBeUndefined();
    deadlines.dispose();
    await Promise.resolve();
    expect(clock.pendingSleeps).toBe(0);
  });

  it('starts aborted when the caller’s signal already is', () => {
    const parent = new AbortController();
    parent.abort(new Error('early'));
    const deadlines = new RequestDeadlines(new FakeClock(), settings, parent.signal);
    expect(deadlines.signal.aborted).toBe(true);
    deadlines.dispose();
  });
});
