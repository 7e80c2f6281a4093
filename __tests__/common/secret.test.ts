import { describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { Secret, redactSecrets } from '../../src/common/secret.js';

describe('Secret', () => {
  const secret = new Secret('sk-live-123456');

  it('reveals its value only through reveal()', () => {
    expect(secret.reveal()).toBe('sk-live-123456');
    for (const text of [
      String(secret),
      [secret].join(''),
      JSON.stringify({ secret }),
      inspect({ secret }, { depth: 5 })
    ])
      expect(text).not.toContain('sk-live-123456');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
    expect(Object.keys(secret)).toEqual([]);
  });

  it('redacts every occurrence from text, and ignores empty secrets', () => {
    expect(redactSecrets('a sk-live-123456 b sk-live-123456', [secret, new Secret('')])).toBe(
      'a [redacted] b [redacted]'
    );
  });
});
