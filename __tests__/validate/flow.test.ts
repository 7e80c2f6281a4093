import { describe, expect, it } from '@jest/globals';
import { exitReachableRule } from '../../src/validate/rules/exit-reachable.js';
import { gateChoicesRule } from '../../src/validate/rules/gate-choices.js';
import { parallelFanInRule } from '../../src/validate/rules/parallel-fan-in.js';
import { unconditionalCycleRule } from '../../src/validate/rules/unconditional-cycle.js';
import { applyRule, lines, pipeline, singleDiagnostic } from './support.js';

describe('exit_reachable', () => {
  it('passes when every reachable node leads to the exit', () => {
    const source = pipeline('  start -> work -> done', '  work -> work [condition="outcome=fail"]');
    expect(applyRule(exitReachableRule, source)).toEqual([]);
  });

  it('reports a dead end at its declaration, naming it', () => {
    const source = pipeline(
      '  deadend [prompt="stuck"]',
      '  start -> work -> done',
      '  work -> deadend'
    );
    const d = singleDiagnostic(applyRule(exitReachableRule, source));
    expect(d).toMatchObject({
      rule: 'exit_reachable',
      severity: 'error',
      nodeId: 'deadend',
      line: 5,
      column: 3
    });
    expect(d.message).toContain("node 'deadend' has no path to the exit");
    expect(d.message).toContain('no outgoing edges');
    expect(d.fix).toContain("'deadend' to 'done'");
  });

  it('reports each node of a closed loop once', () => {
    const source = pipeline(
      '  a [prompt="a"]',
      '  b [prompt="b"]',
      '  start -> work -> done',
      '  start -> a',
      '  a -> b',
      '  b -> a'
    );
    const ds = applyRule(exitReachableRule, source);
    expect(ds.map((d) => [d.nodeId, d.line])).toEqual([
      ['a', 5],
      ['b', 6]
    ]);
    expect(ds[0]?.message).toContain("only lead to nodes that never reach the exit 'done'");
  });

  it('skips nodes that are not reachable from start, and graphs without start or exit', () => {
    expect(
      applyRule(exitReachableRule, pipeline('  start -> work -> done', '  orphan [prompt="x"]'))
    ).toEqual([]);
    expect(applyRule(exitReachableRule, lines('digraph p {', '  a -> b', '}'))).toEqual([]);
  });
});

describe('unconditional_cycle', () => {
  it.each([
    [
      'a conditional back edge',
      ['  start -> work -> done', '  work -> work [condition="outcome=fail"]']
    ],
    [
      'a fix loop with a conditional way out',
      [
        '  fix [prompt="fix"]',
        '  start -> work',
        '  work -> done [condition="outcome=success"]',
        '  work -> fix',
        '  fix -> work'
      ]
    ],
    [
      'a loop through a human gate',
      [
        '  gate [shape=hexagon, label="OK?"]',
        '  start -> work -> gate',
        '  gate -> work [label="[R] Revise"]',
        '  gate -> done [label="[A] Approve"]'
      ]
    ],
    [
      'a self-loop bounded by max_visits',
      [
        '  loop [prompt="again", max_visits=3]',
        '  start -> loop -> loop',
        '  loop -> done [condition="outcome=fail"]'
      ]
    ],
    [
      'a loop with a labelled choice out of it',
      [
        '  start -> work',
        '  work -> fix [label="Fix"]',
        '  fix [prompt="fix"]',
        '  fix -> work',
        '  work -> done [label="Done"]'
      ]
    ]
  ])('passes for %s', (_name, body) => {
    expect(applyRule(unconditionalCycleRule, pipeline(...body))).toEqual([]);
  });

  it('reports a two-node loop once, with its path, at the closing edge', () => {
    const source = pipeline(
      '  b [prompt="b"]',
      '  start -> work',
      '  work -> b',
      '  b -> work',
      '  b -> done'
    );
    const d = singleDiagnostic(applyRule(unconditionalCycleRule, source));
    expect(d).toMatchObject({
      rule: 'unconditional_cycle',
      severity: 'error',
      edge: { from: 'b', to: 'work' },
      line: 8,
      column: 3
    });
    expect(d.message).toContain('unconditional cycle work -> b -> work');
    expect(d.fix).toContain('b -> work [condition="outcome=fail"]');
  });

  it('reports an unconditional self-loop', () => {
    const d = singleDiagnostic(
      applyRule(unconditionalCycleRule, pipeline('  start -> work -> done', '  work -> work'))
    );
    expect(d.message).toContain('work -> work');
    expect(d).toMatchObject({ edge: { from: 'work', to: 'work' }, line: 6 });
  });

  it('reports separate loops separately', () => {
    const source = pipeline(
      '  a [prompt="a"]',
      '  b [prompt="b"]',
      '  start -> a -> a',
      '  start -> b -> b',
      '  start -> work -> done'
    );
    expect(applyRule(unconditionalCycleRule, source).map((d) => d.edge?.from)).toEqual(['a', 'b']);
  });

  it('is bounded everywhere by a graph-level default_max_visits', () => {
    expect(
      applyRule(
        unconditionalCycleRule,
        pipeline('  graph [default_max_visits=5]', '  start -> work -> work', '  work -> done')
      )
    ).toEqual([]);
  });
});

describe('gate_choices', () => {
  it.each([
    ['labelled choices', ['  gate -> work [label="[Y] Yes"]', '  gate -> done [label="[N] No"]']],
    ['a single edge', ['  gate -> done']],
    ['a freeform gate', ['  gate [mode=freeform]', '  gate -> work', '  gate -> done']]
  ])('passes with %s', (_name, body) => {
    const source = pipeline(
      '  gate [shape=hexagon, label="Go?"]',
      '  start -> gate',
      ...body,
      '  work -> done'
    );
    expect(applyRule(gateChoicesRule, source)).toEqual([]);
  });

  it('warns at the first unlabelled edge of a gate with several edges', () => {
    const source = pipeline(
      '  gate [shape=hexagon, label="Go?"]',
      '  start -> gate',
      '  gate -> work [label="[Y] Yes"]',
      '  gate -> done',
      '  work -> done'
    );
    const d = singleDiagnostic(applyRule(gateChoicesRule, source));
    expect(d).toMatchObject({
      rule: 'gate_choices',
      severity: 'warning',
      nodeId: 'gate',
      edge: { from: 'gate', to: 'done' },
      line: 8,
      column: 3
    });
    expect(d.message).toContain("human gate 'gate' has 1 unlabelled outgoing edge (to 'done')");
    expect(d.message).toContain('raw node ids');
  });

  it('says "no labels" when none of the edges has one', () => {
    const source = pipeline(
      '  gate [type="wait.human"]',
      '  start -> gate',
      '  gate -> work',
      '  gate -> done',
      '  work -> done'
    );
    expect(applyRule(gateChoicesRule, source)[0]?.message).toContain(
      "no labels on its outgoing edges (to 'work' and 'done')"
    );
  });

  it('is an error when the gate has no outgoing edges', () => {
    const source = pipeline('  gate [shape=hexagon]', '  start -> gate', '  start -> work -> done');
    const [d] = applyRule(gateChoicesRule, source);
    expect(d).toMatchObject({ severity: 'error', nodeId: 'gate', line: 5, column: 3 });
    expect(d?.message).toContain('has no outgoing edges');
  });
});

describe('parallel_fan_in', () => {
  it('passes when every branch reaches a fan-in node', () => {
    const source = pipeline(
      '  fork [shape=component]',
      '  a [prompt="a"]',
      '  join [shape=tripleoctagon]',
      '  start -> fork',
      '  fork -> a -> join',
      '  fork -> work -> join',
      '  join -> done'
    );
    expect(applyRule(parallelFanInRule, source)).toEqual([]);
  });

  it('passes with an explicit parallel_join', () => {
    const source = pipeline(
      '  fork [shape=component, parallel_join=done]',
      '  start -> fork -> work -> done'
    );
    expect(applyRule(parallelFanInRule, source)).toEqual([]);
  });

  it('notes a plain join node at the parallel node (info): it runs once, nothing summarizes', () => {
    const source = pipeline(
      '  fork [shape=component]',
      '  a [prompt="a"]',
      '  start -> fork',
      '  fork -> a -> done',
      '  fork -> work -> done'
    );
    const d = singleDiagnostic(applyRule(parallelFanInRule, source));
    expect(d).toMatchObject({
      rule: 'parallel_fan_in',
      severity: 'info',
      nodeId: 'fork',
      line: 5,
      column: 3
    });
    expect(d.message).toContain("its branches join at 'done', the first node they all reach");
    expect(d.fix).toContain('tripleoctagon');
    expect(d.fix).toContain('parallel_join="done"');
  });

  it('takes the join the engine takes: the first node all branches reach, not a later fan-in', () => {
    const source = pipeline(
      '  fork [shape=component]',
      '  a [prompt="a"]',
      '  join [shape=tripleoctagon]',
      '  start -> fork',
      '  fork -> a -> done',
      '  fork -> work -> join -> done'
    );
    const [d] = applyRule(parallelFanInRule, source);
    expect(d?.message).toContain("join at 'done'");
  });

  it('warns when the branches never meet, and says how execution continues', () => {
    const source = pipeline(
      '  fork [shape=component]',
      '  a [prompt="a"]',
      '  b [prompt="b"]',
      '  start -> fork',
      '  fork -> a',
      '  fork -> b',
      '  fork -> done'
    );
    const d = singleDiagnostic(applyRule(parallelFanInRule, source));
    expect(d).toMatchObject({ rule: 'parallel_fan_in', severity: 'warning', nodeId: 'fork' });
    expect(d.message).toContain('its branches never meet');
    expect(d.message).toContain("continues at 'done'");
    expect(d.fix).toContain('tripleoctagon');
  });
});
