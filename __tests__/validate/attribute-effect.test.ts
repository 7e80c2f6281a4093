/**
 * Attributes that are known but have no effect where they are written (attribute_no_effect), and
 * unknown attributes inside subgraphs (unknown_attribute).
 */
import { describe, expect, it } from '@jest/globals';
import { attributeNoEffectRule } from '../../src/validate/rules/attribute-no-effect.js';
import { unknownAttributeRule } from '../../src/validate/rules/unknown-attribute.js';
import { applyRule, pipeline, singleDiagnostic, validate } from './support.js';

const WIRED = '  start -> work -> done';

describe('attributes inside a subgraph', () => {
  const source = pipeline(
    '  subgraph cluster_a { lable="X"; goal="inner"; a [prompt=x] }',
    '  start -> a -> work -> done'
  );

  it('reports an unknown one with did-you-mean', () => {
    const d = singleDiagnostic(applyRule(unknownAttributeRule, source));
    expect(d).toMatchObject({
      rule: 'unknown_attribute',
      severity: 'warning',
      line: 5,
      column: 24
    });
    expect(d.message).toContain("unknown graph attribute 'lable' on subgraph 'cluster_a'");
    expect(d.message).toContain("did you mean 'label'?");
  });

  it('warns that a graph-only attribute has no effect there', () => {
    const d = singleDiagnostic(applyRule(attributeNoEffectRule, source));
    expect(d).toMatchObject({
      rule: 'attribute_no_effect',
      severity: 'warning',
      line: 5,
      column: 35
    });
    expect(d.message).toContain(
      "graph attribute 'goal' set inside subgraph 'cluster_a' has no effect"
    );
    expect(d.fix).toContain('top level');
  });

  it.each([
    ['label (derives a class)', '  subgraph cluster_b { label="Loop"; b [prompt=x] }'],
    [
      'Graphviz rendering attributes',
      '  subgraph cluster_b { color=blue; style=filled; b [prompt=x] }'
    ],
    ['node defaults', '  subgraph cluster_b { node [timeout="30s"]; b [prompt=x] }']
  ])('accepts %s', (_what, statement) => {
    const src = pipeline(statement, '  start -> b -> work -> done');
    expect(applyRule(attributeNoEffectRule, src)).toEqual([]);
    expect(applyRule(unknownAttributeRule, src)).toEqual([]);
  });

  it('suggests node [...] for an attribute that nodes also take', () => {
    const src = pipeline(
      '  subgraph s { retry_target=work; b [prompt=x] }',
      '  start -> b -> work -> done'
    );
    expect(singleDiagnostic(applyRule(attributeNoEffectRule, src)).fix).toContain(
      'node [retry_target=…]'
    );
  });

  it('checks anonymous subgraphs too', () => {
    const src = pipeline('  { gaol="x"; b [prompt=x] }', '  start -> b -> work -> done');
    expect(singleDiagnostic(applyRule(unknownAttributeRule, src)).message).toContain(
      'on an anonymous subgraph'
    );
  });
});

describe('graph-level max_parallel', () => {
  it('warns when the edge scheduler ignores it', () => {
    const d = singleDiagnostic(
      applyRule(attributeNoEffectRule, pipeline('  max_parallel=2', WIRED))
    );
    expect(d.message).toContain('no effect without schedule="dependencies"');
  });

  it.each([['max_parallel=2'], ['max_concurrency=2']])(
    'is silent for %s with schedule=dependencies',
    (assignment) => {
      const src = pipeline(`  schedule="dependencies"; ${assignment}`, WIRED);
      expect(validate(src).filter((d) => d.severity !== 'info')).toEqual([]);
    }
  );

  it('is a node attribute of parallel nodes everywhere', () => {
    expect(applyRule(attributeNoEffectRule, pipeline('  work [max_parallel=2]', WIRED))).toEqual(
      []
    );
  });
});

describe('Go Tracker parallel attributes tracker does not implement', () => {
  it.each([
    ['fan_in_policy', 'fan_in_policy=all', 'join_policy'],
    ['quorum', 'quorum=2', 'join_k'],
    ['parallel_targets', 'parallel_targets="a,b"', 'outgoing edges']
  ])('%s gets a warning naming the alternative', (key, attr, advice) => {
    const d = singleDiagnostic(
      applyRule(attributeNoEffectRule, pipeline(`  work [${attr}]`, WIRED))
    );
    expect(d).toMatchObject({ rule: 'attribute_no_effect', nodeId: 'work', line: 5 });
    expect(d.message).toContain(`${key}=`);
    expect(d.message).toContain('does not implement');
    expect(d.fix).toContain(advice);
  });

  it('reports a value from a node default block once', () => {
    const ds = applyRule(
      attributeNoEffectRule,
      pipeline('  node [fan_in_policy=any]', '  a [prompt=x]', '  b [prompt=y]', WIRED)
    );
    expect(ds).toHaveLength(1);
  });
});

describe('attributes of an edge statement that expands to several edges', () => {
  it.each([
    ['a chain', '  a -> b -> c -> d [lable="x"]', 'unknown_attribute'],
    ['a subgraph operand', '  a -> { b c d } [lable="x"]', 'unknown_attribute'],
    ['a chain with a bad value', '  a -> b -> c -> d [weight=heavy]', 'attribute_type'],
    [
      'a chain with a bad condition',
      '  a -> b -> c -> d [condition="outcome="]',
      'condition_syntax'
    ]
  ])('are reported once for %s', (_what, edges, rule) => {
    const src = pipeline('  node [prompt=x]', edges, WIRED);
    const ds = validate(src, rule);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ line: 6 });
  });
});
