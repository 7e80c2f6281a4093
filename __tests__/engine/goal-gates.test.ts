/** Goal gates (spec §3.4) as pure functions of the graph and the recorded outcomes, one row per rule. */
import { describe, expect, it } from '@jest/globals';
import {
  dependencyGateReason,
  resumeTarget,
  retryTargetFor,
  unsatisfiedGateReason,
  unsatisfiedGates
} from '../../src/engine/goal-gates.js';
import type { UnsatisfiedGate } from '../../src/engine/goal-gates.js';
import type { Graph } from '../../src/graph/graph.js';
import type { StageStatus } from '../../src/ports/outcome.js';
import { preparePipeline } from '../../src/pipeline/prepare-pipeline.js';

/**
 * `a` and `b` are goal gates, `c` is not; `fix` and `fallback` are nodes a retry may go to. Validation is
 * skipped: a row may name a target that is not a node, which is what it tests.
 */
function graphWith(attrs: { graph?: string; a?: string; b?: string } = {}): Graph {
  const prepared = preparePipeline(`digraph g {
    graph [${attrs.graph ?? ''}]
    start [shape=Mdiamond]; done [shape=Msquare]
    a [prompt="x", goal_gate=true ${attrs.a ?? ''}]
    b [prompt="x", goal_gate=true ${attrs.b ?? ''}]
    c [prompt="x"]
    fix [prompt="x"]; fallback [prompt="x"]
    start -> a -> b -> c -> done
    fix -> a; fallback -> a
  }`);
  if (!prepared.graph) throw new Error(JSON.stringify(prepared.diagnostics));
  return prepared.graph;
}

const ran = (...entries: [string, StageStatus][]): Map<string, { status: StageStatus }> =>
  new Map(entries.map(([id, status]) => [id, { status }]));

describe('retryTargetFor', () => {
  it.each<[string, Parameters<typeof graphWith>[0], string | undefined]>([
    ['the gate’s retry_target', { a: ', retry_target=fix', graph: 'retry_target=fallback' }, 'fix'],
    ['then its fallback_retry_target', { a: ', fallback_retry_target=fallback' }, 'fallback'],
    [
      'a target that is not a node is passed over',
      { a: ', retry_target=nowhere, fallback_retry_target=fallback' },
      'fallback'
    ],
    ['then the graph’s retry_target', { graph: 'retry_target=fix' }, 'fix'],
    [
      'then the graph’s fallback_retry_target',
      { graph: 'retry_target="", fallback_retry_target=fallback' },
      'fallback'
    ],
    ['else none', {}, undefined]
  ])('%s', (_rule, attrs, target) => {
    expect(retryTargetFor(graphWith(attrs), 'a')).toBe(target);
  });
});

describe('unsatisfiedGates', () => {
  it.each<[string, Map<string, { status: StageStatus }>, boolean, UnsatisfiedGate[]]>([
    ['none ran', ran(), false, []],
    ['successes satisfy', ran(['a', 'success'], ['b', 'partial_success']), false, []],
    ['a failed gate', ran(['a', 'fail'], ['b', 'success']), false, [{ id: 'a', status: 'fail' }]],
    ['non-gates do not count', ran(['c', 'fail']), false, []],
    [
      'in the order they ran',
      ran(['b', 'retry'], ['a', 'fail']),
      false,
      [
        { id: 'b', status: 'retry' },
        { id: 'a', status: 'fail' }
      ]
    ],
    ['a skipped gate counts', ran(['a', 'skipped']), false, [{ id: 'a', status: 'skipped' }]],
    ['…unless skipped gates are ignored', ran(['a', 'skipped']), true, []],
    ['nodes the graph lacks are ignored', ran(['gone', 'fail']), false, []]
  ])('%s', (_rule, outcomes, ignoreSkipped, expected) => {
    expect(unsatisfiedGates(graphWith(), outcomes, { ignoreSkipped })).toEqual(expected);
  });

  it('names each gate’s retry target', () => {
    const graph = graphWith({ a: ', retry_target=fix' });
    expect(unsatisfiedGates(graph, ran(['a', 'fail'], ['b', 'fail']))).toEqual([
      { id: 'a', status: 'fail', retryTarget: 'fix' },
      { id: 'b', status: 'fail' }
    ]);
  });
});

describe('resumeTarget (where resuming a failed run starts)', () => {
  it.each<
    [
      string,
      Parameters<typeof graphWith>[0],
      Map<string, { status: StageStatus }>,
      string | undefined,
      string | undefined
    ]
  >([
    ['the node it failed at', {}, ran(['a', 'fail']), 'c', 'c'],
    ['nothing when it had no next node', {}, ran(), undefined, undefined],
    ['the exit when every gate is satisfied', {}, ran(['a', 'success']), 'done', 'done'],
    [
      'the first unsatisfied gate, when the exit failed on it',
      {},
      ran(['b', 'fail'], ['a', 'fail']),
      'done',
      'b'
    ],
    [
      'the exit, when that gate has a retry target to go to',
      { b: ', retry_target=fix' },
      ran(['b', 'fail']),
      'done',
      'done'
    ]
  ])('%s', (_rule, attrs, outcomes, next, expected) => {
    expect(resumeTarget(graphWith(attrs), outcomes, next)).toBe(expected);
  });
});

describe('the reasons', () => {
  const gates: UnsatisfiedGate[] = [
    { id: 'a', status: 'fail' },
    { id: 'b', status: 'skipped' }
  ];

  it('for the walk names every gate and the fix', () => {
    expect(unsatisfiedGateReason(gates)).toBe(
      "Goal gate unsatisfied: 'a' (fail), 'b' (skipped) did not succeed and no retry_target is set. Add retry_target to the node or the graph."
    );
  });

  it('for schedule="dependencies" names the exit that did not run', () => {
    expect(dependencyGateReason(gates, 'done')).toBe(
      "Goal gate unsatisfied: 'a' (fail), 'b' (skipped) did not succeed, so 'done' did not run. " +
        'schedule="dependencies" does not follow retry_target; fix the cause and resume, which re-runs the gate(s).'
    );
  });
});
