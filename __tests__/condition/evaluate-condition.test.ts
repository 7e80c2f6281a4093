import { describe, expect, it } from '@jest/globals';
import type { ConditionScope } from '../../src/condition/evaluate-condition.js';
import {
  conditionValueToString,
  evaluateCondition,
  isTruthyConditionValue,
  resolveConditionKey
} from '../../src/condition/evaluate-condition.js';
import { parseCondition } from '../../src/condition/parse-condition.js';

function scopeOf(
  outcome: string,
  context: Record<string, unknown> = {},
  preferredLabel = ''
): ConditionScope {
  const values = new Map(Object.entries(context));
  return { outcome, preferredLabel, lookup: (key) => values.get(key) };
}

function holds(text: string, scope: ConditionScope): boolean {
  const r = parseCondition(text);
  if (!r.ok) throw new Error(`${text}: ${r.errors[0]?.message}`);
  return evaluateCondition(r.expr, scope);
}

const ctx = {
  'context.tests_passed': true,
  tool_stdout: 'budget_ok',
  last_stage: 'seed',
  count: 3,
  ratio: '0.75',
  zero: 0,
  no: 'false',
  blank: '  ',
  nil: null,
  list: ['a', 'b'],
  obj: { a: 1 },
  'internal.retry_count.build': 2,
  'internal.loop_restart_count': 0,
  'tool.output': '{"id": 7, "msg": "all good"}',
  version: 'v1.2.3',
  both: 'from-bare',
  'context.both': 'from-qualified',
  'context.shadow': null,
  shadow: 'fallback'
};

describe('evaluateCondition', () => {
  it.each([
    // spec §10 basics
    ['', 'success', true],
    ['outcome=success', 'success', true],
    ['outcome=success', 'fail', false],
    ['outcome!=success', 'fail', true],
    ['outcome!=success', 'success', false],
    ['outcome=partial_success', 'partial_success', true],
    ['outcome=skipped', 'skipped', true],
    ['outcome="success"', 'success', true],
    ['outcome=SUCCESS', 'success', true],
    ['outcome==Fail', 'fail', true],
    ['outcome in SUCCESS,partial_success', 'partial_success', true],
    ['outcome contains SUCC', 'success', true],
    ['preferred_label=Fix', 'success', true],
    ['preferred_label=fix', 'success', false],
    ['preferred_label!=Approve', 'success', true],
    ['preferred_label=""', 'fail', false],
    // context resolution (§10.4)
    ['context.tests_passed=true', 'success', true],
    ['ctx.tests_passed=true', 'success', true],
    ['context.tool_stdout=budget_ok', 'success', true],
    ['context.tool_stdout!=budget_ok', 'success', false],
    ['context.both=from-qualified', 'success', true],
    ['context.shadow=fallback', 'success', true],
    ['last_stage=seed', 'success', true],
    ['last_stage!=seed', 'success', false],
    ['context.last_stage=seed', 'success', true],
    ['context.missing=x', 'success', false],
    ['context.missing!=x', 'success', true],
    ['context.missing=""', 'success', true],
    ['missing=""', 'success', true],
    ['context.nil=""', 'success', true],
    ['context.count=3', 'success', true],
    ['context.count="3"', 'success', true],
    ['context.count=03', 'success', false],
    ['context.list="[\\"a\\",\\"b\\"]"', 'success', true],
    ['context.obj contains "\\"a\\":1"', 'success', true],
    ['context.internal.retry_count.build=2', 'success', true],
    ['internal.retry_count.build=2', 'success', true],
    ['ctx.internal.loop_restart_count=0', 'success', true],
    ['context.internal.loop_restart_count!=0', 'success', false],
    // conjunction, disjunction, precedence
    ['outcome=success && context.tests_passed=true', 'success', true],
    ['outcome=success && context.tests_passed=false', 'success', false],
    ['outcome=fail && context.tests_passed=true', 'success', false],
    ['outcome=fail || context.tests_passed=true', 'success', true],
    ['outcome=fail || outcome=retry', 'success', false],
    ['outcome=success || outcome=fail && context.missing=x', 'success', true],
    ['outcome=fail || outcome=success && context.missing=x', 'success', false],
    ['outcome=fail && context.missing=x || outcome=success', 'success', true],
    // negation
    ['not outcome=fail', 'success', true],
    ['!outcome=success', 'success', false],
    ['not not outcome=success', 'success', true],
    ['!context.missing', 'success', true],
    ['not outcome=fail && not outcome=retry', 'success', true],
    // truthiness (§10.5)
    ['context.tests_passed', 'success', true],
    ['context.tool_stdout', 'success', true],
    ['context.missing', 'success', false],
    ['context.zero', 'success', false],
    ['context.no', 'success', false],
    ['context.blank', 'success', false],
    ['context.nil', 'success', false],
    ['context.count', 'success', true],
    ['outcome=success && context.tool.output', 'success', true],
    // string operators
    ['tool.output contains "id"', 'success', true],
    ['!tool.output contains "id"', 'success', false],
    ['tool.output contains "all good"', 'success', true],
    ['tool.output not contains error', 'success', true],
    ['context.missing contains ""', 'success', true],
    ['context.version startswith v1.', 'success', true],
    ['context.version startswith v2', 'success', false],
    ['context.version not startswith v2', 'success', true],
    ['context.version endswith .3', 'success', true],
    ['context.version not endswith .3', 'success', false],
    ['context.version contains V1', 'success', false],
    // in
    ['context.tool_stdout in budget_ok,budget_exhausted', 'success', true],
    ['context.tool_stdout in budget_exhausted, fresh', 'success', false],
    ['context.tool_stdout not in budget_exhausted,fresh', 'success', true],
    ['context.missing in a,""', 'success', true],
    ['context.count in 1,2,3', 'success', true],
    // matches
    ['context.version matches ^v[0-9]+\\.', 'success', true],
    ['context.version matches "^v2"', 'success', false],
    ['context.version matches 2\\.3$', 'success', true],
    ['context.version not matches ^x', 'success', true],
    ['outcome matches ^(success|partial_success)$', 'partial_success', true],
    // numbers
    ['context.count>2', 'success', true],
    ['context.count>3', 'success', false],
    ['context.count>=3', 'success', true],
    ['context.count<3', 'success', false],
    ['context.count<=3', 'success', true],
    ['context.count<10', 'success', true],
    ['context.ratio>0.5', 'success', true],
    ['context.ratio<=.75', 'success', true],
    ['context.count>-1', 'success', true],
    ['internal.retry_count.build>=2', 'success', true],
    ['context.version>1', 'success', false],
    ['context.version<1', 'success', false],
    ['context.missing<1', 'success', false],
    ['context.missing>=0', 'success', false],
    ['context.blank<1', 'success', false]
  ])('%j with outcome %s is %s', (text, outcome, expected) => {
    expect(holds(text, scopeOf(outcome, ctx, 'Fix'))).toBe(expected);
  });

  it('reads the preferred label and outcome from the scope, never from the context', () => {
    const scope = scopeOf('fail', { outcome: 'success', preferred_label: 'Yes' }, 'No');
    expect(holds('outcome=fail', scope)).toBe(true);
    expect(holds('preferred_label=No', scope)).toBe(true);
    expect(holds('context.outcome=success', scope)).toBe(true);
  });

  it('asks the scope only for the keys it needs, qualified key first', () => {
    const asked: string[] = [];
    const scope: ConditionScope = {
      outcome: 'success',
      preferredLabel: '',
      lookup: (key) => {
        asked.push(key);
        return key === 'x.y' ? 'v' : undefined;
      }
    };
    expect(holds('context.x.y=v && internal.a && b', scope)).toBe(false);
    expect(asked).toEqual(['context.x.y', 'x.y', 'internal.a']);
  });
});

describe('resolveConditionKey and value rendering', () => {
  it.each([
    [undefined, ''],
    [null, ''],
    ['text', 'text'],
    [42, '42'],
    [-0.5, '-0.5'],
    [true, 'true'],
    [false, 'false'],
    [10n, '10'],
    [['a', 1], '["a",1]'],
    [{ k: 'v' }, '{"k":"v"}']
  ])('%j reads as %j', (value, text) => {
    expect(conditionValueToString(value)).toBe(text);
  });

  it('renders a circular object without throwing', () => {
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    expect(conditionValueToString(loop)).toBe('[object Object]');
  });

  it.each([
    ['', false],
    ['   ', false],
    ['0', false],
    ['false', false],
    ['FALSE', false],
    ['no', true],
    ['00', true],
    ['true', true],
    ['x', true]
  ])('truthiness of %j is %s', (value, expected) => {
    expect(isTruthyConditionValue(value)).toBe(expected);
  });

  it('resolves each key scope', () => {
    const r = parseCondition('outcome && preferred_label && context.a && ctx.b && internal.c && d');
    if (!r.ok || r.expr.type !== 'and') throw new Error('expected an and');
    const scope = scopeOf('retry', { a: 'A', 'context.b': 'B', 'internal.c': 'C', d: 'D' }, 'L');
    const values = r.expr.items.map((item) =>
      item.type === 'truthy' ? resolveConditionKey(item.key, scope) : '?'
    );
    expect(values).toEqual(['retry', 'L', 'A', 'B', 'C', 'D']);
  });
});
