import { describe, expect, it } from '@jest/globals';
import { parseDot } from '../../src/dot/parser.js';
import { DotSyntaxError } from '../../src/dot/dot-syntax-error.js';
import type { DotSyntaxIssue } from '../../src/dot/dot-syntax-error.js';
import { isTrackerError } from '../../src/common/errors.js';

/** Parses `source` expecting a DotSyntaxError, and returns it. */
function syntaxError(source: string, file = 'p.dot'): DotSyntaxError {
  try {
    parseDot(source, { file });
  } catch (error) {
    expect(error).toBeInstanceOf(DotSyntaxError);
    return error as DotSyntaxError;
  }
  throw new Error(`expected a syntax error for ${JSON.stringify(source)}`);
}

function brief(issue: DotSyntaxIssue | undefined): unknown {
  if (issue === undefined) return undefined;
  return {
    at: `${issue.location.line}:${issue.location.column}`,
    token: issue.token,
    message: issue.message,
    hint: issue.hint
  };
}

describe('parseDot: one mistake, one precise error', () => {
  it.each<[string, string, { at: string; token: string; message: string; hint: string }]>([
    [
      "unquoted value with '='",
      'digraph G { start -> exit [condition=outcome=success] }',
      {
        at: '1:45',
        token: '=',
        message: "the unquoted value of 'condition' contains '=', so it ends at 'outcome'",
        hint: 'quote the whole value: condition="outcome=success"'
      }
    ],
    [
      'unquoted value with a space',
      'digraph G { a [label=Hello World] }',
      {
        at: '1:28',
        token: 'World',
        message: "the unquoted value of 'label' contains a space, so it ends at 'Hello'",
        hint: 'quote the whole value: label="Hello World"'
      }
    ],
    [
      'unquoted value with a space, before the next attribute',
      'digraph G { a [label=Hello World, shape=box] }',
      {
        at: '1:28',
        token: 'World',
        message: "the unquoted value of 'label' contains a space, so it ends at 'Hello'",
        hint: 'quote the whole value: label="Hello World"'
      }
    ],
    [
      "unquoted condition with '=', before the next attribute",
      'digraph G { a -> b [condition=context.x=1, weight=2] }',
      {
        at: '1:40',
        token: '=',
        message: "the unquoted value of 'condition' contains '=', so it ends at 'context.x'",
        hint: 'quote the whole value: condition="context.x=1"'
      }
    ],
    [
      'unclosed [ (next statement on the next line)',
      'digraph G {\n  a [label="x", shape=box\n  b -> c\n}',
      {
        at: '3:3',
        token: 'b',
        message: "expected ']' to close the attribute list opened at 2:5, found 'b'",
        hint: "add ']' after the last attribute"
      }
    ],
    [
      'unclosed [ before }',
      'digraph { a [x=1] [y=2\n}',
      {
        at: '2:1',
        token: '}',
        message: "expected ']' to close the attribute list opened at 1:19, found '}'",
        hint: "add ']' after the last attribute"
      }
    ],
    [
      'unclosed {',
      'digraph G {\n  a -> b\n',
      {
        at: '3:1',
        token: '',
        message: "expected '}' to close the graph body opened at 1:11, found end of file",
        hint: "add the missing '}'; every '{' needs a matching '}'"
      }
    ],
    [
      'subgraph missing its }',
      'digraph G {\n  subgraph cluster_a {\n    a -> b\n  c -> d\n}\n',
      {
        at: '6:1',
        token: '',
        message: "expected '}' to close the graph body opened at 1:11, found end of file",
        hint: "add the missing '}'. Note: the '}' at 5:1 closes subgraph 'cluster_a' (opened at 2:22); if it was meant to close the graph body, that subgraph is the one missing its '}'"
      }
    ],
    [
      'missing =',
      'digraph G {\n  a [label "x"]\n}',
      {
        at: '2:12',
        token: '"x"',
        message: "expected '=' after attribute name 'label', found the string '\"x\"'",
        hint: 'attributes are written name=value, e.g. label="..."'
      }
    ],
    [
      'missing value',
      'digraph G {\n  a [label=]\n}',
      {
        at: '2:12',
        token: ']',
        message: "expected a value after 'label=', found ']'",
        hint: 'write label="..." (use "" for an empty value)'
      }
    ],
    [
      'unterminated string',
      'digraph G {\n  a [label="oops]\n}',
      {
        at: '2:12',
        token: '"',
        message: "unterminated string: this '\"' is never closed",
        hint: 'add the closing \'"\'; write a quote inside a string as \\"'
      }
    ],
    [
      'unterminated comment',
      'digraph G {\n  a -> b /* never closed\n}',
      {
        at: '2:10',
        token: '/*',
        message: 'unterminated comment: the /* is never closed by */',
        hint: "close the comment with '*/' (block comments do not nest)"
      }
    ],
    [
      'stray ]',
      'digraph G {\n  a -> b ]\n}',
      {
        at: '2:10',
        token: ']',
        message: "unexpected ']' with no '[' open",
        hint: "remove it, or add the '[' that should open the attribute list"
      }
    ],
    [
      'text after the graph',
      'digraph G {\n  a -> b\n}\nextra',
      {
        at: '4:1',
        token: 'extra',
        message:
          "unexpected 'extra' after the end of the graph (closed at 3:1); only one graph per file",
        hint: "move it inside the graph's braces, or remove it"
      }
    ],
    [
      'two graphs',
      'digraph A { a }\ndigraph B { b }',
      {
        at: '2:1',
        token: 'digraph',
        message:
          'only one graph per file: a second graph starts here, after the first one closed at 1:15',
        hint: 'put each graph in its own file, or group statements inside one graph with subgraph name { ... }'
      }
    ],
    [
      'extra } after the graph',
      'digraph G {\n  a }\n}',
      {
        at: '3:1',
        token: '}',
        message:
          "unexpected '}' after the end of the graph (closed at 2:5): the braces are unbalanced",
        hint: "remove the extra '}', or find the '{' it was meant to close"
      }
    ],
    [
      'keyword as a source node',
      'digraph G {\n  node -> b\n}',
      {
        at: '2:3',
        token: 'node',
        message: "'node' is a keyword and cannot be used as a node ID",
        hint: 'quote it ("node") to use it as a name, or follow it with [ ... ] to set node attributes'
      }
    ],
    [
      'keyword as a target node (any case)',
      'digraph G {\n  a -> Edge\n}',
      {
        at: '2:8',
        token: 'Edge',
        message: "'Edge' is a keyword and cannot be used as a node ID",
        hint: 'quote it ("Edge") to use it as a node name'
      }
    ],
    [
      '# in the middle of a line',
      'digraph G {\n  a -> b  # note\n}',
      {
        at: '2:11',
        token: '#',
        message: "'#' starts a comment only as the first character of a line",
        hint: "use '//' for a comment after other text on the line"
      }
    ],
    [
      'edge without a target',
      'digraph G {\n  a ->\n}',
      {
        at: '3:1',
        token: '}',
        message: "expected a node ID or subgraph after '->', found '}'",
        hint: 'an edge needs a target: a -> b'
      }
    ],
    [
      'unquoted graph name with a space',
      'digraph my pipeline {\n}',
      {
        at: '1:12',
        token: 'pipeline',
        message: "expected '{' to open the body of digraph my, found 'pipeline'",
        hint: 'a graph name with spaces must be quoted: digraph "my pipeline" { ... }'
      }
    ],
    [
      'dotted bare node ID',
      'digraph { a.b -> c }',
      {
        at: '1:11',
        token: 'a.b',
        message: "node ID 'a.b' contains '.', which is not allowed in a bare ID",
        hint: 'quote it ("a.b"), or use only letters, digits and \'_\''
      }
    ],
    [
      'empty input',
      '  \n',
      {
        at: '2:1',
        token: '',
        message: 'the input is empty: expected a graph such as digraph G { ... }',
        hint: 'a pipeline file holds exactly one graph: digraph Name { ... }'
      }
    ],
    [
      'no graph keyword',
      'a -> b',
      {
        at: '1:1',
        token: 'a',
        message: "expected 'digraph' to start the graph, found 'a'",
        hint: 'a pipeline file holds exactly one graph: digraph Name { ... }'
      }
    ]
  ])('%s', (_name, source, expected) => {
    const error = syntaxError(source);
    expect(error.code).toBe('DOT_SYNTAX');
    expect(error.issues).toHaveLength(1);
    expect(brief(error.issues[0])).toEqual(expected);
    expect(error.location).toEqual(expect.objectContaining({ file: 'p.dot' }));
    expect(`${error.location.line}:${error.location.column}`).toBe(expected.at);
    expect(error.token).toBe(expected.token);
    expect(error.hint).toBe(expected.hint);
  });
});

describe('parseDot: several independent mistakes at once', () => {
  const source = [
    'digraph G {',
    '  a [label=]',
    '  b [shape=box color red]',
    '  c -> -> d',
    '  e [label="E"',
    '  f -> g',
    '  ok1 -> ok2 [label="fine"]',
    '}'
  ].join('\n');

  it('reports each one, in source order, after resynchronising', () => {
    const error = syntaxError(source);
    expect(error.issues.map(brief)).toEqual([
      {
        at: '2:12',
        token: ']',
        message: "expected a value after 'label=', found ']'",
        hint: 'write label="..." (use "" for an empty value)'
      },
      {
        at: '3:22',
        token: 'red',
        message: "expected '=' after attribute name 'color', found 'red'",
        hint: 'attributes are written name=value, e.g. color="..."; if it is all one value, quote it: shape="box color red"'
      },
      {
        at: '4:8',
        token: '->',
        message: "expected a node ID or subgraph after '->', found '->'",
        hint: 'an edge needs a target: a -> b'
      },
      {
        at: '6:3',
        token: 'f',
        message: "expected ']' to close the attribute list opened at 5:5, found 'f'",
        hint: "add ']' after the last attribute"
      }
    ]);
    expect(error.location.line).toBe(2);
    expect(error.message).toBe(
      "p.dot:2:12: expected a value after 'label=', found ']' (and 3 more errors)"
    );
  });

  it('format() renders every issue compiler-style with an excerpt and a caret', () => {
    const text = syntaxError(source).format();
    expect(text.split('\n\n')).toHaveLength(4);
    expect(
      text.startsWith(
        [
          "p.dot:2:12: error[dot_syntax]: expected a value after 'label=', found ']'",
          '  2 |   a [label=]',
          '    |            ^',
          '  hint: write label="..." (use "" for an empty value)'
        ].join('\n')
      )
    ).toBe(true);
    expect(text).toContain(
      "p.dot:6:3: error[dot_syntax]: expected ']' to close the attribute list opened at 5:5, found 'f'\n  6 |   f -> g\n    |   ^"
    );
  });

  it.each([
    ['attributes separated by spaces only', 'digraph G { a [label=x shape=box] }'],
    ['a quoted value followed by an attribute', 'digraph G { a [label="x y" shape=box] }'],
    ['values on separate lines', 'digraph G { a [label=x\n shape=box] }']
  ])('accepts %s', (_what, source) => {
    expect(() => parseDot(source)).not.toThrow();
  });

  it('stops after 20 issues', () => {
    const many = `digraph {\n${'  a [x=]\n'.repeat(50)}}`;
    const error = syntaxError(many);
    expect(error.issues).toHaveLength(20);
    expect(error.truncated).toBe(true);
    expect(error.format()).toMatch(/\n\nnote: stopped after 20 errors; fix these and run again/);
  });

  it('is not truncated below the cap', () => {
    const error = syntaxError(`digraph {\n${'  a [x=]\n'.repeat(3)}}`);
    expect(error.truncated).toBe(false);
    expect(error.format()).not.toContain('stopped after');
  });

  it('does not pile consequences onto a fatal lexer error', () => {
    const error = syntaxError('digraph {\n  a [label="never closed]\n  b -> c\n');
    expect(error.issues.map((i) => i.message)).toEqual([
      "unterminated string: this '\"' is never closed"
    ]);
  });
});

describe('DotSyntaxError', () => {
  it('is a TrackerError with a stable code and name', () => {
    const error = syntaxError('digraph {');
    expect(isTrackerError(error)).toBe(true);
    expect(error.name).toBe('DotSyntaxError');
    expect(error.code).toBe('DOT_SYNTAX');
    expect(error.issues[0]?.code).toBe('DOT_SYNTAX');
  });

  it('keeps the excerpt aligned with tabs and shortens very long lines', () => {
    const tabbed = syntaxError('digraph {\n\t\ta [x=]\n}');
    expect(tabbed.excerpt).toBe('  2 | \t\ta [x=]\n    | \t\t     ^');
    const long = syntaxError(`digraph { ${'a '.repeat(500)} [x=] }`);
    const [line, caret] = long.excerpt.split('\n');
    expect(line?.length).toBeLessThan(140);
    expect(line).toContain('…');
    expect(caret?.indexOf('^')).toBe((line ?? '').indexOf('[x=]') + 3);
  });

  it('uses <input> as the default file name', () => {
    try {
      parseDot('digraph {');
    } catch (error) {
      expect((error as DotSyntaxError).location.file).toBe('<input>');
      expect(
        (error as DotSyntaxError).format().startsWith('<input>:1:10: error[dot_syntax]:')
      ).toBe(true);
    }
    expect.assertions(2);
  });
});
