/**
 * One LlmClient for every provider: routes each request by `request.provider` (else the default provider)
 * to its adapter, built on first use from the environment. A provider that cannot be configured (no key, no
 * endpoint, an unknown name) answers with a terminal `configuration` error value, without sending anything.
 */
import { isLlmError, type LlmError } from '../common/llm-error.js';
import type {
  LlmClient,
  LlmProvider,
  LlmRequest,
  LlmResult,
  LlmStreamListener
} from '../ports/llm-client.js';
import { AnthropicClient } from './anthropic-client.js';
import type { LlmAdapterOptions } from './llm-call.js';
import { configurationError } from './llm-errors.js';
import {
  DEFAULT_PROVIDER_ORDER,
  LLM_PROVIDER_ENVIRONMENT,
  defaultLlmProvider,
  resolveLlmProviderConfig,
  type Environment,
  type LlmProviderConfig
} from './llm-provider-config.js';
import { OpenAiChatClient } from './openai-chat-client.js';
import { OpenAiResponsesClient } from './openai-responses-client.js';

export interface LlmRouterOptions extends LlmAdapterOptions {
  /** Where keys and base URLs come from (the composition root passes `process.env`). */
  readonly env: Environment;
  /** Used when a request names no provider; else the first provider with a key. */
  readonly defaultProvider?: LlmProvider;
}

type ClosableClient = LlmClient & { close(): void };

/** The adapter for a resolved provider configuration. */
export function createLlmAdapter(
  config: LlmProviderConfig,
  options: LlmAdapterOptions
): ClosableClient {
  const common = {
    ...options,
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    keyVariable: config.keyVariable
  };
  switch (config.provider) {
    case 'openai':
      return new OpenAiResponsesClient(common);
    case 'openai-compat':
      return new OpenAiChatClient(common);
    case 'anthropic':
      return new AnthropicClient(common);
  }
}

export class LlmRouter implements LlmClient {
  readonly #options: LlmRouterOptions;
  readonly #clients = new Map<LlmProvider, ClosableClient | LlmError>();

  constructor(options: LlmRouterOptions) {
    this.#options = options;
  }

  /** The client for `provider`, or the configuration error that stops it from being built. */
  clientFor(provider: LlmProvider): ClosableClient | LlmError {
    let client = this.#clients.get(provider);
    if (client === undefined) {
      const resolved = resolveLlmProviderConfig(provider, this.#options.env);
      client = resolved.ok ? createLlmAdapter(resolved.config, this.#options) : resolved.error;
      this.#clients.set(provider, client);
    }
    return client;
  }

  complete(
    request: LlmRequest,
    signal?: AbortSignal,
    onEvent?: LlmStreamListener
  ): Promise<LlmResult> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const provider =
      request.provider ?? this.#options.defaultProvider ?? defaultLlmProvider(this.#options.env);
    if (provider === undefined) {
      const keys = DEFAULT_PROVIDER_ORDER.map((p) => LLM_PROVIDER_ENVIRONMENT[p].keyVariable);
      return Promise.resolve({
        ok: false,
        error: configurationError(
          `No LLM provider is configured: set ${keys.slice(0, -1).join(', ')} or ${keys[keys.length - 1]}, or name a provider.`,
          undefined,
          request.model
        )
      });
    }
    const client = this.clientFor(provider);
    if (isLlmError(client)) return Promise.resolve({ ok: false, error: client });
    return client.complete(request, signal, onEvent);
  }

  /** Closes every adapter's idle connections. */
  close(): void {
    for (const client of this.#clients.values()) if (!isLlmError(client)) client.close();
  }
}
