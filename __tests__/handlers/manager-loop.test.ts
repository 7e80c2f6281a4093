/** stack.manager_loop (spec §4.11): cycles, stop key, stop condition, child pipeline outcomes. */
import { describe, expect, it } from '@jest/globals';
import { runDot } from '../support/engine-harness.js';
import { FakeClock } from '../support/fake-clock.js';
import { ManagerLoopHandler } from '../../src/handlers/manager-loop.js';
import type {
  ChildHandle,
  ChildObservation,
  ChildPipelineRunner
} from '../../src/handlers/manager-loop.js';
import { ScriptedHandler } from '../support/scripted-handler.js';

const MANAGER = (attrs: string, graphAttrs = '') => `digraph m {
  graph [${graphAttrs}]
  start [shape=Mdiamond]
  mark [prompt="mark"]
  manager [shape=house, ${attrs}]
  done [shape=Msquare]
  start -> mark -> manager -> done
}`;

/** A child whose observations follow a script, one per observe() call (the last repeats). */
class ScriptedChildren implements ChildPipelineRunner {
  readonly started: string[] = [];
  cancelled = 0;
  constructor(private readonly script: ChildObservation[]) {}
  start(request: { dotfile: string }): Promise<ChildHandle> {
    this.started.push(request.dotfile);
    const script = [...this.script];
    return Promise.resolve({
      observe: () =>
        script.length > 1 ? (script.shift() as ChildObservation) : (script[0] as ChildObservation),
      cancel: () => {
        this.cancelled++;
        return Promise.resolve();
      }
    });
  }
}

describe('manager loop', () => {
  it('fails after max_cycles with a reason naming max_cycles, waiting poll_interval between cycles', async () => {
    const clock = new FakeClock({ autoAdvance: true });
    const run = await runDot(
      MANAGER('max_cycles=3, poll_interval="2s", stop_condition_key="manager.stop"'),
      { clock }
    );
    expect(run.result.status).toBe('fail');
    expect(run.result.failureReason).toContain('exceeded max_cycles=3');
    expect(run.result.failureReason).toContain("context key 'manager.stop'");
    expect(clock.sleeps).toEqual([2000, 2000]);
  });

  it('stops with success once the stop key is set in the context', async () => {
    const scripted = new ScriptedHandler({
      mark: [{ status: 'success', contextUpdates: { 'manager.stop': 'true' } }]
    });
    const run = await runDot(
      MANAGER('max_cycles=3, stop_condition_key="manager.stop", wait_ms=1'),
      { scripted }
    );
    expect(run.result.status).toBe('success');
    expect(run.result.checkpoint.node_outcomes['manager']?.notes).toContain(
      "Stop key 'manager.stop' is set"
    );
  });

  it('stops when its stop condition holds', async () => {
    const scripted = new ScriptedHandler({
      mark: [{ status: 'success', contextUpdates: { phase: 'shipped' } }]
    });
    const run = await runDot(MANAGER('max_cycles=5, stop_condition="context.phase=shipped"'), {
      scripted
    });
    expect(run.result.status).toBe('success');
  });

  it('succeeds when the child pipeline completes, observing it every cycle', async () => {
    const children = new ScriptedChildren([
      { status: 'running', completedNodes: 1, currentNode: 'a' },
      { status: 'running', completedNodes: 2, currentNode: 'b' },
      { status: 'completed', outcome: 'success', completedNodes: 3 }
    ]);
    const run = await runDot(
      MANAGER('max_cycles=10, poll_interval="1s"', 'stack.child_dotfile="child.dot"'),
      {
        handlers: { 'stack.manager_loop': new ManagerLoopHandler(children) }
      }
    );
    expect(run.result.status).toBe('success');
    expect(children.started).toEqual(['child.dot']);
    expect(run.result.checkpoint.context['stack.child.status']).toBe('completed');
    expect(run.result.checkpoint.context['stack.manager_loop.cycle_count']).toBe(3);
  });

  it('fails when the child fails, and cancels a child still running at max_cycles', async () => {
    const failing = new ScriptedChildren([
      { status: 'failed', outcome: 'fail', completedNodes: 1, failureReason: 'boom' }
    ]);
    const failed = await runDot(MANAGER('max_cycles=5', 'stack.child_dotfile="c.dot"'), {
      handlers: { 'stack.manager_loop': new ManagerLoopHandler(failing) }
    });
    expect(failed.result.failureReason).toContain('Child pipeline failed: boom');

    const stuck = new ScriptedChildren([{ status: 'running', completedNodes: 0 }]);
    const timedOut = await runDot(MANAGER('max_cycles=2', 'stack.child_dotfile="c.dot"'), {
      handlers: { 'stack.manager_loop': new ManagerLoopHandler(stuck) }
    });
    expect(timedOut.result.failureReason).toContain('max_cycles=2');
    expect(stuck.cancelled).toBe(1);
  });

  it('fails clearly when a child dotfile is configured but no child runner exists', async () => {
    const run = await runDot(MANAGER('max_cycles=2', 'stack.child_dotfile="c.dot"'));
    expect(run.result.failureReason).toContain('no child runner is configured');
  });
});
