import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseDot } from '../../src/dot/parser.js';
import { isAttributeAlias } from '../../src/graph/attribute-schema.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import { splitClasses } from '../../src/graph/derive-class.js';
import type { AttrValue, Attributes, Graph, GraphEdge, GraphNode } from '../../src/graph/graph.js';
import { makeGraph } from '../../src/graph/graph.js';
import { printGraph } from '../../src/graph/print-graph.js';

function build(source: string): Graph {
  return buildGraph(parseDot(source, { file: 'p.dot' })).graph;
}

function pairs(attrs: Attributes): [string, string][] {
  return [...attrs]
    .map(([k, v]): [string, string] => [k, v.value])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** Everything a rebuilt graph must preserve. */
function essence(graph: Graph): unknown {
  return {
    name: graph.name,
    attrs: pairs(graph.attrs),
    nodes: [...graph.nodes.values()].map((n) => ({
      id: n.id,
      attrs: pairs(n.attrs),
      classes: [...n.classes].sort()
    })),
    edges: graph.edges.map((e) => ({ from: e.from, to: e.to, attrs: pairs(e.attrs) })),
    subgraphs: graph.subgraphs.map((s) => ({ id: s.id, label: s.label, nodeIds: s.nodeIds }))
  };
}

describe('printGraph', () => {
  it('writes graph attributes, nodes with all attributes, edges and subgraphs', () => {
    const graph = build(`digraph Deploy {
      goal="Ship \\"it\\""
      node [shape=box]
      start [shape=Mdiamond]
      subgraph cluster_review { label="Review Team"; check [prompt="line1\\nline2"] }
      start -> check [label="go", weight=2]
      check -> "node" [tool_hooks.pre="echo \\\\", xlabel="left\\l"]
    }`);
    expect(printGraph(graph)).toBe(
      [
        'digraph Deploy {',
        '  goal="Ship \\"it\\""',
        '  start [shape=Mdiamond]',
        '  check [shape=box, prompt="line1\\nline2"]',
        '  "node" [shape=box]',
        '  start -> check [label="go", weight=2]',
        '  check -> "node" [tool_hooks.pre="echo \\\\", xlabel="left\\l"]',
        '  subgraph cluster_review {',
        '    label="Review Team"',
        '    check',
        '  }',
        '}',
        ''
      ].join('\n')
    );
  });

  it('writes an anonymous graph without a name', () => {
    expect(printGraph(build('digraph { a }'))).toBe('digraph {\n  a\n}\n');
  });

  it.each([
    [
      'spec §2.10 with defaults, classes and nesting',
      `digraph G {
        graph [goal="Implement", default_max_retry=2]
        node [shape=box, timeout="900s"]
        start [shape=Mdiamond]; exit [shape=Msquare]
        subgraph cluster_loop {
          label = "Loop A"
          node [thread_id="loop-a"]
          Plan [label="Plan next step", class="planning, fast"]
          subgraph inner { label="Inner Work"; Implement [timeout="1800s"] }
        }
        { label="Anon"; stray }
        start -> Plan -> Implement -> exit [weight=1]
        Implement -> Plan [condition="outcome=fail", label="retry"]
      }`
    ],
    [
      'html and numbers',
      'digraph { a [label=<<b>A</b>>, weight=-1.5, width=.5]; a -> b [minlen=2] }'
    ],
    ['ids that need quotes', 'digraph "my graph" { "a b" -> "1x" -> "-2" -> "subgraph" -> "é" }']
  ])('round-trips %s', (_name, source) => {
    const graph = build(source);
    const rebuilt = build(printGraph(graph));
    expect(essence(rebuilt)).toEqual(essence(graph));
    expect(buildGraph(parseDot(printGraph(graph), { file: 'p.dot' })).diagnostics).toEqual([]);
  });
});

// ── Property: random Graph → printGraph → parseDot → buildGraph keeps ids, edges and values ──────────

const TRICKY_CHARS = [
  '"',
  '\\',
  '\n',
  '\t',
  '\r',
  ' ',
  '-',
  '.',
  ':',
  ';',
  '{',
  '}',
  '[',
  ']',
  '=',
  ',',
  'é',
  '→',
  '0',
  '7'
];
const trickyChar = fc.oneof(
  fc.constantFrom(...TRICKY_CHARS),
  fc.constantFrom(...'abcxyzABC_'.split(''))
);
const trickyString = fc.array(trickyChar, { maxLength: 12 }).map((cs) => cs.join(''));
const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
const numeral = fc.oneof(
  fc.integer({ min: -999, max: 999 }).map(String),
  fc.constantFrom('0.5', '-3.25', '.5', '10.')
);
const nodeId = fc.oneof(
  identifier,
  trickyString.filter((s) => s.length > 0),
  numeral,
  fc.constantFrom(
    'node',
    'Edge',
    'GRAPH',
    'subgraph',
    'strict',
    'digraph',
    '__proto__',
    'constructor'
  )
);
const attrKey = fc
  .oneof(
    identifier,
    fc.constantFrom(
      'label',
      'shape',
      'prompt',
      'tool_hooks.pre',
      'manager.max_cycles',
      'class',
      '__proto__'
    ),
    trickyString.filter((s) => s.trim().length > 0)
  )
  .filter(
    (k) =>
      !isAttributeAlias('graph', k) && !isAttributeAlias('node', k) && !isAttributeAlias('edge', k)
  );
const attrValue: fc.Arbitrary<AttrValue> = fc.oneof(
  trickyString.map((value): AttrValue => ({ value, kind: 'quoted', origin: 'api' })),
  identifier.map((value): AttrValue => ({ value, kind: 'bare', origin: 'api' })),
  numeral.map((value): AttrValue => ({ value, kind: 'number', origin: 'api' }))
);
const attributes = fc
  .array(fc.tuple(attrKey, attrValue), { maxLength: 4 })
  .map((entries): Attributes => new Map(entries));

const LOC = { file: 'random.dot', line: 1, column: 1 };

const randomGraph: fc.Arbitrary<Graph> = fc
  .record({
    name: fc.oneof(fc.constant(''), identifier, trickyString),
    attrs: attributes,
    nodes: fc.uniqueArray(fc.tuple(nodeId, attributes), { maxLength: 8, selector: ([id]) => id }),
    edgeSeeds: fc.array(fc.tuple(fc.nat(), fc.nat(), attributes), { maxLength: 10 })
  })
  .map(({ name, attrs, nodes, edgeSeeds }) => {
    const nodeMap = new Map<string, GraphNode>(
      nodes.map(([id, nodeAttrs]) => [
        id,
        {
          id,
          attrs: nodeAttrs,
          loc: LOC,
          declarations: [LOC],
          implicit: false,
          classes: splitClasses(nodeAttrs.get('class')?.value ?? ''),
          subgraphs: []
        }
      ])
    );
    const ids = [...nodeMap.keys()];
    const edges: GraphEdge[] = [];
    if (ids.length > 0) {
      for (const [a, b, edgeAttrs] of edgeSeeds) {
        const from = ids[a % ids.length] ?? '';
        const to = ids[b % ids.length] ?? '';
        edges.push({ index: edges.length, from, to, attrs: edgeAttrs, loc: LOC });
      }
    }
    return makeGraph({ name, file: 'random.dot', attrs, nodes: nodeMap, edges });
  });

describe('printGraph property', () => {
  it('rebuilds the same ids, edges and attribute values', () => {
    fc.assert(
      fc.property(randomGraph, (graph) => {
        const text = printGraph(graph);
        const rebuilt = buildGraph(parseDot(text, { file: 'printed.dot' }));
        expect(essence(rebuilt.graph)).toEqual(essence(graph));
        expect(rebuilt.diagnostics).toEqual([]);
      }),
      { numRuns: 300 }
    );
  });
});
