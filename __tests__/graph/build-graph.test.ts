/**
 * buildGraph on inline DOT: defaults scoping, chains, subgraph operands, implicit nodes, re-declaration,
 * classes and subgraph membership.
 */
import { describe, expect, it } from '@jest/globals';
import { parseDot } from '../../src/dot/parser.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import type { Graph } from '../../src/graph/graph.js';

function build(source: string): Graph {
  return buildGraph(parseDot(source, { file: 'p.dot' })).graph;
}

function nodeAttrs(graph: Graph, id: string): Record<string, string> {
  const node = graph.nodes.get(id);
  if (!node) throw new Error(`no node '${id}'`);
  return Object.fromEntries([...node.attrs].map(([k, v]) => [k, v.value]));
}

function edgeList(graph: Graph): string[] {
  return graph.edges.map((e) => {
    const attrs = [...e.attrs].map(([k, v]) => `${k}=${v.value}`).join(',');
    return attrs === '' ? `${e.from}->${e.to}` : `${e.from}->${e.to}[${attrs}]`;
  });
}

describe('defaults scoping', () => {
  it.each([
    [
      'a default applies only after it',
      'digraph { a; node [shape=diamond]; b; a -> c }',
      { a: {}, b: { shape: 'diamond' }, c: { shape: 'diamond' } }
    ],
    [
      'a later default overrides an earlier one for later nodes',
      'digraph { node [shape=box, timeout="1s"]; a; node [shape=hexagon]; b }',
      { a: { shape: 'box', timeout: '1s' }, b: { shape: 'hexagon', timeout: '1s' } }
    ],
    [
      'explicit attributes win over defaults',
      'digraph { node [shape=box, label="L"]; a [shape=Msquare] }',
      { a: { shape: 'Msquare', label: 'L' } }
    ],
    [
      'a subgraph inherits the enclosing defaults and its own do not leak out',
      'digraph { node [timeout="9s"]; subgraph s { node [thread_id=t]; inner }; outer }',
      { inner: { timeout: '9s', thread_id: 't' }, outer: { timeout: '9s' } }
    ],
    [
      'nested subgraphs stack defaults',
      'digraph { subgraph x { node [a1=1]; subgraph y { node [a2=2]; deep }; mid }; top }',
      { deep: { a1: '1', a2: '2' }, mid: { a1: '1' }, top: {} }
    ],
    [
      'an anonymous subgraph scopes defaults too',
      'digraph { { node [shape=parallelogram]; t }; u }',
      { t: { shape: 'parallelogram' }, u: {} }
    ],
    [
      'a node keeps the defaults of its first appearance (an edge), not of a later declaration',
      'digraph { node [shape=box]; a -> b; subgraph s { node [shape=diamond]; a [label="A"] } }',
      { a: { shape: 'box', label: 'A' }, b: { shape: 'box' } }
    ],
    [
      'a default set inside a subgraph after a node does not reach that node',
      'digraph { subgraph s { n; node [shape=diamond] } }',
      { n: {} }
    ]
  ])('%s', (_name, source, expected) => {
    const graph = build(source);
    for (const [id, attrs] of Object.entries(expected)) expect(nodeAttrs(graph, id)).toEqual(attrs);
  });

  it('scopes edge defaults like node defaults', () => {
    const graph = build(`digraph {
      a -> b
      edge [weight=5]
      b -> c
      subgraph s { edge [label="in"]; c -> d }
      d -> e [weight=7]
    }`);
    expect(edgeList(graph)).toEqual([
      'a->b',
      'b->c[weight=5]',
      'c->d[weight=5,label=in]',
      'd->e[weight=7]'
    ]);
    expect(graph.edges[2]?.attrs.get('weight')).toMatchObject({
      origin: 'default',
      loc: { line: 3 }
    });
    expect(graph.edges[3]?.attrs.get('weight')).toMatchObject({
      origin: 'explicit',
      loc: { line: 6 }
    });
  });
});

describe('edges', () => {
  it.each([
    [
      'a chain expands pairwise with the same attributes',
      'digraph { a -> b -> c [label="next"] }',
      ['a->b[label=next]', 'b->c[label=next]']
    ],
    ['a subgraph operand stands for its nodes', 'digraph { a -> { b c } }', ['a->b', 'a->c']],
    [
      'subgraph operands on both sides give the cross product',
      'digraph { {a b} -> {c d} }',
      ['a->c', 'a->d', 'b->c', 'b->d']
    ],
    [
      'a named subgraph operand',
      'digraph { subgraph s { x; y } -> z [weight=1] }',
      ['x->z[weight=1]', 'y->z[weight=1]']
    ],
    [
      'a chain through a subgraph',
      'digraph { a -> { b c } -> d }',
      ['a->b', 'a->c', 'b->d', 'c->d']
    ],
    ['nested subgraph members count', 'digraph { { a subgraph { b } } -> c }', ['a->c', 'b->c']],
    ['repeated edges are kept', 'digraph { a -> b; a -> b }', ['a->b', 'a->b']],
    ['ports are ignored', 'digraph { a:out -> b:in:n }', ['a->b']]
  ])('%s', (_name, source, expected) => {
    expect(edgeList(build(source))).toEqual(expected);
  });

  it('numbers edges in declaration order and locates each at its source operand', () => {
    const graph = build('digraph {\n  a -> b\n  c ->\n  d -> e\n}');
    expect(graph.edges.map((e) => [e.index, e.from, e.to, e.loc.line])).toEqual([
      [0, 'a', 'b', 2],
      [1, 'c', 'd', 3],
      [2, 'd', 'e', 4]
    ]);
    expect(graph.outgoing.get('d')?.map((e) => e.to)).toEqual(['e']);
    expect(graph.incoming.get('d')?.map((e) => e.from)).toEqual(['c']);
  });
});

describe('nodes', () => {
  it('marks nodes that only appear in edges as implicit, in order of first appearance', () => {
    const graph = build('digraph {\n  a -> b\n  b [label="B"]\n  c\n}');
    expect([...graph.nodes.keys()]).toEqual(['a', 'b', 'c']);
    expect(graph.nodes.get('a')).toMatchObject({
      implicit: true,
      declarations: [],
      loc: { line: 2, column: 3 }
    });
    expect(graph.nodes.get('b')).toMatchObject({ implicit: false, loc: { line: 3, column: 3 } });
    expect(graph.nodes.get('b')?.declarations).toEqual([{ file: 'p.dot', line: 3, column: 3 }]);
  });

  it('merges re-declarations, later explicit values winning, and records every declaration', () => {
    const graph = build(
      'digraph {\n  n [label="one", prompt="p"]\n  n [label="two"]\n  n [timeout="5s"]\n}'
    );
    expect(nodeAttrs(graph, 'n')).toEqual({ label: 'two', prompt: 'p', timeout: '5s' });
    expect(graph.nodes.get('n')?.declarations.map((d) => d.line)).toEqual([2, 3, 4]);
    expect(graph.nodes.get('n')?.loc.line).toBe(2);
  });

  it('keeps special ids such as __proto__ as plain data', () => {
    const graph = build('digraph { "__proto__" [constructor="x"]; "__proto__" -> toString }');
    expect(nodeAttrs(graph, '__proto__')).toEqual({ constructor: 'x' });
    expect(graph.nodes.has('toString')).toBe(true);
  });
});

describe('classes and subgraphs', () => {
  it('derives the spec §2.10 example', () => {
    const graph = build(`digraph G {
      subgraph cluster_loop {
        label = "Loop A"
        node [thread_id="loop-a", timeout="900s"]
        Plan      [label="Plan next step"]
        Implement [label="Implement", timeout="1800s"]
      }
    }`);
    expect(nodeAttrs(graph, 'Plan')).toEqual({
      thread_id: 'loop-a',
      timeout: '900s',
      label: 'Plan next step'
    });
    expect(nodeAttrs(graph, 'Implement')).toEqual({
      thread_id: 'loop-a',
      timeout: '1800s',
      label: 'Implement'
    });
    expect(graph.nodes.get('Plan')?.classes).toEqual(['loop-a']);
    expect(graph.nodes.get('Plan')?.subgraphs).toEqual(['cluster_loop']);
    expect(graph.subgraphs).toEqual([
      {
        id: 'cluster_loop',
        label: 'Loop A',
        derivedClass: 'loop-a',
        nodeIds: ['Plan', 'Implement'],
        loc: { file: 'p.dot', line: 2, column: 7 },
        attrs: expect.any(Map)
      }
    ]);
    expect([...(graph.subgraphs[0]?.attrs?.keys() ?? [])]).toEqual(['label']);
    expect(graph.attrs.has('label')).toBe(false);
  });

  it.each([
    [
      'own classes are split on commas and trimmed',
      'digraph { n [class=" code , critical,,code"] }',
      ['code', 'critical']
    ],
    [
      'derived classes follow own classes',
      'digraph { subgraph s { label="Review Team!"; n [class="x"] } }',
      ['x', 'review-team']
    ],
    [
      'nested labels give one class each, outermost first',
      'digraph { subgraph a { label="Outer"; subgraph b { graph [label="Inner 2"]; n } } }',
      ['outer', 'inner-2']
    ],
    [
      'a label written after the nodes still applies',
      'digraph { subgraph s { n; label="Late" } }',
      ['late']
    ],
    [
      'a label made only of stripped characters derives nothing',
      'digraph { subgraph s { label="!!!"; n } }',
      []
    ],
    ['an unlabelled subgraph derives nothing', 'digraph { subgraph s { n } }', []],
    [
      'an anonymous labelled subgraph derives a class',
      'digraph { { label="Anon Group"; n } }',
      ['anon-group']
    ],
    ['the root graph label derives nothing', 'digraph { label="Root"; n }', []]
  ])('%s', (_name, source, classes) => {
    expect(build(source).nodes.get('n')?.classes).toEqual(classes);
  });

  it('sets the subgraph label, not the root label, from inside a subgraph', () => {
    const graph = build(
      'digraph { label="Root"; subgraph s { label="Sub"; graph [color=red]; x } }'
    );
    expect(graph.attrs.get('label')?.value).toBe('Root');
    expect(graph.attrs.has('color')).toBe(false);
    expect(graph.subgraphs.map((s) => [s.id, s.label])).toEqual([['s', 'Sub']]);
  });

  it('records membership of nodes mentioned in several subgraphs', () => {
    const graph = build(`digraph {
      subgraph outer { label="O"; subgraph inner { a -> b } }
      subgraph other { b }
      c
    }`);
    expect(graph.nodes.get('a')?.subgraphs).toEqual(['outer', 'inner']);
    expect(graph.nodes.get('b')?.subgraphs).toEqual(['outer', 'inner', 'other']);
    expect(graph.nodes.get('b')?.classes).toEqual(['o']);
    expect(graph.nodes.get('c')?.subgraphs).toEqual([]);
    expect(graph.subgraphs.map((s) => [s.id, s.nodeIds])).toEqual([
      ['outer', ['a', 'b']],
      ['inner', ['a', 'b']],
      ['other', ['b']]
    ]);
  });

  it('names the graph and the file', () => {
    const named = buildGraph(parseDot('digraph Deploy { a }', { file: 'dir/deploy.dot' })).graph;
    expect([named.name, named.file, named.loc]).toEqual([
      'Deploy',
      'dir/deploy.dot',
      { file: 'dir/deploy.dot', line: 1, column: 1 }
    ]);
    expect(build('digraph { a }').name).toBe('');
  });
});
