import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CompareOp, ConditionExpr, ConditionKey } from '../../src/condition/condition-ast.js';
import type { ConditionScope } from '../../src/condition/evaluate-condition.js';
import { evaluateCondition } from '../../src/condition/evaluate-condition.js';
import { parseCondition } from '../../src/condition/parse-condition.js';
import { printCondition, printConditionValue } from '../../src/condition/print-condition.js';
import { isTrackerError } from '../../src/common/errors.js';

const SPAN = { start: 0, end: 0 };

function parseOk(text: string): ConditionExpr {
  const r = parseCondition(text);
  if (!r.ok) throw new Error(`${JSON.stringify(text)} does not parse: ${r.errors[0]?.message}`);
  return r.expr;
}

/** The key a text stands for, classified by the parser itself. */
function keyOf(text: string): ConditionKey {
  const e = parseOk(text);
  if (e.type !== 'truthy') throw new Error(`${text} is not a key`);
  return e.key;
}

const NAMES = ['a', 'b', 'flag', 'tool.output', 'n', 'node.build.status'];
const KEY_TEXTS = [
  'outcome',
  'preferred_label',
  ...NAMES.flatMap((n) => [`context.${n}`, `ctx.${n}`, n]),
  'internal.retry',
  'context.internal.retry'
];
const TEXT_VALUES = [
  '',
  'x',
  'a b',
  'success',
  'SUCCESS',
  'fail',
  'partial_success',
  '1',
  '2.5',
  '-3',
  'true',
  'false',
  '0',
  'say "hi"',
  'back\\slash',
  'a&&b',
  'a||b',
  'comma,sep',
  'x=y',
  'ünï',
  'line\nbreak',
  "it's"
];
const NUMBERS = ['0', '1', '2.5', '-3', '10', '.5', '1e2'];
const PATTERNS = ['^a', 'b$', 'x|y', '\\d+', 'a b', '.*', '^(success|fail)$', '"q"'];
const STRING_OPS: CompareOp[] = ['=', '!=', 'contains', 'startswith', 'endswith'];
const NUMERIC_OPS: CompareOp[] = ['<', '<=', '>', '>='];

const keyArb = fc.constantFrom(...KEY_TEXTS).map(keyOf);

/** `key op literal` with one of `ops` and one of `literals`. */
function compareArb(
  ops: readonly CompareOp[],
  literals: readonly string[]
): fc.Arbitrary<ConditionExpr> {
  return fc
    .tuple(keyArb, fc.constantFrom(...ops), fc.constantFrom(...literals))
    .map(([key, op, literal]): ConditionExpr => ({
      type: 'compare',
      key,
      op,
      literal,
      quoted: false,
      opText: op,
      opSpan: SPAN,
      literalSpan: SPAN,
      span: SPAN
    }));
}

const clauseArb: fc.Arbitrary<ConditionExpr> = fc.oneof(
  keyArb.map((key): ConditionExpr => ({ type: 'truthy', key, span: SPAN })),
  compareArb(STRING_OPS, TEXT_VALUES),
  compareArb(NUMERIC_OPS, NUMBERS),
  fc
    .tuple(keyArb, fc.array(fc.constantFrom(...TEXT_VALUES), { minLength: 1, maxLength: 4 }))
    .map(([key, values]): ConditionExpr => ({
      type: 'in',
      key,
      values: values.map((value) => ({ value, quoted: false, span: SPAN })),
      span: SPAN
    })),
  fc.tuple(keyArb, fc.constantFrom(...PATTERNS)).map(([key, pattern]): ConditionExpr => ({
    type: 'matches',
    key,
    pattern,
    quoted: true,
    regex: new RegExp(pattern),
    patternSpan: SPAN,
    span: SPAN
  }))
);

const unaryArb: fc.Arbitrary<ConditionExpr> = fc
  .tuple(fc.nat({ max: 3 }), clauseArb)
  .map(([negations, clause]) => {
    let e = clause;
    for (let i = 0; i < negations; i++) e = { type: 'not', item: e, span: SPAN };
    return e;
  });

/** Only shapes text can express: `or` of `and`s of (negated) clauses. */
const exprArb: fc.Arbitrary<ConditionExpr> = fc
  .array(fc.array(unaryArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 })
  .map((ors) => {
    const ands = ors.map((items): ConditionExpr =>
      items.length === 1 && items[0] ? items[0] : { type: 'and', items, span: SPAN }
    );
    return ands.length === 1 && ands[0] ? ands[0] : { type: 'or', items: ands, span: SPAN };
  });

const contextValueArb = fc.oneof(
  fc.constantFrom(...TEXT_VALUES),
  fc.constantFrom(...NUMBERS),
  fc.integer({ min: -5, max: 20 }),
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined)
);

const scopeArb: fc.Arbitrary<ConditionScope> = fc
  .tuple(
    fc.constantFrom('success', 'partial_success', 'retry', 'fail', 'skipped'),
    fc.constantFrom(...TEXT_VALUES),
    fc.dictionary(
      fc.constantFrom(
        ...NAMES,
        ...NAMES.map((n) => `context.${n}`),
        'internal.retry',
        'context.internal.retry'
      ),
      contextValueArb
    )
  )
  .map(([outcome, preferredLabel, context]) => {
    const values = new Map(Object.entries(context));
    return { outcome, preferredLabel, lookup: (key: string) => values.get(key) };
  });

describe('printCondition', () => {
  it('parse(print(e)) evaluates like e on random scopes', () => {
    fc.assert(
      fc.property(exprArb, fc.array(scopeArb, { minLength: 1, maxLength: 5 }), (expr, scopes) => {
        const reparsed = parseOk(printCondition(expr));
        for (const scope of scopes) {
          expect(evaluateCondition(reparsed, scope)).toBe(evaluateCondition(expr, scope));
        }
      }),
      { numRuns: 500 }
    );
  });

  it('is a fixed point: print(parse(print(e))) === print(e)', () => {
    fc.assert(
      fc.property(exprArb, (expr) => {
        const text = printCondition(expr);
        expect(printCondition(parseOk(text))).toBe(text);
      }),
      { numRuns: 300 }
    );
  });

  it.each([
    ['outcome = success', 'outcome=success'],
    ['outcome==success', 'outcome=success'],
    ['ctx.x  contains  "a b"', 'ctx.x contains "a b"'],
    ['!a&&b||c', 'not a && b || c'],
    ['x not in a, "b c"', 'not x in a,"b c"'],
    ['x matches ^a', 'x matches "^a"'],
    ['x="say \\"hi\\""', 'x="say \\"hi\\""'],
    ['x=""', 'x=""'],
    ['', '']
  ])('prints %j as %j', (text, printed) => {
    expect(printCondition(parseOk(text))).toBe(printed);
  });

  it.each([
    ['plain', 'plain'],
    ['v1.2:3/x@y+z%~-', 'v1.2:3/x@y+z%~-'],
    ['', '""'],
    ['a b', '"a b"'],
    ['a,b', '"a,b"'],
    ['q"\\\n\t\r', '"q\\"\\\\\\n\\t\\r"']
  ])('prints value %j as %j', (value, printed) => {
    expect(printConditionValue(value)).toBe(printed);
  });

  it.each([
    ['not around &&', { type: 'not', item: parseOk('a && b'), span: SPAN }],
    ['|| inside &&', { type: 'and', items: [parseOk('a || b'), parseOk('c')], span: SPAN }]
  ] as [string, ConditionExpr][])('refuses trees text cannot express (%s)', (_name, expr) => {
    let thrown: unknown;
    try {
      printCondition(expr);
    } catch (e) {
      thrown = e;
    }
    expect(isTrackerError(thrown) && thrown.code === 'INTERNAL').toBe(true);
  });
});
