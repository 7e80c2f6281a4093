/**
 * What the fake providers have in common: one provider-neutral description of a model turn (`WireTurn`) and
 * of an error (`WireError`), which each provider module turns into its own real wire format, and the helpers
 * a test uses to read a recorded request body back in provider-neutral terms. The conformance suite is
 * written against `ProviderWire` only.
 */
import type { LlmProvider } from '../../src/ports/llm-client.js';
import type { FakeReply, SseFrame } from './fake-llm-server.js';

/**
 * Token counts with LlmUsage's meaning (input includes cache reads and writes, output includes reasoning);
 * each wire converts them to what its provider reports, so a correct adapter gets the same numbers back.
 */
export interface WireUsage {
  readonly input: number;
  readonly output: number;
  readonly cacheRead?: number;
  readonly cacheWrite?: number;
  readonly reasoning?: number;
}

export interface WireToolCall {
  readonly id: string;
  readonly name: string;
  /** The arguments JSON, split the way the provider streams it. */
  readonly argumentChunks: readonly string[];
}

export interface WireTurn {
  readonly id?: string;
  readonly model?: string;
  readonly reasoning?: readonly string[];
  readonly text?: readonly string[];
  readonly toolCalls?: readonly WireToolCall[];
  readonly usage?: WireUsage;
  /** Default: `tool_calls` when there are tool calls, else `stop`. */
  readonly finish?: 'stop' | 'length';
}

export interface TurnOptions {
  /** Stream (SSE, the default) or answer with one JSON body. */
  readonly stream?: boolean;
  /** Pause the stream before text delta number `beforeTextDelta` (0-based) until `wait` resolves. */
  readonly pauses?: ReadonlyArray<{
    readonly beforeTextDelta: number;
    readonly wait: Promise<void>;
  }>;
  /** Stop after this many text deltas: destroy the socket (a disconnect) or go silent (a hang). */
  readonly cut?: { readonly afterTextDeltas: number; readonly end: 'destroy' | 'hang' };
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

export type WireError =
  | 'rate_limit'
  | 'server'
  | 'overloaded'
  | 'billing'
  | 'quota'
  | 'authentication'
  | 'context_length'
  | 'not_found'
  | 'stream_error';

export interface ErrorOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** Text to put into the provider's error message (e.g. an echoed header). */
  readonly echo?: string;
}

export interface ProviderWire {
  readonly provider: LlmProvider;
  readonly model: string;
  /** The path the SDK posts to. */
  readonly path: string;
  /** The base URL a client needs for a fake at `origin`. */
  baseUrl(origin: string): string;
  turn(turn: WireTurn, options?: TurnOptions): FakeReply;
  /** `undefined` when the provider has no such error (e.g. OpenAI has no separate overloaded status). */
  error(kind: WireError, options?: ErrorOptions): FakeReply;
  /** The reason the adapter should give an `overloaded` reply. */
  readonly overloadedReason: 'overloaded' | 'server';
  /** The reason for the `billing` reply (`quota` for OpenAI's insufficient_quota 429). */
  readonly billingReason: 'billing' | 'quota';
  readonly streamErrorReason: 'overloaded' | 'server';
  // Reading a recorded request body back:
  system(body: unknown): string | undefined;
  userTexts(body: unknown): string[];
  toolNames(body: unknown): string[];
  toolCallsSent(body: unknown): { id: string; name: string; arguments: unknown }[];
  toolResults(body: unknown): { id: string; content: string; isError: boolean }[];
  streams(body: unknown): boolean;
  apiKey(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined;
}

/** A frame plus whether it carries a text delta (pauses and cuts count those). */
export interface MarkedFrame {
  readonly frame: SseFrame;
  readonly textDelta?: boolean;
}

/** The SSE reply for `frames`, with the pauses and the cut of `options` applied. */
export function sseReply(frames: readonly MarkedFrame[], options: TurnOptions = {}): FakeReply {
  const out: SseFrame[] = [];
  let deltas = 0;
  for (const { frame, textDelta } of frames) {
    if (textDelta) {
      if (options.cut && deltas >= options.cut.afterTextDeltas) break;
      for (const pause of options.pauses ?? [])
        if (pause.beforeTextDelta === deltas) out.push({ wait: pause.wait });
      deltas += 1;
    }
    out.push(frame);
  }
  return {
    kind: 'sse',
    frames: out,
    ...(options.cut ? { end: options.cut.end } : {}),
    ...(options.headers ? { headers: options.headers } : {})
  };
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function parseJson(text: unknown): unknown {
  try {
    return typeof text === 'string' ? JSON.parse(text) : text;
  } catch {
    return text;
  }
}

export function headerValue(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  name: string
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
