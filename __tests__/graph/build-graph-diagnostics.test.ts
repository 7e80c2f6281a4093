/**
 * buildGraph's own findings (dot_dialect, duplicate_node, attribute_alias_conflict) and the provenance it
 * records on every attribute value (origin, kind, loc, writtenKey).
 */
import { describe, expect, it } from '@jest/globals';
import { parseDot } from '../../src/dot/parser.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import type { BuildGraphResult } from '../../src/graph/build-graph.js';

function build(source: string): BuildGraphResult {
  return buildGraph(parseDot(source, { file: 'p.dot' }));
}

function rules(result: BuildGraphResult): string[] {
  return result.diagnostics.map((d) => `${d.rule}:${d.severity}@${d.line ?? '?'}`);
}

describe('dot_dialect', () => {
  it('rejects an undirected graph once, at the graph keyword', () => {
    const result = build('graph G {\n  a -- b\n  b -- c\n}');
    expect(rules(result)).toEqual(['dot_dialect:error@1']);
    expect(result.diagnostics[0]?.message).toContain("undirected 'graph' ('G')");
    expect(result.diagnostics[0]?.fix).toMatch(/digraph/);
    expect(result.graph.edges.map((e) => `${e.from}->${e.to}`)).toEqual(['a->b', 'b->c']);
  });

  it("rejects '--' in a digraph once per edge statement, naming the edge", () => {
    const result = build('digraph {\n  a -- b -- c\n  c -> d\n  d -- e\n}');
    expect(rules(result)).toEqual(['dot_dialect:error@2', 'dot_dialect:error@4']);
    expect(result.diagnostics[0]).toMatchObject({ edge: { from: 'a', to: 'b' }, column: 3 });
    expect(result.diagnostics[0]?.message).toBe(
      "The edge 'a' -- 'b' uses the undirected operator '--'; pipeline edges are directed."
    );
    expect(result.diagnostics[0]?.fix).toBe("Write 'a' -> 'b'.");
    expect(result.graph.edges).toHaveLength(4);
  });

  it('warns that strict has no effect', () => {
    const result = build('strict digraph { a -> b; a -> b }');
    expect(rules(result)).toEqual(['dot_dialect:warning@1']);
    expect(result.diagnostics[0]?.message).toContain("'strict' has no effect in tracker");
    expect(result.graph.edges).toHaveLength(2);
  });

  it('accepts a plain digraph without findings', () => {
    expect(build('digraph { a -> b }').diagnostics).toEqual([]);
  });
});

describe('duplicate_node', () => {
  it.each([
    [
      'conflicting shapes',
      'digraph {\n  n [shape=box]\n  n [shape=diamond]\n}',
      ['duplicate_node:warning@3']
    ],
    [
      'conflicting types',
      'digraph {\n  n [type="tool"]\n  n [type="wait.human"]\n}',
      ['duplicate_node:warning@3']
    ],
    [
      'a shape from defaults, then another shape',
      'digraph {\n  node [shape=box]\n  n\n  n [shape=hexagon]\n}',
      ['duplicate_node:warning@4']
    ],
    ['the same shape twice', 'digraph { n [shape=box]; n [shape=box] }', []],
    ['other attributes changing', 'digraph { n [label="a"]; n [label="b"] }', []],
    [
      'an edge mention, then a declaration with a shape',
      'digraph { node [shape=box]; n -> m; n [shape=diamond] }',
      []
    ],
    ['a first declaration without a shape', 'digraph { n; n [shape=diamond] }', []]
  ])('%s', (_name, source, expected) => {
    expect(rules(build(source))).toEqual(expected);
  });

  it('names both declarations', () => {
    const [d] = build('digraph {\n  gate [shape=hexagon]\n  gate [shape=diamond]\n}').diagnostics;
    expect(d).toMatchObject({ rule: 'duplicate_node', nodeId: 'gate', file: 'p.dot', line: 3 });
    expect(d?.message).toContain("shape='diamond'");
    expect(d?.message).toContain("shape='hexagon' (p.dot:2:");
    expect(d?.related).toEqual([
      {
        message: "'gate' first declared with shape='hexagon' here",
        loc: { file: 'p.dot', line: 2, column: 9 }
      }
    ]);
    expect(d?.fix).toMatch(/Declare 'gate' once/);
  });

  it('keeps the later value', () => {
    const { graph } = build('digraph { n [shape=box]; n [shape=diamond] }');
    expect(graph.nodes.get('n')?.attrs.get('shape')?.value).toBe('diamond');
  });
});

describe('aliases', () => {
  it.each([
    ['graph', 'digraph { default_max_retry=2 }', 'default_max_retries', 'default_max_retry'],
    [
      'graph block',
      'digraph { graph [default_max_retry=2] }',
      'default_max_retries',
      'default_max_retry'
    ],
    ['node', 'digraph { p [max_concurrency=2] }', 'max_parallel', 'max_concurrency'],
    [
      'manager',
      'digraph { m [shape=house, poll_interval="2"] }',
      'manager.poll_interval',
      'poll_interval'
    ],
    [
      'node default',
      'digraph { node [default_choice="2"]; g }',
      'human.default_choice',
      'default_choice'
    ]
  ])('stores a %s alias under the canonical key', (_name, source, canonical, written) => {
    const { graph, diagnostics } = build(source);
    const attrs = graph.attrs.get(canonical) ?? [...graph.nodes.values()][0]?.attrs.get(canonical);
    expect(attrs).toMatchObject({ value: '2', writtenKey: written });
    expect(diagnostics).toEqual([]);
  });

  it('marks explicit alias values with origin alias and default-block ones with origin default', () => {
    const { graph } = build('digraph { node [max_concurrency=3]; a; b [max_concurrency=4] }');
    expect(graph.nodes.get('a')?.attrs.get('max_parallel')).toMatchObject({
      origin: 'default',
      writtenKey: 'max_concurrency'
    });
    expect(graph.nodes.get('b')?.attrs.get('max_parallel')).toMatchObject({
      origin: 'alias',
      value: '4'
    });
  });

  it.each([
    [
      'canonical first',
      'digraph {\n  g [human.default_choice="B",\n     default_choice="A"]\n}',
      3
    ],
    ['alias first', 'digraph {\n  g [default_choice="A",\n     human.default_choice="B"]\n}', 2],
    [
      'across declarations',
      'digraph {\n  g [default_choice="A"]\n  g [human.default_choice="B"]\n}',
      2
    ]
  ])('prefers the canonical key when both are set (%s)', (_name, source, aliasLine) => {
    const { graph, diagnostics } = build(source);
    expect(graph.nodes.get('g')?.attrs.get('human.default_choice')?.value).toBe('B');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      rule: 'attribute_alias_conflict',
      severity: 'warning',
      nodeId: 'g',
      line: aliasLine
    });
    expect(diagnostics[0]?.message).toBe(
      `Node 'g' sets both 'human.default_choice' ("B") and its alias 'default_choice' ("A"); 'human.default_choice' wins and 'default_choice' is ignored.`
    );
    expect(diagnostics[0]?.fix).toBe(
      "Remove 'default_choice' and keep only 'human.default_choice'."
    );
  });

  it('reports a conflict inside a default block', () => {
    const { graph, diagnostics } = build(
      'digraph { node [default_choice="A", human.default_choice="B"]; g }'
    );
    expect(graph.nodes.get('g')?.attrs.get('human.default_choice')).toMatchObject({
      value: 'B',
      origin: 'default'
    });
    expect(diagnostics.map((d) => d.rule)).toEqual(['attribute_alias_conflict']);
    expect(diagnostics[0]?.message).toMatch(/^A node \[\.\.\.\] default block sets both/);
  });

  it('keeps quiet when the alias and the canonical key agree', () => {
    const { graph, diagnostics } = build(
      'digraph { g [default_choice="A", human.default_choice="A"] }'
    );
    expect(graph.nodes.get('g')?.attrs.get('human.default_choice')).toMatchObject({
      value: 'A',
      origin: 'explicit'
    });
    expect(diagnostics).toEqual([]);
  });

  it('reports a graph-level conflict', () => {
    const { graph, diagnostics } = build('digraph { default_max_retries=1; default_max_retry=5 }');
    expect(graph.attrs.get('default_max_retries')?.value).toBe('1');
    expect(diagnostics.map((d) => d.rule)).toEqual(['attribute_alias_conflict']);
    expect(diagnostics[0]?.message).toMatch(/^The graph sets both/);
  });

  it('does not treat an explicit value overriding a default as a conflict', () => {
    const { graph, diagnostics } = build(
      'digraph { node [max_concurrency=3]; a [max_parallel=9] }'
    );
    expect(graph.nodes.get('a')?.attrs.get('max_parallel')?.value).toBe('9');
    expect(diagnostics).toEqual([]);
  });
});

describe('attribute provenance', () => {
  it('records kind and location of each value', () => {
    const { graph } = build(
      'digraph {\n  a [label="A", max_retries=3, shape=box, x=<<b>y</b>>]\n}'
    );
    const attrs = graph.nodes.get('a')?.attrs;
    expect(attrs?.get('label')).toEqual({
      value: 'A',
      kind: 'quoted',
      origin: 'explicit',
      loc: { file: 'p.dot', line: 2, column: 6 }
    });
    expect(attrs?.get('max_retries')).toMatchObject({ value: '3', kind: 'number' });
    expect(attrs?.get('shape')).toMatchObject({ value: 'box', kind: 'bare' });
    expect(attrs?.get('x')).toMatchObject({ kind: 'html' });
  });

  it('locates defaults at the default block entry', () => {
    const { graph } = build('digraph {\n  node [\n    shape=box\n  ]\n  a\n}');
    expect(graph.nodes.get('a')?.attrs.get('shape')).toMatchObject({
      origin: 'default',
      loc: { line: 3, column: 5 }
    });
  });
});
