import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Diagnostic } from '../../src/common/diagnostic.js';
import { Suggester, boundedEditDistance, closestMatch } from '../../src/common/suggest.js';
import {
  formatDiagnostic,
  formatLocation,
  summarizeDiagnostics
} from '../../src/validate/format-diagnostic.js';
import { locateInValue } from '../../src/validate/locate-in-value.js';
import { stronglyConnectedComponents } from '../../src/validate/strongly-connected.js';

const base: Diagnostic = { rule: 'start_node', severity: 'error', message: 'no start node' };

describe('formatDiagnostic', () => {
  it.each<[string, Diagnostic, string]>([
    [
      'everything',
      { ...base, file: 'p.dot', line: 3, column: 5 },
      'p.dot:3:5: error[start_node]: no start node'
    ],
    ['no column', { ...base, file: 'p.dot', line: 3 }, 'p.dot:3: error[start_node]: no start node'],
    ['no file', { ...base, line: 3, column: 5 }, '3:5: error[start_node]: no start node'],
    ['no place', base, 'error[start_node]: no start node'],
    ['a warning', { ...base, severity: 'warning', rule: 'x' }, 'warning[x]: no start node']
  ])('formats %s', (_name, d, expected) => {
    expect(formatDiagnostic(d)).toBe(expected);
  });

  it('appends the fix and related notes', () => {
    const d: Diagnostic = {
      ...base,
      file: 'p.dot',
      line: 3,
      column: 3,
      fix: 'Keep one.',
      related: [
        { message: "start node 'a'", loc: { file: 'p.dot', line: 2, column: 3 } },
        { message: "start node 'b'", loc: { file: 'p.dot', line: 3, column: 3 } }
      ]
    };
    expect(formatDiagnostic(d).split('\n')).toEqual([
      'p.dot:3:3: error[start_node]: no start node',
      '  fix: Keep one.',
      "  note: start node 'a' at p.dot:2:3",
      "  note: start node 'b' at p.dot:3:3"
    ]);
  });

  it('formats locations without unknown parts', () => {
    expect(formatLocation({ file: 'a.dot', line: 1, column: 2 })).toBe('a.dot:1:2');
    expect(formatLocation({ file: '', line: 1, column: 2 })).toBe('1:2');
    expect(formatLocation({})).toBe('');
  });
});

describe('summarizeDiagnostics', () => {
  const of = (...severities: Diagnostic['severity'][]): Diagnostic[] =>
    severities.map((severity) => ({ ...base, severity }));
  it.each([
    [of(), 'no problems'],
    [of('error', 'error', 'warning'), '2 errors, 1 warning'],
    [of('warning', 'warning'), '2 warnings'],
    [of('error', 'info'), '1 error, 1 note'],
    [of('info', 'info', 'error'), '1 error, 2 notes']
  ])('summarises %#', (ds, expected) => {
    expect(summarizeDiagnostics(ds)).toBe(expected);
  });
});

describe('did-you-mean', () => {
  it('finds the closest candidate within the distance', () => {
    expect(closestMatch('reveiw', ['review', 'deploy'])).toBe('review');
    expect(closestMatch('Start', ['start', 'stare'])).toBe('start');
    expect(closestMatch('xyz', ['review'])).toBeUndefined();
    expect(closestMatch('review', ['review'])).toBeUndefined();
  });

  it('stops suggesting when its budget is spent, instead of going quadratic', () => {
    const s = new Suggester(['abcd', 'abce'], 2, 1);
    expect(s.suggest('abcf')).toBe('abcd');
    expect(s.suggest('abcf')).toBeUndefined();
  });

  it.each([
    ['lable', 'label', 1],
    ['tpye', 'type', 1],
    ['abc', 'acb', 1],
    ['ca', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3]
  ])('edit distance %j → %j is %d (adjacent swaps count once)', (a, b, d) => {
    expect(boundedEditDistance(a, b, 10)).toBe(d);
  });

  it('bounded edit distance agrees with the true distance up to the bound', () => {
    const full = (a: string, b: string): number =>
      boundedEditDistance(a, b, Math.max(a.length, b.length));
    fc.assert(
      fc.property(
        fc.string({ maxLength: 8 }),
        fc.string({ maxLength: 8 }),
        fc.integer({ min: 0, max: 3 }),
        (a, b, max) => {
          const d = full(a, b);
          expect(full(b, a)).toBe(d);
          expect(boundedEditDistance(a, b, max)).toBe(Math.min(d, max + 1));
        }
      )
    );
  });
});

describe('stronglyConnectedComponents', () => {
  /** Adjacency lists → CSR. */
  const csr = (succ: readonly (readonly number[])[]): [Int32Array, Int32Array] => {
    const start = new Int32Array(succ.length + 1);
    succ.forEach((list, i) => (start[i + 1] = (start[i] ?? 0) + list.length));
    return [start, Int32Array.from(succ.flat())];
  };

  it('finds loops and leaves other nodes single', () => {
    // 0 <-> 1, 1 -> 2, 2 <-> 3, 4 alone
    const [start, targets] = csr([[1], [2, 0], [3], [2], []]);
    const { count, of } = stronglyConnectedComponents(5, start, targets);
    expect(count).toBe(3);
    expect(of[0]).toBe(of[1]);
    expect(of[2]).toBe(of[3]);
    expect(new Set([of[0], of[2], of[4]]).size).toBe(3);
    // components complete in reverse topological order: {2,3} before {0,1}
    expect(of[2]).toBeLessThan(of[0] ?? 0);
  });

  it('handles a 100k-long ring without overflowing the stack', () => {
    const n = 100_000;
    const [start, targets] = csr(Array.from({ length: n }, (_, i) => [(i + 1) % n]));
    const { count, of } = stronglyConnectedComponents(n, start, targets);
    expect(count).toBe(1);
    expect(of.every((c) => c === 0)).toBe(true);
  });

  it('agrees with mutual reachability on random graphs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(7), { maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        (raw) => {
          const n = raw.length;
          const succ = raw.map((list) => list.map((j) => j % n));
          const reach = succ.map((_, i) => {
            const seen = new Set([i]);
            const queue = [i];
            for (let h = 0; h < queue.length; h++) {
              for (const j of succ[queue[h] ?? 0] ?? []) {
                if (seen.has(j)) continue;
                seen.add(j);
                queue.push(j);
              }
            }
            return seen;
          });
          const [start, targets] = csr(succ);
          const { of } = stronglyConnectedComponents(n, start, targets);
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              const together = (reach[i]?.has(j) ?? false) && (reach[j]?.has(i) ?? false);
              expect(of[i] === of[j]).toBe(together);
            }
          }
        }
      )
    );
  });
});

describe('locateInValue', () => {
  const loc = { file: 'p.dot', line: 4, column: 17 };
  it.each([
    // a -> b [condition="outcome==x"]  (key at column 17, value text starts at column 28)
    ['points inside a quoted single-line value', 'outcome==x', 'condition', 7, 4, 35],
    [
      'counts lines inside a multi-line value',
      '* { a: b; }\n  .x { c d }',
      'model_stylesheet',
      19,
      5,
      8
    ]
  ])('%s', (_name, text, key, offset, line, column) => {
    const value = { value: text, kind: 'quoted' as const, origin: 'explicit' as const, loc };
    expect(locateInValue(value, key, offset)).toEqual({ file: 'p.dot', line, column });
  });

  it('keeps the key location for inherited values', () => {
    const value = { value: 'x', kind: 'bare' as const, origin: 'default' as const, loc };
    expect(locateInValue(value, 'condition', 0)).toEqual(loc);
  });
});
