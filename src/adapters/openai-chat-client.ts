/**
 * LlmClient over Chat Completions (`POST /chat/completions`), for any OpenAI-compatible endpoint at its base
 * URL: a gateway, a local server (vLLM, Ollama, llama.cpp), Gemini's OpenAI compatibility endpoint (unified
 * LLM spec §7.10). Streams with `stream_options.include_usage` so the last chunk carries usage.
 */
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
  ChatCompletionToolChoiceOption
} from 'openai/resources/chat/completions/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { ReasoningEffort } from 'openai/resources/shared';
import type { LlmUsage } from '../common/llm-usage.js';
import type { Secret } from '../common/secret.js';
import type {
  LlmFinishReason,
  LlmMessage,
  LlmRequest,
  LlmResponse,
  LlmToolChoice
} from '../ports/llm-client.js';
import { SdkLlmClient, type LlmAdapterOptions, type ProviderCall } from './llm-call.js';
import { IncompleteStreamError } from './llm-errors.js';
import type { ResponseAssembler } from './llm-response-assembler.js';
import { openAiSdkClient } from './openai-sdk-client.js';

export interface OpenAiChatClientOptions extends LlmAdapterOptions {
  readonly apiKey: Secret;
  /** The endpoint's base URL, up to and including `/v1` (the SDK appends `/chat/completions`). */
  readonly baseUrl: string;
  /** The variable the key came from, named when the key is rejected (default OPENAI_COMPAT_API_KEY). */
  readonly keyVariable?: string;
}

function textOf(content: string | readonly { readonly text: string }[]): string {
  return typeof content === 'string' ? content : content.map((p) => p.text).join('');
}

/** Unified system + messages → Chat Completions messages. */
export function chatMessages(
  system: string | undefined,
  messages: readonly LlmMessage[]
): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [];
  if (system !== undefined) out.push({ role: 'system', content: system });
  for (const message of messages) {
    switch (message.role) {
      case 'user':
        out.push({ role: 'user', content: textOf(message.content) });
        break;
      case 'assistant': {
        const text = message.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
        const toolCalls = message.content.flatMap((p) =>
          p.type === 'tool_call'
            ? [
                {
                  id: p.id,
                  type: 'function' as const,
                  function: { name: p.name, arguments: p.rawArguments }
                }
              ]
            : []
        );
        out.push({
          role: 'assistant',
          content: text === '' && toolCalls.length > 0 ? null : text,
          ...(toolCalls.length ? { tool_calls: toolCalls } : {})
        });
        break;
      }
      case 'tool':
        out.push({ role: 'tool', tool_call_id: message.toolCallId, content: message.content });
        break;
    }
  }
  return out;
}

function toolChoice(choice: LlmToolChoice): ChatCompletionToolChoiceOption {
  return typeof choice === 'string'
    ? choice
    : { type: 'function', function: { name: choice.name } };
}

/** The request body for `request` (the stream flags are added by the caller). */
export function chatBody(request: LlmRequest): ChatCompletionCreateParamsNonStreaming {
  const tools = request.tools?.map((tool) => ({
    type: 'function' as const,
    function: { name: tool.name, description: tool.description, parameters: { ...tool.parameters } }
  }));
  return {
    model: request.model,
    messages: chatMessages(request.system, request.messages),
    ...(tools?.length ? { tools } : {}),
    ...(tools?.length && request.toolChoice !== undefined
      ? { tool_choice: toolChoice(request.toolChoice) }
      : {}),
    // `max_tokens` is what OpenAI-compatible servers accept most widely.
    ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.stopSequences?.length ? { stop: [...request.stopSequences] } : {}),
    ...(request.reasoningEffort === undefined
      ? {}
      : { reasoning_effort: request.reasoningEffort as ReasoningEffort })
  };
}

export function chatUsage(usage: CompletionUsage | null | undefined): LlmUsage {
  if (!usage) return { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  const cacheRead = usage.prompt_tokens_details?.cached_tokens;
  const cacheWrite = usage.prompt_tokens_details?.cache_write_tokens;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  return {
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens ?? usage.prompt_tokens + usage.completion_tokens,
    ...(typeof cacheRead === 'number' ? { cacheReadTokens: cacheRead } : {}),
    ...(typeof cacheWrite === 'number' ? { cacheWriteTokens: cacheWrite } : {}),
    ...(typeof reasoning === 'number' ? { reasoningTokens: reasoning } : {})
  };
}

export function chatFinishReason(raw: string | null | undefined): LlmFinishReason {
  const value = raw ?? 'stop';
  switch (value) {
    case 'stop':
      return { reason: 'stop', raw: value };
    case 'length':
      return { reason: 'length', raw: value };
    case 'tool_calls':
    case 'function_call':
      return { reason: 'tool_calls', raw: value };
    case 'content_filter':
      return { reason: 'content_filter', raw: value };
    default:
      return { reason: 'other', raw: value };
  }
}

/** Reasoning text some compatible servers add to a message or delta (`reasoning_content`, `reasoning`). */
function reasoningText(message: object | null | undefined): string | undefined {
  const r = message as Record<string, unknown> | null | undefined;
  const text = r?.['reasoning_content'] ?? r?.['reasoning'];
  return typeof text === 'string' ? text : undefined;
}

export class OpenAiChatClient extends SdkLlmClient {
  constructor(options: OpenAiChatClientOptions) {
    super({
      provider: 'openai-compat',
      options,
      apiKey: options.apiKey,
      baseUrl: options.baseUrl,
      keyVariable: options.keyVariable ?? 'OPENAI_COMPAT_API_KEY'
    });
  }

  protected async send(request: LlmRequest, call: ProviderCall): Promise<LlmResponse> {
    const client = openAiSdkClient(this.apiKey, this.baseUrl, call.fetch);
    const body = chatBody(request);
    const { assembler } = call;
    if (request.stream === false) {
      const { data, request_id } = await client.chat.completions
        .create(body, { signal: call.signal })
        .withResponse();
      return this.#translateCompletion(assembler, data, request_id);
    }
    const { data: stream, request_id } = await client.chat.completions
      .create(
        { ...body, stream: true, stream_options: { include_usage: true } },
        { signal: call.signal }
      )
      .withResponse();
    let id = '';
    let model: string | undefined;
    let finish: string | undefined;
    let usage: CompletionUsage | undefined;
    for await (const chunk of stream) {
      id ||= chunk.id;
      model ||= chunk.model;
      assembler.start(chunk.model);
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (choice) this.#onDelta(assembler, choice);
      if (choice?.finish_reason) finish = choice.finish_reason;
    }
    if (finish === undefined) throw new IncompleteStreamError();
    return this.#finish(
      assembler,
      id,
      model,
      chatFinishReason(finish),
      chatUsage(usage),
      request_id
    );
  }

  #onDelta(assembler: ResponseAssembler, choice: ChatCompletionChunk.Choice): void {
    const delta = choice.delta;
    const reasoning = reasoningText(delta);
    if (reasoning) assembler.reasoningDelta('r', reasoning);
    if (delta.content) assembler.textDelta('t', delta.content);
    if (delta.refusal) assembler.textDelta('t', delta.refusal);
    for (const call of delta.tool_calls ?? []) {
      const key = `f${call.index}`;
      if (call.id !== undefined || call.function?.name !== undefined)
        assembler.toolCallStart(key, call.id ?? key, call.function?.name ?? '');
      if (call.function?.arguments) assembler.toolCallDelta(key, call.function.arguments);
    }
  }

  #translateCompletion(
    assembler: ResponseAssembler,
    completion: ChatCompletion,
    requestId: string | null
  ): LlmResponse {
    assembler.start(completion.model);
    const choice = completion.choices[0];
    const message = choice?.message;
    const reasoning = reasoningText(message);
    if (reasoning) assembler.reasoningDelta('r', reasoning);
    if (message?.content) assembler.textDelta('t', message.content);
    if (message?.refusal) assembler.textDelta('t', message.refusal);
    assembler.end('r');
    assembler.end('t');
    (message?.tool_calls ?? []).forEach((call, i) => {
      if (call.type !== 'function') return;
      assembler.toolCallStart(`f${i}`, call.id, call.function.name);
      assembler.end(`f${i}`, call.function.arguments);
    });
    return this.#finish(
      assembler,
      completion.id,
      completion.model,
      chatFinishReason(choice?.finish_reason),
      chatUsage(completion.usage),
      requestId
    );
  }

  #finish(
    assembler: ResponseAssembler,
    id: string,
    model: string | undefined,
    finishReason: LlmFinishReason,
    usage: LlmUsage,
    requestId: string | null
  ): LlmResponse {
    assembler.usage(usage);
    return assembler.finish({
      id,
      ...(model ? { model } : {}),
      finishReason,
      usage,
      ...(requestId ? { requestId } : {})
    });
  }
}
