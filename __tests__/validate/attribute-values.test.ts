import { describe, expect, it } from '@jest/globals';
import { attributeTypeRule } from '../../src/validate/rules/attribute-type.js';
import { unknownAttributeRule } from '../../src/validate/rules/unknown-attribute.js';
import { applyRule, pipeline, singleDiagnostic } from './support.js';

const WIRED = '  start -> work -> done';

describe('unknown_attribute', () => {
  it('passes for spec, dialect, alias and Graphviz attributes', () => {
    const source = pipeline(
      '  graph [goal="g", rankdir=LR, default_max_retry=1, model_stylesheet="* { llm_model: m; }"]',
      '  work [tool_command="make", llm_model="m", color=red, goal_gate=true, retry_target=work]',
      '  start -> work [label="go", weight=2, condition="outcome=success", style=dashed]',
      '  work -> done'
    );
    expect(applyRule(unknownAttributeRule, source)).toEqual([]);
  });

  it('warns at a misspelt node attribute with a suggestion', () => {
    const d = singleDiagnostic(
      applyRule(unknownAttributeRule, pipeline('  work [promt="x"]', WIRED))
    );
    expect(d).toMatchObject({
      rule: 'unknown_attribute',
      severity: 'warning',
      nodeId: 'work',
      line: 5,
      column: 9
    });
    expect(d.message).toContain(
      "unknown node attribute 'promt' on node 'work' (tracker ignores it); did you mean 'prompt'?"
    );
    expect(d.fix).toBe('Write prompt=… instead of promt=….');
  });

  it('says when an attribute belongs on another kind of element', () => {
    const [d] = applyRule(
      unknownAttributeRule,
      pipeline('  work [condition="outcome=success"]', WIRED)
    );
    expect(d?.message).toContain("'condition' is an edge attribute, not a node attribute");
    const [e] = applyRule(
      unknownAttributeRule,
      pipeline('  start -> work [prompt="x"]', '  work -> done')
    );
    expect(e).toMatchObject({ edge: { from: 'start', to: 'work' }, line: 5, column: 18 });
    expect(e?.message).toContain("'prompt' is a node attribute, not an edge attribute");
  });

  it('warns for an unknown graph attribute at its place', () => {
    const [d] = applyRule(unknownAttributeRule, pipeline('  graph [gaol="ship it"]', WIRED));
    expect(d).toMatchObject({ line: 5, column: 10 });
    expect(d?.message).toContain(
      "unknown graph attribute 'gaol' on the graph (tracker ignores it); did you mean 'goal'?"
    );
  });

  it('accepts graph attributes used as $variables or listed in vars', () => {
    const source = pipeline(
      '  graph [target_name="widget", source_ref="main", region="eu"]',
      '  graph [vars="region=us"]',
      '  work [prompt="Port ${graph.source_ref} to $target_name"]',
      WIRED
    );
    expect(applyRule(unknownAttributeRule, source)).toEqual([]);
  });

  it('reports an unknown key from a default block once, at the block', () => {
    const ds = applyRule(unknownAttributeRule, pipeline('  node [promt="x"]', '  a', '  b', WIRED));
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ line: 5, column: 9 });
  });
});

describe('attribute_type', () => {
  it('passes for well-typed values', () => {
    const source = pipeline(
      '  graph [default_max_retries=2, default_fidelity=compact]',
      '  work [max_retries=3, goal_gate=true, timeout="15m", reasoning_effort=low, join_quorum=0.5]',
      '  start -> work [weight=-1, loop_restart=false]',
      '  work -> done'
    );
    expect(applyRule(attributeTypeRule, source)).toEqual([]);
  });

  it.each([
    [
      'a non-integer',
      '  work [max_retries=three]',
      'max_retries="three" on node \'work\' is not an integer'
    ],
    ['a negative retry count', '  work [max_retries=-1]', 'is negative'],
    ['a non-boolean', '  work [goal_gate=yes]', 'is not a boolean'],
    ['a non-duration', '  work [timeout=soon]', 'is not a duration'],
    ['a non-number', '  work [join_quorum=half]', 'is not a number'],
    [
      'a value outside an enum',
      '  work [reasoning_effort=maximum]',
      'is not one of none, minimal, low, medium, high, xhigh'
    ]
  ])('is an error for %s, at the attribute', (_name, stmt, words) => {
    const d = singleDiagnostic(applyRule(attributeTypeRule, pipeline(stmt, WIRED)));
    expect(d).toMatchObject({
      rule: 'attribute_type',
      severity: 'error',
      nodeId: 'work',
      line: 5,
      column: 9
    });
    expect(d.message).toContain(words);
  });

  it('suggests the enum value that was meant', () => {
    const [d] = applyRule(
      attributeTypeRule,
      pipeline('  work [shape=component, join_policy="wait-all"]', WIRED)
    );
    expect(d?.message).toContain("did you mean 'wait_all'?");
    expect(d?.fix).toBe('Write join_policy="wait_all".');
  });

  it.each([
    ['30 days on a gate', '  work [shape=hexagon, timeout="30d"]', 'is 30d, longer than'],
    ['25 days', '  work [timeout="25d"]', '24d20h31m23s647ms, 2^31-1 ms'],
    ['a unitless 3 million seconds', '  work [timeout=3000000]', 'is 34d17h20m, longer than']
  ])('is an error for a duration beyond the timer limit: %s', (_what, stmt, words) => {
    const d = singleDiagnostic(applyRule(attributeTypeRule, pipeline(stmt, WIRED)));
    expect(d).toMatchObject({ rule: 'attribute_type', severity: 'error', line: 5 });
    expect(d.message).toContain(words);
    expect(d.fix).toContain('="24d"');
  });

  it.each([['24d'], ['24d20h31m23s'], ['2147483647ms']])(
    'accepts %s, within the timer limit',
    (value) => {
      expect(applyRule(attributeTypeRule, pipeline(`  work [timeout="${value}"]`, WIRED))).toEqual(
        []
      );
    }
  );

  it('warns for a unitless duration and says how it is read', () => {
    const [d] = applyRule(attributeTypeRule, pipeline('  work [timeout=600]', WIRED));
    expect(d).toMatchObject({ severity: 'warning', line: 5, column: 9 });
    expect(d?.message).toContain('has no unit, so it is read as 600s');
    expect(d?.fix).toContain('timeout="600s"');
  });

  it('warns for a shape without a handler unless a type chooses it', () => {
    const [d] = applyRule(attributeTypeRule, pipeline('  work [shape=ellipse]', WIRED));
    expect(d?.severity).toBe('warning');
    expect(d?.message).toContain('is not a pipeline shape');
    expect(d?.message).toContain('LLM stage');
    expect(
      applyRule(attributeTypeRule, pipeline('  work [shape=ellipse, type=tool]', WIRED))
    ).toEqual([]);
  });

  it('warns for a node reference that names no node', () => {
    const [d] = applyRule(
      attributeTypeRule,
      pipeline('  work [shape=component, parallel_join=jion]', WIRED)
    );
    expect(d).toMatchObject({ severity: 'warning', line: 5, column: 26 });
    expect(d?.message).toContain('names no node');
  });

  it('checks graph and edge values, and reports default blocks once', () => {
    const graphD = applyRule(attributeTypeRule, pipeline('  graph [default_max_retry=-2]', WIRED));
    expect(graphD[0]?.message).toContain('default_max_retry="-2" on the graph is negative');
    const edgeD = applyRule(
      attributeTypeRule,
      pipeline('  start -> work [weight=high]', '  work -> done')
    );
    expect(edgeD[0]).toMatchObject({ edge: { from: 'start', to: 'work' }, severity: 'error' });
    const defaults = applyRule(
      attributeTypeRule,
      pipeline('  node [max_retries=x]', '  a', '  b', WIRED)
    );
    expect(defaults).toHaveLength(1);
  });
});
