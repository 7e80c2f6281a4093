/** Spec §5.3 resume behaviour; stop on abort; loop_restart. */
import { describe, expect, it } from '@jest/globals';
import { runDot } from '../support/engine-harness.js';
import { ScriptedHandler } from '../support/scripted-handler.js';
import { MemoryCheckpointStore } from '../../src/stores/memory-checkpoint-store.js';

const CHAIN = `digraph c { start [shape=Mdiamond]; a [prompt="a"]; b [prompt="b", max_retries=3]; c [prompt="c"]; done [shape=Msquare]; start -> a -> b -> c -> done }`;

describe('stop and resume', () => {
  it('stops on abort, checkpoints the running node as next, and resumes without re-running completed nodes', async () => {
    const controller = new AbortController();
    const first = new ScriptedHandler({
      b: [
        () => {
          controller.abort(new Error('SIGINT'));
          return {
            status: 'fail',
            failureReason: 'killed',
            contextUpdates: { ignored: true }
          } as never;
        }
      ]
    });
    const store = new MemoryCheckpointStore();
    const stopped = await runDot(CHAIN, { scripted: first, store, signal: controller.signal });
    expect(stopped.result.status).toBe('stopped');
    expect(stopped.types().at(-1)).toBe('pipeline.stopped');
    const checkpoint = await store.load();
    expect(checkpoint?.status).toBe('stopped');
    expect(checkpoint?.next_node).toBe('b');
    expect(checkpoint?.completed_nodes).toEqual(['start', 'a']);

    const second = new ScriptedHandler();
    const resumed = await runDot(CHAIN, { scripted: second, store, resumeFrom: checkpoint });
    expect(resumed.result.status).toBe('success');
    expect(second.ran()).toEqual(['b', 'c']);
    expect(resumed.result.runId).toBe('run-1');
    expect(resumed.result.completedNodes).toEqual(['start', 'a', 'b', 'c', 'done']);
    expect(resumed.events[0]).toMatchObject({ type: 'pipeline.started', resumed: true });
  });

  it('resumes a node killed mid-retry at the same attempt, keeping the retry budget', async () => {
    const controller = new AbortController();
    const store = new MemoryCheckpointStore();
    let calls = 0;
    const first = new ScriptedHandler({
      b: [
        (): never => ({ status: 'fail', failureReason: 'flaky' }) as never,
        (): never => {
          calls++;
          controller.abort(new Error('SIGKILL'));
          return { status: 'fail', failureReason: 'killed' } as never;
        }
      ]
    });
    await runDot(CHAIN, { scripted: first, store, signal: controller.signal });
    expect(calls).toBe(1);
    const checkpoint = await store.load();
    expect(checkpoint?.current_attempt).toEqual({ node: 'b', attempt: 2 });
    expect(checkpoint?.node_retries['b']).toBe(1);

    const second = new ScriptedHandler({
      b: [{ status: 'fail', failureReason: 'again' }, { status: 'success' }]
    });
    const resumed = await runDot(CHAIN, { scripted: second, store, resumeFrom: checkpoint });
    expect(resumed.result.status).toBe('success');
    expect(second.calls.filter((c) => c.nodeId === 'b').map((c) => c.attempt)).toEqual([2, 3]);
    expect(resumed.result.checkpoint.node_retries['b']).toBe(2);
  });

  it('resuming a failed run re-runs the failed node with the restored context', async () => {
    const store = new MemoryCheckpointStore();
    await runDot(CHAIN, {
      store,
      scripted: new ScriptedHandler({
        a: [{ status: 'success', contextUpdates: { k: 'v' } }],
        c: [{ status: 'fail', failureReason: 'x', retryable: false }]
      })
    });
    const checkpoint = await store.load();
    expect(checkpoint?.status).toBe('fail');
    expect(checkpoint?.next_node).toBe('c');
    const again = new ScriptedHandler();
    const resumed = await runDot(CHAIN, { store, scripted: again, resumeFrom: checkpoint });
    expect(again.ran()).toEqual(['c']);
    expect(again.calls[0]?.context['k']).toBe('v');
    expect(resumed.result.status).toBe('success');
  });

  it('resuming a finished run does nothing and succeeds', async () => {
    const store = new MemoryCheckpointStore();
    await runDot(CHAIN, { store });
    const again = new ScriptedHandler();
    const resumed = await runDot(CHAIN, { store, scripted: again, resumeFrom: await store.load() });
    expect(resumed.result.status).toBe('success');
    expect(again.ran()).toEqual([]);
  });
});

describe('loop_restart', () => {
  it('restarts at the edge target with a fresh context', async () => {
    const dot = `digraph lr { start [shape=Mdiamond]; seed [prompt="s"]; check [shape=diamond]; leaked [prompt="l"]; done [shape=Msquare]
      start -> seed; seed -> check [loop_restart=true]; check -> leaked [condition="last_stage=seed"]; check -> done [condition="last_stage!=seed"]; leaked -> done }`;
    const scripted = new ScriptedHandler({
      seed: [{ status: 'success', contextUpdates: { last_stage: 'seed' } }]
    });
    const run = await runDot(dot, { scripted });
    expect(run.result.status).toBe('success');
    expect(run.result.completedNodes).toEqual(['check', 'done']);
    expect(run.types()).toContain('loop.restarted');
    expect(run.result.checkpoint.restart_count).toBe(1);
    expect(run.result.checkpoint.context['last_stage']).toBeUndefined();
  });
});

describe('max_restarts', () => {
  const LOOP = (
    attrs: string
  ) => `digraph loop { graph [${attrs}] start [shape=Mdiamond]; work [prompt="w"]; done [shape=Msquare]
    start -> work; work -> work [loop_restart=true, condition="outcome=success"]; work -> done [condition="outcome=fail"] }`;

  it.each([
    ['', 5],
    ['max_restarts=2', 2],
    ['max_restarts=0', 0]
  ])(
    'graph [%s] allows %d restarts, then fails naming the edge and the attribute',
    async (attrs, max) => {
      // Without the limit the loop would end only when `work` fails (its 11th run) and then succeed.
      const scripted = new ScriptedHandler({
        work: [
          ...Array.from({ length: 10 }, () => ({ status: 'success' as const })),
          { status: 'fail' }
        ]
      });
      const run = await runDot(LOOP(attrs), { scripted });
      expect(run.result.status).toBe('fail');
      expect(run.scripted.ran().filter((id) => id === 'work')).toHaveLength(max + 1);
      expect(run.types().filter((t) => t === 'loop.restarted')).toHaveLength(max);
      expect(run.result.failedNode).toBe('work');
      expect(run.result.failureReason).toContain(
        `Edge 'work' -> 'work' (loop_restart=true) would restart the run a ${max + 1}`
      );
      expect(run.result.failureReason).toContain(`max_restarts=${max}`);
      expect(run.result.checkpoint.restart_count).toBe(max);
    }
  );
});

describe('resuming a failed run', () => {
  it('gives the failed node a fresh retry budget and records that', async () => {
    const store = new MemoryCheckpointStore();
    const first = new ScriptedHandler({ b: [{ status: 'fail', failureReason: 'down' }] });
    const failed = await runDot(CHAIN, { store, scripted: first });
    expect(failed.result.status).toBe('fail');
    expect(first.calls.filter((c) => c.nodeId === 'b').map((c) => c.attempt)).toEqual([1, 2, 3, 4]);
    expect(failed.result.resumeHint).toBe("re-runs 'b' with a fresh retry budget");

    const second = new ScriptedHandler({
      b: [{ status: 'fail', failureReason: 'still down' }, { status: 'success' }]
    });
    const resumed = await runDot(CHAIN, {
      store,
      scripted: second,
      resumeFrom: await store.load()
    });
    expect(resumed.result.status).toBe('success');
    expect(second.calls.filter((c) => c.nodeId === 'b').map((c) => c.attempt)).toEqual([1, 2]);
    expect(resumed.events).toContainEqual(
      expect.objectContaining({
        type: 'warning',
        nodeId: 'b',
        message: expect.stringContaining('fresh retry budget (attempt 1 of 4)')
      })
    );
    expect(resumed.result.checkpoint.node_retries['b']).toBe(4);
  });

  it('re-runs an unsatisfied goal gate instead of failing again at the exit', async () => {
    const dot = `digraph g { start [shape=Mdiamond]; check [prompt="c", goal_gate=true]; after [prompt="a"]; done [shape=Msquare]
      start -> check; check -> after [condition="outcome=success"]; check -> done [condition="outcome=fail"]; after -> done }`;
    const store = new MemoryCheckpointStore();
    const failed = await runDot(dot, {
      store,
      scripted: new ScriptedHandler({
        check: [{ status: 'fail', failureReason: 'red', retryable: false }]
      })
    });
    expect(failed.result.status).toBe('fail');
    expect(failed.result.failureReason).toContain('Goal gate unsatisfied');
    expect(failed.result.resumeHint).toBe(
      "re-runs goal gate 'check' with a fresh retry budget and continues from there"
    );

    const again = new ScriptedHandler();
    const resumed = await runDot(dot, { store, scripted: again, resumeFrom: await store.load() });
    expect(resumed.result.status).toBe('success');
    expect(again.ran()).toEqual(['check', 'after']);
    expect(resumed.result.checkpoint.node_outcomes['check']?.status).toBe('success');
  });
});
