/** Spec §3.3: the five-step edge selection, one row per rule (label normalisation: __tests__/common). */
import { describe, expect, it } from '@jest/globals';
import { RunContext } from '../../src/engine/context.js';
import type { Outcome } from '../../src/ports/outcome.js';
import { selectEdge } from '../../src/engine/select-edge.js';
import type { Graph } from '../../src/graph/graph.js';
import { preparePipeline } from '../../src/pipeline/prepare-pipeline.js';
import { runDot } from '../support/engine-harness.js';
import { ScriptedHandler } from '../support/scripted-handler.js';

/**
 * A node `n` whose outgoing edges are `edges` (DOT edge statements from `n`). Validation is skipped:
 * a row may leave a target unreachable, which does not matter to selectEdge.
 */
function graphWith(edges: string): Graph {
  const prepared = preparePipeline(`digraph g {
    start [shape=Mdiamond]; done [shape=Msquare]
    n [prompt="x"]; a [prompt="x"]; b [prompt="x"]; c [prompt="x"]
    start -> n
    ${edges}
    a -> done; b -> done; c -> done
  }`);
  if (!prepared.graph) throw new Error(JSON.stringify(prepared.diagnostics));
  return prepared.graph;
}

const ok: Outcome = { status: 'success' };

describe('selectEdge (spec §3.3)', () => {
  it.each<[string, string, Outcome, Record<string, unknown>, string | undefined, string]>([
    [
      'step 1: a matching condition beats everything else',
      `n -> a [weight=100]; n -> b [label="B"]; n -> c [condition="outcome=success"]`,
      { status: 'success', preferredLabel: 'B', suggestedNextIds: ['a'] },
      {},
      'c',
      'condition'
    ],
    [
      'step 1: among matching conditions, the higher weight wins',
      `n -> a [condition="outcome=success"]; n -> b [condition="context.x=1", weight=2]`,
      ok,
      { x: '1' },
      'b',
      'condition'
    ],
    [
      'step 1: matching conditions of equal weight tie-break lexically',
      `n -> c [condition="outcome=success"]; n -> b [condition="outcome=success"]`,
      ok,
      {},
      'b',
      'condition'
    ],
    [
      'step 2: the preferred label, normalized ([Y] prefix, case, spaces)',
      `n -> a [label="[A] Approve"]; n -> b [label="[R]  Reject  ", weight=5]`,
      { status: 'success', preferredLabel: 'reject' },
      {},
      'b',
      'preferred_label'
    ],
    [
      'step 2: a preferred label never selects a conditional edge',
      `n -> a [label="Yes", condition="outcome=fail"]; n -> b`,
      { status: 'success', preferredLabel: 'Yes' },
      {},
      'b',
      'weight'
    ],
    [
      'step 3: suggested next ids, in the order suggested',
      `n -> a; n -> b; n -> c [weight=9]`,
      { status: 'success', suggestedNextIds: ['zzz', 'b', 'a'] },
      {},
      'b',
      'suggested_next'
    ],
    [
      'step 3: an unknown preferred label falls through to suggested ids',
      `n -> a [label="A"]; n -> b [label="B"]`,
      { status: 'success', preferredLabel: 'nope', suggestedNextIds: ['b'] },
      {},
      'b',
      'suggested_next'
    ],
    [
      'step 4: the highest weight among unconditional edges',
      `n -> a [weight=1]; n -> b [weight=3]; n -> c [weight=2]`,
      ok,
      {},
      'b',
      'weight'
    ],
    [
      'step 4: a non-matching conditional edge is not eligible, whatever its weight',
      `n -> a [condition="outcome=fail", weight=50]; n -> c`,
      ok,
      {},
      'c',
      'weight'
    ],
    [
      'step 5: equal weights tie-break on the target id',
      `n -> c; n -> a; n -> b`,
      ok,
      {},
      'a',
      'lexical'
    ]
  ])('%s', (_name, edges, outcome, context, target, reason) => {
    const choice = selectEdge(graphWith(edges), 'n', outcome, new RunContext(context));
    expect({ to: choice?.edge.to, reason: choice?.reason }).toEqual({ to: target, reason });
  });

  it('returns nothing when only non-matching conditional edges leave the node', () => {
    const graph = graphWith(`n -> a [condition="outcome=fail"]; n -> b [condition="context.x=1"]`);
    expect(selectEdge(graph, 'n', ok, new RunContext())).toBeUndefined();
  });

  it('after a failure (onlyConditional) ignores unconditional edges', () => {
    const graph = graphWith(`n -> a; n -> b [condition="outcome=fail"]`);
    const failed: Outcome = { status: 'fail', failureReason: 'x' };
    expect(
      selectEdge(graph, 'n', failed, new RunContext(), { onlyConditional: true })?.edge.to
    ).toBe('b');
    const noRoute = graphWith(`n -> a; n -> b [condition="outcome=success"]`);
    expect(
      selectEdge(noRoute, 'n', failed, new RunContext(), { onlyConditional: true })
    ).toBeUndefined();
  });
});

describe('edge selection in a run', () => {
  it('follows the preferred label a stage returns', async () => {
    const scripted = new ScriptedHandler({ n: [{ status: 'success', preferredLabel: 'Second' }] });
    const run = await runDot(
      `digraph g { start [shape=Mdiamond]; done [shape=Msquare]
        n [prompt="x"]; a [prompt="x"]; b [prompt="x"]
        start -> n; n -> a [label="First", weight=9]; n -> b [label="Second"]; a -> done; b -> done }`,
      { scripted }
    );
    expect(run.result.completedNodes).toEqual(['start', 'n', 'b', 'done']);
  });

  it('fails the run when no edge is eligible, after a success as after a failure', async () => {
    const dot = `digraph g { start [shape=Mdiamond]; done [shape=Msquare]
      n [prompt="x"]; start -> n; n -> done [condition="context.go=yes"] }`;
    const success = await runDot(dot, { scripted: new ScriptedHandler({ n: [ok] }) });
    expect(success.result.status).toBe('fail');
    expect(success.result.failureReason).toContain(
      '-> done [context.go=yes] did not match (context.go is "")'
    );
    expect(success.result.completedNodes).toEqual(['start', 'n']);
    const failure = await runDot(dot, {
      scripted: new ScriptedHandler({ n: [{ status: 'fail', failureReason: 'broken' }] })
    });
    expect(failure.result.status).toBe('fail');
    expect(failure.result.failureReason).toContain('broken');
  });
});
