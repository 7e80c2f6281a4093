/** The one duration formatter: exact DOT durations for what a pipeline sets, rounded ones for measured times. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatDuration } from '../../src/common/format-duration.js';
import { MAX_DURATION_MS, parseDuration } from '../../src/graph/values.js';

describe('formatDuration (exact)', () => {
  it.each([
    [300_000, '5m'],
    [5_400_000, '1h30m'],
    [1500, '1s500ms'],
    [250, '250ms'],
    [90_000, '1m30s'],
    [86_400_000, '1d'],
    [MAX_DURATION_MS, '24d20h31m23s647ms'],
    [0, '0s']
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 * 86_400_000 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      })
    );
  });
});

describe('formatDuration (approximate)', () => {
  it.each([
    [0, '0ms'],
    [12.4, '12ms'],
    [999.4, '999ms'],
    [999.6, '1.00s'],
    [1234, '1.23s'],
    [9_994, '9.99s'],
    [9_996, '10.0s'],
    [12_345, '12.3s'],
    [59_949, '59.9s'],
    [59_960, '1m00s'],
    [65_432, '1m05s'],
    [3_599_400, '59m59s'],
    [3_599_600, '1h00m'],
    [7_620_000, '2h07m'],
    [97_200_000, '1d03h']
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms, { approximate: true })).toBe(text);
  });

  it('stays within the rounding of its last unit and reads back as a DOT duration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * 86_400_000 }), (ms) => {
        const text = formatDuration(ms, { approximate: true });
        const back = parseDuration(text) ?? Number.NaN;
        // 2 significant decimals of a second below 10 s, 1 below 1 min, then half the smaller unit.
        const unit =
          ms < 1000
            ? 1
            : ms < 10_000
              ? 10
              : ms < 60_000
                ? 100
                : ms < 3_600_000
                  ? 1000
                  : ms < 86_400_000
                    ? 60_000
                    : 3_600_000;
        expect(Math.abs(back - ms)).toBeLessThanOrEqual(unit / 2 + 0.5);
      })
    );
  });
});
