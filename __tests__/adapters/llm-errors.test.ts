/** Provider errors → LlmError, with the SDKs' own error classes as input (no fakes of the SDKs needed). */
import { describe, expect, it } from '@jest/globals';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { inspect } from 'node:util';
import {
  IncompleteStreamError,
  ProviderStreamError,
  classifyLlmError,
  retryAfterMs,
  sanitizeCause,
  type ClassifyContext
} from '../../src/adapters/llm-errors.js';
import { Secret } from '../../src/common/secret.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const KEY = 'sk-ant-TOPSECRET-0123456789';

function ctx(provider: ClassifyContext['provider'] = 'openai'): ClassifyContext {
  return {
    provider,
    model: 'm-1',
    baseUrl: 'https://api.example.test/v1',
    keyVariable: provider === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY',
    secrets: [new Secret(KEY)],
    now: NOW
  };
}

const openAi = (
  status: number,
  error: Record<string, unknown>,
  headers: Record<string, string> = {}
) => OpenAI.APIError.generate(status, { error }, undefined, new Headers(headers));
const anthropic = (
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {}
) =>
  Anthropic.APIError.generate(
    status,
    { type: 'error', error: { type, message } },
    undefined,
    new Headers(headers)
  );

describe('classifyLlmError', () => {
  it.each([
    [
      'OpenAI 429',
      openAi(429, { message: 'slow down', type: 'requests', code: 'rate_limit_exceeded' }),
      'rate_limit',
      'LLM_RETRYABLE'
    ],
    [
      'OpenAI 429 insufficient_quota',
      openAi(429, { message: 'quota', type: 'insufficient_quota', code: 'insufficient_quota' }),
      'quota',
      'LLM_PAUSE'
    ],
    [
      'OpenAI 400 context_length_exceeded',
      openAi(400, { message: 'too long', code: 'context_length_exceeded' }),
      'context_length',
      'LLM_TERMINAL'
    ],
    [
      'OpenAI 400',
      openAi(400, { message: "Unknown parameter: 'foo'.", type: 'invalid_request_error' }),
      'invalid_request',
      'LLM_TERMINAL'
    ],
    [
      'OpenAI 401',
      openAi(401, { message: 'bad key', code: 'invalid_api_key' }),
      'authentication',
      'LLM_TERMINAL'
    ],
    ['OpenAI 403', openAi(403, { message: 'region' }), 'permission', 'LLM_TERMINAL'],
    [
      'OpenAI 404',
      openAi(404, { message: 'no model', code: 'model_not_found' }),
      'not_found',
      'LLM_TERMINAL'
    ],
    ['OpenAI 408', openAi(408, { message: 'timeout' }), 'server', 'LLM_RETRYABLE'],
    ['OpenAI 409', openAi(409, { message: 'conflict' }), 'server', 'LLM_RETRYABLE'],
    ['OpenAI 413', openAi(413, { message: 'too large' }), 'context_length', 'LLM_TERMINAL'],
    ['OpenAI 422', openAi(422, { message: 'bad' }), 'invalid_request', 'LLM_TERMINAL'],
    [
      'OpenAI 500',
      openAi(500, { message: 'oops', type: 'server_error' }),
      'server',
      'LLM_RETRYABLE'
    ],
    ['OpenAI 503', openAi(503, { message: 'overloaded' }), 'server', 'LLM_RETRYABLE'],
    [
      'OpenAI billing_hard_limit_reached',
      openAi(400, { message: 'limit', code: 'billing_hard_limit_reached' }),
      'billing',
      'LLM_PAUSE'
    ],
    ['402', openAi(402, { message: 'pay' }), 'billing', 'LLM_PAUSE'],
    [
      'Anthropic 529',
      anthropic(529, 'overloaded_error', 'Overloaded'),
      'overloaded',
      'LLM_RETRYABLE'
    ],
    [
      'Anthropic credit balance',
      anthropic(
        400,
        'invalid_request_error',
        'Your credit balance is too low to access the Anthropic API.'
      ),
      'billing',
      'LLM_PAUSE'
    ],
    ['Anthropic billing_error', anthropic(400, 'billing_error', 'billing'), 'billing', 'LLM_PAUSE'],
    [
      'Anthropic prompt too long',
      anthropic(400, 'invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum'),
      'context_length',
      'LLM_TERMINAL'
    ],
    [
      'Anthropic 401',
      anthropic(401, 'authentication_error', 'invalid x-api-key'),
      'authentication',
      'LLM_TERMINAL'
    ],
    [
      'Anthropic in-stream overloaded_error',
      new Anthropic.APIError(
        undefined,
        { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
        undefined,
        new Headers(),
        'overloaded_error'
      ),
      'overloaded',
      'LLM_RETRYABLE'
    ],
    [
      'Anthropic in-stream api_error',
      new Anthropic.APIError(
        undefined,
        { type: 'error', error: { type: 'api_error', message: 'boom' } },
        undefined,
        new Headers(),
        'api_error'
      ),
      'server',
      'LLM_RETRYABLE'
    ],
    [
      'OpenAI in-stream error event',
      new OpenAI.APIError(
        undefined,
        { type: 'error', code: 'rate_limit_exceeded', message: 'slow' },
        undefined,
        new Headers()
      ),
      'rate_limit',
      'LLM_RETRYABLE'
    ],
    [
      'response.failed server_error',
      new ProviderStreamError('server_error', 'failed'),
      'server',
      'LLM_RETRYABLE'
    ],
    [
      'response.failed policy',
      new ProviderStreamError('bio_policy', 'refused'),
      'content_filter',
      'LLM_TERMINAL'
    ],
    [
      'response.failed invalid_prompt',
      new ProviderStreamError('invalid_prompt', 'no'),
      'invalid_request',
      'LLM_TERMINAL'
    ],
    ['an incomplete stream', new IncompleteStreamError(), 'incomplete_stream', 'LLM_RETRYABLE'],
    [
      'a connection error',
      new OpenAI.APIConnectionError({
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
          code: 'ECONNREFUSED'
        })
      }),
      'network',
      'LLM_RETRYABLE'
    ],
    [
      'fetch failed (ECONNRESET)',
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
      }),
      'network',
      'LLM_RETRYABLE'
    ],
    ['anything else', new Error('what?'), 'unknown', 'LLM_RETRYABLE']
  ])('%s → %s', (_name, error, reason, code) => {
    const classified = classifyLlmError(error, ctx());
    expect({ reason: classified.reason, code: classified.code }).toEqual({ reason, code });
  });

  it('records status, provider code, request id and model; the message ends with what to do', () => {
    const error = classifyLlmError(
      openAi(
        401,
        { message: 'Incorrect API key provided.', code: 'invalid_api_key' },
        { 'x-request-id': 'req_9' }
      ),
      ctx()
    );
    expect(error).toMatchObject({
      status: 401,
      providerCode: 'invalid_api_key',
      requestId: 'req_9',
      model: 'm-1',
      provider: 'openai'
    });
    expect(error.message).toBe(
      'OpenAI rejected the API key (401 invalid_api_key): Incorrect API key provided. Check OPENAI_API_KEY.'
    );
  });

  it('a connection that dies after the response began is an incomplete stream', () => {
    const reset = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    expect(classifyLlmError(reset, { ...ctx(), streamStarted: true }).reason).toBe(
      'incomplete_stream'
    );
    expect(classifyLlmError(reset, ctx()).reason).toBe('network');
  });

  it('strips the key from messages and keeps no headers or bodies in the cause', () => {
    const error = classifyLlmError(
      anthropic(401, 'authentication_error', `invalid x-api-key ${KEY}`, { 'x-echo': KEY }),
      ctx('anthropic')
    );
    for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: Infinity })])
      expect(text).not.toContain(KEY);
    expect(error.message).toContain('[redacted]');
    expect(error.cause).toBeInstanceOf(Error);
    expect(Object.keys(error.cause as object)).not.toContain('headers');
  });
});

describe('retryAfterMs', () => {
  const h = (values: Record<string, string>) => new Headers(values);
  it.each([
    [{ 'retry-after': '7' }, 7000],
    [{ 'retry-after': '1.5' }, 1500],
    [{ 'retry-after-ms': '250' }, 250],
    [{ 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    [{ 'retry-after': new Date(NOW + 30_000).toUTCString() }, 30_000],
    [{ 'retry-after': new Date(NOW - 30_000).toUTCString() }, 0],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined]
  ])('%j → %s', (headers, ms) => {
    expect(retryAfterMs(h(headers), NOW)).toBe(ms);
  });
});

describe('sanitizeCause', () => {
  it('copies name, message, code and status down the chain, redacting secrets', () => {
    const root = Object.assign(new Error(`socket ${KEY}`), {
      code: 'ECONNRESET',
      headers: { k: KEY }
    });
    const top = Object.assign(new Error('outer', { cause: root }), { status: 500, body: KEY });
    const copy = sanitizeCause(top, [new Secret(KEY)]) as Error & {
      status?: number;
      cause?: Error & { code?: string };
    };
    expect(copy.message).toBe('outer');
    expect(copy.status).toBe(500);
    expect(copy.cause?.message).toBe('socket [redacted]');
    expect(copy.cause?.code).toBe('ECONNRESET');
    expect(inspect(copy, { depth: Infinity })).not.toContain(KEY);
  });
});
