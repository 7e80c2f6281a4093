import { describe, expect, it } from '@jest/globals';
import { keywordOf, tokenize } from '../../src/dot/lexer.js';
import type { TokenKind } from '../../src/dot/lexer.js';

/** `[kind, value]` for every token but the final eof. */
function lex(source: string): [TokenKind, string][] {
  const { tokens, issues } = tokenize(source);
  expect(issues).toEqual([]);
  expect(tokens.at(-1)?.kind).toBe('eof');
  return tokens.slice(0, -1).map((t) => [t.kind, t.value]);
}

describe('lexer: keywords', () => {
  it.each([
    ['digraph', 'digraph'],
    ['DiGraph', 'digraph'],
    ['GRAPH', 'graph'],
    ['Node', 'node'],
    ['EDGE', 'edge'],
    ['subGraph', 'subgraph'],
    ['STRICT', 'strict']
  ] as const)('%s is the keyword %s (case-insensitive, like Graphviz)', (text, kind) => {
    expect(lex(text)).toEqual([[kind, text]]);
    expect(keywordOf(text)).toBe(kind);
  });

  it.each(['nodes', 'Node1', 'edge_', 'graphs', 'digraph2', 'sub', 'nod', 'stricT_'])(
    '%s is a plain ID',
    (text) => {
      expect(lex(text)).toEqual([['id', text]]);
      expect(keywordOf(text)).toBeUndefined();
    }
  );
});

describe('lexer: IDs and numerals', () => {
  it.each([
    ['abc', 'abc'],
    ['_x9', '_x9'],
    ['été', 'été'],
    ['名前', '名前'],
    ['a😀b', 'a😀b'],
    ['tool_hooks.pre', 'tool_hooks.pre'],
    ['human.default_choice', 'human.default_choice']
  ])('bare ID %s', (text, value) => {
    expect(lex(text)).toEqual([['id', value]]);
  });

  it('marks dotted IDs (allowed as keys, not as node IDs)', () => {
    const { tokens } = tokenize('a.b c');
    expect(tokens.map((t) => t.dotted)).toEqual([true, false, false]);
  });

  it.each([
    ['42', '42'],
    ['-1', '-1'],
    ['.5', '.5'],
    ['1.5', '1.5'],
    ['-.25', '-.25'],
    ['1.', '1.'],
    ['007', '007']
  ])('numeral %s', (text, value) => {
    expect(lex(text)).toEqual([['number', value]]);
  });

  it('splits punctuation and edge operators without spaces', () => {
    expect(lex('a->b--c{}[]=;,:')).toEqual([
      ['id', 'a'],
      ['->', '->'],
      ['id', 'b'],
      ['--', '--'],
      ['id', 'c'],
      ['{', '{'],
      ['}', '}'],
      ['[', '['],
      [']', ']'],
      ['=', '='],
      [';', ';'],
      [',', ','],
      [':', ':']
    ]);
  });

  it('reads a:port:sw as ID, colon, ID, colon, ID outside value position', () => {
    expect(lex('a:p:sw')).toEqual([
      ['id', 'a'],
      [':', ':'],
      ['id', 'p'],
      [':', ':'],
      ['id', 'sw']
    ]);
  });

  it('reports a number glued to letters', () => {
    const { tokens, issues } = tokenize('a -> 2b');
    expect(tokens.map((t) => t.kind)).toEqual(['id', '->', 'number', 'eof']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 1, column: 7, token: '2b' });
    expect(issues[0]?.message).toBe("number '2' runs into 'b': '2b' is neither a number nor an ID");
  });
});

describe('lexer: value position (after =)', () => {
  it.each([
    ['fidelity=summary:high', 'id', 'summary:high'],
    ['llm_model=claude-sonnet-4-5', 'id', 'claude-sonnet-4-5'],
    ['timeout=900s', 'id', '900s'],
    ['timeout=15m', 'id', '15m'],
    ['version=1.2.3', 'id', '1.2.3'],
    ['max_retries=-1', 'number', '-1'],
    ['weight=1.5', 'number', '1.5'],
    ['shape=box', 'id', 'box'],
    ['x=node', 'id', 'node'],
    ['label="a b"', 'string', 'a b']
  ] as const)('%s', (text, kind, value) => {
    const tokens = lex(text);
    expect(tokens).toHaveLength(3);
    expect(tokens[2]).toEqual([kind, value]);
  });

  it('stops a bare value before ->', () => {
    expect(lex('x=a->b')).toEqual([
      ['id', 'x'],
      ['=', '='],
      ['id', 'a'],
      ['->', '->'],
      ['id', 'b']
    ]);
  });

  it('only the token right after = is a value', () => {
    expect(lex('x=a:b c:d')).toEqual([
      ['id', 'x'],
      ['=', '='],
      ['id', 'a:b'],
      ['id', 'c'],
      [':', ':'],
      ['id', 'd']
    ]);
  });

  it('a keyword on the line after = is a keyword again', () => {
    expect(lex('rankdir=\nnode [x=1]').slice(0, 3)).toEqual([
      ['id', 'rankdir'],
      ['=', '='],
      ['node', 'node']
    ]);
  });
});

describe('lexer: comments', () => {
  it.each([
    ['// line comment\na', [['id', 'a']]],
    [
      'a /* block\n comment */ b',
      [
        ['id', 'a'],
        ['id', 'b']
      ]
    ],
    ['# preprocessor line\na', [['id', 'a']]],
    ['   # indented hash line\na', [['id', 'a']]],
    [
      'a // to the end of the line\nb',
      [
        ['id', 'a'],
        ['id', 'b']
      ]
    ],
    [
      'a/**/b',
      [
        ['id', 'a'],
        ['id', 'b']
      ]
    ],
    ['"a // b /* c */ # d"', [['string', 'a // b /* c */ # d']]],
    ['<a // b # c>', [['html', 'a // b # c']]]
  ] as const)('%j', (text, expected) => {
    expect(lex(text)).toEqual(expected);
  });

  it("reports '#' after other text on a line, and skips the rest of that line", () => {
    const { tokens, issues } = tokenize('a -> b # note\nc');
    expect(tokens.map((t) => t.value)).toEqual(['a', '->', 'b', 'c', '']);
    expect(issues).toEqual([
      expect.objectContaining({
        line: 1,
        column: 8,
        token: '#',
        message: "'#' starts a comment only as the first character of a line",
        hint: "use '//' for a comment after other text on the line",
        fatal: false
      })
    ]);
  });

  it('reports an unterminated block comment at its start, as fatal', () => {
    const { tokens, issues } = tokenize('a\n  /* never\n closed');
    expect(tokens.map((t) => t.kind)).toEqual(['id', 'eof']);
    expect(issues).toEqual([
      expect.objectContaining({ line: 2, column: 3, offset: 4, token: '/*', fatal: true })
    ]);
    expect(tokens[1]).toMatchObject({ line: 3, column: 8, start: 20 });
  });
});

describe('lexer: quoted strings', () => {
  it.each([
    ['"plain"', 'plain'],
    ['"say \\"hi\\""', 'say "hi"'],
    ['"a\\nb"', 'a\nb'],
    ['"a\\tb"', 'a\tb'],
    ['"back\\\\slash"', 'back\\slash'],
    ['"left\\l"', 'left\\l'],
    ['"\\[x\\]"', '\\[x\\]'],
    ['"con\\\ntinued"', 'continued'],
    ['"con\\\r\ntinued"', 'continued'],
    ['"two\nlines"', 'two\nlines'],
    ['""', ''],
    ['"a" + "b"', 'ab'],
    ['"a" /* c */ +\n  "b" + "c"', 'abc'],
    ['"end\\\\"', 'end\\']
  ])('%j decodes to %j', (text, value) => {
    expect(lex(text)).toEqual([['string', value]]);
  });

  it('a string spans its concatenated parts', () => {
    const { tokens } = tokenize('"a" +\n "b" x');
    expect(tokens[0]).toMatchObject({
      start: 0,
      end: 10,
      line: 1,
      column: 1,
      endLine: 2,
      endColumn: 5
    });
    expect(tokens[1]).toMatchObject({ value: 'x', line: 2, column: 6 });
  });

  it("reports '+' not followed by a string", () => {
    const { issues } = tokenize('"a" + b');
    expect(issues).toEqual([
      expect.objectContaining({
        column: 5,
        token: '+',
        message: "'+' must be followed by a quoted string"
      })
    ]);
  });

  it('reports an unterminated string at its opening quote', () => {
    const { tokens, issues } = tokenize('a [label="oops]\nb -> c\n');
    expect(tokens.map((t) => t.kind)).toEqual(['id', '[', 'id', '=', 'eof']);
    expect(issues).toEqual([
      expect.objectContaining({
        line: 1,
        column: 10,
        offset: 9,
        token: '"',
        message: "unterminated string: this '\"' is never closed",
        fatal: true
      })
    ]);
  });

  it("reads 'single quotes' as a string but reports them", () => {
    const { tokens, issues } = tokenize("x='hi'");
    expect(tokens[2]).toMatchObject({ kind: 'string', value: 'hi' });
    expect(issues[0]).toMatchObject({
      column: 3,
      message: "DOT strings use double quotes, found ''hi''",
      hint: 'write "hi"'
    });
  });
});

describe('lexer: HTML strings', () => {
  it.each([
    ['<b>', 'b'],
    ['<<b>bold</b>>', '<b>bold</b>'],
    ['<<table><tr><td>x</td></tr></table>>', '<table><tr><td>x</td></tr></table>'],
    ['<a\nb>', 'a\nb']
  ])('%j', (text, value) => {
    expect(lex(text)).toEqual([['html', value]]);
  });

  it('tracks lines inside a multi-line HTML string', () => {
    const { tokens } = tokenize('<<i>\n</i>> z');
    expect(tokens[1]).toMatchObject({ value: 'z', line: 2, column: 7 });
  });

  it('reports an unbalanced HTML string at its opening <', () => {
    const { issues } = tokenize('x\n  <<b>never');
    expect(issues).toEqual([
      expect.objectContaining({ line: 2, column: 3, token: '<', fatal: true })
    ]);
  });
});

describe('lexer: positions', () => {
  it('counts lines, UTF-16 columns and offsets exactly (tabs count 1)', () => {
    const { tokens } = tokenize('digraph {\n\ta -> "😀" -> b\r\n}');
    const at = tokens.map((t) => [t.value, t.line, t.column, t.start, t.endColumn]);
    expect(at).toEqual([
      ['digraph', 1, 1, 0, 8],
      ['{', 1, 9, 8, 10],
      ['a', 2, 2, 11, 3],
      ['->', 2, 4, 13, 6],
      ['😀', 2, 7, 16, 11],
      ['->', 2, 12, 21, 14],
      ['b', 2, 15, 24, 16],
      ['}', 3, 1, 27, 2],
      ['', 3, 2, 28, 2]
    ]);
  });

  it('skips a byte-order mark', () => {
    const { tokens } = tokenize('\uFEFFdigraph');
    expect(tokens[0]).toMatchObject({ kind: 'digraph', column: 2, start: 1 });
  });

  it('reports a run of stray characters once and goes on', () => {
    const { tokens, issues } = tokenize('a @@$ b');
    expect(tokens.map((t) => t.value)).toEqual(['a', 'b', '']);
    expect(issues).toEqual([
      expect.objectContaining({ column: 3, token: '@@$', message: "unexpected characters '@@$'" })
    ]);
  });
});

describe('lexer: regressions found by fuzzing', () => {
  it("locates a dangling '+' before a line break on its own line", () => {
    const { issues } = tokenize('x="a" +\n# note\n{');
    expect(issues).toEqual([
      expect.objectContaining({ line: 1, column: 7, offset: 6, token: '+' })
    ]);
  });
});
