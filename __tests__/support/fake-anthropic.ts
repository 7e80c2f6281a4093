/** The Anthropic Messages wire format (`POST /v1/messages`, JSON and SSE, tool use, cache usage). */
import type { FakeReply } from './fake-llm-server.js';
import {
  asArray,
  asRecord,
  headerValue,
  sseReply,
  type ErrorOptions,
  type MarkedFrame,
  type ProviderWire,
  type WireError,
  type WireTurn,
  type WireUsage
} from './fake-llm-wire.js';

/** Anthropic reports uncached input apart from cache reads and writes. */
function usageOf(usage: WireUsage | undefined) {
  const u = usage ?? { input: 10, output: 5 };
  return {
    input_tokens: u.input - (u.cacheRead ?? 0) - (u.cacheWrite ?? 0),
    cache_creation_input_tokens: u.cacheWrite ?? 0,
    cache_read_input_tokens: u.cacheRead ?? 0,
    output_tokens: u.output,
    ...(u.reasoning === undefined
      ? {}
      : { output_tokens_details: { thinking_tokens: u.reasoning } })
  };
}

function stopOf(turn: WireTurn): string {
  if (turn.finish === 'length') return 'max_tokens';
  return turn.toolCalls?.length ? 'tool_use' : 'end_turn';
}

const SIGNATURE = 'sig-EqQBCkYIBRgCKkB';

function blocks(turn: WireTurn): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (turn.reasoning?.length)
    out.push({ type: 'thinking', thinking: turn.reasoning.join(''), signature: SIGNATURE });
  if (turn.text?.length) out.push({ type: 'text', text: turn.text.join('') });
  for (const call of turn.toolCalls ?? [])
    out.push({
      type: 'tool_use',
      id: call.id,
      name: call.name,
      input: JSON.parse(call.argumentChunks.join('') || '{}')
    });
  return out;
}

function message(turn: WireTurn, final: boolean) {
  const usage = usageOf(turn.usage);
  return {
    id: turn.id ?? 'msg_01',
    type: 'message',
    role: 'assistant',
    model: turn.model ?? 'claude-sonnet-4-6',
    content: final ? blocks(turn) : [],
    stop_reason: final ? stopOf(turn) : null,
    stop_sequence: null,
    usage: final ? usage : { ...usage, output_tokens: 1 }
  };
}

function streamFrames(turn: WireTurn): MarkedFrame[] {
  const ev = (
    type: string,
    fields: Record<string, unknown> = {},
    textDelta = false
  ): MarkedFrame => ({
    frame: { event: type, data: { type, ...fields } },
    textDelta
  });
  const frames: MarkedFrame[] = [
    ev('message_start', { message: message(turn, false) }),
    ev('ping')
  ];
  let index = 0;
  if (turn.reasoning?.length) {
    frames.push(
      ev('content_block_start', {
        index,
        content_block: { type: 'thinking', thinking: '', signature: '' }
      })
    );
    for (const thinking of turn.reasoning)
      frames.push(
        ev('content_block_delta', { index, delta: { type: 'thinking_delta', thinking } })
      );
    frames.push(
      ev('content_block_delta', { index, delta: { type: 'signature_delta', signature: SIGNATURE } })
    );
    frames.push(ev('content_block_stop', { index }));
    index += 1;
  }
  if (turn.text?.length) {
    frames.push(ev('content_block_start', { index, content_block: { type: 'text', text: '' } }));
    for (const text of turn.text)
      frames.push(ev('content_block_delta', { index, delta: { type: 'text_delta', text } }, true));
    frames.push(ev('content_block_stop', { index }));
    index += 1;
  }
  for (const call of turn.toolCalls ?? []) {
    frames.push(
      ev('content_block_start', {
        index,
        content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} }
      })
    );
    for (const partial_json of call.argumentChunks)
      frames.push(
        ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } })
      );
    frames.push(ev('content_block_stop', { index }));
    index += 1;
  }
  const usage = usageOf(turn.usage);
  frames.push(
    ev('message_delta', {
      delta: { stop_reason: stopOf(turn), stop_sequence: null },
      usage: {
        output_tokens: usage.output_tokens,
        ...('output_tokens_details' in usage
          ? { output_tokens_details: usage.output_tokens_details }
          : {})
      }
    }),
    ev('message_stop')
  );
  return frames;
}

function errorBody(type: string, text: string) {
  return { type: 'error', error: { type, message: text }, request_id: 'req_fake_1' };
}

function httpError(kind: Exclude<WireError, 'stream_error'>, options: ErrorOptions): FakeReply {
  const echo = options.echo ?? '';
  const reply = (status: number, type: string, text: string): FakeReply => ({
    kind: 'json',
    status,
    body: errorBody(type, `${text}${echo}`),
    headers: { 'request-id': 'req_fake_1', ...options.headers }
  });
  switch (kind) {
    case 'rate_limit':
      return reply(
        429,
        'rate_limit_error',
        'Number of request tokens has exceeded your per-minute rate limit.'
      );
    case 'server':
      return reply(500, 'api_error', 'Internal server error');
    case 'overloaded':
      return reply(529, 'overloaded_error', 'Overloaded');
    case 'billing':
    case 'quota':
      return reply(
        400,
        'invalid_request_error',
        'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.'
      );
    case 'authentication':
      return reply(401, 'authentication_error', 'invalid x-api-key');
    case 'context_length':
      return reply(
        400,
        'invalid_request_error',
        'prompt is too long: 250123 tokens > 200000 maximum'
      );
    case 'not_found':
      return reply(404, 'not_found_error', 'model: no-such-model');
  }
}

function messages(body: unknown): Record<string, unknown>[] {
  return asArray(asRecord(body)['messages']).map(asRecord);
}

function contentBlocks(body: unknown, role: string): Record<string, unknown>[] {
  return messages(body)
    .filter((m) => m['role'] === role)
    .flatMap((m) =>
      typeof m['content'] === 'string'
        ? [{ type: 'text', text: m['content'] }]
        : asArray(m['content']).map(asRecord)
    );
}

export const anthropicWire: ProviderWire = {
  provider: 'anthropic',
  model: 'claude-sonnet-4-6',
  path: '/v1/messages',
  baseUrl: (origin) => origin,
  turn(turn, options = {}): FakeReply {
    const headers = { 'request-id': 'req_fake_1', ...options.headers };
    if (options.stream === false) return { kind: 'json', body: message(turn, true), headers };
    return sseReply(streamFrames(turn), { ...options, headers });
  },
  error(kind, options = {}): FakeReply {
    if (kind !== 'stream_error') return httpError(kind, options);
    const turn: WireTurn = { text: ['partial'] };
    return {
      kind: 'sse',
      frames: [
        { event: 'message_start', data: { type: 'message_start', message: message(turn, false) } },
        { event: 'error', data: errorBody('overloaded_error', `Overloaded${options.echo ?? ''}`) }
      ]
    };
  },
  overloadedReason: 'overloaded',
  billingReason: 'billing',
  streamErrorReason: 'overloaded',
  system: (body) => {
    const system = asRecord(body)['system'];
    if (typeof system === 'string') return system;
    const texts = asArray(system).map((block) => String(asRecord(block)['text']));
    return texts.length ? texts.join('') : undefined;
  },
  userTexts: (body) =>
    contentBlocks(body, 'user')
      .filter((b) => b['type'] === 'text')
      .map((b) => String(b['text'])),
  toolNames: (body) =>
    asArray(asRecord(body)['tools']).map((tool) => String(asRecord(tool)['name'])),
  toolCallsSent: (body) =>
    contentBlocks(body, 'assistant')
      .filter((b) => b['type'] === 'tool_use')
      .map((b) => ({ id: String(b['id']), name: String(b['name']), arguments: b['input'] })),
  toolResults: (body) =>
    contentBlocks(body, 'user')
      .filter((b) => b['type'] === 'tool_result')
      .map((b) => ({
        id: String(b['tool_use_id']),
        content: String(b['content']),
        isError: b['is_error'] === true
      })),
  streams: (body) => asRecord(body)['stream'] === true,
  // The SDK sends the key as `x-api-key` or as a bearer token, depending on its version.
  apiKey: (headers) =>
    headerValue(headers, 'x-api-key') ??
    headerValue(headers, 'authorization')?.replace(/^Bearer /, '')
};
