/** LlmRouter: one client for every provider, configured from an environment record. */
import { describe, expect, it } from '@jest/globals';
import { LlmRouter } from '../../src/adapters/llm-router.js';
import type { LlmRequest } from '../../src/ports/llm-client.js';
import { anthropicWire } from '../support/fake-anthropic.js';
import { FakeClock } from '../support/fake-clock.js';
import { startFakeLlmServer } from '../support/fake-llm-server.js';
import { openAiResponsesWire } from '../support/fake-openai-responses.js';

const hello: LlmRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };

describe('LlmRouter', () => {
  it('routes by request.provider, else to the first provider with a key', async () => {
    await using openai = await startFakeLlmServer();
    await using anthropic = await startFakeLlmServer();
    const router = new LlmRouter({
      clock: new FakeClock(),
      env: {
        OPENAI_API_KEY: 'sk-o',
        OPENAI_BASE_URL: openAiResponsesWire.baseUrl(openai.origin),
        ANTHROPIC_API_KEY: 'sk-a',
        ANTHROPIC_BASE_URL: anthropicWire.baseUrl(anthropic.origin)
      }
    });
    openai.reply(openAiResponsesWire.turn({ text: ['from openai'] }));
    anthropic.reply(anthropicWire.turn({ text: ['from anthropic'] }));
    const first = await router.complete({ ...hello, provider: 'openai' });
    const second = await router.complete(hello);
    router.close();
    expect(first.ok && first.response.text).toBe('from openai');
    expect(second.ok && second.response.text).toBe('from anthropic');
    expect(openai.requests).toHaveLength(1);
    expect(anthropic.requests).toHaveLength(1);
  });

  it('answers a provider without a key with a configuration error, sending nothing', async () => {
    await using server = await startFakeLlmServer();
    const router = new LlmRouter({
      clock: new FakeClock(),
      env: { OPENAI_BASE_URL: openAiResponsesWire.baseUrl(server.origin) }
    });
    const named = await router.complete({ ...hello, provider: 'openai' });
    const unnamed = await router.complete(hello);
    router.close();
    expect(named).toMatchObject({
      ok: false,
      error: {
        code: 'LLM_TERMINAL',
        reason: 'configuration',
        message: 'The openai provider has no API key: set OPENAI_API_KEY.'
      }
    });
    expect(unnamed).toMatchObject({
      ok: false,
      error: {
        reason: 'configuration',
        message:
          'No LLM provider is configured: set ANTHROPIC_API_KEY, OPENAI_API_KEY or OPENAI_COMPAT_API_KEY, or name a provider.'
      }
    });
    expect(server.requests).toHaveLength(0);
  });

  it('rejects at once when the signal has already aborted', async () => {
    const router = new LlmRouter({ clock: new FakeClock(), env: {} });
    const controller = new AbortController();
    const reason = new Error('stopped');
    controller.abort(reason);
    await expect(router.complete(hello, controller.signal)).rejects.toBe(reason);
  });
});
