/**
 * LlmClient over the Anthropic Messages API (`POST /v1/messages`, SSE), with prompt caching: Anthropic
 * caches only what a request marks, so when `request.cache` is not false this adapter marks three
 * breakpoints (of the four allowed): the system prompt, the last tool definition and the last block of the
 * last message. The stable prefix (system + tools) is then read from the cache on every turn, and each turn
 * reads the conversation the previous turn wrote (unified LLM spec §2.10).
 */
import Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlockParam,
  Message,
  MessageCreateParamsNonStreaming,
  MessageDeltaUsage,
  OutputConfig,
  RawMessageStreamEvent,
  TextBlockParam,
  Tool,
  ToolChoice,
  Usage
} from '@anthropic-ai/sdk/resources/messages/messages';
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
import type { Fetch } from './llm-http-fetch.js';
import { ANTHROPIC_DEFAULT_BASE_URL } from './llm-provider-config.js';
import type { ResponseAssembler } from './llm-response-assembler.js';
import { MAX_TIMER_MS } from './system-clock.js';

/** Anthropic requires `max_tokens`; this is sent when the request has none (the spec's default). */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

export interface AnthropicClientOptions extends LlmAdapterOptions {
  readonly apiKey: Secret;
  /** Default https://api.anthropic.com. */
  readonly baseUrl?: string;
  /** The variable the key came from, named when the key is rejected (default ANTHROPIC_API_KEY). */
  readonly keyVariable?: string;
  readonly defaultMaxTokens?: number;
}

type UsageFields = Partial<
  Pick<
    Usage,
    | 'input_tokens'
    | 'output_tokens'
    | 'cache_creation_input_tokens'
    | 'cache_read_input_tokens'
    | 'output_tokens_details'
  >
>;

/** Anthropic usage → LlmUsage: input counts cache reads and writes too (Anthropic reports them apart). */
export function anthropicUsage(usage: UsageFields): LlmUsage {
  const cacheRead = usage.cache_read_input_tokens ?? undefined;
  const cacheWrite = usage.cache_creation_input_tokens ?? undefined;
  const input = (usage.input_tokens ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0);
  const output = usage.output_tokens ?? 0;
  const reasoning = usage.output_tokens_details?.thinking_tokens;
  return {
    inputTokens: input,
    outputTokens: output,
    totalTokens: input + output,
    ...(cacheRead === undefined ? {} : { cacheReadTokens: cacheRead }),
    ...(cacheWrite === undefined ? {} : { cacheWriteTokens: cacheWrite }),
    ...(typeof reasoning === 'number' ? { reasoningTokens: reasoning } : {})
  };
}

export function anthropicFinishReason(raw: string | null | undefined): LlmFinishReason {
  const value = raw ?? 'end_turn';
  switch (value) {
    case 'end_turn':
    case 'stop_sequence':
      return { reason: 'stop', raw: value };
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { reason: 'length', raw: value };
    case 'tool_use':
      return { reason: 'tool_calls', raw: value };
    case 'refusal':
      return { reason: 'content_filter', raw: value };
    default:
      return { reason: 'other', raw: value };
  }
}

const CACHE = { type: 'ephemeral' } as const;

function withCacheMark<T extends object>(block: T): T {
  return { ...block, cache_control: CACHE };
}

function toolInput(part: {
  arguments?: Readonly<Record<string, unknown>>;
  rawArguments: string;
}): unknown {
  if (part.arguments !== undefined) return part.arguments;
  try {
    return JSON.parse(part.rawArguments) as unknown;
  } catch {
    return {};
  }
}

/** One Anthropic message (user or assistant), content always as blocks. */
export interface AnthropicTurn {
  readonly role: 'user' | 'assistant';
  content: ContentBlockParam[];
}

/**
 * Unified messages → Anthropic messages: tool results become `tool_result` blocks of a user message, and
 * consecutive messages of one role are merged (Anthropic requires user/assistant alternation).
 */
export function anthropicMessages(messages: readonly LlmMessage[]): AnthropicTurn[] {
  const out: AnthropicTurn[] = [];
  const push = (role: 'user' | 'assistant', blocks: ContentBlockParam[]) => {
    if (blocks.length === 0) return;
    const last = out[out.length - 1];
    if (last?.role === role) last.content.push(...blocks);
    else out.push({ role, content: blocks });
  };
  for (const message of messages) {
    switch (message.role) {
      case 'user': {
        const parts =
          typeof message.content === 'string'
            ? [{ type: 'text' as const, text: message.content }]
            : message.content.map((p) => ({ type: 'text' as const, text: p.text }));
        push('user', parts);
        break;
      }
      case 'assistant':
        push(
          'assistant',
          message.content.flatMap((part): ContentBlockParam[] => {
            switch (part.type) {
              case 'text':
                return part.text === '' ? [] : [{ type: 'text', text: part.text }];
              case 'tool_call':
                return [{ type: 'tool_use', id: part.id, name: part.name, input: toolInput(part) }];
              case 'reasoning':
                if (part.redactedData !== undefined)
                  return [{ type: 'redacted_thinking', data: part.redactedData }];
                return part.signature === undefined
                  ? []
                  : [{ type: 'thinking', thinking: part.text, signature: part.signature }];
            }
          })
        );
        break;
      case 'tool':
        push('user', [
          {
            type: 'tool_result',
            tool_use_id: message.toolCallId,
            content: message.content,
            ...(message.isError ? { is_error: true } : {})
          }
        ]);
        break;
    }
  }
  return out;
}

function toolChoice(choice: LlmToolChoice): ToolChoice {
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any' };
  return { type: 'tool', name: choice.name };
}

const EFFORTS = new Set(['low', 'medium', 'high', 'xhigh', 'max']);

/** The request body for `request` (the `stream` flag is added by the caller). */
export function anthropicBody(
  request: LlmRequest,
  defaultMaxTokens: number
): MessageCreateParamsNonStreaming {
  const cache = request.cache !== false;
  const messages = anthropicMessages(request.messages);
  const last = messages[messages.length - 1];
  if (cache && last && last.content.length > 0) {
    const blocks = [...last.content];
    blocks[blocks.length - 1] = withCacheMark(blocks[blocks.length - 1] as ContentBlockParam);
    messages[messages.length - 1] = { ...last, content: blocks };
  }
  const tools: Tool[] | undefined = request.tools?.map((tool, i, all) => {
    const definition: Tool = {
      name: tool.name,
      description: tool.description,
      input_schema: { ...tool.parameters, type: 'object' }
    };
    return cache && i === all.length - 1 ? withCacheMark(definition) : definition;
  });
  const system: TextBlockParam[] | undefined =
    request.system === undefined
      ? undefined
      : [
          cache
            ? withCacheMark({ type: 'text', text: request.system })
            : { type: 'text', text: request.system }
        ];
  const effort = request.reasoningEffort === 'minimal' ? 'low' : request.reasoningEffort;
  return {
    model: request.model,
    max_tokens: request.maxTokens ?? defaultMaxTokens,
    messages,
    ...(system ? { system } : {}),
    ...(tools?.length ? { tools } : {}),
    ...(tools?.length && request.toolChoice !== undefined
      ? { tool_choice: toolChoice(request.toolChoice) }
      : {}),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.stopSequences?.length ? { stop_sequences: [...request.stopSequences] } : {}),
    ...(effort !== undefined && EFFORTS.has(effort)
      ? { output_config: { effort: effort as OutputConfig['effort'] } }
      : {})
  };
}

/**
 * An Anthropic SDK client for one call, every option explicit (see openai-sdk-client.ts for why); no
 * OpenTelemetry spans (they would carry prompts). The SDK still adds ANTHROPIC_CUSTOM_HEADERS.
 */
function anthropicSdkClient(apiKey: Secret, baseUrl: string, fetch: Fetch): Anthropic {
  return new Anthropic({
    apiKey: apiKey.reveal(),
    authToken: null,
    baseURL: baseUrl,
    maxRetries: 0,
    timeout: MAX_TIMER_MS,
    fetch,
    logLevel: 'off',
    webhookKey: null,
    openTelemetry: false
  });
}

export class AnthropicClient extends SdkLlmClient {
  readonly #options: AnthropicClientOptions;

  constructor(options: AnthropicClientOptions) {
    super({
      provider: 'anthropic',
      options,
      apiKey: options.apiKey,
      baseUrl: options.baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL,
      keyVariable: options.keyVariable ?? 'ANTHROPIC_API_KEY'
    });
    this.#options = options;
  }

  protected async send(request: LlmRequest, call: ProviderCall): Promise<LlmResponse> {
    const client = anthropicSdkClient(this.apiKey, this.baseUrl, call.fetch);
    const body = anthropicBody(
      request,
      this.#options.defaultMaxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS
    );
    const { assembler } = call;
    if (request.stream === false) {
      const { data, request_id } = await client.messages
        .create(body, { signal: call.signal })
        .withResponse();
      return this.#translateMessage(assembler, data, request_id);
    }
    const { data: stream, request_id } = await client.messages
      .create({ ...body, stream: true }, { signal: call.signal })
      .withResponse();
    const state: StreamState = {
      id: '',
      model: undefined,
      usage: {},
      stopReason: null,
      stopped: false
    };
    for await (const event of stream) {
      this.#onEvent(assembler, state, event);
      if (state.stopped) break;
    }
    if (!state.stopped) throw new IncompleteStreamError();
    const usage = anthropicUsage(state.usage);
    assembler.usage(usage);
    return assembler.finish({
      id: state.id,
      ...(state.model ? { model: state.model } : {}),
      finishReason: anthropicFinishReason(state.stopReason),
      usage,
      ...(request_id ? { requestId: request_id } : {})
    });
  }

  #onEvent(assembler: ResponseAssembler, state: StreamState, event: RawMessageStreamEvent): void {
    switch (event.type) {
      case 'message_start':
        state.id = event.message.id;
        state.model = event.message.model;
        state.usage = { ...event.message.usage };
        assembler.start(event.message.model);
        return;
      case 'content_block_start': {
        const key = `b${event.index}`;
        const block = event.content_block;
        if (block.type === 'text') assembler.textDelta(key, block.text);
        else if (block.type === 'tool_use') assembler.toolCallStart(key, block.id, block.name);
        else if (block.type === 'thinking') {
          assembler.reasoningDelta(key, block.thinking);
          if (block.signature) assembler.reasoningSignature(key, block.signature);
        } else if (block.type === 'redacted_thinking') assembler.redactedReasoning(key, block.data);
        return;
      }
      case 'content_block_delta': {
        const key = `b${event.index}`;
        const delta = event.delta;
        if (delta.type === 'text_delta') assembler.textDelta(key, delta.text);
        else if (delta.type === 'input_json_delta')
          assembler.toolCallDelta(key, delta.partial_json);
        else if (delta.type === 'thinking_delta') assembler.reasoningDelta(key, delta.thinking);
        else if (delta.type === 'signature_delta')
          assembler.reasoningSignature(key, delta.signature);
        return;
      }
      case 'content_block_stop':
        assembler.end(`b${event.index}`);
        return;
      case 'message_delta':
        state.stopReason = event.delta.stop_reason ?? state.stopReason;
        state.usage = mergeDeltaUsage(state.usage, event.usage);
        assembler.usage(anthropicUsage(state.usage));
        return;
      case 'message_stop':
        state.stopped = true;
        return;
    }
  }

  #translateMessage(
    assembler: ResponseAssembler,
    message: Message,
    requestId: string | null | undefined
  ): LlmResponse {
    assembler.start(message.model);
    message.content.forEach((block, i) => {
      const key = `b${i}`;
      if (block.type === 'text') assembler.textDelta(key, block.text);
      else if (block.type === 'tool_use') {
        assembler.toolCallStart(key, block.id, block.name);
        assembler.toolCallDelta(key, JSON.stringify(block.input ?? {}));
      } else if (block.type === 'thinking') {
        assembler.reasoningDelta(key, block.thinking);
        assembler.reasoningSignature(key, block.signature);
      } else if (block.type === 'redacted_thinking') assembler.redactedReasoning(key, block.data);
      assembler.end(key);
    });
    const usage = anthropicUsage(message.usage);
    assembler.usage(usage);
    return assembler.finish({
      id: message.id,
      model: message.model,
      finishReason: anthropicFinishReason(message.stop_reason),
      usage,
      ...(requestId ? { requestId } : {})
    });
  }
}

interface StreamState {
  id: string;
  model: string | undefined;
  usage: UsageFields;
  stopReason: string | null;
  stopped: boolean;
}

/** `message_delta` usage is cumulative; a field it leaves null keeps the `message_start` value. */
function mergeDeltaUsage(base: UsageFields, delta: MessageDeltaUsage): UsageFields {
  return {
    ...base,
    output_tokens: delta.output_tokens,
    ...(delta.input_tokens == null ? {} : { input_tokens: delta.input_tokens }),
    ...(delta.cache_creation_input_tokens == null
      ? {}
      : { cache_creation_input_tokens: delta.cache_creation_input_tokens }),
    ...(delta.cache_read_input_tokens == null
      ? {}
      : { cache_read_input_tokens: delta.cache_read_input_tokens }),
    ...(delta.output_tokens_details == null
      ? {}
      : { output_tokens_details: delta.output_tokens_details })
  };
}
