import { describe, expect, it } from '@jest/globals';
import { conditionExtensionRule } from '../../src/validate/rules/condition-extension.js';
import { conditionSyntaxRule } from '../../src/validate/rules/condition-syntax.js';
import { stylesheetSyntaxRule } from '../../src/validate/rules/stylesheet-syntax.js';
import { applyRule, lines, pipeline, singleDiagnostic } from './support.js';

describe('condition_syntax', () => {
  it.each([
    'outcome=success',
    'outcome!=fail && context.tests_passed=true',
    'preferred_label=Fix',
    'context.loop_state!=exhausted'
  ])('passes for %s', (condition) => {
    const source = pipeline(`  start -> work [condition="${condition}"]`, '  work -> done');
    expect(applyRule(conditionSyntaxRule, source)).toEqual([]);
  });

  it('points inside the quoted value, quotes the condition and gives the hint', () => {
    // 'condition' at column 18, its value (after =") at column 29; the error is at offset 16
    const source = pipeline(
      '  start -> work [condition="outcome=success and context.ready=true"]',
      '  work -> done'
    );
    const d = singleDiagnostic(applyRule(conditionSyntaxRule, source));
    expect(d).toMatchObject({
      rule: 'condition_syntax',
      severity: 'error',
      edge: { from: 'start', to: 'work' },
      line: 5,
      column: 45
    });
    expect(d.message).toContain(
      "invalid condition \"outcome=success and context.ready=true\" on edge 'start' -> 'work'"
    );
    expect(d.message).toContain("use '&&' instead of 'and'");
    expect(d.fix).toContain('&&');
  });

  it('points inside a bare (unquoted) value without a quote', () => {
    const [d] = applyRule(
      conditionSyntaxRule,
      pipeline('  start -> work [condition=ctx]', '  work -> done')
    );
    expect(d).toMatchObject({ severity: 'error', line: 5, column: 28 });
    expect(d?.message).toContain('needs a key after it');
  });

  it('warns for a condition that parses but looks wrong', () => {
    const [d] = applyRule(
      conditionSyntaxRule,
      pipeline('  start -> work [condition="outcome=sucess"]', '  work -> done')
    );
    expect(d).toMatchObject({ severity: 'warning', line: 5, column: 37 });
    expect(d?.message).toContain("did you mean 'success'?");
  });

  it('checks condition-typed node attributes too', () => {
    const [d] = applyRule(
      conditionSyntaxRule,
      pipeline(
        '  work [shape=house, manager.stop_condition="context.done=="]',
        '  start -> work -> done'
      )
    );
    expect(d).toMatchObject({ severity: 'error', nodeId: 'work' });
    expect(d?.message).toContain("on node 'work'");
  });

  it('reports a condition from an edge default block once', () => {
    const source = pipeline(
      '  edge [condition="outcome=success and x"]',
      '  start -> work',
      '  work -> done'
    );
    expect(applyRule(conditionSyntaxRule, source)).toHaveLength(1);
  });
});

describe('condition_extension', () => {
  it('is quiet for spec conditions', () => {
    const source = pipeline(
      '  start -> work [condition="outcome=success && context.x!=y"]',
      '  work -> done'
    );
    expect(applyRule(conditionExtensionRule, source)).toEqual([]);
  });

  it('notes tracker extensions, at the first one', () => {
    const source = pipeline(
      '  start -> work [condition="outcome=fail || outcome=retry"]',
      '  work -> done'
    );
    const d = singleDiagnostic(applyRule(conditionExtensionRule, source));
    expect(d).toMatchObject({
      rule: 'condition_extension',
      severity: 'info',
      edge: { from: 'start', to: 'work' },
      line: 5,
      column: 42
    });
    expect(d.message).toContain("uses tracker extensions beyond the Attractor spec: '||'");
  });

  it('stays out of the way of syntax errors', () => {
    const source = pipeline('  start -> work [condition="outcome=fail ||"]', '  work -> done');
    expect(applyRule(conditionExtensionRule, source)).toEqual([]);
  });
});

describe('stylesheet_syntax', () => {
  it('passes for a valid stylesheet and for none', () => {
    const source = pipeline(
      '  graph [model_stylesheet="* { llm_model: claude-sonnet-4-5; } .review { reasoning_effort: high; } box { llm_provider: x; }"]',
      '  work [class="review"]',
      '  start -> work -> done'
    );
    expect(applyRule(stylesheetSyntaxRule, source)).toEqual([]);
    expect(applyRule(stylesheetSyntaxRule, pipeline('  start -> work -> done'))).toEqual([]);
  });

  it('reports an error at its line and column inside a multi-line stylesheet', () => {
    const source = lines(
      'digraph p {',
      '  graph [model_stylesheet="',
      '    * { llm_model: m; }',
      '    .review { reasoning_effort high; }',
      '  "]',
      '  start [shape=Mdiamond]',
      '  done [shape=Msquare]',
      '  start -> done',
      '}'
    );
    const d = singleDiagnostic(applyRule(stylesheetSyntaxRule, source));
    expect(d).toMatchObject({ rule: 'stylesheet_syntax', severity: 'error', line: 4, column: 32 });
    expect(d.message).toContain("invalid model_stylesheet: expected ':' after 'reasoning_effort'");
    expect(d.message).toContain('not applied');
    expect(d.fix).toContain('reasoning_effort: value');
  });

  it('points at the column of a single-line stylesheet', () => {
    const [d] = applyRule(
      stylesheetSyntaxRule,
      pipeline('  graph [model_stylesheet="* { llm_model m; }"]', '  start -> work -> done')
    );
    // model_stylesheet at column 10, value at 28, error offset 14
    expect(d).toMatchObject({ severity: 'error', line: 5, column: 42 });
  });

  it('warns for selectors that match no node, with suggestions', () => {
    const source = pipeline(
      '  graph [model_stylesheet="#wrok { llm_model: a; } .reviw { llm_model: b; } .review { llm_model: c; }"]',
      '  work [class="review"]',
      '  start -> work -> done'
    );
    const ds = applyRule(stylesheetSyntaxRule, source);
    expect(ds.map((d) => [d.severity, d.column])).toEqual([
      ['warning', 28],
      ['warning', 52]
    ]);
    expect(ds[0]?.message).toContain("selector '#wrok' matches no node; did you mean '#work'?");
    expect(ds[1]?.message).toContain("no node has class 'reviw'; did you mean '.review'?");
  });
});
