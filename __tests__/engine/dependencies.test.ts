/** schedule="dependencies": build-tool style scheduling of a plain DAG. */
import { describe, expect, it } from '@jest/globals';
import { runDot } from '../support/engine-harness.js';
import { ScriptedHandler } from '../support/scripted-handler.js';
import { FakeClock } from '../support/fake-clock.js';
import { measurePeakConcurrency } from '../support/peak-concurrency.js';
import { MemoryCheckpointStore } from '../../src/stores/memory-checkpoint-store.js';

const DAG = (graphAttrs = '') => `digraph d {
  graph [schedule="dependencies"${graphAttrs ? ', ' + graphAttrs : ''}]
  start [shape=Mdiamond]
  fetch [prompt="fetch"]
  lint [prompt="lint"]
  build [prompt="build"]
  test [prompt="test"]
  package [prompt="package"]
  done [shape=Msquare]
  start -> fetch
  fetch -> lint
  fetch -> build
  build -> test
  lint -> package
  test -> package
  package -> done
}`;

describe('schedule="dependencies"', () => {
  it('runs each node after all its predecessors', async () => {
    const run = await runDot(DAG());
    expect(run.result.status).toBe('success');
    const order = run.started();
    const before = (a: string, b: string) =>
      expect(order.indexOf(a)).toBeLessThan(order.indexOf(b));
    before('fetch', 'lint');
    before('fetch', 'build');
    before('build', 'test');
    before('lint', 'package');
    before('test', 'package');
    before('package', 'done');
    expect(new Set(order).size).toBe(order.length);
  });

  it('runs independent nodes concurrently up to max_parallel', async () => {
    const clock = new FakeClock();
    const { result: run, peak } = await measurePeakConcurrency(clock, 10, (slow) =>
      runDot(DAG('max_parallel=2'), {
        scripted: new ScriptedHandler({ lint: [slow], build: [slow], test: [slow] }),
        clock
      })
    );
    expect(run.result.status).toBe('success');
    expect(peak).toBe(2);
  });

  it('stops the descendants of a failed node, finishes the rest and reports every failure', async () => {
    const scripted = new ScriptedHandler({
      build: [{ status: 'fail', failureReason: 'compile error' }]
    });
    const run = await runDot(DAG(), { scripted });
    expect(run.result.status).toBe('fail');
    expect(run.result.failureReason).toContain("'build': compile error");
    expect(run.started()).toContain('lint');
    expect(run.started()).not.toContain('test');
    expect(run.started()).not.toContain('package');
    expect(run.result.checkpoint.node_outcomes['test']?.status).toBe('skipped');
  });

  it('gates successors on edge conditions', async () => {
    const dot = `digraph g { graph [schedule="dependencies"] start [shape=Mdiamond]; probe [prompt="p"]; fast [prompt="f"]; slow [prompt="s"]; done [shape=Msquare]
      start -> probe; probe -> fast [condition="context.mode=fast"]; probe -> slow [condition="context.mode=slow"]; fast -> done; slow -> done }`;
    const scripted = new ScriptedHandler({
      probe: [{ status: 'success', contextUpdates: { mode: 'slow' } }]
    });
    const run = await runDot(dot, { scripted });
    expect(run.result.status).toBe('success');
    expect(run.started()).toEqual(['start', 'probe', 'slow', 'done']);
  });
});

/** b and f fail; e (after b), g (after f) and exit are blocked; c and d are independent and succeed. */
const TWO_FAILURES = `digraph two { graph [schedule="dependencies"]
  start [shape=Mdiamond]; a [prompt="a"]; b [prompt="b", max_retries=1]; c [prompt="c"]; d [prompt="d"]
  e [prompt="e"]; f [prompt="f"]; g [prompt="g"]; exit [shape=Msquare]
  start -> a; a -> b; a -> c; a -> d; b -> e; d -> f; f -> g; c -> exit; e -> exit; g -> exit }`;

describe('schedule="dependencies": resume', () => {
  it('re-runs failed and skipped nodes (not successful ones) when resuming a failed run', async () => {
    const store = new MemoryCheckpointStore();
    const first = await runDot(TWO_FAILURES, {
      store,
      scripted: new ScriptedHandler({
        b: [{ status: 'fail', failureReason: 'b broke' }],
        f: [{ status: 'fail', failureReason: 'f broke' }]
      })
    });
    expect(first.result.status).toBe('fail');
    expect(first.result.failureReason).toContain("'b': b broke");
    expect(first.result.failureReason).toContain("'f': f broke");
    expect(first.result.resumeHint).toContain("re-runs 'b', 'f'");
    expect(first.result.resumeHint).toContain('e, g, exit');
    const checkpoint = await store.load();
    expect(checkpoint?.status).toBe('fail');
    expect(checkpoint?.node_outcomes['e']?.status).toBe('skipped');

    const again = new ScriptedHandler();
    const resumed = await runDot(TWO_FAILURES, { store, scripted: again, resumeFrom: checkpoint });
    expect(resumed.result.status).toBe('success');
    expect([...again.ran()].sort()).toEqual(['b', 'e', 'f', 'g']);
    expect(resumed.started()).not.toContain('a');
    expect(resumed.started()).toContain('exit');
    const outcomes = resumed.result.checkpoint.node_outcomes;
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'exit'])
      expect(outcomes[id]?.status).toBe('success');
    // b had max_retries=1: it used its retry in the first run and gets a fresh budget now.
    expect(again.calls.find((c) => c.nodeId === 'b')?.attempt).toBe(1);
    expect(resumed.events).toContainEqual(
      expect.objectContaining({
        type: 'warning',
        nodeId: 'b',
        message: expect.stringContaining('fresh retry budget (attempt 1 of 2)')
      })
    );
    expect(resumed.result.checkpoint.node_retries['b']).toBe(1);
  });

  it('a resumed run that fails again still reports every failed branch', async () => {
    const store = new MemoryCheckpointStore();
    const failing = () =>
      new ScriptedHandler({
        b: [{ status: 'fail', failureReason: 'b broke', retryable: false }],
        f: [{ status: 'fail', failureReason: 'f broke' }]
      });
    await runDot(TWO_FAILURES, { store, scripted: failing() });
    const resumed = await runDot(TWO_FAILURES, {
      store,
      scripted: failing(),
      resumeFrom: await store.load()
    });
    expect(resumed.result.status).toBe('fail');
    expect(resumed.result.failureReason).toMatch(/^2 node\(s\) failed/);
    expect((await store.load())?.status).toBe('fail');
  });
});

describe('schedule="dependencies": handled failures', () => {
  const RECOVER = `digraph rec { graph [schedule="dependencies"]
    start [shape=Mdiamond]; a [prompt="a"]; rec [prompt="recover"]; ok [prompt="ok"]; exit [shape=Msquare]
    start -> a; a -> rec [condition="outcome=fail"]; a -> ok [condition="outcome=success"]; rec -> exit; ok -> exit }`;

  it('a failure routed by a matching condition edge does not fail the run', async () => {
    const scripted = new ScriptedHandler({ a: [{ status: 'fail', failureReason: 'flaky' }] });
    const run = await runDot(RECOVER, { scripted });
    expect(run.result.status).toBe('success');
    expect(run.started()).toEqual(['start', 'a', 'rec', 'exit']);
    expect(run.result.checkpoint.node_outcomes['a']?.status).toBe('fail');
    expect(run.result.checkpoint.node_outcomes['ok']?.status).toBe('skipped');
  });

  it('an unconditional successor of a handled failure is not run, and the run still succeeds', async () => {
    const dot = `digraph h { graph [schedule="dependencies"]
      start [shape=Mdiamond]; a [prompt="a"]; rec [prompt="r"]; next [prompt="n"]; exit [shape=Msquare]
      start -> a; a -> next; a -> rec [condition="outcome=fail"]; next -> exit; rec -> exit }`;
    const scripted = new ScriptedHandler({ a: [{ status: 'fail', failureReason: 'x' }] });
    const run = await runDot(dot, { scripted });
    expect(run.result.status).toBe('success');
    expect(run.started()).not.toContain('next');
    expect(run.started()).toContain('exit');
  });

  it('a failure whose condition edges do not match still fails the run', async () => {
    const dot = `digraph u { graph [schedule="dependencies"]
      start [shape=Mdiamond]; a [prompt="a"]; rec [prompt="r"]; exit [shape=Msquare]
      start -> a; a -> rec [condition="context.mode=recover"]; a -> exit; rec -> exit }`;
    const scripted = new ScriptedHandler({ a: [{ status: 'fail', failureReason: 'x' }] });
    const run = await runDot(dot, { scripted });
    expect(run.result.status).toBe('fail');
    expect(run.result.failureReason).toContain("'a': x");
  });

  it('resuming keeps a handled failure and its recovery path', async () => {
    const store = new MemoryCheckpointStore();
    const dot = `digraph r2 { graph [schedule="dependencies"]
      start [shape=Mdiamond]; a [prompt="a"]; rec [prompt="r"]; b [prompt="b"]; exit [shape=Msquare]
      start -> a; start -> b; a -> rec [condition="outcome=fail"]; rec -> exit; b -> exit }`;
    await runDot(dot, {
      store,
      scripted: new ScriptedHandler({
        a: [{ status: 'fail', failureReason: 'x' }],
        b: [{ status: 'fail', failureReason: 'b broke' }]
      })
    });
    const again = new ScriptedHandler();
    const resumed = await runDot(dot, { store, scripted: again, resumeFrom: await store.load() });
    expect(resumed.result.status).toBe('success');
    expect(again.ran()).toEqual(['b']);
  });
});

describe('schedule="dependencies": goal gates', () => {
  const GATED = `digraph gg { graph [schedule="dependencies"]
    start [shape=Mdiamond]; check [prompt="c", goal_gate=true]; report [prompt="r"]; exit [shape=Msquare]
    start -> check; check -> report [condition="outcome=fail"]; check -> exit; report -> exit }`;

  it('an unsatisfied gate fails the run without running the exit; resume re-runs the gate', async () => {
    const store = new MemoryCheckpointStore();
    const first = await runDot(GATED, {
      store,
      scripted: new ScriptedHandler({ check: [{ status: 'fail', failureReason: 'tests red' }] })
    });
    expect(first.result.status).toBe('fail');
    expect(first.result.failureReason).toContain("Goal gate unsatisfied: 'check' (fail)");
    expect(first.started()).not.toContain('exit');
    expect(first.result.resumeHint).toContain("re-runs 'check'");
    const again = new ScriptedHandler();
    const resumed = await runDot(GATED, { store, scripted: again, resumeFrom: await store.load() });
    expect(resumed.result.status).toBe('success');
    expect(again.ran()).toEqual(['check']);
    expect(resumed.started()).toContain('exit');
  });
});
