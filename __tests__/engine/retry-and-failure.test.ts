/** Spec §3.5-3.7: retry policy, backoff, failure routing; §3.4 goal gates; max_visits. */
import { describe, expect, it } from '@jest/globals';
import { runDot } from '../support/engine-harness.js';
import { ScriptedHandler } from '../support/scripted-handler.js';
import { FakeClock } from '../support/fake-clock.js';
import type { CheckpointStore } from '../../src/ports/checkpoint-store.js';
import { parseCheckpoint } from '../../src/engine/checkpoint.js';

const fail = (reason = 'boom') => ({ status: 'fail' as const, failureReason: reason });
const ok = { status: 'success' as const };

const WORK = (attrs: string, graphAttrs = '') => `digraph r {
  graph [${graphAttrs}]
  start [shape=Mdiamond]
  work [prompt="w", ${attrs}]
  done [shape=Msquare]
  start -> work -> done
}`;

describe('retry (FAIL and RETRY outcomes are retried while retries remain)', () => {
  it('retries a failing node and succeeds on the third attempt (max_retries=2)', async () => {
    const scripted = new ScriptedHandler({ work: [fail(), fail(), ok] });
    const run = await runDot(WORK('max_retries=2'), { scripted });
    expect(run.result.status).toBe('success');
    expect(scripted.calls.filter((c) => c.nodeId === 'work').map((c) => c.attempt)).toEqual([
      1, 2, 3
    ]);
    expect(run.types('work').filter((t) => t === 'stage.retrying')).toHaveLength(2);
    expect(run.result.checkpoint.node_outcomes['work']).toMatchObject({
      status: 'success',
      attempts: 3
    });
    expect(run.result.checkpoint.node_retries['work']).toBe(2);
  });

  it('fails after exhausting retries and keeps the last failure reason', async () => {
    const scripted = new ScriptedHandler({ work: [fail('bad input')] });
    const run = await runDot(WORK('max_retries=1'), { scripted });
    expect(run.result.status).toBe('fail');
    expect(scripted.calls).toHaveLength(2);
    expect(run.result.failureReason).toContain('bad input');
  });

  it('uses the graph default_max_retries, and its legacy alias default_max_retry', async () => {
    for (const attr of ['default_max_retries=1', 'default_max_retry=1']) {
      const scripted = new ScriptedHandler({ work: [fail(), ok] });
      const run = await runDot(WORK('label="w"', attr), { scripted });
      expect(run.result.status).toBe('success');
    }
  });

  it('does not retry with the default of 0 retries', async () => {
    const scripted = new ScriptedHandler({ work: [fail(), ok] });
    const run = await runDot(WORK('label="w"'), { scripted });
    expect(run.result.status).toBe('fail');
    expect(scripted.calls).toHaveLength(1);
  });

  it('does not retry terminal errors (retryable=false)', async () => {
    const scripted = new ScriptedHandler({ work: [{ ...fail('auth'), retryable: false }, ok] });
    const run = await runDot(WORK('max_retries=3'), { scripted });
    expect(run.result.status).toBe('fail');
    expect(scripted.calls).toHaveLength(1);
  });

  it('turns an exhausted RETRY into FAIL, or PARTIAL_SUCCESS with allow_partial', async () => {
    const retry = { status: 'retry' as const, failureReason: 'not yet' };
    const failed = await runDot(WORK('max_retries=1'), {
      scripted: new ScriptedHandler({ work: [retry] })
    });
    expect(failed.result.status).toBe('fail');
    expect(failed.result.failureReason).toContain('max retries exceeded');
    const partial = await runDot(WORK('max_retries=1, allow_partial=true'), {
      scripted: new ScriptedHandler({ work: [retry] })
    });
    expect(partial.result.status).toBe('success');
    expect(partial.result.checkpoint.node_outcomes['work']?.status).toBe('partial_success');
  });

  it('backs off exponentially with jitter from the injected random source', async () => {
    const clock = new FakeClock({ autoAdvance: true });
    const scripted = new ScriptedHandler({ work: [fail(), fail(), fail(), ok] });
    await runDot(WORK('max_retries=3'), { scripted, clock, random: () => 0.5 });
    expect(clock.sleeps).toEqual([200, 400, 800]);
    const jittered = new FakeClock({ autoAdvance: true });
    await runDot(WORK('max_retries=2'), {
      scripted: new ScriptedHandler({ work: [fail(), fail(), ok] }),
      clock: jittered,
      random: () => 0
    });
    expect(jittered.sleeps).toEqual([100, 200]);
  });

  it('honours named retry policies and a retry-after hint', async () => {
    const clock = new FakeClock({ autoAdvance: true });
    await runDot(WORK('retry_policy="linear"'), {
      scripted: new ScriptedHandler({ work: [fail(), fail(), ok] }),
      clock
    });
    expect(clock.sleeps).toEqual([500, 500]);
    const hinted = new FakeClock({ autoAdvance: true });
    await runDot(WORK('max_retries=1'), {
      scripted: new ScriptedHandler({ work: [{ ...fail(), retryAfterMs: 5000 }, ok] }),
      clock: hinted
    });
    expect(hinted.sleeps).toEqual([5000]);
  });

  it('writes a checkpoint before each retry with the attempt it will run', async () => {
    const saved: { next?: string; attempt?: number }[] = [];
    const scripted = new ScriptedHandler({ work: [fail(), fail(), ok] });
    const store: CheckpointStore = {
      save: (text) => {
        const c = parseCheckpoint(text);
        saved.push({ next: c.next_node, attempt: c.current_attempt?.attempt });
        return Promise.resolve();
      },
      load: () => Promise.resolve(undefined)
    };
    await runDot(WORK('max_retries=2'), { scripted, store });
    expect(saved.filter((s) => s.next === 'work').map((s) => s.attempt)).toEqual([undefined, 2, 3]);
  });
});

describe('failure routing (spec §3.7)', () => {
  it('follows an outcome=fail edge', async () => {
    const dot = `digraph f { start [shape=Mdiamond]; work [prompt="w"]; fix [prompt="f"]; done [shape=Msquare]
      start -> work; work -> done [condition="outcome=success"]; work -> fix [condition="outcome=fail"]; fix -> done }`;
    const run = await runDot(dot, { scripted: new ScriptedHandler({ work: [fail()] }) });
    expect(run.result.status).toBe('success');
    expect(run.result.completedNodes).toEqual(['start', 'work', 'fix', 'done']);
  });

  it('never follows an unconditional edge after a failure', async () => {
    const run = await runDot(WORK('label="w"'), {
      scripted: new ScriptedHandler({ work: [fail('exit 1')] })
    });
    expect(run.result.status).toBe('fail');
    expect(run.result.completedNodes).not.toContain('done');
    expect(run.result.failureReason).toBe("Stage 'work' failed: exit 1");
    expect(run.result.checkpoint.next_node).toBe('work');
  });

  it('jumps to retry_target, then fallback_retry_target', async () => {
    const dot = (
      attrs: string,
      alt = ''
    ) => `digraph f { start [shape=Mdiamond]; prep [prompt="p"]; work [prompt="w", ${attrs}]; ${alt} done [shape=Msquare]
      start -> prep -> work -> done; ${alt ? 'alt -> done' : ''} }`;
    const viaTarget = await runDot(dot('retry_target="prep"'), {
      scripted: new ScriptedHandler({ work: [fail(), ok] })
    });
    expect(viaTarget.result.completedNodes).toEqual(['start', 'prep', 'work', 'done']);
    expect(viaTarget.started()).toEqual(['start', 'prep', 'work', 'prep', 'work', 'done']);
    const viaFallback = await runDot(
      dot('retry_target="missing", fallback_retry_target="alt"', 'alt [prompt="a"];'),
      { scripted: new ScriptedHandler({ work: [fail()] }) }
    );
    expect(viaFallback.started()).toEqual(['start', 'prep', 'work', 'alt', 'done']);
  });
});

describe('goal gates (spec §3.4)', () => {
  const GATED = (
    extra: string
  ) => `digraph g { ${extra} start [shape=Mdiamond]; impl [prompt="i", goal_gate=true]; check [shape=diamond]; done [shape=Msquare]
    start -> impl -> check; check -> done [condition="outcome=success"]; check -> done [condition="outcome=partial_success"]
    check -> done [condition="outcome=fail"] }`;

  it('lets the run exit when every goal gate succeeded', async () => {
    const run = await runDot(GATED(''));
    expect(run.result.status).toBe('success');
  });

  it('fails the run when a goal gate did not succeed and nothing can retry it', async () => {
    const run = await runDot(GATED(''), { scripted: new ScriptedHandler({ impl: [fail()] }) });
    expect(run.result.status).toBe('fail');
    expect(run.result.failureReason).toContain('Goal gate unsatisfied');
    expect(run.result.failureReason).toContain("'impl'");
    expect(run.types()).toContain('goal_gate.unsatisfied');
  });

  it('says a failed stage is a goal gate when the failure stops the run', async () => {
    const dot = `digraph g { start [shape=Mdiamond]; impl [prompt="i", goal_gate=true]; done [shape=Msquare]; start -> impl -> done }`;
    const run = await runDot(dot, {
      scripted: new ScriptedHandler({ impl: [fail('tests failed')] })
    });
    expect(run.result.failureReason).toBe(
      "Stage 'impl' failed: tests failed; it is a goal gate (goal_gate=true), so the pipeline cannot succeed without it"
    );
  });

  it('accepts partial_success as satisfied', async () => {
    const run = await runDot(GATED(''), {
      scripted: new ScriptedHandler({ impl: [{ status: 'partial_success' }] })
    });
    expect(run.result.status).toBe('success');
  });

  it('re-runs from the graph retry_target until the gate succeeds', async () => {
    const run = await runDot(GATED('graph [retry_target="impl"]'), {
      scripted: new ScriptedHandler({ impl: [fail(), ok] })
    });
    expect(run.result.status).toBe('success');
    expect(run.started()).toEqual(['start', 'impl', 'check', 'impl', 'check', 'done']);
  });
});

describe('max_visits', () => {
  it('stops a loop that exceeds max_visits with a clear reason', async () => {
    const dot = `digraph m { start [shape=Mdiamond]; loop [prompt="l", max_visits=3]; done [shape=Msquare]
      start -> loop; loop -> loop [condition="outcome=success"]; loop -> done [condition="outcome=fail"] }`;
    const run = await runDot(dot);
    expect(run.result.status).toBe('fail');
    expect(run.result.failureReason).toContain('exceeded max_visits=3');
    expect(run.started().filter((n) => n === 'loop')).toHaveLength(3);
  });
});
