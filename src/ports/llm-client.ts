/**
 * One provider-neutral model of an LLM call (the unified LLM spec, ../shared/reference/unified-llm-spec.md
 * §3–§5), implemented over the official SDKs by src/adapters (OpenAI Responses, OpenAI-compatible Chat
 * Completions, Anthropic Messages). Requests and responses are plain data: they can be written to a
 * transcript as they are, and never hold a credential.
 */
import type { LlmError } from '../common/llm-error.js';
import type { LlmUsage } from '../common/llm-usage.js';

export type { LlmUsage } from '../common/llm-usage.js';
export type { LlmError, LlmErrorKind, LlmErrorReason } from '../common/llm-error.js';

/**
 * `openai`: the Responses API. `openai-compat`: Chat Completions, for any OpenAI-compatible endpoint
 * (a gateway, a local server, Gemini's compatibility endpoint) at its base URL. `anthropic`: Messages.
 */
export const LlmProviders = ['openai', 'openai-compat', 'anthropic'] as const;
export type LlmProvider = (typeof LlmProviders)[number];

export interface LlmTextPart {
  readonly type: 'text';
  readonly text: string;
}

export interface LlmToolCall {
  /** The provider's id for the call; a tool result answers it with the same id. */
  readonly id: string;
  readonly name: string;
  /** The parsed arguments; absent when `rawArguments` is not a JSON object. */
  readonly arguments?: Readonly<Record<string, unknown>>;
  /** The arguments exactly as the model produced them. */
  readonly rawArguments: string;
}

export interface LlmToolCallPart extends LlmToolCall {
  readonly type: 'tool_call';
}

/**
 * Reasoning the provider returned. Anthropic thinking blocks must go back verbatim in later turns, so
 * `signature` (thinking) and `redactedData` (redacted thinking) are kept; other providers' reasoning is
 * informational and is not sent back.
 */
export interface LlmReasoningPart {
  readonly type: 'reasoning';
  readonly text: string;
  readonly signature?: string;
  readonly redactedData?: string;
}

export type LlmAssistantPart = LlmTextPart | LlmToolCallPart | LlmReasoningPart;

export interface LlmUserMessage {
  readonly role: 'user';
  readonly content: string | readonly LlmTextPart[];
}

export interface LlmAssistantMessage {
  readonly role: 'assistant';
  readonly content: readonly LlmAssistantPart[];
}

/** The result of one tool call, answering the call with `toolCallId`. */
export interface LlmToolResultMessage {
  readonly role: 'tool';
  readonly toolCallId: string;
  readonly content: string;
  /** Sent as Anthropic's `is_error`; OpenAI has no such flag, so say so in `content` too. */
  readonly isError?: boolean;
}

export type LlmMessage = LlmUserMessage | LlmAssistantMessage | LlmToolResultMessage;

export interface LlmToolDefinition {
  /** `[a-zA-Z][a-zA-Z0-9_]*`, at most 64 characters (the subset every provider accepts). */
  readonly name: string;
  readonly description: string;
  /** A JSON Schema whose root is `{ "type": "object", … }`. */
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** `auto` (the default with tools), `none`, `required` (some tool), or one named tool. */
export type LlmToolChoice = 'auto' | 'none' | 'required' | { readonly name: string };

export interface LlmRequest {
  /** Routes the request (LlmRouter); an adapter ignores it. */
  readonly provider?: LlmProvider;
  /** The provider's own model id (`gpt-5.5`, `claude-sonnet-4-6`, …). */
  readonly model: string;
  readonly system?: string;
  readonly messages: readonly LlmMessage[];
  readonly tools?: readonly LlmToolDefinition[];
  readonly toolChoice?: LlmToolChoice;
  /** Output token cap. Anthropic requires one: its adapter sends a default when absent. */
  readonly maxTokens?: number;
  readonly temperature?: number;
  /** `minimal` | `low` | `medium` | `high`: OpenAI `reasoning.effort` / `reasoning_effort`. */
  readonly reasoningEffort?: string;
  /** Anthropic `stop_sequences`, Chat Completions `stop`; the Responses API has none (not sent). */
  readonly stopSequences?: readonly string[];
  /** Stream the response (the default). `false` asks for one JSON response; events still arrive. */
  readonly stream?: boolean;
  /**
   * Prompt caching (default on). Anthropic caches only what the request marks, so its adapter marks the
   * system prompt, the last tool and the last message; OpenAI caches by itself.
   */
  readonly cache?: boolean;
}

/** Why generation stopped: the unified value, and the provider's own (`end_turn`, `incomplete`, …). */
export interface LlmFinishReason {
  readonly reason: 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error' | 'other';
  readonly raw?: string;
}

/** Times from the injected Clock, in ms. */
export interface LlmTimings {
  /** When the request was started (epoch ms). */
  readonly startedAt: number;
  /** From the start to the first text, reasoning or tool-call delta; absent when none came. */
  readonly timeToFirstTokenMs?: number;
  /** From the start to the complete response. */
  readonly latencyMs: number;
}

export interface LlmResponse {
  readonly provider: LlmProvider;
  /** The model that answered (may differ from the one requested, e.g. a dated snapshot). */
  readonly model: string;
  /** The provider's response id. */
  readonly id: string;
  readonly message: LlmAssistantMessage;
  /** The text parts of `message`, joined. */
  readonly text: string;
  /** The tool-call parts of `message`, in order. */
  readonly toolCalls: readonly LlmToolCall[];
  readonly finishReason: LlmFinishReason;
  readonly usage: LlmUsage;
  readonly timings: LlmTimings;
  /** The provider's request id, when it sent one. */
  readonly requestId?: string;
}

/**
 * What happens while a response arrives, in order: `stream.started` first, `response.completed` last
 * (only for a call that succeeds). Deltas of one part come between its `started` and `completed`;
 * `index` is the part's position in `message.content`.
 */
export type LlmStreamEvent =
  | { readonly type: 'stream.started'; readonly provider: LlmProvider; readonly model: string }
  | { readonly type: 'text.started'; readonly index: number }
  | { readonly type: 'text.delta'; readonly index: number; readonly delta: string }
  | { readonly type: 'text.completed'; readonly index: number; readonly text: string }
  | { readonly type: 'reasoning.started'; readonly index: number }
  | { readonly type: 'reasoning.delta'; readonly index: number; readonly delta: string }
  | { readonly type: 'reasoning.completed'; readonly index: number; readonly text: string }
  | {
      readonly type: 'tool_call.started';
      readonly index: number;
      readonly id: string;
      readonly name: string;
    }
  | {
      readonly type: 'tool_call.delta';
      readonly index: number;
      readonly id: string;
      readonly argumentsDelta: string;
    }
  | { readonly type: 'tool_call.completed'; readonly index: number; readonly toolCall: LlmToolCall }
  | { readonly type: 'usage.updated'; readonly usage: LlmUsage }
  | { readonly type: 'response.completed'; readonly response: LlmResponse };

export type LlmStreamListener = (event: LlmStreamEvent) => void;

/** A call's outcome. Provider and transport failures are values; only an abort (and bugs) reject. */
export type LlmResult =
  | { readonly ok: true; readonly response: LlmResponse }
  | { readonly ok: false; readonly error: LlmError };

export interface LlmClient {
  /**
   * Sends `request` and resolves with the complete response or a classified error (`LlmError`: retryable,
   * terminal or pause). Events go to `onEvent` as they arrive. Rejects with `signal.reason` when `signal`
   * aborts; the connection is closed first. Never retries: the engine's retry policy owns retries.
   */
  complete(
    request: LlmRequest,
    signal?: AbortSignal,
    onEvent?: LlmStreamListener
  ): Promise<LlmResult>;
}
