/** schedule="dependencies": build-tool style scheduling of a plain DAG. */
import { describe, expect, it } from '@jest/globals';
import { runDot } from '../support/engine-harness.js';
import { ScriptedHandler } from '../support/scripted-handler.js';
import { FakeClock } from '../support/fake-clock.js';
import { measurePeakConcurrency } from '../support/peak-concurrency.js';

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
