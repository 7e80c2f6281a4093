import { describe, expect, it } from '@jest/globals';
import {
  normaliseChoiceLabel,
  parseAcceleratorKey,
  stripAcceleratorKey
} from '../../src/common/accelerator-key.js';

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
