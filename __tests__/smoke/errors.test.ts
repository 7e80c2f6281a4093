import { describe, expect, it } from '@jest/globals';
import { TrackerError, errorMessage, isTrackerError } from '../../src/common/errors.js';

describe('TrackerError', () => {
  it('is recognised by code, not class identity', () => {
    const e = new TrackerError('USAGE', 'bad flag', { cause: new Error('inner') });
    expect(isTrackerError(e)).toBe(true);
    expect(e.code).toBe('USAGE');
    expect((e.cause as Error).message).toBe('inner');
    expect(isTrackerError({ trackerError: true, code: 'X' })).toBe(true);
    expect(isTrackerError(new Error('x'))).toBe(false);
    expect(isTrackerError(null)).toBe(false);
  });
  it('renders non-Error throws', () => {
    expect(errorMessage('boom')).toBe('boom');
    expect(errorMessage({ a: 1 })).toBe('{"a":1}');
    expect(errorMessage(new Error('e'))).toBe('e');
  });
});
