/**
 * Checkpoint and resume inside parallel blocks: a kill right after any checkpoint (resuming from a saved
 * checkpoint of the history) or a stop (abort) must resume without re-running finished work, keep each
 * branch's real status, continue a retried node at its attempt, and save nested blocks too.
 */
import { describe, expect, it } from '@jest/globals';
import type { Checkpoint } from '../../src/ports/checkpoint.js';
import { parseCheckpoint, serializeCheckpoint } from '../../src/engine/checkpoint.js';
import { MemoryCheckpointStore } from '../../src/stores/memory-checkpoint-store.js';
import { RunState } from '../../src/engine/run-state.js';
import { runDot } from '../support/engine-harness.js';
import { RecordingCheckpointStore } from '../support/recording-checkpoint-store.js';
import { ScriptedHandler } from '../support/scripted-handler.js';

/** H2's pipeline: `bad` fails and routes to the join on a failure condition; `slow` succeeds. */
const FAILING_BRANCH = `digraph h2 {
  start [shape=Mdiamond]; fan [shape=component, max_parallel=1]
  bad [prompt="bad"]; slow [prompt="slow"]; join [shape=tripleoctagon]; done [shape=Msquare]
  start -> fan; fan -> bad; fan -> slow
  bad -> join [condition="outcome=fail"]; slow -> join; join -> done }`;

const badFails = () =>
  new ScriptedHandler({ bad: [{ status: 'fail', failureReason: 'exit 1', retryable: false }] });

describe('a failed branch after a kill', () => {
  it('keeps its fail status when the kill came after it reached the join (H2)', async () => {
    const store = new RecordingCheckpointStore();
    const reference = await runDot(FAILING_BRANCH, { scripted: badFails(), store });
    expect(reference.result.checkpoint.node_outcomes['fan']?.status).toBe('partial_success');

    // A checkpoint taken when `bad` had routed to the join but its branch had not ended yet. The engine
    // writes the branch's end at once (one write for both steps), so such a checkpoint comes from a stop
    // landing in between: built here from the branch-end checkpoint.
    const ended = store.first((c) => c.parallel?.['fan']?.branches['bad']?.done === true);
    const endedBad = ended.parallel?.['fan']?.branches['bad'];
    const killedAt: typeof ended = {
      ...ended,
      parallel: {
        ...ended.parallel,
        fan: {
          ...ended.parallel!['fan']!,
          branches: {
            ...ended.parallel!['fan']!.branches,
            bad: { ...endedBad!, done: false, next_node: 'join' }
          }
        }
      }
    };
    expect(killedAt.parallel?.['fan']?.branches['bad']).toMatchObject({
      status: 'fail',
      failure_reason: 'exit 1',
      last_node: 'bad'
    });
    const again = new ScriptedHandler();
    const resumed = await runDot(FAILING_BRANCH, { scripted: again, resumeFrom: killedAt });
    const cp = resumed.result.checkpoint;
    expect(again.ran()).toEqual(['slow']);
    expect(cp.node_outcomes['fan']).toMatchObject({ status: 'partial_success' });
    expect(cp.node_outcomes['fan']?.notes).toContain('failed: bad');
    expect(cp.context['parallel.branch.bad.status']).toBe('fail');
    expect(cp.context['parallel.fan_in.best_id']).toBe('slow');
    expect(cp.node_outcomes['join']?.status).toBe('partial_success');
  });

  it('checkpoints a branch as done with its final status as soon as it ends', async () => {
    const store = new RecordingCheckpointStore();
    await runDot(FAILING_BRANCH, { scripted: badFails(), store });
    const doneAt = store.first((c) => c.parallel?.['fan']?.branches['bad']?.done === true);
    expect(doneAt.parallel?.['fan']?.branches['slow']).toBeUndefined();
    expect(doneAt.parallel?.['fan']?.branches['bad']).toMatchObject({
      status: 'fail',
      last_node: 'bad'
    });
    const again = new ScriptedHandler();
    const resumed = await runDot(FAILING_BRANCH, { scripted: again, resumeFrom: doneAt });
    expect(again.ran()).toEqual(['slow']);
    expect(resumed.result.checkpoint.context['parallel.branch.bad.status']).toBe('fail');
  });
});

/** A parallel block inside branch `a1` of an outer block (M4). */
const NESTED = `digraph n {
  start [shape=Mdiamond]; fork [shape=component, max_parallel=1]
  a1 [prompt="a1"]; inner [shape=component, max_parallel=1]; x [prompt="x"]; y [prompt="y"]
  ij [shape=tripleoctagon]; a_end [prompt="a_end"]; b1 [prompt="b1"]
  join [shape=tripleoctagon]; after [prompt="after"]; done [shape=Msquare]
  start -> fork; fork -> a1; fork -> b1
  a1 -> inner; inner -> x; inner -> y; x -> ij; y -> ij; ij -> a_end; a_end -> join
  b1 -> join; join -> after -> done }`;

describe('nested parallel blocks', () => {
  it('are all saved in the checkpoint, and a kill resumes without re-running finished inner nodes', async () => {
    const store = new RecordingCheckpointStore();
    const reference = await runDot(NESTED, {
      store,
      scripted: new ScriptedHandler({ x: [{ status: 'success', contextUpdates: { fromX: 1 } }] })
    });
    expect(reference.result.status).toBe('success');
    const killedAt = store.first(
      (c) => c.parallel?.['fork/a1>inner']?.branches['x']?.done === true
    );
    expect(Object.keys(killedAt.parallel ?? {}).sort()).toEqual(['fork', 'fork/a1>inner']);
    expect(killedAt.parallel?.['fork']?.branches['a1']).toMatchObject({
      done: false,
      next_node: 'inner',
      completed_nodes: ['a1']
    });
    const again = new ScriptedHandler();
    const resumed = await runDot(NESTED, { scripted: again, resumeFrom: killedAt });
    expect(resumed.result.status).toBe('success');
    expect(again.ran()).toEqual(['y', 'a_end', 'b1', 'after']);
    expect(resumed.result.checkpoint.context['fromX']).toBe(1);
    expect(resumed.result.checkpoint.parallel).toBeUndefined();
  });

  it('serializes them incrementally to exactly the document toCheckpoint describes', async () => {
    const store = new RecordingCheckpointStore();
    await runDot(NESTED, { store });
    const withBlocks = store.texts.filter((t) => t.includes('"parallel":'));
    expect(withBlocks.length).toBeGreaterThan(5);
    for (const text of store.texts) {
      const cp = parseCheckpoint(text);
      const state = RunState.fromCheckpoint(cp, cp.pipeline);
      const serialized = state.serialize(cp.timestamp);
      expect(serialized).toBe(serializeCheckpoint(state.toCheckpoint(cp.timestamp)));
      expect(parseCheckpoint(serialized).parallel).toEqual(cp.parallel);
    }
  });

  it('resume after a stop (SIGTERM) while inner branches run re-runs only the node in flight', async () => {
    const controller = new AbortController();
    const store = new MemoryCheckpointStore();
    const first = new ScriptedHandler({
      y: [
        () => {
          controller.abort(new Error('SIGTERM'));
          return { status: 'success' };
        }
      ]
    });
    const stopped = await runDot(NESTED, { scripted: first, store, signal: controller.signal });
    expect(stopped.result.status).toBe('stopped');
    const cp = await store.load();
    expect(cp?.parallel?.['fork/a1>inner']?.branches['x']?.done).toBe(true);
    const again = new ScriptedHandler();
    const resumed = await runDot(NESTED, { scripted: again, resumeFrom: cp });
    expect(resumed.result.status).toBe('success');
    expect(again.ran()).toEqual(['y', 'a_end', 'b1', 'after']);
  });
});

const RETRY_IN_BRANCH = `digraph r {
  start [shape=Mdiamond]; fork [shape=component]
  flaky [prompt="flaky", max_retries=2]; other [prompt="other"]
  join [shape=tripleoctagon]; done [shape=Msquare]
  start -> fork; fork -> flaky; fork -> other; flaky -> join; other -> join; join -> done }`;

describe('retries inside a branch (M5)', () => {
  it('a kill during attempt 2 resumes at attempt 2 with the rest of the budget', async () => {
    const controller = new AbortController();
    const store = new MemoryCheckpointStore();
    const first = new ScriptedHandler({
      flaky: [
        { status: 'fail', failureReason: 'flaky 1' },
        () => {
          controller.abort(new Error('SIGKILL'));
          return { status: 'fail', failureReason: 'killed' };
        }
      ]
    });
    await runDot(RETRY_IN_BRANCH, { scripted: first, store, signal: controller.signal });
    const cp = await store.load();
    expect(cp?.parallel?.['fork']?.branches['flaky']?.current_attempt).toEqual({
      node: 'flaky',
      attempt: 2
    });
    expect(cp?.node_retries['flaky']).toBe(1);

    const again = new ScriptedHandler({ flaky: [{ status: 'fail', failureReason: 'still' }] });
    const resumed = await runDot(RETRY_IN_BRANCH, { scripted: again, resumeFrom: cp });
    // Attempts 2 and 3 of 3 — the budget continues, it does not restart at 1.
    expect(again.calls.filter((c) => c.nodeId === 'flaky').map((c) => c.attempt)).toEqual([2, 3]);
    expect(resumed.result.checkpoint.node_retries['flaky']).toBe(2);
    expect(resumed.result.checkpoint.context['parallel.branch.flaky.status']).toBe('fail');
  });

  it('the checkpoint written before the retry is enough (kill during the backoff)', async () => {
    const store = new RecordingCheckpointStore();
    await runDot(RETRY_IN_BRANCH, {
      store,
      scripted: new ScriptedHandler({
        flaky: [{ status: 'fail', failureReason: 'flaky 1' }, { status: 'success' }]
      })
    });
    const beforeRetry = store.first(
      (c) => c.parallel?.['fork']?.branches['flaky']?.current_attempt?.attempt === 2
    );
    const again = new ScriptedHandler();
    await runDot(RETRY_IN_BRANCH, { scripted: again, resumeFrom: beforeRetry });
    expect(again.calls.filter((c) => c.nodeId === 'flaky').map((c) => c.attempt)).toEqual([2]);
  });
});

const DAG = `digraph d {
  graph [schedule="dependencies"]
  start [shape=Mdiamond]; build [prompt="build", max_retries=2]; lint [prompt="lint"]; done [shape=Msquare]
  start -> build; start -> lint; build -> done; lint -> done }`;

describe('retries under schedule="dependencies" (M5)', () => {
  it('a kill during attempt 2 resumes at attempt 2', async () => {
    const controller = new AbortController();
    const store = new MemoryCheckpointStore();
    const first = new ScriptedHandler({
      build: [
        { status: 'fail', failureReason: 'one' },
        () => {
          controller.abort(new Error('SIGKILL'));
          return { status: 'fail', failureReason: 'killed' };
        }
      ]
    });
    await runDot(DAG, { scripted: first, store, signal: controller.signal });
    const cp = await store.load();
    expect(cp?.running_attempts).toEqual({ build: 2 });
    const again = new ScriptedHandler({ build: [{ status: 'fail' }, { status: 'success' }] });
    const resumed = await runDot(DAG, { scripted: again, resumeFrom: cp });
    expect(again.calls.filter((c) => c.nodeId === 'build').map((c) => c.attempt)).toEqual([2, 3]);
    expect(resumed.result.checkpoint.running_attempts).toBeUndefined();
  });
});

describe('version-1 checkpoints', () => {
  it('are migrated: the single parallel block and its branch contexts become version-2 diffs', async () => {
    const store = new MemoryCheckpointStore();
    const controller = new AbortController();
    const first = new ScriptedHandler({
      b1: [{ status: 'success', contextUpdates: { from_b1: 'yes' } }],
      b2: [
        () => {
          controller.abort(new Error('stop'));
          return { status: 'success' };
        }
      ]
    });
    const dot = `digraph v { start [shape=Mdiamond]; fork [shape=component, max_parallel=1]
      b1 [prompt="b1"]; b2 [prompt="b2"]; join [shape=tripleoctagon]; done [shape=Msquare]
      start -> fork; fork -> b1; fork -> b2; b1 -> join; b2 -> join; join -> done }`;
    await runDot(dot, { scripted: first, store, signal: controller.signal });
    const v2 = (await store.load()) as Checkpoint;
    // Write the same state the way version 1 did: one block, whole branch contexts.
    const block = v2.parallel?.['fork'];
    const v1 = {
      ...JSON.parse(serializeCheckpoint(v2)),
      version: 1,
      parallel: {
        node: 'fork',
        branches: Object.fromEntries(
          Object.entries(block?.branches ?? {}).map(([id, b]) => {
            const { context_updates, ...rest } = b;
            return [id, { ...rest, context: { ...v2.context, ...context_updates } }];
          })
        )
      }
    };
    const migrated = parseCheckpoint(JSON.stringify(v1));
    expect(migrated.version).toBe(2);
    expect(migrated.parallel?.['fork']?.branches['b1']?.context_updates).toMatchObject({
      from_b1: 'yes'
    });
    expect(migrated.parallel?.['fork']?.branches['b1']?.context_updates['graph.goal']).toBe(
      undefined
    );
    const again = new ScriptedHandler();
    const resumed = await runDot(dot, { scripted: again, resumeFrom: migrated });
    expect(again.ran()).toEqual(['b2']);
    expect(resumed.result.checkpoint.context['from_b1']).toBe('yes');
  });

  it('rejects unknown versions', () => {
    expect(() =>
      parseCheckpoint(JSON.stringify({ version: 3, run_id: 'r', pipeline: { sha256: 'x' } }))
    ).toThrow(/unsupported version 3/);
  });
});
