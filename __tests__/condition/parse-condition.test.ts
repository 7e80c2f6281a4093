import { describe, expect, it } from '@jest/globals';
import type { ConditionExpr } from '../../src/condition/condition-ast.js';
import { conditionKeys } from '../../src/condition/condition-ast.js';
import type { ConditionError } from '../../src/condition/parse-condition.js';
import { MAX_CONDITION_LENGTH, parseCondition } from '../../src/condition/parse-condition.js';

/** A compact, readable rendering of the tree: `(and (= outcome:outcome success) (truthy context:x))`. */
function sexpr(e: ConditionExpr): string {
  switch (e.type) {
    case 'or':
    case 'and':
      return `(${e.type}${e.items.map((i) => ` ${sexpr(i)}`).join('')})`;
    case 'not':
      return `(not ${sexpr(e.item)})`;
    case 'truthy':
      return `(truthy ${e.key.scope}:${e.key.path})`;
    case 'compare':
      return `(${e.op} ${e.key.scope}:${e.key.path} ${JSON.stringify(e.literal)})`;
    case 'in':
      return `(in ${e.key.scope}:${e.key.path} ${e.values.map((v) => JSON.stringify(v.value)).join(' ')})`;
    case 'matches':
      return `(matches ${e.key.scope}:${e.key.path} /${e.pattern}/)`;
  }
}

function parsed(text: string): { tree: string; extensions: readonly string[]; warnings: number } {
  const r = parseCondition(text);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to parse: ${r.errors[0]?.message}`);
  return { tree: sexpr(r.expr), extensions: r.extensions, warnings: r.warnings.length };
}

function expectParse(text: string, tree: string, extensions: readonly string[]): void {
  const r = parsed(text);
  expect(r.tree).toBe(tree);
  expect(r.extensions).toEqual(extensions);
}

/** `problems` is one problem, at `offset` for `length` characters, whose message (and hint) say the given words. */
function expectSingleProblem(
  problems: readonly ConditionError[],
  offset: number,
  length: number,
  message: string,
  hint?: string
): void {
  expect(problems).toHaveLength(1);
  const [problem] = problems;
  expect(problem?.message).toContain(message);
  expect({ offset: problem?.offset, length: problem?.length }).toEqual({ offset, length });
  if (hint !== undefined) expect(problem?.hint).toContain(hint);
}

describe('parseCondition: spec grammar (§10.2)', () => {
  it.each([
    ['outcome=success', '(= outcome:outcome "success")'],
    ['outcome!=success', '(!= outcome:outcome "success")'],
    ['  outcome = fail  ', '(= outcome:outcome "fail")'],
    ['preferred_label=Fix', '(= preferred_label:preferred_label "Fix")'],
    ['context.tests_passed=true', '(= context:tests_passed "true")'],
    ['context.internal.loop_restart_count!=0', '(!= context:internal.loop_restart_count "0")'],
    ['context.a.b.c=x', '(= context:a.b.c "x")'],
    ['context.x=-12', '(= context:x "-12")'],
    ['context.v=v1.2.3-rc:4', '(= context:v "v1.2.3-rc:4")'],
    ['context.url=https://example.com/a', '(= context:url "https://example.com/a")'],
    ['context.x="a && b || c = d"', '(= context:x "a && b || c = d")'],
    ['context.x="say \\"hi\\""', '(= context:x "say \\"hi\\"")'],
    ['context.x="a\\\\b\\n\\t"', '(= context:x "a\\\\b\\n\\t")'],
    ['context.x="\\d"', '(= context:x "\\\\d")'],
    ['context.x=""', '(= context:x "")'],
    [
      'outcome=success && context.tests_passed=true',
      '(and (= outcome:outcome "success") (= context:tests_passed "true"))'
    ],
    ['outcome=success&&context.x=1', '(and (= outcome:outcome "success") (= context:x "1"))'],
    [
      'outcome=success && context.tool.output',
      '(and (= outcome:outcome "success") (truthy context:tool.output))'
    ],
    ['last_stage=seed', '(= bare:last_stage "seed")'],
    ['last_stage!=seed', '(!= bare:last_stage "seed")'],
    ['context.flag', '(truthy context:flag)'],
    ['', '(and)'],
    ['   ', '(and)'],
    ['context.not', '(truthy context:not)'],
    ['nothing=1', '(= bare:nothing "1")'],
    ['a-b=1', '(= bare:a-b "1")']
  ])('%j parses to %s with no extensions', (text, tree) => {
    expectParse(text, tree, []);
  });
});

describe('parseCondition: Tracker extensions', () => {
  it.each([
    ['outcome==success', '(= outcome:outcome "success")', ['==']],
    [
      'outcome=success || outcome=partial_success',
      '(or (= outcome:outcome "success") (= outcome:outcome "partial_success"))',
      ['||']
    ],
    ['a=1 || b=2 && c=3', '(or (= bare:a "1") (and (= bare:b "2") (= bare:c "3")))', ['||']],
    ['a=1 && b=2 || c=3', '(or (and (= bare:a "1") (= bare:b "2")) (= bare:c "3"))', ['||']],
    ['not outcome=fail', '(not (= outcome:outcome "fail"))', ['not']],
    ['!context.done', '(not (truthy context:done))', ['!']],
    ['! context.done && x=1', '(and (not (truthy context:done)) (= bare:x "1"))', ['!']],
    ['not not x', '(not (not (truthy bare:x)))', ['not']],
    ['!tool.output contains "id"', '(not (contains bare:tool.output "id"))', ['!', 'contains']],
    ['context.out contains error', '(contains context:out "error")', ['contains']],
    ['context.out contains"a b"', '(contains context:out "a b")', ['contains']],
    ['context.out startswith v1', '(startswith context:out "v1")', ['startswith']],
    ['context.out endswith .md', '(endswith context:out ".md")', ['endswith']],
    ['context.out not contains error', '(not (contains context:out "error"))', ['not contains']],
    ['context.out not startswith x', '(not (startswith context:out "x"))', ['not startswith']],
    ['context.out not endswith x', '(not (endswith context:out "x"))', ['not endswith']],
    [
      'outcome in success,partial_success',
      '(in outcome:outcome "success" "partial_success")',
      ['in']
    ],
    ['context.x in a, b ,"c d"', '(in context:x "a" "b" "c d")', ['in']],
    ['context.x not in a,b', '(not (in context:x "a" "b"))', ['not in']],
    ['context.v matches ^v[0-9]+$', '(matches context:v /^v[0-9]+$/)', ['matches']],
    ['context.v matches "^(a|b) c$"', '(matches context:v /^(a|b) c$/)', ['matches']],
    ['context.v matches a|b && x', '(and (matches context:v /a|b/) (truthy bare:x))', ['matches']],
    ['context.v not matches ^x', '(not (matches context:v /^x/))', ['not matches']],
    ['context.n<3', '(< context:n "3")', ['<']],
    ['context.n <= -1.5', '(<= context:n "-1.5")', ['<=']],
    ['context.n>1e3', '(> context:n "1e3")', ['>']],
    ['context.n >= "7"', '(>= context:n "7")', ['>=']],
    ['ctx.tool_stdout=ok', '(= context:tool_stdout "ok")', ['ctx.']],
    ['ctx.internal.x=1', '(= context:internal.x "1")', ['ctx.']],
    [
      'internal.retry_count.build>2',
      '(> internal:internal.retry_count.build "2")',
      ['internal.', '>']
    ],
    [
      'a==1 || !b && c contains x',
      '(or (= bare:a "1") (and (not (truthy bare:b)) (contains bare:c "x")))',
      ['==', '||', '!', 'contains']
    ]
  ])('%j parses to %s using %j', expectParse);

  it('records spans of keys, operators and literals', () => {
    const r = parseCondition('  ctx.a != "x y" && b');
    if (!r.ok) throw new Error('expected ok');
    expect(r.expr.type).toBe('and');
    const [first, second] = r.expr.type === 'and' ? r.expr.items : [];
    expect(first).toMatchObject({
      type: 'compare',
      key: { text: 'ctx.a', path: 'a', scope: 'context', span: { start: 2, end: 7 } },
      opText: '!=',
      opSpan: { start: 8, end: 10 },
      literal: 'x y',
      quoted: true,
      literalSpan: { start: 11, end: 16 },
      span: { start: 2, end: 16 }
    });
    expect(second).toMatchObject({
      type: 'truthy',
      key: { text: 'b', span: { start: 20, end: 21 } }
    });
    expect(conditionKeys(r.expr).map((k) => k.text)).toEqual(['ctx.a', 'b']);
  });
});

describe('parseCondition: warnings', () => {
  it.each([
    ['outcom=success', 0, 6, "unknown key 'outcom' at column 1; did you mean 'outcome'?"],
    ['Outcome=success', 0, 7, "did you mean 'outcome'?"],
    ['x=1 && outcme contains s', 7, 6, "did you mean 'outcome'?"],
    ['prefered_label=Fix', 0, 14, "did you mean 'preferred_label'?"],
    ['outcome=succes', 8, 6, 'outcome is never "succes" (column 9); did you mean \'success\'?'],
    ['outcome=disagree', 8, 8, 'outcome is never "disagree"'],
    ['outcome in success,passed', 19, 6, 'outcome is never "passed"']
  ])('%j warns at %i+%i: %s', (text, offset, length, message) => {
    const r = parseCondition(text);
    expect(r.ok).toBe(true);
    if (r.ok) expectSingleProblem(r.warnings, offset, length, message);
  });

  it.each([
    'last_stage=seed',
    'outcome=SUCCESS',
    'outcome=partial_success',
    'outcom',
    'context.outcom=x',
    'out=1',
    'income=1'
  ])('%j has no warning', (text) => {
    expect(parsed(text).warnings).toBe(0);
  });
});

describe('parseCondition: errors', () => {
  it.each([
    ['outcome => success', 8, 2, "unknown operator '=>' at column 9; use '=' or '!='", "'>='"],
    ['outcome=<3', 7, 2, "unknown operator '=<'", "'<='"],
    ['outcome===success', 7, 3, "unknown operator '==='", undefined],
    ['outcome<>success', 7, 2, "unknown operator '<>'", "'!='"],
    ['x =~ abc', 2, 2, "unknown operator '=~'", 'matches'],
    ['outcome !success', 8, 1, "unknown operator '!'", undefined],
    ['outcome!=', 7, 2, "missing value after '!=' at column 8", 'outcome!=""'],
    ['outcome=', 7, 1, "missing value after '='", undefined],
    ['outcome= && x', 7, 1, "missing value after '='", undefined],
    ['x contains', 2, 8, "missing value after 'contains'", undefined],
    ['x in', 2, 2, "missing value after 'in'", 'x in success,partial_success'],
    ['x in a,', 6, 1, "missing value after ','", undefined],
    ['x matches', 2, 7, "missing value after 'matches'", undefined],
    ['a=1 && && b=2', 4, 5, "empty clause between '&&' and '&&' at column 8", undefined],
    ['a=1 && || b=2', 4, 5, "empty clause between '&&' and '||'", undefined],
    ['&& a=1', 0, 2, "missing clause before '&&' at column 1", undefined],
    ['|| a=1', 0, 2, "missing clause before '||'", undefined],
    ['a=1 &&', 4, 2, "missing clause after '&&' at column 5", undefined],
    ['a=1 ||   ', 4, 2, "missing clause after '||'", undefined],
    ['not ', 0, 3, "missing clause after 'not'", undefined],
    ['not', 0, 3, "missing clause after 'not' at column 1", 'context.not'],
    ['not&&x=1', 0, 3, "missing clause after 'not'", undefined],
    ['x=1 && not', 7, 3, "missing clause after 'not' at column 8", undefined],
    [
      'contains',
      0,
      8,
      "'contains' at column 1 is an operator, but it has no key",
      'context.contains'
    ],
    ['a=1 || in', 7, 2, "'in' at column 8 is an operator", 'context.output in a,b'],
    ['! && x', 0, 1, "missing clause after '!'", undefined],
    ['x="abc', 2, 4, 'unterminated string starting at column 3', undefined],
    ['x="abc\\"', 2, 6, 'unterminated string', undefined],
    ["x='abc'", 2, 1, 'single quotes do not delimit values', 'x="value"'],
    [
      'outcome=success extra',
      16,
      5,
      'unexpected \'extra\' after the value "success" at column 17',
      '"success extra"'
    ],
    ['x="a" b', 6, 1, "unexpected 'b' after the value", undefined],
    ['x in a b', 7, 1, "unexpected 'b'", 'commas'],
    ['x=a,b', 3, 1, "unexpected ',' in value 'a,b'", 'x in a,b'],
    ['x=a(b)', 3, 1, "unexpected '(' in value 'a(b)'", 'x="a(b)"'],
    ['x contains a$', 12, 1, "unexpected '$'", 'x contains "a$"'],
    ['x = = y', 4, 1, "unexpected '=' at column 5; expected a value after '='", undefined],
    ['x=1 & y=2', 4, 1, "'&' at column 5 should be '&&'", undefined],
    ['x=1 | y=2', 4, 1, "'|' at column 5 should be '||'", undefined],
    ['x & y', 2, 1, "'&' at column 3 should be '&&'", undefined],
    ['x=1 and y=2', 4, 3, "use '&&' instead of 'and'", undefined],
    ['x=1 OR y=2', 4, 2, "use '||' instead of 'OR'", undefined],
    ['x and y', 2, 3, "use '&&' instead of 'and'", undefined],
    ['NOT x=1', 0, 3, "'NOT' at column 1 must be written in lowercase", undefined],
    [
      'x containz y',
      2,
      8,
      "unknown operator 'containz' at column 3; did you mean 'contains'?",
      undefined
    ],
    ['x CONTAINS y', 2, 8, "did you mean 'contains'?", undefined],
    [
      'x not equals y',
      6,
      6,
      "expected contains, startswith, endswith, in or matches after 'not'",
      undefined
    ],
    [
      'x containsy',
      2,
      9,
      "unknown operator 'containsy' at column 3; did you mean 'contains'?",
      undefined
    ],
    [
      'tests passed=1',
      6,
      6,
      "unexpected 'passed' after 'tests' at column 7",
      'Keys cannot contain spaces'
    ],
    ['outcome:success', 7, 1, "unexpected ':' after 'outcome' at column 8", 'outcome=success'],
    ['outcome "success"', 8, 1, "missing operator between 'outcome' and the value", undefined],
    ['=success', 0, 1, "missing key before '=' at column 1", undefined],
    ['!=success', 0, 2, "missing key before '!='", undefined],
    ['"outcome"=success', 0, 1, 'a clause must start with a key, not a quoted string', undefined],
    ['3=x', 0, 1, "unexpected '3' at column 1", undefined],
    ['context.', 7, 1, "missing path after 'context.' at column 9", 'context.tests_passed'],
    ['ctx.=1', 3, 1, "missing path after 'ctx.'", undefined],
    ['context=1', 0, 7, "'context' at column 1 needs a key after it", undefined],
    ['internal', 0, 8, "'internal' at column 1 needs a key after it", undefined],
    ['context..a=1', 8, 1, "empty segment in key 'context..a' at column 9", undefined],
    ['context.a.=1', 9, 1, "key 'context.a.' ends with '.'", undefined],
    [
      'context.n<abc',
      10,
      3,
      '\'<\' compares numbers, but "abc" at column 11 is not a number',
      undefined
    ],
    ['context.n >= ""', 13, 2, "'>=' compares numbers", undefined],
    ['x matches "("', 10, 3, 'invalid regular expression "(" at column 11', undefined],
    ['x matches [a-', 10, 3, 'invalid regular expression', undefined]
  ])('%j fails at %i+%i: %s', (text, offset, length, message, hint) => {
    const r = parseCondition(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expectSingleProblem(r.errors, offset, length, message, hint);
  });

  it('rejects conditions over the length limit without scanning them', () => {
    const r = parseCondition(`x=${'a'.repeat(MAX_CONDITION_LENGTH)}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toContain(`the limit is ${MAX_CONDITION_LENGTH}`);
  });

  it('handles a long chain of negations without deep recursion problems', () => {
    const r = parseCondition(`${'!'.repeat(5000)}x`);
    expect(r.ok).toBe(true);
  });
  // How fast 20k conditions parse is measured by `npm run bench` (bench/languages.ts), not here.
});
