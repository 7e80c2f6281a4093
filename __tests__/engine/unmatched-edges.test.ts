/**
 * A stage whose edges all fail to match cannot reach an exit: the run fails, naming the stage, its
 * outcome and every condition with the values it read (decision 0009), instead of the spec's quiet
 * RETURN NONE ending the run as a success. A failure that is routed on and reaches the exit is still a
 * success, and the result says which failures were handled.
 */
import { describe, expect, it } from '@jest/globals';
import { runDot } from '../support/engine-harness.js';
import { ScriptedHandler } from '../support/scripted-handler.js';

const DIAMOND = `digraph d {
  start [shape=Mdiamond]
  check [shape=box]
  yes [shape=box]
  done [shape=Msquare]
  start -> check
  check -> yes [condition="outcome=fail"]
  check -> done [condition="context.tests=passed && outcome=success"]
  yes -> done
}`;

const ROUTED = `digraph r {
  start [shape=Mdiamond]
  test [shape=box]
  notify_fail [shape=box]
  done [shape=Msquare]
  start -> test
  test -> done [condition="outcome=success"]
  test -> notify_fail [condition="outcome=fail"]
  notify_fail -> done
}`;

describe('unmatched edges', () => {
  it('fail the run at the stage, with each condition and what it read', async () => {
    const run = await runDot(DIAMOND);
    expect(run.result.status).toBe('fail');
    expect(run.result.failedNode).toBe('check');
    const reason = run.result.failureReason ?? '';
    expect(reason).toContain(
      "Stage 'check' ended with outcome success, but none of its 2 edges matched"
    );
    expect(reason).toContain('-> yes [outcome=fail] did not match (outcome is "success")');
    expect(reason).toContain(
      '-> done [context.tests=passed && outcome=success] did not match (context.tests is "", outcome is "success")'
    );
    expect(run.result.checkpoint.next_node).toBe('check');
    expect(run.types().at(-1)).toBe('pipeline.failed');
    expect(run.scripted.ran()).not.toContain('done');
  });

  it('still route when a condition matches', async () => {
    const scripted = new ScriptedHandler({
      check: [{ status: 'success', contextUpdates: { tests: 'passed' } }]
    });
    const run = await runDot(DIAMOND, { scripted });
    expect(run.result.status).toBe('success');
    expect(run.result.handledFailures).toBeUndefined();
  });
});

describe('handled failures', () => {
  it('a routed failure that reaches the exit is a success that names it', async () => {
    const scripted = new ScriptedHandler({ test: [{ status: 'fail', failureReason: 'red' }] });
    const run = await runDot(ROUTED, { scripted });
    expect(run.result.status).toBe('success');
    expect(run.result.handledFailures).toEqual([{ nodeId: 'test', to: 'notify_fail' }]);
    const completed = run.events.find((e) => e.type === 'pipeline.completed');
    expect(completed).toMatchObject({ handledFailures: [{ nodeId: 'test', to: 'notify_fail' }] });
  });

  it('a clean run reports none', async () => {
    const run = await runDot(ROUTED);
    expect(run.result.status).toBe('success');
    expect(run.result.handledFailures).toBeUndefined();
    expect(run.events.find((e) => e.type === 'pipeline.completed')).not.toHaveProperty(
      'handledFailures'
    );
  });
});
