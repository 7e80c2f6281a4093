import { describe, expect, it } from '@jest/globals';
import { isTrackerError } from '../../src/common/errors.js';
import { LLM_ERROR_KINDS, LlmError, isLlmError } from '../../src/common/llm-error.js';

describe('LlmError', () => {
  it.each(Object.entries(LLM_ERROR_KINDS))(
    'reason %s is %s, with the matching code',
    (reason, kind) => {
      const error = new LlmError({ reason: reason as keyof typeof LLM_ERROR_KINDS, message: 'm' });
      expect(error.kind).toBe(kind);
      expect(error.code).toBe(
        { retryable: 'LLM_RETRYABLE', terminal: 'LLM_TERMINAL', pause: 'LLM_PAUSE' }[kind]
      );
      expect(isTrackerError(error)).toBe(true);
      expect(isLlmError(error)).toBe(true);
    }
  );

  it('pauses only for billing and quota; every pause and terminal reason is deliberate', () => {
    const byKind = (kind: string) =>
      Object.entries(LLM_ERROR_KINDS)
        .filter(([, k]) => k === kind)
        .map(([reason]) => reason)
        .sort();
    expect(byKind('pause')).toEqual(['billing', 'quota']);
    expect(byKind('terminal')).toEqual([
      'authentication',
      'configuration',
      'content_filter',
      'context_length',
      'invalid_request',
      'not_found',
      'permission'
    ]);
  });

  it('serializes its fields (not its cause) and keeps the cause for inspection', () => {
    const cause = new Error('socket hang up');
    const error = new LlmError({
      reason: 'rate_limit',
      message: 'OpenAI rate-limited the request (429).',
      provider: 'openai',
      model: 'gpt-5.5',
      status: 429,
      retryAfterMs: 7000,
      cause
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'LlmError',
      code: 'LLM_RETRYABLE',
      kind: 'retryable',
      reason: 'rate_limit',
      message: 'OpenAI rate-limited the request (429).',
      provider: 'openai',
      model: 'gpt-5.5',
      status: 429,
      retryAfterMs: 7000
    });
    expect(error.cause).toBe(cause);
  });

  it('is not mistaken for another value', () => {
    expect(isLlmError(new Error('x'))).toBe(false);
    expect(isLlmError({ llmError: true })).toBe(false);
    expect(isLlmError(null)).toBe(false);
  });
});
