import { describe, expect, it } from '@jest/globals';
import { parseDot } from '../../src/dot/parser.js';
import type { DotGraph, Statement } from '../../src/dot/ast.js';
import { stripSpans } from './strip-spans.js';

function body(source: string): unknown {
  return stripSpans(parseDot(source).body);
}

const id = (value: string, kind: 'bare' | 'quoted' | 'number' | 'html' = 'bare') => ({
  value,
  kind
});
const ref = (value: string, port?: string) => ({
  type: 'node_ref',
  id: id(value),
  ...(port === undefined ? {} : { port })
});
const attr = (
  key: string,
  value: string,
  kind: 'bare' | 'quoted' | 'number' | 'html' = 'bare'
) => ({ key: id(key), value: id(value, kind) });
const node = (name: string, ...attrs: unknown[]) => ({ type: 'node', ref: ref(name), attrs });

describe('parseDot: graph header', () => {
  it.each([
    ['digraph G {}', { strict: false, directed: true, id: id('G') }],
    ['graph {}', { strict: false, directed: false }],
    [
      'strict digraph "My pipeline" {}',
      { strict: true, directed: true, id: id('My pipeline', 'quoted') }
    ],
    ['STRICT GRAPH g {}', { strict: true, directed: false, id: id('g') }],
    ['DiGraph 42 {}', { strict: false, directed: true, id: id('42', 'number') }],
    [
      '\uFEFF// leading comment\ndigraph x {}\n// trailing comment\n',
      { strict: false, directed: true, id: id('x') }
    ]
  ])('%j', (source, expected) => {
    const graph = parseDot(source);
    expect(stripSpans(graph)).toEqual({ type: 'graph', body: [], ...expected });
  });

  it('records the file name (default <input>)', () => {
    expect(parseDot('digraph {}').file).toBe('<input>');
    expect(parseDot('digraph {}', { file: 'p.dot' }).file).toBe('p.dot');
  });
});

describe('parseDot: statements', () => {
  it.each<[string, string, unknown[]]>([
    ['node statement', 'a', [node('a')]],
    [
      'node with attributes',
      'a [label="A", shape=box]',
      [node('a', attr('label', 'A', 'quoted'), attr('shape', 'box'))]
    ],
    [
      'several attribute lists',
      'a [x=1][y=2] [z=3]',
      [node('a', attr('x', '1', 'number'), attr('y', '2', 'number'), attr('z', '3', 'number'))]
    ],
    [
      'attributes separated by ; or whitespace',
      'a [x=1; y=2 z=3,]',
      [node('a', attr('x', '1', 'number'), attr('y', '2', 'number'), attr('z', '3', 'number'))]
    ],
    ['empty attribute list', 'a []', [node('a')]],
    [
      'quoted and numeric node IDs',
      '"a b" -> 1',
      [
        {
          type: 'edge',
          operands: [
            { type: 'node_ref', id: id('a b', 'quoted') },
            { type: 'node_ref', id: id('1', 'number') }
          ],
          ops: ['->'],
          attrs: []
        }
      ]
    ],
    [
      'Unicode node IDs',
      'été -> 名前',
      [{ type: 'edge', operands: [ref('été'), ref('名前')], ops: ['->'], attrs: [] }]
    ],
    ['HTML label', 'a [label=<<b>A</b>>]', [node('a', attr('label', '<b>A</b>', 'html'))]],
    [
      'qualified keys and BareValues',
      'a [tool_hooks.pre="x", human.default_choice=yes, fidelity=summary:high, llm_model=claude-sonnet-4-5, timeout=900s, max_retries=-1]',
      [
        node(
          'a',
          attr('tool_hooks.pre', 'x', 'quoted'),
          attr('human.default_choice', 'yes'),
          attr('fidelity', 'summary:high'),
          attr('llm_model', 'claude-sonnet-4-5'),
          attr('timeout', '900s'),
          attr('max_retries', '-1', 'number')
        )
      ]
    ],
    [
      'graph/node/edge attribute statements',
      'graph [goal="g"] Node [shape=box] EDGE [weight=0]',
      [
        { type: 'attr_stmt', target: 'graph', attrs: [attr('goal', 'g', 'quoted')] },
        { type: 'attr_stmt', target: 'node', attrs: [attr('shape', 'box')] },
        { type: 'attr_stmt', target: 'edge', attrs: [attr('weight', '0', 'number')] }
      ]
    ],
    [
      'top-level assignments',
      'rankdir=LR; goal = "ship it"\nstack.child_dotfile=child.dot',
      [
        { type: 'assign', attr: attr('rankdir', 'LR') },
        { type: 'assign', attr: attr('goal', 'ship it', 'quoted') },
        { type: 'assign', attr: attr('stack.child_dotfile', 'child.dot') }
      ]
    ],
    ['semicolons everywhere, or none', ';a;;b;', [node('a'), node('b')]],
    [
      'ports',
      'a:p -> b:q:sw',
      [{ type: 'edge', operands: [ref('a', 'p'), ref('b', 'q:sw')], ops: ['->'], attrs: [] }]
    ],
    [
      'quoted port',
      'a:"p 1" -> b',
      [{ type: 'edge', operands: [ref('a', 'p 1'), ref('b')], ops: ['->'], attrs: [] }]
    ]
  ])('%s', (_name, text, expected) => {
    expect(body(`digraph {\n${text}\n}`)).toEqual(expected);
  });
});

describe('parseDot: edges and subgraphs', () => {
  it('chained edges keep every operand and operator, with shared attributes', () => {
    expect(body('digraph { a -> b -> c [label="next"] }')).toEqual([
      {
        type: 'edge',
        operands: [ref('a'), ref('b'), ref('c')],
        ops: ['->', '->'],
        attrs: [attr('label', 'next', 'quoted')]
      }
    ]);
  });

  it("records '--' (the graph builder rejects it) and mixed operators", () => {
    expect(body('graph { a -- b -> c }')).toEqual([
      { type: 'edge', operands: [ref('a'), ref('b'), ref('c')], ops: ['--', '->'], attrs: [] }
    ]);
  });

  it('subgraph operands on either side', () => {
    expect(body('digraph { a -> {b c}\nsubgraph s { d } -> e }')).toEqual([
      {
        type: 'edge',
        operands: [ref('a'), { type: 'subgraph', body: [node('b'), node('c')] }],
        ops: ['->'],
        attrs: []
      },
      {
        type: 'edge',
        operands: [{ type: 'subgraph', id: id('s'), body: [node('d')] }, ref('e')],
        ops: ['->'],
        attrs: []
      }
    ]);
  });

  it('named, anonymous and nested subgraphs', () => {
    const source = `digraph {
      subgraph cluster_loop {
        label = "Loop A"
        node [thread_id="loop-a"]
        subgraph { inner }
        { x -> y }
      }
    }`;
    expect(body(source)).toEqual([
      {
        type: 'subgraph',
        id: id('cluster_loop'),
        body: [
          { type: 'assign', attr: attr('label', 'Loop A', 'quoted') },
          { type: 'attr_stmt', target: 'node', attrs: [attr('thread_id', 'loop-a', 'quoted')] },
          { type: 'subgraph', body: [node('inner')] },
          {
            type: 'subgraph',
            body: [{ type: 'edge', operands: [ref('x'), ref('y')], ops: ['->'], attrs: [] }]
          }
        ]
      }
    ]);
  });

  it('an edge statement may follow a subgraph statement on the next line', () => {
    const statements = parseDot('digraph { subgraph s { a }\n b -> c }').body;
    expect(statements.map((s: Statement) => s.type)).toEqual(['subgraph', 'edge']);
  });
});

describe('parseDot: spans', () => {
  it('covers statements, attributes and IDs (quotes included)', () => {
    const graph: DotGraph = parseDot('digraph G {\n  a [label="A"]\n  x:p -> "q"\n  k = v\n}\n');
    const [nodeStmt, edgeStmt, assign] = graph.body;
    expect(graph.span).toEqual({
      start: { line: 1, column: 1, offset: 0 },
      end: { line: 5, column: 2, offset: 50 }
    });
    expect(nodeStmt?.span).toEqual({
      start: { line: 2, column: 3, offset: 14 },
      end: { line: 2, column: 16, offset: 27 }
    });
    if (nodeStmt?.type !== 'node') throw new Error('expected a node statement');
    expect(nodeStmt.attrs[0]?.span).toEqual({
      start: { line: 2, column: 6, offset: 17 },
      end: { line: 2, column: 15, offset: 26 }
    });
    expect(nodeStmt.attrs[0]?.value.span).toEqual({
      start: { line: 2, column: 12, offset: 23 },
      end: { line: 2, column: 15, offset: 26 }
    });
    if (edgeStmt?.type !== 'edge') throw new Error('expected an edge statement');
    expect(edgeStmt.span).toEqual({
      start: { line: 3, column: 3, offset: 30 },
      end: { line: 3, column: 13, offset: 40 }
    });
    expect(edgeStmt.operands[0]?.span).toEqual({
      start: { line: 3, column: 3, offset: 30 },
      end: { line: 3, column: 6, offset: 33 }
    });
    expect(edgeStmt.operands[1]?.span).toEqual({
      start: { line: 3, column: 10, offset: 37 },
      end: { line: 3, column: 13, offset: 40 }
    });
    expect(assign?.span).toEqual({
      start: { line: 4, column: 3, offset: 43 },
      end: { line: 4, column: 8, offset: 48 }
    });
  });

  it('a subgraph spans from its keyword (or brace) to its closing brace', () => {
    const g = parseDot('digraph {\n subgraph s {\n a }\n {b}\n}');
    expect(
      g.body.map((s) => [
        s.span.start.line,
        s.span.start.column,
        s.span.end.line,
        s.span.end.column
      ])
    ).toEqual([
      [2, 2, 3, 5],
      [4, 2, 4, 5]
    ]);
  });
});

describe('parseDot: tolerance', () => {
  it('keeps comment markers inside strings and decodes escapes', () => {
    const g = parseDot(
      'digraph {\n a [prompt="// not a comment /* nor this */\\nline2", label="say \\"hi\\"\\l"]\n}'
    );
    const stmt = g.body[0];
    if (stmt?.type !== 'node') throw new Error('expected a node statement');
    expect(stmt.attrs.map((a) => a.value.value)).toEqual([
      '// not a comment /* nor this */\nline2',
      'say "hi"\\l'
    ]);
  });

  it('joins "a" + "b" and continues lines inside strings', () => {
    const g = parseDot('digraph {\n a [prompt="first " +\n "second", label="con\\\ntinued"]\n}');
    const stmt = g.body[0];
    if (stmt?.type !== 'node') throw new Error('expected a node statement');
    expect(stmt.attrs.map((a) => a.value.value)).toEqual(['first second', 'continued']);
  });

  it('accepts # lines and CRLF line endings', () => {
    expect(body('# generated\r\ndigraph {\r\n# note\r\n  a -> b\r\n}\r\n')).toEqual([
      { type: 'edge', operands: [ref('a'), ref('b')], ops: ['->'], attrs: [] }
    ]);
  });
});
