/**
 * LlmClient over the OpenAI Responses API (`POST /responses`), the native API for OpenAI models: it is the
 * one that reports reasoning tokens (unified LLM spec §3.9, §7.3, §7.7).
 */
import type {
  Response as OpenAiResponse,
  ResponseCreateParamsNonStreaming,
  ResponseInputItem,
  ResponseOutputItem,
  ResponseStreamEvent,
  ResponseUsage,
  FunctionTool,
  ToolChoiceOptions,
  ToolChoiceFunction
} from 'openai/resources/responses/responses';
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
import { IncompleteStreamError, ProviderStreamError } from './llm-errors.js';
import type { ResponseAssembler } from './llm-response-assembler.js';
import { OPENAI_DEFAULT_BASE_URL } from './llm-provider-config.js';
import { openAiSdkClient } from './openai-sdk-client.js';

export interface OpenAiResponsesClientOptions extends LlmAdapterOptions {
  readonly apiKey: Secret;
  /** Default https://api.openai.com/v1. */
  readonly baseUrl?: string;
  /** The variable the key came from, named when the key is rejected (default OPENAI_API_KEY). */
  readonly keyVariable?: string;
}

function textOf(content: string | readonly { readonly text: string }[]): string {
  return typeof content === 'string' ? content : content.map((p) => p.text).join('');
}

/** Unified messages → Responses input items (system goes to `instructions`). */
export function responsesInput(messages: readonly LlmMessage[]): ResponseInputItem[] {
  const items: ResponseInputItem[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'user':
        items.push({
          type: 'message',
          role: 'user',
          content: [{ type: 'input_text', text: textOf(message.content) }]
        });
        break;
      case 'assistant': {
        let text = '';
        const flushText = () => {
          if (text !== '') items.push({ type: 'message', role: 'assistant', content: text });
          text = '';
        };
        for (const part of message.content) {
          if (part.type === 'text') text += part.text;
          else if (part.type === 'tool_call') {
            flushText();
            items.push({
              type: 'function_call',
              call_id: part.id,
              name: part.name,
              arguments: part.rawArguments
            });
          }
          // Reasoning is not sent back: the Responses API keeps its own (store) or drops it.
        }
        flushText();
        break;
      }
      case 'tool':
        items.push({
          type: 'function_call_output',
          call_id: message.toolCallId,
          output: message.content
        });
        break;
    }
  }
  return items;
}

function toolChoice(choice: LlmToolChoice): ToolChoiceOptions | ToolChoiceFunction {
  return typeof choice === 'string' ? choice : { type: 'function', name: choice.name };
}

/** The request body for `request` (the `stream` flag is added by the caller). */
export function responsesBody(request: LlmRequest): ResponseCreateParamsNonStreaming {
  const tools: FunctionTool[] | undefined = request.tools?.map((tool) => ({
    type: 'function',
    name: tool.name,
    description: tool.description,
    parameters: { ...tool.parameters },
    strict: false
  }));
  return {
    model: request.model,
    input: responsesInput(request.messages),
    ...(request.system === undefined ? {} : { instructions: request.system }),
    ...(tools?.length ? { tools } : {}),
    ...(tools?.length && request.toolChoice !== undefined
      ? { tool_choice: toolChoice(request.toolChoice) }
      : {}),
    ...(request.maxTokens === undefined ? {} : { max_output_tokens: request.maxTokens }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.reasoningEffort === undefined
      ? {}
      : { reasoning: { effort: request.reasoningEffort as ReasoningEffort } })
  };
}

export function responsesUsage(usage: ResponseUsage | undefined): LlmUsage {
  if (!usage) return { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  const cacheRead = usage.input_tokens_details?.cached_tokens;
  const cacheWrite = usage.input_tokens_details?.cache_write_tokens;
  const reasoning = usage.output_tokens_details?.reasoning_tokens;
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    totalTokens: usage.total_tokens ?? usage.input_tokens + usage.output_tokens,
    ...(typeof cacheRead === 'number' ? { cacheReadTokens: cacheRead } : {}),
    ...(typeof cacheWrite === 'number' ? { cacheWriteTokens: cacheWrite } : {}),
    ...(typeof reasoning === 'number' ? { reasoningTokens: reasoning } : {})
  };
}

function finishReasonOf(
  response: OpenAiResponse,
  refused: boolean,
  toolCalls: number
): LlmFinishReason {
  const status = response.status ?? 'completed';
  if (status === 'incomplete') {
    const why = response.incomplete_details?.reason;
    const raw = `incomplete:${why ?? 'unknown'}`;
    if (why === 'max_output_tokens') return { reason: 'length', raw };
    if (why === 'content_filter') return { reason: 'content_filter', raw };
    return { reason: 'other', raw };
  }
  if (refused) return { reason: 'content_filter', raw: 'refusal' };
  return { reason: toolCalls > 0 ? 'tool_calls' : 'stop', raw: status };
}

/** Feeds a complete (non-streamed) output list to the assembler; returns whether it held a refusal. */
function translateOutput(
  assembler: ResponseAssembler,
  output: readonly ResponseOutputItem[]
): boolean {
  let refused = false;
  output.forEach((item, i) => {
    if (item.type === 'message') {
      item.content.forEach((content, j) => {
        const key = `o${i}:${j}`;
        if (content.type === 'refusal') {
          refused = true;
          assembler.textDelta(key, content.refusal);
        } else assembler.textDelta(key, content.text);
        assembler.end(key);
      });
    } else if (item.type === 'function_call') {
      assembler.toolCallStart(`o${i}`, item.call_id, item.name);
      assembler.end(`o${i}`, item.arguments);
    } else if (item.type === 'reasoning') {
      item.summary.forEach((summary, j) => {
        assembler.reasoningDelta(`o${i}:s${j}`, summary.text);
        assembler.end(`o${i}:s${j}`);
      });
    }
  });
  return refused;
}

export class OpenAiResponsesClient extends SdkLlmClient {
  constructor(options: OpenAiResponsesClientOptions) {
    super({
      provider: 'openai',
      options,
      apiKey: options.apiKey,
      baseUrl: options.baseUrl ?? OPENAI_DEFAULT_BASE_URL,
      keyVariable: options.keyVariable ?? 'OPENAI_API_KEY'
    });
  }

  protected async send(request: LlmRequest, call: ProviderCall): Promise<LlmResponse> {
    const client = openAiSdkClient(this.apiKey, this.baseUrl, call.fetch);
    const body = responsesBody(request);
    const { assembler } = call;
    if (request.stream === false) {
      const { data, request_id } = await client.responses
        .create(body, { signal: call.signal })
        .withResponse();
      assembler.start(data.model);
      const refused = translateOutput(assembler, data.output);
      return this.#finish(assembler, data, refused, request_id);
    }
    const { data: stream, request_id } = await client.responses
      .create({ ...body, stream: true }, { signal: call.signal })
      .withResponse();
    let final: OpenAiResponse | undefined;
    let refused = false;
    for await (const event of stream) {
      final = this.#onEvent(assembler, event) ?? final;
      if (event.type === 'response.refusal.delta') refused = true;
      if (final) break;
    }
    if (!final) throw new IncompleteStreamError();
    return this.#finish(assembler, final, refused, request_id);
  }

  /** Handles one stream event; returns the final response on `response.completed`/`incomplete`. */
  #onEvent(assembler: ResponseAssembler, event: ResponseStreamEvent): OpenAiResponse | undefined {
    const e = event;
    if (e.type === 'response.created' || e.type === 'response.in_progress') {
      assembler.start(e.response.model);
    } else if (e.type === 'response.output_item.added') {
      if (e.item.type === 'function_call')
        assembler.toolCallStart(`o${e.output_index}`, e.item.call_id, e.item.name);
    } else if (e.type === 'response.output_text.delta' || e.type === 'response.refusal.delta') {
      assembler.textDelta(`o${e.output_index}:${e.content_index}`, e.delta);
    } else if (e.type === 'response.output_text.done' || e.type === 'response.refusal.done') {
      assembler.end(`o${e.output_index}:${e.content_index}`);
    } else if (e.type === 'response.reasoning_summary_text.delta') {
      assembler.reasoningDelta(`o${e.output_index}:s${e.summary_index}`, e.delta);
    } else if (e.type === 'response.reasoning_summary_text.done') {
      assembler.end(`o${e.output_index}:s${e.summary_index}`);
    } else if (e.type === 'response.function_call_arguments.delta') {
      assembler.toolCallDelta(`o${e.output_index}`, e.delta);
    } else if (e.type === 'response.output_item.done') {
      if (e.item.type === 'function_call') assembler.end(`o${e.output_index}`, e.item.arguments);
    } else if (e.type === 'response.completed' || e.type === 'response.incomplete') {
      return e.response;
    } else if (e.type === 'response.failed') {
      throw new ProviderStreamError(
        e.response.error?.code,
        e.response.error?.message ?? 'The response failed.'
      );
    }
    // Other events (tool progress, annotations, audio) carry nothing this model records.
    return undefined;
  }

  #finish(
    assembler: ResponseAssembler,
    response: OpenAiResponse,
    refused: boolean,
    requestId: string | null
  ): LlmResponse {
    const usage = responsesUsage(response.usage);
    assembler.usage(usage);
    return assembler.finish({
      id: response.id,
      model: response.model,
      finishReason: finishReasonOf(response, refused, assembler.toolCallCount),
      usage,
      ...(requestId ? { requestId } : {})
    });
  }
}
