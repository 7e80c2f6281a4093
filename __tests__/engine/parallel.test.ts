/** Spec §4.8-4.9: parallel fan-out and fan-in, join and error policies, isolation, concurrency cap. */
import { describe, expect, it } from '@jest/globals';
import { runDot } from '../support/engine-harness.js';
import { ScriptedHandler } from '../support/scripted-handler.js';
import { FakeClock } from '../support/fake-clock.js';
import { measurePeakConcurrency } from '../support/peak-concurrency.js';
import type { HandlerInput } from '../../src/handlers/handler.js';
import { requiredSuccesses } from '../../src/handlers/parallel.js';

const FORK = (forkAttrs = '', branchCount = 2) => {
  const ids = Array.from({ length: branchCount }, (_, i) => `b${i + 1}`);
  return `digraph p { start [shape=Mdiamond]; fork [shape=component${forkAttrs ? ', ' + forkAttrs : ''}]
    ${ids.map((id) => `${id} [prompt="${id}"]; ${id}_2 [prompt="${id} step 2"]`).join('; ')}
    join [shape=tripleoctagon]; after [prompt="after"]; done [shape=Msquare]
    start -> fork
    ${ids.map((id) => `fork -> ${id} -> ${id}_2 -> join`).join('\n')}
    join -> after -> done }`;
};

describe('parallel', () => {
  it('runs every branch node exactly once, then continues at the fan-in', async () => {
    const run = await runDot(FORK());
    expect(run.result.status).toBe('success');
    const started = run.started();
    for (const id of ['b1', 'b1_2', 'b2', 'b2_2', 'join', 'after'])
      expect(started.filter((s) => s === id)).toHaveLength(1);
    expect(started.indexOf('join')).toBeGreaterThan(started.indexOf('b2_2'));
    expect(run.result.completedNodes).toEqual(
      expect.arrayContaining(['start', 'fork', 'b1', 'b1_2', 'b2', 'b2_2', 'join', 'after', 'done'])
    );
  });

  it('isolates branch contexts and merges successful branches deterministically at the fan-in', async () => {
    const scripted = new ScriptedHandler({
      b1: [{ status: 'success', contextUpdates: { shared: 'from-b1', only1: 1 } }],
      b2: [{ status: 'success', contextUpdates: { shared: 'from-b2' } }],
      b2_2: [
        (input: HandlerInput) => ({
          status: 'success',
          contextUpdates: { b2_saw_only1: input.context.has('only1') }
        })
      ]
    });
    const run = await runDot(FORK(), { scripted });
    const ctx = run.result.checkpoint.context;
    expect(ctx['b2_saw_only1']).toBe(false);
    expect(ctx['shared']).toBe('from-b2');
    expect(ctx['only1']).toBe(1);
    expect(ctx['parallel.fan_in.best_id']).toBe('b1');
    expect(ctx['parallel.branch.b1.status']).toBe('success');
  });

  it('reports a failed branch: partial_success, never plain success', async () => {
    const scripted = new ScriptedHandler({ b2: [{ status: 'fail', failureReason: 'exit 3' }] });
    const run = await runDot(FORK(), { scripted });
    expect(run.result.status).toBe('success');
    const cp = run.result.checkpoint;
    expect(cp.node_outcomes['fork']?.status).toBe('partial_success');
    expect(cp.node_outcomes['join']?.status).toBe('partial_success');
    expect(cp.node_outcomes['join']?.notes).toContain('b2');
    expect(cp.context['parallel.branch.b2.status']).toBe('fail');
    expect(cp.context['parallel.fail_count']).toBe(1);
    expect(run.started()).not.toContain('b2_2');
  });

  it('fails the parallel node under error_policy=fail_fast', async () => {
    const run = await runDot(FORK('error_policy="fail_fast", max_parallel=1'), {
      scripted: new ScriptedHandler({ b1: [{ status: 'fail', failureReason: 'x' }] })
    });
    expect(run.result.status).toBe('fail');
    expect(run.result.failedNode).toBe('fork');
    expect(run.started()).not.toContain('b2');
  });

  it('first_success cancels the remaining branches once one succeeded', async () => {
    const run = await runDot(FORK('join_policy="first_success", max_parallel=1', 3));
    expect(run.result.checkpoint.node_outcomes['fork']?.status).toBe('success');
    expect(run.started()).not.toContain('b2');
  });

  it.each([
    ['wait_all', 5, undefined, undefined, 5],
    ['first_success', 5, undefined, undefined, 1],
    ['k_of_n', 5, 3, undefined, 3],
    ['k_of_n', 2, 9, undefined, 2],
    ['quorum', 5, undefined, undefined, 3],
    ['quorum', 4, undefined, 0.5, 2],
    ['quorum', 4, undefined, 0.75, 3],
    ['quorum', 10, undefined, 0.7, 7],
    ['quorum', 3, undefined, 0.01, 1],
    ['quorum', 3, undefined, 1, 3]
  ])('%s of %i branches (k=%p, quorum=%p) needs %i successes', (policy, total, k, q, needed) => {
    expect(requiredSuccesses(policy, total, k, q)).toBe(needed);
  });

  it('caps concurrency at max_parallel', async () => {
    const clock = new FakeClock();
    const { result: run, peak } = await measurePeakConcurrency(clock, 100, (slow) => {
      const scripts = Object.fromEntries(
        Array.from({ length: 6 }, (_, i) => [`b${i + 1}`, [slow]])
      );
      return runDot(FORK('max_parallel=2', 6), { scripted: new ScriptedHandler(scripts), clock });
    });
    expect(run.result.status).toBe('success');
    expect(peak).toBe(2);
  });

  it('resumes a half-finished parallel block without re-running finished branches', async () => {
    const controller = new AbortController();
    const { MemoryCheckpointStore } = await import('../../src/stores/memory-checkpoint-store.js');
    const store = new MemoryCheckpointStore();
    const first = new ScriptedHandler({
      b2_2: [
        () => {
          controller.abort(new Error('stop'));
          return { status: 'success' };
        }
      ]
    });
    const stopped = await runDot(FORK('max_parallel=1'), {
      scripted: first,
      store,
      signal: controller.signal
    });
    expect(stopped.result.status).toBe('stopped');
    const cp = await store.load();
    expect(cp?.next_node).toBe('fork');
    expect(cp?.parallel?.['fork']?.branches['b1']?.done).toBe(true);
    const second = new ScriptedHandler();
    const resumed = await runDot(FORK('max_parallel=1'), {
      scripted: second,
      store,
      resumeFrom: cp
    });
    expect(resumed.result.status).toBe('success');
    expect(second.ran()).toEqual(['b2_2', 'after']);
  });
});
