import { describe, expect, it } from '@jest/globals';
import { makeGraph } from '../../src/graph/graph.js';
import type { GraphEdge } from '../../src/graph/graph.js';
import { BUILTIN_HANDLER_TYPES } from '../../src/graph/shapes.js';
import { edgeTargetExistsRule } from '../../src/validate/rules/edge-target-exists.js';
import { exitNoOutgoingRule } from '../../src/validate/rules/exit-no-outgoing.js';
import { implicitNodeRule } from '../../src/validate/rules/implicit-node.js';
import { reachabilityRule } from '../../src/validate/rules/reachability.js';
import { startNoIncomingRule } from '../../src/validate/rules/start-no-incoming.js';
import { startNodeRule } from '../../src/validate/rules/start-node.js';
import { terminalNodeRule } from '../../src/validate/rules/terminal-node.js';
import { edgeOf, nodeOf } from '../support/node-of.js';
import { applyRule, lines, pipeline, singleDiagnostic } from './support.js';

const VALID = pipeline('  start -> work -> done');

it.each([
  startNodeRule,
  terminalNodeRule,
  reachabilityRule,
  startNoIncomingRule,
  exitNoOutgoingRule,
  implicitNodeRule
])('$name passes on a valid pipeline', (rule) => {
  expect(applyRule(rule, VALID)).toEqual([]);
});

describe('start_node / terminal_node', () => {
  it.each([
    {
      rule: startNodeRule,
      source: lines(
        'digraph p {',
        '  work [prompt="x"]',
        '  done [shape=Msquare]',
        '  work -> done',
        '}'
      ),
      message: 'no start node: add a node with shape=Mdiamond',
      fix: 'start [shape=Mdiamond]'
    },
    {
      rule: terminalNodeRule,
      source: lines(
        'digraph p {',
        '  start [shape=Mdiamond]',
        '  work [prompt="x"]',
        '  start -> work',
        '}'
      ),
      message: 'no exit node: add a node with shape=Msquare',
      fix: 'done [shape=Msquare]'
    }
  ])(
    '$rule.name reports a missing node at the digraph keyword',
    ({ rule, source, message, fix }) => {
      const d = singleDiagnostic(applyRule(rule, source));
      expect(d).toMatchObject({
        rule: rule.name,
        severity: 'error',
        file: 'p.dot',
        line: 1,
        column: 1
      });
      expect(d.message).toContain(message);
      expect(d.fix).toContain(fix);
    }
  );

  it.each([
    {
      rule: startNodeRule,
      source: lines(
        'digraph p {',
        '  a [shape=Mdiamond]',
        '  b [shape=Mdiamond]',
        '  done [shape=Msquare]',
        '  a -> done',
        '  b -> done',
        '}'
      ),
      at: { nodeId: 'b', line: 3, column: 3 },
      message: 'found 2 start nodes: a (p.dot:2:3), b (p.dot:3:3)',
      related: [
        ["start node 'a'", 2],
        ["start node 'b'", 3]
      ]
    },
    {
      rule: terminalNodeRule,
      source: lines(
        'digraph p {',
        '  start [shape=Mdiamond]',
        '  work [prompt="x"]',
        '    done1 [shape=Msquare]',
        '    done2 [shape=Msquare]',
        '  start -> work -> done1',
        '  work -> done2',
        '}'
      ),
      at: { nodeId: 'done2', line: 5, column: 5 },
      message: 'found 2 exit nodes: done1 (p.dot:4:5), done2 (p.dot:5:5)',
      related: [
        ["exit node 'done1'", 4],
        ["exit node 'done2'", 5]
      ]
    }
  ])(
    '$rule.name names both nodes with file:line:col and lists them as related',
    ({ rule, source, at, message, related }) => {
      const d = singleDiagnostic(applyRule(rule, source));
      expect(d).toMatchObject({ rule: rule.name, severity: 'error', ...at });
      expect(d.message).toContain(message);
      expect(d.related?.map((r) => [r.message, r.loc.line])).toEqual(related);
    }
  );

  it.each([
    ['type=start', '  begin [type=start]'],
    ['the id start', '  start [prompt="hi"]'],
    ['the id Start', '  Start']
  ])('accepts a start node marked by %s', (_how, decl) => {
    const source = lines('digraph p {', decl, '  done [shape=Msquare]', '}');
    expect(applyRule(startNodeRule, source)).toEqual([]);
  });

  it.each(['exit', 'end', 'End'])('accepts a node with the id %s as the exit', (id) => {
    const source = lines('digraph p {', '  start [shape=Mdiamond]', `  start -> ${id}`, '}');
    expect(applyRule(terminalNodeRule, source)).toEqual([]);
  });
});

describe('reachability', () => {
  it('reports an orphan at its declaration, by id', () => {
    const source = pipeline('  orphan [prompt="never"]', '  start -> work -> done');
    const d = singleDiagnostic(applyRule(reachabilityRule, source));
    expect(d).toMatchObject({
      rule: 'reachability',
      severity: 'error',
      nodeId: 'orphan',
      line: 5,
      column: 3
    });
    expect(d.message).toContain("node 'orphan' is not reachable from the start node 'start'");
    expect(d.message).toContain('no edge leads to it');
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
  it.each([
    {
      rule: startNoIncomingRule,
      nodeId: 'start',
      edge: { from: 'work', to: 'start' },
      message: "edge 'work' -> 'start' leads into the start node",
      fix: "'work' -> 'work'"
    },
    {
      rule: exitNoOutgoingRule,
      nodeId: 'done',
      edge: { from: 'done', to: 'work' },
      message: "edge 'done' -> 'work' leaves the exit node",
      fix: "start it from the stage before 'done'"
    }
  ])(
    'points $rule.name at the offending edge $edge.from -> $edge.to',
    ({ rule, nodeId, edge, message, fix }) => {
      const source = pipeline('  start -> work', '  work -> done', `  ${edge.from} -> ${edge.to}`);
      const d = singleDiagnostic(applyRule(rule, source));
      expect(d).toMatchObject({
        rule: rule.name,
        severity: 'error',
        nodeId,
        edge,
        line: 7,
        column: 3
      });
      expect(d.message).toContain(message);
      expect(d.fix).toContain(fix);
    }
  );
});

describe('implicit_node', () => {
  it('warns at the first edge that mentions an undeclared node, with did-you-mean', () => {
    const source = pipeline('  start -> wrok', '  wrok -> done');
    const d = singleDiagnostic(applyRule(implicitNodeRule, source));
    expect(d).toMatchObject({
      rule: 'implicit_node',
      severity: 'warning',
      nodeId: 'wrok',
      line: 5,
      column: 12
    });
    expect(d.message).toBe(
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
  const edge = (index: number, from: string, to: string): GraphEdge =>
    edgeOf(index, from, to, { file: 'api', line: 10 + index, column: 3 });
  const graphWith = (edges: GraphEdge[]) =>
    makeGraph({
      name: 'api',
      file: 'api',
      attrs: new Map(),
      nodes: new Map(['start', 'review', 'done'].map((id) => [id, nodeOf(id)])),
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
    const d = singleDiagnostic(
      edgeTargetExistsRule.apply(graphWith([edge(0, 'start', 'reveiw')]), ctx)
    );
    expect(d).toMatchObject({
      rule: 'edge_target_exists',
      severity: 'error',
      edge: { from: 'start', to: 'reveiw' },
      line: 10,
      column: 3
    });
    expect(d.message).toContain("targets unknown node 'reveiw'; did you mean 'review'?");
  });

  it('reports an unknown source', () => {
    const [d] = edgeTargetExistsRule.apply(graphWith([edge(0, 'ghost', 'done')]), ctx);
    expect(d?.message).toContain("starts at unknown node 'ghost'");
    expect(d?.fix).toContain('edge source');
  });
});
