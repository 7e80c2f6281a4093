import { describe, expect, it } from '@jest/globals';
import { parseDot } from '../../src/dot/parser.js';
import { printDot, quoteDotId } from '../../src/dot/print-dot.js';
import type { PrintableAttrValue, PrintableGraph } from '../../src/dot/print-dot.js';
import type { Graph } from '../../src/graph/graph.js';
import { stripSpans } from './strip-spans.js';

describe('quoteDotId', () => {
  it.each([
    ['abc', 'abc'],
    ['_a1', '_a1'],
    ['été', 'été'],
    ['node', '"node"'],
    ['Digraph', '"Digraph"'],
    ['a b', '"a b"'],
    ['', '""'],
    ['1', '"1"'],
    ['a.b', '"a.b"'],
    ['claude-sonnet-4-5', '"claude-sonnet-4-5"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['two\nlines', '"two\\nlines"'],
    ['tab\there', '"tab\\there"'],
    ['left\\l', '"left\\l"'],
    ['back\\\\slash', '"back\\\\\\slash"'],
    ['ends with \\', '"ends with \\\\"'],
    ['literal \\n', '"literal \\\\n"'],
    ['quote after \\"', '"quote after \\\\\\""']
  ])('%j → %s', (text, expected) => {
    expect(quoteDotId(text)).toBe(expected);
  });

  it.each([
    'node',
    'a b',
    '',
    'say "hi"',
    'two\nlines',
    'left\\l',
    'ends with \\',
    'literal \\n',
    'quote after \\"',
    'x\\\r\ny'
  ])('quoted %j reads back as the same text', (text) => {
    const graph = parseDot(`digraph { a [label=${quoteDotId(text)}] }`);
    const stmt = graph.body[0];
    expect(stmt?.type === 'node' ? stmt.attrs[0]?.value.value : undefined).toBe(text);
  });
});

describe('printDot: DOT ASTs', () => {
  const source = `strict digraph "My Pipeline" {
  graph [goal="Ship it", rankdir=LR]
  node [shape=box]
  tool_hooks.pre = "echo hi"
  start [shape=Mdiamond, label=<<b>Start</b>>]
  start -> plan -> {review test} [weight=2]
  a:p:sw -- "b c"
  subgraph cluster_loop {
    label = "Loop A"
    x
  }
  subgraph { y }
  n [fidelity=summary:high, llm_model=claude-sonnet-4-5, max_retries=-1, t=.5]
}`;

  it('prints a canonical, indented form', () => {
    expect(printDot(parseDot(source))).toBe(`strict digraph "My Pipeline" {
  graph [goal="Ship it", rankdir=LR]
  node [shape=box]
  tool_hooks.pre="echo hi"
  start [shape=Mdiamond, label=<<b>Start</b>>]
  start -> plan -> subgraph {
    review
    test
  } [weight=2]
  a:p:sw -- "b c"
  subgraph cluster_loop {
    label="Loop A"
    x
  }
  subgraph {
    y
  }
  n [fidelity="summary:high", llm_model="claude-sonnet-4-5", max_retries=-1, t=.5]
}
`);
  });

  it('reparses to the same tree; only tracker-only bare values become quoted', () => {
    const first = parseDot(source);
    const again = parseDot(printDot(first));
    const normalise = (value: unknown): string =>
      JSON.stringify(stripSpans(value)).replace(
        /"value":"(summary:high|claude-sonnet-4-5)","kind":"(bare|quoted)"/g,
        '"value":"$1"'
      );
    expect(normalise(again)).toBe(normalise(first));
    const lastStmt = again.body.at(-1);
    expect(lastStmt?.type === 'node' ? lastStmt.attrs.map((a) => a.value.kind) : []).toEqual([
      'quoted',
      'quoted',
      'number',
      'number'
    ]);
  });

  it('prints undirected graphs and anonymous graphs', () => {
    expect(printDot(parseDot('graph { a -- b }'))).toBe('graph {\n  a -- b\n}\n');
  });

  it('is a fixed point after one round', () => {
    const once = printDot(parseDot(source));
    expect(printDot(parseDot(once))).toBe(once);
  });

  it('quotes IDs whose recorded kind cannot be printed as written', () => {
    const span = {
      start: { line: 1, column: 1, offset: 0 },
      end: { line: 1, column: 1, offset: 0 }
    };
    const text = printDot({
      type: 'graph',
      strict: false,
      directed: true,
      file: 'x',
      span,
      body: [
        {
          type: 'node',
          ref: { type: 'node_ref', id: { value: 'not bare', kind: 'bare', span }, span },
          attrs: [
            {
              key: { value: 'a', kind: 'bare', span },
              value: { value: '12ab', kind: 'number', span },
              span
            },
            {
              key: { value: 'b', kind: 'bare', span },
              value: { value: 'x>y', kind: 'html', span },
              span
            }
          ],
          span
        }
      ]
    });
    expect(text).toBe('digraph {\n  "not bare" [a="12ab", b="x>y"]\n}\n');
  });
});

describe('printDot: flat graphs', () => {
  it('prints attributes, nodes (array or Map) and edges', () => {
    const graph: PrintableGraph = {
      name: 'Flat One',
      attrs: new Map([['goal', { value: 'Ship', kind: 'quoted' }]]),
      nodes: new Map([
        ['start', { id: 'start', attrs: new Map([['shape', 'Mdiamond']]) }],
        [
          'edge',
          {
            id: 'edge',
            attrs: new Map<string, PrintableAttrValue | string>([
              ['max_retries', '3'],
              ['timeout', { value: '900s' }]
            ])
          }
        ]
      ]),
      edges: [{ from: 'start', to: 'edge', attrs: new Map([['label', 'go on']]) }]
    };
    const text = printDot(graph);
    expect(text).toBe(`digraph "Flat One" {
  goal="Ship"
  start [shape=Mdiamond]
  "edge" [max_retries=3, timeout="900s"]
  start -> "edge" [label="go on"]
}
`);
    expect(stripSpans(parseDot(text).body[3])).toEqual({
      type: 'edge',
      operands: [
        { type: 'node_ref', id: { value: 'start', kind: 'bare' } },
        { type: 'node_ref', id: { value: 'edge', kind: 'quoted' } }
      ],
      ops: ['->'],
      attrs: [{ key: { value: 'label', kind: 'bare' }, value: { value: 'go on', kind: 'quoted' } }]
    });
  });

  it('prints undirected and strict flat graphs with arrays of nodes', () => {
    expect(
      printDot({
        strict: true,
        directed: false,
        nodes: [{ id: 'a' }],
        edges: [{ from: 'a', to: 'a' }]
      })
    ).toBe('strict graph {\n  a\n  a -- a\n}\n');
  });

  it('accepts a built Graph as it is', () => {
    const asPrintable = (graph: Graph): PrintableGraph => graph;
    expect(typeof asPrintable).toBe('function');
  });
});

describe('quoteDotId escapes', () => {
  it.each(['a\\\tb', 'x\\', 'a\\nb', 'tab\there', 'bs\\\\n', 'q"\\"', 'line\\\nnext'])(
    'round-trips %j',
    (value) => {
      const ast = parseDot(`digraph g { n [label=${quoteDotId(value)}] }`);
      const stmt = ast.body[0];
      expect(stmt?.type === 'node' ? stmt.attrs[0]?.value.value : undefined).toBe(value);
    }
  );
});
