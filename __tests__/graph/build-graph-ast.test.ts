/**
 * buildGraph on hand-built ASTs: the builder's semantics without depending on the parser.
 */
import { describe, expect, it } from '@jest/globals';
import { buildGraph } from '../../src/graph/build-graph.js';
import type { Graph } from '../../src/graph/graph.js';
import { assign, attr, defaults, digraph, edge, node, subgraph } from './ast-builders.js';

function attrsOf(graph: Graph, nodeId: string): Record<string, string> {
  const n = graph.nodes.get(nodeId);
  if (!n) throw new Error(`no node ${nodeId}`);
  return Object.fromEntries([...n.attrs].map(([k, v]) => [k, v.value]));
}

describe('buildGraph (hand-built AST)', () => {
  it('applies node defaults only to nodes that appear after them', () => {
    const { graph } = buildGraph(
      digraph([
        node('before', 2),
        defaults('node', 3, [attr('shape', 'diamond', 3)]),
        node('after', 4),
        edge(['before', 'fresh'], 5)
      ])
    );
    expect(attrsOf(graph, 'before')).toEqual({});
    expect(attrsOf(graph, 'after')).toEqual({ shape: 'diamond' });
    expect(attrsOf(graph, 'fresh')).toEqual({ shape: 'diamond' });
    expect(graph.nodes.get('after')?.attrs.get('shape')).toMatchObject({
      origin: 'default',
      loc: { file: 'test.dot', line: 3, column: 1 }
    });
  });

  it('scopes subgraph defaults and does not leak them out', () => {
    const { graph } = buildGraph(
      digraph([
        defaults('node', 2, [attr('timeout', '900s', 2)]),
        subgraph('cluster_a', 3, [
          defaults('node', 4, [attr('thread_id', 'a', 4)]),
          node('inner', 5)
        ]),
        node('outer', 7)
      ])
    );
    expect(attrsOf(graph, 'inner')).toEqual({ timeout: '900s', thread_id: 'a' });
    expect(attrsOf(graph, 'outer')).toEqual({ timeout: '900s' });
  });

  it('expands chains and subgraph operands (cross product) with the same attributes', () => {
    const { graph } = buildGraph(
      digraph([
        edge(['a', 'b', 'c'], 2, [attr('label', 'next', 2)]),
        edge(
          [
            subgraph(undefined, 3, [node('x', 3), node('y', 3)]),
            subgraph(undefined, 3, [node('p', 3), node('q', 3)])
          ],
          3
        )
      ])
    );
    expect(
      graph.edges.map((e) => `${e.from}->${e.to}:${e.attrs.get('label')?.value ?? ''}`)
    ).toEqual(['a->b:next', 'b->c:next', 'x->p:', 'x->q:', 'y->p:', 'y->q:']);
    expect(graph.edges.map((e) => e.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('marks nodes that only appear in edges as implicit', () => {
    const { graph } = buildGraph(digraph([edge(['a', 'b'], 2), node('b', 3)]));
    expect(graph.nodes.get('a')).toMatchObject({
      implicit: true,
      declarations: [],
      loc: { line: 2 }
    });
    expect(graph.nodes.get('b')).toMatchObject({ implicit: false, loc: { line: 3 } });
  });

  it('stores aliases under the canonical key and prefers the canonical key on conflict', () => {
    const { graph, diagnostics } = buildGraph(
      digraph([
        assign('default_max_retry', '3', 2),
        node('gate', 3, [attr('default_choice', 'A', 3), attr('human.default_choice', 'B', 3, 30)])
      ])
    );
    expect(graph.attrs.get('default_max_retries')).toMatchObject({
      value: '3',
      origin: 'alias',
      writtenKey: 'default_max_retry'
    });
    expect(graph.nodes.get('gate')?.attrs.get('human.default_choice')?.value).toBe('B');
    expect(diagnostics).toEqual([
      expect.objectContaining({
        rule: 'attribute_alias_conflict',
        severity: 'warning',
        nodeId: 'gate',
        line: 3
      })
    ]);
  });

  it('reports undirected graphs and strict as dot_dialect', () => {
    const undirected = buildGraph(digraph([edge(['a', 'b'], 2, [], '--')], { directed: false }));
    expect(undirected.diagnostics.map((d) => [d.rule, d.severity])).toEqual([
      ['dot_dialect', 'error']
    ]);
    const strict = buildGraph(digraph([node('a', 2)], { strict: true }));
    expect(strict.diagnostics.map((d) => [d.rule, d.severity])).toEqual([
      ['dot_dialect', 'warning']
    ]);
  });
});
