/** Spec §4.8-4.9: parallel fan-out and fan-in, join and error policies, isolation, concurrency cap. */
import { describe, expect, it } from '@jest/globals';
import { runDot } from '../support/engine-harness.js';
import { ScriptedHandler } from '../support/scripted-handler.js';
import { FakeClock } from '../support/fake-clock.js';
import { measurePeakConcurrency } from '../support/peak-concurrency.js';
import type { HandlerInput } from '../../src/engine/handler.js';
import { requiredSuccesses } from '../../src/handlers/parallel.js';
import { findJoinNode } from '../../src/graph/find-join-node.js';
import { formatEvent } from '../../src/cli/render-console.js';
import type { Outcome } from '../../src/ports/outcome.js';
import type { PipelineEvent } from '../../src/ports/events.js';
import { graphOf } from '../support/engine-harness.js';
import { RecordingCheckpointStore } from '../support/recording-checkpoint-store.js';

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

describe('parallel without a fan-in (plain DOT)', () => {
  const PLAIN = `digraph p { start [shape=Mdiamond]; fan [shape=component]
    b1 [prompt="b1"]; b2 [prompt="b2"]; shared [prompt="shared"]; exit [shape=Msquare]
    start -> fan; fan -> b1 -> shared; fan -> b2 -> shared; shared -> exit }`;

  it('stops the branches where they converge and runs that node once, with the merged results', async () => {
    const scripted = new ScriptedHandler({
      b1: [{ status: 'success', contextUpdates: { from_b1: 1 } }],
      b2: [{ status: 'success', contextUpdates: { from_b2: 2 } }]
    });
    const run = await runDot(PLAIN, { scripted });
    expect(run.result.status).toBe('success');
    expect(run.started().filter((id) => id === 'shared')).toHaveLength(1);
    expect(run.started().indexOf('shared')).toBeGreaterThan(run.started().indexOf('b2'));
    const seen = scripted.calls.find((c) => c.nodeId === 'shared')?.context ?? {};
    expect(seen).toMatchObject({ from_b1: 1, from_b2: 2, 'parallel.success_count': 2 });
    const edge = run.events.find((e) => e.type === 'edge.selected' && e.nodeId === 'fan');
    expect(edge).toMatchObject({ to: 'shared', reason: 'continue_at' });
  });

  it('finds the first convergence node, preferring normal paths over failure routes', () => {
    const g = graphOf(`digraph j { start [shape=Mdiamond]; fan [shape=component]
      a [prompt="a"]; b [prompt="b"]; fixer [prompt="fix"]; meet [prompt="meet"]; fin [shape=tripleoctagon]
      done [shape=Msquare]
      start -> fan; fan -> a; fan -> b
      a -> fixer [condition="outcome=fail"]; b -> fixer [condition="outcome=fail"]; fixer -> meet
      a -> meet; b -> meet; meet -> fin -> done }`);
    expect(findJoinNode(g, 'fan', ['a', 'b'])).toBe('meet');
    expect(findJoinNode(graphOf(FORK()), 'fork', ['b1', 'b2'])).toBe('join');
  });
});

/** A step that waits until its branch is cancelled, then returns what a tool handler returns. */
const untilCancelled = (input: HandlerInput): Promise<Outcome> =>
  new Promise((resolve) =>
    input.signal.addEventListener('abort', () =>
      resolve({ status: 'fail', failureReason: 'stopped: the run was cancelled' })
    )
  );

describe('cancelled and never-started branches', () => {
  it('are not failures: first_success with max_parallel=2 over 3 branches', async () => {
    const scripted = new ScriptedHandler({ b2: [untilCancelled] });
    const run = await runDot(FORK('join_policy="first_success", max_parallel=2', 3), { scripted });
    const cp = run.result.checkpoint;
    expect(run.result.status).toBe('success');
    expect(cp.node_outcomes['fork']).toMatchObject({ status: 'success' });
    expect(cp.node_outcomes['fork']?.notes).toBe(
      '1/3 branches succeeded; cancelled: b2; not started: b3'
    );
    expect(cp.context['parallel.branch.b2.status']).toBe('cancelled');
    expect(cp.context['parallel.branch.b3.status']).toBe('skipped');
    expect(cp.context['parallel.fail_count']).toBe(0);
    expect(cp.context['parallel.cancelled_count']).toBe(2);
    expect(cp.node_outcomes['join']?.status).toBe('success');
    expect(cp.node_outcomes['join']?.notes).not.toContain('failed');
    expect(run.started()).not.toContain('b3');

    const completed = run.events.find(
      (e): e is Extract<PipelineEvent, { type: 'parallel.completed' }> =>
        e.type === 'parallel.completed'
    );
    expect(completed).toMatchObject({ successCount: 1, failureCount: 0, cancelledCount: 2 });
    expect(formatEvent(completed as PipelineEvent)).toContain(
      '1 succeeded, 0 failed, 2 cancelled or not started'
    );
    const b2Line = run.events.find((e) => e.type === 'stage.completed' && e.nodeId === 'b2');
    expect(b2Line).toMatchObject({
      status: 'skipped',
      notes: 'branch cancelled: join policy first_success satisfied'
    });
    expect(formatEvent(b2Line as PipelineEvent)).toContain(
      'branch cancelled: join policy first_success satisfied'
    );
    expect(formatEvent(b2Line as PipelineEvent)).not.toContain('run was cancelled');
    // A cancelled node did not complete: it is neither in completed_nodes nor in node_outcomes.
    expect(cp.node_outcomes['b2']).toBeUndefined();
  });

  it('a branch_timeout is a failure, not a cancellation', async () => {
    const clock = new FakeClock();
    const scripted = new ScriptedHandler({ b2: [untilCancelled] });
    const pending = runDot(FORK('branch_timeout="5s"'), { scripted, clock });
    for (let i = 0; i < 20 && clock.pendingSleeps === 0; i++)
      await new Promise((r) => setImmediate(r));
    await clock.advance(5000);
    const run = await pending;
    const cp = run.result.checkpoint;
    expect(cp.context['parallel.branch.b2.status']).toBe('fail');
    expect(cp.node_outcomes['fork']?.notes).toContain('failed: b2');
    expect(cp.node_outcomes['b2']?.failure_reason).toMatch(/timed out after 5s \(branch_timeout\)/);
  });
});

describe('branch results stay small', () => {
  it('parallel.results holds summaries, the context holds one copy of large values (L1)', async () => {
    const big = (tag: string) => tag.padEnd(64 * 1024, 'x');
    const n = 12;
    const scripts = Object.fromEntries(
      Array.from({ length: n }, (_, i) => [
        `b${i + 1}`,
        [
          {
            status: 'success' as const,
            contextUpdates: {
              tool_stdout: big(`out-b${i + 1}`),
              'tool.output': big(`b${i + 1}`),
              [`from_b${i + 1}`]: i + 1
            }
          }
        ]
      ])
    );
    const store = new RecordingCheckpointStore();
    const run = await runDot(FORK('max_parallel=8', n), {
      scripted: new ScriptedHandler(scripts),
      store
    });
    const cp = run.result.checkpoint;
    for (let i = 1; i <= n; i++) expect(cp.context[`from_b${i}`]).toBe(i);
    // Deterministic merge: the last branch in declaration order wins.
    expect(String(cp.context['tool_stdout']).startsWith(`out-b${n}`)).toBe(true);
    expect(JSON.stringify(cp.context['parallel.results']).length).toBeLessThan(16 * 1024);
    const last = store.texts.at(-1) ?? '';
    expect(last.length).toBeLessThan(3 * 64 * 1024);
    // While the block runs, a branch's state is a diff, not a copy of the whole context.
    const seeded = await runDot(FORK('max_parallel=1', 4), {
      store: ((store.texts.length = 0), store),
      initialContext: { huge: big('seed') }
    });
    expect(seeded.result.status).toBe('success');
    const mid = store.texts.filter((t) => t.includes('"parallel":'));
    expect(mid.length).toBeGreaterThan(0);
    for (const t of mid) expect(t.length).toBeLessThan(2 * 64 * 1024);
  });
});

describe('failure summary of a failed parallel node (L12)', () => {
  it('names the failing branch nodes with their reason and last output lines', async () => {
    const scripted = new ScriptedHandler({
      b1: [
        async (input: HandlerInput) => {
          await input.runStore.writeStageFile('b1', 'stderr.log', 'compiling\nerror: boom\n');
          return { status: 'fail', failureReason: 'exit code 2: error: boom', retryable: false };
        }
      ]
    });
    const run = await runDot(FORK('error_policy="fail_fast", max_parallel=1'), { scripted });
    expect(run.result.status).toBe('fail');
    const failed = run.events.find(
      (e): e is Extract<PipelineEvent, { type: 'pipeline.failed' }> => e.type === 'pipeline.failed'
    );
    expect(failed?.nodeId).toBe('fork');
    expect(failed?.failedBranches).toEqual([
      {
        branch: 'b1',
        nodeId: 'b1',
        reason: 'exit code 2: error: boom',
        output: [{ file: 'stderr.log', lines: ['compiling', 'error: boom'] }]
      }
    ]);
    const text = formatEvent(failed as PipelineEvent) ?? '';
    expect(text).toContain("branch b1 failed at 'b1': exit code 2: error: boom");
    expect(text).toContain('last lines of b1/stderr.log');
    expect(text).toContain('│ error: boom');
  });
});
