/** `visible`, `visibleLineEnd` and `visibleJson`: user text made safe to print on a terminal. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { visible, visibleJson, visibleLineEnd } from '../../src/common/visible.js';
import { UNSAFE_IN_BLOCK, UNSAFE_IN_LINE } from '../support/control-chars.js';

/** Strings rich in what a terminal acts on: ESC sequences, C1, CR, bidi overrides, astral characters. */
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\u001b', '\u0007', '\r', '\n', '\t', '\u0000', '\u009b', '\u202e', '\u2028'),
    fc.constantFrom('[2J', ']0;PWNED', '\\x1b', 'é', '😀', ' '),
    fc.string({ unit: 'binary', maxLength: 3 })
  ),
  maxLength: 40
});
const plain = fc.string({ unit: 'binary', maxLength: 60 }).filter((s) => !UNSAFE_IN_LINE.test(s));

describe('visible', () => {
  it.each([
    ['an ESC sequence and BEL', '\u001b[2J\u001b]0;PWNED\u0007', '\\x1b[2J\\x1b]0;PWNED\\x07'],
    ['a NUL', 'a\u0000b', 'a\\x00b'],
    ['tab, newline, CR', 'tab\there\nnext\rline', 'tab\\there\\nnext\\rline'],
    ['DEL and a C1 CSI', 'del\u007f c1\u009b[31m', 'del\\x7f c1\\x9b[31m'],
    ['a bidi override', 'abc\u202edcba', 'abc\\u202edcba'],
    ['backslashes (left as they are)', 'C:\\path\\x1b stays', 'C:\\path\\x1b stays']
  ])('line layout: %s', (_name, input, shown) => {
    expect(visible(input)).toBe(shown);
  });

  it('block layout keeps newlines and tabs and turns CRLF into LF', () => {
    expect(visible('one\tA\r\ntwo\u001b[0m\rthree\n', 'block')).toBe(
      'one\tA\ntwo\\x1b[0m\\rthree\n'
    );
  });

  it('leaves no control character in line layout, and only \\n and \\t in block layout', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(visible(text)).not.toMatch(UNSAFE_IN_LINE);
        expect(visible(text, 'block')).not.toMatch(UNSAFE_IN_BLOCK);
      })
    );
  });

  it('returns plain text unchanged (and keeps it in block layout too)', () => {
    fc.assert(
      fc.property(plain, (text) => {
        expect(visible(text)).toBe(text);
        expect(visible(text, 'block')).toBe(text);
      })
    );
    fc.assert(
      fc.property(
        plain,
        plain,
        (a, b) => void expect(visible(`${a}\n\t${b}`, 'block')).toBe(`${a}\n\t${b}`)
      )
    );
  });

  it('is stable: making visible text visible again changes nothing', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(visible(visible(text))).toBe(visible(text));
        expect(visible(visible(text, 'block'), 'block')).toBe(visible(text, 'block'));
      })
    );
  });
});

describe('visibleLineEnd', () => {
  it('keeps the end of a long line and says how much was cut', () => {
    const line = 'a'.repeat(16_000) + 'END';
    const shown = visibleLineEnd(line, 500);
    expect(shown).toBe(`… (15,503 more characters) ${'a'.repeat(497)}END`);
  });

  it('returns a short plain line unchanged', () => {
    expect(visibleLineEnd('error: boom', 500)).toBe('error: boom');
  });

  it('counts escapes in the width and never splits a character', () => {
    expect(visibleLineEnd('x\u001b[2J', 7)).toBe('… (1 more characters) \\x1b[2J');
    expect(visibleLineEnd('ab😀😀', 2)).toBe('… (2 more characters) 😀😀');
  });

  it('shows at most `width` characters of any line, all of them visible', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 30 }), (line, width) => {
        const shown = visibleLineEnd(line, width);
        expect(shown).not.toMatch(UNSAFE_IN_LINE);
        const kept = shown.replace(/^… \([\d,]+ more characters\) /, '');
        expect([...kept].length).toBeLessThanOrEqual(width);
        expect(visible(line).endsWith(kept)).toBe(true);
      })
    );
  });
});

describe('visibleJson', () => {
  it('is JSON with the same value and no raw DEL, C1 or bidi characters', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const json = visibleJson({ text, list: [text] }, 2);
        expect(json).not.toMatch(UNSAFE_IN_BLOCK);
        expect(JSON.parse(json)).toEqual({ text, list: [text] });
      })
    );
    expect(visibleJson({ id: 'a\u009bb' })).toBe('{"id":"a\\u009bb"}');
  });
});
