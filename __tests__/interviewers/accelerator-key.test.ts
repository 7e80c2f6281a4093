import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  normaliseChoiceLabel,
  parseAcceleratorKey,
  stripAcceleratorKey
} from '../../src/common/accelerator-key.js';
import { formatTimeout } from '../../src/common/format-timeout.js';
import { parseDuration } from '../../src/graph/values.js';

describe('parseAcceleratorKey (spec §4.6 table)', () => {
  it.each([
    ['[Y] Yes, deploy', 'Y'],
    ['Y) Yes, deploy', 'Y'],
    ['Y - Yes, deploy', 'Y'],
    ['Yes, deploy', 'Y'],
    ['[a] approve', 'A'],
    ['  r) rework', 'R'],
    ['[OK] Fine', 'OK'],
    ['deploy', 'D'],
    ['Yes - deploy', 'Y'],
    ['', '']
  ])('%j → %j', (label, key) => {
    expect(parseAcceleratorKey(label)).toBe(key);
  });
});

describe('stripAcceleratorKey / normaliseChoiceLabel', () => {
  it.each([
    ['[A] Approve', 'Approve', 'approve'],
    ['A) Approve', 'Approve', 'approve'],
    ['A - Approve', 'Approve', 'approve'],
    ['  Approve  ', 'Approve', 'approve'],
    ['[A]  Ship   it', 'Ship   it', 'ship it'],
    ['Yes - deploy now', 'Yes - deploy now', 'yes - deploy now'],
    ['[A]', '[A]', '[a]']
  ])('%j → %j / %j', (label, stripped, normalised) => {
    expect(stripAcceleratorKey(label)).toBe(stripped);
    expect(normaliseChoiceLabel(label)).toBe(normalised);
  });
});

describe('formatTimeout', () => {
  it.each([
    [300_000, '5m'],
    [5_400_000, '1h30m'],
    [1500, '1s500ms'],
    [86_400_000, '1d'],
    [0, '0s']
  ])('%d ms → %s', (ms, text) => {
    expect(formatTimeout(ms)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 * 86_400_000 }), (ms) => {
        expect(parseDuration(formatTimeout(ms))).toBe(ms);
      })
    );
  });
});
