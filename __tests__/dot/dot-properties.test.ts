/**
 * Property tests: (a) printDot/parseDot round-trips any AST the parser could produce; (b) mutated DOT never
 * crashes or hangs the parser, and every error points inside the text.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseDot } from '../../src/dot/parser.js';
import { printDot } from '../../src/dot/print-dot.js';
import { DotSyntaxError } from '../../src/dot/dot-syntax-error.js';
import { keywordOf } from '../../src/dot/lexer.js';
import type { DotGraph } from '../../src/dot/ast.js';
import { stripSpans } from './strip-spans.js';

// ---- (a) random AST → printDot → parseDot ----------------------------------------------------------

type Kind = 'bare' | 'quoted' | 'number' | 'html';
interface Id {
  value: string;
  kind: Kind;
}

const notKeyword = (text: string): boolean => keywordOf(text) === undefined;

const bareId = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/).filter(notKeyword),
  fc.constantFrom('été', '名前', 'x😀', 'Ωmega', 'node1', 'Graph_')
);

const anyText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom(
    'say "hi"',
    'a\\l',
    'back\\',
    'x\\ny',
    '\\\\',
    'two\nlines',
    'tab\t',
    'cr\r\nlf',
    '// not /* a */ # comment'
  )
);

const numeral = fc.stringMatching(/^-?(\.[0-9]{1,3}|[0-9]{1,4}(\.[0-9]{0,3})?)$/);

const htmlText = fc.oneof(
  fc.string({ maxLength: 10 }).map((s) => s.replace(/[<>]/g, '')),
  fc.string({ maxLength: 6 }).map((s) => `<b>${s.replace(/[<>]/g, '')}</b>`)
);

const id = (kinds: readonly Kind[]): fc.Arbitrary<Id> =>
  fc.oneof(
    ...kinds.map((kind) => {
      switch (kind) {
        case 'bare':
          return bareId.map((value) => ({ value, kind }));
        case 'quoted':
          return anyText.map((value) => ({ value, kind }));
        case 'number':
          return numeral.map((value) => ({ value, kind }));
        case 'html':
          return htmlText.map((value) => ({ value, kind }));
      }
    })
  );

const key = fc.oneof(
  id(['bare', 'quoted']),
  fc
    .constantFrom('tool_hooks.pre', 'human.default_choice', 'a.b.c')
    .map((value) => ({ value, kind: 'bare' as const }))
);
const value = id(['bare', 'quoted', 'number', 'html']);
const attrs = fc.array(fc.record({ key, value }), { maxLength: 3 });
const nodeRef = fc.record(
  {
    type: fc.constant('node_ref' as const),
    id: id(['bare', 'quoted', 'number']),
    port: fc.array(bareId, { minLength: 1, maxLength: 2 }).map((parts) => parts.join(':'))
  },
  { requiredKeys: ['type', 'id'] }
);

const { statement } = fc.letrec<{ statement: unknown; subgraph: unknown }>((tie) => ({
  statement: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('node'), ref: nodeRef, attrs }),
    fc.record({
      type: fc.constant('attr_stmt'),
      target: fc.constantFrom('graph', 'node', 'edge'),
      attrs
    }),
    fc.record({ type: fc.constant('assign'), attr: fc.record({ key, value }) }),
    fc
      .array(fc.oneof({ depthSize: 'small' }, nodeRef, tie('subgraph')), {
        minLength: 2,
        maxLength: 4
      })
      .chain((operands) =>
        fc.record({
          type: fc.constant('edge'),
          operands: fc.constant(operands),
          ops: fc.array(fc.constantFrom('->', '--'), {
            minLength: operands.length - 1,
            maxLength: operands.length - 1
          }),
          attrs
        })
      ),
    tie('subgraph')
  ),
  subgraph: fc.record(
    {
      type: fc.constant('subgraph'),
      id: id(['bare', 'quoted']),
      body: fc.array(tie('statement'), { maxLength: 3 })
    },
    { requiredKeys: ['type', 'body'] }
  )
}));

const graph = fc.record(
  {
    type: fc.constant('graph'),
    strict: fc.boolean(),
    directed: fc.boolean(),
    id: id(['bare', 'quoted', 'number']),
    body: fc.array(statement, { maxLength: 6 })
  },
  { requiredKeys: ['type', 'strict', 'directed', 'body'] }
);

describe('property: printDot then parseDot gives back the AST', () => {
  it('holds for random ASTs (ignoring spans)', () => {
    fc.assert(
      fc.property(graph, (ast) => {
        const text = printDot(ast as unknown as DotGraph);
        expect(stripSpans(parseDot(text))).toEqual(ast);
      }),
      { numRuns: 200 }
    );
  });
});

// ---- (b) mutations never crash, hang, or point outside the text ---------------------------------------

const SEEDS: readonly string[] = [
  `digraph Pipeline {
  graph [goal="Run tests", default_max_retries=1]
  node [shape=box, timeout="900s"]
  start [shape=Mdiamond]
  exit [shape=Msquare]
  plan [label="Plan", prompt="Plan the work for $goal", llm_model=claude-sonnet-4-5]
  start -> plan -> exit [label="next"]
  plan -> plan [condition="outcome=fail", weight=2]
}`,
  `strict graph "g" {
  // a comment
  a:p:sw -- {b c} -- subgraph s { d; e }
  /* block */ x [label=<<b>bold</b>>][y=-1.5]
# hash line
  "multi
line" [text="esc \\" \\n \\l" + " joined"]
}`,
  `digraph {
  subgraph cluster_a { label="Loop"; node [thread_id=loop]; a -> b }
  tool_hooks.pre = "echo hi"
  c [fidelity=summary:high; human.default_choice=yes]
}`
];

const MUTATION_ALPHABET = [
  '{',
  '}',
  '[',
  ']',
  '"',
  '<',
  '>',
  '=',
  ';',
  ',',
  ':',
  '-',
  '>',
  '#',
  '/',
  '*',
  '\\',
  '\n',
  ' ',
  'a',
  '1',
  '.',
  '+',
  'é',
  '😀',
  '\r',
  '\t',
  '@'
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc
      .array(fc.constantFrom(...MUTATION_ALPHABET), { minLength: 1, maxLength: 3 })
      .map((a) => a.join(''))
  }),
  fc.record({
    op: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 6 })
  }),
  fc.record({
    op: fc.constant('replace' as const),
    at: fc.nat(),
    text: fc.constantFrom(...MUTATION_ALPHABET)
  })
);

interface Mutation {
  readonly op: 'insert' | 'delete' | 'replace';
  readonly at: number;
  readonly text?: string;
  readonly length?: number;
}

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    switch (m.op) {
      case 'insert':
        out = out.slice(0, at) + (m.text ?? '') + out.slice(at);
        break;
      case 'delete':
        out = out.slice(0, at) + out.slice(at + (m.length ?? 1));
        break;
      case 'replace':
        out = out.slice(0, at) + (m.text ?? '') + out.slice(at + 1);
    }
  }
  return out;
}

function expectInside(text: string, error: DotSyntaxError): void {
  const lines = text.split('\n');
  for (const issue of error.issues) {
    const { line, column, offset } = issue.location;
    expect(line).toBeGreaterThanOrEqual(1);
    expect(line).toBeLessThanOrEqual(lines.length);
    expect(column).toBeGreaterThanOrEqual(1);
    expect(column).toBeLessThanOrEqual((lines[line - 1]?.length ?? 0) + 1);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThanOrEqual(text.length);
    // line/column and offset agree.
    const lineStart = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    expect(lineStart + column - 1).toBe(offset);
  }
  expect(error.issues.length).toBeGreaterThan(0);
  expect(error.issues.length).toBeLessThanOrEqual(20);
  expect(typeof error.format()).toBe('string');
}

describe('property: mutated DOT never crashes', () => {
  it('the seeds parse', () => {
    for (const seed of SEEDS) expect(() => parseDot(seed)).not.toThrow();
  });

  it('parses or throws a DotSyntaxError located inside the text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (seed, mutations) => {
          const text = mutate(seed, mutations);
          try {
            parseDot(text);
          } catch (error) {
            expect(error).toBeInstanceOf(DotSyntaxError);
            expectInside(text, error as DotSyntaxError);
          }
        }
      ),
      { numRuns: 400 }
    );
  });

  it('survives arbitrary strings too', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.string({ maxLength: 60 }).map((s) => `digraph {${s}}`)
        ),
        (text) => {
          try {
            parseDot(text);
          } catch (error) {
            expect(error).toBeInstanceOf(DotSyntaxError);
            expectInside(text, error as DotSyntaxError);
          }
        }
      ),
      { numRuns: 300 }
    );
  });
});
