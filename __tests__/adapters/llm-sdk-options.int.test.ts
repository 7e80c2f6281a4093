/**
 * The SDK clients are given every option explicitly (style.md §4.5): their own environment variables,
 * retries and logging change nothing. Env stubs only; the real SDKs talk to the loopback fake.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { AnthropicClient } from '../../src/adapters/anthropic-client.js';
import { OpenAiChatClient } from '../../src/adapters/openai-chat-client.js';
import { OpenAiResponsesClient } from '../../src/adapters/openai-responses-client.js';
import { Secret } from '../../src/common/secret.js';
import type { LlmClient } from '../../src/ports/llm-client.js';
import { anthropicWire } from '../support/fake-anthropic.js';
import { FakeClock } from '../support/fake-clock.js';
import { startFakeLlmServer } from '../support/fake-llm-server.js';
import type { ProviderWire } from '../support/fake-llm-wire.js';
import { openAiChatWire } from '../support/fake-openai-chat.js';
import { openAiResponsesWire } from '../support/fake-openai-responses.js';

const SDK_ENV = {
  OPENAI_API_KEY: 'sk-from-env',
  OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
  OPENAI_ORG_ID: 'org-from-env',
  OPENAI_PROJECT_ID: 'proj-from-env',
  OPENAI_LOG: 'debug',
  ANTHROPIC_API_KEY: 'sk-ant-from-env',
  ANTHROPIC_AUTH_TOKEN: 'token-from-env',
  ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
  ANTHROPIC_LOG: 'debug'
};

const saved: Record<string, string | undefined> = {};
const spies: { mockRestore(): void; mock: { calls: unknown[][] } }[] = [];

beforeEach(() => {
  for (const [name, value] of Object.entries(SDK_ENV)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    spies.push(jest.spyOn(console, method).mockImplementation(() => {}));
});

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  for (const spy of spies.splice(0)) spy.mockRestore();
});

const cases: ReadonlyArray<
  readonly [string, ProviderWire, (baseUrl: string) => LlmClient & { close(): void }]
> = [
  [
    'OpenAI Responses',
    openAiResponsesWire,
    (baseUrl) =>
      new OpenAiResponsesClient({ clock: new FakeClock(), apiKey: new Secret('sk-given'), baseUrl })
  ],
  [
    'Chat Completions',
    openAiChatWire,
    (baseUrl) =>
      new OpenAiChatClient({ clock: new FakeClock(), apiKey: new Secret('sk-given'), baseUrl })
  ],
  [
    'Anthropic',
    anthropicWire,
    (baseUrl) =>
      new AnthropicClient({ clock: new FakeClock(), apiKey: new Secret('sk-given'), baseUrl })
  ]
];

describe.each(cases)('%s SDK options', (_name, wire, make) => {
  it('uses the given key and base URL, not the SDK’s environment variables, and logs nothing', async () => {
    await using server = await startFakeLlmServer({ replies: [wire.turn({ text: ['ok'] })] });
    const client = make(wire.baseUrl(server.origin));
    const result = await client.complete({
      model: wire.model,
      messages: [{ role: 'user', content: 'hi' }]
    });
    client.close();
    expect(result.ok).toBe(true);
    const headers = server.requests[0]?.headers ?? {};
    expect(wire.apiKey(headers)).toBe('sk-given');
    expect(headers).not.toHaveProperty('openai-organization');
    expect(headers).not.toHaveProperty('openai-project');
    expect(JSON.stringify(headers)).not.toContain('from-env');
    expect(spies.flatMap((spy) => spy.mock.calls)).toEqual([]);
  });

  it('never retries inside the SDK: a 500 and a 429 are sent once each', async () => {
    await using server = await startFakeLlmServer({
      replies: [wire.error('server'), wire.error('rate_limit', { headers: { 'retry-after': '0' } })]
    });
    const client = make(wire.baseUrl(server.origin));
    const request = { model: wire.model, messages: [{ role: 'user' as const, content: 'hi' }] };
    const first = await client.complete(request);
    const second = await client.complete(request);
    client.close();
    expect([first.ok, second.ok]).toEqual([false, false]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '0']);
  });
});
