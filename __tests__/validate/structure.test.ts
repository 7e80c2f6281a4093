import { describe, expect, it } from '@jest/globals';
import { makeGraph } from '../../src/graph/graph.js';
import type { GraphEdge, GraphNode } from '../../src/graph/graph.js';
import { BUILTIN_HANDLER_TYPES } from '../../src/graph/shapes.js';
import { edgeTargetExistsRule } from '../../src/validate/rules/edge-target-exists.js';
import { exitNoOutgoingRule } from '../../src/validate/rules/exit-no-outgoing.js';
import { implicitNodeRule } from '../../src/validate/rules/implicit-node.js';
import { reachabilityRule } from '../../src/validate/rules/reachability.js';
import { startNoIncomingRule } from '../../src/validate/rules/start-no-incoming.js';
import { startNodeRule } from '../../src/validate/rules/start-node.js';
import { terminalNodeRule } from '../../src/validate/rules/terminal-node.js';
import { applyRule, lines, pipeline } from './support.js';

const VALID = pipeline('  start -> work -> done');

describe('start_node', () => {
  it('passes with exactly one start node', () => {
    expect(applyRule(startNodeRule, VALID)).toEqual([]);
  });

  it('reports a missing start node at the digraph keyword and mentions Mdiamond', () => {
    const source = lines(
      'digraph p {',
      '  work [prompt="x"]',
      '  done [shape=Msquare]',
      '  work -> done',
      '}'
    );
    const [d, ...rest] = applyRule(startNodeRule, source);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      rule: 'start_node',
      severity: 'error',
      file: 'p.dot',
      line: 1,
      column: 1
    });
    expect(d?.message).toContain('no start node: add a node with shape=Mdiamond');
    expect(d?.fix).toContain('start [shape=Mdiamond]');
  });

  it('names both start nodes with file:line:col and lists them as related', () => {
    const source = lines(
      'digraph p {',
      '  a [shape=Mdiamond]',
      '  b [shape=Mdiamond]',
      '  done [shape=Msquare]',
      '  a -> done',
      '  b -> done',
      '}'
    );
    const [d, ...rest] = applyRule(startNodeRule, source);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      rule: 'start_node',
      severity: 'error',
      nodeId: 'b',
      line: 3,
      column: 3
    });
    expect(d?.message).toContain('found 2 start nodes: a (p.dot:2:3), b (p.dot:3:3)');
    expect(d?.related?.map((r) => [r.message, r.loc.line])).toEqual([
      ["start node 'a'", 2],
      ["start node 'b'", 3]
    ]);
  });

  it.each([
    ['type=start', '  begin [type=start]'],
    ['the id start', '  start [prompt="hi"]'],
    ['the id Start', '  Start']
  ])('accepts a start node marked by %s', (_how, decl) => {
    const source = lines('digraph p {', decl, '  done [shape=Msquare]', '}');
    expect(applyRule(startNodeRule, source)).toEqual([]);
  });
});

describe('terminal_node', () => {
  it('passes with exactly one exit node', () => {
    expect(applyRule(terminalNodeRule, VALID)).toEqual([]);
  });

  it('reports a missing exit node and mentions Msquare', () => {
    const source = lines(
      'digraph p {',
      '  start [shape=Mdiamond]',
      '  work [prompt="x"]',
      '  start -> work',
      '}'
    );
    const [d, ...rest] = applyRule(terminalNodeRule, source);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ rule: 'terminal_node', severity: 'error', line: 1, column: 1 });
    expect(d?.message).toContain('no exit node: add a node with shape=Msquare');
  });

  it('says "found 2 exit nodes" and names each with its place', () => {
    const source = lines(
      'digraph p {',
      '  start [shape=Mdiamond]',
      '  work [prompt="x"]',
      '    done1 [shape=Msquare]',
      '    done2 [shape=Msquare]',
      '  start -> work -> done1',
      '  work -> done2',
      '}'
    );
    const [d, ...rest] = applyRule(terminalNodeRule, source);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', nodeId: 'done2', line: 5, column: 5 });
    expect(d?.message).toContain('found 2 exit nodes: done1 (p.dot:4:5), done2 (p.dot:5:5)');
    expect(d?.related).toHaveLength(2);
  });

  it.each(['exit', 'end', 'End'])('accepts a node with the id %s as the exit', (id) => {
    const source = lines('digraph p {', '  start [shape=Mdiamond]', `  start -> ${id}`, '}');
    expect(applyRule(terminalNodeRule, source)).toEqual([]);
  });
});

describe('reachability', () => {
  it('passes when every node is reachable', () => {
    expect(applyRule(reachabilityRule, VALID)).toEqual([]);
  });

  it('reports an orphan at its declaration, by id', () => {
    const source = pipeline('  orphan [prompt="never"]', '  start -> work -> done');
    const [d, ...rest] = applyRule(reachabilityRule, source);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      rule: 'reachability',
      severity: 'error',
      nodeId: 'orphan',
      line: 5,
      column: 3
    });
    expect(d?.message).toContain("node 'orphan' is not reachable from the start node 'start'");
    expect(d?.message).toContain('no edge leads to it');
  });

  it('explains when only unreachable nodes lead to a node', () => {
    const source = pipeline(
      '  a [prompt="a"]',
      '  b [prompt="b"]',
      '  start -> work -> done',
      '  a -> b'
    );
    const ds = applyRule(reachabilityRule, source);
    expect(ds.map((d) => d.nodeId)).toEqual(['a', 'b']);
    expect(ds[1]?.message).toContain('only unreachable nodes lead to it');
  });

  it('stays quiet without a start node (start_node reports that)', () => {
    expect(applyRule(reachabilityRule, lines('digraph p {', '  a -> b', '}'))).toEqual([]);
  });
});

describe('start_no_incoming / exit_no_outgoing', () => {
  it('pass on a valid pipeline', () => {
    expect(applyRule(startNoIncomingRule, VALID)).toEqual([]);
    expect(applyRule(exitNoOutgoingRule, VALID)).toEqual([]);
  });

  it('points start_no_incoming at the offending edge and suggests the first stage', () => {
    const source = pipeline('  start -> work', '  work -> done', '  work -> start');
    const [d, ...rest] = applyRule(startNoIncomingRule, source);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      rule: 'start_no_incoming',
      severity: 'error',
      nodeId: 'start',
      edge: { from: 'work', to: 'start' },
      line: 7,
      column: 3
    });
    expect(d?.message).toContain("edge 'work' -> 'start' leads into the start node");
    expect(d?.fix).toContain("'work' -> 'work'");
  });

  it('points exit_no_outgoing at the offending edge', () => {
    const source = pipeline('  start -> work', '  work -> done', '  done -> work');
    const [d, ...rest] = applyRule(exitNoOutgoingRule, source);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      rule: 'exit_no_outgoing',
      severity: 'error',
      nodeId: 'done',
      edge: { from: 'done', to: 'work' },
      line: 7,
      column: 3
    });
    expect(d?.message).toContain("edge 'done' -> 'work' leaves the exit node");
  });
});

describe('implicit_node', () => {
  it('passes when every node is declared', () => {
    expect(applyRule(implicitNodeRule, VALID)).toEqual([]);
  });

  it('warns at the first edge that mentions an undeclared node, with did-you-mean', () => {
    const source = pipeline('  start -> wrok', '  wrok -> done');
    const [d, ...rest] = applyRule(implicitNodeRule, source);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      rule: 'implicit_node',
      severity: 'warning',
      nodeId: 'wrok',
      line: 5,
      column: 12
    });
    expect(d?.message).toBe(
      "node 'wrok' is used in an edge but never declared, so it runs as an LLM stage whose prompt is just its id; did you mean 'work'?"
    );
  });

  it('gives no suggestion when nothing declared is close', () => {
    const [d] = applyRule(
      implicitNodeRule,
      pipeline('  start -> work -> done', '  work -> nonexistent_node')
    );
    expect(d?.nodeId).toBe('nonexistent_node');
    expect(d?.message).not.toContain('did you mean');
    expect(d?.fix).toContain('nonexistent_node [shape=box');
  });
});

describe('edge_target_exists (graphs built through the API)', () => {
  const loc = { file: 'api', line: 1, column: 1 };
  const node = (id: string): GraphNode => ({
    id,
    attrs: new Map(),
    loc,
    declarations: [loc],
    implicit: false,
    classes: [],
    subgraphs: []
  });
  const edge = (index: number, from: string, to: string): GraphEdge => ({
    index,
    from,
    to,
    attrs: new Map(),
    loc: { file: 'api', line: 10 + index, column: 3 }
  });
  const graphWith = (edges: GraphEdge[]) =>
    makeGraph({
      name: 'api',
      file: 'api',
      attrs: new Map(),
      nodes: new Map(['start', 'review', 'done'].map((id) => [id, node(id)])),
      edges
    });
  const ctx = { knownHandlerTypes: BUILTIN_HANDLER_TYPES };

  it('passes when both ends exist', () => {
    expect(
      edgeTargetExistsRule.apply(
        graphWith([edge(0, 'start', 'review'), edge(1, 'review', 'done')]),
        ctx
      )
    ).toEqual([]);
  });

  it('reports an unknown target with a suggestion, at the edge', () => {
    const [d, ...rest] = edgeTargetExistsRule.apply(graphWith([edge(0, 'start', 'reveiw')]), ctx);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      rule: 'edge_target_exists',
      severity: 'error',
      edge: { from: 'start', to: 'reveiw' },
      line: 10,
      column: 3
    });
    expect(d?.message).toContain("targets unknown node 'reveiw'; did you mean 'review'?");
  });

  it('reports an unknown source', () => {
    const [d] = edgeTargetExistsRule.apply(graphWith([edge(0, 'ghost', 'done')]), ctx);
    expect(d?.message).toContain("starts at unknown node 'ghost'");
    expect(d?.fix).toContain('edge source');
  });
});
