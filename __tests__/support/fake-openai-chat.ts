/** The Chat Completions wire format (`POST /v1/chat/completions`, JSON and SSE) of OpenAI-compatible servers. */
import type { FakeReply } from './fake-llm-server.js';
import { openAiHttpError } from './fake-openai-errors.js';
import {
  asArray,
  asRecord,
  headerValue,
  parseJson,
  sseReply,
  type MarkedFrame,
  type ProviderWire,
  type WireTurn,
  type WireUsage
} from './fake-llm-wire.js';

function usageOf(usage: WireUsage | undefined) {
  const u = usage ?? { input: 10, output: 5 };
  return {
    prompt_tokens: u.input,
    completion_tokens: u.output,
    total_tokens: u.input + u.output,
    prompt_tokens_details: {
      cached_tokens: u.cacheRead ?? 0,
      cache_write_tokens: u.cacheWrite ?? 0
    },
    completion_tokens_details: { reasoning_tokens: u.reasoning ?? 0 }
  };
}

function finishOf(turn: WireTurn): string {
  if (turn.finish === 'length') return 'length';
  return turn.toolCalls?.length ? 'tool_calls' : 'stop';
}

function streamFrames(turn: WireTurn): MarkedFrame[] {
  const model = turn.model ?? 'local-model-7b';
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
    id: turn.id ?? 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1_767_225_600,
    model,
    choices,
    ...extra
  });
  const delta = (d: Record<string, unknown>, finish: string | null = null) =>
    chunk([{ index: 0, delta: d, logprobs: null, finish_reason: finish }]);
  const frames: MarkedFrame[] = [{ frame: { data: delta({ role: 'assistant', content: '' }) } }];
  for (const text of turn.reasoning ?? [])
    frames.push({ frame: { data: delta({ reasoning_content: text }) } });
  for (const text of turn.text ?? [])
    frames.push({ frame: { data: delta({ content: text }) }, textDelta: true });
  (turn.toolCalls ?? []).forEach((call, index) => {
    frames.push({
      frame: {
        data: delta({
          tool_calls: [
            { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }
          ]
        })
      }
    });
    for (const args of call.argumentChunks)
      frames.push({
        frame: { data: delta({ tool_calls: [{ index, function: { arguments: args } }] }) }
      });
  });
  frames.push({ frame: { data: delta({}, finishOf(turn)) } });
  frames.push({ frame: { data: chunk([], { usage: usageOf(turn.usage) }) } });
  frames.push({ frame: { data: '[DONE]' } });
  return frames;
}

function completion(turn: WireTurn) {
  const toolCalls = (turn.toolCalls ?? []).map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.argumentChunks.join('') }
  }));
  return {
    id: turn.id ?? 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_767_225_600,
    model: turn.model ?? 'local-model-7b',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: turn.text?.length ? turn.text.join('') : null,
          refusal: null,
          ...(turn.reasoning?.length ? { reasoning_content: turn.reasoning.join('') } : {}),
          ...(toolCalls.length ? { tool_calls: toolCalls } : {})
        },
        logprobs: null,
        finish_reason: finishOf(turn)
      }
    ],
    usage: usageOf(turn.usage)
  };
}

function messages(body: unknown): Record<string, unknown>[] {
  return asArray(asRecord(body)['messages']).map(asRecord);
}

export const openAiChatWire: ProviderWire = {
  provider: 'openai-compat',
  model: 'local-model-7b',
  path: '/v1/chat/completions',
  baseUrl: (origin) => `${origin}/v1`,
  turn(turn, options = {}): FakeReply {
    if (options.stream === false)
      return {
        kind: 'json',
        body: completion(turn),
        headers: { 'x-request-id': 'req_fake_1', ...options.headers }
      };
    return sseReply(streamFrames(turn), {
      ...options,
      headers: { 'x-request-id': 'req_fake_1', ...options.headers }
    });
  },
  error(kind, options = {}): FakeReply {
    if (kind !== 'stream_error') return openAiHttpError(kind, options);
    return {
      kind: 'sse',
      frames: [
        {
          data: {
            id: 'chatcmpl-1',
            object: 'chat.completion.chunk',
            created: 0,
            model: 'm',
            choices: []
          }
        },
        {
          data: {
            error: {
              message: `upstream model crashed${options.echo ?? ''}`,
              type: 'server_error',
              code: 'server_error'
            }
          }
        }
      ]
    };
  },
  overloadedReason: 'server',
  billingReason: 'quota',
  streamErrorReason: 'server',
  system: (body) => {
    const first = messages(body).find((m) => m['role'] === 'system');
    return typeof first?.['content'] === 'string' ? first['content'] : undefined;
  },
  userTexts: (body) =>
    messages(body)
      .filter((m) => m['role'] === 'user')
      .map((m) => String(m['content'])),
  toolNames: (body) =>
    asArray(asRecord(body)['tools']).map((tool) =>
      String(asRecord(asRecord(tool)['function'])['name'])
    ),
  toolCallsSent: (body) =>
    messages(body)
      .filter((m) => m['role'] === 'assistant')
      .flatMap((m) => asArray(m['tool_calls']).map(asRecord))
      .map((call) => {
        const fn = asRecord(call['function']);
        return {
          id: String(call['id']),
          name: String(fn['name']),
          arguments: parseJson(fn['arguments'])
        };
      }),
  toolResults: (body) =>
    messages(body)
      .filter((m) => m['role'] === 'tool')
      .map((m) => ({
        id: String(m['tool_call_id']),
        content: String(m['content']),
        isError: false
      })),
  streams: (body) => asRecord(body)['stream'] === true,
  apiKey: (headers) => headerValue(headers, 'authorization')?.replace(/^Bearer /, '')
};
