/** The OpenAI Responses API wire format (`POST /v1/responses`, JSON and SSE) for the fake server. */
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
    input_tokens: u.input,
    input_tokens_details: {
      cached_tokens: u.cacheRead ?? 0,
      cache_write_tokens: u.cacheWrite ?? 0
    },
    output_tokens: u.output,
    output_tokens_details: { reasoning_tokens: u.reasoning ?? 0 },
    total_tokens: u.input + u.output
  };
}

/** The output items of a finished turn, in order: reasoning, message, function calls. */
function outputItems(turn: WireTurn) {
  const items: Record<string, unknown>[] = [];
  if (turn.reasoning?.length)
    items.push({
      id: 'rs_1',
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: turn.reasoning.join('') }]
    });
  if (turn.text?.length)
    items.push({
      id: 'msg_1',
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: turn.text.join(''), annotations: [], logprobs: [] }]
    });
  for (const [i, call] of (turn.toolCalls ?? []).entries())
    items.push({
      id: `fc_${i + 1}`,
      type: 'function_call',
      status: 'completed',
      call_id: call.id,
      name: call.name,
      arguments: call.argumentChunks.join('')
    });
  return items;
}

function responseObject(turn: WireTurn, status: 'in_progress' | 'completed' | 'incomplete') {
  const done = status !== 'in_progress';
  return {
    id: turn.id ?? 'resp_1',
    object: 'response',
    created_at: 1_767_225_600,
    status,
    model: turn.model ?? 'gpt-5.5-2026-04-23',
    output: done ? outputItems(turn) : [],
    error: null,
    incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    usage: done ? usageOf(turn.usage) : null
  };
}

function streamFrames(turn: WireTurn): MarkedFrame[] {
  let seq = 0;
  const ev = (type: string, fields: Record<string, unknown>, textDelta = false): MarkedFrame => ({
    frame: { event: type, data: { type, sequence_number: seq++, ...fields } },
    textDelta
  });
  const frames: MarkedFrame[] = [
    ev('response.created', { response: responseObject(turn, 'in_progress') }),
    ev('response.in_progress', { response: responseObject(turn, 'in_progress') })
  ];
  const items = outputItems(turn);
  items.forEach((item, output_index) => {
    if (item['type'] === 'reasoning') {
      frames.push(
        ev('response.output_item.added', { output_index, item: { ...item, summary: [] } })
      );
      for (const delta of turn.reasoning ?? [])
        frames.push(
          ev('response.reasoning_summary_text.delta', {
            item_id: item['id'],
            output_index,
            summary_index: 0,
            delta
          })
        );
      frames.push(
        ev('response.reasoning_summary_text.done', {
          item_id: item['id'],
          output_index,
          summary_index: 0,
          text: (turn.reasoning ?? []).join('')
        })
      );
    } else if (item['type'] === 'message') {
      frames.push(
        ev('response.output_item.added', {
          output_index,
          item: { ...item, status: 'in_progress', content: [] }
        }),
        ev('response.content_part.added', {
          item_id: item['id'],
          output_index,
          content_index: 0,
          part: { type: 'output_text', text: '', annotations: [] }
        })
      );
      for (const delta of turn.text ?? [])
        frames.push(
          ev(
            'response.output_text.delta',
            { item_id: item['id'], output_index, content_index: 0, delta, logprobs: [] },
            true
          )
        );
      frames.push(
        ev('response.output_text.done', {
          item_id: item['id'],
          output_index,
          content_index: 0,
          text: (turn.text ?? []).join(''),
          logprobs: []
        })
      );
    } else {
      const call = (turn.toolCalls ?? []).find((c) => c.id === item['call_id']);
      frames.push(
        ev('response.output_item.added', {
          output_index,
          item: { ...item, status: 'in_progress', arguments: '' }
        })
      );
      for (const delta of call?.argumentChunks ?? [])
        frames.push(
          ev('response.function_call_arguments.delta', { item_id: item['id'], output_index, delta })
        );
      frames.push(
        ev('response.function_call_arguments.done', {
          item_id: item['id'],
          output_index,
          arguments: item['arguments']
        })
      );
    }
    frames.push(ev('response.output_item.done', { output_index, item }));
  });
  const status = turn.finish === 'length' ? 'incomplete' : 'completed';
  frames.push(
    ev(status === 'incomplete' ? 'response.incomplete' : 'response.completed', {
      response: responseObject(turn, status)
    })
  );
  return frames;
}

export const openAiResponsesWire: ProviderWire = {
  provider: 'openai',
  model: 'gpt-5.5',
  path: '/v1/responses',
  baseUrl: (origin) => `${origin}/v1`,
  turn(turn, options = {}): FakeReply {
    if (options.stream === false)
      return {
        kind: 'json',
        body: responseObject(turn, turn.finish === 'length' ? 'incomplete' : 'completed'),
        headers: { 'x-request-id': 'req_fake_1', ...options.headers }
      };
    return sseReply(streamFrames(turn), {
      ...options,
      headers: { 'x-request-id': 'req_fake_1', ...options.headers }
    });
  },
  error(kind, options = {}): FakeReply {
    if (kind !== 'stream_error') return openAiHttpError(kind, options);
    const turn: WireTurn = { text: ['partial'] };
    return {
      kind: 'sse',
      frames: [
        {
          event: 'response.created',
          data: {
            type: 'response.created',
            sequence_number: 0,
            response: responseObject(turn, 'in_progress')
          }
        },
        {
          event: 'response.failed',
          data: {
            type: 'response.failed',
            sequence_number: 1,
            response: {
              ...responseObject(turn, 'in_progress'),
              status: 'failed',
              error: {
                code: 'server_error',
                message: `The model failed to generate a response.${options.echo ?? ''}`
              }
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
    const instructions = asRecord(body)['instructions'];
    return typeof instructions === 'string' ? instructions : undefined;
  },
  userTexts: (body) =>
    asArray(asRecord(body)['input'])
      .map(asRecord)
      .filter((item) => item['role'] === 'user')
      .flatMap((item) => asArray(item['content']).map((part) => String(asRecord(part)['text']))),
  toolNames: (body) =>
    asArray(asRecord(body)['tools']).map((tool) => String(asRecord(tool)['name'])),
  toolCallsSent: (body) =>
    asArray(asRecord(body)['input'])
      .map(asRecord)
      .filter((item) => item['type'] === 'function_call')
      .map((item) => ({
        id: String(item['call_id']),
        name: String(item['name']),
        arguments: parseJson(item['arguments'])
      })),
  toolResults: (body) =>
    asArray(asRecord(body)['input'])
      .map(asRecord)
      .filter((item) => item['type'] === 'function_call_output')
      .map((item) => ({
        id: String(item['call_id']),
        content: String(item['output']),
        isError: false
      })),
  streams: (body) => asRecord(body)['stream'] === true,
  apiKey: (headers) => headerValue(headers, 'authorization')?.replace(/^Bearer /, '')
};
