import { describe, expect, it } from '@jest/globals';
import { MAX_STYLESHEET_LENGTH, parseStylesheet } from '../../src/stylesheet/parse-stylesheet.js';
import type { StyleRule } from '../../src/stylesheet/style-rule.js';

/** `selector{prop=value,…}` per rule, for compact assertions. */
function render(rules: readonly StyleRule[]): string[] {
  return rules.map(
    (r) =>
      `${r.selector.kind}:${r.selector.text}{${r.declarations.map((d) => `${d.property}=${d.value}`).join(',')}}`
  );
}

function rulesOf(text: string): string[] {
  const r = parseStylesheet(text);
  if (!r.ok) throw new Error(`expected ok: ${r.errors.map((e) => e.message).join('; ')}`);
  return render(r.rules);
}

describe('parseStylesheet: accepted stylesheets', () => {
  it('parses the spec §8.6 example, spread over indented lines', () => {
    const text = `
            * { llm_model: claude-sonnet-4-5; llm_provider: anthropic; }
            .code { llm_model: claude-opus-4-6; llm_provider: anthropic; }
            #critical_review { llm_model: gpt-5.2; llm_provider: openai; reasoning_effort: high; }
        `;
    const r = parseStylesheet(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(render(r.rules)).toEqual([
      'universal:*{llm_model=claude-sonnet-4-5,llm_provider=anthropic}',
      'class:.code{llm_model=claude-opus-4-6,llm_provider=anthropic}',
      'id:#critical_review{llm_model=gpt-5.2,llm_provider=openai,reasoning_effort=high}'
    ]);
    expect(r.rules.map((rule) => rule.order)).toEqual([0, 1, 2]);
    expect(r.warnings).toEqual([]);
    const [first] = r.rules;
    expect(first?.selector.span).toEqual({ start: 13, end: 14 });
    expect(first?.declarations[0]).toMatchObject({
      value: 'claude-sonnet-4-5',
      quoted: false,
      valueSpan: { start: 28, end: 45 }
    });
    expect(text.slice(first?.span.start, first?.span.end)).toBe(
      '* { llm_model: claude-sonnet-4-5; llm_provider: anthropic; }'
    );
  });

  it.each([
    ['', []],
    ['  \n\t ', []],
    ['/* only a comment */', []],
    ['box { llm_model: "claude-opus-4-6" }', ['shape:box{llm_model=claude-opus-4-6}']],
    [
      '.fast { llm_model: "gemini-3-flash-preview" }',
      ['class:.fast{llm_model=gemini-3-flash-preview}']
    ],
    ['#review { reasoning_effort: "high" }', ['id:#review{reasoning_effort=high}']],
    ['box{llm_model:x}', ['shape:box{llm_model=x}']],
    ['box { llm_model: x; }', ['shape:box{llm_model=x}']],
    ['box { ; llm_model: x;; }', ['shape:box{llm_model=x}']],
    ['box { }', ['shape:box{}']],
    ['.code_review { llm_provider: openai }', ['class:.code_review{llm_provider=openai}']],
    ['.loop-a { llm_provider: openai }', ['class:.loop-a{llm_provider=openai}']],
    ['#node-1 { llm_provider: openai }', ['id:#node-1{llm_provider=openai}']],
    ['#étape { llm_provider: openai }', ['id:#étape{llm_provider=openai}']],
    ['Mdiamond { llm_provider: x }', ['shape:Mdiamond{llm_provider=x}']],
    ['box { llm_model: "model with spaces" }', ['shape:box{llm_model=model with spaces}']],
    ['box { llm_model: "a \\"quoted\\" \\\\ name" }', ['shape:box{llm_model=a "quoted" \\ name}']],
    ['box { llm_model: "a;b}c" }', ['shape:box{llm_model=a;b}c}']],
    ['box { llm_model: openai/gpt-5.2:latest }', ['shape:box{llm_model=openai/gpt-5.2:latest}']],
    ['box { llm_model: x; llm_model: y }', ['shape:box{llm_model=x,llm_model=y}']],
    [
      '/* a */ box /* b */ { /* c */ llm_model /* d */ : /* e */ x /* f */ ; } /* g */',
      ['shape:box{llm_model=x}']
    ],
    ['box { llm_model: x/* no space */ }', ['shape:box{llm_model=x}']],
    [
      'box, .fast ,#x { reasoning_effort: low }',
      [
        'shape:box{reasoning_effort=low}',
        'class:.fast{reasoning_effort=low}',
        'id:#x{reasoning_effort=low}'
      ]
    ],
    ...['none', 'minimal', 'low', 'medium', 'high', 'xhigh'].map((v): [string, string[]] => [
      `* { reasoning_effort: ${v} }`,
      [`universal:*{reasoning_effort=${v}}`]
    ])
  ])('%j', (text, expected) => {
    expect(rulesOf(text)).toEqual(expected);
  });

  it('numbers the rules of a selector list in order, sharing declarations', () => {
    const r = parseStylesheet('* { llm_model: a } box, .b { llm_model: c }');
    if (!r.ok) throw new Error('expected ok');
    expect(r.rules.map((rule) => rule.order)).toEqual([0, 1, 2]);
    expect(r.rules[1]?.declarations).toBe(r.rules[2]?.declarations);
  });
});

describe('parseStylesheet: warnings', () => {
  it.each([
    [
      'code { llm_model: x }',
      0,
      4,
      "selector 'code' at column 1 matches nodes with shape=code, which is not a pipeline shape",
      '.code'
    ],
    [
      'boxx { llm_model: x }',
      0,
      4,
      "unknown shape 'boxx' at column 1; did you mean 'box'?",
      '#boxx'
    ],
    [
      '* {}\n  hexagn { llm_model: x }',
      7,
      6,
      "unknown shape 'hexagn' at line 2, column 3; did you mean 'hexagon'?",
      undefined
    ]
  ])('%j warns at %i+%i', (text, offset, length, message, hint) => {
    const r = parseStylesheet(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ offset, length, message });
    if (hint !== undefined) expect(r.warnings[0]?.hint).toContain(hint);
  });

  it.each(['box {}', 'ellipse {}', 'parallelogram {}', 'Msquare {}', 'tab {}'])(
    '%j does not warn',
    (text) => {
      const r = parseStylesheet(text);
      expect(r.ok && r.warnings.length).toBe(0);
    }
  );
});

describe('parseStylesheet: errors', () => {
  it.each([
    [
      'box { llm_modle: x }',
      6,
      9,
      "unknown property 'llm_modle' at column 7; did you mean 'llm_model'?"
    ],
    [
      'box { llm-provider: x }',
      6,
      12,
      "unknown property 'llm-provider' at column 7; did you mean 'llm_provider'?"
    ],
    ['box { model: x }', 6, 5, "unknown property 'model' at column 7"],
    ['box { prompt: "x" }', 6, 6, "unknown property 'prompt'"],
    [
      '* { reasoning_effort: hgih }',
      22,
      4,
      'reasoning_effort must be one of none, minimal, low, medium, high, xhigh; got "hgih" at column 23; did you mean \'high\'?'
    ],
    ['* { reasoning_effort: High }', 22, 4, "did you mean 'high'?"],
    ['* { reasoning_effort: "" }', 22, 2, 'reasoning_effort must be one of'],
    ['* { llm_model: "" }', 15, 2, "empty value for 'llm_model' at column 16"],
    [
      'box.code { llm_model: x }',
      0,
      8,
      "compound selector 'box.code' at column 1 is not supported"
    ],
    ['box .code { llm_model: x }', 4, 5, "unexpected '.code' after selector 'box' at column 5"],
    ['box llm_model: x }', 4, 9, "missing '{' after selector 'box' at column 4"],
    ['box', 0, 3, "missing '{' after selector 'box' at column 4"],
    ['{ llm_model: x }', 0, 1, "expected a selector at column 1, found '{'"],
    ['box, { llm_model: x }', 5, 1, "expected a selector at column 6, found '{'"],
    ['. { }', 0, 1, "missing class name after '.' at column 1"],
    ['# { }', 0, 1, "missing node id after '#' at column 1"],
    ['box { llm_model x }', 16, 1, "expected ':' after 'llm_model' at column 17, found 'x'"],
    ['box { llm_model = x }', 16, 1, "expected ':' after 'llm_model' at column 17, found '='"],
    ['box { llm_model: ; }', 15, 1, "missing value for 'llm_model' at column 16"],
    ['box { llm_model: }', 15, 1, "missing value for 'llm_model'"],
    [
      'box { llm_model: a b; }',
      19,
      1,
      "unexpected 'b' after the value of 'llm_model' at column 20"
    ],
    ['box { llm_model: "a" b }', 21, 1, "unexpected 'b' after the value of 'llm_model'"],
    ["box { llm_model: 'a' }", 17, 1, "unexpected ''' in the value of 'llm_model' at column 18"],
    ['box { 1: x }', 6, 1, "expected a property name at column 7, found '1'"],
    ['box { llm_model: x', 4, 1, "missing '}' to close the rule for 'box' opened at column 5"],
    ['box { llm_model: x { }', 19, 1, "unexpected '{' after the value of 'llm_model' at column 20"],
    [
      'box { llm_model: x; { }',
      20,
      1,
      "unexpected '{' at column 21; the previous rule is not closed"
    ],
    ['box { llm_model: "x }', 17, 4, 'unterminated string starting at column 18'],
    ['box { llm_model: "x\n" }', 17, 2, 'unterminated string starting at line 1, column 18'],
    ['/* open', 0, 7, 'unterminated comment starting at column 1'],
    [
      'box {}\n.x {\n  llm_model = y;\n}',
      24,
      1,
      "expected ':' after 'llm_model' at line 3, column 13, found '='"
    ]
  ])('%j fails at %i+%i: %s', (text, offset, length, message) => {
    const r = parseStylesheet(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.message).toContain(message);
    expect({ offset: r.errors[0]?.offset, length: r.errors[0]?.length }).toEqual({
      offset,
      length
    });
  });

  it('reports every bad declaration in one pass and recovers at ; and }', () => {
    const r = parseStylesheet(
      'box { llm_modle: x; reasoning_effort: hgih; llm_model: ok } .a { colour: red } #b { llm_provider: p }'
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.offset)).toEqual([6, 38, 65]);
    expect(r.errors.map((e) => e.message.split(' at ')[0])).toEqual([
      "unknown property 'llm_modle'",
      'reasoning_effort must be one of none, minimal, low, medium, high, xhigh; got "hgih"',
      "unknown property 'colour'"
    ]);
  });

  it('recovers after a bad selector at the next }', () => {
    const r = parseStylesheet('box .x { llm_model: a } ? { } .ok { llm_mdoel: b }');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.offset)).toEqual([4, 24, 36]);
  });

  it('stops after 20 errors', () => {
    const r = parseStylesheet('box { a: 1; }'.repeat(50));
    expect(!r.ok && r.errors.length).toBe(20);
  });

  it('rejects stylesheets over the size limit', () => {
    const r = parseStylesheet(' '.repeat(MAX_STYLESHEET_LENGTH + 1));
    expect(!r.ok && r.errors[0]?.message).toContain('the limit is');
  });

  // Its speed is measured by `npm run bench` (bench/languages.ts), not here.
  it('parses a 10k-rule stylesheet', () => {
    const text = Array.from(
      { length: 10_000 },
      (_, i) => `#n${i} { llm_model: m${i}; reasoning_effort: low }`
    ).join('\n');
    const r = parseStylesheet(text);
    expect(r.ok && r.rules.length).toBe(10_000);
  });
});
