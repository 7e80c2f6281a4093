/**
 * One suite for the LlmClient port, run against every adapter: the real SDK talks to a loopback fake that
 * speaks the provider's wire format (support/fake-*.ts). Time is a FakeClock: deadlines fire when the test
 * advances it, never by waiting.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { inspect } from 'node:util';
import { AnthropicClient } from '../../src/adapters/anthropic-client.js';
import { OpenAiChatClient } from '../../src/adapters/openai-chat-client.js';
import { OpenAiResponsesClient } from '../../src/adapters/openai-responses-client.js';
import { Secret } from '../../src/common/secret.js';
import type {
  LlmClient,
  LlmRequest,
  LlmResult,
  LlmStreamEvent
} from '../../src/ports/llm-client.js';
import { anthropicWire } from '../support/fake-anthropic.js';
import { FakeClock } from '../support/fake-clock.js';
import {
  gate,
  startFakeLlmServer,
  type FakeLlmServer,
  type FakeReply
} from '../support/fake-llm-server.js';
import type { ProviderWire } from '../support/fake-llm-wire.js';
import { openAiChatWire } from '../support/fake-openai-chat.js';
import { openAiResponsesWire } from '../support/fake-openai-responses.js';

const KEY = 'sk-test-SECRET-4f9c2a7e1b3d';
const IDLE_MS = 60_000;

interface ClientOptions {
  readonly clock: FakeClock;
  readonly baseUrl: string;
  readonly streamIdleTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

type Closable = LlmClient & { close(): void };

const implementations: ReadonlyArray<
  readonly [string, ProviderWire, (o: ClientOptions) => Closable]
> = [
  [
    'OpenAI Responses',
    openAiResponsesWire,
    (o) => new OpenAiResponsesClient({ ...o, apiKey: new Secret(KEY) })
  ],
  [
    'OpenAI-compatible Chat Completions',
    openAiChatWire,
    (o) => new OpenAiChatClient({ ...o, apiKey: new Secret(KEY) })
  ],
  [
    'Anthropic Messages',
    anthropicWire,
    (o) => new AnthropicClient({ ...o, apiKey: new Secret(KEY) })
  ]
];

describe.each(implementations)('LlmClient conformance: %s', (_name, wire, makeClient) => {
  let server: FakeLlmServer;
  let clock: FakeClock;
  let client: Closable;
  let events: LlmStreamEvent[];
  let waiters: (() => void)[];

  async function open(options: { streamIdleTimeoutMs?: number; requestTimeoutMs?: number } = {}) {
    client.close();
    client = makeClient({
      clock,
      baseUrl: wire.baseUrl(server.origin),
      streamIdleTimeoutMs: IDLE_MS,
      ...options
    });
    return Promise.resolve();
  }

  beforeEach(async () => {
    server = await startFakeLlmServer();
    clock = new FakeClock();
    client = makeClient({
      clock,
      baseUrl: wire.baseUrl(server.origin),
      streamIdleTimeoutMs: IDLE_MS
    });
    events = [];
    waiters = [];
  });

  afterEach(async () => {
    client.close();
    await server.close();
  });

  const base = (extra: Partial<LlmRequest> = {}): LlmRequest => ({
    model: wire.model,
    system: 'Be brief.',
    messages: [{ role: 'user', content: 'Say hello.' }],
    ...extra
  });

  function run(request: LlmRequest, signal?: AbortSignal): Promise<LlmResult> {
    return client.complete(request, signal, (event) => {
      events.push(event);
      waiters.splice(0).forEach((wake) => wake());
    });
  }

  /** Resolves once `count` text deltas have arrived (no polling: the listener wakes it). */
  async function textDeltas(count: number): Promise<void> {
    while (events.filter((e) => e.type === 'text.delta').length < count)
      await new Promise<void>((wake) => waiters.push(wake));
  }

  function ok(result: LlmResult) {
    if (!result.ok) throw new Error(`expected success, got ${result.error.message}`);
    return result.response;
  }

  function failed(result: LlmResult) {
    if (result.ok) throw new Error('expected a failure, got a response');
    return result.error;
  }

  it('streams a text completion: events in order, deltas concatenating to the text', async () => {
    server.reply(wire.turn({ text: ['Hel', 'lo', ' world'], model: wire.model }));
    const response = ok(await run(base()));
    expect(response).toMatchObject({
      provider: wire.provider,
      model: wire.model,
      text: 'Hello world',
      message: { role: 'assistant', content: [{ type: 'text', text: 'Hello world' }] },
      toolCalls: [],
      finishReason: { reason: 'stop' },
      requestId: 'req_fake_1'
    });
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('stream.started');
    expect(types[types.length - 1]).toBe('response.completed');
    expect(events.filter((e) => e.type === 'text.delta').map((e) => e.delta)).toEqual([
      'Hel',
      'lo',
      ' world'
    ]);
    const started = types.indexOf('text.started');
    const firstDelta = types.indexOf('text.delta');
    const completed = types.indexOf('text.completed');
    expect(started).toBeGreaterThan(0);
    expect(started).toBeLessThan(firstDelta);
    expect(completed).toBeGreaterThan(types.lastIndexOf('text.delta'));
    expect(completed).toBeLessThan(types.length - 1);

    const [recorded] = server.requests;
    expect(recorded?.path).toBe(wire.path);
    expect(wire.streams(recorded?.body)).toBe(true);
    expect(wire.system(recorded?.body)).toBe('Be brief.');
    expect(wire.userTexts(recorded?.body)).toEqual(['Say hello.']);
    expect(wire.apiKey(recorded?.headers ?? {})).toBe(KEY);
  });

  it('answers a non-streaming request (stream: false) with the same response and events', async () => {
    server.reply(wire.turn({ text: ['Hello world'] }, { stream: false }));
    const response = ok(await run(base({ stream: false })));
    expect(response.text).toBe('Hello world');
    expect(response.finishReason.reason).toBe('stop');
    expect(wire.streams(server.requests[0]?.body)).toBe(false);
    expect(events[0]?.type).toBe('stream.started');
    expect(events[events.length - 1]?.type).toBe('response.completed');
  });

  it.each([true, false])('maps usage, cache and reasoning tokens (stream: %s)', async (stream) => {
    const usage = { input: 1000, output: 200, cacheRead: 600, cacheWrite: 100, reasoning: 50 };
    server.reply(wire.turn({ text: ['ok'], usage }, { stream }));
    const response = ok(await run(base({ stream })));
    expect(response.usage).toEqual({
      inputTokens: 1000,
      outputTokens: 200,
      totalTokens: 1200,
      cacheReadTokens: 600,
      cacheWriteTokens: 100,
      reasoningTokens: 50
    });
    expect(events.some((e) => e.type === 'usage.updated')).toBe(true);
  });

  it('reports reasoning as its own part, before the text', async () => {
    server.reply(wire.turn({ reasoning: ['Think', 'ing'], text: ['Done.'] }));
    const response = ok(await run(base()));
    expect(response.message.content.map((p) => p.type)).toEqual(['reasoning', 'text']);
    expect(response.message.content[0]).toMatchObject({ type: 'reasoning', text: 'Thinking' });
    expect(response.text).toBe('Done.');
    expect(
      events
        .filter((e) => e.type === 'reasoning.delta')
        .map((e) => e.delta)
        .join('')
    ).toBe('Thinking');
  });

  it('says when the output hit the token limit', async () => {
    server.reply(wire.turn({ text: ['Trunc'], finish: 'length' }));
    expect(ok(await run(base({ maxTokens: 5 }))).finishReason.reason).toBe('length');
  });

  it('round-trips a tool call: declared tools, streamed arguments, the result sent back', async () => {
    const tools = [
      {
        name: 'read_file',
        description: 'Read a file from the work dir',
        parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] }
      }
    ];
    server.reply(
      wire.turn({
        toolCalls: [{ id: 'call_1', name: 'read_file', argumentChunks: ['{"pa', 'th":"a.txt"}'] }]
      }),
      wire.turn({ text: ['It says hi.'] })
    );
    const first = ok(await run(base({ tools })));
    expect(first.finishReason.reason).toBe('tool_calls');
    expect(first.toolCalls).toEqual([
      {
        id: 'call_1',
        name: 'read_file',
        arguments: { path: 'a.txt' },
        rawArguments: '{"path":"a.txt"}'
      }
    ]);
    expect(events.find((e) => e.type === 'tool_call.started')).toMatchObject({
      id: 'call_1',
      name: 'read_file'
    });
    expect(
      events
        .filter((e) => e.type === 'tool_call.delta')
        .map((e) => e.argumentsDelta)
        .join('')
    ).toBe('{"path":"a.txt"}');
    expect(events.find((e) => e.type === 'tool_call.completed')).toMatchObject({
      toolCall: { id: 'call_1', arguments: { path: 'a.txt' } }
    });
    expect(wire.toolNames(server.requests[0]?.body)).toEqual(['read_file']);

    const second = ok(
      await run(
        base({
          tools,
          messages: [
            { role: 'user', content: 'What does a.txt say?' },
            first.message,
            { role: 'tool', toolCallId: 'call_1', content: 'hi' }
          ]
        })
      )
    );
    expect(second.text).toBe('It says hi.');
    const body = server.requests[1]?.body;
    expect(wire.toolCallsSent(body)).toEqual([
      { id: 'call_1', name: 'read_file', arguments: { path: 'a.txt' } }
    ]);
    expect(wire.toolResults(body)).toEqual([{ id: 'call_1', content: 'hi', isError: false }]);
  });

  it('measures time to first token and latency on the injected clock', async () => {
    const first = gate();
    const last = gate();
    server.reply(
      wire.turn(
        { text: ['a', 'b'] },
        {
          pauses: [
            { beforeTextDelta: 0, wait: first.wait },
            { beforeTextDelta: 1, wait: last.wait }
          ]
        }
      )
    );
    const pending = run(base());
    await server.waitForRequests(1);
    await clock.advance(250);
    first.open();
    await textDeltas(1);
    await clock.advance(750);
    last.open();
    const response = ok(await pending);
    expect(response.timings).toEqual({
      startedAt: clock.now() - 1000,
      timeToFirstTokenMs: 250,
      latencyMs: 1000
    });
  });

  const expected = (code: string, reason: string, extra: Record<string, unknown> = {}) => ({
    code,
    kind: { LLM_RETRYABLE: 'retryable', LLM_TERMINAL: 'terminal', LLM_PAUSE: 'pause' }[code],
    reason,
    provider: wire.provider,
    ...extra
  });

  const errorCases: ReadonlyArray<
    readonly [string, () => FakeReply, () => Record<string, unknown>]
  > = [
    [
      '429 with retry-after (seconds)',
      () => wire.error('rate_limit', { headers: { 'retry-after': '7' } }),
      () => expected('LLM_RETRYABLE', 'rate_limit', { status: 429, retryAfterMs: 7000 })
    ],
    [
      '429 with retry-after-ms (wins over retry-after)',
      () => wire.error('rate_limit', { headers: { 'retry-after-ms': '1500', 'retry-after': '2' } }),
      () => expected('LLM_RETRYABLE', 'rate_limit', { status: 429, retryAfterMs: 1500 })
    ],
    ['500', () => wire.error('server'), () => expected('LLM_RETRYABLE', 'server', { status: 500 })],
    [
      'overloaded',
      () => wire.error('overloaded'),
      () => expected('LLM_RETRYABLE', wire.overloadedReason)
    ],
    [
      'an error event inside the stream',
      () => wire.error('stream_error'),
      () => expected('LLM_RETRYABLE', wire.streamErrorReason)
    ],
    [
      'a connection reset before any answer',
      () => ({ kind: 'reset' }),
      () => expected('LLM_RETRYABLE', 'network')
    ],
    [
      'a disconnect in the middle of the stream',
      () => wire.turn({ text: ['Hel', 'lo'] }, { cut: { afterTextDeltas: 1, end: 'destroy' } }),
      () => expected('LLM_RETRYABLE', 'incomplete_stream')
    ],
    [
      '401',
      () => wire.error('authentication'),
      () => expected('LLM_TERMINAL', 'authentication', { status: 401 })
    ],
    [
      '404',
      () => wire.error('not_found'),
      () => expected('LLM_TERMINAL', 'not_found', { status: 404 })
    ],
    [
      'context too long',
      () => wire.error('context_length'),
      () => expected('LLM_TERMINAL', 'context_length', { status: 400 })
    ],
    [
      'billing or quota exhausted',
      () => wire.error('billing'),
      () => expected('LLM_PAUSE', wire.billingReason)
    ],
    [
      '402 payment required',
      () => ({
        kind: 'json',
        status: 402,
        body: { type: 'error', error: { type: 'billing_error', message: 'Payment required.' } }
      }),
      () => expected('LLM_PAUSE', 'billing', { status: 402 })
    ]
  ];

  it.each(errorCases)('classifies %s once, as a value', async (_case, reply, want) => {
    server.reply(reply());
    const error = failed(await run(base()));
    expect(error).toMatchObject(want());
    expect(error.model).toBe(wire.model);
    expect(error.message).toMatch(/\.$/);
  });

  it('puts the provider’s own message and the variable to check into a terminal error', async () => {
    server.reply(wire.error('context_length'));
    expect(failed(await run(base())).message).toMatch(/context|too long/i);
    server.reply(wire.error('authentication'));
    expect(failed(await run(base())).message).toContain(
      wire.provider === 'anthropic'
        ? 'ANTHROPIC_API_KEY'
        : wire.provider === 'openai'
          ? 'OPENAI_API_KEY'
          : 'OPENAI_COMPAT_API_KEY'
    );
  });

  it('abandons a stream that goes silent at the idle deadline (retryable) and closes the connection', async () => {
    server.reply(wire.turn({ text: ['Hel', 'lo'] }, { cut: { afterTextDeltas: 1, end: 'hang' } }));
    const pending = run(base());
    await textDeltas(1);
    await clock.advance(IDLE_MS - 1);
    await clock.advance(1);
    const error = failed(await pending);
    expect(error).toMatchObject({ code: 'LLM_RETRYABLE', reason: 'idle_timeout' });
    expect(error.message).toContain('1m');
    await server.waitForNoConnections();
  });

  it('keys the idle deadline on received bytes: a slow stream that keeps sending completes', async () => {
    const second = gate();
    const third = gate();
    server.reply(
      wire.turn(
        { text: ['a', 'b', 'c'] },
        {
          pauses: [
            { beforeTextDelta: 1, wait: second.wait },
            { beforeTextDelta: 2, wait: third.wait }
          ]
        }
      )
    );
    const pending = run(base());
    await textDeltas(1);
    await clock.advance(IDLE_MS - 1000);
    second.open();
    await textDeltas(2);
    await clock.advance(IDLE_MS - 1000);
    third.open();
    expect(ok(await pending).text).toBe('abc');
  });

  it('gives up on a provider that never sends headers: idle deadline, else the request timeout', async () => {
    server.reply({ kind: 'hang' });
    const idle = run(base());
    await server.waitForRequests(1);
    await clock.advance(IDLE_MS);
    expect(failed(await idle)).toMatchObject({ code: 'LLM_RETRYABLE', reason: 'idle_timeout' });

    await open({ streamIdleTimeoutMs: 10 * 60_000, requestTimeoutMs: 30_000 });
    server.reply({ kind: 'hang' });
    const slow = run(base());
    await server.waitForRequests(2);
    await clock.advance(30_000);
    expect(failed(await slow)).toMatchObject({ code: 'LLM_RETRYABLE', reason: 'request_timeout' });
  });

  it('rejects with the abort reason when the signal aborts, and hangs up', async () => {
    server.reply({ kind: 'hang' });
    const controller = new AbortController();
    const pending = run(base(), controller.signal);
    await server.waitForRequests(1);
    const reason = new Error('run stopped');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await server.waitForNoConnections();

    server.reply(wire.turn({ text: ['Hel', 'lo'] }, { cut: { afterTextDeltas: 1, end: 'hang' } }));
    const midStream = new AbortController();
    const streaming = run(base(), midStream.signal);
    await textDeltas(1);
    midStream.abort(reason);
    await expect(streaming).rejects.toBe(reason);

    const already = new AbortController();
    already.abort(reason);
    await expect(run(base(), already.signal)).rejects.toBe(reason);
    expect(server.requests).toHaveLength(2);
  });

  it('rejects with a listener’s own error when the listener throws, and hangs up', async () => {
    server.reply(wire.turn({ text: ['Hel', 'lo'] }, { cut: { afterTextDeltas: 1, end: 'hang' } }));
    const bug = new Error('listener bug');
    const pending = client.complete(base(), undefined, (event) => {
      if (event.type === 'text.delta') throw bug;
    });
    await expect(pending).rejects.toBe(bug);
    await server.waitForNoConnections();
  });

  describe('the API key', () => {
    const spies: { mockRestore(): void; mock: { calls: unknown[][] } }[] = [];
    beforeEach(() => {
      for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
        spies.push(jest.spyOn(console, method).mockImplementation(() => {}));
    });
    afterEach(() => {
      for (const spy of spies.splice(0)) spy.mockRestore();
    });

    const leaks = (value: unknown) =>
      [JSON.stringify(value), inspect(value, { depth: Infinity }), String(value)].some((text) =>
        text.includes(KEY)
      );

    it.each([
      [
        'a 401 that echoes the key',
        () => wire.error('authentication', { echo: ` (you sent ${KEY})` })
      ],
      [
        'an in-stream error that echoes the key',
        () => wire.error('stream_error', { echo: ` key=${KEY}` })
      ]
    ])('never appears in errors or logs: %s', async (_case, reply) => {
      server.reply(reply());
      const result = await run(base());
      expect(wire.apiKey(server.requests[0]?.headers ?? {})).toBe(KEY);
      const error = failed(result);
      expect(error.message).not.toContain(KEY);
      expect(leaks(error)).toBe(false);
      expect(leaks(result)).toBe(false);
      expect(leaks(error.cause)).toBe(false);
      expect(spies.flatMap((spy) => spy.mock.calls).some((args) => leaks(args))).toBe(false);
    });

    it('is not in a response, its events or the client object', async () => {
      server.reply(wire.turn({ text: ['hi'] }));
      const result = await run(base());
      expect(leaks(ok(result))).toBe(false);
      expect(leaks(events)).toBe(false);
      expect(leaks(client)).toBe(false);
    });
  });
});
