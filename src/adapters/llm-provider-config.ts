/**
 * Which key and base URL each LLM provider uses, resolved from an environment record: a pure function (the
 * caller passes `process.env` or a test's record), so a missing key is an error value naming the variable to
 * set, known before any request. The variable names are the SDKs' own, so they work as users expect; the
 * SDKs are never left to read the environment themselves.
 */
import type { LlmError } from '../common/llm-error.js';
import { Secret } from '../common/secret.js';
import { Suggester } from '../common/suggest.js';
import { LlmProviders, type LlmProvider } from '../ports/llm-client.js';
import { configurationError } from './llm-errors.js';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';

export type Environment = Readonly<Record<string, string | undefined>>;

interface ProviderEnvironment {
  readonly keyVariable: string;
  readonly baseUrlVariable: string;
  /** Absent: the base URL must be set (an OpenAI-compatible endpoint has no default). */
  readonly defaultBaseUrl?: string;
}

/** The variables of each provider (Tracker's names, parity notes §1). */
export const LLM_PROVIDER_ENVIRONMENT: Readonly<Record<LlmProvider, ProviderEnvironment>> = {
  openai: {
    keyVariable: 'OPENAI_API_KEY',
    baseUrlVariable: 'OPENAI_BASE_URL',
    defaultBaseUrl: OPENAI_DEFAULT_BASE_URL
  },
  'openai-compat': {
    keyVariable: 'OPENAI_COMPAT_API_KEY',
    baseUrlVariable: 'OPENAI_COMPAT_BASE_URL'
  },
  anthropic: {
    keyVariable: 'ANTHROPIC_API_KEY',
    baseUrlVariable: 'ANTHROPIC_BASE_URL',
    defaultBaseUrl: ANTHROPIC_DEFAULT_BASE_URL
  }
};

/** The order in which the default provider is picked: the first with a key (as Tracker does). */
export const DEFAULT_PROVIDER_ORDER: readonly LlmProvider[] = [
  'anthropic',
  'openai',
  'openai-compat'
];

export interface LlmProviderConfig {
  readonly provider: LlmProvider;
  readonly apiKey: Secret;
  readonly keyVariable: string;
  readonly baseUrl: string;
}

export type LlmProviderConfigResult =
  | { readonly ok: true; readonly config: LlmProviderConfig }
  | { readonly ok: false; readonly error: LlmError };

function isProvider(name: string): name is LlmProvider {
  return (LlmProviders as readonly string[]).includes(name);
}

function nonBlank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The key and base URL for `provider` from `env`, or a configuration error saying what to set. */
export function resolveLlmProviderConfig(
  provider: string,
  env: Environment
): LlmProviderConfigResult {
  if (!isProvider(provider)) {
    const hint = new Suggester(LlmProviders).suggest(provider);
    return {
      ok: false,
      error: configurationError(
        `Unknown LLM provider '${provider}'.${hint ? ` Did you mean '${hint}'?` : ''} Use one of: ${LlmProviders.join(', ')}.`
      )
    };
  }
  const vars = LLM_PROVIDER_ENVIRONMENT[provider];
  const key = nonBlank(env[vars.keyVariable]);
  if (key === undefined)
    return {
      ok: false,
      error: configurationError(
        `The ${provider} provider has no API key: set ${vars.keyVariable}${provider === 'openai-compat' ? ' (any value for an endpoint that needs none)' : ''}.`,
        provider
      )
    };
  const baseUrl = nonBlank(env[vars.baseUrlVariable]) ?? vars.defaultBaseUrl;
  if (baseUrl === undefined)
    return {
      ok: false,
      error: configurationError(
        `The ${provider} provider has no endpoint: set ${vars.baseUrlVariable} to its base URL (e.g. http://localhost:11434/v1).`,
        provider
      )
    };
  let protocol: string;
  try {
    protocol = new URL(baseUrl).protocol;
  } catch {
    protocol = '';
  }
  if (protocol !== 'http:' && protocol !== 'https:')
    return {
      ok: false,
      error: configurationError(
        `${vars.baseUrlVariable} is not an http(s) URL: '${baseUrl}'. Fix it${vars.defaultBaseUrl ? ` or unset it to use ${vars.defaultBaseUrl}` : ''}.`,
        provider
      )
    };
  return {
    ok: true,
    config: {
      provider,
      apiKey: new Secret(key),
      keyVariable: vars.keyVariable,
      baseUrl: baseUrl.replace(/\/+$/, '')
    }
  };
}

/** The first provider in DEFAULT_PROVIDER_ORDER whose key is set, if any. */
export function defaultLlmProvider(env: Environment): LlmProvider | undefined {
  return DEFAULT_PROVIDER_ORDER.find(
    (provider) => nonBlank(env[LLM_PROVIDER_ENVIRONMENT[provider].keyVariable]) !== undefined
  );
}
