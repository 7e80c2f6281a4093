import { describe, expect, it } from '@jest/globals';
import { DEFAULT_DOT_LIMITS, parseDot } from '../../src/dot/parser.js';
import type { DotLimits } from '../../src/dot/parser.js';
import { DotSyntaxError } from '../../src/dot/dot-syntax-error.js';

function limitError(source: string, limits: Partial<DotLimits>): DotSyntaxError {
  try {
    parseDot(source, { file: 'big.dot', limits });
  } catch (error) {
    expect(error).toBeInstanceOf(DotSyntaxError);
    return error as DotSyntaxError;
  }
  throw new Error('expected a limit error');
}

describe('DEFAULT_DOT_LIMITS', () => {
  it('has the documented values and is frozen', () => {
    expect(DEFAULT_DOT_LIMITS).toEqual({
      maxBytes: 10 * 1024 * 1024,
      maxDepth: 64,
      maxNodes: 200_000,
      maxEdges: 1_000_000,
      maxAttrLength: 1024 * 1024,
      maxStatements: 2_000_000
    });
    expect(Object.isFrozen(DEFAULT_DOT_LIMITS)).toBe(true);
  });
});

describe('parseDot: limits for untrusted input', () => {
  it.each<
    [
      string,
      string,
      Partial<DotLimits>,
      { at: string; token: string; message: string; hint: string }
    ]
  >([
    [
      'maxBytes (checked first, at 1:1)',
      'digraph G {\n  a -> b\n}\n',
      { maxBytes: 10 },
      {
        at: '1:1',
        token: '',
        message: 'input is 23 bytes, over the limit of 10 bytes',
        hint: 'if this input is trusted, raise the maxBytes limit (now 10, default 10485760): tracker --limit maxBytes=23, or parseDot(text, { limits: { maxBytes: 23 } }) in the library'
      }
    ],
    [
      'maxDepth',
      'digraph G {\n  subgraph a { subgraph b { subgraph c { x } } }\n}',
      { maxDepth: 2 },
      {
        at: '2:40',
        token: '{',
        message: 'subgraphs are nested more than 2 deep',
        hint: 'flatten the nesting, or if this input is trusted, raise the maxDepth limit (now 2, default 64): tracker --limit maxDepth=4, or parseDot(text, { limits: { maxDepth: 4 } }) in the library'
      }
    ],
    [
      'maxNodes (distinct IDs)',
      'digraph G {\n  a -> b\n  b -> a\n  c -> a\n  d\n}',
      { maxNodes: 3 },
      {
        at: '5:3',
        token: 'd',
        message: 'the graph has more than 3 distinct nodes',
        hint: 'split the pipeline, or if this input is trusted, raise the maxNodes limit (now 3, default 200000): tracker --limit maxNodes=6, or parseDot(text, { limits: { maxNodes: 6 } }) in the library'
      }
    ],
    [
      'maxEdges (after expanding subgraph operands)',
      'digraph G {\n  a -> b\n  {a b} -> {c d e}\n}',
      { maxEdges: 6 },
      {
        at: '3:3',
        token: '{',
        message: 'the graph has more than 6 edges (after expanding chains and subgraphs)',
        hint: 'split the pipeline, or if this input is trusted, raise the maxEdges limit (now 6, default 1000000): tracker --limit maxEdges=12, or parseDot(text, { limits: { maxEdges: 12 } }) in the library'
      }
    ],
    [
      'maxAttrLength (decoded length)',
      'digraph G {\n  a [label="0123456789"]\n}',
      { maxAttrLength: 9 },
      {
        at: '2:12',
        token: '"',
        message: 'value is 10 characters long, over the limit of 9',
        hint: 'shorten the value, or if this input is trusted, raise the maxAttrLength limit (now 9, default 1048576): tracker --limit maxAttrLength=18, or parseDot(text, { limits: { maxAttrLength: 18 } }) in the library'
      }
    ],
    [
      'maxStatements',
      'digraph G {\n  a; b; c\n}',
      { maxStatements: 2 },
      {
        at: '2:9',
        token: 'c',
        message: 'the graph has more than 2 statements',
        hint: 'split the pipeline, or if this input is trusted, raise the maxStatements limit (now 2, default 2000000): tracker --limit maxStatements=4, or parseDot(text, { limits: { maxStatements: 4 } }) in the library'
      }
    ]
  ])('%s', (_name, source, limits, expected) => {
    const error = limitError(source, limits);
    expect(error.code).toBe('DOT_LIMIT');
    const issue = error.issues[0];
    expect(issue?.code).toBe('DOT_LIMIT');
    expect({
      at: `${issue?.location.line}:${issue?.location.column}`,
      token: issue?.token,
      message: issue?.message,
      hint: issue?.hint
    }).toEqual(expected);
    expect(error.format()).toContain(
      `big.dot:${expected.at}: error[dot_limit]: ${expected.message}`
    );
  });

  it('counts UTF-8 bytes, not characters', () => {
    const source = 'digraph { a [label="éé"] }';
    expect(() => parseDot(source, { limits: { maxBytes: source.length } })).toThrow(
      'over the limit'
    );
    expect(() => parseDot(source, { limits: { maxBytes: source.length + 2 } })).not.toThrow();
  });

  it('accepts input exactly at each limit (statements inside subgraphs count)', () => {
    const source = 'digraph { a -> b; {a b} -> {c d} }';
    expect(() =>
      parseDot(source, { limits: { maxNodes: 4, maxEdges: 5, maxStatements: 6, maxDepth: 1 } })
    ).not.toThrow();
  });

  it('counts chain edges as the sum of neighbouring products', () => {
    const source = 'digraph { a -> {b c} -> d }';
    expect(() => parseDot(source, { limits: { maxEdges: 4 } })).not.toThrow();
    expect(limitError(source, { maxEdges: 3 }).code).toBe('DOT_LIMIT');
  });

  it('rejects a brace bomb with the default limits, quickly and without a RangeError', () => {
    const bomb = `digraph {${'{'.repeat(100_000)}`;
    const error = limitError(bomb, {});
    expect(error.issues[0]?.message).toBe('subgraphs are nested more than 64 deep');
    expect(error.location.column).toBe(10 + 64);
  });

  it('turns a stack overflow under a raised maxDepth into a DOT_LIMIT error', () => {
    const deep = `digraph {${'{'.repeat(200_000)}${'}'.repeat(200_000)}}`;
    let thrown: unknown;
    try {
      parseDot(deep, { limits: { maxDepth: Number.POSITIVE_INFINITY } });
    } catch (error) {
      thrown = error;
    }
    // Either it parsed (a big stack) or it failed cleanly: never a raw RangeError.
    if (thrown !== undefined) {
      expect(thrown).toBeInstanceOf(DotSyntaxError);
      expect((thrown as DotSyntaxError).code).toBe('DOT_LIMIT');
    }
  });

  it('puts the limit issue first and keeps syntax issues found before it', () => {
    const error = limitError('digraph {\n  a [x=]\n  b; c; d\n}', { maxStatements: 3 });
    expect(error.code).toBe('DOT_LIMIT');
    expect(error.issues.map((i) => [i.code, i.location.line])).toEqual([
      ['DOT_LIMIT', 3],
      ['DOT_SYNTAX', 2]
    ]);
  });

  it('ignores undefined entries in a partial limits object', () => {
    expect(() =>
      parseDot('digraph { a }', {
        limits: { maxNodes: undefined } as unknown as Partial<DotLimits>
      })
    ).not.toThrow();
  });
});
