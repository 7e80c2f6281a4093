/**
 * What every LLM adapter does around its SDK call, in one place: the deadlines, the byte-counting fetch,
 * the event listener guard, the response assembler and timings, abort handling and error classification.
 * An adapter supplies only `send`: build the SDK request, run it, feed the assembler.
 */
import type { Secret } from '../common/secret.js';
import type { Clock } from '../ports/clock.js';
import type {
  LlmClient,
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
import {
  createHttpAgents,
  createHttpFetch,
  destroyHttpAgents,
  type Fetch,
  type HttpAgents
} from './llm-http-fetch.js';
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

/** What an adapter tells the base class: who it is, where it sends, and with which key. */
export interface LlmClientSetup {
  readonly provider: LlmProvider;
  readonly options: LlmAdapterOptions;
  readonly apiKey: Secret;
  readonly baseUrl: string;
  /** The environment variable the key comes from (named in errors, never its value). */
  readonly keyVariable: string;
}

/**
 * What the three SDK adapters share: the call path (`runLlmCall`: deadlines, classification, events),
 * the keep-alive agents and their closing. An adapter only says how it sends a request (`send`).
 */
export abstract class SdkLlmClient implements LlmClient {
  protected readonly apiKey: Secret;
  protected readonly baseUrl: string;
  readonly #setup: LlmClientSetup;
  readonly #agents: HttpAgents = createHttpAgents();

  protected constructor(setup: LlmClientSetup) {
    this.#setup = setup;
    this.apiKey = setup.apiKey;
    this.baseUrl = setup.baseUrl;
  }

  complete(
    request: LlmRequest,
    signal?: AbortSignal,
    onEvent?: LlmStreamListener
  ): Promise<LlmResult> {
    const { provider, options, keyVariable } = this.#setup;
    return runLlmCall(
      {
        provider,
        clock: options.clock,
        deadlines: deadlineSettings(options),
        agents: this.#agents,
        baseUrl: this.baseUrl,
        keyVariable,
        secrets: [this.apiKey]
      },
      request,
      signal,
      onEvent,
      (call) => this.send(request, call)
    );
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    destroyHttpAgents(this.#agents);
  }

  protected abstract send(request: LlmRequest, call: ProviderCall): Promise<LlmResponse>;
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
