/**
 * What every LLM adapter does around its SDK call, in one place: the deadlines, the byte-counting fetch,
 * the event listener guard, the response assembler and timings, abort handling and error classification.
 * An adapter supplies only `send`: build the SDK request, run it, feed the assembler.
 */
import type { Secret } from '../common/secret.js';
import type { Clock } from '../ports/clock.js';
import type {
  LlmProvider,
  LlmRequest,
  LlmResponse,
  LlmResult,
  LlmStreamListener
} from '../ports/llm-client.js';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  RequestDeadlines,
  type DeadlineSettings
} from './llm-deadlines.js';
import { classifyLlmError, deadlineError, type ClassifyContext } from './llm-errors.js';
import { createHttpFetch, type Fetch, type HttpAgents } from './llm-http-fetch.js';
import { ResponseAssembler } from './llm-response-assembler.js';

/** What every adapter's options have in common. */
export interface LlmAdapterOptions {
  readonly clock: Clock;
  /** No byte for this long ends the call as retryable `idle_timeout` (default 10 min). */
  readonly streamIdleTimeoutMs?: number;
  /** The whole call may take this long, else retryable `request_timeout` (default 60 min). */
  readonly requestTimeoutMs?: number;
}

export function deadlineSettings(options: LlmAdapterOptions): DeadlineSettings {
  return {
    streamIdleTimeoutMs: options.streamIdleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
  };
}

export interface LlmCallSetup {
  readonly provider: LlmProvider;
  readonly clock: Clock;
  readonly deadlines: DeadlineSettings;
  readonly agents: HttpAgents;
  readonly baseUrl: string;
  readonly keyVariable: string;
  readonly secrets: readonly Secret[];
}

/** What `send` gets: the fetch and signal to hand the SDK, and the assembler to report to. */
export interface ProviderCall {
  readonly fetch: Fetch;
  readonly signal: AbortSignal;
  readonly assembler: ResponseAssembler;
}

export async function runLlmCall(
  setup: LlmCallSetup,
  request: LlmRequest,
  signal: AbortSignal | undefined,
  onEvent: LlmStreamListener | undefined,
  send: (call: ProviderCall) => Promise<LlmResponse>
): Promise<LlmResult> {
  if (signal?.aborted) throw signal.reason;
  const { clock } = setup;
  const startedAt = clock.now();
  const deadlines = new RequestDeadlines(clock, setup.deadlines, signal);
  let listenerFailure: { readonly error: unknown } | undefined;
  const emit: LlmStreamListener = (event) => {
    if (!onEvent || listenerFailure) return;
    try {
      onEvent(event);
    } catch (error) {
      listenerFailure = { error };
      deadlines.abort(error);
    }
  };
  const assembler = new ResponseAssembler(
    setup.provider,
    request.model,
    () => clock.now(),
    startedAt,
    emit
  );
  const fetch = createHttpFetch(setup.agents, () => deadlines.touch());
  let response: LlmResponse | undefined;
  let thrown: unknown;
  try {
    response = await send({ fetch, signal: deadlines.signal, assembler });
  } catch (error) {
    thrown = error;
  } finally {
    deadlines.dispose();
  }
  if (listenerFailure) throw listenerFailure.error;
  if (signal?.aborted) throw signal.reason;
  if (response !== undefined) return { ok: true, response };
  const context: ClassifyContext = {
    provider: setup.provider,
    model: request.model,
    baseUrl: setup.baseUrl,
    keyVariable: setup.keyVariable,
    secrets: setup.secrets,
    now: clock.now(),
    streamStarted: assembler.started
  };
  const expired = deadlines.expired;
  if (expired) return { ok: false, error: deadlineError(expired, setup.deadlines, context) };
  return { ok: false, error: classifyLlmError(thrown, context) };
}
