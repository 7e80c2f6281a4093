import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseDot } from '../../src/dot/parser.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import type { Graph } from '../../src/graph/graph.js';
import { makeGraph } from '../../src/graph/graph.js';
import type { GraphEdge, GraphNode } from '../../src/graph/graph.js';
import { pipelineKind, planExecution, summarizeGraph } from '../../src/graph/plan.js';
import { findExitNodes, findStartNodes } from '../../src/graph/terminals.js';
import { CORPUS_ROOT } from '../support/conformance-corpus.js';
import { edgeOf, nodeOf } from '../support/node-of.js';

function build(source: string): Graph {
  return buildGraph(parseDot(source, { file: 'p.dot' })).graph;
}

describe('planExecution levels', () => {
  it.each([
    [
      'a linear pipeline',
      'digraph { start [shape=Mdiamond]; exit [shape=Msquare]; start -> a -> b -> exit }',
      [['start'], ['a'], ['b'], ['exit']],
      []
    ],
    [
      'a retry loop (the back edge is ignored)',
      `digraph {
        start [shape=Mdiamond]; exit [shape=Msquare]; gate [shape=diamond]
        start -> plan -> implement -> validate -> gate
        gate -> exit [condition="outcome=success"]
        gate -> implement [condition="outcome!=success"]
      }`,
      [['start'], ['plan'], ['implement'], ['validate'], ['gate'], ['exit']],
      ['gate->implement']
    ],
    [
      'levels are longest paths',
      'digraph { start [shape=Mdiamond]; start -> a; start -> b; a -> c; b -> d -> c; c -> exit }',
      [['start'], ['a', 'b'], ['d'], ['c'], ['exit']],
      []
    ],
    [
      'a self loop',
      'digraph { start [shape=Mdiamond]; start -> poll -> poll; poll -> done }',
      [['start'], ['poll'], ['done']],
      ['poll->poll']
    ],
    [
      'nodes within a level keep declaration order',
      'digraph { z; y; start [shape=Mdiamond]; start -> y; start -> z }',
      [['start'], ['z', 'y']],
      []
    ]
  ])('%s', (_name, source, levels, backEdges) => {
    const plan = planExecution(build(source));
    expect(plan.levels).toEqual(levels);
    expect(plan.order).toEqual(levels.flat());
    expect(plan.backEdges.map((e) => `${e.from}->${e.to}`)).toEqual(backEdges);
  });

  it('lists nodes unreachable from the start separately', () => {
    const plan = planExecution(
      build('digraph { start [shape=Mdiamond]; start -> a; orphan -> island; island -> orphan }')
    );
    expect(plan.roots).toEqual(['start']);
    expect(plan.levels).toEqual([['start'], ['a']]);
    expect(plan.unreachable).toEqual(['orphan', 'island']);
  });

  it('starts from nodes without incoming edges when there is no start node', () => {
    const plan = planExecution(build('digraph { a -> c; b -> c; c -> d }'));
    expect(plan.roots).toEqual(['a', 'b']);
    expect(plan.levels).toEqual([['a', 'b'], ['c'], ['d']]);
  });

  it('finds back edges in edge declaration order from the start', () => {
    const plan = planExecution(
      build('digraph { start [shape=Mdiamond]; start -> a -> b -> c; c -> a; b -> start }')
    );
    expect(plan.backEdges.map((e) => `${e.from}->${e.to}`)).toEqual(['c->a', 'b->start']);
  });

  it('handles an empty graph', () => {
    expect(planExecution(build('digraph {}'))).toEqual({
      roots: [],
      levels: [],
      order: [],
      backEdges: [],
      unreachable: [],
      parallelGroups: [],
      kind: 'EMPTY'
    });
  });

  it('plans a 10k-node chain without recursion', () => {
    const nodes = new Map<string, GraphNode>();
    const edges: GraphEdge[] = [];
    for (let i = 0; i < 10_000; i++) {
      const id = i === 0 ? 'start' : `n${i}`;
      nodes.set(id, nodeOf(id));
      if (i > 0) edges.push(edgeOf(i - 1, i === 1 ? 'start' : `n${i - 1}`, id));
    }
    const graph = makeGraph({ name: 'big', file: 'big.dot', attrs: new Map(), nodes, edges });
    const plan = planExecution(graph);
    expect(plan.levels).toHaveLength(10_000);
    expect(plan.levels[9_999]).toEqual(['n9999']);
  });
});

describe('parallel groups', () => {
  it.each([
    [
      'branches converge on a fan-in',
      `digraph { start [shape=Mdiamond]; fork [shape=component]; join [shape=tripleoctagon]
        start -> fork; fork -> b1; fork -> b2; b1 -> join; b2 -> x -> join; join -> exit }`,
      [{ nodeId: 'fork', branches: ['b1', 'b2'], fanIn: 'join' }]
    ],
    [
      'the nearest common fan-in wins',
      `digraph { start [shape=Mdiamond]; fork [type="parallel"]
        far [shape=tripleoctagon]; near [type="parallel.fan_in"]
        start -> fork -> { a b }; a -> near; b -> near; near -> far; a -> far }`,
      [{ nodeId: 'fork', branches: ['a', 'b'], fanIn: 'near' }]
    ],
    [
      'a fan-in reachable from only some branches does not count',
      `digraph { fork [shape=component]; j [shape=tripleoctagon]; fork -> a; fork -> b; a -> j }`,
      [{ nodeId: 'fork', branches: ['a', 'b'] }]
    ],
    [
      // As in the engine, a branch's own start node is never the join: 'j' runs as a branch.
      'a branch that is the fan-in itself',
      `digraph { fork [shape=component]; j [shape=tripleoctagon]; fork -> a; fork -> j; a -> j }`,
      [{ nodeId: 'fork', branches: ['a', 'j'] }]
    ],
    [
      'repeated edges give one branch',
      `digraph { fork [shape=component]; fork -> a; fork -> a }`,
      [{ nodeId: 'fork', branches: ['a'] }]
    ],
    ['no parallel node', `digraph { a -> b }`, []]
  ])('%s', (_name, source, groups) => {
    expect(planExecution(build(source)).parallelGroups).toEqual(groups);
  });
});

describe('pipeline kind', () => {
  it.each([
    [
      'LLM stages only',
      'digraph { s [shape=Mdiamond]; a [prompt="x"]; e [shape=Msquare] }',
      'PLANNING'
    ],
    [
      'human gates only',
      'digraph { s [shape=Mdiamond]; h [shape=hexagon]; e [shape=Msquare] }',
      'PLANNING'
    ],
    [
      'tools only',
      'digraph { s [shape=Mdiamond]; t [shape=parallelogram]; e [shape=Msquare] }',
      'EXECUTION'
    ],
    [
      'tools and gates',
      'digraph { s [shape=Mdiamond]; t [type="tool"]; h [shape=hexagon] }',
      'EXECUTION'
    ],
    [
      'tools and LLM stages',
      'digraph { s [shape=Mdiamond]; t [shape=parallelogram]; a [shape=box] }',
      'HYBRID'
    ],
    ['only start and exit', 'digraph { s [shape=Mdiamond]; e [shape=Msquare]; s -> e }', 'EMPTY'],
    ['a node without a shape is an LLM stage', 'digraph { s [shape=Mdiamond]; work }', 'PLANNING']
  ])('%s → %s', (_name, source, kind) => {
    const graph = build(source);
    expect(pipelineKind(graph)).toBe(kind);
    expect(planExecution(graph).kind).toBe(kind);
  });

  const fixtures = join(CORPUS_ROOT, 'fkyeah', '02-validation');
  const maybe = existsSync(fixtures) ? describe : describe.skip;
  maybe('fkyeah synopsis fixtures', () => {
    it.each([
      ['09-synopsis-planning', ['PLANNING']],
      ['10-synopsis-execution', ['EXECUTION', 'HYBRID']],
      ['11-synopsis-hybrid', ['HYBRID']]
    ])('%s', (dir, accepted) => {
      const file = join(fixtures, dir, 'pipeline.dot');
      const graph = buildGraph(parseDot(readFileSync(file, 'utf8'), { file })).graph;
      expect(accepted).toContain(pipelineKind(graph));
    });
  });
});

describe('summarizeGraph', () => {
  it('counts handler types and names the terminals', () => {
    const summary = summarizeGraph(
      build(`digraph Review {
        goal="Ship it"
        start [shape=Mdiamond]; done [shape=Msquare]
        plan; code [prompt="x"]; test [shape=parallelogram]; ok [shape=hexagon]; custom [type="my.handler"]
        start -> plan -> code -> test -> ok -> custom -> done
      }`)
    );
    expect(summary).toEqual({
      name: 'Review',
      goal: 'Ship it',
      nodeCount: 7,
      edgeCount: 6,
      handlerCounts: new Map([
        ['start', 1],
        ['exit', 1],
        ['codergen', 2],
        ['tool', 1],
        ['wait.human', 1],
        ['my.handler', 1]
      ]),
      startNodeIds: ['start'],
      exitNodeIds: ['done'],
      kind: 'HYBRID'
    });
  });
});

describe('terminals', () => {
  it.each([
    ['shape', 'digraph { a [shape=Mdiamond]; b [shape=Msquare] }', ['a'], ['b']],
    ['type', 'digraph { a [type="start"]; b [type=" exit "] }', ['a'], ['b']],
    [
      'several',
      'digraph { a [shape=Mdiamond]; b [type=start]; x [shape=Msquare]; y [shape=Msquare] }',
      ['a', 'b'],
      ['x', 'y']
    ],
    ['fallback ids', 'digraph { start -> work -> exit }', ['start'], ['exit']],
    ['capitalised fallback ids', 'digraph { Start -> work -> end }', ['Start'], ['end']],
    [
      'shapes win over fallback ids',
      'digraph { start; begin [shape=Mdiamond]; exit; fin [shape=Msquare] }',
      ['begin'],
      ['fin']
    ],
    ['none', 'digraph { a -> b }', [], []]
  ])('%s', (_name, source, starts, exits) => {
    const graph = build(source);
    expect(findStartNodes(graph).map((n) => n.id)).toEqual(starts);
    expect(findExitNodes(graph).map((n) => n.id)).toEqual(exits);
  });
});
