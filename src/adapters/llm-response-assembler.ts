/**
 * Builds the provider-neutral response and its event stream from what a provider translator reports,
 * so the three adapters emit the same events in the same order (`stream.started` first, each part's
 * `started` → `delta`s → `completed`, `response.completed` last). Translators name a part by a key of their
 * own (Anthropic's block index, a Responses output index, a Chat tool-call index).
 */
import type { LlmUsage } from '../common/llm-usage.js';
import type {
  LlmAssistantPart,
  LlmFinishReason,
  LlmProvider,
  LlmResponse,
  LlmStreamEvent,
  LlmStreamListener,
  LlmToolCall
} from '../ports/llm-client.js';

type OpenPart =
  | { kind: 'text'; index: number; text: string }
  | { kind: 'reasoning'; index: number; text: string; signature?: string; redactedData?: string }
  | { kind: 'tool_call'; index: number; id: string; name: string; rawArguments: string };

export interface FinishInput {
  readonly id: string;
  readonly model?: string;
  readonly finishReason: LlmFinishReason;
  readonly usage: LlmUsage;
  readonly requestId?: string;
}

function parseArguments(raw: string): Readonly<Record<string, unknown>> | undefined {
  if (raw.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function toolCallOf(part: { id: string; name: string; rawArguments: string }): LlmToolCall {
  const args = parseArguments(part.rawArguments);
  return {
    id: part.id,
    name: part.name,
    rawArguments: part.rawArguments,
    ...(args === undefined ? {} : { arguments: args })
  };
}

export class ResponseAssembler {
  readonly #provider: LlmProvider;
  #model: string;
  readonly #now: () => number;
  readonly #startedAt: number;
  readonly #emit: LlmStreamListener;
  /** In order of first appearance; a slot is filled when its part ends. */
  readonly #parts: (LlmAssistantPart | undefined)[] = [];
  readonly #open = new Map<string, OpenPart>();
  #started = false;
  #toolCalls = 0;
  #firstTokenAt: number | undefined;

  constructor(
    provider: LlmProvider,
    model: string,
    now: () => number,
    startedAt: number,
    emit: LlmStreamListener
  ) {
    this.#provider = provider;
    this.#model = model;
    this.#now = now;
    this.#startedAt = startedAt;
    this.#emit = emit;
  }

  /** The provider said the response has begun (and which model answers). Idempotent. */
  start(model?: string): void {
    if (model) this.#model = model;
    if (this.#started) return;
    this.#started = true;
    this.#send({ type: 'stream.started', provider: this.#provider, model: this.#model });
  }

  textDelta(key: string, delta: string): void {
    if (delta === '') return;
    const part = this.#openPart(key, 'text', () => ({ kind: 'text', index: 0, text: '' }));
    part.text += delta;
    this.#firstToken();
    this.#send({ type: 'text.delta', index: part.index, delta });
  }

  reasoningDelta(key: string, delta: string): void {
    if (delta === '') return;
    const part = this.#openPart(key, 'reasoning', () => ({
      kind: 'reasoning',
      index: 0,
      text: ''
    }));
    part.text += delta;
    this.#firstToken();
    this.#send({ type: 'reasoning.delta', index: part.index, delta });
  }

  reasoningSignature(key: string, signature: string): void {
    const part = this.#openPart(key, 'reasoning', () => ({
      kind: 'reasoning',
      index: 0,
      text: ''
    }));
    part.signature = (part.signature ?? '') + signature;
  }

  redactedReasoning(key: string, data: string): void {
    const part = this.#openPart(key, 'reasoning', () => ({
      kind: 'reasoning',
      index: 0,
      text: ''
    }));
    part.redactedData = data;
    this.#firstToken();
  }

  toolCallStart(key: string, id: string, name: string): void {
    const existing = this.#open.get(key);
    if (existing?.kind === 'tool_call') return;
    this.#openPart(key, 'tool_call', () => ({
      kind: 'tool_call',
      index: 0,
      id,
      name,
      rawArguments: ''
    }));
    this.#firstToken();
  }

  toolCallDelta(key: string, delta: string): void {
    const part = this.#open.get(key);
    if (part?.kind !== 'tool_call' || delta === '') return;
    part.rawArguments += delta;
    this.#send({ type: 'tool_call.delta', index: part.index, id: part.id, argumentsDelta: delta });
  }

  /** Ends the part with `key`; `finalArguments` replaces what the deltas accumulated for a tool call. */
  end(key: string, finalArguments?: string): void {
    const part = this.#open.get(key);
    if (!part) return;
    this.#open.delete(key);
    switch (part.kind) {
      case 'text':
        this.#parts[part.index] = { type: 'text', text: part.text };
        this.#send({ type: 'text.completed', index: part.index, text: part.text });
        return;
      case 'reasoning':
        this.#parts[part.index] = {
          type: 'reasoning',
          text: part.text,
          ...(part.signature === undefined ? {} : { signature: part.signature }),
          ...(part.redactedData === undefined ? {} : { redactedData: part.redactedData })
        };
        this.#send({ type: 'reasoning.completed', index: part.index, text: part.text });
        return;
      case 'tool_call': {
        if (finalArguments !== undefined) part.rawArguments = finalArguments;
        const toolCall = toolCallOf(part);
        this.#parts[part.index] = { type: 'tool_call', ...toolCall };
        this.#send({ type: 'tool_call.completed', index: part.index, toolCall });
        return;
      }
    }
  }

  usage(usage: LlmUsage): void {
    this.#send({ type: 'usage.updated', usage });
  }

  /** Whether the provider has started answering (`stream.started` was emitted). */
  get started(): boolean {
    return this.#started;
  }

  /** Tool calls started so far. */
  get toolCallCount(): number {
    return this.#toolCalls;
  }

  /** Ends every open part and returns the response (after emitting `response.completed`). */
  finish(input: FinishInput): LlmResponse {
    this.start(input.model);
    for (const key of [...this.#open.keys()]) this.end(key);
    const content = this.#parts.filter((p): p is LlmAssistantPart => p !== undefined);
    const now = this.#now();
    const response: LlmResponse = {
      provider: this.#provider,
      model: input.model || this.#model,
      id: input.id,
      message: { role: 'assistant', content },
      text: content.map((p) => (p.type === 'text' ? p.text : '')).join(''),
      toolCalls: content.flatMap((p) => (p.type === 'tool_call' ? [toolCallOf(p)] : [])),
      finishReason: input.finishReason,
      usage: input.usage,
      timings: {
        startedAt: this.#startedAt,
        ...(this.#firstTokenAt === undefined
          ? {}
          : { timeToFirstTokenMs: this.#firstTokenAt - this.#startedAt }),
        latencyMs: now - this.#startedAt
      },
      ...(input.requestId ? { requestId: input.requestId } : {})
    };
    this.#send({ type: 'response.completed', response });
    return response;
  }

  #firstToken(): void {
    this.#firstTokenAt ??= this.#now();
  }

  #openPart<K extends OpenPart['kind']>(
    key: string,
    kind: K,
    make: () => OpenPart
  ): Extract<OpenPart, { kind: K }> {
    const existing = this.#open.get(key);
    if (existing && existing.kind === kind) return existing as Extract<OpenPart, { kind: K }>;
    if (existing) this.end(key);
    this.start();
    const part = { ...make(), index: this.#parts.length };
    this.#parts.push(undefined);
    if (part.kind === 'tool_call') this.#toolCalls += 1;
    this.#open.set(key, part);
    if (part.kind === 'text') this.#send({ type: 'text.started', index: part.index });
    else if (part.kind === 'reasoning')
      this.#send({ type: 'reasoning.started', index: part.index });
    else this.#send({ type: 'tool_call.started', index: part.index, id: part.id, name: part.name });
    return part as Extract<OpenPart, { kind: K }>;
  }

  #send(event: LlmStreamEvent): void {
    this.#emit(event);
  }
}
