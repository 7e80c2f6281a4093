import { describe, expect, it } from '@jest/globals';
import type { AttrOrigin, AttrValue, Graph, GraphNode } from '../../src/graph/graph.js';
import { makeGraph } from '../../src/graph/graph.js';
import {
  applyStylesheet,
  resolveNodeStyle,
  selectorSpecificity
} from '../../src/stylesheet/apply-stylesheet.js';
import { parseStylesheet } from '../../src/stylesheet/parse-stylesheet.js';
import type { StyleRule } from '../../src/stylesheet/style-rule.js';

const LOC = { file: 'p.dot', line: 1, column: 1 };

function attr(value: string, origin: AttrOrigin = 'explicit'): AttrValue {
  return { value, kind: 'quoted', origin, loc: LOC };
}

function node(
  id: string,
  attrs: Record<string, string | AttrValue> = {},
  classes: string[] = []
): GraphNode {
  return {
    id,
    attrs: new Map(Object.entries(attrs).map(([k, v]) => [k, typeof v === 'string' ? attr(v) : v])),
    loc: LOC,
    declarations: [LOC],
    implicit: false,
    classes,
    subgraphs: []
  };
}

function graphOf(nodes: GraphNode[], stylesheet?: string): Graph {
  const attrs = new Map<string, AttrValue>();
  if (stylesheet !== undefined)
    attrs.set('model_stylesheet', {
      value: stylesheet,
      kind: 'quoted',
      origin: 'explicit',
      loc: { file: 'p.dot', line: 3, column: 9 }
    });
  return makeGraph({
    name: 'G',
    file: 'p.dot',
    attrs,
    nodes: new Map(nodes.map((n) => [n.id, n])),
    edges: nodes
      .slice(1)
      .map((n, i) => ({ index: i, from: nodes[i]?.id ?? '', to: n.id, attrs: new Map(), loc: LOC }))
  });
}

function rules(text: string): readonly StyleRule[] {
  const r = parseStylesheet(text);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.rules;
}

function styled(graph: Graph, text: string): Graph {
  return applyStylesheet(graph, rules(text));
}

function value(graph: Graph, id: string, key: string): string | undefined {
  return graph.nodes.get(id)?.attrs.get(key)?.value;
}

describe('applyStylesheet', () => {
  it('applies the spec §8.6 example', () => {
    const text = `
      * { llm_model: claude-sonnet-4-5; llm_provider: anthropic; }
      .code { llm_model: claude-opus-4-6; llm_provider: anthropic; }
      #critical_review { llm_model: gpt-5.2; llm_provider: openai; reasoning_effort: high; }`;
    const graph = graphOf(
      [
        node('start', { shape: 'Mdiamond' }),
        node('plan', { label: 'Plan', class: 'planning' }, ['planning']),
        node('implement', { label: 'Implement', class: 'code' }, ['code']),
        node('critical_review', { label: 'Critical Review', class: 'code' }, ['code']),
        node('exit', { shape: 'Msquare' })
      ],
      text
    );
    const out = styled(graph, text);
    const table = [...out.nodes.keys()].map((id) => [
      id,
      value(out, id, 'llm_model'),
      value(out, id, 'llm_provider'),
      value(out, id, 'reasoning_effort')
    ]);
    expect(table).toEqual([
      ['start', 'claude-sonnet-4-5', 'anthropic', undefined],
      ['plan', 'claude-sonnet-4-5', 'anthropic', undefined],
      ['implement', 'claude-opus-4-6', 'anthropic', undefined],
      ['critical_review', 'gpt-5.2', 'openai', 'high'],
      ['exit', 'claude-sonnet-4-5', 'anthropic', undefined]
    ]);
    expect(out.nodes.get('plan')?.attrs.get('llm_model')).toEqual({
      value: 'claude-sonnet-4-5',
      kind: 'quoted',
      origin: 'stylesheet',
      loc: { file: 'p.dot', line: 3, column: 9 }
    });
  });

  const SPECIFICITY =
    '* { llm_model: universal } box { llm_model: shape } .c { llm_model: class } #n { llm_model: id }';
  it.each([
    ['a node matching every selector takes the id rule', node('n', {}, ['c']), 'id'],
    ['class beats shape and universal', node('m', {}, ['c']), 'class'],
    ['shape beats universal (box is the default shape)', node('m'), 'shape'],
    ['shape by explicit shape attribute', node('m', { shape: 'box' }), 'shape'],
    ['universal when nothing else matches', node('m', { shape: 'hexagon' }), 'universal']
  ])('%s', (_name, n, expected) => {
    expect(value(styled(graphOf([n]), SPECIFICITY), n.id, 'llm_model')).toBe(expected);
    const reversed =
      '#n { llm_model: id } .c { llm_model: class } box { llm_model: shape } * { llm_model: universal }';
    expect(value(styled(graphOf([n]), reversed), n.id, 'llm_model')).toBe(expected);
  });

  it.each([
    ['* { llm_model: a } * { llm_model: b }', 'b'],
    ['.x { llm_model: a } .y { llm_model: b }', 'b'],
    ['.y { llm_model: b } .x { llm_model: a }', 'a'],
    ['box { llm_model: a; llm_model: b }', 'b'],
    ['.x, .y { llm_model: a } .x { llm_model: b }', 'b'],
    ['.x { llm_model: b } .y, #other { llm_model: a }', 'a']
  ])('later rules win at equal specificity: %j gives %s', (text, expected) => {
    expect(value(styled(graphOf([node('n', {}, ['x', 'y'])]), text), 'n', 'llm_model')).toBe(
      expected
    );
  });

  it('resolves each property separately', () => {
    const out = styled(
      graphOf([node('n', {}, ['fast'])]),
      '* { llm_provider: anthropic; reasoning_effort: low } .fast { llm_model: flash } #n { reasoning_effort: high }'
    );
    expect([
      value(out, 'n', 'llm_model'),
      value(out, 'n', 'llm_provider'),
      value(out, 'n', 'reasoning_effort')
    ]).toEqual(['flash', 'anthropic', 'high']);
  });

  it.each([
    ['explicit', 'mine'],
    ['alias', 'mine'],
    ['api', 'mine'],
    ['default', 'styled'],
    ['stylesheet', 'styled']
  ] as [AttrOrigin, string][])('an attribute with origin %s gives %s', (origin, expected) => {
    const n = node('n', { llm_model: attr('mine', origin) });
    expect(value(styled(graphOf([n]), '#n { llm_model: styled }'), 'n', 'llm_model')).toBe(
      expected
    );
  });

  it('keeps explicit attributes and fills in the rest (spec §11.10)', () => {
    const out = styled(
      graphOf([node('n', { llm_model: 'gpt-5.3-codex' })]),
      '#n { llm_model: claude-opus-4-6; llm_provider: anthropic }'
    );
    expect(out.nodes.get('n')?.attrs.get('llm_model')).toMatchObject({
      value: 'gpt-5.3-codex',
      origin: 'explicit'
    });
    expect(out.nodes.get('n')?.attrs.get('llm_provider')).toMatchObject({
      value: 'anthropic',
      origin: 'stylesheet'
    });
  });

  it('matches classes from node.classes, including subgraph-derived ones', () => {
    const out = styled(
      graphOf([
        node('a', {}, ['loop-a']),
        node('b', { class: 'loop-a' }, []),
        node('c', {}, ['x', 'loop-a'])
      ]),
      '.loop-a { llm_model: m }'
    );
    expect([
      value(out, 'a', 'llm_model'),
      value(out, 'b', 'llm_model'),
      value(out, 'c', 'llm_model')
    ]).toEqual(['m', undefined, 'm']);
  });

  it('matches shapes and node ids exactly (case-sensitive)', () => {
    const out = styled(
      graphOf([node('Review', { shape: 'Box' }), node('review', { shape: 'box' })]),
      'box { llm_provider: p } #review { llm_model: m }'
    );
    expect([value(out, 'Review', 'llm_provider'), value(out, 'Review', 'llm_model')]).toEqual([
      undefined,
      undefined
    ]);
    expect([value(out, 'review', 'llm_provider'), value(out, 'review', 'llm_model')]).toEqual([
      'p',
      'm'
    ]);
  });

  it('returns a new graph, leaves the input unchanged and keeps untouched nodes, edges and order', () => {
    const graph = graphOf(
      [node('a', { shape: 'hexagon' }), node('b'), node('c', { shape: 'hexagon' })],
      'box {}'
    );
    const out = styled(graph, 'box { llm_model: m }');
    expect(out).not.toBe(graph);
    expect(graph.nodes.get('b')?.attrs.has('llm_model')).toBe(false);
    expect(out.nodes.get('a')).toBe(graph.nodes.get('a'));
    expect(out.nodes.get('b')).not.toBe(graph.nodes.get('b'));
    expect([...out.nodes.keys()]).toEqual(['a', 'b', 'c']);
    expect(out.edges).toBe(graph.edges);
    expect(out.outgoing.get('a')?.map((e) => e.to)).toEqual(['b']);
    expect(out.attrs).toBe(graph.attrs);
    expect(out.name).toBe('G');
  });

  it('omits loc when the graph has no model_stylesheet attribute', () => {
    const out = styled(graphOf([node('n')]), '* { llm_model: m }');
    expect(out.nodes.get('n')?.attrs.get('llm_model')).toEqual({
      value: 'm',
      kind: 'quoted',
      origin: 'stylesheet'
    });
  });

  it('applies no rules as a copy of the graph', () => {
    const graph = graphOf([node('n')]);
    const out = applyStylesheet(graph, []);
    expect(out.nodes.get('n')).toBe(graph.nodes.get('n'));
  });

  // Work counted, not timed (the time is measured by `npm run bench`, bench/languages.ts): looking at
  // every rule for every node would read selectors 10k × 1051 times; each node should look only at
  // the rules that can match it (here `*`, its class and, for every tenth node, its id).
  it('styles 10k nodes with 1051 rules, looking only at the rules that can match each node', () => {
    const nodes = Array.from({ length: 10_000 }, (_, i) => node(`n${i}`, {}, [`c${i % 50}`]));
    const text = [
      '* { llm_model: base }',
      ...Array.from({ length: 50 }, (_, i) => `.c${i} { llm_provider: p${i} }`),
      ...Array.from({ length: 1000 }, (_, i) => `#n${i * 10} { reasoning_effort: high }`)
    ].join('\n');
    let selectorReads = 0;
    const counted = rules(text).map((rule): StyleRule => ({
      ...rule,
      get selector() {
        selectorReads++;
        return rule.selector;
      }
    }));
    const out = applyStylesheet(graphOf(nodes), counted);
    expect(value(out, 'n9990', 'reasoning_effort')).toBe('high');
    expect(value(out, 'n9991', 'llm_provider')).toBe('p41');
    expect(value(out, 'n9991', 'llm_model')).toBe('base');
    expect(selectorReads).toBeGreaterThan(0);
    expect(selectorReads).toBeLessThanOrEqual(counted.length + 3 * nodes.length);
  });
});

describe('selectorSpecificity and resolveNodeStyle', () => {
  it.each([
    ['*', 0],
    ['box', 1],
    ['.c', 2],
    ['#n', 3]
  ])('%s has specificity %i', (selector, expected) => {
    const [rule] = rules(`${selector} {}`);
    expect(rule && selectorSpecificity(rule.selector)).toBe(expected);
  });

  it('reports the winning declaration per property', () => {
    const style = resolveNodeStyle(
      node('n', {}, ['c']),
      rules('* { llm_model: a; llm_provider: p } .c { llm_model: b }')
    );
    expect([...style].map(([p, d]) => [p, d.value])).toEqual([
      ['llm_model', 'b'],
      ['llm_provider', 'p']
    ]);
  });
});
