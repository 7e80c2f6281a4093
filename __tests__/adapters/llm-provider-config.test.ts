/** Provider configuration from an environment record: pure, and a missing key is a value naming the variable. */
import { describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import {
  defaultLlmProvider,
  resolveLlmProviderConfig
} from '../../src/adapters/llm-provider-config.js';

describe('resolveLlmProviderConfig', () => {
  it.each([
    ['openai', { OPENAI_API_KEY: 'sk-1' }, 'https://api.openai.com/v1', 'OPENAI_API_KEY'],
    [
      'openai',
      { OPENAI_API_KEY: 'sk-1', OPENAI_BASE_URL: 'http://gw.local/openai/v1/' },
      'http://gw.local/openai/v1',
      'OPENAI_API_KEY'
    ],
    [
      'anthropic',
      { ANTHROPIC_API_KEY: ' sk-ant-1\n' },
      'https://api.anthropic.com',
      'ANTHROPIC_API_KEY'
    ],
    [
      'anthropic',
      { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'https://proxy.example/anthropic' },
      'https://proxy.example/anthropic',
      'ANTHROPIC_API_KEY'
    ],
    [
      'openai-compat',
      { OPENAI_COMPAT_API_KEY: 'x', OPENAI_COMPAT_BASE_URL: 'http://localhost:11434/v1' },
      'http://localhost:11434/v1',
      'OPENAI_COMPAT_API_KEY'
    ]
  ])('%s with %j → %s', (provider, env, baseUrl, keyVariable) => {
    const result = resolveLlmProviderConfig(provider, env);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.config).toMatchObject({ provider, baseUrl, keyVariable });
    expect(result.config.apiKey.reveal()).toBe(Object.values(env)[0]?.trim());
  });

  it.each([
    ['openai', {}, 'The openai provider has no API key: set OPENAI_API_KEY.'],
    [
      'openai',
      { OPENAI_API_KEY: '   ' },
      'The openai provider has no API key: set OPENAI_API_KEY.'
    ],
    [
      'anthropic',
      { OPENAI_API_KEY: 'sk' },
      'The anthropic provider has no API key: set ANTHROPIC_API_KEY.'
    ],
    [
      'openai-compat',
      {},
      'The openai-compat provider has no API key: set OPENAI_COMPAT_API_KEY (any value for an endpoint that needs none).'
    ],
    [
      'openai-compat',
      { OPENAI_COMPAT_API_KEY: 'x' },
      'The openai-compat provider has no endpoint: set OPENAI_COMPAT_BASE_URL to its base URL (e.g. http://localhost:11434/v1).'
    ],
    [
      'openai',
      { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'api.openai.com' },
      "OPENAI_BASE_URL is not an http(s) URL: 'api.openai.com'. Fix it or unset it to use https://api.openai.com/v1."
    ],
    [
      'anthropc',
      {},
      "Unknown LLM provider 'anthropc'. Did you mean 'anthropic'? Use one of: openai, openai-compat, anthropic."
    ],
    ['gemini', {}, "Unknown LLM provider 'gemini'. Use one of: openai, openai-compat, anthropic."]
  ])('%s with %j → a terminal configuration error', (provider, env, message) => {
    const result = resolveLlmProviderConfig(provider, env);
    if (result.ok) throw new Error('expected an error');
    expect(result.error).toMatchObject({ code: 'LLM_TERMINAL', reason: 'configuration', message });
  });

  it('keeps the key out of the config’s string, JSON and inspect forms', () => {
    const result = resolveLlmProviderConfig('openai', { OPENAI_API_KEY: 'sk-very-secret' });
    if (!result.ok) throw new Error(result.error.message);
    for (const text of [
      JSON.stringify(result),
      inspect(result, { depth: Infinity }),
      String(result.config.apiKey)
    ])
      expect(text).not.toContain('sk-very-secret');
  });
});

describe('defaultLlmProvider', () => {
  it.each([
    [{ OPENAI_API_KEY: 'a', ANTHROPIC_API_KEY: 'b' }, 'anthropic'],
    [{ OPENAI_API_KEY: 'a' }, 'openai'],
    [{ OPENAI_COMPAT_API_KEY: 'c' }, 'openai-compat'],
    [{ ANTHROPIC_API_KEY: ' ' }, undefined],
    [{}, undefined]
  ])('%j → %s', (env, provider) => {
    expect(defaultLlmProvider(env)).toBe(provider);
  });
});
